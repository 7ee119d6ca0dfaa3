"""The question bank: the real bank is valid, and every kind of bad input is named exactly."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from sts_course.bank import BankError, load_bank
from sts_course.curriculum import load_curriculum

GOOD = """\
module: F1
questions:
  - id: F1-01
    type: single
    level: foundational
    serves: [F1.1]
    reference: bride2024principles
    stem: What is secondary traumatic stress?
    options:
      - text: The strain of indirect exposure to trauma.
        correct: true
        feedback: Yes.
      - text: A diagnosis.
        feedback: No.
  - id: F1-02
    type: truefalse
    level: foundational
    serves: [F1.2]
    reference: bride2024principles
    stem: STS sits on a continuum.
    answer: true
    feedback:
      true: Right.
      false: It does.
"""


def write_bank(project: Path, text: str, name: str = "F1.yml") -> Path:
    folder = project / "exercises" / "questions"
    for old in folder.glob("*.yml"):
        old.unlink()
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def problems(project: Path) -> str:
    with pytest.raises(BankError) as caught:
        load_bank(project)
    return str(caught.value)


def test_the_course_bank_is_valid_and_covers_every_module():
    bank = load_bank()
    curriculum = load_curriculum()
    assert {q.module for q in bank.questions} == set(curriculum.module_ids)
    assert len(bank.for_module("F1")) >= 10
    for question in bank.questions:
        assert question.correct_keys, question.id
        assert all(o.feedback for o in question.options), question.id


def test_a_good_file_loads_into_questions(project):
    write_bank(project, GOOD)
    bank = load_bank(project)
    single, truefalse = bank.questions
    assert single.correct_keys == {"A"} and single.serves == ("F1.1",)
    assert [o.text for o in truefalse.options] == ["True", "False"]
    assert truefalse.evaluate({"A"}).correct and not truefalse.evaluate({"B"}).correct


def test_evaluation_reports_missed_options_for_select_all(project):
    write_bank(project, GOOD.replace("type: single", "type: multiple").replace(
        "      - text: A diagnosis.\n        feedback: No.",
        "      - text: A diagnosis.\n        correct: true\n        feedback: No."))
    question = load_bank(project).by_id("F1-01")
    partial = question.evaluate({"A"})
    assert not partial.correct and partial.missed == 1
    assert partial.summary == "Not quite: right so far, but 1 more option(s) also apply."
    assert question.evaluate(set()).summary == "Choose an answer first."


def test_invalid_yaml_names_file_and_line(project):
    path = write_bank(project, GOOD.replace("    stem: STS sits on a continuum.", "    stem: [unclosed"))
    message = problems(project)
    assert str(path) in message and "invalid YAML" in message
    assert f"{path}:" in message


def test_missing_field_names_file_line_question_and_field(project):
    path = write_bank(project, GOOD.replace("    stem: What is secondary traumatic stress?\n", ""))
    assert f"{path}:3: question F1-01: field 'stem': required text is missing or empty" in problems(project)


def test_missing_feedback_on_an_option(project):
    path = write_bank(project, GOOD.replace("        feedback: No.\n", ""))
    assert f"{path}:13: question F1-01: field 'feedback': required text is missing" in problems(project)


def test_duplicate_ids_name_both_places(project):
    path = write_bank(project, GOOD.replace("id: F1-02", "id: F1-01"))
    message = problems(project)
    assert f"{path}:15: question F1-01: field 'id': duplicate id, first used at {path}:3" in message


def test_no_correct_option(project):
    path = write_bank(project, GOOD.replace("        correct: true\n", ""))
    assert f"{path}:9: question F1-01: field 'options': no option is marked correct" in problems(project)


def test_single_choice_with_two_correct_options(project):
    write_bank(project, GOOD.replace("        feedback: No.", "        correct: true\n        feedback: No."))
    assert "a single-choice question has 2 correct options" in problems(project)


def test_unknown_module(project):
    path = write_bank(project, GOOD.replace("module: F1", "module: Z9"), name="Z9.yml")
    assert f"{path}:1: field 'module': unknown module 'Z9'" in problems(project)


def test_module_must_match_file_name(project):
    write_bank(project, GOOD, name="F2.yml")
    assert "field 'module': module F1 must live in F1.yml" in problems(project)


def test_unknown_reference_key(project):
    path = write_bank(project, GOOD.replace("reference: bride2024principles", "reference: nobody1999", 1))
    assert (f"{path}:7: question F1-01: field 'reference': unknown reference key 'nobody1999'; "
            "add it to book/references.bib") in problems(project)


def test_unknown_principle_item(project):
    path = write_bank(project, GOOD.replace("serves: [F1.1]", "serves: [I9.9]"))
    assert f"{path}:6: question F1-01: field 'serves': unknown principle item 'I9.9'" in problems(project)


def test_unknown_type_and_level(project):
    write_bank(project, GOOD.replace("type: single", "type: essay").replace("level: foundational", "level: expert", 1))
    message = problems(project)
    assert "question F1-01: field 'type': 'essay' is not one of single, multiple, truefalse" in message
    assert "question F1-01: field 'level': 'expert' is not one of" in message


def test_truefalse_needs_both_feedbacks(project):
    write_bank(project, GOOD.replace("      false: It does.\n", ""))
    assert "question F1-02: field 'feedback': give feedback for both choices" in problems(project)


def test_every_problem_is_reported_not_just_the_first(project):
    write_bank(project, GOOD.replace("reference: bride2024principles", "reference: nope")
               .replace("serves: [F1.2]", "serves: [X1.1]"))
    message = problems(project)
    assert "question F1-01: field 'reference'" in message
    assert "question F1-02: field 'reference'" in message
    assert "question F1-02: field 'serves'" in message


def test_stray_yaml_extension_is_not_silently_skipped(project):
    write_bank(project, GOOD)
    (project / "exercises" / "questions" / "F2.yaml").write_text("module: F2\n", encoding="utf-8")
    assert "F2.yaml: question files must end in .yml" in problems(project)


def test_stem_must_not_repeat_the_automatic_hint(project):
    write_bank(project, GOOD.replace("type: single", "type: multiple").replace(
        "What is secondary traumatic stress?", "What is secondary traumatic stress? Select all that apply."))
    assert ("question F1-01: field 'stem': do not repeat 'Select all that apply.'") in problems(project)
