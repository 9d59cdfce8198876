"""Settings that hold for the whole test session, notebooks included.

Kernels started by nbval inherit this process's environment, so answers recorded while a
notebook runs under test go to a temporary folder, never beside the committed notebooks.
"""

import os
import tempfile

os.environ.setdefault("CASEKIT_ANSWERS_DIR", tempfile.mkdtemp(prefix="casekit-answers-"))
os.environ.setdefault("MPLBACKEND", "Agg")

collect_ignore_glob = [".venv/*", "build/*", "dist/*", "benchmarks/*", "scripts/*", "data/*"]
