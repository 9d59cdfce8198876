"""The classroom's parts without a hub: store, event checks, class view, exports, client."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import threading

import pytest

from casekit.classroom import analysis, exports
from casekit.classroom.client import Outbox, event_id, to_event
from casekit.classroom.events import MAX_BODY_BYTES, Refused, parse_batch
from casekit.classroom.store import Store
from casekit.exercises import ExerciseSet
from casekit.exercises.grading import grade, load_keys
from casekit.outputs import safe_cell
from tests.browser.course_ui import REPO
from tests.classroom.hubclient import event

KEYS = REPO / "exercises" / "solutions"


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "casekit.sqlite")
    yield s
    s.close()


@pytest.fixture(scope="module")
def keys():
    return load_keys([KEYS])


def test_store_is_wal_and_ignores_a_resent_event(store, tmp_path):
    ids, new = store.add_events(
        "student1", parse_batch(json.dumps({"events": [event("e-0000001")]}).encode())
    )
    assert (ids, new) == (["e-0000001"], 1)
    ids, new = store.add_events(
        "student1", [parse_batch(json.dumps({"events": [event("e-0000001")]}).encode())[0]]
    )
    assert (ids, new) == (["e-0000001"], 0)
    assert store.count_events() == 1
    # the same id from another user is that user's own event
    store.add_events("student2", parse_batch(json.dumps({"events": [event("e-0000001")]}).encode()))
    assert store.count_events() == 2
    mode = sqlite3.connect(tmp_path / "casekit.sqlite").execute("PRAGMA journal_mode").fetchone()
    assert mode == ("wal",)


def test_store_latest_is_the_last_answer_and_concurrent_writers_lose_nothing(store):
    def writer(user: str) -> None:
        for i in range(50):
            store.add_events(user, [dict(event(f"{user}-{i:04d}"), answer=f"answer {i}")])

    threads = [threading.Thread(target=writer, args=(f"student{n}",)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert store.count_events() == 200
    latest = store.latest()
    assert {a.user: a.answer for a in latest} == {f"student{n}": "answer 49" for n in range(4)}
    assert store.attempts()[("student0", "01_almaty_meeting", "document")] == 50


@pytest.mark.parametrize(
    ("body", "reason", "status"),
    [
        (b"not json", "malformed", 400),
        (b'{"events": []}', "malformed", 400),
        (
            json.dumps({"events": [dict(event("e-0000001"), status="excellent")]}).encode(),
            "malformed",
            400,
        ),
        (
            json.dumps({"events": [dict(event("e-0000001"), notebook="../../etc")]}).encode(),
            "malformed",
            400,
        ),
        (json.dumps({"events": [dict(event("e-0000001"), score=7)]}).encode(), "malformed", 400),
        (json.dumps({"events": [event("x")]}).encode(), "malformed", 400),
        (
            json.dumps({"events": [event("e-0000001", answer="x" * 300_000)]}).encode(),
            "oversized",
            413,
        ),
        (b"{" + b" " * MAX_BODY_BYTES + b"}", "oversized", 413),
    ],
)
def test_bad_events_are_refused_with_a_reason(body, reason, status):
    with pytest.raises(Refused) as caught:
        parse_batch(body)
    assert (caught.value.reason, caught.value.status) == (reason, status)
    assert str(caught.value)  # a message a person can read


def test_refusals_are_counted(store):
    store.count_refusal("oversized")
    store.count_refusal("oversized")
    store.count_refusal("malformed")
    assert store.refusals() == {"malformed": 1, "oversized": 2}


def test_the_body_cannot_name_the_student():
    parsed = parse_batch(
        json.dumps({"events": [event("e-0000001", user="student2", student="x")]}).encode()
    )
    assert "user" not in parsed[0] and "student" not in parsed[0]


def _class(store, keys):
    answers = {
        "student1": {"document": "An Information Communiqué", "areas": None},
        "student2": {"document": "A treaty"},
        "student3": {"document": "A treaty"},
    }
    for user, qs in answers.items():
        for q, a in qs.items():
            if a is not None:
                store.add_events(
                    user, [event(f"{user}-{q}-01", question=q, answer=a, status="correct")]
                )
    # a reflection with markup and a formula, in the students' own words
    store.add_events(
        "student2",
        [
            event(
                "student2-refl-01",
                notebook="06_strategic_autonomy",
                question="reflection",
                kind="reflection",
                answer="=1+1 <script>alert(1)</script>",
                status="recorded",
            )
        ],
    )


def test_class_view_recomputes_verdicts_and_lists_wrong_answers(store, keys):
    _class(store, keys)
    view = analysis.class_view(store, analysis.Verdicts(keys))
    first = next(s for s in view["sets"] if s["notebook"] == "01_almaty_meeting")
    assert first["started"] == ["student1", "student2", "student3"]
    assert first["finished"] == []
    document = next(q for q in first["questions"] if q["id"] == "document")
    # every event claimed "correct": the key file decides
    assert (document["correct"], document["wrong"]) == (1, 2)
    assert document["common_wrong"] == [{"answer": "A treaty", "count": 2}]


def test_pages_escape_what_students_typed(store, keys):
    from casekit.classroom import pages

    _class(store, keys)
    html = pages.reflections_page(
        analysis.reflections(store), "instructor", "xsrf", "/services/casekit/"
    )
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    view = analysis.class_view(store, analysis.Verdicts(keys))
    assert "<script>" not in pages.dashboard_fragment(view)


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_canvas_and_moodle_gradebooks_follow_the_platform_layouts(store, keys):
    _class(store, keys)
    report = exports.grade_store(store, keys)
    canvas = _rows(exports.canvas_csv(report))
    assert canvas[0][:4] == ["Student", "ID", "SIS Login ID", "Section"]
    assert canvas[0][4:] == sorted(keys)
    assert canvas[1][0] == "Points Possible"
    points = exports.possible_points(keys["01_almaty_meeting"])
    assert points == int(points) and canvas[1][4] == str(int(points))  # integers as integers
    by_student = {row[0]: row for row in canvas[2:]}
    assert by_student["student1"][2] == "student1" and by_student["student1"][1] == ""
    assert by_student["student1"][4] == "1" and by_student["student2"][4] == "0"
    assert by_student["student1"][5] == ""  # no grade where nothing was answered
    moodle = _rows(exports.moodle_csv(report))
    assert moodle[0] == ["Username", *sorted(keys)]
    assert all(len(row) == len(moodle[0]) for row in moodle)
    assert {row[0]: row[1] for row in moodle[1:]} == {
        "student1": "1",
        "student2": "0",
        "student3": "0",
    }
    assert moodle[1][2] == "-"


def test_reflections_csv_is_safe_in_a_spreadsheet(store, keys):
    _class(store, keys)
    rows = _rows(exports.reflections_csv(analysis.reflections(store)))
    assert rows[0] == [
        "student",
        "notebook",
        "question",
        "words",
        "saved_at",
        "mark",
        "note",
        "text",
    ]
    assert rows[1][7] == "'=1+1 <script>alert(1)</script>"
    for bad in ("-2", "+3", "@SUM(A1)", "\tx", "\rx"):
        assert safe_cell(bad).startswith("'")


def test_service_gradebook_has_the_same_numbers_as_casekit_grade(store, keys, tmp_path):
    """One engine: the store's answers, exported by a notebook and graded by casekit grade."""
    _class(store, keys)
    via_service = exports.grade_store(store, keys)
    subs = tmp_path / "subs"
    for user in ("student1", "student2", "student3"):
        answers_dir = tmp_path / user
        ex = ExerciseSet("01_almaty_meeting", answers_dir=answers_dir)
        for q in keys["01_almaty_meeting"].questions.values():
            ex.add(q)
        for a in store.latest(user):
            if a.notebook == "01_almaty_meeting":
                ex.submit(a.question, a.answer)
        ex.export(user, subs / f"{user}.json")
    via_files = grade([subs], keys)
    service_totals = {
        (g.student, g.notebook): g.total
        for g in via_service.graded
        if g.notebook == "01_almaty_meeting"
    }
    file_totals = {(g.student, g.notebook): g.total for g in via_files.graded}
    assert service_totals == file_totals
    assert [r for r in via_service.items() if r["notebook"] == "01_almaty_meeting"] == [
        r for r in via_files.items() if r["notebook"] == "01_almaty_meeting"
    ]


def test_client_event_ids_are_stable_and_the_outbox_remembers(tmp_path):
    ex = ExerciseSet("01_almaty_meeting", answers_dir=tmp_path)
    ex.single_choice("q1", "Pick", ["a", "b"], answer="a")
    ex.submit("q1", "b")
    record = ex.ledger.read().records[0]
    assert to_event(record)["id"] == event_id(record) == f"{ex.session}-{record['crc']}"
    parse_batch(json.dumps({"events": [to_event(record)]}).encode())  # the service accepts it
    outbox = Outbox(ex.ledger_path)
    assert outbox.acknowledged() == set()
    outbox.add([event_id(record)])
    assert outbox.acknowledged() == {event_id(record)}
    assert outbox.path.name == "01_almaty_meeting.answers.sent"


def test_answer_listeners_run_after_the_ledger_and_cannot_break_it(tmp_path, monkeypatch):
    from casekit.exercises import hooks

    calls = []

    class Broken:
        def started(self, exercise_set):
            raise RuntimeError("listener down")

        def saved(self, exercise_set, record, feedback):
            raise RuntimeError("listener down")

    class Noting:
        def started(self, exercise_set):
            calls.append(("started", exercise_set.notebook))

        def saved(self, exercise_set, record, feedback):
            # the answer is already in the ledger when a listener hears of it
            assert event_id(record) in {event_id(r) for r in exercise_set.ledger.read().records}
            calls.append(("saved", record["question"]))
            return feedback.with_(details=(*feedback.details, "noted"))

    monkeypatch.setattr(hooks, "LISTENERS", [Broken(), Noting()])
    monkeypatch.setitem(hooks._state, "loaded", True)
    ex = ExerciseSet("01_almaty_meeting", answers_dir=tmp_path)
    ex.single_choice("q1", "Pick", ["a", "b"], answer="a")
    feedback = ex.submit("q1", "b")
    assert feedback.saved is True and feedback.details[-1] == "noted"
    assert calls == [("started", "01_almaty_meeting"), ("saved", "q1")]


def test_the_classroom_listener_is_registered_and_idle_off_a_hub(tmp_path, monkeypatch):
    from importlib.metadata import entry_points

    from casekit.classroom.client import listener

    names = {p.value for p in entry_points(group="casekit.answer_listeners")}
    assert names == {"casekit.classroom.client:listener"}
    monkeypatch.delenv("CASEKIT_SERVICE_URL", raising=False)
    ex = ExerciseSet("01_almaty_meeting", answers_dir=tmp_path)
    ex.single_choice("q1", "Pick", ["a", "b"], answer="a")
    feedback = ex.submit("q1", "a")
    assert listener.saved(ex, ex.ledger.read().records[0], feedback) is feedback
    assert not (tmp_path / "01_almaty_meeting.answers.sent").exists()


def test_a_student_sees_that_an_answer_waits_when_the_service_is_down(tmp_path, monkeypatch):
    from casekit.classroom.demo import free_port

    port = free_port()  # nothing listens there
    monkeypatch.setenv("CASEKIT_SERVICE_URL", f"http://127.0.0.1:{port}/services/casekit/")
    monkeypatch.setenv("JUPYTERHUB_API_TOKEN", "token-of-this-server")
    ex = ExerciseSet("01_almaty_meeting", answers_dir=tmp_path)
    ex.single_choice("q1", "Pick", ["a", "b"], answer="a")
    first = ex.submit("q1", "b")
    second = ex.submit("q1", "a")
    assert first.saved is True and "this answer is not yet sent" in first.details[-1]
    assert "2 answers are not yet sent" in second.details[-1]
    assert "will be sent with your next answer" in second.details[-1]
    assert len(ex.ledger.read().records) == 2  # both safe in the student's own file


def test_an_empty_class_still_gives_every_download(store, keys, tmp_path):
    report = exports.grade_store(store, keys)
    assert report.graded == []
    files = exports.write_grade_files(report, tmp_path / "grades")
    assert set(exports.GRADE_FILES) <= set(files)
    assert _rows(exports.canvas_csv(report))[1][0] == "Points Possible"
    assert _rows(exports.moodle_csv(report)) == [["Username", *sorted(keys)]]
