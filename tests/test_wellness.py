"""The wellness dashboard's model: small teams combined, small cells suppressed in every view
(including totals that could reveal a suppressed cell), alerts on sustained deterioration, and
bad CSV input refused with the file, line and column named."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from sts_course.org_toolkit import data_file
from sts_course.org_toolkit.charts import trend_chart
from sts_course.org_toolkit.csv_input import CsvInputError
from sts_course.org_toolkit.wellness import (ALL_TEAMS, Cell, Group, Series, all_alerts, baseline, find_alerts,
                                             group_series, latest_table, load_config, read_config, read_wellness,
                                             reporting_groups)

CONFIG = {
    "suppress_below": 5,
    "alert": {"baseline_months": 3, "min_baseline_reports": 2, "consecutive_reports": 3},
    "indicators": [
        {"id": "absence", "label": "Absence", "unit": "% of days", "note": "Unplanned absence.",
         "numerator": "absence_days", "denominator": "scheduled_days", "scale": 100, "window": 1,
         "worse_when": "higher", "alert_margin": 1, "at_most_denominator": True},
        {"id": "pulse", "label": "Pulse", "unit": "mean, 1 to 5", "note": "Quarterly.", "kind": "mean",
         "mean": "pulse_mean", "people": "pulse_respondents", "optional": True, "worse_when": "lower",
         "alert_margin": 0.3},
    ],
    "guidance": {"intro": "Intro.", "privacy": "Fewer than {min_group}.", "alerts": "Alerts."},
}
HEADER = "team,month,headcount,scheduled_days,absence_days,pulse_respondents,pulse_mean"
MONTHS = [f"2024-{m:02d}" for m in range(1, 9)]
# Team A (8 staff): absence 2% for three months, 4% for three, then 2% again.
A_ABSENCE = [3.2, 3.2, 3.2, 6.4, 6.4, 6.4, 3.2, 3.2]
PULSE = {"A": {"2024-03": (6, 4.0), "2024-06": (4, 3.0)},   # 4 respondents in June: suppressed
         "B": {"2024-03": (3, 4.2), "2024-06": (3, 4.0)},
         "C": {"2024-03": (2, 3.5), "2024-06": (2, 3.5)}}


def demo_like_rows() -> list[str]:
    rows = []
    for team, headcount in (("A", 8), ("B", 6), ("C", 3)):
        for n, month in enumerate(MONTHS):
            absence = A_ABSENCE[n] if team == "A" else round(headcount * 20 * 0.02, 1)
            respondents, mean = PULSE[team].get(month, ("", ""))
            rows.append(f"{team},{month},{headcount},{headcount * 20},{absence},{respondents},{mean}")
    return rows


@pytest.fixture
def config(tmp_path: Path):
    path = tmp_path / "wellness.yml"
    path.write_text(yaml.safe_dump(CONFIG, sort_keys=False), encoding="utf-8")
    return read_config(path)


@pytest.fixture
def write_csv(tmp_path: Path):
    def write(lines, name="indicators.csv") -> Path:
        path = tmp_path / name
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path
    return write


@pytest.fixture
def data(config, write_csv):
    return read_wellness(write_csv([HEADER, *demo_like_rows()]), config)


def by_name(series):
    return {s.group.name: s for s in series}


def test_small_teams_are_combined_until_the_group_reaches_five(data):
    groups = reporting_groups(data, 5)
    # C (3 staff) alone is too small, so the smallest other team (B, 6) joins it.
    assert groups == [Group("A", ("A",)), Group("Smaller teams combined (C, B)", ("C", "B"))]
    assert reporting_groups(data, 9) == [Group(ALL_TEAMS, ("A", "B", "C"))]
    for k in (5, 9, 12):
        for series in group_series(data, indicator_of(data, "absence"), k):
            assert series.group.teams != ("C",)


def indicator_of(data, indicator_id):
    return next(i for i in data.indicators if i.id == indicator_id)


def test_values_are_exact_and_suppression_reaches_the_total(data, config):
    pulse = by_name(group_series(data, indicator_of(data, "pulse"), 5))
    march, june = MONTHS.index("2024-03"), MONTHS.index("2024-06")
    assert pulse["A"].cells[march].value == 4.0 and pulse["A"].cells[march].people == 6
    assert pulse["Smaller teams combined (C, B)"].cells[march].value == pytest.approx((2 * 3.5 + 3 * 4.2) / 5)
    assert pulse[ALL_TEAMS].cells[march].value == pytest.approx((6 * 4.0 + 2 * 3.5 + 3 * 4.2) / 11)
    # June: A has 4 respondents, so A is suppressed, and so is the total, which minus the
    # combined group would give A's value back.
    assert pulse["A"].cells[june].status == "suppressed" and pulse["A"].cells[june].value is None
    assert pulse["Smaller teams combined (C, B)"].cells[june].value == pytest.approx((2 * 3.5 + 3 * 4.0) / 5)
    assert pulse[ALL_TEAMS].cells[june].status == "suppressed" and pulse[ALL_TEAMS].cells[june].value is None
    assert pulse["A"].cells[0].status == "no data"

    header, rows = latest_table(list(pulse.values()), 3, 5)
    assert header == ["Group", "2024-03", "2024-06"]  # months without a survey are skipped
    assert rows == [["A", "4.00", "suppressed (<5)"],
                    ["Smaller teams combined (C, B)", "3.92", "3.80"],
                    [ALL_TEAMS, "3.96", "suppressed (<5)"]]
    chart = trend_chart(list(pulse.values()), config)
    assert "A: 4.00 in 2024-03, 4.00 in 2024-03; 1 month(s) suppressed (<5)." in chart.alt
    assert "All teams: 3.96 in 2024-03, 3.96 in 2024-03; 1 month(s) suppressed (<5)." in chart.alt
    assert "3.00" not in chart.alt and "3.0" not in " ".join(c for row in rows for c in row)


def test_two_suppressed_groups_can_share_a_total(config, write_csv):
    # In June both groups are too small for the survey (4 and 3 people), but together they are 7:
    # the total reveals only what a group of 7 answered, so it is shown.
    rows = [r.replace("B,2024-06,6,120,2.4,3,4.0", "B,2024-06,6,120,2.4,1,4.0") for r in demo_like_rows()]
    assert "B,2024-06,6,120,2.4,1,4.0" in rows
    data = read_wellness(write_csv([HEADER, *rows]), config)
    pulse = by_name(group_series(data, indicator_of(data, "pulse"), 5))
    june = MONTHS.index("2024-06")
    assert pulse["A"].cells[june].status == "suppressed"
    assert pulse["Smaller teams combined (C, B)"].cells[june].status == "suppressed"  # 1 + 2 respondents
    assert pulse[ALL_TEAMS].cells[june].status == "shown"
    assert pulse[ALL_TEAMS].cells[june].value == pytest.approx((4 * 3.0 + 1 * 4.0 + 2 * 3.5) / 7)


def test_no_total_in_the_demo_can_reveal_a_suppressed_cell():
    config = load_config()
    data = read_wellness(data_file("wellness_demo.csv"), config)
    for k in (5, 8, 12):
        for indicator in data.indicators:
            series = group_series(data, indicator, k)
            for index in range(len(data.months)):
                groups = [s.cells[index] for s in series[:-1]]
                total = series[-1].cells[index]
                hidden = sum(c.people for c in groups if c.status == "suppressed")
                if total.status == "shown":
                    assert hidden == 0 or hidden >= k, (indicator.id, k, data.months[index])
                for s in series[:-1]:
                    heads = sum(data.cells[(t, data.months[index])]["headcount"] for t in s.group.teams
                                if (t, data.months[index]) in data.cells)
                    assert heads >= k or s.group.name == ALL_TEAMS


def test_alert_after_three_worse_reports_not_two(data, config):
    absence = by_name(group_series(data, indicator_of(data, "absence"), 5))
    assert baseline(absence["A"], config) == pytest.approx(2.0)
    alerts = find_alerts(absence["A"], config)
    assert [(a.start, a.end, a.reports, a.ongoing) for a in alerts] == [("2024-04", "2024-06", 3, False)]
    assert alerts[0].describe() == ("A: Absence has been higher than its baseline (2.0) by more than 1 in 3 "
                                    "reports in a row, from 2024-04 to 2024-06; latest 4.0 % of days.")
    assert find_alerts(absence["Smaller teams combined (C, B)"], config) == []
    assert [a.group for a in all_alerts(data, config)] == ["A"]  # the total rose by 0.94: under the margin


def test_a_suppressed_report_breaks_a_run_and_ongoing_runs_are_flagged(data, config):
    indicator = indicator_of(data, "absence")

    def series(statuses_values):
        cells = tuple(Cell(f"2025-{n + 1:02d}", status, value, 9) for n, (status, value) in enumerate(statuses_values))
        return Series(Group("T", ("T",)), indicator, cells)

    base = [("shown", 2.0)] * 3
    broken = series(base + [("shown", 4.0), ("shown", 4.0), ("suppressed", None), ("shown", 4.0), ("shown", 4.0)])
    assert find_alerts(broken, config) == []
    ongoing = series(base + [("shown", 4.0), ("no data", None), ("shown", 4.0), ("shown", 3.5)])
    [alert] = find_alerts(ongoing, config)
    assert (alert.start, alert.end, alert.reports, alert.ongoing, alert.latest) == ("2025-04", "2025-07", 3, True, 3.5)
    assert alert.describe().startswith("T: Absence has been higher than its baseline (2.0) by more than 1 in 3 "
                                       "reports in a row, since 2025-04;")


BAD_INPUTS = [
    ("team,month,headcount,absence_days\nA,2024-01,8,2\n",
     "indicators.csv:1 (header): missing column(s) 'scheduled_days'; expected columns: team, month, headcount, "
     "absence_days, scheduled_days"),
    (f"{HEADER}\nA,2024-01,8,160,2,,\nA,2024-02,eight,160,2,,\n",
     "indicators.csv:3: column 'headcount': expected a whole number of 0 or more, found 'eight'"),
    (f"{HEADER}\nA,2024-01,8,160,two days,,\n",
     "indicators.csv:2: column 'absence_days': expected a number of 0 or more, found 'two days'"),
    (f"{HEADER}\nA,2024-13,8,160,2,,\n",
     "indicators.csv:2: column 'month': expected a month as YYYY-MM, found '2024-13'"),
    (f"{HEADER}\nA,2024-01,8,160,2,,\nB,2024-01,6,120,1,,\nA,2024-01,8,160,3,,\n",
     "indicators.csv:4: a second row for team 'A' in 2024-01 (the first is on line 2); the file must hold one "
     "aggregated row per team and month"),
    (f"employee_id,{HEADER}\n17,A,2024-01,8,160,2,,\n",
     "indicators.csv:1 (header): column(s) 'employee_id' refused; they would identify people; the dashboard "
     "reads team totals only, one row per team and month"),
    (f"{HEADER}\nA,2024-01,8,160,200,,\n",
     "indicators.csv:2: column 'absence_days': 200 is more than scheduled_days (160)"),
    ("team,month,headcount,scheduled_days,absence_days,pulse_mean\nA,2024-01,8,160,2,4\n",
     "indicators.csv:1 (header): column(s) 'pulse_mean' need 'pulse_respondents' as well (Pulse)"),
    (f"{HEADER}\nA,2024-03,8,160,2,6,4.5\nA,2024-04,8,160,2,6,6\n",
     "indicators.csv:3: column 'pulse_mean': expected a number from 1 to 5, found '6'"),
    (f"{HEADER}\nA,2024-03,8,160,2,9,4.5\n",
     "indicators.csv:2: column 'pulse_respondents': 9 is more than the headcount (8)"),
    (f"{HEADER}\nA,2024-03,8,160,2\n",
     "indicators.csv:2: expected 7 values (one per column), found 5"),
    (f"{HEADER}\n", "indicators.csv: no data rows after the header"),
]


@pytest.mark.parametrize("text, message", BAD_INPUTS)
def test_bad_csv_is_refused_with_file_line_and_column(config, tmp_path, text, message):
    path = tmp_path / "indicators.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CsvInputError) as caught:
        read_wellness(path, config)
    assert str(caught.value) == message


def test_the_demo_data_set():
    config = load_config()
    data = read_wellness(data_file("wellness_demo.csv"), config)
    assert len(data.teams) == 6 and len(data.months) == 24
    assert [i.id for i in data.indicators] == [i.id for i in config.indicators]
    small = [t for t in data.teams if min(data.cells[(t, m)]["headcount"] for m in data.months) < 5]
    assert small == ["Community outreach"]
    alerts = all_alerts(data, config)
    ongoing = {(a.group, a.indicator.id) for a in alerts if a.ongoing}
    assert {("Crisis response", "absence"), ("Child and family", "sick_leave")} <= ongoing
    assert all(a.group in ("Crisis response", "Child and family", ALL_TEAMS) for a in alerts)
    pulse = by_name(group_series(data, config.indicator("pulse"), 5))
    assert pulse["Crisis response"].cells[data.months.index("2024-09")].status == "suppressed"
    assert pulse[ALL_TEAMS].cells[data.months.index("2024-09")].status == "suppressed"
