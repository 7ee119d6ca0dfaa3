"""The workshop views driven in-process as a trainer and participants would (no browser)."""

from __future__ import annotations

import asyncio
import threading
from html import escape

import pytest

from sts_course.workshop.app import workshop_app
from sts_course.workshop.discussion import load_prompts
from sts_course.workshop.participant import ParticipantView
from sts_course.workshop.polling import Poller
from sts_course.workshop.solo import SoloView
from sts_course.workshop.store import WorkshopStore
from sts_course.workshop.trainer import TrainerView


def texts(widget) -> list[str]:
    """Every HTML text shown in a widget tree."""
    found = [widget.value] if isinstance(getattr(widget, "value", None), str) else []
    for child in getattr(widget, "children", ()):
        found += texts(child)
    return found


@pytest.fixture
def store(tmp_path, monkeypatch):
    monkeypatch.setenv("STS_WORKSHOP_DIR", str(tmp_path))
    store = WorkshopStore()
    yield store
    store.close()


@pytest.fixture
def bank():
    from sts_course.workshop.app import warm_up

    return warm_up()


def test_app_routes_by_query_and_checks_the_trainer_token(store, bank):
    store.set_trainer_token("good-token")
    refused = workshop_app({"role": "trainer", "token": "nope"})
    assert "trainer link is not valid" in refused.children[0].value
    trainer = workshop_app({"role": "trainer", "token": "good-token"})
    assert "sts-trainer" in trainer._dom_classes
    participant = workshop_app({"code": "ABCDE"})
    assert "sts-phone" in participant._dom_classes
    solo = workshop_app({"mode": "solo", "module": "F2"})
    assert "F2. The psychobiology" in " ".join(texts(solo))  # the module's quiz has started


def test_custom_set_timer_and_leaderboard(store, bank):
    trainer = TrainerView(store, bank, "http://127.0.0.1:8866/")
    trainer.picker.choose(question_ids=["F1-03", "I2-01"])
    trainer.time_limit.value = 30
    trainer.leaderboard_choice.value = True
    session = trainer.open_session()
    assert session.question_ids == ("F1-03", "I2-01") and session.time_limit == 30
    assert "QR code for the join link http://127.0.0.1:8866/?code=" + session.code in trainer.join_info.value

    phone = ParticipantView(store, bank, code=session.code)
    phone.nickname_box.value = "Jo"
    phone.join()
    trainer.next_question()
    phone.poller.poll_once()
    assert "Time left: 30 s" in phone.timer.value or "Time left: 29 s" in phone.timer.value
    question = phone.card.question
    phone.card.select(question.correct_keys)
    phone.send()
    trainer.reveal()
    phone.poller.poll_once()
    assert "You were right" in phone.answer_status.value
    assert "Leaderboard" in trainer.leaderboard_area.value and "Jo: 1" in trainer.leaderboard_area.value
    trainer.discussion_button.value = True
    assert all(escape(prompt) in trainer.discussion_area.value  # prompts of both questions' modules
               for prompt in (load_prompts()["F1"][0], load_prompts()["I2"][0]))
    trainer.end()
    phone.poller.poll_once()
    assert "Your score: 1 of 2" in phone.body.children[1].value
    assert "Jo: 1" in phone.body.children[2].value


def test_nicknames_stay_hidden_without_the_leaderboard(store, bank):
    trainer = TrainerView(store, bank, "http://x/")
    trainer.picker.choose("F1")
    session = trainer.open_session()
    phone = ParticipantView(store, bank, code=session.code)
    phone.nickname_box.value = "Secret Name"
    phone.join()
    trainer.next_question()
    assert phone.poller.poll_once()  # the question arrives
    phone.card.select(phone.card.question.correct_keys)
    phone.send()
    trainer.reveal()
    trainer.end()
    shown = " ".join(w.value for w in (trainer.counts, trainer.question_area, trainer.reveal_area,
                                       trainer.leaderboard_area))
    assert "Secret Name" not in shown


def test_picker_refuses_an_empty_custom_set(store, bank):
    trainer = TrainerView(store, bank, "http://x/")
    trainer.picker.choose(question_ids=[])
    trainer.picker.source.value = "custom"
    assert trainer.open_session() is None
    assert "choose at least one question" in trainer.setup_status.value
    solo = SoloView(bank)
    solo.picker.source.value = "custom"
    assert solo.start() is None and "Choose at least one question" in solo.area.children[0].value


def run_alone(coroutine_function):
    """asyncio.run in a thread of its own (Playwright may own this thread's event loop)."""
    result = []
    thread = threading.Thread(target=lambda: result.append(asyncio.run(coroutine_function())))
    thread.start()
    thread.join(30)
    return result[0]


def test_poller_redraws_on_change_only_and_stops():
    values, seen = iter([1, 1, 2, 2, 3, 3, 3, 3, 3, 3]), []
    poller = Poller(lambda: next(values), seen.append, interval=0.01)

    async def run():
        poller.start()
        await asyncio.sleep(0.045)  # about five polls
        poller.stop()
        await asyncio.sleep(0.03)
        return poller.task.done()

    assert run_alone(run)
    assert seen and seen == sorted(set(seen)) and len(seen) <= 3  # one redraw per new value
    timed = Poller(lambda: 1, seen.append, interval=0.01, max_seconds=0.02)

    async def expire():
        timed.start()
        await asyncio.sleep(0.1)
        return timed.task.done()

    assert run_alone(expire)  # a page left open forever still stops polling
