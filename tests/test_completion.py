"""Completion tracking end to end, with real nbgrader on SQLite and on a real PostgreSQL server:
roster import, generate, release, fetch and submit (correct, partly wrong, tampered, corrupt,
late), `sts-course autograde --jobs 2`, feedback without hidden tests, `sts-course report` in
every format with exact values, certificates, and the Voila dashboard in Chromium."""

from __future__ import annotations

import csv
import io
import math
import subprocess
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone
from pathlib import Path

import nbformat
import pytest
from nbgrader.api import Gradebook
from sqlalchemy import create_engine, func, select

from conftest import ROOT, VENV_BIN, free_port, wait_for_http
from nbgrader_course import COURSE, answer, exchange_arg, fetch, new_course, release, run, submit
from sts_course.bank import load_bank
from sts_course.completion.schema import grade_t
from sts_course.completion.pgtemp import PostgresMissing, TemporaryPostgres
from sts_course.curriculum import load_curriculum
from sts_course.voila_server import voila_command

pytestmark = pytest.mark.slow
ROSTER = """id,first_name,last_name,email,team,role,track
alice,Alice,Ames,alice@example.org,Intake,clinician,foundations
bob,Bob,Brook,bob@example.org,Intake,clinician,foundations
carol,Carol,Cruz,carol@example.org,Outpatient,supervisor,foundations
dan,Dan,Dale,dan@example.org,Outpatient,clinician,individual
erin,Erin,Eze,erin@example.org,Outpatient,case manager,individual
frank,Frank,Fox,frank@example.org,Intake,peer specialist,individual
"""


def correct(question) -> str:
    return ", ".join(sorted(question.correct_keys))


def wrong(question) -> str:
    return next(o.key for o in question.options if not o.correct)


def below_pass_mark_wrong(count: int, pass_mark: float = 80) -> int:
    """How many wrong answers put a score of `count` points just below the pass mark."""
    return count - math.ceil(count * pass_mark / 100) + 1


class Learners:
    """Learners fetching, answering and submitting through the exchange, as nbgrader users."""

    def __init__(self, base: Path, env: dict):
        self.base, self.env = base, env

    def submit(self, student: str, module: str, answers: dict[str, str], *, tamper=False, corrupt=False):
        home = self.base / "homes" / student
        path = fetch(home, self.env, module)
        answer(path, answers)
        if tamper:
            notebook = nbformat.read(path, as_version=4)
            for cell in notebook.cells:
                if cell.metadata.get("nbgrader", {}).get("grade_id", "").endswith("-check"):
                    cell.source = "pass  # no checks here"
            nbformat.write(notebook, path)
        if corrupt:
            path.write_text('{"cells": [', encoding="utf-8")
        submit(home, self.env, module, student)


@pytest.fixture(scope="module")
def postgres():
    try:
        with TemporaryPostgres() as server:
            yield server
    except PostgresMissing as exc:
        pytest.fail(str(exc))


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def graded(request, tmp_path_factory):
    """A course on either database, with six learners' submissions autograded by sts-course."""
    base = tmp_path_factory.mktemp(f"completion-{request.param}")
    course, env = new_course(base)
    settings = (ROOT / "grading" / "course.yml").read_text(encoding="utf-8")
    if request.param == "postgresql":
        env["STS_GRADEBOOK_URL"] = request.getfixturevalue("postgres").url("gradebook")
    db_url = env.get("STS_GRADEBOOK_URL") or f"sqlite:///{course / 'gradebook.db'}"
    due_f1 = "2099-01-01 17:00"
    (course / "course.yml").write_text(settings.replace("F1: 2027-01-15 17:00", f"F1: {due_f1}"), encoding="utf-8")
    (base / "roster.csv").write_text(ROSTER, encoding="utf-8")
    sts = VENV_BIN / "sts-course"
    run([sts, "roster", "import", base / "roster.csv", "--course-dir", course], course, env)
    release(course, env, ["F1", "F2"])

    bank = load_bank()
    f1, f2 = bank.for_module("F1"), bank.for_module("F2")
    bob_wrong = {q.id for q in f1[:below_pass_mark_wrong(len(f1))]}
    learners = Learners(base, env)
    on_time = [
        ("alice", "F1", {q.id: correct(q) for q in f1}, {}),
        ("bob", "F1", {q.id: wrong(q) if q.id in bob_wrong else correct(q) for q in f1}, {}),
        ("carol", "F1", {q.id: correct(q) for q in f1}, {}),
        ("dan", "F1", {q.id: wrong(q) for q in f1}, {"tamper": True}),
        ("erin", "F1", {q.id: correct(q) for q in f1}, {"corrupt": True}),
        ("alice", "F2", {q.id: wrong(q) if q is f2[0] else correct(q) for q in f2}, {}),
    ]
    with ThreadPoolExecutor(max_workers=3) as pool:  # learners work at the same time
        for future in [pool.submit(learners.submit, s, m, a, **kw) for s, m, a, kw in on_time]:
            future.result()
    due_f2 = datetime.now(timezone.utc).replace(tzinfo=None)
    learners.submit("carol", "F2", {q.id: correct(q) for q in f2})  # after F2's due date: late
    (course / "course.yml").write_text(
        settings.replace("F1: 2027-01-15 17:00", f"F1: {due_f1}")
                .replace("F2: 2027-01-29 17:00", f"F2: {due_f2.isoformat(sep=' ')}"), encoding="utf-8")
    first = run([sts, "autograde", "--jobs", "2", "--course-dir", course], course, env, expect=1)
    again = run([sts, "autograde", "--jobs", "2", "--course-dir", course], course, env, expect=1)
    return {"base": base, "course": course, "env": env, "db": db_url, "first": first, "again": again,
            "bob_wrong": bob_wrong, "f1": f1, "f2": f2, "backend": request.param}


class Output:
    def __init__(self, stdout: str, stderr: str):
        self.stdout, self.stderr = stdout, stderr


@pytest.fixture
def sts(graded, capsys, monkeypatch):
    """Run `sts-course ...` in this process (the real CLI code, without its start-up time)."""
    from sts_course.cli import main

    for name in ("STS_EXCHANGE_ROOT", "STS_GRADEBOOK_URL"):
        if name in graded["env"]:
            monkeypatch.setenv(name, graded["env"][name])
    monkeypatch.chdir(graded["course"])

    def call(*args, expect=0):
        capsys.readouterr()
        code = main([str(a) for a in args])
        out = capsys.readouterr()
        assert code == expect, f"sts-course {args} exited {code}:\n{out.out}\n{out.err}"
        return Output(out.out, out.err)
    return call


@pytest.fixture
def report(sts, graded):
    return lambda *args, expect=0: sts("report", "--course-dir", graded["course"], *args, expect=expect)


#: For checks that do not depend on the database: run them on the SQLite course only.
sqlite_only = pytest.mark.parametrize("graded", ["sqlite"], indirect=True)


def test_autograde_grades_each_submission_once_and_names_bad_ones(graded):
    first, again = graded["first"], graded["again"]
    assert "autograded 6 of 7 new submission(s) with 2 worker(s); feedback released for 6" in first.stdout
    assert "erin/F1: NOT graded: corrupt: F1.ipynb is not a readable notebook" in first.stderr
    assert "dan/F1: graded, but tampered: read-only cell(s) F1-01-check" in first.stderr
    assert "alice/F1" not in first.stderr and "bob/F1" not in first.stderr
    # The second run finds only the corrupt submission (still not gradable): nothing is graded twice.
    assert "autograded 0 of 1 new submission(s)" in again.stdout
    engine = create_engine(graded["db"])
    with engine.connect() as connection:
        grades = connection.scalar(select(func.count()).select_from(grade_t))
    engine.dispose()
    f1, f2 = len(graded["f1"]), len(graded["f2"])
    assert grades == 4 * f1 + 2 * f2  # alice, bob, carol, dan on F1; alice, carol on F2


def test_tampered_checks_are_restored_before_grading(graded):
    with Gradebook(graded["db"], COURSE) as gradebook:
        assert gradebook.find_submission("F1", "dan").score == 0  # `pass` would have scored full marks
        assert gradebook.find_submission("F1", "alice").score == len(graded["f1"])


@sqlite_only
def test_released_feedback_holds_no_hidden_tests(graded):
    base, env = graded["base"], graded["env"]
    home = base / "homes" / "bob"
    run([VENV_BIN / "nbgrader", "fetch_feedback", "F1", f"--course={COURSE}", "--student=bob",
         exchange_arg(env)], home, env)
    stamp = (graded["course"] / "submitted" / "bob" / "F1" / "timestamp.txt").read_text(encoding="utf-8").strip()
    html = (home / "F1" / "feedback" / stamp / "F1.html").read_text(encoding="utf-8")
    assert "HIDDEN TESTS" not in html and "_expected" not in html and "_feedback" not in html
    for question in graded["f1"]:
        assert f"_letters == {{{', '.join(repr(k) for k in sorted(question.correct_keys))}}}" not in html
        chosen = wrong(question) if question.id in graded["bob_wrong"] else None
        for option in question.options:
            if not option.correct and option.key != chosen:
                assert option.feedback not in html, f"{question.id}: feedback of an option bob did not choose"
    assert "Not quite." in html  # the message of a failed check stays


def expected_rows(graded) -> dict[tuple[str, str], tuple]:
    f1, f2 = len(graded["f1"]), len(graded["f2"])
    bob = f1 - len(graded["bob_wrong"])
    pct = lambda score, total: f"{round(100 * score / total, 1):g}"  # noqa: E731
    rows = {
        ("alice", "F1"): ("passed", "", f"{f1}", f"{f1}", "100"),
        ("alice", "F2"): ("passed", "", f"{f2 - 1}", f"{f2}", pct(f2 - 1, f2)),
        ("bob", "F1"): ("below pass mark", "", f"{bob}", f"{f1}", pct(bob, f1)),
        ("bob", "F2"): ("not submitted", "overdue", "", "", ""),
        ("carol", "F1"): ("passed", "", f"{f1}", f"{f1}", "100"),
        ("carol", "F2"): ("passed", "late", f"{f2}", f"{f2}", "100"),
        ("dan", "F1"): ("below pass mark", "", "0", f"{f1}", "0"),
        ("dan", "F2"): ("not submitted", "overdue", "", "", ""),
        ("erin", "F1"): ("submitted", "", "", "", ""),
        ("erin", "F2"): ("not submitted", "overdue", "", "", ""),
        ("frank", "F1"): ("not submitted", "", "", "", ""),
        ("frank", "F2"): ("not submitted", "overdue", "", "", ""),
    }
    for student in ("dan", "erin", "frank"):
        for module in load_curriculum().track("individual").modules[2:]:
            rows[(student, module)] = ("not released", "", "", "", "")
    return rows


def test_csv_report_has_exact_status_per_learner_and_module(graded, report):
    rows = list(csv.DictReader(io.StringIO(report("--format", "csv").stdout)))
    got = {(r["student_id"], r["module"]): (r["status"], r["timing"], r["score"], r["max_score"], r["percent"])
           for r in rows}
    assert got == expected_rows(graded)
    assert set(rows[0]) == {"student_id", "first_name", "last_name", "team", "role", "track", "module",
                            "status", "timing", "score", "max_score", "percent", "submitted_at", "due"}


def test_table_report_summarizes_teams_tracks_and_principles(graded, report):
    text = report().stdout
    individual = len(load_curriculum().track("individual").modules)
    # team, learners, assigned, passed, completion %, learners complete, submitted, overdue, late
    assert _line(text, "Intake") == ["Intake", "3", str(4 + individual), "2", f"{round(200 / (4 + individual), 1)}",
                                     "1", "3", "2", "0"]
    assert _line(text, "Outpatient") == ["Outpatient", "3", str(2 + 2 * individual), "2",
                                         f"{round(200 / (2 + 2 * individual), 1)}", "1", "4", "2", "1"]
    assert _line(text, "foundations") == ["foundations", "3", "6", "4", "66.7", "2", "5", "1", "1"]
    for principle, (answered, right) in expected_principles(graded).items():
        line = _line(text, principle)
        assert line[-3:] == [str(answered), str(right), f"{round(100 * right / answered, 1)}"], principle


def _line(text: str, first: str) -> list[str]:
    rows = [line.split() for line in text.splitlines() if line.split()[:1] == [first]]
    assert rows, f"no line for {first}:\n{text}"
    row = rows[0]
    return [row[0], *row[-8:]] if len(row) > 9 else row


def expected_principles(graded) -> dict[str, tuple[int, int]]:
    """Per principle: (answers graded, correct), from who answered what in the fixture."""
    results: dict[str, list[int]] = {}
    answers = [(q, q.id not in graded["bob_wrong"]) for q in graded["f1"]]
    for question, bob_right in answers:
        outcomes = [True, bob_right, True, False]  # alice, bob, carol, dan (erin is not graded)
        for principle in dict.fromkeys(i.split(".")[0] for i in question.serves):
            tally = results.setdefault(principle, [0, 0])
            tally[0] += len(outcomes)
            tally[1] += sum(outcomes)
    for number, question in enumerate(graded["f2"]):
        for principle in dict.fromkeys(i.split(".")[0] for i in question.serves):
            tally = results.setdefault(principle, [0, 0])
            tally[0] += 2
            tally[1] += 1 + (number != 0)  # alice got the first F2 question wrong
    return {p: tuple(t) for p, t in results.items()}


def test_team_filter_and_unknown_team(graded, report):
    rows = list(csv.DictReader(io.StringIO(report("--format", "csv", "--team", "Intake").stdout)))
    assert {r["student_id"] for r in rows} == {"alice", "bob", "frank"}
    bad = report("--team", "Nowhere", expect=2)
    assert "unknown team 'Nowhere'; teams in the roster: Intake, Outpatient" in bad.stderr
    bad = report("--track", "nope", expect=2)
    assert "unknown track 'nope'" in bad.stderr


def test_html_and_xlsx_reports(graded, report, tmp_path):
    report("--format", "html", "-o", tmp_path / "r.html")
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert html.count('<img src="data:image/svg+xml;base64,') == 3
    assert 'alt="Bar chart of the share of assigned modules passed, by team: Intake' in html
    assert "<caption>Completion by team</caption>" in html and "<td>below pass mark 0%</td>" in html
    assert "http://" not in html.replace("http://www.w3.org", "") and "https://" not in html
    report("--format", "xlsx", "-o", tmp_path / "r.xlsx")
    from openpyxl import load_workbook

    book = load_workbook(tmp_path / "r.xlsx", read_only=True)
    assert book.sheetnames == ["About", "Teams", "Tracks", "Principles", "Learners"]
    learners = list(book["Learners"].iter_rows(values_only=True))
    got = {(r[0], r[6]): r[7] for r in learners[1:]}
    assert got == {k: v[0] for k, v in expected_rows(graded).items()}
    tracks = {r[0]: r for r in book["Tracks"].iter_rows(values_only=True)}
    assert tracks["foundations"][1:6] == (3, 6, 4, 66.7, 2)


def test_certificates_for_exactly_the_learners_who_completed_their_track(graded, sts, tmp_path):
    out = tmp_path / "certs"
    sts("certificates", "--course-dir", graded["course"], "-o", out)
    assert sorted(p.name for p in out.iterdir()) == ["alice-foundations.pdf", "carol-foundations.pdf"]
    from pypdf import PdfReader

    text = " ".join(PdfReader(out / "carol-foundations.pdf").pages[0].extract_text().split())
    assert "Carol Cruz" in text and "Foundations (all staff)" in text
    assert "F1 Understanding secondary traumatic stress" in text and "Certificate id" in text


@sqlite_only
def test_a_wrong_or_unreachable_database_is_a_clear_error(graded, report, tmp_path):
    port = free_port()
    bad = report("--db", f"postgresql://nobody:secret@127.0.0.1:{port}/gradebook", expect=2)
    assert f"cannot reach the gradebook database postgresql://nobody:***@127.0.0.1:{port}/gradebook" in bad.stderr
    assert "secret" not in bad.stderr
    missing = report("--db", f"sqlite:///{tmp_path / 'none.db'}", expect=2)
    assert f"no gradebook at {tmp_path / 'none.db'}" in missing.stderr and not (tmp_path / "none.db").exists()
    assert "not a database URL" in report("--db", "gradebook.db", expect=2).stderr


@pytest.mark.browser
@sqlite_only
def test_dashboard_filters_by_team(graded, page):
    port = free_port()
    env = {**graded["env"], "STS_GRADING_DIR": str(graded["course"]), "STS_COURSE_ROOT": str(ROOT)}
    server = subprocess.Popen(voila_command(ROOT / "notebooks" / "completion_dashboard.ipynb", port, False),
                              cwd=ROOT / "notebooks", env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}/"
        wait_for_http(url, server)
        page.goto(url)
        headline = page.locator(".sts-headline")
        headline.wait_for(timeout=90_000)
        assert headline.inner_text().startswith("6 learners;")
        assert page.locator("img[alt^='Bar chart of the share of assigned modules passed, by team: Intake']").count() == 1
        page.get_by_label("Team").select_option("Intake")
        page.get_by_text("3 learners; 2 of").wait_for(timeout=30_000)
        alt = page.locator("img[alt*='by team']").get_attribute("alt")
        assert "Intake" in alt and "Outpatient" not in alt
    finally:
        server.terminate()
        server.wait(timeout=30)
