"""The supervision session planner: validation names what to fix, and the exported PDF really
holds the plan (read back with pypdf)."""

from __future__ import annotations

import datetime as dt

import pytest
from pypdf import PdfReader

from conftest import ROOT
from sts_course.datafile import DataFileError
from sts_course.supervision_planner import (AgendaItem, FollowUp, PlanError, SessionPlan, SessionPlanner,
                                            export_pdf, load_planner_texts, plan_problems)

DAY = dt.date(2025, 3, 4)


def pdf_text(path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def a_plan(**changes) -> SessionPlan:
    plan = SessionPlan(session_date=DAY, supervisor="Dana Ruiz", supervisee="M.K.",
                       agenda=[AgendaItem("Check-in after the court week", 10), AgendaItem("Cases", 30)],
                       questions=["What have you carried since we last met?"],
                       review=[("Cases with heavy trauma exposure", 4), ("Known hard dates ahead", "")],
                       follow_ups=[FollowUp("Move two cases to the new starter", "Dana", DAY + dt.timedelta(days=7))])
    for name, value in changes.items():
        setattr(plan, name, value)
    return plan


def test_a_complete_plan_has_no_problems():
    assert plan_problems(a_plan()) == []


def test_each_problem_names_the_field_to_fix():
    plan = a_plan(session_date=None, questions=[],
                  agenda=[AgendaItem("", 10), AgendaItem("Cases", 50)],
                  follow_ups=[FollowUp("Book a review", "", None), FollowUp("", "", None)])
    assert plan_problems(plan) == [
        "Session date: choose the date of the meeting.",
        "Agenda item 1: give it a title.",
        "Agenda: the items add up to 60 minutes, more than the 45-minute session.",
        "Check-in: choose at least one question to ask.",
        "Follow-up 1: name an owner.",
        "Follow-up 1: give a due date.",
    ]
    late = a_plan(follow_ups=[FollowUp("Review", "Dana", DAY - dt.timedelta(days=1))])
    assert plan_problems(late) == ["Follow-up 1: the due date 2025-03-03 is before the session date 2025-03-04."]


def test_export_writes_the_plan_as_pdf_text(tmp_path):
    path = export_pdf(a_plan(), tmp_path / "plan.pdf")
    reader = PdfReader(path)
    assert len(reader.pages) == 1
    text = pdf_text(path)
    for expected in ("Supervision session plan", "Date: 2025-03-04", "Supervisee: M.K.",
                     "1. Check-in after the court week (10 min)", "Total: 40 of 45 minutes",
                     "What have you carried since we last met?", "Cases with heavy trauma exposure: 4",
                     "Move two cases to the new starter (owner: Dana; by 2025-03-11)",
                     "It holds no private reflections."):
        assert expected in text, expected
    assert "Known hard dates ahead" not in text  # empty review fields are left out


def test_a_long_plan_runs_onto_further_pages(tmp_path):
    agenda = [AgendaItem(f"Case review number {n}", 1) for n in range(1, 61)]
    path = export_pdf(a_plan(agenda=agenda, session_minutes=240), tmp_path / "long.pdf")
    reader = PdfReader(path)
    assert len(reader.pages) >= 2
    assert "60. Case review number 60 (1 min)" in reader.pages[-1].extract_text()


def test_export_never_overwrites_by_accident_and_checks_the_path(tmp_path):
    existing = tmp_path / "plan.pdf"
    existing.write_bytes(b"an earlier plan")
    with pytest.raises(PlanError) as caught:
        export_pdf(a_plan(), existing)
    assert "already exists" in str(caught.value) and existing.read_bytes() == b"an earlier plan"
    assert export_pdf(a_plan(), existing, replace=True) == existing
    assert existing.read_bytes().startswith(b"%PDF")
    with pytest.raises(PlanError, match=r"must end in \.pdf"):
        export_pdf(a_plan(), tmp_path / "plan.txt")
    with pytest.raises(PlanError, match="does not exist"):
        export_pdf(a_plan(), tmp_path / "missing" / "plan.pdf")


def test_the_widgets_build_validate_and_export_the_plan(tmp_path):
    target = tmp_path / "from-widgets.pdf"
    planner = SessionPlanner(save_as=target)
    planner.export_button.click()
    assert "Session date: choose the date of the meeting." in planner.status.value and not target.exists()
    planner.session_date.value = DAY
    planner.agenda.rows[0][0].value = "Check-in: how the new referrals are landing"
    planner.agenda.add_button.click()
    planner.agenda.rows[-1][0].value = "Plan for the hearing next week"
    assert "50 of 45 minutes" in planner.total.value  # five default items plus the new one
    planner.agenda.rows[1][1].value = 20
    assert "45 of 45 minutes" in planner.total.value
    planner.questions[2].value = True
    planner.own_question.value = "What would make Tuesdays easier?"
    follow_up = planner.follow_ups.rows[0]
    follow_up[0].value, follow_up[1].value, follow_up[2].value = "Swap the Tuesday group", "Sam", DAY
    planner.export_button.click()
    assert "Saved the plan" in planner.status.value, planner.status.value
    text = pdf_text(target)
    texts = load_planner_texts()
    for expected in ("Check-in: how the new referrals are landing", "6. Plan for the hearing next week (5 min)",
                     texts.questions[0], texts.questions[2], "What would make Tuesdays easier?",
                     "Swap the Tuesday group (owner: Sam; by 2025-03-04)"):
        assert expected in text, expected
    assert texts.questions[1] not in text  # unticked questions are not printed


def test_removing_an_agenda_row_renumbers_the_rest():
    planner = SessionPlanner()
    second = planner.agenda.rows[1][0].value
    planner.agenda.box.children[0].children[-1].click()  # the first row's Remove button
    assert planner.agenda.rows[0][0].value == second
    assert planner.agenda.rows[0][0].description == "Agenda item 1"


def test_a_broken_planner_file_is_named_with_its_line(tmp_path):
    (tmp_path / "exercises" / "supervision").mkdir(parents=True)
    text = (ROOT / "exercises" / "supervision" / "planner.yml").read_text(encoding="utf-8")
    text = text.replace("minutes: 25}", "minutes: lots}")
    (tmp_path / "exercises" / "supervision" / "planner.yml").write_text(text, encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), start=1) if "minutes: lots" in row)
    with pytest.raises(DataFileError) as caught:
        load_planner_texts(tmp_path)
    assert caught.value.problems == [f"{tmp_path / 'exercises' / 'supervision' / 'planner.yml'}:{line}: "
                                     f"field 'agenda[2].minutes': must be a whole number from 1 to 240"]
