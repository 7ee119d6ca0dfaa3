"""The ipywidgets quiz, driven as a learner would: choose, check, read feedback, try again."""

from __future__ import annotations

from sts_course.bank import Option, Question
from sts_course.quiz import Quiz, module_quiz, quiz_app

SINGLE = Question(
    id="F1-90", module="F1", type="single", serves=("F1.1",), level="foundational",
    stem="Which describes secondary traumatic stress?",
    options=(Option("A", "A diagnosis for every helper", False, "It is not a diagnosis."),
             Option("B", "Strain from indirect exposure to trauma", True, "Yes: indirect exposure.")),
    reference="bride2024principles")
MULTIPLE = Question(
    id="F1-91", module="F1", type="multiple", serves=("F1.5",), level="foundational",
    stem="Which levels does the two-pronged approach target?",
    options=(Option("A", "Individuals", True, "Yes."), Option("B", "Organizations", True, "Yes, too."),
             Option("C", "Clients' families", False, "Not the target of these principles.")),
    reference="bride2024principles")


def test_wrong_then_right_changes_result_feedback_and_score():
    quiz = Quiz([SINGLE, MULTIPLE], title="Test")
    card = quiz.cards[0]
    card.select({"A"})
    card.check()
    assert "Not quite" in card.result.value
    assert "\u2717 Not correct." in card.feedback.value and "It is not a diagnosis." in card.feedback.value
    assert card.choices.disabled and card.retry_button.layout.display is None
    assert "Score: 0 of 2" in quiz.score.value
    card.retry()
    assert card.selected() == set() and card.feedback.value == "" and not card.choices.disabled
    card.select({"B"})
    card.check()
    assert "Correct." in card.result.value and "\u2713 Correct choice." in card.feedback.value
    assert "Score: 1 of 2" in quiz.score.value


def test_select_all_reports_missing_options():
    quiz = Quiz([MULTIPLE])
    card = quiz.cards[0]
    card.select({"A"})
    card.check()
    assert "1 more option(s) also apply" in card.result.value
    card.retry()
    card.select({"A", "B"})
    assert card.check().correct
    assert "Score: 1 of 1" in quiz.score.value


def test_checking_with_nothing_chosen_asks_for_an_answer():
    quiz = Quiz([SINGLE])
    card = quiz.cards[0]
    card.check()
    assert "Choose an answer first." in card.result.value
    assert not card.choices.disabled and card.state == ""


def test_module_quiz_uses_the_bank():
    quiz = module_quiz("F1")
    assert len(quiz.cards) >= 10
    first = quiz.cards[0]
    first.select(first.question.correct_keys)
    assert first.check().correct


def test_voila_app_picks_module_from_the_url(monkeypatch):
    monkeypatch.setenv("QUERY_STRING", "module=F1")
    app = quiz_app()
    assert "F1. Understanding secondary traumatic stress" in app.children[1].value
