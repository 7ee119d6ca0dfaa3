"""Real nbgrader for the tests: a course folder with a private exchange, releases, and learners
who fetch, answer and submit with nbgrader's own commands."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import nbformat

from conftest import ROOT, VENV_BIN

COURSE = "sts-course"


def run(args, cwd, env, expect: int = 0) -> subprocess.CompletedProcess:
    """Run a command; fail the test, with its output, unless it exits with `expect`."""
    result = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True)
    assert result.returncode == expect, f"{args} exited {result.returncode}:\n{result.stdout}\n{result.stderr}"
    return result


def new_course(base: Path) -> tuple[Path, dict]:
    """`base/course` with the course's nbgrader_config.py, and an environment whose exchange is `base/exchange`."""
    course = base / "course"
    course.mkdir()
    shutil.copy(ROOT / "grading" / "nbgrader_config.py", course)
    return course, {**os.environ, "STS_EXCHANGE_ROOT": str(base / "exchange")}


def release(course: Path, env: dict, modules) -> None:
    """Write the modules' source assignments, then generate and release each one."""
    run([VENV_BIN / "sts-course", "assignments", "--course-dir", course, "--modules", *modules], course, env)
    for module in modules:
        run([VENV_BIN / "nbgrader", "generate_assignment", module, "--force"], course, env)
        run([VENV_BIN / "nbgrader", "release_assignment", module], course, env)


def exchange_arg(env: dict) -> str:
    return f"--Exchange.root={env['STS_EXCHANGE_ROOT']}"


def fetch(home: Path, env: dict, module: str) -> Path:
    """A learner fetches `module` into `home`; returns the notebook they will answer."""
    home.mkdir(parents=True, exist_ok=True)
    run([VENV_BIN / "nbgrader", "fetch_assignment", module, f"--course={COURSE}", exchange_arg(env)], home, env)
    return home / module / f"{module}.ipynb"


def answer(notebook_path: Path, answers: dict[str, str]) -> None:
    """Type answers (question id -> letters) into the notebook's answer cells, as a learner would."""
    notebook = nbformat.read(notebook_path, as_version=4)
    for cell in notebook.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id", "")
        if grade_id.endswith("-answer"):
            qid = grade_id.removesuffix("-answer")
            assert cell.source.startswith('answer = ""'), cell.source
            cell.source = cell.source.replace('answer = ""', f'answer = "{answers[qid]}"', 1)
    nbformat.write(notebook, notebook_path)


def submit(home: Path, env: dict, module: str, student: str) -> None:
    run([VENV_BIN / "nbgrader", "submit", module, f"--course={COURSE}", f"--student={student}",
         exchange_arg(env)], home, env)
