"""Is a submitted notebook intact? Corrupt (unreadable) or tampered (a read-only cell changed or
removed) submissions are named in `sts-course autograde`'s summary."""

from __future__ import annotations

from pathlib import Path

import nbformat


class CorruptNotebook(ValueError):
    """The submitted file is not a readable notebook."""


def read_notebook(path: Path):
    try:
        return nbformat.read(path, as_version=4)
    except Exception as exc:  # nbformat raises several unrelated types for bad files
        message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise CorruptNotebook(f"{path.name} is not a readable notebook ({message[:160]})") from None


def graded_cells(notebook, locked_only: bool) -> dict[str, tuple[str, str]]:
    """grade id -> (cell type, source) of the cells nbgrader tracks (only read-only ones if asked)."""
    found = {}
    for cell in notebook.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("grade_id") and (meta.get("locked") or not locked_only):
            found[meta["grade_id"]] = (cell.cell_type, cell.source)
    return found


def tampered_cells(submitted: Path, released: Path) -> list[str]:
    """Grade ids of read-only cells that differ from (or are missing against) the released notebook."""
    expected = graded_cells(read_notebook(released), locked_only=True)
    got = graded_cells(read_notebook(submitted), locked_only=False)  # a learner may unlock a cell
    return [grade_id for grade_id, cell in expected.items() if got.get(grade_id) != cell]


def check_submission(course_dir: Path, assignment: str, student: str) -> list[str]:
    """Problems with one submission's notebooks: raises CorruptNotebook; returns tampered cell ids."""
    submitted = course_dir / "submitted" / student / assignment
    tampered = []
    for notebook in sorted(submitted.glob("*.ipynb")):
        released = course_dir / "release" / assignment / notebook.name
        if released.is_file():
            tampered += tampered_cells(notebook, released)
        else:
            read_notebook(notebook)
    return tampered
