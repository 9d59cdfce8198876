"""Every committed notebook carries the metadata JupyterLab writes when it opens one.

Once a kernel is connected, JupyterLab sets the notebook's ``kernelspec`` (from the
kernel's spec) and ``language_info`` (from the kernel), and upgrades an older format or
adds missing cell ids; any difference marks the notebook modified the moment it is opened.
The browser tests prove that in JupyterLab; this catches a build script that drifts.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from ipykernel.ipkernel import IPythonKernel

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted(
    [
        *ROOT.glob("notebooks/*.ipynb"),
        *ROOT.glob("exercises/*.ipynb"),
        *ROOT.glob("exercises/solutions/*.ipynb"),
    ]
)
KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT)))
def test_notebook_opens_unmodified_in_jupyterlab(path):
    nb = json.loads(path.read_text("utf-8"))
    assert (nb["nbformat"], nb["nbformat_minor"]) == (4, 5)
    assert all(cell.get("id") for cell in nb["cells"])
    assert nb["metadata"]["kernelspec"] == KERNELSPEC
    info = dict(nb["metadata"]["language_info"])
    expected = dict(IPythonKernel.language_info)
    # the Python version is the one the notebook was built with (the browser tests run
    # their copies with this machine's)
    assert info.pop("version", None) and expected.pop("version")
    assert info == expected
