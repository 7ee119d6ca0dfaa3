"""Exercise I1, knowledge and risk: before/after ratings saved and compared in a chart."""

from __future__ import annotations

import pytest

from sts_course.journal import InvalidEntry
from sts_course.reflection import knowledge

SETTINGS = knowledge.load_content()
TOPICS = [t.id for t in SETTINGS.topics]


def rate(app, phase: str, values: list[int]) -> None:
    app.phase.value = phase
    for topic, value in zip(TOPICS, values):
        app.ratings[topic].value = value
    app.save_button.click()


def bar_widths(fig) -> list[float]:
    return [patch.get_width() for patch in fig.axes[0].patches]


def test_before_then_after_are_saved_and_compared(journal):
    app = knowledge.app(journal)
    assert app.phase.value == "before"
    rate(app, "before", [1, 2, 2, 3, 1])
    assert "Saved to your private journal." in app.messages.value
    assert knowledge.app(journal).phase.value == "after"  # the next visit defaults to "after"
    app.note.value = "Ask my supervisor about the training plan"
    rate(app, "after", [2, 3, 4, 3, 2])
    saved = journal.entries("I1", "rating")
    assert [e.payload["phase"] for e in saved] == ["before", "after"]
    assert saved[1].payload == {"phase": "after", "ratings": dict(zip(TOPICS, [2, 3, 4, 3, 2])),
                                "note": "Ask my supervisor about the training plan"}
    summary = app.figure.summary.value
    assert f"Before: {SETTINGS.topics[0].label} 1" in summary
    assert f"Largest change: {SETTINGS.topics[2].label} (+2)." in summary


def test_chart_pairs_before_and_after_bars():
    fig = knowledge.comparison_figure(SETTINGS, dict(zip(TOPICS, [1, 2, 3, 4, 5])), dict(zip(TOPICS, [2, 2, 4, 5, 5])))
    assert bar_widths(fig) == [1, 2, 2, 2, 3, 4, 4, 5, 5, 5]  # before, after for each topic in turn
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert "Before: 1" in texts and "After: 2" in texts
    assert [t.get_text() for t in fig.axes[0].get_legend().get_texts()] == ["Before (hatched)", "After (solid)"]


def test_after_only_shows_not_rated_for_before():
    fig = knowledge.comparison_figure(SETTINGS, None, dict(zip(TOPICS, [3] * 5)))
    assert bar_widths(fig) == [3] * 5
    assert [t.get_text() for t in fig.axes[0].texts].count("Before: not rated") == 5


def test_an_unrated_topic_is_refused_and_nothing_is_saved(journal):
    app = knowledge.app(journal)
    app.ratings[TOPICS[0]].value = 4
    app.save_button.click()
    assert f"Not saved. {SETTINGS.topics[1].label}: please choose an answer (1 to 5)." in app.messages.value
    assert journal.entries() == [] and app.ratings[TOPICS[0]].value == 4


@pytest.mark.parametrize(("phase", "ratings", "field"), [
    ("during", dict.fromkeys(TOPICS, 3), "When"),
    ("before", {**dict.fromkeys(TOPICS, 3), "risks": 6}, "Risks of exposure"),
    ("before", {**dict.fromkeys(TOPICS, 3), "risks": 0}, "Risks of exposure"),
])
def test_rating_payload_refuses_bad_values(phase, ratings, field):
    with pytest.raises(InvalidEntry) as caught:
        knowledge.rating_payload(phase, ratings)
    assert caught.value.field == field
