"""`sts-course quiz F1`'s app, served by real Voila and answered in headless Chromium."""

from __future__ import annotations

import os
import subprocess

import pytest

from conftest import ROOT, free_port, wait_for_http
from sts_course.bank import load_bank
from sts_course.voila_server import voila_command

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def voila_url():
    port = free_port()
    env = {**os.environ, "STS_QUIZ_MODULE": "F1", "STS_COURSE_ROOT": str(ROOT)}
    server = subprocess.Popen(voila_command(ROOT / "notebooks" / "quiz.ipynb", port, open_browser=False),
                              cwd=ROOT / "notebooks", env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/"
    wait_for_http(url, server)
    yield url
    server.terminate()
    server.wait(timeout=30)


def test_answer_check_feedback_and_score(page, voila_url):
    page.goto(voila_url)
    page.get_by_text("Question 1 of").first.wait_for(timeout=90_000)
    question = load_bank().for_module("F1")[0]
    card = page.locator(".sts-quiz-question").first
    keys = [o.key for o in question.options]
    wrong = next(o for o in question.options if not o.correct)
    right = next(o for o in question.options if o.correct)
    control = "checkbox" if question.type == "multiple" else "radio"

    card.get_by_role(control).nth(keys.index(wrong.key)).check()
    card.get_by_role("button", name="Check answer").click()
    card.get_by_text("Not quite").wait_for()
    assert wrong.feedback in card.inner_text()

    card.get_by_role("button", name="Try again").click()
    for option in question.options:
        if option.correct:
            card.get_by_role(control).nth(keys.index(option.key)).check()
    card.get_by_role("button", name="Check answer").click()
    card.get_by_text("Correct.", exact=True).wait_for()
    assert right.feedback in card.inner_text()
    total = len(load_bank().for_module("F1"))
    page.get_by_text(f"Score: 1 of {total} correct so far.").wait_for()


def test_voila_shows_no_source_code(page, voila_url):
    page.goto(voila_url)
    page.get_by_text("Question 1 of").first.wait_for(timeout=90_000)
    assert "from sts_course.quiz import" not in page.content()
