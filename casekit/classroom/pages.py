"""The service's HTML: plain pages, every student-typed text escaped.

Everything a student wrote goes through :func:`e` (``html.escape``), and the pages load
only the service's own script and style sheet (the Content-Security-Policy the handlers
send forbids inline scripts), so a reflection reading ``<script>…`` shows as text.
"""

from __future__ import annotations

import html
from typing import Any
from urllib.parse import quote

VERDICT_WORDS = {
    "correct": "✓ correct",
    "partial": "◐ partly correct",
    "incorrect": "✗ not yet",
    "invalid": "⚠ cannot check",
    "recorded": "✎ recorded",
}
MARKS = (("", "not marked"), ("good", "good"), ("revise", "needs revision"))


def e(value: Any) -> str:
    """Return ``value`` as HTML-escaped text (quotes included)."""
    return html.escape(str(value), quote=True)


def layout(title: str, body: str, *, base: str, nav: bool = True, user: str = "") -> str:
    """Return a whole page around ``body`` (already HTML); links are relative to ``base``."""
    links = ""
    if nav:
        links = (
            '<nav aria-label="casekit"><a href="./">Dashboard</a> · '
            '<a href="reflections">Reflections</a> · <a href="downloads">Downloads</a></nav>'
        )
    who = f'<p class="who">Signed in through the hub as <b>{e(user)}</b></p>' if user else ""
    return (
        "<!doctype html>\n"
        f'<html lang="en"><head><meta charset="utf-8"><base href="{e(base)}">'
        f"<title>{e(title)} · casekit</title>"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<link rel="stylesheet" href="static/style.css"></head><body>'
        f"<header><h1>{e(title)}</h1>{who}{links}</header><main>{body}</main>"
        '<script src="static/dashboard.js"></script></body></html>'
    )


def dashboard_page(view: dict[str, Any], user: str, base: str, xsrf: str) -> str:
    """Return the instructor's dashboard (its live part refreshes itself).

    ``xsrf`` is the hub's XSRF token, which the page's script sends with each refresh
    (JupyterHub refuses cookie-authenticated ``fetch`` requests without it).
    """
    body = (
        '<p class="hint">This page updates itself every second while students answer.</p>'
        f'<div id="live" data-version="{e(view["version"])}" data-xsrf="{e(xsrf)}" '
        'aria-live="off">'
        f"{dashboard_fragment(view)}</div>"
    )
    return layout("Class dashboard", body, base=base, user=user)


def dashboard_fragment(view: dict[str, Any]) -> str:
    """Return the live part of the dashboard for ``class_view(...)``."""
    parts = [
        f'<p class="summary"><span id="students">{e(view["students"])}</span> students have '
        f"answered. Refused requests: {e(_refused(view['refused']))}.</p>"
    ]
    for s in view["sets"]:
        parts.append(_set_section(s, view["version"]))
    return "".join(parts)


def _refused(refused: dict[str, int]) -> str:
    return ", ".join(f"{k} {v}" for k, v in refused.items()) or "none"


def _people(names: list[str]) -> str:
    if not names:
        return "nobody yet"
    return ", ".join(f'<a href="student/{quote(n, safe="")}">{e(n)}</a>' for n in names)


def _set_section(s: dict[str, Any], version: int) -> str:
    notebook = s["notebook"]
    total = s["total_questions"]
    if not s["started"]:
        return (
            f'<section class="set" data-notebook="{e(notebook)}"><h2>{e(notebook)}</h2>'
            f"<p>Nobody has started this set yet ({e(total or 0)} questions).</p></section>"
        )
    head = (
        f'<section class="set" data-notebook="{e(notebook)}"><h2>{e(notebook)}</h2>'
        f"<p><b>Started</b> ({len(s['started'])}): {_people(s['started'])}<br>"
        f"<b>Finished</b> ({len(s['finished'])}"
        f"{'' if total else ', no key file'}): {_people(s['finished'])}</p>"
    )
    chart = (
        f'<img class="chart" src="chart/{quote(notebook)}.svg?v={e(version)}" '
        f'alt="Stacked bars: correct, partly correct and wrong answers per question of '
        f'{e(notebook)} (the table below gives the same numbers)">'
    )
    rows = "".join(_question_row(q) for q in s["questions"])
    table = (
        "<table><caption>Latest answer of each student, per question</caption><thead><tr>"
        '<th scope="col">Question</th><th scope="col">Answered</th>'
        '<th scope="col">Correct</th><th scope="col">Partly</th><th scope="col">Wrong</th>'
        '<th scope="col">Most common wrong answers (students\' own words)</th>'
        f"</tr></thead><tbody>{rows}</tbody></table>"
    )
    return head + chart + table + "</section>"


def _question_row(q: dict[str, Any]) -> str:
    wrong = "".join(
        f'<li><span class="answer">{e(w["answer"])}</span> × {e(w["count"])}</li>'
        for w in q["common_wrong"]
    )
    recorded = f" ({e(q['recorded'])} recorded)" if q["recorded"] else ""
    return (
        f'<tr data-question="{e(q["id"])}"><th scope="row" title="{e(q["prompt"])}">'
        f"{e(q['id'])}<br><small>{e(q['kind'])}</small></th>"
        f'<td class="answered">{e(q["answered"])}{recorded}</td>'
        f'<td class="correct">{e(q["correct"])}</td><td class="partial">{e(q["partial"])}</td>'
        f'<td class="wrong">{e(q["wrong"])}</td><td><ul>{wrong}</ul></td></tr>'
    )


def record_page(record: dict[str, Any], viewer: str, base: str, *, own: bool) -> str:
    """Return one student's whole record (``own``: the student is looking at it)."""
    intro = (
        "<p>This is what your instructor sees about you: your latest answer to each "
        "question, how many times you answered, and any mark on your reflections.</p>"
        if own
        else ""
    )
    sections = []
    for s in record["sets"]:
        rows = "".join(
            f'<tr><th scope="row">{e(q["question"])}<br><small>{e(q["kind"])}</small></th>'
            f'<td class="answer">{e(q["answer"])}</td>'
            f"<td>{e(VERDICT_WORDS.get(q['status'], q['status']))}</td>"
            f"<td>{e(q['attempts'])}</td><td>{e(q['saved_at'])}</td>"
            f"<td>{_mark_text(q['mark'])}</td></tr>"
            for q in s["questions"]
        )
        sections.append(
            f"<section><h2>{e(s['notebook'])}</h2><table><thead><tr>"
            '<th scope="col">Question</th><th scope="col">Latest answer</th>'
            '<th scope="col">Verdict</th><th scope="col">Answers</th>'
            '<th scope="col">Saved at (UTC)</th><th scope="col">Mark</th>'
            f"</tr></thead><tbody>{rows}</tbody></table></section>"
        )
    if not sections:
        sections.append("<p>No answers have reached the class service yet.</p>")
    title = "Your record" if own else f"Record of {record['user']}"
    summary = f"<p>{e(record['answers'])} answers in all.</p>"
    return layout(title, intro + summary + "".join(sections), base=base, nav=not own, user=viewer)


def _mark_text(mark: dict[str, str] | None) -> str:
    if not mark:
        return ""
    label = dict(MARKS).get(mark["mark"], mark["mark"])
    note = f": {e(mark['note'])}" if mark["note"] else ""
    return f"{e(label)}{note}"


def reflections_page(rows: list[dict[str, Any]], user: str, xsrf: str, base: str) -> str:
    """Return every reflection with a form to mark it."""
    items = []
    for r in rows:
        mark = r["mark"] or {}
        options = "".join(
            f'<option value="{e(v)}"{" selected" if mark.get("mark", "") == v else ""}>'
            f"{e(label)}</option>"
            for v, label in MARKS
        )
        ident = f"{r['user']}-{r['notebook']}-{r['question']}"
        items.append(
            f'<article class="reflection" data-user="{e(r["user"])}">'
            f"<h2>{e(r['user'])} · {e(r['notebook'])} · {e(r['question'])}</h2>"
            f'<blockquote class="text">{e(r["text"])}</blockquote>'
            f"<p><small>{e(r['words'])} words, saved {e(r['saved_at'])}</small></p>"
            '<form method="post" action="marks">'
            f'<input type="hidden" name="_xsrf" value="{e(xsrf)}">'
            f'<input type="hidden" name="user" value="{e(r["user"])}">'
            f'<input type="hidden" name="notebook" value="{e(r["notebook"])}">'
            f'<input type="hidden" name="question" value="{e(r["question"])}">'
            f'<label for="m-{e(ident)}">Mark</label> '
            f'<select id="m-{e(ident)}" name="mark">{options}</select> '
            f'<label for="n-{e(ident)}">Note</label> '
            f'<input id="n-{e(ident)}" name="note" maxlength="500" '
            f'value="{e(mark.get("note", ""))}"> '
            "<button>Save mark</button></form></article>"
        )
    body = "".join(items) or "<p>No reflections yet.</p>"
    return layout("Reflections", body, base=base, user=user)


def downloads_page(user: str, base: str) -> str:
    """Return the list of downloads."""
    files = (
        ("gradebook.csv", "gradebook (as casekit grade writes it)"),
        ("items.csv", "item analysis (as casekit grade writes it)"),
        ("summary.md", "summary (as casekit grade writes it)"),
        ("problems.csv", "answers that could not be graded"),
        ("canvas.csv", "gradebook for Canvas: Grades > Import"),
        ("moodle.csv", "gradebook for Moodle: Grades > Import > CSV file"),
        ("reflections.csv", "reflections with their marks"),
        ("casekit-store.sqlite", "a consistent copy of the whole store (backup)"),
    )
    items = "".join(f'<li><a href="download/{e(n)}">{e(n)}</a>: {e(d)}</li>' for n, d in files)
    return layout("Downloads", f"<ul>{items}</ul>", base=base, user=user)
