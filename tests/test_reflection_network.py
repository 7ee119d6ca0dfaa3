"""Exercise I6, my support network map, with the low-impact sharing reminder."""

from __future__ import annotations

from html import escape

from sts_course.reflection import network

SETTINGS = network.load_content()


def test_map_is_saved_drawn_and_names_the_gaps(journal):
    app = network.app(journal)
    app.circles["colleagues"].value = "Ana (intake)\nM."
    app.circles["external"].value = "EAP counselor"
    app.save_button.click()
    [entry] = journal.entries("I6", "network")
    assert entry.payload == {"circles": {"colleagues": ["Ana (intake)", "M."], "peers": [], "community": [],
                                         "external": ["EAP counselor"]}}
    summary = app.figure.summary.value
    assert "3 people or groups around me" in summary
    assert "Gaps to think about: Peers and team, Community of practice." in summary
    ax = network.network_figure(SETTINGS, entry.payload).axes[0]
    texts = [t.get_text() for t in ax.texts]
    assert "Me" in texts and "Ana (intake)" in texts and "EAP counselor" in texts
    assert texts.count("(no one yet)") == 2
    assert len(ax.collections) == 1 + 3  # me, and one marker for each person or group


def test_low_impact_reminder_is_shown():
    html = network.low_impact_html(SETTINGS)
    assert html.count("<li>") == len(SETTINGS.low_impact_steps) == 4
    assert escape(SETTINGS.low_impact_intro) in html


def test_an_empty_map_or_a_long_name_is_refused(journal):
    app = network.app(journal)
    app.save_button.click()
    assert "Not saved. Your map: is empty" in app.messages.value
    app.circles["peers"].value = "x" * 61
    app.save_button.click()
    assert "Peers and team: line 1 is too long" in app.messages.value
    assert journal.entries() == [] and app.circles["peers"].value == "x" * 61
