"""Set-based reads of the nbgrader gradebook (SQLAlchemy Core; SQLite and PostgreSQL).

A handful of queries read everything a report needs, whatever the number of learners, instead
of nbgrader's loop of queries per student and assignment. Only completion and knowledge-check
scores are read: no notebook content.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import case, false, func, inspect, literal, select
from sqlalchemy.engine import Connection, Engine

from .roster import Learner
from .schema import (assignment_t, base_cell_t, grade_cell_t, grade_t, notebook_t, submission_t,
                     submitted_nb_t)
from .schema import roster_t as roster_table
from .schema import student_t as student_table


class FilterError(ValueError):
    """A --team or --track filter names no group in the roster."""


@dataclass(frozen=True)
class SubmissionRecord:
    timestamp: datetime | None
    extension: timedelta | None
    grades: int  # grade rows stored (0: not autograded yet)
    score: float
    needs_manual: int  # grade rows waiting for a person


@dataclass(frozen=True)
class GradebookSnapshot:
    learners: list[Learner]
    submissions: dict[tuple[str, str], SubmissionRecord]  # (student id, assignment) -> record
    max_scores: dict[str, float]  # assignment -> points available
    cell_results: dict[str, tuple[int, int]]  # grade cell name -> (answered, answered correctly)


def grade_score():
    """nbgrader's Grade.score as a Core expression: manual over auto, plus extra credit."""
    g = grade_t.c
    extra = func.coalesce(g.extra_credit, 0.0)
    return case((g.manual_score.is_not(None), g.manual_score + extra),
                (g.auto_score.is_not(None), g.auto_score + extra), else_=literal(0.0))


def _filter(query, team: str | None, track: str | None):
    if team:
        query = query.where(roster_table.c.team == team)
    if track:
        query = query.where(roster_table.c.track == track)
    return query


def roster_groups(connection: Connection) -> tuple[list[str], list[str]]:
    """The teams and tracks present in the roster."""
    teams = connection.scalars(select(roster_table.c.team).distinct().order_by(roster_table.c.team)).all()
    tracks = connection.scalars(select(roster_table.c.track).distinct().order_by(roster_table.c.track)).all()
    return list(teams), list(tracks)


def check_filters(connection: Connection, team: str | None, track: str | None) -> None:
    teams, tracks = roster_groups(connection)
    if team and team not in teams:
        raise FilterError(f"unknown team {team!r}; teams in the roster: {', '.join(teams) or 'none'}")
    if track and track not in tracks:
        raise FilterError(f"unknown track {track!r}; tracks in the roster: {', '.join(tracks) or 'none'}")


def read_learners(connection: Connection, team=None, track=None) -> list[Learner]:
    s, r = student_table.c, roster_table.c
    query = (select(s.id, s.first_name, s.last_name, s.email, r.team, r.role, r.track)
             .join_from(student_table, roster_table, r.student_id == s.id).order_by(s.id))
    return [Learner(*row) for row in connection.execute(_filter(query, team, track))]


def everyone_on_roster(connection: Connection) -> bool:
    """Is every student in the gradebook on the roster? (Then no per-grade roster filter is needed.)"""
    missing = select(student_table.c.id).where(
        student_table.c.id.not_in(select(roster_table.c.student_id))).limit(1)
    return connection.execute(missing).first() is None


def roster_notebooks(team=None, track=None):
    """Ids of the submitted notebooks of roster learners (of one team or track)."""
    sn, sa = submitted_nb_t.c, submission_t.c
    query = (select(sn.id).join_from(submitted_nb_t, submission_t, sa.id == sn.assignment_id)
             .join(roster_table, roster_table.c.student_id == sa.student_id))
    return _filter(query, team, track)


def read_submissions(connection: Connection, team=None, track=None) -> dict[tuple[str, str], SubmissionRecord]:
    g, sn, sa = grade_t.c, submitted_nb_t.c, submission_t.c
    per_notebook = (  # one pass over the grades in index order, no join per grade
        select(g.notebook_id, func.count().label("grades"), func.sum(grade_score()).label("score"),
               func.sum(case((g.needs_manual_grade, 1), else_=0)).label("needs_manual"))
        .group_by(g.notebook_id)
    ).subquery()
    query = (
        select(sa.student_id, assignment_t.c.name, sa.timestamp, sa.extension, per_notebook.c.grades,
               per_notebook.c.score, per_notebook.c.needs_manual)
        .join_from(submission_t, assignment_t, assignment_t.c.id == sa.assignment_id)
        .join(roster_table, roster_table.c.student_id == sa.student_id)
        .outerjoin(submitted_nb_t, sn.assignment_id == sa.id)
        .outerjoin(per_notebook, per_notebook.c.notebook_id == sn.id)
    )
    found: dict[tuple[str, str], SubmissionRecord] = {}
    for student, name, ts, ext, n, score, manual in connection.execute(_filter(query, team, track)).all():
        earlier = found.get((student, name))  # an assignment of several notebooks: add them up
        n, score, manual = int(n or 0), float(score or 0.0), int(manual or 0)
        if earlier:
            n, score, manual = n + earlier.grades, score + earlier.score, manual + earlier.needs_manual
        found[(student, name)] = SubmissionRecord(ts, ext, n, score, manual)
    return found


def read_max_scores(connection: Connection) -> dict[str, float]:
    c = base_cell_t.c
    query = (select(assignment_t.c.name, func.sum(grade_cell_t.c.max_score))
             .join_from(grade_cell_t, base_cell_t, c.id == grade_cell_t.c.id)
             .join(notebook_t, notebook_t.c.id == c.notebook_id)
             .join(assignment_t, assignment_t.c.id == notebook_t.c.assignment_id)
             .group_by(assignment_t.c.name))
    return {name: float(total or 0) for name, total in connection.execute(query)}


def python_score(auto, manual, extra) -> float:
    """grade_score() for one row already read."""
    base = manual if manual is not None else auto
    return 0.0 if base is None else base + (extra or 0.0)


def read_cell_results(connection: Connection, team=None, track=None) -> dict[str, tuple[int, int]]:
    """Per autograded cell: how many roster learners' answers were graded, how many got full marks.

    The grades are counted per cell and distinct score in one pass over a covering index, then
    compared with each cell's maximum.
    """
    g = grade_t.c
    query = (select(g.cell_id, g.auto_score, g.manual_score, g.extra_credit, func.count())
             .where(g.needs_manual_grade == false())
             .group_by(g.cell_id, g.needs_manual_grade, g.auto_score, g.manual_score, g.extra_credit))
    if team or track or not everyone_on_roster(connection):
        query = query.where(g.notebook_id.in_(roster_notebooks(team, track)))
    counts = connection.execute(query)
    cells = dict(connection.execute(
        select(base_cell_t.c.id, base_cell_t.c.name).where(base_cell_t.c.type == "GradeCell")).all())
    maximum = dict(connection.execute(select(grade_cell_t.c.id, grade_cell_t.c.max_score)).all())
    results: dict[str, list[int]] = {}
    for cell_id, auto, manual, extra, n in counts:
        if cell_id in cells:
            tally = results.setdefault(cells[cell_id], [0, 0])
            tally[0] += n
            tally[1] += n if python_score(auto, manual, extra) >= maximum[cell_id] else 0
    return {name: (n, right) for name, (n, right) in results.items()}


def has_roster(engine: Engine) -> bool:
    return roster_table.name in inspect(engine).get_table_names()


def read_snapshot(engine: Engine, team: str | None = None, track: str | None = None) -> GradebookSnapshot:
    """Everything a completion report reads, in one read transaction."""
    with engine.connect() as connection, connection.begin():
        check_filters(connection, team, track)
        return GradebookSnapshot(
            learners=read_learners(connection, team, track),
            submissions=read_submissions(connection, team, track),
            max_scores=read_max_scores(connection),
            cell_results=read_cell_results(connection, team, track),
        )
