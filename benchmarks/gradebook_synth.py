"""A synthetic nbgrader gradebook at organization scale, written directly with SQL.

    .venv/bin/python benchmarks/gradebook_synth.py sqlite:////tmp/synth.db --learners 5000

Default: 5,000 learners in 40 teams, 22 modules (the curriculum's modules with their real
questions, plus synthetic modules X1... up to 22), 70 % of learner x module pairs submitted,
most of them passed, a few waiting for manual grading. Every learner is on one track holding
all 22 modules. Deterministic (seeded). nbgrader's own models define the columns.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
import uuid
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"  # nbgrader runs alembic

from nbgrader.api import (Assignment, BaseCell, Grade, GradeCell, Gradebook, Notebook, Student,  # noqa: E402
                          SubmittedAssignment, SubmittedNotebook)
from sqlalchemy import create_engine, insert  # noqa: E402

from sts_course.bank import load_bank  # noqa: E402
from sts_course.completion.plan import CoursePlan, check_cell_name  # noqa: E402
from sts_course.completion.schema import ensure_report_indexes, metadata, roster_t  # noqa: E402
from sts_course.curriculum import load_curriculum  # noqa: E402

COURSE = "sts-course"
TRACK = "all"
START = datetime(2027, 1, 4, 9, 0)


def uid() -> str:
    return uuid.uuid4().hex


def synthetic_plan(modules: int = 22, questions_per_extra: int = 10) -> CoursePlan:
    """The curriculum's modules and real questions, plus synthetic modules up to `modules`."""
    curriculum, bank = load_curriculum(), load_bank()
    names = {m.id: m.title for m in curriculum.modules if bank.for_module(m.id)}
    cells = {check_cell_name(q.id): tuple(dict.fromkeys(i.split(".")[0] for i in q.serves))
             for q in bank.questions if q.module in names}
    names = dict(list(names.items())[:modules])
    for n in range(1, modules - len(names) + 1):
        names[f"X{n}"] = f"Synthetic module {n}"
        cells.update({check_cell_name(f"X{n}-{q:02d}"): (f"X{n}",) for q in range(1, questions_per_extra + 1)})
    return CoursePlan(
        modules=names, tracks={TRACK: tuple(names)}, track_titles={TRACK: "All modules"},
        principles={**{m.id: m.title for m in curriculum.modules}, **{m: t for m, t in names.items()}},
        cell_principles=cells, pass_mark=80.0,
        due_dates={m: START + timedelta(weeks=2 * (i + 1)) for i, m in enumerate(names)})


def cells_of(plan: CoursePlan, module: str) -> list[str]:
    return [c for c in plan.cell_principles if c.startswith(module + "-")]


def generate(url: str, learners: int = 5000, teams: int = 40, share_submitted: float = 0.7,
             plan: CoursePlan | None = None, seed: int = 7) -> CoursePlan:
    """Write the synthetic gradebook at `url` (which must be empty) and return its plan."""
    plan = plan or synthetic_plan()
    rng = random.Random(seed)
    Gradebook(url, COURSE).close()  # nbgrader's schema, alembic version and course row
    engine = create_engine(url)
    metadata.create_all(engine, tables=[roster_t])
    students = [f"learner{n:05d}" for n in range(learners)]
    rows: dict = {t: [] for t in ("student", "roster", "assignment", "notebook", "base_cell", "grade_cells",
                                  "submitted_assignment", "submitted_notebook", "grade")}
    for n, student in enumerate(students):
        rows["student"].append({"id": student, "first_name": f"First{n}", "last_name": f"Last{n}",
                                "email": f"{student}@example.org"})
        rows["roster"].append({"student_id": student, "team": f"Team {n % teams + 1:02d}",
                               "role": "clinician", "track": TRACK})
    for module in plan.modules:
        assignment_id, notebook_id = uid(), uid()
        rows["assignment"].append({"id": assignment_id, "name": module, "duedate": plan.due_dates[module],
                                   "course_id": COURSE})
        rows["notebook"].append({"id": notebook_id, "name": module, "assignment_id": assignment_id})
        cell_ids = []
        for cell in cells_of(plan, module):
            cell_ids.append(uid())
            rows["base_cell"].append({"id": cell_ids[-1], "name": cell, "notebook_id": notebook_id,
                                      "type": "GradeCell"})
            rows["grade_cells"].append({"id": cell_ids[-1], "max_score": 1.0, "cell_type": "code"})
        for student in students:
            if rng.random() >= share_submitted:
                continue
            submission_id, submitted_nb_id = uid(), uid()
            late = rng.random() < 0.1
            when = plan.due_dates[module] + timedelta(hours=rng.randint(1, 72) if late else -rng.randint(1, 300))
            rows["submitted_assignment"].append({"id": submission_id, "assignment_id": assignment_id,
                                                 "student_id": student, "timestamp": when})
            rows["submitted_notebook"].append({"id": submitted_nb_id, "assignment_id": submission_id,
                                               "notebook_id": notebook_id, "flagged": False})
            skill = rng.random()
            manual = rng.random() < 0.03
            for cell_id in cell_ids:
                right = rng.random() < 0.6 + 0.4 * skill
                rows["grade"].append({"id": uid(), "notebook_id": submitted_nb_id, "cell_id": cell_id,
                                      "auto_score": 1.0 if right else 0.0, "needs_manual_grade": manual})
    tables = {"student": Student.__table__, "roster": roster_t, "assignment": Assignment.__table__,
              "notebook": Notebook.__table__, "base_cell": BaseCell.__table__, "grade_cells": GradeCell.__table__,
              "submitted_assignment": SubmittedAssignment.__table__,
              "submitted_notebook": SubmittedNotebook.__table__, "grade": Grade.__table__}
    with engine.begin() as connection:
        for name, table in tables.items():
            for start in range(0, len(rows[name]), 20000):
                connection.execute(insert(table), rows[name][start:start + 20000])
    ensure_report_indexes(engine)  # as `sts-course roster import` does
    engine.dispose()
    return plan


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("url", help="an empty database: sqlite:////tmp/synth.db or postgresql://...")
    parser.add_argument("--learners", type=int, default=5000)
    parser.add_argument("--teams", type=int, default=40)
    args = parser.parse_args()
    started = time.perf_counter()
    plan = generate(args.url, args.learners, args.teams)
    print(f"wrote {args.learners} learners x {len(plan.modules)} modules to {args.url} "
          f"in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
