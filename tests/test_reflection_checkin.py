"""Exercise I4, the self-monitoring check-in: scoring, the early-warning line, the kind
message when strain stays high, and the app driven through its widgets."""

from __future__ import annotations

from html import escape

import pytest

from sts_course.journal import InvalidEntry
from sts_course.reflection import checkin

SETTINGS = checkin.load_content()


def answers(strain: int) -> dict[str, int]:
    """Answers giving every item the same strain (0 to 4), reversed items included."""
    return {i.id: (4 - strain if i.reverse else strain) for i in SETTINGS.items}


def fill(app, values: dict[str, int]) -> None:
    for item_id, value in values.items():
        app.answers[item_id].value = value


def test_items_are_the_courses_own_and_cover_the_brief():
    labels = " ".join(i.label.lower() for i in SETTINGS.items)
    for theme in ("energy", "rested", "mind", "steering", "edge", "connection"):
        assert theme in labels
    assert any(i.reverse for i in SETTINGS.items) and not all(i.reverse for i in SETTINGS.items)


def test_strain_score_runs_from_0_to_100_with_reversed_items_turned_round():
    assert checkin.strain_score(answers(0)) == 0
    assert checkin.strain_score(answers(4)) == 100
    assert checkin.strain_score(answers(2)) == 50
    all_threes = {i.id: 3 for i in SETTINGS.items}  # 3 is high strain, or low when reversed
    reversed_count = sum(i.reverse for i in SETTINGS.items)
    expected = 100 * (3 * (len(SETTINGS.items) - reversed_count) + 1 * reversed_count) / (4 * len(SETTINGS.items))
    assert checkin.strain_score(all_threes) == round(expected, 1)


@pytest.mark.parametrize("bad", [None, 5, -1, 2.5, "3", True])
def test_a_missing_or_out_of_range_answer_is_refused_by_name(bad):
    given = answers(1)
    given[SETTINGS.items[2].id] = bad
    with pytest.raises(InvalidEntry) as caught:
        checkin.strain_score(given)
    assert caught.value.field == SETTINGS.items[2].label


def test_sustained_high_needs_n_in_a_row_at_or_above_the_line():
    assert checkin.sustained_high([70, 65, 61], 60, 3)
    assert checkin.sustained_high([20, 60, 60, 60], 60, 3)
    assert not checkin.sustained_high([70, 65, 59], 60, 3)
    assert not checkin.sustained_high([70, 55, 61, 62], 60, 3)
    assert not checkin.sustained_high([70, 65], 60, 3)


def test_trend_figure_plots_the_scores_and_the_learners_line():
    fig = checkin.trend_figure(["2026-01-02", "2026-01-09", "2026-01-16"], [30.0, 62.5, 70.0], 55)
    ax = fig.axes[0]
    plotted = [list(line.get_ydata()) for line in ax.lines]
    assert [30.0, 62.5, 70.0] in plotted  # the trend
    assert [55, 55] in plotted  # the early-warning line
    shapes = {c.get_label(): c.get_offsets().tolist() for c in ax.collections}
    assert shapes["Below my line (open circle)"] == [[0, 30.0]]
    assert shapes["At or above my line (filled triangle)"] == [[1, 62.5], [2, 70.0]]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2026-01-02", "2026-01-09", "2026-01-16"]


def test_app_saves_each_checkin_and_redraws_the_trend(journal):
    app = checkin.app(journal)
    assert "No check-ins yet" in app.figure.summary.value
    app.line.value = 50
    fill(app, answers(1))
    app.plan.value = "Take a walk at lunch"
    app.save_button.click()
    assert "Saved to your private journal. Strain score: 25 of 100." in app.messages.value
    [entry] = journal.entries("I4", "checkin")
    assert entry.payload == {"answers": answers(1), "score": 25.0, "line": 50, "plan": "Take a walk at lunch"}
    assert all(control.value is None for control in app.answers.values())  # ready for next week
    fill(app, answers(3))
    app.save_button.click()
    assert [e.payload["score"] for e in journal.entries("I4", "checkin")] == [25.0, 75.0]
    summary = app.figure.summary.value
    assert "2 check-in(s)" in summary and "latest strain 75 of 100" in summary and "1 check-in(s) at or above" in summary
    assert 'alt="2 check-in(s)' in app.figure.image.value and "data:image/png;base64," in app.figure.image.value
    assert escape(SETTINGS.messages["above_once"]) in app.support.value


def test_sustained_strain_brings_the_kind_message_and_next_steps(journal):
    app = checkin.app(journal)
    for strain in (3, 3, 3):
        fill(app, answers(strain))
        app.save_button.click()
    assert escape(SETTINGS.messages["sustained"].format(n=3)) in app.support.value
    for step in SETTINGS.steps:
        assert escape(step) in app.support.value
    assert "diagnos" in SETTINGS.messages["sustained"]  # says plainly it is not a diagnosis
    app.line.value = 80  # the learner's own line, now above all three: the message goes
    assert escape(SETTINGS.messages["below"]) in app.support.value
    assert "Early-warning line: 80" in app.figure.summary.value


def test_bad_input_is_refused_and_nothing_is_lost(journal):
    app = checkin.app(journal)
    fill(app, answers(2))
    app.save_button.click()
    partial = answers(1)
    del partial[SETTINGS.items[-1].id]
    fill(app, partial)
    app.save_button.click()
    assert "Not saved." in app.messages.value and SETTINGS.items[-1].label in app.messages.value
    assert 'role="alert"' in app.messages.value
    assert [e.payload["score"] for e in journal.entries()] == [50.0]  # the earlier check-in is kept
    assert {k: app.answers[k].value for k in partial} == partial  # and so is what was typed
    app.plan.value = "x" * 5000
    app.answers[SETTINGS.items[-1].id].value = 1
    app.save_button.click()
    assert "My if-then plan: is too long" in app.messages.value
    assert len(journal.entries()) == 1


def test_the_line_comes_back_from_the_last_checkin(journal):
    app = checkin.app(journal)
    app.line.value = 45
    fill(app, answers(1))
    app.save_button.click()
    assert checkin.app(journal).line.value == 45
