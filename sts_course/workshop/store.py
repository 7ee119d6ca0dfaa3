"""The live-session store: one SQLite file (WAL mode) shared by every Voila kernel.

Holds workshop sessions, their join codes, participants and answers, and the hash of the
trainer token. Each kernel (trainer or participant page) opens its own connection; WAL lets
them read while one writes. One answer per participant and question: answering again
replaces the earlier answer (the last one is kept).

The file lives in ``$STS_WORKSHOP_DIR`` or the per-user data folder, never in the course
checkout. It holds knowledge-check answers only: nothing from a learner's private journal.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import sqlite3
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from .. import paths

ENV_DIR = "STS_WORKSHOP_DIR"
FILE_NAME = "workshop.sqlite3"
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I: easy to type on a phone
CODE_LENGTH = 5
NICKNAME_MAX = 24
LATE_GRACE_SECONDS = 1.0  # answers sent just as the timer ends still count
PHASES = ("lobby", "question", "revealed", "ended")

SCHEMA = """
CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sessions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    code TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    question_ids TEXT NOT NULL,
    time_limit INTEGER,
    leaderboard INTEGER NOT NULL DEFAULT 0,
    position INTEGER NOT NULL DEFAULT -1,
    phase TEXT NOT NULL DEFAULT 'lobby',
    opened_at REAL,
    created_at REAL NOT NULL,
    revision INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS participants (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    session_id INTEGER NOT NULL REFERENCES sessions(id),
    secret TEXT NOT NULL UNIQUE,
    nickname TEXT,
    joined_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS answers (
    session_id INTEGER NOT NULL REFERENCES sessions(id),
    participant_id INTEGER NOT NULL REFERENCES participants(id),
    question_id TEXT NOT NULL,
    choice TEXT NOT NULL,
    correct INTEGER NOT NULL,
    answered_at REAL NOT NULL,
    UNIQUE (session_id, participant_id, question_id)
);
"""


class WorkshopError(ValueError):
    """Something a trainer or participant asked for cannot be done; the message says why."""


class JoinCodeError(WorkshopError):
    """No open session has this join code."""


class AnswerClosed(WorkshopError):
    """The question is not open for answers (not started, revealed, or out of time)."""


@dataclass(frozen=True)
class Session:
    id: int
    code: str
    title: str
    question_ids: tuple[str, ...]
    time_limit: int | None
    leaderboard: bool
    position: int
    phase: str
    opened_at: float | None
    revision: int

    @property
    def current_question_id(self) -> str | None:
        if 0 <= self.position < len(self.question_ids):
            return self.question_ids[self.position]
        return None

    @property
    def deadline(self) -> float | None:
        """When answers close for the open question (None: no time limit)."""
        if self.phase != "question" or not self.time_limit or self.opened_at is None:
            return None
        return self.opened_at + self.time_limit

    def seconds_left(self, now: float | None = None) -> int | None:
        if self.deadline is None:
            return None
        return max(0, round(self.deadline - (now or time.time())))

    @property
    def progress(self) -> str:
        if self.phase == "ended":
            return "ended"
        if self.position < 0:
            return "not started"
        return f"question {self.position + 1} of {len(self.question_ids)}"


@dataclass(frozen=True)
class Participant:
    id: int
    session_id: int
    secret: str
    nickname: str | None


@dataclass(frozen=True)
class AnswerRow:
    """One stored answer, as exported."""

    code: str
    question_id: str
    participant: str
    choice: str
    correct: bool
    answered_at: float


def workshop_dir() -> Path:
    """$STS_WORKSHOP_DIR, else `<per-user data folder>/workshop` (never inside the checkout)."""
    override = os.environ.get(ENV_DIR)
    folder = Path(override).expanduser() if override else platformdirs.user_data_path("sts-course") / "workshop"
    folder = folder.resolve()
    try:
        root = paths.project_root()
    except paths.ProjectNotFound:
        return folder
    if folder == root or root in folder.parents:
        raise WorkshopError(f"{ENV_DIR}={folder} is inside the course checkout {root}: "
                            "choose a folder outside it, so session answers are never committed")
    return folder


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def normalize_code(code: str) -> str:
    """What a participant typed, as a join code: upper case, spaces and dashes removed."""
    return "".join(ch for ch in (code or "").upper() if ch not in " -\t")


class WorkshopStore:
    """Sessions, participants and answers in one SQLite file. Safe to open from many processes."""

    def __init__(self, path: Path | None = None):
        self.path = Path(path) if path else workshop_dir() / FILE_NAME
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.path, timeout=15, isolation_level=None, check_same_thread=False)
        self.db.row_factory = sqlite3.Row
        try:
            self.db.execute("PRAGMA busy_timeout = 15000")
            self.db.execute("PRAGMA journal_mode = WAL")
            self.db.execute("PRAGMA synchronous = NORMAL")
            self.db.execute("PRAGMA foreign_keys = ON")
            self.db.executescript(SCHEMA)
        except sqlite3.DatabaseError as exc:  # not a database, or not ours: leave the file as it is
            self.db.close()
            raise WorkshopError(f"{self.path}: cannot be used as the workshop store ({exc}). The file "
                                f"is left untouched; move it aside, or set {ENV_DIR} to another folder, "
                                "and start again") from exc

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def _write(self):
        """One write transaction; BEGIN IMMEDIATE takes the write lock up front (no deadlocks)."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    # -- trainer token ---------------------------------------------------------------------
    def set_trainer_token(self, token: str) -> None:
        """Remember the trainer token (only its hash is stored)."""
        with self._write() as db:
            db.execute("INSERT INTO settings(key, value) VALUES ('trainer_token', ?) "
                       "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (_hash(token),))

    def trainer_token_ok(self, token: str | None) -> bool:
        row = self.db.execute("SELECT value FROM settings WHERE key = 'trainer_token'").fetchone()
        return bool(token) and row is not None and hmac.compare_digest(row["value"], _hash(token))

    # -- sessions --------------------------------------------------------------------------
    def create_session(self, question_ids, title: str, time_limit: int | None = None,
                       leaderboard: bool = False) -> Session:
        question_ids = tuple(question_ids)
        if not question_ids:
            raise WorkshopError("choose at least one question for the session")
        if time_limit is not None and time_limit < 0:
            raise WorkshopError("the time limit must be zero (no limit) or a number of seconds")
        with self._write() as db:
            taken = {row[0] for row in db.execute("SELECT code FROM sessions")}
            code = next(c for c in iter(self._new_code, None) if c not in taken)
            cursor = db.execute(
                "INSERT INTO sessions(code, title, question_ids, time_limit, leaderboard, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (code, title, json.dumps(question_ids), time_limit or None, int(leaderboard), time.time()))
        return self.session(cursor.lastrowid)

    @staticmethod
    def _new_code() -> str:
        return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))

    @staticmethod
    def _session(row: sqlite3.Row) -> Session:
        return Session(row["id"], row["code"], row["title"], tuple(json.loads(row["question_ids"])),
                       row["time_limit"], bool(row["leaderboard"]), row["position"], row["phase"],
                       row["opened_at"], row["revision"])

    def session(self, session_id: int) -> Session:
        row = self.db.execute("SELECT * FROM sessions WHERE id = ?", (session_id,)).fetchone()
        if row is None:
            raise WorkshopError(f"no session with id {session_id}")
        return self._session(row)

    def session_by_code(self, code: str) -> Session:
        """The open session with this join code; JoinCodeError says clearly what went wrong."""
        typed = normalize_code(code)
        if not typed:
            raise JoinCodeError("Enter the join code shown on the trainer's screen.")
        row = self.db.execute("SELECT * FROM sessions WHERE code = ?", (typed,)).fetchone()
        if row is None:
            raise JoinCodeError(f"No session has the code {typed}. Check the code on the "
                                "trainer's screen and try again.")
        return self._session(row)

    def open_sessions(self) -> list[Session]:
        """Sessions not yet ended, newest first (what a restarted trainer can resume)."""
        rows = self.db.execute("SELECT * FROM sessions WHERE phase != 'ended' ORDER BY id DESC")
        return [self._session(row) for row in rows]

    def revision(self, session_id: int) -> int:
        """Bumped by every trainer action: a cheap value for pages to poll."""
        row = self.db.execute("SELECT revision FROM sessions WHERE id = ?", (session_id,)).fetchone()
        return row[0] if row else -1

    def _update(self, session_id: int, **fields) -> Session:
        assignments = ", ".join(f"{name} = ?" for name in fields)
        with self._write() as db:
            db.execute(f"UPDATE sessions SET {assignments}, revision = revision + 1 WHERE id = ?",
                       (*fields.values(), session_id))
        return self.session(session_id)

    def open_question(self, session_id: int, position: int) -> Session:
        """Show question `position` (0-based) to everyone and accept answers to it."""
        session = self.session(session_id)
        if session.phase == "ended":
            raise WorkshopError(f"session {session.code} has ended")
        if not 0 <= position < len(session.question_ids):
            raise WorkshopError(f"session {session.code} has no question {position + 1}")
        return self._update(session_id, position=position, phase="question", opened_at=time.time())

    def reveal(self, session_id: int) -> Session:
        """Close answers to the current question and show everyone the answer."""
        session = self.session(session_id)
        if session.phase != "question":
            raise WorkshopError("there is no open question to reveal")
        return self._update(session_id, phase="revealed")

    def end_session(self, session_id: int) -> Session:
        return self._update(session_id, phase="ended")

    def set_leaderboard(self, session_id: int, shown: bool) -> Session:
        return self._update(session_id, leaderboard=int(shown))

    # -- participants ----------------------------------------------------------------------
    def join(self, code: str, nickname: str | None = None, secret: str | None = None) -> Participant:
        """Join the session with this code; `secret` (from an earlier join) rejoins as the same person."""
        session = self.session_by_code(code)
        if session.phase == "ended":
            raise JoinCodeError(f"Session {session.code} has ended. Ask the trainer for the new code.")
        nickname = " ".join((nickname or "").split())[:NICKNAME_MAX] or None
        with self._write() as db:
            if secret:
                row = db.execute("SELECT * FROM participants WHERE secret = ? AND session_id = ?",
                                 (secret, session.id)).fetchone()
                if row is not None:
                    if nickname and nickname != row["nickname"]:
                        db.execute("UPDATE participants SET nickname = ? WHERE id = ?", (nickname, row["id"]))
                    return Participant(row["id"], session.id, secret, nickname or row["nickname"])
            secret = secrets.token_urlsafe(12)
            cursor = db.execute("INSERT INTO participants(session_id, secret, nickname, joined_at) "
                                "VALUES (?, ?, ?, ?)", (session.id, secret, nickname, time.time()))
        return Participant(cursor.lastrowid, session.id, secret, nickname)

    def participant_count(self, session_id: int) -> int:
        return self.db.execute("SELECT COUNT(*) FROM participants WHERE session_id = ?",
                               (session_id,)).fetchone()[0]

    # -- answers ---------------------------------------------------------------------------
    def submit(self, participant: Participant, question, keys) -> None:
        """Store an answer to the open question; a second answer replaces the first."""
        keys = sorted(set(keys))
        if not keys:
            raise WorkshopError("Choose an answer first.")
        unknown = set(keys) - {o.key for o in question.options}
        if unknown:
            raise WorkshopError(f"question {question.id} has no option {', '.join(sorted(unknown))}")
        with self._write() as db:
            row = db.execute("SELECT * FROM sessions WHERE id = ?", (participant.session_id,)).fetchone()
            session = self._session(row)
            if session.phase != "question" or session.current_question_id != question.id:
                raise AnswerClosed("Answers to this question are closed.")
            if session.deadline is not None and time.time() > session.deadline + LATE_GRACE_SECONDS:
                raise AnswerClosed("Time is up for this question.")
            db.execute(
                "INSERT INTO answers(session_id, participant_id, question_id, choice, correct, answered_at) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(session_id, participant_id, question_id) "
                "DO UPDATE SET choice = excluded.choice, correct = excluded.correct, "
                "answered_at = excluded.answered_at",
                (session.id, participant.id, question.id, ",".join(keys),
                 int(question.evaluate(keys).correct), time.time()))

    def answer_of(self, participant: Participant, question_id: str) -> tuple[str, ...]:
        """The option keys this participant chose (empty if they did not answer)."""
        row = self.db.execute("SELECT choice FROM answers WHERE session_id = ? AND participant_id = ? "
                              "AND question_id = ?",
                              (participant.session_id, participant.id, question_id)).fetchone()
        return tuple(row[0].split(",")) if row else ()

    def answer_count(self, session_id: int, question_id: str) -> int:
        return self.db.execute("SELECT COUNT(*) FROM answers WHERE session_id = ? AND question_id = ?",
                               (session_id, question_id)).fetchone()[0]

    def total_answers(self, session_id: int) -> int:
        return self.db.execute("SELECT COUNT(*) FROM answers WHERE session_id = ?",
                               (session_id,)).fetchone()[0]

    def distribution(self, session_id: int, question) -> dict[str, int]:
        """How many participants chose each option (a select-all answer counts for each key)."""
        counts = {option.key: 0 for option in question.options}
        rows = self.db.execute("SELECT choice FROM answers WHERE session_id = ? AND question_id = ?",
                               (session_id, question.id))
        for (choice,) in rows:
            for key in choice.split(","):
                counts[key] = counts.get(key, 0) + 1
        return counts

    def score(self, participant: Participant) -> int:
        """How many questions this participant answered correctly (last answers only)."""
        return self.db.execute("SELECT COALESCE(SUM(correct), 0) FROM answers WHERE session_id = ? "
                               "AND participant_id = ?", (participant.session_id, participant.id)).fetchone()[0]

    def leaderboard(self, session_id: int, limit: int = 5) -> list[tuple[str, int]]:
        """Top scores of participants who chose a nickname (anonymous people are never listed)."""
        rows = self.db.execute(
            "SELECT p.nickname, COALESCE(SUM(a.correct), 0) AS score FROM participants p "
            "LEFT JOIN answers a ON a.participant_id = p.id AND a.session_id = p.session_id "
            "WHERE p.session_id = ? AND p.nickname IS NOT NULL "
            "GROUP BY p.id ORDER BY score DESC, p.nickname LIMIT ?", (session_id, limit))
        return [(row["nickname"], row["score"]) for row in rows]

    def answer_rows(self, session_id: int) -> list[AnswerRow]:
        """Every stored answer, in question order then participant order (for the export)."""
        session = self.session(session_id)
        order = {qid: n for n, qid in enumerate(session.question_ids)}
        rows = self.db.execute(
            "SELECT a.*, p.nickname FROM answers a JOIN participants p ON p.id = a.participant_id "
            "WHERE a.session_id = ? ORDER BY a.participant_id", (session_id,)).fetchall()
        rows.sort(key=lambda r: (order.get(r["question_id"], len(order)), r["participant_id"]))
        return [AnswerRow(session.code, r["question_id"], r["nickname"] or f"participant {r['participant_id']}",
                          r["choice"], bool(r["correct"]), r["answered_at"]) for r in rows]
