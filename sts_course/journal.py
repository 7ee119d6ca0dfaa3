"""The learner's private journal: one SQLite file in their own per-user data folder.

Everything the reflection exercises save lands here and nowhere else: never in a graded
notebook, a submission, a report or a workshop store. The folder is
``platformdirs.user_data_path("sts-course")``, or ``$STS_JOURNAL_DIR`` when set (tests use
a temporary folder). The learner can export everything (JSON, and a printable PDF summary)
to a path they choose, and delete everything.

Each save is one transaction: a save that fails (bad input, a busy or unwritable file)
leaves every entry already saved as it was.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
from contextlib import closing, contextmanager
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path

import platformdirs

APP_NAME = "sts-course"
FILE_NAME = "journal.sqlite3"
ENV_DIR = "STS_JOURNAL_DIR"
SCHEMA_VERSION = 1
MAX_PAYLOAD_CHARS = 200_000
EXPORT_FORMAT = "sts-course-journal"
EXERCISE_ID = re.compile(r"^[A-Z][0-9]+$")
KIND = re.compile(r"^[a-z][a-z0-9_-]{0,39}$")

SCHEMA = """
CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS entries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    exercise TEXT NOT NULL,
    kind TEXT NOT NULL,
    created_at TEXT NOT NULL,
    payload TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS entries_by_exercise ON entries (exercise, kind, created_at);
"""


class JournalError(RuntimeError):
    """The journal file cannot be used (busy, unwritable, or made by a newer version)."""


class InvalidEntry(ValueError):
    """Input was refused; `field` names what to fix. Nothing already saved was changed."""

    def __init__(self, field: str, message: str):
        self.field = field
        super().__init__(f"{field}: {message}")


@dataclass(frozen=True)
class Entry:
    id: int
    exercise: str
    kind: str
    created_at: str  # UTC, ISO 8601
    payload: dict

    @property
    def when(self) -> datetime:
        return datetime.fromisoformat(self.created_at)


def journal_dir() -> Path:
    """The folder holding the journal: $STS_JOURNAL_DIR, else the per-user data folder."""
    override = os.environ.get(ENV_DIR)
    return Path(override).expanduser() if override else platformdirs.user_data_path(APP_NAME)


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def _timestamp(when: datetime | None) -> str:
    when = when or utc_now()
    if when.tzinfo is None:
        raise InvalidEntry("created_at", "must carry a time zone")
    return when.astimezone(timezone.utc).isoformat(timespec="seconds")


def _payload_json(payload) -> str:
    if not isinstance(payload, dict):
        raise InvalidEntry("payload", f"must be a mapping, got {type(payload).__name__}")
    try:
        text = json.dumps(payload, ensure_ascii=False, allow_nan=False, sort_keys=True)
    except (TypeError, ValueError) as exc:
        raise InvalidEntry("payload", f"cannot be stored as JSON ({exc})") from exc
    if len(text) > MAX_PAYLOAD_CHARS:
        raise InvalidEntry("payload", f"is too long ({len(text)} characters; at most {MAX_PAYLOAD_CHARS})")
    return text


class Journal:
    """A learner's journal file. Connections are opened per operation, so several
    exercises (or notebooks) can share one file."""

    def __init__(self, path: Path | None = None, timeout: float = 5.0):
        self.path = Path(path) if path else journal_dir() / FILE_NAME
        self.timeout = timeout
        self._create()

    def __repr__(self) -> str:
        return f"Journal({str(self.path)!r})"

    # -- the file -------------------------------------------------------------------------

    def _create(self) -> None:
        folder = self.path.parent
        if not folder.is_dir():
            folder.mkdir(parents=True, mode=0o700)
        new = not self.path.exists()
        with self._connection() as conn:
            conn.executescript(SCHEMA)
            row = conn.execute("SELECT MAX(version) FROM schema_version").fetchone()
            if row[0] is None:
                conn.execute("INSERT INTO schema_version (version) VALUES (?)", (SCHEMA_VERSION,))
            elif row[0] > SCHEMA_VERSION:
                raise JournalError(
                    f"{self.path} was written by a newer version of the course (schema {row[0]}; "
                    f"this version reads {SCHEMA_VERSION}): update sts-course; the file was not changed")
        if new:
            self.path.chmod(0o600)

    @contextmanager
    def _connection(self):
        """One transaction: committed when the block succeeds, rolled back when it fails."""
        try:
            with closing(sqlite3.connect(self.path, timeout=self.timeout)) as conn:
                conn.execute("PRAGMA secure_delete = ON")  # deleted text is overwritten on disk
                with conn:
                    yield conn
        except sqlite3.OperationalError as exc:
            reason = "it is busy (another notebook is writing)" if "locked" in str(exc) else str(exc)
            raise JournalError(f"could not use the journal at {self.path}: {reason}. "
                               "Nothing already saved was changed; try again.") from exc
        except sqlite3.DatabaseError as exc:
            raise JournalError(f"{self.path} is not a readable journal ({exc})") from exc

    # -- writing and reading ------------------------------------------------------------

    def save(self, exercise: str, kind: str, payload: dict, created_at: datetime | None = None) -> Entry:
        """Store one entry; raises InvalidEntry (naming the field) before touching the file."""
        if not isinstance(exercise, str) or not EXERCISE_ID.match(exercise):
            raise InvalidEntry("exercise", f"must be an exercise id such as 'I4', got {exercise!r}")
        if not isinstance(kind, str) or not KIND.match(kind):
            raise InvalidEntry("kind", f"must be a short lowercase name such as 'checkin', got {kind!r}")
        text, stamp = _payload_json(payload), _timestamp(created_at)
        with self._connection() as conn:
            cursor = conn.execute(
                "INSERT INTO entries (exercise, kind, created_at, payload) VALUES (?, ?, ?, ?)",
                (exercise, kind, stamp, text))
            entry_id = cursor.lastrowid
        return Entry(entry_id, exercise, kind, stamp, json.loads(text))

    def _select(self, exercise: str | None, kind: str | None, order: str) -> list[Entry]:
        query, args = "SELECT id, exercise, kind, created_at, payload FROM entries", []
        conditions = [(c, v) for c, v in (("exercise", exercise), ("kind", kind)) if v]
        if conditions:
            query += " WHERE " + " AND ".join(f"{c} = ?" for c, _ in conditions)
            args = [v for _, v in conditions]
        with self._connection() as conn:
            rows = conn.execute(f"{query} ORDER BY {order}", args).fetchall()
        return [Entry(r[0], r[1], r[2], r[3], json.loads(r[4])) for r in rows]

    def entries(self, exercise: str | None = None, kind: str | None = None) -> list[Entry]:
        """Entries in the order they were written, optionally for one exercise and kind."""
        return self._select(exercise, kind, "created_at, id")

    def latest(self, exercise: str, kind: str) -> Entry | None:
        """The most recent entry of one exercise and kind, or None."""
        found = self._select(exercise, kind, "created_at DESC, id DESC LIMIT 1")
        return found[0] if found else None

    def count(self) -> int:
        with self._connection() as conn:
            return conn.execute("SELECT COUNT(*) FROM entries").fetchone()[0]

    # -- export and delete ----------------------------------------------------------------

    def export_data(self) -> dict:
        return {"format": EXPORT_FORMAT, "schema_version": SCHEMA_VERSION,
                "exported_at": _timestamp(None), "entries": [asdict(e) for e in self.entries()]}

    def export_json(self, path: Path) -> Path:
        """Write every entry to `path` (a place the learner chose) as JSON."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(self.export_data(), ensure_ascii=False, indent=2), encoding="utf-8")
        return path

    def export_pdf(self, path: Path, titles: dict[str, str] | None = None) -> Path:
        """Write a printable summary of every entry to `path`; `titles` names the exercises."""
        from .printable import journal_pages, write_pdf

        return write_pdf(path, journal_pages(self.entries(), titles or {}))

    def delete_all(self) -> int:
        """Remove every entry (overwriting it on disk); returns how many were removed.
        Files exported earlier are the learner's own and are not touched."""
        with self._connection() as conn:
            removed = conn.execute("DELETE FROM entries").rowcount
            conn.commit()
            conn.execute("VACUUM")  # also drops the freed pages from the file
        return removed


def default_journal() -> Journal:
    """The learner's own journal, in their per-user data folder (or $STS_JOURNAL_DIR)."""
    return Journal()
