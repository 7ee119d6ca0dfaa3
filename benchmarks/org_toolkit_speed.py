"""Speed of the organizational toolkit's models, charts and exports.

    .venv/bin/python benchmarks/org_toolkit_speed.py [--repeat 5]

Prints the median of `--repeat` runs for:
- the wellness dashboard's full computation (read the CSV, every indicator's series with
  suppression, every alert) on the demo (6 teams x 24 months) and on copies of it with 10x and
  50x as many teams, with the time ratio against the row ratio (near 1 means linear scaling);
- combining 20, 200 and 2,000 anonymous self-assessment responses (read from CSV and scored);
- drawing each chart to PNG, as the apps do, and writing the PDF report.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sts_course.figures.load_model import figure_png  # noqa: E402
from sts_course.org_toolkit import data_file, demo_data, exports  # noqa: E402
from sts_course.org_toolkit.charts import radar_chart, trend_chart, workload_chart  # noqa: E402
from sts_course.org_toolkit.csv_input import to_csv  # noqa: E402
from sts_course.org_toolkit.self_assessment import (combine_responses, load_item_bank, read_responses,  # noqa: E402
                                                    suggest_actions)
from sts_course.org_toolkit.wellness import all_alerts, group_series, load_config, read_wellness  # noqa: E402
from sts_course.org_toolkit.workload import load_model, read_team, team_load  # noqa: E402


def median_seconds(work, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def wellness_csv(copies: int) -> bytes:
    rows = demo_data.wellness_rows()
    scaled = [[f"{row[0]} {n}", *row[1:]] for n in range(copies) for row in rows]
    return to_csv(demo_data.WELLNESS_HEADER, scaled).encode()


def dashboard(content: bytes, config) -> int:
    data = read_wellness(content, config, "bench.csv")
    for indicator in data.indicators:
        group_series(data, indicator, config.min_group)
    return len(all_alerts(data, config))


def responses_csv(count: int, item_ids: list[str]) -> bytes:
    rng = random.Random(7)
    rows = [[rng.choice(("1", "2", "3", "4", "5", "5", "4", "NA", "")) for _ in item_ids] for _ in range(count)]
    return to_csv(item_ids, rows).encode()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    repeat = parser.parse_args().repeat

    config = load_config()
    print(f"Wellness dashboard: read, every indicator's series and every alert (median of {repeat})")
    base = None
    for copies in (1, 10, 50):
        content = wellness_csv(copies)
        seconds = median_seconds(lambda: dashboard(content, config), repeat)
        rows = 144 * copies
        base = base or seconds / rows
        print(f"  {6 * copies:>4} teams, {rows:>5} rows: {seconds * 1000:9.1f} ms   "
              f"time ratio per row vs the demo: {seconds / rows / base:5.2f}")

    bank = load_item_bank()
    item_ids = [item.id for item in bank.items]
    print(f"Self-assessment: read anonymous responses from CSV, combine and score (median of {repeat})")
    for count in (20, 200, 2000):
        content = responses_csv(count, item_ids)
        seconds = median_seconds(lambda: combine_responses(bank, read_responses(content, bank, "bench.csv")), repeat)
        print(f"  {count:>5} responses: {seconds * 1000:9.1f} ms")

    demo = combine_responses(bank, read_responses(data_file("self_assessment_demo_reassessment.csv"), bank))
    data = read_wellness(data_file("wellness_demo.csv"), config)
    alerts = all_alerts(data, config)
    model = load_model()
    team = team_load(model, read_team(data_file("workload_demo.csv"), model))
    charts = {
        "radar chart": lambda: radar_chart(demo.scores),
        "trend chart (6 panels)": lambda: trend_chart(group_series(data, config.indicator("absence"), 5), config, alerts),
        "workload chart": lambda: workload_chart(team),
    }
    print(f"Charts drawn to PNG at 90 dpi, as the apps show them (median of {repeat})")
    for name, make in charts.items():
        seconds = median_seconds(lambda: figure_png(make().figure, dpi=90), repeat)
        print(f"  {name:<24} {seconds * 1000:9.1f} ms")
    plan = suggest_actions(bank, demo.scores)
    seconds = median_seconds(lambda: exports.assessment_pdf(bank, demo.scores, plan, [radar_chart(demo.scores)]),
                             repeat)
    print(f"PDF report ({len(plan)} actions, one chart): {seconds * 1000:.1f} ms (median of {repeat})")


if __name__ == "__main__":
    main()
