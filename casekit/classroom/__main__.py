"""``python -m casekit.classroom``: run the class service (see :mod:`casekit.classroom.app`)."""

import sys

from casekit.classroom.app import main

if __name__ == "__main__":  # not when the chart process imports this module (spawn)
    sys.exit(main())
