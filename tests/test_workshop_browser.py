"""`sts-course workshop` in real Voila and headless Chromium: a trainer and three phones.

One session from start to export, with a server restart in the middle: nothing may be lost.
"""

from __future__ import annotations

import csv
import re
import subprocess
import time

import psutil
import pytest

from conftest import free_port, wait_for_http
from sts_course import paths
from sts_course.bank import load_bank
from sts_course.workshop.discussion import load_prompts
from sts_course.workshop.server import prepare, stop
from sts_course.workshop.store import WorkshopStore

pytestmark = [pytest.mark.browser, pytest.mark.slow]

QUESTION_IDS = ("F1-01", "F1-02")
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


class WorkshopServer:
    """The workshop server as `sts-course workshop` runs it, on a fixed port and store."""

    def __init__(self, store_dir, monkeypatch):
        monkeypatch.setenv("STS_WORKSHOP_DIR", str(store_dir))
        self.port = free_port()
        self.process = None

    def start(self, pool_size: int) -> str:
        """Start Voila with a fresh trainer token; return the trainer URL."""
        store = WorkshopStore()
        launch = prepare(self.port, pool_size=pool_size, store=store)
        store.close()
        self.join_url = launch.join_url
        self.process = subprocess.Popen(launch.command, cwd=paths.notebooks_dir(), env=launch.environment,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_for_http(self.join_url + "voila/static/voila.js", self.process)
        return launch.trainer_url

    def kernels(self) -> int:
        """How many kernel processes the server runs now."""
        return len(psutil.Process(self.process.pid).children())

    def wait_for_kernels(self, count: int, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while self.kernels() != count and time.monotonic() < deadline:
            time.sleep(0.2)
        assert self.kernels() == count

    def stop(self) -> None:
        if self.process:
            stop(self.process)


@pytest.fixture
def server(tmp_path, monkeypatch):
    server = WorkshopServer(tmp_path / "workshop", monkeypatch)
    yield server
    server.stop()


def answer(page, keys: str) -> None:
    """Choose the options `keys` (e.g. "AC") on the open question and send them."""
    card = page.locator(".sts-quiz-question")
    for key in keys:
        card.get_by_label(re.compile(rf"^{key}\. ")).check()
    page.get_by_role("button", name="Send answer").click()
    page.get_by_text(f"Answer sent: {', '.join(keys)}.").wait_for()


def test_live_session_with_restart_and_export(browser, server):
    bank = load_bank()
    q1, q2 = (bank.by_id(qid) for qid in QUESTION_IDS)
    trainer_url = server.start(pool_size=6)
    contexts = [browser.new_context(viewport={"width": 1280, "height": 900})] + [
        browser.new_context(**PHONE) for _ in range(3)]
    for context in contexts:  # generous: a loaded 2-core machine may be starting kernels
        context.set_default_timeout(90_000)
        context.set_default_navigation_timeout(120_000)
    trainer, *phones = (context.new_page() for context in contexts)
    try:
        # Only the trainer URL's token opens the trainer controls.
        phones[0].goto(server.join_url + "?role=trainer&token=guess")
        phones[0].get_by_text("This trainer link is not valid").wait_for()
        assert "Open session" not in phones[0].content()

        # Solo mode: the same quiz for one person, nothing stored.
        phones[1].goto(server.join_url + "?mode=solo&module=F1")
        card = phones[1].locator(".sts-quiz-question").first
        card.get_by_label(re.compile(rf"^{sorted(q1.correct_keys)[0]}\. ")).check()
        card.get_by_role("button", name="Check answer").click()
        card.get_by_text("Correct.", exact=True).wait_for()

        trainer.goto(trainer_url)
        trainer.get_by_label("Questions from").select_option(label="Custom set of questions")
        all_ids = [q.id for q in bank.questions]
        trainer.get_by_label("Questions", exact=True).select_option(
            index=[all_ids.index(qid) for qid in QUESTION_IDS])
        trainer.get_by_role("button", name="Open session").click()
        code = trainer.locator(".sts-code").inner_text().strip()
        assert re.fullmatch(r"[A-Z2-9]{5}", code)
        assert trainer.locator(f"svg[aria-label='QR code for the join link {server.join_url}?code={code}']").count() == 1

        # Participants: a wrong code first, then the right one; one with a nickname. Leaving
        # the refused trainer page ends its kernel (and so any polling): Voila shuts it down.
        kernels = server.kernels()
        phones[0].goto(server.join_url)
        server.wait_for_kernels(kernels - 1)
        phones[0].get_by_label("Join code").fill("WRONG")
        phones[0].get_by_role("button", name="Join").click()
        phones[0].get_by_text("No session has the code WRONG").wait_for()
        phones[0].get_by_label("Join code").fill(code.lower())
        phones[0].get_by_label("Nickname (optional)").fill("Robin")
        phones[0].get_by_role("button", name="Join").click()
        for phone in phones[1:]:
            phone.goto(f"{server.join_url}?code={code}")
            phone.get_by_role("button", name="Join").click()
        for phone in phones:
            phone.get_by_text("You're in").wait_for()
        trainer.get_by_text("3 joined").wait_for()

        trainer.get_by_role("button", name="Start first question").click()
        wrong = [o.key for o in q1.options if not o.correct]
        right = sorted(q1.correct_keys)[0]
        answer(phones[0], wrong[0])
        answer(phones[0], right)  # changed their mind: only the last answer counts
        answer(phones[1], right)
        answer(phones[2], wrong[1])
        trainer.get_by_text("3 of 3 answered").wait_for()
        trainer.get_by_role("button", name="Reveal answer").click()
        chart = trainer.locator(f"img[alt^='{q1.id}: 3 answer(s).']")
        chart.wait_for()
        alt = chart.get_attribute("alt")
        expected = {right: 2, wrong[1]: 1}
        for option in q1.options:
            count = expected.get(option.key, 0)
            assert re.search(rf"^{option.key}\. .*: {count}\b", alt, re.MULTILINE), alt
        phones[0].get_by_text("You were right.").wait_for()
        phones[2].get_by_text("Not this time.").wait_for()
        trainer.get_by_role("button", name="Discussion prompts").click()
        trainer.get_by_text(load_prompts()["F1"][0]).wait_for()
        assert "Robin" not in trainer.inner_text("body")  # no leaderboard: nicknames stay private
        assert "wait_for_query" not in trainer.content()  # Voila shows no source

        # The trainer's server restarts mid-session: nothing is lost.
        server.stop()
        trainer_url = server.start(pool_size=4)
        trainer.goto(trainer_url)
        trainer.get_by_role("button", name=re.compile(f"Resume {code}")).click()
        trainer.locator(f"img[alt^='{q1.id}: 3 answer(s).']").wait_for()
        assert trainer.locator("img").first.get_attribute("alt") == alt
        trainer.get_by_text("3 joined").wait_for()
        for phone in phones:
            phone.reload()
            phone.get_by_text("Welcome back").wait_for()
        phones[0].get_by_text("You were right.").wait_for()

        trainer.get_by_role("button", name="Next question").click()
        choices = ["".join(sorted(q2.correct_keys)), "A", "BC"]  # a select-all question
        for phone, keys in zip(phones, choices):
            answer(phone, keys)
        trainer.get_by_text("3 of 3 answered").wait_for()
        trainer.get_by_role("button", name="Reveal answer").click()
        alt2 = trainer.locator(f"img[alt^='{q2.id}: 3 answer(s).']").get_attribute("alt")
        for option in q2.options:
            count = sum(option.key in keys for keys in choices)
            assert re.search(rf"^{option.key}\. .*: {count}\b", alt2, re.MULTILINE), alt2
        trainer.get_by_role("button", name="End session").click()
        for phone, first, keys in zip(phones, [1, 1, 0], choices):
            phone.get_by_text(f"Your score: {first + q2.evaluate(keys).correct} of 2").wait_for()

        trainer.get_by_role("button", name="Export results").click()
        trainer.get_by_text("Results saved in").wait_for()
        folder = WorkshopStore().path.parent / "exports" / code
        with open(folder / "results.csv", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        stored = sorted((r["question"], r["participant"], r["choice"]) for r in rows)
        people = ["Robin", "participant 2", "participant 3"]
        assert stored == sorted([*zip([q1.id] * 3, people, [right, right, wrong[1]]),
                                 *zip([q2.id] * 3, people, [",".join(keys) for keys in choices])])
        assert sorted(p.name for p in folder.glob("*.png")) == [f"{qid}.png" for qid in QUESTION_IDS]
    finally:
        for context in contexts:
            context.close()
