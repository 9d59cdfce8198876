"""Settings that hold for the whole test session, notebooks included.

Kernels started by nbval inherit this process's environment, so answers recorded while a
notebook runs under test go to a temporary folder, never beside the committed notebooks.
"""

import os
import tempfile

os.environ.setdefault("CASEKIT_ANSWERS_DIR", tempfile.mkdtemp(prefix="casekit-answers-"))
os.environ.setdefault("MPLBACKEND", "Agg")

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
