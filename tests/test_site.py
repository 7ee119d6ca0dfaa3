"""The course site: builds offline with notebooks executed and warnings as errors, and its
knowledge checks work in a real browser with no request leaving the local server."""

from __future__ import annotations

import re

import pytest

from sts_course.bank import load_bank

pytestmark = pytest.mark.slow


def test_every_module_page_is_built_with_its_knowledge_check(site):
    for module_id in load_bank().modules:
        html = (site / "book" / "modules" / f"{module_id.lower()}.html").read_text(encoding="utf-8")
        assert f'data-module="{module_id}"' in html, module_id
        assert html.count('class="sts-kc-question"') == len(load_bank().for_module(module_id))


def test_figures_have_alt_text(site):
    for page in site.rglob("*.html"):
        for img in re.findall(r"<img\b[^>]*>", page.read_text(encoding="utf-8")):
            if "_images/" in img:
                alt = re.search(r'alt="([^"]*)"', img)
                assert alt and len(alt.group(1)) > 20, f"{page.name}: figure without alt text: {img[:120]}"


def test_f1_self_check_wrong_then_right(page, site_url):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{site_url}/book/modules/f1.html")
    question = load_bank().for_module("F1")[0]
    card = page.locator(f"#kc-{question.id}")
    wrong = next(o for o in question.options if not o.correct)
    right = next(o for o in question.options if o.correct)
    result = card.locator(".sts-kc-result")

    card.locator(f"label[for='kc-{question.id}-{wrong.key}']").click()
    card.get_by_role("button", name="Check answer").click()
    assert "Not quite" in result.inner_text()
    wrong_feedback = card.locator(f"#kc-{question.id}-{wrong.key}-fb")
    assert wrong_feedback.is_visible() and "Not correct" in wrong_feedback.inner_text()
    assert wrong.feedback in wrong_feedback.inner_text()

    card.get_by_role("button", name="Try again").click()
    assert not wrong_feedback.is_visible()
    card.locator(f"label[for='kc-{question.id}-{right.key}']").click()
    card.get_by_role("button", name="Check answer").click()
    assert result.inner_text() == "Correct."
    right_feedback = card.locator(f"#kc-{question.id}-{right.key}-fb")
    assert "Correct choice" in right_feedback.inner_text() and right.feedback in right_feedback.inner_text()
    assert "Score: 1 of" in page.locator(".sts-kc-score").inner_text()

    outside = [url for url in requests if not url.startswith(site_url) and not url.startswith("data:")]
    assert outside == [], f"requests left the local server: {outside}"


def test_f1_self_check_is_keyboard_usable(page, site_url):
    page.goto(f"{site_url}/book/modules/f1.html")
    question = load_bank().for_module("F1")[0]
    first_input = page.locator(f"#kc-{question.id}-A")
    first_input.focus()
    page.keyboard.press("Space")
    assert first_input.is_checked()
    page.keyboard.press("Tab")
    # Radio groups take one tab stop: the next stop is the Check button.
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "Check answer"
    page.keyboard.press("Enter")
    result = page.locator(f"#kc-{question.id} .sts-kc-result").inner_text()
    assert result in ("Correct.", "Not quite. Read the feedback and try again.")
    assert page.evaluate("document.activeElement.textContent") == "Try again"


def test_no_page_names_a_third_party_script_style_or_image(site):
    external = re.compile(r"""<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)=["'](?:https?:)?//""", re.I)
    cdn = re.compile(r"unpkg\.com|jsdelivr|cdnjs|googleapis|require\.js", re.I)
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert not external.search(html), f"{page.relative_to(site)} loads from another site"
        assert not cdn.search(html), f"{page.relative_to(site)} names a CDN"
