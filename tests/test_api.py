"""The public face of casekit: a complete __all__, cheap import, working CLI."""

import json
import subprocess
import sys
import types

import casekit
from casekit.cli import main


def test_all_is_complete_and_resolvable():
    public = {name for name in dir(casekit) if not name.startswith("_")}
    modules = {name for name in public if isinstance(getattr(casekit, name), types.ModuleType)}
    assert set(casekit.__all__) == (public - modules) | {"__version__"}
    for name in casekit.__all__:
        assert getattr(casekit, name) is not None


def test_public_functions_have_numpy_docstrings():
    for name in casekit.__all__:
        obj = getattr(casekit, name)
        if callable(obj) and not isinstance(obj, type):
            doc = obj.__doc__ or ""
            assert "Returns" in doc or "Raises" in doc, f"{name} lacks a numpy-style docstring"


def test_import_stays_light():
    code = (
        "import sys, casekit; "
        "print(json.dumps(sorted(m for m in ('altair', 'ipywidgets', 'vl_convert', "
        "'jsonschema', 'nbformat') if m in sys.modules)))"
    )
    out = subprocess.run(
        [sys.executable, "-c", "import json; " + code], check=True, capture_output=True, text=True
    ).stdout
    assert json.loads(out) == []


def test_version_matches_the_installed_metadata():
    from importlib.metadata import version

    assert casekit.__version__ == version("casekit")


def test_cli_validate_ok_and_broken(tmp_path, capsys):
    assert main(["validate"]) == 0
    assert "valid, no problems found" in capsys.readouterr().out
    assert main(["validate", str(tmp_path)]) == 1
    assert "no datapackage.json" in capsys.readouterr().err  # a mistake in the call: stderr


def test_cli_tables_and_cite(capsys):
    assert main(["tables"]) == 0
    assert "meetings" in capsys.readouterr().out
    assert main(["cite", "meetings"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("casekit contributors") and "Sources of table 'meetings'" in out


def test_cli_without_command_prints_help(capsys):
    assert main([]) == 2
    assert "validate" in capsys.readouterr().out


def test_lazy_names_survive_their_modules_being_imported():
    import importlib

    for module in (
        "casekit.combining",
        "casekit.scaffolding",
        "casekit.text",
        "casekit.exercises",
        "casekit.codebook",
        "casekit.citation",
    ):
        importlib.import_module(module)
    for name in casekit.__all__:
        assert not isinstance(getattr(casekit, name), types.ModuleType), name
