"""The private journal: one SQLite file in the learner's own folder; entries survive a
restart; bad input and failed saves lose nothing; export (JSON, PDF) and delete everything."""

from __future__ import annotations

import json
import re
import sqlite3
import stat
from datetime import datetime, timezone

import platformdirs
import pytest

from sts_course import journal as journal_module
from sts_course.journal import InvalidEntry, Journal, JournalError, journal_dir

MARKER = "zebra-lantern-4471"


def test_location_is_the_per_user_data_folder_unless_overridden(monkeypatch, tmp_path):
    monkeypatch.delenv("STS_JOURNAL_DIR", raising=False)
    assert journal_dir() == platformdirs.user_data_path("sts-course")
    monkeypatch.setenv("STS_JOURNAL_DIR", str(tmp_path / "mine"))
    assert journal_dir() == tmp_path / "mine"
    assert Journal().path == tmp_path / "mine" / "journal.sqlite3"


def test_file_and_folder_are_private_to_the_user(journal):
    assert stat.S_IMODE(journal.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(journal.path.parent.stat().st_mode) == 0o700


def test_entries_survive_a_restart(journal):
    when = datetime(2026, 2, 6, 16, 30, tzinfo=timezone.utc)
    saved = journal.save("I4", "checkin", {"score": 41.7, "plan": MARKER}, created_at=when)
    reopened = Journal(journal.path)
    [entry] = reopened.entries()
    assert entry == saved
    assert (entry.exercise, entry.kind, entry.created_at) == ("I4", "checkin", "2026-02-06T16:30:00+00:00")
    assert entry.payload == {"score": 41.7, "plan": MARKER}
    with sqlite3.connect(journal.path) as conn:
        assert conn.execute("SELECT version FROM schema_version").fetchall() == [(1,)]


def test_entries_filter_by_exercise_and_kind_in_time_order(journal):
    journal.save("I2", "gratitude", {"items": ["b"]}, created_at=datetime(2026, 1, 2, tzinfo=timezone.utc))
    journal.save("I2", "gratitude", {"items": ["a"]}, created_at=datetime(2026, 1, 1, tzinfo=timezone.utc))
    journal.save("I2", "beliefs", {"notes": {}}, created_at=datetime(2026, 1, 3, tzinfo=timezone.utc))
    journal.save("I4", "checkin", {"score": 1})
    assert [e.payload["items"] for e in journal.entries("I2", "gratitude")] == [["a"], ["b"]]
    assert journal.latest("I2", "gratitude").payload == {"items": ["b"]}
    assert journal.latest("I6", "network") is None
    assert len(journal.entries("I2")) == 3 and journal.count() == 4


@pytest.mark.parametrize(("exercise", "kind", "payload", "field"), [
    ("i4", "checkin", {}, "exercise"),
    ("I4", "", {}, "kind"),
    ("I4", "Check In", {}, "kind"),
    ("I4", "checkin", ["not", "a", "mapping"], "payload"),
    ("I4", "checkin", {"when": datetime.now()}, "payload"),
    ("I4", "checkin", {"score": float("nan")}, "payload"),
    ("I4", "checkin", {"note": "x" * (journal_module.MAX_PAYLOAD_CHARS + 1)}, "payload"),
])
def test_bad_input_is_refused_naming_the_field_and_nothing_changes(journal, exercise, kind, payload, field):
    journal.save("I4", "checkin", {"score": 10})
    before = journal.path.read_bytes()
    with pytest.raises(InvalidEntry) as caught:
        journal.save(exercise, kind, payload)
    assert caught.value.field == field and str(caught.value).startswith(f"{field}: ")
    assert journal.path.read_bytes() == before
    assert [e.payload for e in journal.entries()] == [{"score": 10}]


def test_a_save_that_fails_midway_keeps_every_saved_entry(journal):
    journal.save("I4", "checkin", {"score": 10})
    impatient = Journal(journal.path, timeout=0.1)
    blocker = sqlite3.connect(journal.path)
    blocker.execute("BEGIN EXCLUSIVE")  # another notebook is in the middle of writing
    try:
        with pytest.raises(JournalError, match="busy.*Nothing already saved was changed"):
            impatient.save("I4", "checkin", {"score": 99})
    finally:
        blocker.rollback()
        blocker.close()
    assert [e.payload for e in journal.entries()] == [{"score": 10}]


def test_a_journal_from_a_newer_version_is_not_touched(journal):
    with sqlite3.connect(journal.path) as conn:
        conn.execute("UPDATE schema_version SET version = 99")
    before = journal.path.read_bytes()
    with pytest.raises(JournalError, match="newer version"):
        Journal(journal.path)
    assert journal.path.read_bytes() == before


def test_a_file_that_is_not_a_journal_is_a_clear_error(tmp_path):
    bogus = tmp_path / "journal.sqlite3"
    bogus.write_text("not a database")
    with pytest.raises(JournalError, match="not a readable journal"):
        Journal(bogus)


def test_export_json_holds_every_entry(journal, tmp_path):
    journal.save("I1", "rating", {"phase": "before", "ratings": {"risks": 2}})
    journal.save("I7", "card", {"eap": MARKER})
    exported = json.loads(journal.export_json(tmp_path / "out" / "mine.json").read_text(encoding="utf-8"))
    assert exported["format"] == "sts-course-journal" and exported["schema_version"] == 1
    assert [(e["exercise"], e["kind"], e["payload"]) for e in exported["entries"]] == [
        ("I1", "rating", {"phase": "before", "ratings": {"risks": 2}}), ("I7", "card", {"eap": MARKER})]


def test_export_pdf_is_a_printable_summary(journal, tmp_path):
    for week in range(40):  # enough lines for several pages
        journal.save("I4", "checkin", {"score": week, "plan": f"week {week}"})
    pdf = journal.export_pdf(tmp_path / "summary.pdf", {"I4": "Self-monitoring check-in"}).read_bytes()
    assert pdf.startswith(b"%PDF-")
    assert len(re.findall(rb"/Type /Page\W", pdf)) >= 3  # 40 entries of 4 lines, 58 lines a page


def test_delete_all_removes_every_entry_from_the_file(journal):
    for n in range(3):
        journal.save("I3", "profile", {"signs": [f"{MARKER} {n}"]})
    assert MARKER.encode() in journal.path.read_bytes()
    assert journal.delete_all() == 3
    assert journal.entries() == [] and journal.count() == 0
    assert MARKER.encode() not in journal.path.read_bytes()
    assert list(journal.path.parent.iterdir()) == [journal.path]  # no leftover side files
    journal.save("I3", "profile", {"signs": ["after"]})  # still usable afterwards
    assert journal.count() == 1
