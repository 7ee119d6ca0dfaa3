"""Completion report speed against `nbgrader export`, on SQLite and PostgreSQL.

    .venv/bin/python benchmarks/report_speed.py [--learners 5000] [--runs 5] [--no-postgres]

Writes a synthetic gradebook (benchmarks/gradebook_synth.py: 5,000 learners x 22 modules, 70 %
submitted), then times the whole report (read the gradebook, statuses, team/track/principle
summaries, CSV rendering: what `sts-course report --format csv` does after start-up) as the
median of several runs, and `nbgrader export` (its CSV plugin, a per-student loop) once on the
same gradebook. Prints both, and the ratio. The same on a throwaway PostgreSQL server.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
BIN = Path(sys.executable).parent

from gradebook_synth import COURSE, generate  # noqa: E402

from sts_course.completion.database import open_engine  # noqa: E402
from sts_course.completion.pgtemp import TemporaryPostgres  # noqa: E402
from sts_course.completion.render_text import render_csv  # noqa: E402
from sts_course.completion.report import build_report  # noqa: E402


def time_report(url: str, plan, runs: int) -> tuple[float, int]:
    times, rows = [], 0
    for _ in range(runs):
        started = time.perf_counter()
        engine = open_engine(url)
        report = build_report(engine, plan, set(plan.modules))
        text = render_csv(report)
        engine.dispose()
        times.append(time.perf_counter() - started)
        rows = text.count("\n") - 1
    return statistics.median(times), rows


def time_export(url: str, folder: Path, timeout: float) -> float | None:
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    started = time.perf_counter()
    try:
        subprocess.run([str(BIN / "nbgrader"), "export", f"--db={url}", f"--to={folder / 'export.csv'}",
                        f"--CourseDirectory.course_id={COURSE}"], cwd=folder, env=env, check=True,
                       capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None
    return time.perf_counter() - started


def compare(name: str, url: str, args, folder: Path) -> None:
    started = time.perf_counter()
    plan = generate(url, args.learners)
    print(f"[{name}] synthetic gradebook: {args.learners} learners x {len(plan.modules)} modules "
          f"written in {time.perf_counter() - started:.0f} s")
    ours, rows = time_report(url, plan, args.runs)
    print(f"[{name}] sts-course report (csv, {rows} learner-module rows): median of {args.runs}: {ours:.2f} s")
    export = time_export(url, folder, args.export_timeout)
    if export is None:
        print(f"[{name}] nbgrader export: did not finish within {args.export_timeout:.0f} s; "
              f"ratio at least {args.export_timeout / ours:.0f}x")
    else:
        print(f"[{name}] nbgrader export: {export:.1f} s (one run)")
        print(f"[{name}] ratio (nbgrader export / sts-course report): {export / ours:.0f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--learners", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--export-timeout", type=float, default=3600)
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()
    print(f"{os.cpu_count()} CPU cores; load average {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory(prefix="sts-report-bench-") as tmp:
        folder = Path(tmp)
        compare("SQLite", f"sqlite:///{folder / 'gradebook.db'}", args, folder)
        if not args.no_postgres:
            with TemporaryPostgres() as server:
                compare("PostgreSQL", server.url("gradebook"), args, folder)


if __name__ == "__main__":
    main()
