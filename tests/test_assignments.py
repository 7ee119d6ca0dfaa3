"""nbgrader round trip with real nbgrader commands: generate, release, fetch, submit, collect,
autograde; exact scores; and no answer key in what learners receive."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import nbformat
import pytest
from nbgrader.api import Gradebook

from conftest import ROOT, VENV_BIN
from sts_course.bank import load_bank

pytestmark = pytest.mark.slow
COURSE = "sts-course"


def run(args, cwd, env):
    result = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True)
    assert result.returncode == 0, f"{args} failed:\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """A course folder with F1 generated and released through a private exchange."""
    base = tmp_path_factory.mktemp("nbgrader")
    course = base / "course"
    course.mkdir()
    shutil.copy(ROOT / "grading" / "nbgrader_config.py", course)
    env = {**os.environ, "STS_EXCHANGE_ROOT": str(base / "exchange")}
    run([VENV_BIN / "sts-course", "assignments", "--course-dir", course, "--modules", "F1"], course, env)
    run([VENV_BIN / "nbgrader", "generate_assignment", "F1", "--force"], course, env)
    run([VENV_BIN / "nbgrader", "release_assignment", "F1"], course, env)
    return base, course, env


def answer(notebook_path: Path, answers: dict[str, str]) -> None:
    """Type answers into the released notebook's answer cells, as a learner would."""
    notebook = nbformat.read(notebook_path, as_version=4)
    for cell in notebook.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id", "")
        if grade_id.endswith("-answer"):
            qid = grade_id.removesuffix("-answer")
            assert cell.source.startswith('answer = ""'), cell.source
            cell.source = cell.source.replace('answer = ""', f'answer = "{answers[qid]}"', 1)
    nbformat.write(notebook, notebook_path)


def submit(base: Path, env: dict, student: str, answers: dict[str, str]) -> None:
    home = base / student
    home.mkdir()
    exchange = f"--Exchange.root={env['STS_EXCHANGE_ROOT']}"
    run([VENV_BIN / "nbgrader", "fetch_assignment", "F1", f"--course={COURSE}", exchange], home, env)
    answer(home / "F1" / "F1.ipynb", answers)
    run([VENV_BIN / "nbgrader", "submit", "F1", f"--course={COURSE}", f"--student={student}", exchange], home, env)


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
    submit(base, env, "alice", right)
    submit(base, env, "bob", partly)
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
