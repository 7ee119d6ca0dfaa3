"""Reflection exercises: the "do" half of the course, one module per exercise.

Each exercise module exposes `app(journal=None)`, an ipywidgets container that saves only to
the learner's private journal (`sts_course.journal`), and pure functions for its logic and
figures. Its words live in `exercises/reflections/<id>.yml`; its notebook is
`exercises/<number>-<slug>.ipynb`, and `sts-course exercise <id>` serves it with Voila.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from .. import paths
from . import content

#: Exercise id -> the module (in this package) that implements it, in course order.
EXERCISE_MODULES = {
    "I1": "knowledge",
    "I2": "meaning",
    "I3": "profile",
    "I4": "checkin",
    "I5": "zone",
    "I6": "network",
    "I7": "seek_support",
}


def exercise_page(exercise_id: str) -> str:
    """The exercise's page in the book, relative to the project root, without suffix."""
    return f"book/exercises/{exercise_id.lower()}"


class UnknownExercise(LookupError):
    def __init__(self, exercise_id: str):
        super().__init__(f"unknown exercise '{exercise_id}'; the exercises are "
                         f"{', '.join(EXERCISE_MODULES)} (run `sts-course exercise` to list them)")


def exercise(exercise_id: str, root: Path | None = None) -> content.Exercise:
    """An exercise's id, number, title, principle items, notebook and page."""
    if exercise_id not in EXERCISE_MODULES:
        raise UnknownExercise(exercise_id)
    return content.load(exercise_id, root=root)


def exercises(root: Path | None = None) -> tuple[content.Exercise, ...]:
    return tuple(exercise(i, root) for i in EXERCISE_MODULES)


def notebook_names(root: Path | None = None) -> list[str]:
    """The exercise notebooks' file names: nbgrader never collects these (grading/nbgrader_config.py)."""
    return [Path(e.notebook).name for e in exercises(root)]


def exercise_module(exercise_id: str):
    """The module implementing an exercise (its `app`, logic and `load_content`)."""
    if exercise_id not in EXERCISE_MODULES:
        raise UnknownExercise(exercise_id)
    return importlib.import_module(f".{EXERCISE_MODULES[exercise_id]}", __name__)


def data_problems(root: Path | None = None) -> list[str]:
    """What `sts-course check` reports about the exercises: invalid content files (by file,
    line and field) and missing notebooks or book pages."""
    problems = []
    for exercise_id in EXERCISE_MODULES:
        try:
            exercise_module(exercise_id).load_content(root)
            chosen = exercise(exercise_id, root)
        except content.ContentError as exc:
            problems.append(str(exc))
            continue
        base = root or paths.project_root()
        problems += [f"exercise {exercise_id}: missing {path}" for path in (chosen.notebook, f"{chosen.page}.md")
                     if not (base / path).is_file()]
    try:
        content.common_text(root)
    except content.ContentError as exc:
        problems.append(str(exc))
    return problems
