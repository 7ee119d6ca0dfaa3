"""Where the course's files live.

The project root is the folder holding `exercises/curriculum.yml`. It is found from the
`STS_COURSE_ROOT` environment variable, else from this package's own location (an editable
install in a checkout), else by walking up from the current directory.
"""

from __future__ import annotations

import os
from pathlib import Path

MARKER = Path("exercises") / "curriculum.yml"


class ProjectNotFound(RuntimeError):
    """No course checkout could be found."""


def project_root() -> Path:
    """Return the course checkout's root folder."""
    env = os.environ.get("STS_COURSE_ROOT")
    if env:
        root = Path(env).resolve()
        if not (root / MARKER).is_file():
            raise ProjectNotFound(f"STS_COURSE_ROOT={env} holds no {MARKER}")
        return root
    candidates = [Path(__file__).resolve().parent.parent, *Path.cwd().resolve().parents]
    candidates.insert(1, Path.cwd().resolve())
    for folder in candidates:
        if (folder / MARKER).is_file():
            return folder
    raise ProjectNotFound(
        f"no course checkout found: looked for {MARKER} beside the package and above "
        f"{Path.cwd()}; set STS_COURSE_ROOT to the checkout"
    )


def curriculum_file(root: Path | None = None) -> Path:
    return (root or project_root()) / MARKER


def questions_dir(root: Path | None = None) -> Path:
    return (root or project_root()) / "exercises" / "questions"


def book_dir(root: Path | None = None) -> Path:
    return (root or project_root()) / "book"


def references_file(root: Path | None = None) -> Path:
    return book_dir(root) / "references.bib"


def grading_dir(root: Path | None = None) -> Path:
    return (root or project_root()) / "grading"


def notebooks_dir(root: Path | None = None) -> Path:
    return (root or project_root()) / "notebooks"
