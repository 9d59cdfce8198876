"""``python -m casekit.classroom``: run the class service (see :mod:`casekit.classroom.app`)."""

import sys

from casekit.classroom.app import main

sys.exit(main())
