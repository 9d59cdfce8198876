"""The layout keeps its promises: dependencies one way, no cycles, no private reach-ins.

Every module under ``casekit/`` is parsed (``ast``, every import statement, including those
inside functions and ``TYPE_CHECKING`` blocks). The layers, lowest first::

    base (stdlib only: _version, resources, outputs, course)
      <- package (the data package)
        <- research, charts          (peers: neither imports the other)
          <- exercises               (may draw with charts)
            <- classroom             (the hub service and its client)
              <- cli                 (nothing imports it)

The public aliases (``casekit/__init__.py``, ``casekit.text``, ``casekit.theme``...) sit
above everything but the CLI, and nothing below them imports them.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1] / "casekit"

BASE = ("casekit._version", "casekit.resources", "casekit.outputs", "casekit.course")
ALIASES = (
    "casekit",
    "casekit.citation",
    "casekit.codebook",
    "casekit.combining",
    "casekit.notebook",
    "casekit.scaffolding",
    "casekit.text",
    "casekit.theme",
)
SUBPACKAGES = ("package", "research", "charts", "exercises", "classroom", "cli")
#: Which layers each layer may import.
ALLOWED: dict[str, set[str]] = {
    "base": {"base"},
    "package": {"base", "package"},
    "research": {"base", "package", "research"},
    "charts": {"base", "package", "charts"},
    "exercises": {"base", "package", "charts", "exercises"},
    "classroom": {"base", "package", "research", "charts", "exercises", "classroom"},
    "aliases": {"base", "package", "research", "charts", "exercises", "classroom", "aliases"},
    "cli": {"base", "package", "research", "charts", "exercises", "classroom", "cli"},
}
#: Private imports owned by casekit/exercises, which its own rework removes (issue 13).
#: An entry here that no longer occurs is harmless; a new private import fails the test.
KNOWN_PRIVATE_IMPORTS: set[tuple[str, str]] = set()
#: Cycles among the modules of casekit/exercises, which its own rework removes (issue 13).
#: Empty this once that lands; a cycle anywhere else fails the test.
KNOWN_CYCLE_PACKAGES: tuple[str, ...] = ()


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES: dict[str, Path] = {module_name(p): p for p in sorted(ROOT.rglob("*.py"))}


def layer(module: str) -> str:
    if module in BASE:
        return "base"
    if module in ALIASES:
        return "aliases"
    parts = module.split(".")
    if len(parts) > 1 and parts[1] in SUBPACKAGES:
        return parts[1]
    raise AssertionError(
        f"{module} belongs to no layer: put it in a subpackage, or add it to BASE or ALIASES "
        "in tests/test_architecture.py"
    )


def is_package(module: str) -> bool:
    return MODULES[module].name == "__init__.py"


def imports(module: str) -> Iterator[tuple[str, str | None, int]]:
    """Yield (imported module, imported name or None, line) for every import statement."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    package = module if is_package(module) else module.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, None, node.lineno
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                yield base, alias.name, node.lineno


def casekit_edges(module: str) -> Iterator[tuple[str, str | None, int]]:
    """Yield (target module, imported name, line) for the imports of casekit modules.

    ``from casekit.charts import theme`` is an import of the module ``casekit.charts.theme``;
    ``from casekit.charts import describe`` (a function) is one of ``casekit.charts``.
    """
    for target, name, line in imports(module):
        if target != "casekit" and not target.startswith("casekit."):
            continue
        if name is not None and f"{target}.{name}" in MODULES:
            yield f"{target}.{name}", None, line
        else:
            yield target, name, line


def test_every_module_has_a_layer_and_imports_only_what_exists():
    for module in MODULES:
        layer(module)
        for target, _, line in casekit_edges(module):
            assert target in MODULES, f"{module}:{line} imports {target}, which does not exist"


def test_dependencies_point_one_way():
    wrong = []
    for module in MODULES:
        mine = layer(module)
        for target, _, line in casekit_edges(module):
            theirs = layer(target)
            if theirs not in ALLOWED[mine]:
                wrong.append(f"{module}:{line} ({mine}) imports {target} ({theirs})")
    assert not wrong, "imports against the layers:\n" + "\n".join(wrong)


def test_the_base_layer_uses_only_the_standard_library():
    for module in BASE:
        for target, _, line in imports(module):
            top = target.split(".")[0]
            assert top == "casekit" or top in sys.stdlib_module_names, (
                f"{module}:{line} imports {target}; the base layer is standard library only"
            )


def test_no_import_cycles():
    graph = {m: sorted({t for t, _, _ in casekit_edges(m)} - {m}) for m in MODULES}
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    path: list[str] = []
    cycles: list[list[str]] = []

    def visit(node: str) -> None:
        state[node] = 1
        path.append(node)
        for nxt in graph[node]:
            if state.get(nxt) == 1:
                cycles.append([*path[path.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt)
        path.pop()
        state[node] = 2

    for module in graph:
        if module not in state:
            visit(module)
    cycles = [
        c for c in cycles if not any(all(m.startswith(p) for m in c) for p in KNOWN_CYCLE_PACKAGES)
    ]
    assert not cycles, "import cycles:\n" + "\n".join(" -> ".join(c) for c in cycles)


def private_part(dotted: str) -> int | None:
    """Return the index of the first private (``_x``, not dunder) part of a dotted name."""
    for i, part in enumerate(dotted.split(".")):
        if part.startswith("_") and not part.startswith("__"):
            return i
    return None


def test_no_module_imports_another_modules_private_names():
    """``from m import _x`` only inside ``m``; ``a.b._c`` only from within ``a.b``."""
    wrong = []
    for module in MODULES:
        for target, name, line in casekit_edges(module):
            dotted = f"{target}.{name}" if name else target
            index = private_part(dotted)
            if index is None:
                continue
            parts = dotted.split(".")
            owner = ".".join(parts[:index])
            private_module = ".".join(parts[: index + 1]) in MODULES
            if private_module and (module == owner or module.startswith(owner + ".")):
                continue  # a private module of the importer's own package
            if (module, dotted) in KNOWN_PRIVATE_IMPORTS:
                continue
            wrong.append(f"{module}:{line} imports {dotted}")
    assert not wrong, "private names imported from another module:\n" + "\n".join(wrong)


def test_the_checker_sees_what_it_must(tmp_path):
    """The helpers resolve relative imports, function-level imports and module names."""
    assert module_name(ROOT / "charts" / "__init__.py") == "casekit.charts"
    assert layer("casekit.package.load") == "package"
    edges = {t for t, _, _ in casekit_edges("casekit.charts.areas")}
    assert "casekit.charts.theme" in edges  # `from casekit.charts import theme`
    cli_edges = {t for t, _, _ in casekit_edges("casekit.cli.data")}
    assert "casekit.package.validate" in cli_edges  # imported inside a function
    with pytest.raises(AssertionError, match="belongs to no layer"):
        layer("casekit.stray")
    assert private_part("casekit.charts._base") == 2
    assert private_part("casekit.__version__") is None


def test_validate_never_imports_the_loader():
    seen, todo = set(), ["casekit.package.validate"]
    while todo:
        module = todo.pop()
        if module not in seen:
            seen.add(module)
            todo += [t for t, _, _ in casekit_edges(module)]
    assert "casekit.package.load" not in seen
