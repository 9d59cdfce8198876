"""Settings that hold for the whole test session, notebooks included.

Kernels started by nbval inherit this process's environment, so answers recorded while a
notebook runs under test go to a temporary folder, never beside the committed notebooks,
and kernels keep their connection files and IPython history in temporary folders, never
in the home folder. A session that changes a file under data/, notebooks/, exercises/ or
docs/ fails: tests write only to temporary folders.
"""

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

_SESSION_TMP = Path(tempfile.mkdtemp(prefix="casekit-test-session-"))
# Registered first, so it runs last at exit: after IPython shells made in this process
# have written their history.
atexit.register(shutil.rmtree, _SESSION_TMP, True)
(_SESSION_TMP / "answers").mkdir()
os.environ.setdefault("CASEKIT_ANSWERS_DIR", str(_SESSION_TMP / "answers"))
os.environ.setdefault("MPLBACKEND", "Agg")
os.environ.setdefault("IPYTHONDIR", str(_SESSION_TMP / "ipython"))
os.environ.setdefault("JUPYTER_RUNTIME_DIR", str(_SESSION_TMP / "jupyter-runtime"))

ROOT = Path(__file__).resolve().parent
#: Folders of committed content that no test may write in.
GUARDED = ("data", "notebooks", "exercises", "docs")
_SKIPPED_PARTS = {"__pycache__", ".ipynb_checkpoints"}


def _snapshot() -> dict[str, tuple[int, int]]:
    """Size and modification time of every file in the guarded folders."""
    files = {}
    for folder in GUARDED:
        for path in (ROOT / folder).rglob("*"):
            if path.is_file() and not _SKIPPED_PARTS & set(path.parts):
                stat = path.stat()
                files[str(path.relative_to(ROOT))] = (stat.st_size, stat.st_mtime_ns)
    return files


def pytest_sessionstart(session):
    """Note every file in the guarded folders before any test runs."""
    session.config.stash[_BEFORE] = _snapshot()


def pytest_sessionfinish(session, exitstatus):
    """Fail the run if any test wrote in a guarded folder of the checkout."""
    before = session.config.stash.get(_BEFORE, None)
    if before is None:
        return
    after = _snapshot()
    changed = sorted(
        name for name in set(before) | set(after) if before.get(name) != after.get(name)
    )
    if changed:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        message = "tests wrote in the checkout's committed folders: " + ", ".join(changed[:20])
        if reporter is not None:
            reporter.ensure_newline()
            reporter.write_line(message, red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


_BEFORE = pytest.StashKey[dict]()

collect_ignore_glob = [".venv/*", "build/*", "dist/*", "benchmarks/*", "scripts/*", "data/*"]

# nbval compares text, never rich HTML or images: a chart's SVG depends on the fonts a
# machine has, a DataFrame's HTML on pandas' styling. Each rich output has a text twin that
# is compared instead: describe(chart) for charts, the text/plain repr for tables and
# widgets (feedback is set through widget traits and shows in that text).
RICH_OUTPUTS = (
    "text/html",
    "image/svg+xml",
    "application/javascript",
    "application/vnd.vegalite.v5+json",
    "application/vnd.vegalite.v6+json",
    "application/vnd.vega.v5+json",
)


def pytest_collection_modifyitems(items):
    """Add the rich output types to what nbval leaves out of its comparison."""
    for item in items:
        notebook = getattr(item, "parent", None)
        if hasattr(notebook, "skip_compare") and "text/html" not in notebook.skip_compare:
            notebook.skip_compare = tuple(notebook.skip_compare) + RICH_OUTPUTS
