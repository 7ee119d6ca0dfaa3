"""Exercise I3, my strengths and vulnerabilities profile and watch-list."""

from __future__ import annotations

from sts_course.reflection import profile

SETTINGS = profile.load_content()
CATEGORIES = [c.id for c in SETTINGS.categories]


def test_covers_every_category_of_the_brief():
    assert CATEGORIES == ["history", "susceptibility", "environment", "identity", "supports", "regulation",
                          "reflection"]


def test_profile_and_watch_list_are_saved_drawn_and_reopened(journal):
    app = profile.app(journal)
    ratings = dict(zip(CATEGORIES, [None, -1, -2, 0, 2, 1, 2]))
    for key, value in ratings.items():
        app.ratings[key].value = value
    app.notes["environment"].value = "Two vacancies on the team"
    app.signs.value = "Dreading Monday\nSkipping lunch"
    app.situations.value = "Court reports due"
    app.save_button.click()
    [entry] = journal.entries("I3", "profile")
    assert entry.payload == {"ratings": ratings, "notes": {"environment": "Two vacancies on the team"},
                             "signs": ["Dreading Monday", "Skipping lunch"], "situations": ["Court reports due"]}
    summary = app.figure.summary.value
    assert "Strengths: Supervisor and peer support, Settling after stress, Self-reflection." in summary
    assert "Vulnerabilities: Emotional susceptibility, Work environment." in summary
    assert "Not rated: My history." in summary
    bars, notes = profile.profile_figure(SETTINGS, entry.payload).axes
    assert sorted(p.get_width() for p in bars.patches) == [-2, -1, 1, 2, 2]
    assert {p.get_hatch() for p in bars.patches if p.get_width() < 0} == {"\\\\\\"}  # vulnerabilities hatched
    assert "Dreading Monday" in notes.texts[0].get_text() and "Court reports due" in notes.texts[0].get_text()
    reopened = profile.app(journal)
    assert reopened.ratings["environment"].value == -2 and reopened.signs.value == "Dreading Monday\nSkipping lunch"


def test_an_empty_watch_list_is_refused_and_the_form_kept(journal):
    app = profile.app(journal)
    app.ratings["supports"].value = 2
    app.save_button.click()
    assert "Not saved. Signs to watch: the watch-list is empty" in app.messages.value
    assert journal.entries() == [] and app.ratings["supports"].value == 2
    app.situations.value = "\n".join(f"situation {n}" for n in range(11))
    app.save_button.click()
    assert "Situations: has 11 lines" in app.messages.value and journal.entries() == []
