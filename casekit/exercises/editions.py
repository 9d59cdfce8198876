"""Build student editions from solution editions, and validate both.

A solution edition (``exercises/solutions/NAME.ipynb``) is the single source. The student
edition (``exercises/NAME.ipynb``) is derived from it:

- cells tagged ``solution`` are dropped;
- in code cells, ``### BEGIN SOLUTION`` … ``### END SOLUTION`` blocks become
  ``# your code here``; a line ``name = value  # SOLUTION`` becomes ``name = None``;
  any other line marked ``# SOLUTION`` is dropped;
- in question definitions, the ``answer=``, ``feedback=`` and ``explanation=`` literals are
  replaced by one obfuscated ``key="ck1:..."`` (a self-check, not a secret);
- outputs, execution counts and widget state are removed.

Validation (like ``nbgrader validate`` and ``--invert``) runs both editions in a kernel
with answers saved to a temporary folder: every question in the solution edition must be
answered correctly (or recorded, for ratings and reflections), and the student edition
must run without error and answer nothing. The instructor's key file
(``exercises/solutions/NAME.keys.json``) is written from the solution run.
"""

from __future__ import annotations

import ast
import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from casekit.exercises.base import SEALED_FIELDS
from casekit.exercises.keys import seal

PROBE_ENV = "CASEKIT_EDITION_PROBE"
SOLUTION_TAG = "solution"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
_BEGIN = re.compile(r"^(\s*)#+\s*BEGIN SOLUTION\s*$")
_END = re.compile(r"^\s*#+\s*END SOLUTION\s*$")
_MARKED = re.compile(r"\s*#\s*SOLUTION\s*$")
_ASSIGN = re.compile(r"^(\s*)([A-Za-z_][\w.]*)\s*=(?!=)")
_FACTORIES = {
    "single_choice",
    "multiple_select",
    "categorize",
    "order",
    "numeric",
    "short_text",
    "code_check",
    "rating",
    "reflection",
    "SingleChoice",
    "MultipleSelect",
    "Categorize",
    "Order",
    "Numeric",
    "ShortText",
    "CodeCheck",
    "Rating",
    "Reflection",
}


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
    lines = source.split("\n")
    starts = _offsets(source)
    edits: list[tuple[int, int, str]] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or _call_name(node) not in _FACTORIES:
            continue
        sealed_kws = [k for k in node.keywords if k.arg in SEALED_FIELDS]
        if not sealed_kws:
            continue
        id_node = (
            node.args[0]
            if node.args
            else next((k.value for k in node.keywords if k.arg == "id"), None)
        )
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
            raise EditionError(
                f"{where}, line {node.lineno}: the question id must be a string literal"
            )
        fields = {k: v for k, v in fields.items() if v is not None}
        token = seal(fields, qid)
        for i, kw in enumerate(sorted(sealed_kws, key=lambda k: (k.lineno, k.col_offset))):
            start = starts[kw.lineno - 1] + _char_col(lines, kw.lineno, kw.col_offset)
            end = starts[kw.end_lineno - 1] + _char_col(lines, kw.end_lineno, kw.end_col_offset)
            tail = re.match(r"[ \t]*,?[ \t]*(#[^\n]*)?\n?", source[end:])
            end += tail.end() if tail else 0
            line_start = starts[kw.lineno - 1]
            own_line = not source[line_start:start].strip()
            if own_line:
                indent = source[line_start:start]
                start = line_start
                replacement = f'{indent}key="{token}",\n' if i == 0 else ""
            else:
                replacement = f'key="{token}", ' if i == 0 else ""
            edits.append((start, end, replacement))
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
    import copy

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


# -- running a notebook ----------------------------------------------------------------
def _probe() -> None:
    """Run inside the kernel by validation: dump every exercise set's state to JSON."""
    from casekit.exercises.exercise_set import REGISTRY

    state = {}
    for notebook, ex in REGISTRY.items():
        contents = ex.ledger.read()
        state[notebook] = {
            "keys": ex.keys_document(),
            "fingerprint": ex.fingerprint,
            "results": {qid: fb.status for qid, fb in ex.results.items()},
            "records": len(contents.records),
        }
    Path(os.environ[PROBE_ENV]).write_text(json.dumps(state), encoding="utf-8")


@dataclass
class RunResult:
    """What running one edition showed."""

    state: dict[str, Any] = field(default_factory=dict)
    error: str | None = None
    executed: Any = None


def run_notebook(nb: Any, cwd: Path, timeout: int = 300) -> RunResult:
    """Execute ``nb`` in a fresh kernel with answers going to a temporary folder."""
    import copy

    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    work = copy.deepcopy(nb)
    work.cells.append(
        nbformat.v4.new_code_cell("from casekit.exercises.editions import _probe\n_probe()")
    )
    saved = {k: os.environ.get(k) for k in ("CASEKIT_ANSWERS_DIR", PROBE_ENV)}
    with tempfile.TemporaryDirectory(prefix="casekit-editions-") as tmp:
        probe = Path(tmp) / "probe.json"
        os.environ["CASEKIT_ANSWERS_DIR"] = str(Path(tmp) / "answers")
        os.environ[PROBE_ENV] = str(probe)
        try:
            client = NotebookClient(
                work,
                timeout=timeout,
                kernel_name="python3",
                resources={"metadata": {"path": str(cwd)}},
                store_widget_state=False,
                record_timing=False,
            )
            try:
                client.execute()
            except CellExecutionError as exc:
                first = str(exc).strip().splitlines()
                return RunResult(error=" | ".join(first[-3:])[:400])
            except Exception as exc:  # kernel died, timeout...
                return RunResult(error=f"{type(exc).__name__}: {exc}"[:400])
            state = json.loads(probe.read_text(encoding="utf-8")) if probe.exists() else {}
        finally:
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value
    work.cells.pop()
    return RunResult(state=state, executed=work)


def _without_widget_views(nb: Any) -> Any:
    """Make stored outputs stable: drop widget views and volatile outputs.

    A stored widget view has a random model id and no live kernel behind it, so it only
    shows "model not found"; its plain-text card stays, reads well on GitHub and keeps
    diffs stable. Cells tagged ``nbval-ignore-output`` (times, paths) keep no output.
    """
    for cell in nb.cells:
        if "nbval-ignore-output" in cell.get("metadata", {}).get("tags", []):
            cell["outputs"] = []
        for output in cell.get("outputs", []):
            data = output.get("data")
            if data and WIDGET_VIEW in data and "text/plain" in data:
                del data[WIDGET_VIEW]
    return nb


# -- the command -----------------------------------------------------------------------
@dataclass
class EditionReport:
    """The outcome for one solution notebook."""

    source: Path
    student: Path
    keys: Path
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Whether every check passed."""
        return not self.problems


def _validate_solution(run: RunResult) -> list[str]:
    if run.error:
        return [f"the solution edition fails: {run.error}"]
    if not run.state:
        return ["the solution edition defines no ExerciseSet"]
    problems = []
    for notebook, info in run.state.items():
        for spec in info["keys"]["questions"]:
            status = info["results"].get(spec["id"])
            wanted = ("correct",) if spec["kind"] not in ("rating", "reflection") else ("recorded",)
            if status not in wanted:
                problems.append(
                    f"{notebook}: question {spec['id']!r} is not answered "
                    f"{'correctly' if wanted == ('correct',) else 'and recorded'} "
                    f"in the solution edition (last check: {status or 'none'})"
                )
    return problems


def _validate_student(run: RunResult, solution: RunResult) -> list[str]:
    if run.error:
        return [f"the student edition does not run clean: {run.error}"]
    problems = []
    for notebook, info in run.state.items():
        answered = {q: s for q, s in info["results"].items() if s != "unanswered"}
        if answered:
            problems.append(f"{notebook}: the student edition answers {sorted(answered)} already")
        if info["records"]:
            problems.append(f"{notebook}: the student edition recorded {info['records']} answer(s)")
        reference = solution.state.get(notebook)
        if reference and info["keys"] != reference["keys"]:
            problems.append(f"{notebook}: the sealed keys do not decode to the solution's keys")
    if set(run.state) != set(solution.state):
        problems.append("the student edition defines different exercise sets from the solution")
    return problems


def build_editions(
    sources: list[Path],
    out_dir: Path,
    *,
    validate: bool = True,
    check: bool = False,
    store_outputs: bool = False,
) -> list[EditionReport]:
    """Write (or, with ``check``, compare) the student edition of each solution notebook.

    Parameters
    ----------
    sources : list of Path
        Solution notebooks.
    out_dir : Path
        Where student editions go (``exercises/``).
    validate : bool
        Run both editions and write the key file beside each solution.
    check : bool
        Write nothing; report files that differ from what would be written.
    store_outputs : bool
        Write the executed solution edition back, with its outputs.
    """
    import nbformat

    reports = []
    for source in sources:
        report = EditionReport(source, out_dir / source.name, source.with_suffix(".keys.json"))
        reports.append(report)
        try:
            solution = nbformat.read(source, as_version=4)
            student = student_edition(solution, source.name)
        except (EditionError, OSError, ValueError) as exc:
            report.problems.append(str(exc))
            continue
        outputs: dict[Path, str] = {report.student: notebook_text(student)}
        if validate:
            sol_run = run_notebook(solution, source.parent)
            report.problems += _validate_solution(sol_run)
            stu_run = run_notebook(student, out_dir)
            report.problems += _validate_student(stu_run, sol_run)
            if sol_run.state:
                keys = [info["keys"] for info in sol_run.state.values()]
                document = (
                    keys[0] if len(keys) == 1 else {"format": "casekit-keys-bundle", "sets": keys}
                )
                outputs[report.keys] = (
                    json.dumps(document, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
                )
            if store_outputs and sol_run.executed is not None and not sol_run.error:
                outputs[source] = notebook_text(_without_widget_views(sol_run.executed))
        for path, text in outputs.items():
            if check:
                current = path.read_text(encoding="utf-8") if path.exists() else None
                if current != text:
                    report.problems.append(f"{path} is out of date; run `casekit editions`")
            else:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
                report.notes.append(f"wrote {path}")
    return reports
