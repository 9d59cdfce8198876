"""Run an edition in a fresh kernel, answers going to a temporary folder, and read its state.

After the notebook's cells, a probe cell (:func:`probe`) writes every exercise set's key
document, fingerprint, last statuses and ledger size to a JSON file the caller reads.
"""

from __future__ import annotations

import copy
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PROBE_ENV = "CASEKIT_EDITION_PROBE"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def probe() -> None:
    """Run inside the kernel by validation: dump every exercise set's state to JSON.

    ``expected`` is the status a right answer gets: ``correct`` for autograded kinds,
    ``recorded`` for collected ones.
    """
    from casekit.exercises.exercise_set import REGISTRY

    state = {}
    for notebook, ex in REGISTRY.items():
        contents = ex.ledger.read()
        state[notebook] = {
            "keys": ex.keys_document(),
            "fingerprint": ex.fingerprint,
            "results": {qid: fb.status for qid, fb in ex.results.items()},
            "expected": {
                q.id: "correct" if q.autograded else "recorded" for q in ex.questions.values()
            },
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
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    work = copy.deepcopy(nb)
    work.cells.append(
        nbformat.v4.new_code_cell("from casekit.exercises.editions.execute import probe\nprobe()")
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


def without_widget_views(nb: Any) -> Any:
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
