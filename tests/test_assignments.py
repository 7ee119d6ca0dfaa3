"""nbgrader round trip with real nbgrader commands: generate, release, fetch, submit, collect,
autograde; exact scores; and no answer key in what learners receive."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from nbgrader.api import Gradebook

from conftest import VENV_BIN
from nbgrader_course import COURSE, answer, fetch, new_course, release, run, submit
from sts_course.bank import load_bank

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """A course folder with F1 generated and released through a private exchange."""
    base = tmp_path_factory.mktemp("nbgrader")
    course, env = new_course(base)
    release(course, env, ["F1"])
    return base, course, env


def learner_submits(base: Path, env: dict, student: str, answers: dict[str, str]) -> None:
    home = base / student
    answer(fetch(home, env, "F1"), answers)
    submit(home, env, "F1", student)


def wrong_answer(question) -> str:
    wrong = [o.key for o in question.options if not o.correct]
    return wrong[0]


def test_round_trip_scores_exactly(course):
    base, course_dir, env = course
    questions = load_bank().for_module("F1")
    right = {q.id: ", ".join(sorted(q.correct_keys)) for q in questions}
    partly = dict(right)
    for question in questions[:3]:
        partly[question.id] = wrong_answer(question)
    learner_submits(base, env, "alice", right)
    learner_submits(base, env, "bob", partly)
    run([VENV_BIN / "nbgrader", "collect", "F1"], course_dir, env)
    run([VENV_BIN / "nbgrader", "autograde", "F1"], course_dir, env)
    with Gradebook(f"sqlite:///{course_dir / 'gradebook.db'}") as gradebook:
        alice = gradebook.find_submission("F1", "alice")
        bob = gradebook.find_submission("F1", "bob")
        assert alice.max_score == len(questions)
        assert alice.score == len(questions)
        assert bob.score == len(questions) - 3


def test_released_notebook_holds_no_answer_key(course):
    base, course_dir, env = course
    released = course_dir / "release" / "F1" / "F1.ipynb"
    text = released.read_text(encoding="utf-8")
    notebook = json.loads(text)
    sources = "\n".join("".join(c["source"]) for c in notebook["cells"])
    assert "HIDDEN TESTS" not in sources and "_expected" not in sources
    assert "BEGIN SOLUTION" not in sources
    for question in load_bank().for_module("F1"):
        letters = ", ".join(sorted(question.correct_keys))
        assert f'answer = "{letters}"' not in sources
        for option in question.options:
            assert option.feedback not in text, f"{question.id} option {option.key}'s feedback leaked"
    # What the exchange hands to learners is the same cleared notebook.
    outbound = Path(env["STS_EXCHANGE_ROOT"]) / COURSE / "outbound" / "F1" / "F1.ipynb"
    assert outbound.read_text(encoding="utf-8") == text
