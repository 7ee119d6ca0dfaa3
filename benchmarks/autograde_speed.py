"""Autograding speed: `sts-course autograde --jobs N` against stock `nbgrader autograde`.

    .venv/bin/python benchmarks/autograde_speed.py [--submissions 200] [--jobs 2]

Builds a course with F1 generated, puts the same N collected submissions (every fifth one
partly wrong) into two copies of it, grades one copy with `nbgrader autograde F1` and the other
with `sts-course autograde --jobs N --no-feedback`, and prints both wall times, the ratio and
the number of submissions whose grades were stored (which must equal N).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import nbformat
from sqlalchemy import create_engine, func, select

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT))

from sts_course.bank import load_bank  # noqa: E402
from sts_course.completion.schema import grade_t, submission_t, submitted_nb_t  # noqa: E402


def run(args, cwd, env) -> float:
    started = time.perf_counter()
    result = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if result.returncode:
        raise SystemExit(f"{args} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return elapsed


def answered(released: Path, wrong: bool):
    notebook = nbformat.read(released, as_version=4)
    questions = {q.id: q for q in load_bank().for_module("F1")}
    for cell in notebook.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id", "")
        if grade_id.endswith("-answer"):
            question = questions[grade_id[:-len("-answer")]]
            keys = sorted(question.correct_keys)
            if wrong:
                keys = [next(o.key for o in question.options if not o.correct)]
            cell.source = cell.source.replace('answer = ""', f'answer = "{", ".join(keys)}"', 1)
    return notebook


def build_course(base: Path, submissions: int, env: dict) -> Path:
    course = base / "course"
    course.mkdir()
    shutil.copy(ROOT / "grading" / "nbgrader_config.py", course)
    shutil.copy(ROOT / "grading" / "course.yml", course)
    run([BIN / "sts-course", "assignments", "--course-dir", course, "--modules", "F1"], course, env)
    run([BIN / "nbgrader", "generate_assignment", "F1"], course, env)
    released = course / "release" / "F1" / "F1.ipynb"
    right, partly = answered(released, False), answered(released, True)
    start = datetime.now(timezone.utc) - timedelta(days=1)
    for n in range(submissions):
        folder = course / "submitted" / f"learner{n:04d}" / "F1"
        folder.mkdir(parents=True)
        nbformat.write(partly if n % 5 == 4 else right, folder / "F1.ipynb")
        stamp = start + timedelta(seconds=n)
        (folder / "timestamp.txt").write_text(stamp.strftime("%Y-%m-%d %H:%M:%S.%f %Z"), encoding="utf-8")
    return course


def graded_count(course: Path) -> tuple[int, int]:
    engine = create_engine(f"sqlite:///{course / 'gradebook.db'}")
    with engine.connect() as connection:
        grades = connection.scalar(select(func.count()).select_from(grade_t))
        graded = connection.scalar(
            select(func.count(func.distinct(submission_t.c.id)))
            .join_from(submission_t, submitted_nb_t, submitted_nb_t.c.assignment_id == submission_t.c.id)
            .join(grade_t, grade_t.c.notebook_id == submitted_nb_t.c.id)
            .where(grade_t.c.auto_score.is_not(None)))
    engine.dispose()
    return graded, grades


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--submissions", type=int, default=200)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    base = Path(tempfile.mkdtemp(prefix="sts-autograde-bench-"))
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}", "STS_EXCHANGE_ROOT": str(base / "exchange")}
    env.pop("STS_GRADEBOOK_URL", None)
    try:
        stock = build_course(base, args.submissions, env)
        ours = base / "ours"
        shutil.copytree(stock, ours / "course")
        ours = ours / "course"
        print(f"{args.submissions} submissions of F1 ({len(load_bank().for_module('F1'))} autograded cells each); "
              f"{os.cpu_count()} CPU cores")
        stock_time = run([BIN / "nbgrader", "autograde", "F1"], stock, env)
        stock_graded, _ = graded_count(stock)
        print(f"nbgrader autograde F1:                       {stock_time:7.1f} s, {stock_graded} submissions graded")
        env_ours = {**env, "STS_EXCHANGE_ROOT": str(ours.parent / "exchange")}
        ours_time = run([BIN / "sts-course", "autograde", "--jobs", str(args.jobs), "--no-feedback", "--no-collect",
                         "--no-progress", "--course-dir", ours], ours, env_ours)
        graded, grades = graded_count(ours)
        print(f"sts-course autograde --jobs {args.jobs}:                {ours_time:7.1f} s, {graded} submissions graded "
              f"({grades} grades stored)")
        print(f"ratio (nbgrader / sts-course):                {stock_time / ours_time:7.2f}x")
        print(f"grades stored for every submission: {'yes' if graded == args.submissions else 'NO'} "
              f"({graded} of {args.submissions})")
    finally:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
