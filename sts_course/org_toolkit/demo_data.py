"""The toolkit's synthetic demo files, generated with a fixed seed so they can be rebuilt.

    .venv/bin/python -m sts_course.org_toolkit.demo_data   # rewrites exercises/org_toolkit/*_demo*.csv

Everything here is invented. The wellness data are team totals by month (never rows about a
person) for six teams over 24 months: most teams are steady with seasonal noise, "Crisis
response" deteriorates from spring 2024, "Child and family" sick leave rises from summer
2024, and "Community outreach" has fewer than five staff, so the dashboard must combine it.
The self-assessment demo is two rounds of anonymous responses (a baseline and a
re-assessment a year later); the workload demo is one team's week.
"""

from __future__ import annotations

import random
from pathlib import Path

from . import data_file
from .csv_input import to_csv

SEED = 27  # chosen so the demo tells its stories without chance alerts elsewhere
MONTHS = tuple(f"{year}-{month:02d}" for year in (2023, 2024) for month in range(1, 13))
WORKING_DAYS = 20

# team: (usual headcount, trauma-focused sessions per person a month)
TEAMS = {
    "Adult outpatient": (15, 6),
    "Child and family": (12, 9),
    "Crisis response": (10, 7),
    "School-based": (10, 4),
    "Victim advocacy": (7, 8),
    "Community outreach": (3, 2),
}
CRISIS_FROM, SICK_FROM = "2024-03", "2024-06"


def _count(rng: random.Random, trials: int, p: float) -> int:
    """A binomial draw from Python's own generator (stable across versions)."""
    return sum(rng.random() < p for _ in range(trials))


def _ramp(month: str, start: str, months_to_full: int = 5) -> float:
    """0 before `start`, rising to 1 over `months_to_full` months."""
    if month < start:
        return 0.0
    return min(1.0, (MONTHS.index(month) - MONTHS.index(start) + 1) / months_to_full)


def wellness_rows(seed: int = SEED) -> list[list]:
    rng = random.Random(seed)
    rows = []
    for team, (size, sessions_per_head) in TEAMS.items():
        for month in MONTHS:
            crisis = _ramp(month, CRISIS_FROM) if team == "Crisis response" else 0.0
            sick_rise = _ramp(month, SICK_FROM, 4) if team == "Child and family" else 0.0
            headcount = max(2, size + rng.choice((-1, 0, 0, 0, 1)) - round(2 * crisis))
            if team == "Community outreach":
                headcount = rng.choice((3, 3, 4))
            scheduled = headcount * WORKING_DAYS
            winter = 1.2 if month[5:] in ("12", "01", "02") else 0.0
            absence = round(scheduled * max(0.0, rng.gauss(2.4 + 3.8 * crisis, 0.4)) / 100, 1)
            sick = round(scheduled * max(0.0, rng.gauss(2.8 + winter + 3.5 * sick_rise, 0.45)) / 100, 1)
            leavers = _count(rng, headcount, 0.009 + 0.04 * crisis)
            eap = _count(rng, headcount, 0.03 + 0.06 * crisis)
            scheduled_sessions = max(1, round(headcount * sessions_per_head * rng.uniform(0.9, 1.1)))
            rescheduled = _count(rng, scheduled_sessions, 0.04 + 0.10 * crisis)
            respondents = mean = ""
            if month[5:] in ("03", "06", "09", "12"):
                respondents = min(headcount, max(1, round(headcount * rng.uniform(0.6, 0.85))))
                if team == "Crisis response" and month == "2024-09":
                    respondents = 4  # a hard quarter: few answered, so the value is suppressed
                mean = f"{min(5.0, max(1.0, rng.gauss(3.9 - 0.9 * crisis, 0.12))):.2f}"
            rows.append([team, month, headcount, scheduled, f"{absence:g}", f"{sick:g}", leavers, eap,
                         scheduled_sessions, rescheduled, respondents, mean])
    return rows


WELLNESS_HEADER = ("team", "month", "headcount", "scheduled_days", "unplanned_absence_days",
                   "sick_leave_days", "leavers", "eap_contacts", "trauma_sessions_scheduled",
                   "trauma_sessions_rescheduled", "pulse_respondents", "pulse_mean")

# The self-assessment demo: each domain's typical rating at baseline and a year later.
ROUNDS = {
    "baseline": (12, {"O1": 3.0, "O2": 2.7, "O3": 2.1, "O4": 2.4, "O5": 3.7, "O6": 3.2, "O7": 1.8}),
    "reassessment": (11, {"O1": 3.3, "O2": 3.1, "O3": 3.0, "O4": 2.6, "O5": 3.8, "O6": 3.3, "O7": 2.8}),
}
NOT_APPLICABLE_OFTEN = {"O2-03": 0.3}  # office-only staff: field-visit safety may not apply
LEFT_BLANK_OFTEN = {"O4-05": 0.7}      # few know how returns from leave are handled


def response_rows(round_name: str, item_ids: list[str], seed: int = SEED) -> list[list]:
    respondents, levels = ROUNDS[round_name]
    rng = random.Random(f"{seed}-{round_name}")
    rows = []
    for _ in range(respondents):
        leniency = rng.gauss(0, 0.4)
        row = []
        for item_id in item_ids:
            if rng.random() < NOT_APPLICABLE_OFTEN.get(item_id, 0.0):
                row.append("NA")
            elif rng.random() < LEFT_BLANK_OFTEN.get(item_id, 0.03):
                row.append("")
            else:
                level = levels[item_id.split("-")[0]] + leniency + rng.gauss(0, 0.7)
                row.append(min(5, max(1, round(level))))
        rows.append(row)
    return rows


WORKLOAD_HEADER = ("staff", "fte", "high_cases", "medium_cases", "low_cases", "recovery_hours",
                   "processing_hours", "training_hours")
WORKLOAD_ROWS = (
    ("Therapist A", 1.0, 15, 5, 2, 1.0, 1.0, 1.0),
    ("Therapist B", 1.0, 4, 10, 6, 1.5, 1.0, 1.0),
    ("Therapist C", 0.6, 2, 6, 4, 1.0, 0.5, 0.5),
    ("Case manager A", 1.0, 3, 9, 8, 1.5, 1.0, 1.0),
    ("Case manager B", 0.8, 1, 7, 10, 0.5, 0.5, 1.0),
    ("Crisis clinician", 1.0, 9, 4, 2, 1.0, 0.0, 1.0),
    ("Peer specialist", 0.5, 0, 4, 6, 1.0, 0.5, 0.5),
)


def demo_files(root: Path | None = None) -> dict[str, str]:
    """The demo files' names and contents."""
    from .self_assessment import load_item_bank

    item_ids = [item.id for item in load_item_bank(root).items]
    return {
        "wellness_demo.csv": to_csv(WELLNESS_HEADER, wellness_rows()),
        "workload_demo.csv": to_csv(WORKLOAD_HEADER, ([f"{v:g}" if isinstance(v, float) else v for v in row]
                                                      for row in WORKLOAD_ROWS)),
        **{f"self_assessment_demo_{name}.csv": to_csv(item_ids, response_rows(name, item_ids))
           for name in ROUNDS},
    }


def write_demo_files(root: Path | None = None) -> list[Path]:
    written = []
    for name, text in demo_files(root).items():
        path = data_file(name, root)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    for path in write_demo_files():
        print(f"wrote {path}")
