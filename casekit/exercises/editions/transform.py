"""Turn a solution edition into a student edition: drop solutions, seal keys, clear outputs.

- cells tagged ``solution`` are dropped;
- in code cells, ``### BEGIN SOLUTION`` … ``### END SOLUTION`` blocks become
  ``# your code here``; a line ``name = value  # SOLUTION`` becomes ``name = None``;
  any other line marked ``# SOLUTION`` is dropped;
- in question definitions (any factory or class of the registry of question kinds), the
  ``answer=``, ``feedback=`` and ``explanation=`` literals are replaced by one obfuscated
  ``key="ck1:..."`` (a self-check, not a secret);
- outputs, execution counts and widget state are removed.
"""

from __future__ import annotations

import ast
import copy
import re
from typing import Any

from casekit.exercises.base import SEALED_FIELDS
from casekit.exercises.keys import seal
from casekit.exercises.kinds import call_names

SOLUTION_TAG = "solution"
_BEGIN = re.compile(r"^(\s*)#+\s*BEGIN SOLUTION\s*$")
_END = re.compile(r"^\s*#+\s*END SOLUTION\s*$")
_MARKED = re.compile(r"\s*#\s*SOLUTION\s*$")
_ASSIGN = re.compile(r"^(\s*)([A-Za-z_][\w.]*)\s*=(?!=)")


class EditionError(ValueError):
    """A solution edition that cannot be turned into a student edition; says where."""


# -- the transformation ----------------------------------------------------------------
def strip_solution_code(source: str, where: str = "cell") -> str:
    """Remove solution blocks and ``# SOLUTION`` lines from one code cell's source."""
    out: list[str] = []
    inside: str | None = None
    for number, line in enumerate(source.split("\n"), 1):
        begin = _BEGIN.match(line)
        if begin:
            if inside is not None:
                raise EditionError(f"{where}, line {number}: BEGIN SOLUTION inside another block")
            inside = begin.group(1)
            continue
        if _END.match(line):
            if inside is None:
                raise EditionError(f"{where}, line {number}: END SOLUTION without BEGIN SOLUTION")
            out.append(f"{inside}# your code here")
            inside = None
            continue
        if inside is not None:
            continue
        if _MARKED.search(line):
            assign = _ASSIGN.match(line)
            if assign:
                out.append(f"{assign.group(1)}{assign.group(2)} = None  # your answer")
            continue
        out.append(line)
    if inside is not None:
        raise EditionError(f"{where}: BEGIN SOLUTION without END SOLUTION")
    return "\n".join(out)


def _offsets(source: str) -> list[int]:
    starts, total = [0], 0
    for line in source.split("\n"):
        total += len(line) + 1
        starts.append(total)
    return starts


def _char_col(source_lines: list[str], lineno: int, byte_col: int) -> int:
    return len(source_lines[lineno - 1].encode()[:byte_col].decode(errors="ignore"))


def _call_name(node: ast.Call) -> str:
    func = node.func
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ""


def _question_id(node: ast.Call) -> ast.expr | None:
    if node.args:
        return node.args[0]
    return next((k.value for k in node.keywords if k.arg == "id"), None)


def _sealed_token(node: ast.Call, sealed_kws: list[ast.keyword], where: str) -> str:
    """Return the ``key=`` token for the literal keys of one question definition."""
    id_node = _question_id(node)
    try:
        qid = ast.literal_eval(id_node) if id_node is not None else None
        fields = {k.arg: ast.literal_eval(k.value) for k in sealed_kws}
    except ValueError:
        raise EditionError(
            f"{where}, line {node.lineno}: the question id and its answer=, feedback= and "
            "explanation= must be literals (strings, numbers, lists, dicts) "
            "so they can be sealed"
        ) from None
    if not isinstance(qid, str):
        raise EditionError(f"{where}, line {node.lineno}: the question id must be a string literal")
    return seal({k: v for k, v in fields.items() if v is not None}, qid)


def _keyword_edits(
    source: str, sealed_kws: list[ast.keyword], token: str
) -> list[tuple[int, int, str]]:
    """Return (start, end, replacement) edits that put ``key=token`` in place of the keys."""
    lines = source.split("\n")
    starts = _offsets(source)
    edits = []
    for i, kw in enumerate(sorted(sealed_kws, key=lambda k: (k.lineno, k.col_offset))):
        end_lineno = kw.end_lineno or kw.lineno
        start = starts[kw.lineno - 1] + _char_col(lines, kw.lineno, kw.col_offset)
        end = starts[end_lineno - 1] + _char_col(lines, end_lineno, kw.end_col_offset or 0)
        tail = re.match(r"[ \t]*,?[ \t]*(#[^\n]*)?\n?", source[end:])
        end += tail.end() if tail else 0
        line_start = starts[kw.lineno - 1]
        if not source[line_start:start].strip():  # the keyword has a line of its own
            indent = source[line_start:start]
            start = line_start
            replacement = f'{indent}key="{token}",\n' if i == 0 else ""
        else:
            replacement = f'key="{token}", ' if i == 0 else ""
        edits.append((start, end, replacement))
    return edits


def seal_question_keys(source: str, where: str = "cell") -> str:
    """Replace plain ``answer=``/``feedback=``/``explanation=`` literals by a sealed ``key=``."""
    if not any(f"{name}=" in source for name in SEALED_FIELDS):
        return source
    try:
        tree = ast.parse(source)
    except SyntaxError as exc:
        raise EditionError(
            f"{where}, line {exc.lineno}: cannot parse the code: {exc.msg}"
        ) from None
    factories = call_names()
    edits: list[tuple[int, int, str]] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or _call_name(node) not in factories:
            continue
        sealed_kws = [k for k in node.keywords if k.arg in SEALED_FIELDS]
        if sealed_kws:
            edits += _keyword_edits(source, sealed_kws, _sealed_token(node, sealed_kws, where))
    for start, end, replacement in sorted(edits, reverse=True):
        source = source[:start] + replacement + source[end:]
    return source


def student_edition(solution: Any, source_name: str = "") -> Any:
    """Return the student edition of a solution notebook (an ``nbformat`` node).

    The edition keeps the solution's kernelspec and ``language_info`` whole: JupyterLab
    writes both into a notebook it opens, and marks it modified if they differ.

    Raises
    ------
    EditionError
        With the cell and line, for unbalanced solution blocks or non-literal keys.
    """
    import nbformat

    nb = copy.deepcopy(solution)
    cells = []
    for index, cell in enumerate(nb.cells, 1):
        tags = list(cell.get("metadata", {}).get("tags", []))
        if SOLUTION_TAG in tags:
            continue
        where = f"{source_name} cell {index}".strip()
        metadata = {"tags": tags} if tags else {}
        if cell.cell_type == "code":
            text = strip_solution_code(cell.source, where)
            text = seal_question_keys(text, where)
            new = nbformat.v4.new_code_cell(text, metadata=metadata)
        elif cell.cell_type == "markdown":
            new = nbformat.v4.new_markdown_cell(cell.source, metadata=metadata)
        else:
            new = nbformat.v4.new_raw_cell(cell.source, metadata=metadata)
        new["id"] = cell.get("id", new.get("id"))
        cells.append(new)
    meta = {
        "kernelspec": nb.metadata.get(
            "kernelspec",
            {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"},
        ),
        "language_info": nb.metadata.get("language_info", {"name": "python"}),
        "casekit": {"edition": "student", "generated_from": f"solutions/{source_name}"},
    }
    out = nbformat.v4.new_notebook(cells=cells, metadata=meta)
    out.nbformat, out.nbformat_minor = 4, 5
    leftovers = [c.source for c in out.cells if c.cell_type == "code" and "SOLUTION" in c.source]
    if leftovers:
        raise EditionError(f"{source_name}: a SOLUTION marker survived in: {leftovers[0][:60]!r}")
    return out


def notebook_text(nb: Any) -> str:
    """Serialise a notebook the way it is committed (indent 1, trailing newline)."""
    import nbformat

    return nbformat.writes(nb) + "\n"
