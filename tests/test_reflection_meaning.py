"""Exercise I2, meaning and purpose: prompts for the seven beliefs with ratings, and a
gratitude log."""

from __future__ import annotations

from html import escape

from sts_course.reflection import meaning

SETTINGS = meaning.load_content()
BELIEFS = [b.id for b in SETTINGS.beliefs]


def test_covers_the_seven_beliefs_of_principle_i2():
    assert BELIEFS == ["meaning", "calling", "fit", "compassion", "gratitude", "optimism", "limits"]


def test_reflections_are_saved_and_the_profile_drawn(journal):
    app = meaning.app(journal)
    app.notes["calling"].value = "I do this work because families deserve to be heard."
    app.notes["limits"].value = "The housing waitlist is not mine to fix."
    for belief, value in zip(BELIEFS, [4, 5, 3, 2, 4, 3, 1]):
        app.ratings[belief].value = value
    app.save_button.click()
    [entry] = journal.entries("I2", "beliefs")
    assert entry.payload["notes"] == {"calling": "I do this work because families deserve to be heard.",
                                      "limits": "The housing waitlist is not mine to fix."}
    assert entry.payload["ratings"] == dict(zip(BELIEFS, [4, 5, 3, 2, 4, 3, 1]))
    summary = app.figure.summary.value
    assert "Strongest: Professional calling." in summary and "Most worn: Accepting limits." in summary
    fig = meaning.beliefs_figure(SETTINGS, entry.payload["ratings"])
    assert [p.get_width() for p in fig.axes[0].patches] == [4, 5, 3, 2, 4, 3, 1]
    assert "5: Strong (strongest)" in [t.get_text() for t in fig.axes[0].texts]


def test_ratings_are_optional_but_one_response_is_needed(journal):
    app = meaning.app(journal)
    app.ratings["fit"].value = 3
    app.save_button.click()
    assert "Not saved. Your responses: are all empty" in app.messages.value
    assert journal.entries() == [] and app.ratings["fit"].value == 3
    app.notes["fit"].value = "Mostly a good fit."
    app.save_button.click()
    [entry] = journal.entries()
    assert entry.payload["ratings"]["fit"] == 3 and entry.payload["ratings"]["meaning"] is None
    fig = meaning.beliefs_figure(SETTINGS, entry.payload["ratings"])
    assert [t.get_text() for t in fig.axes[0].texts].count("not rated") == 6


def test_gratitude_log_adds_dated_items_and_refuses_bad_input(journal):
    app = meaning.app(journal)
    app.gratitude.value = "A client laughed today\n\n  My team's Friday check-in  "
    app.gratitude_button.click()
    assert journal.latest("I2", "gratitude").payload == {"items": ["A client laughed today", "My team's Friday check-in"]}
    assert escape("A client laughed today; My team's Friday check-in") in app.gratitude_log.value
    assert app.gratitude.value == ""
    app.gratitude_button.click()
    assert "Not saved. Grateful today: is empty" in app.gratitude_messages.value
    app.gratitude.value = "one\ntwo\nthree\nfour"
    app.gratitude_button.click()
    assert "has 4 lines; please keep it to 3" in app.gratitude_messages.value
    assert len(journal.entries("I2", "gratitude")) == 1 and app.gratitude.value == "one\ntwo\nthree\nfour"
