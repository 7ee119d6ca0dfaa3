"""The supervisor track's apps served by real Voila and used in headless Chromium: a vignette
played with the keyboard to an ending, the session planner filled in and exported as a PDF,
and the referral aid answering a ticked observation."""

from __future__ import annotations

import os
import subprocess

import pytest
from pypdf import PdfReader

from conftest import ROOT, free_port, wait_for_http
from sts_course.referral_aid import load_referral_guide
from sts_course.vignettes import vignette
from sts_course.voila_server import voila_command

pytestmark = [pytest.mark.browser, pytest.mark.slow]
LOAD = 120_000  # ms: a cold kernel on a busy machine


@pytest.fixture(scope="module")
def voila_base():
    """One Voila server for the notebooks folder; each app is at /voila/render/<notebook>."""
    port = free_port()
    env = {**os.environ, "STS_COURSE_ROOT": str(ROOT)}
    server = subprocess.Popen(voila_command(ROOT / "notebooks", port, open_browser=False),
                              cwd=ROOT / "notebooks", env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    wait_for_http(base + "/", server)
    yield base + "/voila/render"
    server.terminate()
    server.wait(timeout=30)


def open_app(page, url: str) -> None:
    """Voila streams the page while the kernel runs, so wait for elements, not for 'load'."""
    page.goto(url, wait_until="commit", timeout=LOAD)


def press(page, name: str) -> None:
    """Focus a button by its accessible name and press Enter, as a keyboard user would."""
    button = page.get_by_role("button", name=name, exact=True)
    button.focus()
    page.keyboard.press("Enter")


def test_a_vignette_is_picked_and_played_with_the_keyboard_to_an_ending(page, voila_base):
    story = vignette("quiet-high-performer")
    open_app(page, f"{voila_base}/vignettes.ipynb")
    page.get_by_label("Vignette:").wait_for(timeout=LOAD)
    page.get_by_label("Vignette:").select_option(label=story.title)
    start = story.node(story.start)
    page.get_by_text(start.text[:60]).wait_for()
    first = start.choices[2]
    press(page, f"3. {first.label}")
    middle = story.node(first.next)
    page.get_by_text(middle.text[:60]).wait_for()
    second = middle.choices[1]
    press(page, f"2. {second.label}")
    ending = story.node(second.next)
    page.get_by_text(f"Outcome: \u2713 {ending.outcome}").wait_for()
    assert ending.commentary[:80] in page.inner_text("body")
    path = page.locator("ol").last.inner_text()
    assert first.label in path and second.label in path
    assert page.get_by_role("button", name=f"1. {start.choices[0].label}").count() == 0
    press(page, "Back")
    page.get_by_text(middle.text[:60]).wait_for()
    press(page, "Restart")
    page.get_by_text(start.text[:60]).wait_for()
    assert "vignettes_app()" not in page.content()  # Voila shows the app, not its code


def test_the_planner_exports_what_was_typed_as_a_pdf(page, voila_base, tmp_path):
    target = tmp_path / "plan-from-browser.pdf"
    open_app(page, f"{voila_base}/supervision_planner.ipynb")
    page.get_by_role("button", name="Export PDF").wait_for(timeout=LOAD)
    page.get_by_role("button", name="Export PDF").click()
    page.get_by_text("Session date: choose the date of the meeting.").wait_for()
    page.get_by_label("Session date").fill("2025-03-04")
    page.get_by_label("Agenda item 1", exact=True).fill("Check-in after three hearings in two weeks")
    page.get_by_label("Follow-up 1").fill("Move two families to the new starter")
    page.get_by_label("Owner").fill("Dana")
    page.get_by_label("Due").fill("2025-03-11")
    page.get_by_label("Save as").fill(str(target))
    page.get_by_role("button", name="Export PDF").click()
    page.get_by_text(f"Saved the plan to {target}").wait_for(timeout=30_000)
    text = "\n".join(p.extract_text() for p in PdfReader(target).pages)
    assert "1. Check-in after three hearings in two weeks (5 min)" in text
    assert "Move two families to the new starter (owner: Dana; by 2025-03-11)" in text


def test_the_referral_aid_answers_a_ticked_observation(page, voila_base):
    guide = load_referral_guide()
    asked = next(o for o in guide.observations if o.id == "asked")
    open_app(page, f"{voila_base}/referral_aid.ipynb")
    box = page.get_by_role("checkbox", name=asked.text)
    box.wait_for(timeout=LOAD)
    page.get_by_text(guide.nothing_ticked).wait_for()
    box.focus()
    page.keyboard.press("Space")
    page.get_by_text("Suggested next steps: Offer support beyond supervision").wait_for()
    assert guide.options["spiritual-cultural"].title in page.inner_text("body")
