"""Two exercises end to end: `sts-course exercise I4` and `... I7` serve them with Voila, a
learner works through them in headless Chromium, and the entries land in the private
journal file named by STS_JOURNAL_DIR (and nowhere else)."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess

import pytest

from conftest import VENV_BIN, free_port, wait_for_http
from sts_course.reflection import checkin, seek_support

pytestmark = [pytest.mark.browser, pytest.mark.slow]
CHECKIN = checkin.load_content()
CARD = seek_support.load_content()


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """Both exercises served by the real command, each with its own temporary journal."""
    servers = {}
    for exercise_id in ("I4", "I7"):
        folder = tmp_path_factory.mktemp(f"journal-{exercise_id}")
        port = free_port()
        process = subprocess.Popen(
            [VENV_BIN / "sts-course", "exercise", exercise_id, f"--port={port}", "--no-browser"],
            env={**os.environ, "STS_JOURNAL_DIR": str(folder)}, start_new_session=True,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        servers[exercise_id] = (f"http://127.0.0.1:{port}/", folder, process)
    try:
        for url, _, process in servers.values():
            wait_for_http(url, process)
        yield {key: (url, folder) for key, (url, folder, _) in servers.items()}
    finally:
        for _, _, process in servers.values():
            os.killpg(process.pid, signal.SIGTERM)  # the command and the Voila server it started
            process.wait(timeout=30)


def saved(folder) -> list[tuple[str, str, dict]]:
    with sqlite3.connect(folder / "journal.sqlite3") as conn:
        rows = conn.execute("SELECT exercise, kind, payload FROM entries ORDER BY id").fetchall()
    return [(exercise, kind, json.loads(payload)) for exercise, kind, payload in rows]


def test_checkin_saved_plotted_refused_and_exported(page, served):
    url, folder = served["I4"]
    page.goto(url, timeout=90_000)
    page.get_by_text("Your entries are private").wait_for(timeout=90_000)
    for item in CHECKIN.items:
        page.get_by_label(item.label, exact=True).select_option(label=f"3: {CHECKIN.scale[3]}")
    page.get_by_label(CHECKIN.plan_label).fill("Book a supervision slot")
    page.get_by_role("button", name="Save check-in").click()
    answers = {i.id: 3 for i in CHECKIN.items}
    score = checkin.strain_score(answers)
    page.get_by_text(f"Strain score: {score:g} of 100.").wait_for()
    assert saved(folder) == [("I4", "checkin", {"answers": answers, "score": score, "line": CHECKIN.line_default,
                                                 "plan": "Book a supervision slot"})]
    page.get_by_role("img", name="1 check-in(s)", exact=False).wait_for()

    page.get_by_role("button", name="Save check-in").click()  # the form was cleared: nothing chosen
    page.get_by_role("alert").get_by_text(f"Not saved. {CHECKIN.items[0].label}: please choose").wait_for()
    assert len(saved(folder)) == 1

    page.get_by_role("button", name="Export my journal").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="the JSON file").click()
    exported = json.loads(open(download.value.path(), encoding="utf-8").read())
    assert [e["payload"]["plan"] for e in exported["entries"]] == ["Book a supervision slot"]
    assert sorted(p.suffix for p in (folder / "exports").iterdir()) == [".json", ".pdf"]


def test_decision_aid_card_and_delete_with_the_keyboard(page, served):
    url, folder = served["I7"]
    page.goto(url, timeout=90_000)
    page.get_by_text("Your entries are private").wait_for(timeout=90_000)
    for question in CARD.questions[:2]:
        page.get_by_label(question.label, exact=True).select_option(label=CARD.answers["yes"])
    for question in (*CARD.questions[2:], CARD.safety):
        page.get_by_label(question.label, exact=True).select_option(label=CARD.answers["no"])
    page.get_by_role("button", name="Show what this suggests").click()
    page.get_by_text(CARD.suggestions["reach_out"][:60]).wait_for()
    assert not folder.joinpath("journal.sqlite3").exists() or saved(folder) == []

    eap = page.get_by_label("Employee Assistance Program (EAP)")
    eap.fill("EAP 000-222-3333")
    eap.focus()
    fields_after = len(CARD.fields) - 1 - [f.id for f in CARD.fields].index("eap")
    for _ in range(fields_after + 1):  # through the remaining fields to the Save button, by keyboard alone
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Save my card"
    page.keyboard.press("Enter")
    page.get_by_text("Saved to your private journal.").wait_for()
    [(exercise, kind, card)] = saved(folder)
    assert (exercise, kind, card["eap"]) == ("I7", "card", "EAP 000-222-3333")

    page.get_by_role("button", name="Delete my journal...").click()
    page.get_by_role("button", name="Yes, delete everything").click()
    page.get_by_text("Deleted all 1 entries.").wait_for()
    assert saved(folder) == []
    assert page.get_by_label("Employee Assistance Program (EAP)").input_value() == ""
