"""Grade many submissions against the instructor's key files.

Grading reads JSON and never runs anything a student wrote. Correctness is recomputed
from each answer with the same ``check`` the notebook used; any score a file claims is
ignored. Files that are malformed, oversized, duplicated or tampered with are listed with
the reason and never stop the others.
"""

from __future__ import annotations

import csv
import json
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from casekit.exercises import submission
from casekit.exercises.base import Question
from casekit.exercises.keys import canonical_json, digest, fingerprint
from casekit.exercises.registry import question_from_spec

DEFAULT_MAX_BYTES = 1_000_000


@dataclass(frozen=True)
class KeySet:
    """One notebook's questions with their plain keys (from ``<notebook>.keys.json``)."""

    notebook: str
    fingerprint: str
    questions: dict[str, Question]
    source: Path


@dataclass(frozen=True)
class SubmissionProblem:
    """A submission that was not graded (or graded with a caveat), and why."""

    path: str
    problem: str
    reason: str


@dataclass
class GradedSubmission:
    """Scores for one submission, recomputed from its answers."""

    path: str
    student: str
    notebook: str
    exported_at: str
    scores: dict[str, float | None]
    statuses: dict[str, str]
    answers: dict[str, Any]
    total: float
    possible: float


@dataclass
class GradeReport:
    """Everything ``casekit grade`` found: grades, item analysis and problems."""

    keys: dict[str, KeySet]
    graded: list[GradedSubmission] = field(default_factory=list)
    problems: list[SubmissionProblem] = field(default_factory=list)

    # -- analysis ----------------------------------------------------------------------
    def items(self) -> list[dict[str, Any]]:
        """Return one row per question: difficulty and the most chosen wrong answer."""
        rows = []
        for notebook, keyset in sorted(self.keys.items()):
            subs = [g for g in self.graded if g.notebook == notebook]
            for qid, q in keyset.questions.items():
                answered = [g for g in subs if g.statuses.get(qid) not in (None, "unanswered")]
                row: dict[str, Any] = {
                    "notebook": notebook,
                    "question": qid,
                    "kind": q.kind,
                    "submissions": len(subs),
                    "answered": len(answered),
                }
                if q.autograded:
                    scores = [g.scores.get(qid) or 0.0 for g in subs]
                    wrong = Counter(
                        q.describe_answer(g.answers.get(qid))
                        for g in answered
                        if g.statuses.get(qid) != "correct"
                    )
                    common = wrong.most_common(1)
                    row.update(
                        difficulty=round(statistics.fmean(scores), 4) if scores else None,
                        correct=sum(1 for g in subs if g.statuses.get(qid) == "correct"),
                        most_common_wrong=common[0][0] if common else "",
                        most_common_wrong_count=common[0][1] if common else 0,
                    )
                else:
                    row.update(
                        difficulty=None,
                        correct=None,
                        most_common_wrong="",
                        most_common_wrong_count=0,
                        class_view=self._class_view(q, answered),
                    )
                rows.append(row)
        return rows

    def _class_view(self, q: Question, answered: list[GradedSubmission]) -> str:
        if q.kind == "rating":
            parts = []
            for area in getattr(q, "areas", ()):
                for scale in getattr(q, "scales", ()):
                    values = [
                        g.answers[q.id][area][scale]
                        for g in answered
                        if isinstance(g.answers.get(q.id), dict)
                        and isinstance(g.answers[q.id].get(area), dict)
                        and isinstance(g.answers[q.id][area].get(scale), (int, float))
                    ]
                    if values:
                        parts.append(f"{area} {scale}: mean {statistics.fmean(values):.1f}")
            return "; ".join(parts)
        if q.kind == "reflection":
            from casekit.exercises.opinion import count_words

            words = [
                count_words(g.answers[q.id])
                for g in answered
                if isinstance(g.answers.get(q.id), str)
            ]
            return f"median {statistics.median(words):.0f} words" if words else ""
        return ""

    def summary(self) -> str:
        """Return a short Markdown summary."""
        lines = ["# Grading summary", ""]
        lines.append(f"- Submissions graded: {len(self.graded)}")
        lines.append(f"- Files listed as problems (not graded): {len(self.problems)}")
        for notebook in sorted(self.keys):
            percents = [
                100 * g.total / g.possible
                for g in self.graded
                if g.notebook == notebook and g.possible
            ]
            if percents:
                lines.append(
                    f"- {notebook}: mean {statistics.fmean(percents):.1f} %, "
                    f"median {statistics.median(percents):.1f} % ({len(percents)} students)"
                )
        lines += [
            "",
            "Scores are recomputed from the answers; scores claimed in files are ignored.",
            "",
        ]
        lines += [
            "## Items",
            "",
            "| question | kind | answered | difficulty | most chosen wrong answer |",
            "|---|---|---|---|---|",
        ]
        for row in self.items():
            difficulty = "" if row["difficulty"] is None else f"{row['difficulty']:.2f}"
            wrong = row["most_common_wrong"] or row.get("class_view", "")
            if row["most_common_wrong_count"]:
                wrong = f"{wrong} ({row['most_common_wrong_count']})"
            wrong = wrong.replace("|", "\\|")
            lines.append(
                f"| {row['question']} | {row['kind']} | {row['answered']} "
                f"| {difficulty} | {wrong} |"
            )
        if self.problems:
            lines += ["", "## Files not graded", ""]
            lines += [f"- `{p.path}`: {p.problem}: {p.reason}" for p in self.problems]
        return "\n".join(lines) + "\n"

    def chart(self) -> Any:
        """Return an Altair bar chart of difficulty per question (imports altair now)."""
        from casekit.exercises.report_chart import difficulty_chart

        return difficulty_chart([r for r in self.items() if r["difficulty"] is not None])

    # -- output ------------------------------------------------------------------------
    def write(self, out_dir: str | Path, *, chart: bool = True) -> list[Path]:
        """Write gradebook, items, problems, reflections, summary and chart; return the paths."""
        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        written = [self._write_gradebook(out / "gradebook.csv")]
        items = self.items()
        written.append(
            _write_csv(
                out / "items.csv",
                items,
                [
                    "notebook",
                    "question",
                    "kind",
                    "submissions",
                    "answered",
                    "correct",
                    "difficulty",
                    "most_common_wrong",
                    "most_common_wrong_count",
                    "class_view",
                ],
            )
        )
        written.append(
            _write_csv(
                out / "problems.csv",
                [p.__dict__ for p in self.problems],
                ["path", "problem", "reason"],
            )
        )
        reflections = [
            {"student": g.student, "notebook": g.notebook, "question": qid, "text": g.answers[qid]}
            for g in self.graded
            for qid, q in self.keys[g.notebook].questions.items()
            if q.kind == "reflection" and isinstance(g.answers.get(qid), str)
        ]
        if reflections:
            written.append(
                _write_csv(
                    out / "reflections.csv",
                    reflections,
                    ["student", "notebook", "question", "text"],
                )
            )
        summary = out / "summary.md"
        summary.write_text(self.summary(), encoding="utf-8")
        written.append(summary)
        if chart and any(r["difficulty"] is not None for r in items):
            written += _write_chart(self.chart(), out / "item_analysis")
        return written

    def _write_gradebook(self, path: Path) -> Path:
        columns = ["student", "notebook", "file", "exported_at"]
        qids: list[str] = []
        for notebook in sorted(self.keys):
            qids += [
                q for q, question in self.keys[notebook].questions.items() if question.autograded
            ]
        columns += [*qids, "total", "possible", "percent"]
        rows = []
        for g in sorted(self.graded, key=lambda g: (g.notebook, g.student)):
            row: dict[str, Any] = {
                "student": g.student,
                "notebook": g.notebook,
                "file": g.path,
                "exported_at": g.exported_at,
            }
            for qid in qids:
                score = g.scores.get(qid)
                row[qid] = "" if score is None else round(score, 4)
            row.update(
                total=round(g.total, 4),
                possible=g.possible,
                percent=round(100 * g.total / g.possible, 1) if g.possible else "",
            )
            rows.append(row)
        return _write_csv(path, rows, columns)


def _safe_cell(value: Any) -> Any:
    if isinstance(value, str):
        value = value.replace("\r", " ").replace("\n", " ")
        if value[:1] in ("=", "+", "-", "@", "\t"):
            return "'" + value  # keep spreadsheets from running a student's "formula"
    return value


def _write_csv(path: Path, rows: list[dict[str, Any]], columns: list[str]) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _safe_cell(row.get(k, "")) for k in columns})
    return path


def _write_chart(chart: Any, stem: Path) -> list[Path]:
    spec = stem.with_suffix(".vl.json")
    spec.write_text(chart.to_json(indent=1) + "\n", encoding="utf-8")
    written = [spec]
    try:
        import vl_convert as vlc

        svg = stem.with_suffix(".svg")
        svg.write_text(vlc.vegalite_to_svg(chart.to_dict()), encoding="utf-8")
        written.append(svg)
    except ImportError:  # pragma: no cover - the export extra is optional
        pass
    return written


# -- keys ------------------------------------------------------------------------------
def load_keys(paths: list[str | Path]) -> dict[str, KeySet]:
    """Load ``*.keys.json`` files (or every one in the given folders).

    Raises
    ------
    ValueError
        If no key file is found or one cannot be read; the message names the file.
    """
    files: list[Path] = []
    for p in map(Path, paths):
        files += sorted(p.glob("*.keys.json")) if p.is_dir() else [p]
    if not files:
        raise ValueError(f"no *.keys.json files found in {[str(p) for p in paths]}")
    keys: dict[str, KeySet] = {}
    for path in files:
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
            questions = {q.id: q for q in map(question_from_spec, doc["questions"])}
            public = [q.spec(include_key=False) for q in questions.values()]
            fp = fingerprint(public)
            if fp != doc.get("questions_fingerprint"):
                raise ValueError("its fingerprint does not match its questions")
            keys[doc["notebook"]] = KeySet(doc["notebook"], fp, questions, path)
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ValueError(f"key file {path}: {exc}") from None
    return keys


# -- submissions -----------------------------------------------------------------------
def _expand(paths: list[str | Path]) -> list[Path]:
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out += sorted(
                x for x in p.rglob("*.json") if x.is_file() and not x.name.endswith(".keys.json")
            )
        else:
            out.append(p)
    return out


def _read(path: Path, max_bytes: int) -> dict[str, Any] | SubmissionProblem:
    name = str(path)
    try:
        if path.is_symlink() or not path.is_file():
            return SubmissionProblem(name, "malformed", "not a regular file")
        size = path.stat().st_size
        if size > max_bytes:
            return SubmissionProblem(
                name, "oversized", f"{size:,} bytes; the limit is {max_bytes:,}"
            )
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        return SubmissionProblem(name, "malformed", f"cannot read the file: {exc.strerror or exc}")
    if len(data) > max_bytes:
        return SubmissionProblem(name, "oversized", f"more than {max_bytes:,} bytes")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return SubmissionProblem(name, "malformed", f"not UTF-8 text (byte {exc.start})")
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        return SubmissionProblem(
            name, "malformed", f"not valid JSON: {exc.msg} at line {exc.lineno}"
        )
    except (ValueError, RecursionError):
        return SubmissionProblem(name, "malformed", "not valid JSON (nested too deeply)")
    if not isinstance(doc, dict):
        return SubmissionProblem(name, "malformed", "the file is not a JSON object")
    return doc


def _validate(doc: dict[str, Any], path: str, keys: dict[str, KeySet]) -> SubmissionProblem | None:
    if doc.get("format") != submission.FORMAT:
        return SubmissionProblem(
            path, "malformed", f"not a casekit submission (format={doc.get('format')!r})"
        )
    if doc.get("format_version") != submission.FORMAT_VERSION:
        return SubmissionProblem(
            path, "malformed", f"unsupported format_version {doc.get('format_version')!r}"
        )
    missing = [
        k
        for k in ("student", "notebook", "answers", "questions_fingerprint", "digest")
        if k not in doc
    ]
    if missing:
        return SubmissionProblem(path, "malformed", f"missing fields: {', '.join(missing)}")
    try:
        submission.check_student_id(doc["student"])
    except ValueError as exc:
        return SubmissionProblem(path, "malformed", str(exc)[:160])
    answers = doc["answers"]
    if not isinstance(answers, dict) or not all(
        isinstance(k, str) and isinstance(v, dict) and "answer" in v for k, v in answers.items()
    ):
        return SubmissionProblem(
            path, "malformed", "answers must map question ids to {'answer': ...}"
        )
    if not isinstance(doc.get("exported_at", ""), str):
        return SubmissionProblem(path, "malformed", "exported_at must be text")
    notebook = doc["notebook"]
    if not isinstance(notebook, str) or notebook not in keys:
        shown = notebook if isinstance(notebook, str) else type(notebook).__name__
        return SubmissionProblem(
            path, "unknown notebook", f"no key file for notebook {shown[:64]!r}"
        )
    body = {k: v for k, v in doc.items() if k != "digest"}
    if doc["digest"] != digest(body):
        return SubmissionProblem(
            path, "tampered", "content digest does not match: the file was edited after export"
        )
    keyset = keys[notebook]
    if doc["questions_fingerprint"] != keyset.fingerprint:
        return SubmissionProblem(
            path,
            "tampered",
            "questions fingerprint differs from the key file: "
            "an edited notebook or another version of it",
        )
    unknown = sorted(set(answers) - set(keyset.questions))
    if unknown:
        return SubmissionProblem(
            path, "tampered", f"answers to unknown questions: {', '.join(unknown)[:120]}"
        )
    return None


def _grade_one(doc: dict[str, Any], path: str, keyset: KeySet) -> GradedSubmission:
    scores: dict[str, float | None] = {}
    statuses: dict[str, str] = {}
    answers: dict[str, Any] = {}
    total = possible = 0.0
    for qid, q in keyset.questions.items():
        entry = doc["answers"].get(qid)
        answer = entry.get("answer") if entry else None
        answers[qid] = answer
        try:
            feedback = q.check(answer)
            status, score = feedback.status, feedback.score
        except Exception:  # a check must never stop grading; count it as unreadable
            status, score = "invalid", 0.0
        statuses[qid] = status
        if q.autograded:
            scores[qid] = (score or 0.0) * q.points
            total += scores[qid] or 0.0
            possible += q.points
    return GradedSubmission(
        path,
        doc["student"],
        doc["notebook"],
        str(doc.get("exported_at", "")),
        scores,
        statuses,
        answers,
        total,
        possible,
    )


def grade(
    submissions: list[str | Path],
    keys: dict[str, KeySet] | list[str | Path],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> GradeReport:
    """Grade submission files (or folders of them) against key files.

    Parameters
    ----------
    submissions : list of paths
        Submission files or folders (searched recursively for ``*.json``).
    keys : dict or list of paths
        Loaded key sets, or ``*.keys.json`` files / folders holding them.
    max_bytes : int
        Larger files are listed as oversized and not read.

    Returns
    -------
    GradeReport
    """
    keysets = keys if isinstance(keys, dict) else load_keys(list(keys))
    report = GradeReport(keysets)
    valid: dict[tuple[str, str], list[tuple[dict[str, Any], str, bytes]]] = defaultdict(list)
    for path in _expand(submissions):
        doc = _read(path, max_bytes)
        if isinstance(doc, SubmissionProblem):
            report.problems.append(doc)
            continue
        problem = _validate(doc, str(path), keysets)
        if problem is not None:
            report.problems.append(problem)
            continue
        valid[(doc["student"], doc["notebook"])].append((doc, str(path), canonical_json(doc)))
    for (_student, _notebook), docs in sorted(valid.items()):
        newest = max(str(d[0].get("exported_at", "")) for d in docs)
        docs.sort(key=lambda d: (str(d[0].get("exported_at", "")) != newest, d[1]))
        keep_doc, keep_path, keep_bytes = docs[0]
        for _doc, path, raw in docs[1:]:
            same = "an identical copy of" if raw == keep_bytes else "an older export than"
            report.problems.append(
                SubmissionProblem(path, "duplicate", f"{same} {keep_path}; graded that one")
            )
        report.graded.append(_grade_one(keep_doc, keep_path, keysets[keep_doc["notebook"]]))
    return report
