"""Bad inputs to completion tracking: roster rows, database URLs, settings; and the pieces whose
failure would be silent (schema drift from nbgrader, lateness with extensions, the run lock)."""

from __future__ import annotations

import shutil
from datetime import datetime, timedelta

import pytest
from nbgrader import api as nbgrader_api
from sqlalchemy import create_engine, select

from conftest import ROOT
from sts_course.cli import main
from sts_course.completion.autograde import AutogradeError, course_lock
from sts_course.completion.gradebook import SubmissionRecord
from sts_course.completion.schema import NBGRADER_TABLES, roster_t, student_t
from sts_course.completion.settings import SettingsError, load_settings
from sts_course.completion.statuses import Status, Timing, module_status, module_timing

GOOD = """id,first_name,last_name,email,team,role,track
ana,Ana,Arce,ana@example.org,Intake,clinician,foundations
ben,Ben,Bay,ben@example.org,Outpatient,supervisor,supervisor
"""
BAD = """id,first_name,last_name,email,team,role,track
zoe,Zoe,Zeller,zoe@example.org,Intake,clinician,foundations
yan,Yan,Yu,not-an-address,Intake,clinician,foundations
xia,Xia,Xu,xia@example.org,Intake,clinician,astronomy
zoe,Zoe,Again,zoe2@example.org,Intake,clinician,foundations
wes,Wes,Wu,wes@example.org,Intake,clinician,foundations,extra
vic,Vic,Vo,vic@example.org,,clinician,foundations
"""


@pytest.fixture
def course(tmp_path, monkeypatch):
    folder = tmp_path / "course"
    folder.mkdir()
    shutil.copy(ROOT / "grading" / "course.yml", folder)
    monkeypatch.delenv("STS_GRADEBOOK_URL", raising=False)
    monkeypatch.setenv("STS_EXCHANGE_ROOT", str(tmp_path / "exchange"))
    return folder


def sts(capsys, *args):
    capsys.readouterr()
    code = main([str(a) for a in args])
    out = capsys.readouterr()
    return code, out.out, out.err


def roster_state(course):
    engine = create_engine(f"sqlite:///{course / 'gradebook.db'}")
    with engine.connect() as connection:
        students = set(connection.scalars(select(student_t.c.id)))
        teams = dict(connection.execute(select(roster_t.c.student_id, roster_t.c.team)).all())
    engine.dispose()
    return students, teams


def test_a_bad_roster_names_every_bad_line_and_imports_nothing(course, capsys):
    (course / "good.csv").write_text(GOOD, encoding="utf-8")
    (course / "bad.csv").write_text(BAD, encoding="utf-8")
    code, out, _ = sts(capsys, "roster", "import", course / "good.csv", "--course-dir", course)
    assert code == 0 and "2 learner(s) added, 0 updated" in out
    before = roster_state(course)
    code, _, err = sts(capsys, "roster", "import", course / "bad.csv", "--course-dir", course)
    assert code == 2
    bad = course / "bad.csv"
    assert f"{bad}:3: field 'email': 'not-an-address' is not an e-mail address" in err
    assert f"{bad}:4: field 'track': unknown track 'astronomy'; known: foundations, individual" in err
    assert f"{bad}:5: field 'id': 'zoe' already used on line 2" in err
    assert f"{bad}:6: 8 fields, expected 7" in err
    assert f"{bad}:7: field 'team' is empty" in err
    assert f"{bad}:2" not in err
    assert roster_state(course) == before == ({"ana", "ben"}, {"ana": "Intake", "ben": "Outpatient"})


def test_a_roster_import_updates_learners_who_move_team(course, capsys):
    (course / "good.csv").write_text(GOOD, encoding="utf-8")
    sts(capsys, "roster", "import", course / "good.csv", "--course-dir", course)
    (course / "moved.csv").write_text(GOOD.replace("ben@example.org,Outpatient", "ben@example.org,Intake"),
                                      encoding="utf-8")
    code, out, _ = sts(capsys, "roster", "import", course / "moved.csv", "--course-dir", course)
    assert code == 0 and "0 learner(s) added, 2 updated" in out
    assert roster_state(course)[1] == {"ana": "Intake", "ben": "Intake"}


def test_a_roster_without_the_right_columns(course, capsys):
    (course / "cols.csv").write_text("id,name,email\nana,Ana Arce,ana@example.org\n", encoding="utf-8")
    code, _, err = sts(capsys, "roster", "import", course / "cols.csv", "--course-dir", course)
    assert code == 2
    assert f"{course / 'cols.csv'}:1: header lacks column(s) first_name, last_name, team, role, track" in err
    assert not (course / "gradebook.db").exists()


@pytest.mark.parametrize("url, message", [
    ("mysql://user@localhost/grades", "unsupported database 'mysql'"),
    ("grades.db", "'grades.db' is not a database URL"),
    ("sqlite:////no/such/folder/grades.db", "no gradebook at /no/such/folder/grades.db"),
])
def test_a_wrong_database_url_is_named(course, capsys, url, message):
    code, _, err = sts(capsys, "report", "--course-dir", course, "--db", url)
    assert code == 2 and message in err


def test_a_gradebook_without_a_roster_says_what_to_do(course, capsys, tmp_path):
    nbgrader_api.Gradebook(f"sqlite:///{tmp_path / 'empty.db'}", "sts-course").close()
    code, _, err = sts(capsys, "report", "--course-dir", course, "--db", f"sqlite:///{tmp_path / 'empty.db'}")
    assert code == 2 and "holds no roster: run `sts-course roster import ROSTER.csv`" in err


def test_settings_errors_name_the_file_and_line(course):
    text = (course / "course.yml").read_text(encoding="utf-8")
    (course / "course.yml").write_text(text.replace("pass_mark: 80", "pass_mark: 180"), encoding="utf-8")
    with pytest.raises(SettingsError, match=r"course.yml:\d+: field 'pass_mark': 180 is not a percentage"):
        load_settings(course)
    (course / "course.yml").write_text(text.replace("F2: 2027-01-29 17:00", "F2: next week"), encoding="utf-8")
    with pytest.raises(SettingsError, match=r"course.yml:\d+: due date of F2: 'next week' is not a date"):
        load_settings(course)


def test_one_setting_place_for_nbgrader_and_reports(course, monkeypatch):
    settings = load_settings(course)
    assert settings.pass_mark == 80 and settings.db_url == f"sqlite:///{course / 'gradebook.db'}"
    monkeypatch.setenv("STS_GRADEBOOK_URL", "postgresql://grader@db.example.org/sts")
    assert load_settings(course).db_url == "postgresql://grader@db.example.org/sts"


def test_our_gradebook_tables_match_nbgrader_schema():
    for table in NBGRADER_TABLES:
        theirs = nbgrader_api.Base.metadata.tables[table.name]
        for column in table.columns:
            assert column.name in theirs.columns, f"{table.name}.{column.name} is not in nbgrader's schema"
            assert type(column.type)._type_affinity == type(theirs.columns[column.name].type)._type_affinity


def test_lateness_counts_extensions_and_overdue_needs_a_passed_due_date():
    due = datetime(2027, 1, 15, 17, 0)
    late = SubmissionRecord(due + timedelta(hours=2), None, 10, 10.0, 0)
    extended = SubmissionRecord(due + timedelta(hours=2), timedelta(days=1), 10, 10.0, 0)
    status = module_status(late, released=True, max_score=10, pass_mark=80)
    assert status is Status.PASSED
    assert module_timing(late, status, due, as_of=due) is Timing.LATE
    assert module_timing(extended, status, due, as_of=due) is Timing.ON_TIME
    waiting = Status.NOT_SUBMITTED
    assert module_timing(None, waiting, due, as_of=due - timedelta(seconds=1)) is Timing.ON_TIME
    assert module_timing(None, waiting, due, as_of=due + timedelta(seconds=1)) is Timing.OVERDUE
    assert module_status(SubmissionRecord(due, None, 10, 7.9, 0), released=True, max_score=10,
                         pass_mark=80) is Status.BELOW_PASS_MARK
    assert module_status(SubmissionRecord(due, None, 10, 9.0, 1), released=True, max_score=10,
                         pass_mark=80) is Status.NEEDS_MANUAL


def test_two_autograde_runs_on_one_course_do_not_overlap(tmp_path):
    with course_lock(tmp_path):
        with pytest.raises(AutogradeError, match="another `sts-course autograde` is running"):
            with course_lock(tmp_path):
                pass
    with course_lock(tmp_path):  # released after the first run
        pass
