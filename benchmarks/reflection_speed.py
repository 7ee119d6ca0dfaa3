"""Speed of the private journal and the reflection exercises.

    .venv/bin/python benchmarks/reflection_speed.py [--repeats 15]

Prints medians (milliseconds) for: saving one entry into an empty journal and into one that
already holds 5,000 entries; reading an exercise's latest entry and all its entries; building
each exercise's app (widgets, first figure) over a year of weekly entries; and exporting the
journal as JSON and as a PDF. Ratios show how each cost grows with the journal's size.
Everything runs in a temporary folder (STS_JOURNAL_DIR), never in the real per-user folder.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sts_course.journal import Journal  # noqa: E402
from sts_course.reflection import EXERCISE_MODULES, exercise_module  # noqa: E402

CHECKIN = {"answers": {"energy": 2, "rest": 1}, "score": 47.2, "line": 60, "plan": "Walk at lunch"}


def median_ms(action, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def filled(folder: Path, entries: int) -> Journal:
    journal = Journal(folder / "journal.sqlite3")
    for n in range(entries):
        journal.save("I4" if n % 2 else "I2", "checkin" if n % 2 else "gratitude",
                     CHECKIN if n % 2 else {"items": [f"thing {n}"]})
    return journal


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=15)
    repeats = parser.parse_args().repeats
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        os.environ["STS_JOURNAL_DIR"] = str(base / "default")
        sizes = {size: filled(base / f"j{size}", size) for size in (0, 104, 5000)}
        print(f"journal (medians of {repeats})")
        save = {size: median_ms(lambda j=j: j.save("I4", "checkin", CHECKIN), repeats) for size, j in sizes.items()}
        for size, ms in save.items():
            print(f"  save one entry, journal of {size:>5} entries: {ms:7.2f} ms")
        print(f"  ratio 5000 / 0: {save[5000] / save[0]:.2f}")
        latest = {s: median_ms(lambda j=j: j.latest("I4", "checkin"), repeats) for s, j in sizes.items() if s}
        every = {s: median_ms(lambda j=j: j.entries("I4", "checkin"), repeats) for s, j in sizes.items() if s}
        for size in (104, 5000):
            print(f"  latest check-in / all check-ins, {size:>5} entries: {latest[size]:7.2f} ms / {every[size]:7.2f} ms")
        print(f"  ratio 5000 / 104: latest {latest[5000] / latest[104]:.2f}, all {every[5000] / every[104]:.2f}")

        year = sizes[104]  # a year of weekly check-ins and gratitude notes
        print(f"apps over a year of weekly entries (medians of {max(repeats // 3, 3)})")
        for exercise_id in EXERCISE_MODULES:
            module = exercise_module(exercise_id)
            print(f"  {exercise_id} app(): {median_ms(lambda m=module: m.app(year), max(repeats // 3, 3)):7.1f} ms")

        print(f"export (medians of {max(repeats // 5, 3)})")
        for size in (104, 5000):
            j = sizes[size]
            ms_json = median_ms(lambda j=j: j.export_json(base / "out.json"), max(repeats // 5, 3))
            print(f"  JSON, {size:>5} entries: {ms_json:8.1f} ms")
        pdf = {size: median_ms(lambda j=sizes[size]: j.export_pdf(base / "out.pdf"), 3) for size in (104, 5000)}
        for size, ms in pdf.items():
            print(f"  PDF,  {size:>5} entries: {ms:8.1f} ms")
        print(f"  PDF ratio 5000 / 104: {pdf[5000] / pdf[104]:.1f} (entries ratio {5000 / 104:.1f})")


if __name__ == "__main__":
    main()
