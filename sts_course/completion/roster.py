"""The roster: a CSV of learners becomes nbgrader students plus the team, role and track the
reports group by (the `sts_roster` table, kept in the gradebook so reports join it in SQL).

Every row is checked before anything is written; one bad row stops the import, and the error
lists every bad row by line number. The import is one transaction: all rows or none.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.engine import Engine

from .database import open_engine
from .schema import ensure_report_indexes, metadata, roster_t as roster_table, student_t as student_table

COLUMNS = ("id", "first_name", "last_name", "email", "team", "role", "track")
STUDENT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MAX_TEXT = 128


class RosterError(ValueError):
    """The roster file has bad rows; `problems` names each by file and line."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(frozen=True)
class Learner:
    """One row of the roster (and of the gradebook's students joined to it)."""

    id: str
    first_name: str
    last_name: str
    email: str
    team: str
    role: str
    track: str


def _row_problems(row: dict, tracks: tuple[str, ...]) -> list[str]:
    problems = []
    for name in COLUMNS:
        value = row.get(name)
        if value is None or not value.strip():
            problems.append(f"field '{name}' is empty")
        elif len(value.strip()) > MAX_TEXT:
            problems.append(f"field '{name}' is longer than {MAX_TEXT} characters")
    if problems:
        return problems
    if not STUDENT_ID.match(row["id"].strip()):
        problems.append(f"field 'id': {row['id']!r} must be letters, digits, '.', '_' or '-' "
                        "(it names the learner's submission folder)")
    if not EMAIL.match(row["email"].strip()):
        problems.append(f"field 'email': {row['email']!r} is not an e-mail address")
    if row["track"].strip() not in tracks:
        problems.append(f"field 'track': unknown track {row['track']!r}; known: {', '.join(tracks)}")
    return problems


def read_roster(path: Path, tracks: tuple[str, ...]) -> list[Learner]:
    """Read and check every row; raise RosterError listing all bad rows by line number."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise RosterError([f"{path}: no such file"]) from None
    except UnicodeDecodeError as exc:
        raise RosterError([f"{path}: not UTF-8 text ({exc.reason})"]) from None
    reader = csv.DictReader(text.splitlines(), restkey="_extra")
    header = tuple(h.strip() for h in reader.fieldnames or ())
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise RosterError([f"{path}:1: header lacks column(s) {', '.join(missing)}; "
                           f"expected: {','.join(COLUMNS)}"])
    reader.fieldnames = list(header)
    problems, learners, first_line = [], [], {}
    for row in reader:
        line = reader.line_num
        row_problems = []
        if row.get("_extra"):
            row_problems.append(f"{len(header) + len(row['_extra'])} fields, expected {len(header)}")
        row_problems += _row_problems(row, tracks)
        student_id = (row.get("id") or "").strip()
        if student_id in first_line:
            row_problems.append(f"field 'id': {student_id!r} already used on line {first_line[student_id]}")
        first_line.setdefault(student_id, line)
        if row_problems:
            problems += [f"{path}:{line}: {p}" for p in row_problems]
        else:
            learners.append(Learner(*(row[c].strip() for c in COLUMNS)))
    if problems:
        raise RosterError(problems)
    if not learners:
        raise RosterError([f"{path}: no learners (only a header)"])
    return learners


def ensure_gradebook(url: str, course_id: str) -> Engine:
    """The gradebook at `url` with nbgrader's tables, the roster table and the report indexes."""
    from nbgrader.api import Gradebook

    engine = open_engine(url, must_exist=False)
    Gradebook(url, course_id).close()  # nbgrader's own schema and alembic version
    metadata.create_all(engine, tables=[roster_table])
    ensure_report_indexes(engine)
    return engine


def _upsert(connection, table, key: str, rows: list[dict], known: set[str]) -> tuple[int, int]:
    """Insert the rows whose key is new and update the others, each as one executemany."""
    new = [row for row in rows if row[key] not in known]
    old = [{f"b_{name}": value for name, value in row.items()} for row in rows if row[key] in known]
    if new:
        connection.execute(insert(table), new)
    if old:
        values = {name: bindparam(f"b_{name}") for name in rows[0] if name != key}
        connection.execute(update(table).where(table.c[key] == bindparam(f"b_{key}")).values(**values), old)
    return len(new), len(old)


def import_roster(engine: Engine, learners: list[Learner]) -> tuple[int, int]:
    """Insert or update every learner in one transaction; returns (added, updated)."""
    ids = [learner.id for learner in learners]
    with engine.begin() as connection:
        known: set[str] = set()
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            known |= set(connection.scalars(select(student_table.c.id).where(student_table.c.id.in_(chunk))))
        in_roster = set(connection.scalars(select(roster_table.c.student_id)))
        people = [{"id": x.id, "first_name": x.first_name, "last_name": x.last_name, "email": x.email}
                  for x in learners]
        groups = [{"student_id": x.id, "team": x.team, "role": x.role, "track": x.track} for x in learners]
        added, updated = _upsert(connection, student_table, "id", people, known)
        _upsert(connection, roster_table, "student_id", groups, in_roster)
    return added, updated
