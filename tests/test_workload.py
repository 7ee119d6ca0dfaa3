"""The workload planner's model: exact loads on a fixture model, the offset cap, statuses,
protected-time shortfalls, team capacity, and clear errors for bad team files and models."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from sts_course.org_toolkit import data_file
from sts_course.org_toolkit.charts import workload_chart
from sts_course.org_toolkit.csv_input import CsvInputError
from sts_course.org_toolkit.workload import (WorkloadConfigError, load_model, read_model, read_team, staff_member,
                                             staff_load, summary, team_csv, team_load)

FIXTURE_MODEL = {
    "exposure_levels": [
        {"id": "high", "label": "High-exposure cases", "description": "Heavy.", "weight": 3, "hours_per_week": 1.5},
        {"id": "medium", "label": "Medium-exposure cases", "description": "Some.", "weight": 2, "hours_per_week": 1},
        {"id": "low", "label": "Low-exposure cases", "description": "Little.", "weight": 1, "hours_per_week": 0.5},
    ],
    "protected_time": [
        {"id": "recovery", "label": "Recovery", "serves": "O3.1", "offsets_load": 2, "minimum_hours_per_fte": 2},
        {"id": "processing", "label": "Processing", "serves": "O3.2", "offsets_load": 2, "minimum_hours_per_fte": 1},
        {"id": "training", "label": "Training", "serves": "O3.4", "offsets_load": 0, "minimum_hours_per_fte": 1},
    ],
    "max_offset_share": 0.5,
    "load_capacity_per_fte": 40,
    "full_time_hours": 40,
    "near_capacity_share": 0.85,
}
HEADER = "staff,fte,high_cases,medium_cases,low_cases,recovery_hours,processing_hours,training_hours\n"


@pytest.fixture
def model_file(tmp_path: Path):
    def write(data: dict) -> Path:
        path = tmp_path / "workload.yml"
        path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
        return path
    return write


@pytest.fixture
def model(model_file):
    return read_model(model_file(FIXTURE_MODEL))


def person(model, label="Therapist A", fte=1.0, high=0, medium=0, low=0, recovery=0.0, processing=0.0,
           training=0.0):
    return staff_member(model, label, fte, {"high": high, "medium": medium, "low": low},
                        {"recovery": recovery, "processing": processing, "training": training})


def test_exact_load_for_one_person(model):
    load = staff_load(model, person(model, high=10, medium=4, low=2, recovery=2, processing=1, training=1))
    assert load.gross == 10 * 3 + 4 * 2 + 2 * 1 == 40
    assert load.offset == 2 * 2 + 1 * 2 == 6          # training eases nothing
    assert load.net == 34 and load.capacity == 40
    assert load.load_share == 0.85 and load.status == "near capacity"
    assert load.case_hours == 10 * 1.5 + 4 + 2 * 0.5 == 20 and load.protected_hours == 4
    assert load.time_share == 24 / 40
    assert load.shortfalls == ()


def test_protected_time_eases_at_most_half_the_load(model):
    load = staff_load(model, person(model, low=4, recovery=5, processing=5))
    assert (load.gross, load.offset, load.net) == (4, 2, 2)


def test_part_time_capacity_status_and_shortfalls(model):
    load = staff_load(model, person(model, fte=0.5, high=8, recovery=0.5, processing=0.5, training=0.5))
    assert load.capacity == 20 and load.net == 24 - 2
    assert load.status == "over capacity"
    assert load.shortfalls == ("Recovery",)  # 0.5 < 2 x 0.5; processing and training meet 1 x 0.5
    light = staff_load(model, person(model, fte=0.5, low=2))
    assert light.status == "within capacity"
    # A light load can still be over capacity in time: 26 low cases take 13 of 20 hours, plus 8 protected.
    busy = staff_load(model, person(model, fte=0.5, low=26, recovery=4, processing=3, training=1))
    assert busy.load_share == 13 / 20 and busy.time_share == 21 / 20 and busy.status == "over capacity"


def test_team_capacity_and_headroom(model):
    team = team_load(model, [person(model, "A", high=16, recovery=2, processing=1),  # 48 - 6 = 42
                             person(model, "B", medium=5, recovery=2, processing=1),  # 10 - 5 = 5
                             person(model, "C", fte=0.5, low=4)])                      # 4
    assert team.net == 51 and team.capacity == 100 and team.load_share == 0.51
    assert team.headroom_cases == 16  # (100 - 51) / 3, rounded down
    assert team.count("over capacity") == 1 and team.status == "within capacity"
    assert summary(team) == ("Team load 51 of a capacity of 100 (51%, within capacity); room for about 16 more "
                             "high-exposure cases. 1 of 3 staff over capacity, 0 near it.")
    over = team_load(model, [person(model, "A", high=20)])
    assert over.headroom_cases == -7  # 60 against 40: over by 20 points, about 7 high-exposure cases
    assert "over by about 7 high-exposure cases" in summary(over)
    chart = workload_chart(team)
    assert "A: 42 of 40 (105%), over capacity; B: 5 of 40 (12%), within capacity" in chart.alt
    assert "the whole team: 51 of 100 (51%), within capacity" in chart.alt


def test_invalid_staff_and_teams_are_refused_with_the_field_named(model):
    with pytest.raises(ValueError, match=r"staff member 'A': FTE must be more than 0 and at most 1, got 1.5"):
        person(model, "A", fte=1.5)
    with pytest.raises(ValueError, match=r"staff member 'A': high_cases must be a whole number of 0 or more, got -1"):
        person(model, "A", high=-1)
    with pytest.raises(ValueError, match="staff labels must be unique; repeated: A"):
        team_load(model, [person(model, "A"), person(model, "A")])


def test_team_csv_round_trip_and_bad_files(model, tmp_path):
    members = [person(model, "Therapist A", high=3, recovery=1.5), person(model, "Case manager", fte=0.8, low=7)]
    saved = tmp_path / "team.csv"
    saved.write_text(team_csv(model, members), encoding="utf-8")
    assert read_team(saved, model) == members

    def error(text: str) -> str:
        bad = tmp_path / "bad_team.csv"
        bad.write_text(text, encoding="utf-8")
        with pytest.raises(CsvInputError) as caught:
            read_team(bad, model)
        return str(caught.value)

    assert error("staff,fte,high_cases,medium_cases,low_cases\nA,1,1,1,1\n") == (
        "bad_team.csv:1 (header): missing column(s) 'recovery_hours', 'processing_hours', 'training_hours'; "
        "expected columns: staff, fte, high_cases, medium_cases, low_cases, recovery_hours, processing_hours, "
        "training_hours")
    assert error(HEADER + "A,1,2,3,4,1,1,1\nB,1,two,3,4,1,1,1\n") == (
        "bad_team.csv:3: column 'high_cases': expected a whole number of 0 or more, found 'two'")
    assert error(HEADER + "A,1,2,3,4,1,1,one\n") == (
        "bad_team.csv:2: column 'training_hours': expected a number of 0 or more, found 'one'")
    assert error(HEADER + "A,1.2,2,3,4,1,1,1\n") == (
        "bad_team.csv:2: column 'fte': expected a number from 0 to 1, found '1.2'")
    assert error(HEADER + "A,1,2,3,4,1,1,1\nA,1,2,3,4,1,1,1\n") == (
        "bad_team.csv:3: column 'staff': 'A' already appears on line 2")
    assert error(HEADER) == "bad_team.csv: no staff rows after the header"


def test_invalid_model_names_the_file_line_and_field(model_file):
    path = model_file({**FIXTURE_MODEL, "max_offset_share": 1.5})
    line = next(n for n, text in enumerate(path.read_text().splitlines(), 1) if text.startswith("max_offset_share"))
    with pytest.raises(WorkloadConfigError) as caught:
        read_model(path)
    assert str(caught.value) == f"{path}:{line}: field 'max_offset_share' must be a number from 0 to 1, found 1.5"


def test_the_course_model_and_demo_team():
    model = load_model()
    team = team_load(model, read_team(data_file("workload_demo.csv"), model))
    assert len(team.members) == 7
    statuses = {m.member.label: m.status for m in team.members}
    assert statuses["Therapist A"] == "over capacity"  # 15 high-exposure cases, as in module O3's example
    assert set(statuses.values()) == {"within capacity", "near capacity", "over capacity"}
