"""The answer ledger never loses an acknowledged answer: crashes, corruption, two writers."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from casekit.exercises.ledger import Ledger, ledger_path

LEDGER_PY = Path(__file__).resolve().parents[1] / "casekit" / "exercises" / "ledger.py"

# A writer that loads ledger.py on its own (stdlib only, so a process starts in ~30 ms),
# appends numbered answers and prints each number only after append() has returned.
WRITER = f"""
import importlib.util, sys
spec = importlib.util.spec_from_file_location("ledger", {str(LEDGER_PY)!r})
ledger = importlib.util.module_from_spec(spec)
sys.modules["ledger"] = ledger
spec.loader.exec_module(ledger)
book = ledger.Ledger(sys.argv[1])
tag, count = sys.argv[2], int(sys.argv[3])
for i in range(count):
    answer = {{"writer": tag, "n": i}}
    book.append({{"notebook": "nb", "question": "q" + str(i % 7), "answer": answer,
                 "pad": "x" * (i % 300)}})
    sys.stdout.write(f"{{i}}\\n")
    sys.stdout.flush()
"""


def record(n, question="q1", **extra):
    return {"notebook": "nb", "question": question, "answer": n, **extra}


def test_append_then_read_in_order(tmp_path):
    book = Ledger(tmp_path / "sub" / "nb.answers.jsonl")
    stored = [book.append(record(i)) for i in range(5)]
    contents = book.read()
    assert [r["answer"] for r in contents.records] == list(range(5))
    assert contents.problems == []
    assert stored[0]["v"] == 1 and len(stored[0]["crc"]) == 16 and "saved_at" in stored[0]
    assert contents.latest()["q1"]["answer"] == 4
    assert contents.attempts() == {"q1": 5}
    lines = (tmp_path / "sub" / "nb.answers.jsonl").read_bytes().split(b"\n")
    assert lines[-1] == b"" and all(json.loads(line) for line in lines[:-1])


def test_incremental_read_matches_a_fresh_read(tmp_path):
    path = tmp_path / "nb.answers.jsonl"
    book = Ledger(path)
    book.append(record(1))
    assert len(book.read().records) == 1
    book.append(record(2))
    Ledger(path).append(record(3))  # another kernel
    assert [r["answer"] for r in book.read().records] == [1, 2, 3]
    assert book.read().records == Ledger(path).read().records


def test_ledger_location_follows_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("CASEKIT_ANSWERS_DIR", str(tmp_path / "hub"))
    assert ledger_path("01_x") == tmp_path / "hub" / "01_x.answers.jsonl"
    monkeypatch.delenv("CASEKIT_ANSWERS_DIR")
    monkeypatch.chdir(tmp_path)
    assert ledger_path("01_x") == tmp_path / ".casekit" / "01_x.answers.jsonl"
    assert ledger_path("01_x", tmp_path / "own") == tmp_path / "own" / "01_x.answers.jsonl"


def test_corrupt_lines_are_skipped_and_reported_and_nothing_is_rewritten(tmp_path):
    path = tmp_path / "nb.answers.jsonl"
    book = Ledger(path)
    for i in range(3):
        book.append(record(i))
    good = Ledger(path).read().records
    forged = dict(good[0], answer="forged")  # crc no longer matches
    with open(path, "ab") as handle:
        handle.write(b"this is not json\n")
        handle.write(json.dumps(forged).encode() + b"\n")
        handle.write(b"\x00\xff\xfe binary junk\n")
        handle.write(b"\n")
        handle.write(b"[1, 2, 3]\n")
        handle.write(b'{"v":1,"notebook":"nb","question":"q1","ans')  # torn: no newline
    before = path.read_bytes()
    contents = Ledger(path).read()
    assert [r["answer"] for r in contents.records] == [0, 1, 2]
    assert [p.line for p in contents.problems] == [4, 5, 6, 8, 9]
    assert contents.problems[-1].reason == "incomplete last line"
    assert "line 4" in str(contents.problems[0])
    book.append(record(3))  # starts on a fresh line: the torn one cannot swallow it
    after = path.read_bytes()
    assert after.startswith(before)  # appended to, never rewritten
    contents = Ledger(path).read()
    assert [r["answer"] for r in contents.records] == [0, 1, 2, 3]
    assert len(contents.problems) == 5 and contents.problems[-1].reason == "not a valid JSON record"
    assert [r["answer"] for r in book.read().records] == [0, 1, 2, 3]


def test_a_record_glued_to_a_torn_fragment_is_recovered(tmp_path):
    path = tmp_path / "nb.answers.jsonl"
    source = Ledger(tmp_path / "other.jsonl")
    source.append(record("kept"))
    whole = (tmp_path / "other.jsonl").read_bytes()
    path.write_bytes(b'{"v":1,"question":"q1","answer":"tor' + whole)  # written by another tool
    contents = Ledger(path).read()
    assert [r["answer"] for r in contents.records] == ["kept"]
    assert contents.problems[0].reason == "torn text before a record"


def test_unwritable_folder_raises_so_the_answer_is_not_acknowledged(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(OSError):
        Ledger(blocker / "nb.answers.jsonl").append(record(1))


def _start_writer(path, tag, count):
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), tag, str(count)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )


def test_two_processes_appending_at_once_lose_nothing(tmp_path):
    path = tmp_path / "nb.answers.jsonl"
    writers = [_start_writer(path, tag, 300) for tag in ("a", "b")]
    for w in writers:
        out, _ = w.communicate(timeout=60)
        assert w.returncode == 0 and len(out.split()) == 300
    contents = Ledger(path).read()
    assert contents.problems == []
    seen = sorted((r["answer"]["writer"], r["answer"]["n"]) for r in contents.records)
    assert seen == sorted((t, i) for t in ("a", "b") for i in range(300))


def test_sigkill_at_random_moments_never_loses_an_acknowledged_answer(tmp_path):
    path = tmp_path / "nb.answers.jsonl"
    rng = random.Random(20250426)
    acknowledged: set[tuple[str, int]] = set()
    deadline = time.monotonic() + 9
    runs = 0
    while runs < 30 and time.monotonic() < deadline:
        tag = f"run{runs}"
        writer = _start_writer(path, tag, 1_000_000)
        first = writer.stdout.readline()  # the writer is up and has acknowledged one answer
        assert first.strip() == "0"
        time.sleep(rng.uniform(0.0, 0.08))
        os.kill(writer.pid, signal.SIGKILL)
        rest, _ = writer.communicate(timeout=30)
        assert writer.returncode == -signal.SIGKILL
        lines = (first + rest).split("\n")
        complete = [line for line in lines[:-1] if line.strip()]  # a cut-off ack is not an ack
        acknowledged |= {(tag, int(n)) for n in complete}
        runs += 1
        contents = Ledger(path).read()
        stored = {(r["answer"]["writer"], r["answer"]["n"]) for r in contents.records}
        missing = acknowledged - stored
        assert not missing, f"run {runs}: lost {sorted(missing)[:5]}"
        # Anything unreadable can only be the very end of the file (a write cut short).
        assert all(p.reason == "incomplete last line" for p in contents.problems)
    print(f"{runs} writers killed; {len(acknowledged)} acknowledged answers all kept")
    assert runs >= 15
    assert len(acknowledged) > runs
