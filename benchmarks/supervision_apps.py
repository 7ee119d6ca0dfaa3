"""Responsiveness of the supervisor track's apps, in the kernel (no browser).

    .venv/bin/python benchmarks/supervision_apps.py [--repeat 7]

Prints medians over the repeats for: validating every vignette from disk; one choice in the
vignette app (pressing a button and redrawing); walking every path of every vignette through
the app; exporting a one-page and a three-page session plan as PDF; and one referral-aid update.
Ratio: a full three-page export against a full one-page export (how export time grows with
the length of the plan).
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sts_course.curriculum import load_curriculum  # noqa: E402
from sts_course.referral_aid import ReferralAid  # noqa: E402
from sts_course.supervision_planner import AgendaItem, FollowUp, SessionPlan, export_pdf  # noqa: E402
from sts_course.vignette_app import VignetteApp  # noqa: E402
from sts_course.vignettes import read_vignettes, vignettes_dir  # noqa: E402


def median_seconds(action, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def walk_all(stories) -> int:
    """Press every path of every vignette through the app's buttons; returns the paths walked."""
    walked = 0
    for story in stories:
        app = VignetteApp(story)
        for path in story.paths():
            app.restart_button.click()
            for number in path:
                app.choice_buttons[number].click()
            walked += 1
    return walked


def plan(items: int) -> SessionPlan:
    day = dt.date(2025, 3, 4)
    return SessionPlan(session_date=day, session_minutes=240,
                       agenda=[AgendaItem(f"Agenda item about case review {n}", 1) for n in range(items)],
                       questions=["What have you carried since we last met?"],
                       follow_ups=[FollowUp("Review the caseload mix", "Dana", day)])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    repeat = parser.parse_args().repeat
    curriculum = load_curriculum()
    stories = read_vignettes(vignettes_dir(), curriculum)
    load = median_seconds(lambda: read_vignettes(vignettes_dir(), curriculum), repeat)
    story = stories[0]
    app = VignetteApp(story)

    def one_choice():
        app.restart_button.click()
        app.choice_buttons[0].click()

    choice = median_seconds(one_choice, repeat * 5)
    paths = walk_all(stories)
    walk = median_seconds(lambda: walk_all(stories), repeat)
    with tempfile.TemporaryDirectory() as folder:  # 57 and 172 lines: one and three full pages
        one = median_seconds(lambda: export_pdf(plan(42), Path(folder) / "one.pdf", replace=True), repeat)
        three = median_seconds(lambda: export_pdf(plan(157), Path(folder) / "three.pdf", replace=True), repeat)
    aid = ReferralAid()
    box = aid.boxes["persistent"]
    referral = median_seconds(lambda: setattr(box, "value", not box.value), repeat * 5)
    print(f"validate {len(stories)} vignettes from disk: median {load * 1000:.1f} ms")
    print(f"one vignette choice (button + redraw):  median {choice * 1000:.2f} ms")
    print(f"walk all {paths} paths through the app:  median {walk * 1000:.0f} ms "
          f"({walk / paths * 1000:.1f} ms per path)")
    print(f"export a full 1-page plan as PDF:       median {one * 1000:.0f} ms")
    print(f"export a full 3-page plan as PDF:       median {three * 1000:.0f} ms "
          f"(ratio to 1 page: {three / one:.2f}x)")
    print(f"referral aid update (tick + redraw):    median {referral * 1000:.2f} ms")


if __name__ == "__main__":
    main()
