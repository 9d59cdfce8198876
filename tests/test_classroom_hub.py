"""The casekit service on a real JupyterHub: identity, refusals, downloads, faults.

One hub for the session (``tests/classroom/hub.py``); students' kernels are Python
processes running an ``ExerciseSet`` with a hub token, as a single-user server's kernel
does. The fault tests kill the service (SIGKILL) and restart the hub while they answer.
"""

from __future__ import annotations

import csv
import io
import json
import time

import pytest

from tests.browser.course_ui import REPO
from tests.classroom.hubclient import SERVICE_SCOPE, HubUser, event, get, post_events
from tests.classroom.kernels import acknowledged_ids, kernel_script, ledger_ids

pytest_plugins = ["tests.classroom.hub"]
pytestmark = [pytest.mark.slow]

INSTRUCTOR_PATHS = [
    "/services/casekit/",
    "/services/casekit/api/class",
    "/services/casekit/api/dashboard",
    "/services/casekit/chart/01_almaty_meeting.svg",
    "/services/casekit/student/student2",
    "/services/casekit/reflections",
    "/services/casekit/downloads",
    "/services/casekit/download/gradebook.csv",
    "/services/casekit/download/canvas.csv",
    "/services/casekit/download/casekit-store.sqlite",
]


def test_the_store_records_the_token_owner_not_the_name_in_the_body(hub, tokens):
    body = [event("identity-0001", user="student2", student="student2")]
    reply = post_events(hub.url, tokens["student1"], body)
    assert reply.status == 200, reply.body
    assert reply.json()["user"] == "student1"
    assert hub.rows("SELECT user FROM events WHERE event_id = 'identity-0001'") == [("student1",)]
    # sent again: acknowledged, not stored twice
    again = post_events(hub.url, tokens["student1"], body)
    assert (again.status, again.json()["new"]) == (200, 0)
    assert hub.rows("SELECT COUNT(*) FROM events WHERE event_id = 'identity-0001'") == [(1,)]


def test_no_token_a_bogus_token_and_a_token_without_the_scope_are_refused(hub):
    before = dict(hub.rows("SELECT reason, count FROM refusals"))
    assert post_events(hub.url, None, [event("identity-0002")]).status == 401
    assert post_events(hub.url, "not-a-hub-token", [event("identity-0002")]).status == 403
    scopeless = HubUser(hub.url, "student3").login().new_token(["read:users:name!user"])
    reply = post_events(hub.url, scopeless, [event("identity-0002")])
    assert reply.status == 403, reply.body
    assert hub.rows("SELECT COUNT(*) FROM events WHERE event_id = 'identity-0002'") == [(0,)]
    after = dict(hub.rows("SELECT reason, count FROM refusals"))
    assert after.get("unauthorised", 0) - before.get("unauthorised", 0) == 3


@pytest.mark.parametrize("path", INSTRUCTOR_PATHS)
def test_a_student_gets_403_on_every_instructor_page_and_api(hub, tokens, path):
    assert get(hub.url, path, tokens["student2"]).status == 403
    assert get(hub.url, path, tokens["instructor"]).status == 200


def test_a_hub_admin_outside_the_instructors_group_sees_the_class(hub):
    admin = HubUser(hub.url, "headteacher").login(hub.settings.admin_password)
    token = admin.new_token([SERVICE_SCOPE])
    assert get(hub.url, "/services/casekit/api/class", token).status == 200
    page = admin.request("GET", "/services/casekit/")
    assert page.status == 200 and b"Class dashboard" in page.body


def test_a_student_signed_in_with_a_browser_cookie_gets_403_and_sees_own_record(hub, tokens):
    student = HubUser(hub.url, "student2").login()
    assert student.request("GET", "/services/casekit/").status == 403
    assert student.request("GET", "/services/casekit/api/class").status == 403
    post_events(hub.url, tokens["student2"], [event("own-record-1", answer="A treaty")])
    me = student.request("GET", "/services/casekit/me")
    assert me.status == 200
    text = me.body.decode()
    assert "student2" in text and "A treaty" in text
    assert "student1" not in text  # only their own record
    assert get(hub.url, "/services/casekit/me").status in (302, 401, 403)  # nobody signed in


def test_oversized_and_malformed_events_are_refused_clearly_and_counted(hub, tokens):
    before = dict(hub.rows("SELECT reason, count FROM refusals"))
    big = post_events(hub.url, tokens["student3"], [event("big-000001", answer="x" * 300_000)])
    assert big.status == 413 and "longer than" in big.json()["error"]
    bad = post_events(hub.url, tokens["student3"], b'{"events": [{"id": 1}]}')
    assert bad.status == 400 and "event 0" in bad.json()["error"]
    junk = post_events(hub.url, tokens["student3"], b"\xff\xfe")
    assert junk.status == 400
    after = dict(hub.rows("SELECT reason, count FROM refusals"))
    assert after["oversized"] - before.get("oversized", 0) == 1
    assert after["malformed"] - before.get("malformed", 0) == 2
    view = json.loads(get(hub.url, "/services/casekit/api/class", tokens["instructor"]).body)
    assert view["refused"]["oversized"] >= 1


def test_reflection_markup_is_escaped_on_every_page_and_safe_in_csv(hub, tokens):
    text = "<script>alert('pwned')</script> =HYPERLINK(\"x\")"
    reflection = event(
        "reflection-0001",
        notebook="06_strategic_autonomy",
        question="reflection",
        kind="reflection",
        answer=text,
        status="recorded",
        score=None,
    )
    assert post_events(hub.url, tokens["student1"], [reflection]).status == 200
    for path in ("/services/casekit/reflections", "/services/casekit/student/student1"):
        page = get(hub.url, path, tokens["instructor"]).body.decode()
        assert "<script>alert" not in page
        assert "&lt;script&gt;alert(&#x27;pwned&#x27;)&lt;/script&gt;" in page
    reply = get(hub.url, "/services/casekit/download/reflections.csv", tokens["instructor"])
    rows = list(csv.reader(io.StringIO(reply.body.decode())))
    mine = [r for r in rows if r[0] == "student1" and r[2] == "reflection"]
    assert mine and mine[0][7] == text  # starts with "<": no formula, kept as typed


def test_downloads_canvas_moodle_and_casekit_grade_files(hub, tokens):
    post_events(
        hub.url, tokens["student3"], [event("grade-0001", answer="An Information Communiqué")]
    )
    canvas = get(hub.url, "/services/casekit/download/canvas.csv", tokens["instructor"])
    rows = list(csv.reader(io.StringIO(canvas.body.decode())))
    assert rows[0][:4] == ["Student", "ID", "SIS Login ID", "Section"]
    assert rows[1][0] == "Points Possible"
    assert "attachment" in canvas_header(hub, tokens, "canvas.csv")
    moodle = get(hub.url, "/services/casekit/download/moodle.csv", tokens["instructor"])
    rows = list(csv.reader(io.StringIO(moodle.body.decode())))
    assert rows[0][0] == "Username"
    student3 = next(r for r in rows if r[0] == "student3")
    assert student3[1] == "1"  # 01_almaty_meeting: the right document, one point
    gradebook = get(hub.url, "/services/casekit/download/gradebook.csv", tokens["instructor"])
    header = gradebook.body.decode().splitlines()[0].split(",")
    assert header[:4] == ["student", "notebook", "file", "exported_at"]
    summary = get(hub.url, "/services/casekit/download/summary.md", tokens["instructor"])
    assert summary.body.decode().startswith("# Grading summary")
    backup = get(hub.url, "/services/casekit/download/casekit-store.sqlite", tokens["instructor"])
    assert backup.body[:16] == b"SQLite format 3\x00"


def canvas_header(hub, tokens, name: str) -> str:
    import urllib.request

    req = urllib.request.Request(
        f"{hub.url}/services/casekit/download/{name}",
        headers={"Authorization": f"token {tokens['instructor']}"},
    )
    with urllib.request.urlopen(req, timeout=30) as resp:
        return resp.headers.get("Content-Disposition", "")


def _finish(proc) -> list[dict]:
    out, err = proc.communicate(timeout=180)
    assert proc.returncode == 0, err[-2000:]
    return [json.loads(line) for line in out.splitlines() if line.startswith("{")]


def _check_all_arrived(hub, students: dict[str, object]) -> None:
    stored = hub.events()
    for user, folder in students.items():
        expected = ledger_ids(folder)
        mine = [eid for u, eid in stored if u == user and eid in set(expected)]
        assert sorted(mine) == sorted(expected), user  # every answer, none twice
        assert len(mine) == len(set(mine))


def _told_waiting(output: dict) -> bool:
    return any(
        "not yet sent to your class" in line and "will be sent" in line
        for line in output["details"]
    )


def _fault_run(hub, tokens, tmp_path, fault) -> dict:
    """Three students answer while ``fault()`` happens; every answer must arrive once."""
    students = {name: tmp_path / name for name in ("student1", "student2", "student3")}
    procs = {u: kernel_script(hub, tokens[u], d, count=40, delay=0.1) for u, d in students.items()}
    end = time.monotonic() + 60
    while not all(acknowledged_ids(d) for d in students.values()):  # answers flowing
        assert time.monotonic() < end, "no answer reached the service"
        time.sleep(0.1)
    fault_info = fault()
    outputs = {u: _finish(p) for u, p in procs.items()}
    acknowledged = {u: acknowledged_ids(d) for u, d in students.items()}
    # every answer the service acknowledged survived the fault
    stored = set(hub.events())
    for user, ids in acknowledged.items():
        assert {(user, i) for i in ids} <= stored, user
    assert all(acknowledged.values()), "some answers must have gone through before the fault"
    waiting = [o for out in outputs.values() for o in out if _told_waiting(o)]
    # the answers checked while it was down: the student was told they will be sent
    assert waiting, "no answer was made while the service was down"
    assert len(waiting) < sum(len(out) for out in outputs.values())
    # the next answer sends them
    for u, d in students.items():
        _finish(kernel_script(hub, tokens[u], d, count=1))
    _check_all_arrived(hub, students)
    return {
        "fault": fault_info,
        "waiting": len(waiting),
        "acknowledged_before": sum(len(a) for a in acknowledged.values()),
    }


def test_service_killed_while_students_answer_loses_nothing(hub, tokens, tmp_path):
    def kill():
        pid = hub.kill_service()
        time.sleep(1)  # students keep answering while it is down
        return {"pid": pid}

    def after_kill():
        info = kill()
        info["back_after_s"] = hub.wait_service(timeout=90)
        assert hub.service_pid() != info["pid"]
        return info

    result = _fault_run(hub, tokens, tmp_path, after_kill)
    print("service kill:", result)


def test_hub_restart_while_students_answer_loses_nothing(hub, tokens, tmp_path):
    def restart():
        start = time.monotonic()
        hub.restart()
        return {"restart_s": round(time.monotonic() - start, 1)}

    result = _fault_run(hub, tokens, tmp_path, restart)
    print("hub restart:", result)
    # the service's store and the users' tokens outlive the restart
    assert post_events(hub.url, tokens["student1"], [event("after-restart-1")]).status == 200


def test_every_home_has_the_lessons_and_student_editions_never_solutions(hub):
    for user in ("instructor", "student1", "student2", "student3"):
        home = hub.settings.homes / user
        assert sorted(p.name for p in (home / "exercises").glob("*.ipynb")) == sorted(
            p.name for p in (REPO / "exercises").glob("*.ipynb")
        )
        assert len(list((home / "notebooks").glob("*.ipynb"))) >= 9
        assert not list(home.rglob("*.keys.json"))
        assert not (home / "exercises" / "solutions").exists()
        for notebook in (home / "exercises").glob("*.ipynb"):
            meta = json.loads(notebook.read_text("utf-8"))["metadata"].get("casekit", {})
            assert meta.get("edition") == "student", notebook
