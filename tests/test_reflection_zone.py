"""Exercise I5, the zone of tolerance plan and the paced-breathing guide."""

from __future__ import annotations

import pytest

from sts_course.reflection import zone

SETTINGS = zone.load_content()


def test_plan_is_saved_drawn_and_reopened(journal):
    app = zone.app(journal)
    app.choices["before"]["breathing"].value = True
    app.choices["during"]["grounding"].value = True
    app.own["after"].value = "Five minutes outside"
    app.hyper.value = "Jaw clenched"
    app.hypo.value = "Staring at the screen"
    app.save_button.click()
    [entry] = journal.entries("I5", "plan")
    assert entry.payload == {"strategies": {"before": ["breathing"], "during": ["grounding"], "after": []},
                             "own": {"after": "Five minutes outside"}, "hyper": ["Jaw clenched"],
                             "hypo": ["Staring at the screen"]}
    summary = app.figure.summary.value
    assert "Before exposure: Slow breathing." in summary and "After exposure: Five minutes outside." in summary
    texts = " ".join(t.get_text() for t in zone.plan_figure(SETTINGS, entry.payload).axes[0].texts)
    for expected in ("Slow breathing", "Grounding", "Five minutes outside", "Jaw clenched", "Staring at the screen",
                     "hyperarousal", "hypoarousal"):
        assert expected in texts
    assert zone.app(journal).choices["before"]["breathing"].value is True


def test_each_phase_needs_a_strategy(journal):
    app = zone.app(journal)
    app.choices["before"]["breathing"].value = True
    app.choices["after"]["debrief"].value = True
    app.save_button.click()
    assert "Not saved. During exposure: choose or write at least one strategy" in app.messages.value
    assert journal.entries() == [] and app.choices["before"]["breathing"].value is True


def test_only_strategies_offered_for_a_phase_are_accepted():
    with pytest.raises(ValueError, match="Before exposure: names a strategy"):
        zone.plan_payload({"before": ["debrief"], "during": ["grounding"], "after": ["debrief"]}, {}, "", "")


def test_breath_phase_paces_in_then_out():
    b = SETTINGS.breathing
    assert zone.breath_phase(0, b) == ("in", 0.0, 1)
    assert zone.breath_phase(b.inhale / 2, b) == ("in", 0.5, 1)
    assert zone.breath_phase(b.inhale, b) == ("out", 1.0, 1)
    assert zone.breath_phase(b.inhale + b.exhale / 2, b) == ("out", 0.5, 1)
    assert zone.breath_phase(b.inhale + b.exhale, b) == ("in", 0.0, 2)
    assert zone.breath_phase(b.seconds, b)[0] == "done"


def test_breathing_guide_widget_follows_its_timer(journal):
    guide = zone.app(journal).guide
    guide.start_button.click()
    assert guide.timer.playing and guide.timer.value == 0
    guide.timer.value = zone.TICKS_PER_SECOND * SETTINGS.breathing.inhale // 2
    assert guide.bar.value == pytest.approx(0.5)
    assert f"{SETTINGS.breathing.in_label} (breath 1 of {SETTINGS.breathing.rounds})" in guide.cue.value
    guide.timer.value = zone.TICKS_PER_SECOND * (SETTINGS.breathing.inhale + 1)
    assert SETTINGS.breathing.out_label in guide.cue.value and guide.bar.value < 1
    guide.timer.value = guide.timer.max
    assert SETTINGS.breathing.done_label in guide.cue.value
    guide.stop_button.click()
    assert not guide.timer.playing and guide.cue.value == ""
