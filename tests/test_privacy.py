"""A learner's reflections never reach the graded course.

A journal is filled through all seven exercises with distinctive markers; the learner then
runs exercise notebooks inside their fetched assignment folder (the worst place they could)
and saves them, and the real nbgrader round trip (generate, release, fetch, submit, collect,
autograde) runs in a temporary course folder. No marker may appear in any file under the
course folder, and the journal file must live outside it.

Saved as JupyterLab saves by default (outputs, no widget state), an exercise notebook holds
no entries, so nothing reaches the exchange either. A learner who turns on "save widget
state" stores what the widgets showed in the notebook; collecting leaves exercise notebooks
out (grading/nbgrader_config.py), so even then the course folder stays clean.
"""

from __future__ import annotations

import uuid
from pathlib import Path

import nbformat
import platformdirs
import pytest
from nbclient import NotebookClient

from conftest import ROOT, VENV_BIN
from nbgrader_course import answer, fetch, new_course, release, run, submit
from sts_course import paths
from sts_course.bank import load_bank
from sts_course.reflection import exercise, knowledge, meaning, network, profile, seek_support, zone
from sts_course.reflection import checkin

pytestmark = pytest.mark.slow
SAVED_PLAIN = ("I3", "I6")  # exercises whose apps show saved entries when opened
SAVED_WITH_WIDGET_STATE = "I7"


def fill_every_exercise(journal, marker) -> list[str]:
    """Drive each exercise's widgets as a learner would; returns the markers written."""
    markers = [f"{marker}-{n}" for n in range(1, 9)]
    k = knowledge.app(journal)
    for control in k.ratings.values():
        control.value = 2
    k.note.value = markers[0]
    k.save_button.click()
    m = meaning.app(journal)
    m.notes["meaning"].value = markers[1]
    m.save_button.click()
    m.gratitude.value = markers[2]
    m.gratitude_button.click()
    p = profile.app(journal)
    p.signs.value = markers[3]
    p.save_button.click()
    c = checkin.app(journal)
    for control in c.answers.values():
        control.value = 4
    c.plan.value = markers[4]
    c.save_button.click()
    z = zone.app(journal)
    for boxes in z.choices.values():
        next(iter(boxes.values())).value = True
    z.hyper.value = markers[5]
    z.save_button.click()
    n = network.app(journal)
    n.circles["colleagues"].value = markers[6]
    n.save_button.click()
    s = seek_support.app(journal)
    s.fields["eap"].value = markers[7]
    s.save_button.click()
    s.controls.export_button.click()  # an export, into the journal's own folder by default
    return markers


def run_exercise_notebook(exercise_id: str, folder: Path, widget_state: bool = False) -> Path:
    """Execute an exercise notebook with its kernel in `folder` and save it there, as
    JupyterLab does when a learner runs it and saves (by default without widget state)."""
    source = ROOT / exercise(exercise_id).notebook
    notebook = nbformat.read(source, as_version=4)
    NotebookClient(notebook, timeout=120, kernel_name="python3", store_widget_state=widget_state,
                   resources={"metadata": {"path": str(folder)}}).execute()
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    assert any("application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in outputs), exercise_id
    saved = folder / source.name
    nbformat.write(notebook, saved)
    return saved


def files_containing(folder: Path, needles: list[str]) -> list[str]:
    found = []
    for path in folder.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            found += [f"{path}: {n}" for n in needles if n.encode() in data]
    return found


def test_no_reflection_reaches_the_graded_course(tmp_path, monkeypatch, journal):
    marker = f"privacy-marker-{uuid.uuid4().hex}"
    markers = fill_every_exercise(journal, marker)
    journal_bytes = journal.path.read_bytes()
    assert all(m.encode() in journal_bytes for m in markers)  # the journal really holds them
    assert len(journal.entries()) == 8

    course, env = new_course(tmp_path)
    exchange = Path(env["STS_EXCHANGE_ROOT"])
    release(course, env, ["F1"])

    home = tmp_path / "alice"
    assignment = fetch(home, env, "F1").parent
    plain = [run_exercise_notebook(e, assignment) for e in SAVED_PLAIN]
    assert files_containing(assignment, markers) == []  # what they show is not in the saved file
    with_state = run_exercise_notebook(SAVED_WITH_WIDGET_STATE, assignment, widget_state=True)
    assert files_containing(assignment, markers) != []  # the widget state does hold entries
    answer(assignment / "F1.ipynb", {q.id: "A" for q in load_bank().for_module("F1")})
    submit(home, env, "F1", "alice")
    run([VENV_BIN / "nbgrader", "collect", "F1"], course, env)
    run([VENV_BIN / "nbgrader", "autograde", "F1"], course, env)

    submitted = course / "submitted" / "alice" / "F1"
    assert (course / "autograded" / "alice" / "F1" / "F1.ipynb").is_file()
    assert not {p.name for p in [*plain, with_state]} & {p.name for p in submitted.iterdir()}
    assert files_containing(course, [*markers, marker]) == []
    submitted_to_exchange = [p for p in exchange.rglob("*.ipynb") if p.name != with_state.name]
    assert {p.name for p in plain} <= {p.name for p in submitted_to_exchange}
    assert [f for p in submitted_to_exchange for f in files_containing(p.parent, markers)
            if with_state.name not in f] == []

    for root in (course, exchange, paths.grading_dir()):
        assert not journal.path.resolve().is_relative_to(root.resolve())
    default = platformdirs.user_data_path("sts-course")
    assert not default.is_relative_to(paths.grading_dir()) and not default.is_relative_to(paths.project_root())
