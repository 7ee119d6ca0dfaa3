"""The part of nbgrader's gradebook schema that completion tracking reads and writes, as light
SQLAlchemy Core tables (importing nbgrader itself takes seconds), plus the roster table.
tests/test_completion_inputs.py checks these against nbgrader's own models."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, DateTime, Float, ForeignKey, Index, Interval, MetaData, String, Table

metadata = MetaData()
student_t = Table("student", metadata, Column("id", String(128), primary_key=True),
                  Column("first_name", String(128)), Column("last_name", String(128)),
                  Column("email", String(128)), Column("lms_user_id", String(128)))
assignment_t = Table("assignment", metadata, Column("id", String(32), primary_key=True),
                     Column("name", String(128)), Column("duedate", DateTime()), Column("course_id", String(128)))
notebook_t = Table("notebook", metadata, Column("id", String(32), primary_key=True), Column("name", String(128)),
                   Column("assignment_id", String(32)))
base_cell_t = Table("base_cell", metadata, Column("id", String(32), primary_key=True),
                    Column("name", String(128)), Column("notebook_id", String(32)), Column("type", String(50)))
grade_cell_t = Table("grade_cells", metadata, Column("id", String(32), primary_key=True),
                     Column("max_score", Float()))
submission_t = Table("submitted_assignment", metadata, Column("id", String(32), primary_key=True),
                     Column("assignment_id", String(32)), Column("student_id", String(128)),
                     Column("timestamp", DateTime()), Column("extension", Interval()))
submitted_nb_t = Table("submitted_notebook", metadata, Column("id", String(32), primary_key=True),
                       Column("assignment_id", String(32)), Column("notebook_id", String(32)))
grade_t = Table("grade", metadata, Column("id", String(32), primary_key=True), Column("notebook_id", String(32)),
                Column("cell_id", String(32)), Column("auto_score", Float()), Column("manual_score", Float()),
                Column("extra_credit", Float()), Column("needs_manual_grade", Boolean()))

#: Team, role and track of each nbgrader student (ours, kept in the gradebook so reports join it).
roster_t = Table(
    "sts_roster", metadata,
    Column("student_id", String(128), ForeignKey(student_t.c.id), primary_key=True),
    Column("team", String(128), nullable=False, index=True),
    Column("role", String(128), nullable=False),
    Column("track", String(64), nullable=False, index=True),
)
NBGRADER_TABLES = (student_t, assignment_t, notebook_t, base_cell_t, grade_cell_t, submission_t,
                   submitted_nb_t, grade_t)

#: Indexes for set-based reports (nbgrader's schema has none on these columns). Covering, so a
#: report reads the grades in index order without sorting; named ix_sts_* to keep them apart.
GRADE_SCORE_COLUMNS = ("needs_manual_grade", "auto_score", "manual_score", "extra_credit")
REPORT_INDEXES = (
    Index("ix_sts_grade_by_cell", grade_t.c.cell_id, *(grade_t.c[n] for n in GRADE_SCORE_COLUMNS),
          grade_t.c.notebook_id),
    Index("ix_sts_grade_by_notebook", grade_t.c.notebook_id, *(grade_t.c[n] for n in GRADE_SCORE_COLUMNS)),
    Index("ix_sts_submitted_notebook_by_submission", submitted_nb_t.c.assignment_id),
)


def ensure_report_indexes(engine) -> None:
    """Create the report indexes if missing (once per gradebook; `roster import` and `autograde` do)."""
    for index in REPORT_INDEXES:
        index.create(engine, checkfirst=True)
