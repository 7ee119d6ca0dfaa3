"""Exercise I7, when to seek support: the decision aid (reflection, not diagnosis) and the
personal resource card, saved and printed."""

from __future__ import annotations

from html import escape

import pytest

from sts_course.reflection import seek_support

SETTINGS = seek_support.load_content()
QUESTIONS = [q.id for q in SETTINGS.questions]


def answers(yes: int = 0, unsure: int = 0, safety: str = "no") -> dict[str, str]:
    given = {q: "no" for q in QUESTIONS}
    for q in QUESTIONS[:yes]:
        given[q] = "yes"
    for q in QUESTIONS[yes:yes + unsure]:
        given[q] = "unsure"
    return {**given, SETTINGS.safety.id: safety}


@pytest.mark.parametrize(("given", "expected"), [
    (answers(), "keep"),
    (answers(unsure=1), "talk"),
    (answers(yes=1), "talk"),
    (answers(yes=2), "reach_out"),
    (answers(yes=6), "reach_out"),
    (answers(safety="yes"), "urgent"),
    (answers(safety="unsure"), "urgent"),
])
def test_suggestion(given, expected):
    assert seek_support.suggestion(given) == expected


def test_suggestions_never_diagnose():
    for text in SETTINGS.suggestions.values():
        assert "you have" not in text.lower() and "diagnos" not in text.lower()


def test_decision_aid_shows_a_suggestion_and_saves_nothing(journal):
    app = seek_support.app(journal)
    for key, value in answers(yes=2).items():
        app.questions[key].value = value
    app.suggest_button.click()
    assert escape(SETTINGS.suggestions["reach_out"]) in app.suggestion.value
    assert "not saved" in app.decision_messages.value and journal.entries() == []
    app.questions[SETTINGS.safety.id].value = "yes"
    app.suggest_button.click()
    assert escape(SETTINGS.suggestions["urgent"]) in app.suggestion.value and 'role="alert"' in app.suggestion.value


def test_an_unanswered_question_is_refused(journal):
    app = seek_support.app(journal)
    app.questions[QUESTIONS[0]].value = "yes"
    app.suggest_button.click()
    assert escape(SETTINGS.questions[1].text) in app.decision_messages.value
    assert app.suggestion.value == ""


def test_card_is_saved_drawn_printed_and_reopened(journal, tmp_path):
    app = seek_support.app(journal)
    app.print_button.click()
    assert "Not printed. Your card: is not saved yet" in app.messages.value
    app.save_button.click()
    assert "Not saved. Your card: has no support on it yet" in app.messages.value
    app.fields["eap"].value = "EAP 000-111-2222"
    app.fields["first_step"].value = "Call on Monday"
    app.save_button.click()
    [entry] = journal.entries("I7", "card")
    assert entry.payload["eap"] == "EAP 000-111-2222" and entry.payload["cultural"] == ""
    assert "Employee Assistance Program (EAP): EAP 000-111-2222" in app.figure.summary.value
    texts = [t.get_text() for t in seek_support.card_figure(SETTINGS, entry.payload).axes[0].texts]
    assert "EAP 000-111-2222" in texts and SETTINGS.card_heading in texts
    app.controls.folder.value = str(tmp_path / "cards")
    app.print_button.click()
    [pdf] = (tmp_path / "cards").iterdir()
    assert pdf.read_bytes().startswith(b"%PDF-") and "data:application/pdf;base64," in app.download.value
    assert seek_support.app(journal).fields["eap"].value == "EAP 000-111-2222"
