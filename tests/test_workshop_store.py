"""The workshop session store: real SQLite files, several connections and processes at once."""

from __future__ import annotations

import multiprocessing
import sqlite3

import pytest

from conftest import ROOT
from sts_course.bank import load_bank
from sts_course.workshop.discussion import DiscussionError, load_prompts, read_prompts
from sts_course.workshop.export import CSV_COLUMNS, export_session, results_csv
from sts_course.workshop.store import (AnswerClosed, JoinCodeError, WorkshopError, WorkshopStore,
                                       workshop_dir)

BANK = load_bank()
QUESTIONS = BANK.for_module("F1")[:3]
IDS = [q.id for q in QUESTIONS]


def wrong_key(question):
    return next(o.key for o in question.options if not o.correct)


@pytest.fixture
def store(tmp_path):
    store = WorkshopStore(tmp_path / "workshop.sqlite3")
    yield store
    store.close()


@pytest.fixture
def live(store):
    """A session with its first question open."""
    session = store.create_session(IDS, "F1 test")
    store.open_question(session.id, 0)
    return store.session(session.id)


def test_store_uses_wal_and_stays_outside_the_checkout(store, monkeypatch, tmp_path):
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    monkeypatch.setenv("STS_WORKSHOP_DIR", str(ROOT / "notebooks"))
    with pytest.raises(WorkshopError, match="inside the course checkout"):
        workshop_dir()
    monkeypatch.setenv("STS_WORKSHOP_DIR", str(tmp_path / "elsewhere"))
    assert workshop_dir() == (tmp_path / "elsewhere").resolve()


def test_answering_twice_keeps_one_answer_the_last(store, live):
    question = QUESTIONS[0]
    person = store.join(live.code, "Sam")
    store.submit(person, question, {wrong_key(question)})
    store.submit(person, question, question.correct_keys)
    rows = store.db.execute("SELECT choice, correct FROM answers").fetchall()
    assert [tuple(r) for r in rows] == [(",".join(sorted(question.correct_keys)), 1)]
    assert store.answer_of(person, question.id) == tuple(sorted(question.correct_keys))
    assert store.answer_count(live.id, question.id) == 1
    assert store.score(person) == 1


def test_distribution_counts_each_participant_once(store, live):
    question = QUESTIONS[0]
    keys = [o.key for o in question.options]
    people = [store.join(live.code) for _ in range(4)]
    for person, key in zip(people, [keys[0], keys[1], keys[1], keys[0]]):
        store.submit(person, question, {key})
    store.submit(people[3], question, {keys[1]})  # changes their mind: the last answer counts
    counts = store.distribution(live.id, question)
    assert counts[keys[0]] == 1 and counts[keys[1]] == 3 and sum(counts.values()) == 4


def test_wrong_join_code_gets_a_clear_message(store, live):
    with pytest.raises(JoinCodeError, match="No session has the code ZZZZZ. Check the code"):
        store.join("zzzzz")
    with pytest.raises(JoinCodeError, match="Enter the join code"):
        store.join("  ")
    assert store.join(f" {live.code[:2].lower()}-{live.code[2:]} ").session_id == live.id  # typed loosely
    store.end_session(live.id)
    with pytest.raises(JoinCodeError, match="has ended"):
        store.join(live.code)


def test_a_corrupt_store_file_is_named_and_left_untouched(tmp_path):
    path = tmp_path / "workshop.sqlite3"
    path.write_bytes(b"not a database, but somebody's file" * 200)
    before = path.read_bytes()
    with pytest.raises(WorkshopError, match=rf"{path}: cannot be used as the workshop store .*left untouched"):
        WorkshopStore(path)
    assert path.read_bytes() == before


def test_answers_only_to_the_open_question_in_time(store):
    session = store.create_session(IDS, "timed", time_limit=30)
    person = store.join(session.code)
    with pytest.raises(AnswerClosed, match="closed"):
        store.submit(person, QUESTIONS[0], {"A"})  # not started yet
    store.open_question(session.id, 0)
    with pytest.raises(AnswerClosed):
        store.submit(person, QUESTIONS[1], {"A"})  # not the open question
    with pytest.raises(WorkshopError, match="Choose an answer first"):
        store.submit(person, QUESTIONS[0], set())
    with pytest.raises(WorkshopError, match="no option Z"):
        store.submit(person, QUESTIONS[0], {"Z"})
    store.db.execute("UPDATE sessions SET opened_at = opened_at - 60 WHERE id = ?", (session.id,))
    assert store.session(session.id).seconds_left() == 0
    with pytest.raises(AnswerClosed, match="Time is up"):
        store.submit(person, QUESTIONS[0], {"A"})
    store.open_question(session.id, 1)
    store.submit(person, QUESTIONS[1], {"A"})
    store.reveal(session.id)
    with pytest.raises(AnswerClosed):
        store.submit(person, QUESTIONS[1], {"B"})
    assert store.answer_of(person, QUESTIONS[1].id) == ("A",)


def test_reopening_the_store_resumes_the_session_with_every_answer(tmp_path):
    path = tmp_path / "workshop.sqlite3"
    first = WorkshopStore(path)
    session = first.create_session(IDS, "resume me")
    first.open_question(session.id, 0)
    people = [first.join(session.code, nickname) for nickname in ("Ana", None, None)]
    for person in people:
        first.submit(person, QUESTIONS[0], QUESTIONS[0].correct_keys)
    first.close()  # the trainer's server stops

    again = WorkshopStore(path)
    resumed = again.open_sessions()
    assert [s.code for s in resumed] == [session.code] and resumed[0].phase == "question"
    assert again.answer_count(session.id, QUESTIONS[0].id) == 3
    back = again.join(session.code, secret=people[1].secret)  # the same browser rejoins
    assert back.id == people[1].id and again.participant_count(session.id) == 3
    again.submit(back, QUESTIONS[0], {wrong_key(QUESTIONS[0])})
    assert again.answer_count(session.id, QUESTIONS[0].id) == 3
    assert again.score(back) == 0 and again.score(people[0]) == 1
    again.close()


def test_trainer_token_is_stored_only_as_a_hash(store, tmp_path):
    store.set_trainer_token("s3cret-token-value")
    assert store.trainer_token_ok("s3cret-token-value")
    assert not store.trainer_token_ok("wrong") and not store.trainer_token_ok(None)
    store.db.execute("PRAGMA wal_checkpoint(FULL)")
    assert b"s3cret-token-value" not in store.path.read_bytes()


def test_leaderboard_lists_nicknames_only(store, live):
    question = QUESTIONS[0]
    named, anonymous = store.join(live.code, "Kim"), store.join(live.code)
    store.submit(named, question, question.correct_keys)
    store.submit(anonymous, question, question.correct_keys)
    assert store.leaderboard(live.id) == [("Kim", 1)]


def _answer_all(path: str, code: str, question_id: str, n: int) -> None:
    store = WorkshopStore(path)
    question = load_bank().by_id(question_id)
    for _ in range(n):
        person = store.join(code)
        store.submit(person, question, question.correct_keys)
        store.submit(person, question, question.correct_keys)  # a double tap
    store.close()


def test_concurrent_processes_lose_no_answer(store, live):
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_answer_all, args=(str(store.path), live.code, IDS[0], 10))
               for _ in range(6)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
        assert worker.exitcode == 0
    assert store.answer_count(live.id, IDS[0]) == 60


def test_export_rows_match_the_answers(store, live, tmp_path):
    question = QUESTIONS[0]
    store.submit(store.join(live.code, "Lee"), question, question.correct_keys)
    store.submit(store.join(live.code), question, {wrong_key(question)})
    rows = results_csv(store, live.id).splitlines()
    assert rows[0] == ",".join(CSV_COLUMNS)
    assert sorted(r.split(",")[2:5] for r in rows[1:]) == sorted([
        ["Lee", ",".join(sorted(question.correct_keys)), "yes"],
        ["participant 2", wrong_key(question), "no"]])
    written = export_session(store, live.id, tmp_path / "out")
    assert [p.name for p in written] == ["results.csv", *(f"{qid}.png" for qid in IDS)]
    assert all(p.read_bytes()[:4] == b"\x89PNG" for p in written[1:])


def test_discussion_prompts_cover_every_module_and_check_ids(tmp_path):
    prompts = load_prompts()
    expected = ["F1", "F2", *(f"I{n}" for n in range(1, 8)), *(f"O{n}" for n in range(1, 8))]
    assert all(len(prompts[m]) >= 2 for m in expected)
    bad = tmp_path / "discussion.yml"
    bad.write_text("modules:\n  F1:\n    - A prompt.\n  Q9:\n    - Another.\n", encoding="utf-8")
    with pytest.raises(DiscussionError, match=r"discussion.yml:4: unknown module 'Q9'"):
        read_prompts(bad, ("F1",))


def test_store_file_is_plain_sqlite_with_one_row_per_answer(store, live):
    person = store.join(live.code)
    for _ in range(3):
        store.submit(person, QUESTIONS[0], {"A"})
    with sqlite3.connect(store.path) as other:  # another process's view of the same file
        assert other.execute("SELECT COUNT(*) FROM answers").fetchone()[0] == 1
