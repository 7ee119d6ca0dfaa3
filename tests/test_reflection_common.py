"""What every exercise shares: the privacy banner, and the journal's export and delete
controls, driven through their widgets; plus the content files, notebooks and command."""

from __future__ import annotations

import json
import subprocess

import nbformat
import pytest

from conftest import ROOT, VENV_BIN
from sts_course import paths
from sts_course.curriculum import load_curriculum
from sts_course.reflection import (EXERCISE_MODULES, UnknownExercise, data_problems, exercise, exercise_module,
                                   exercises)
from sts_course.reflection import checkin, content, network

MARKER = "quokka-saffron-2208"


def test_every_exercise_loads_and_serves_valid_principle_items():
    items = load_curriculum().items
    assert [e.id for e in exercises()] == list(EXERCISE_MODULES)
    for number, item in enumerate(exercises(), start=1):
        assert item.number == number
        assert item.serves and all(i in items for i in item.serves), item.id
        assert any(i.startswith(item.id + ".") for i in item.serves), f"{item.id} serves none of its own items"
        exercise_module(item.id).load_content()  # every exercise-specific field validates


def test_every_exercise_has_a_thin_notebook_that_calls_its_app():
    for item in exercises():
        notebook = nbformat.read(ROOT / item.notebook, as_version=4)
        code = [c.source for c in notebook.cells if c.cell_type == "code"]
        assert code == [f"from sts_course.reflection.{EXERCISE_MODULES[item.id]} import app\n\napp()"]
        assert notebook.cells[0].source.startswith(f"# Exercise {item.id}. {item.title}")
        assert all(not c.get("outputs") for c in notebook.cells if c.cell_type == "code")


def test_every_exercise_has_a_book_page_that_opens_it():
    for item in exercises():
        page = (ROOT / f"{item.page}.md").read_text(encoding="utf-8")
        assert f"```{{open-exercise}} {item.id}" in page
        assert "fictional" in page.lower()
        module_page = (ROOT / "book" / "modules" / f"{item.id.lower()}.md").read_text(encoding="utf-8")
        reflection = module_page.split("## Reflection", 1)[1].split("\n## ", 1)[0]
        assert f"{{doc}}`../exercises/{item.id.lower()}`" in reflection


def test_unknown_exercise_is_a_clear_error():
    with pytest.raises(UnknownExercise, match="unknown exercise 'I9'.*I1, I2"):
        exercise("I9")


def test_cli_lists_exercises_and_refuses_unknown_ones():
    listed = subprocess.run([VENV_BIN / "sts-course", "exercise"], capture_output=True, text=True)
    assert listed.returncode == 0
    for item in exercises():
        assert f"{item.id}  {item.title}  ({item.notebook})" in listed.stdout
    unknown = subprocess.run([VENV_BIN / "sts-course", "exercise", "Z4"], capture_output=True, text=True)
    assert unknown.returncode == 2 and "unknown exercise 'Z4'" in unknown.stderr


@pytest.mark.parametrize(("change", "message"), [
    (lambda t: t.replace("title: Support network map", "title: ''"), ":5: field 'title': must be non-empty text"),
    (lambda t: t.replace("serves: [I6.1, I6.2, I6.3, I6.4]", "serves: [I6.1, I6.9]"),
     ":6: field 'serves': unknown principle item(s) I6.9"),
    (lambda t: t.replace("max_per_circle: 8", "max_per_circle: many"), ":28: field 'max_per_circle': must be a whole number"),
    (lambda t: t.replace("  - id: peers", "  - id: colleagues"), "field 'id': duplicate id 'colleagues'"),
    (lambda t: t.replace("id: I6", "id: I7"), "field 'id': the file for I6 says id 'I7'"),
    (lambda t: t.replace("circles:", "circles: [", 1), "invalid YAML"),
])
def test_bad_content_names_the_file_line_and_field(project, change, message):
    source = ROOT / "exercises" / "reflections"
    target = project / "exercises" / "reflections"
    target.mkdir()
    for path in source.glob("*.yml"):
        (target / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    broken = target / "I6.yml"
    broken.write_text(change(broken.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(content.ContentError) as caught:
        network.load_content(project)
    assert str(caught.value).startswith(str(broken))
    assert message in str(caught.value)
    assert any(p.startswith(str(broken)) and message in p for p in data_problems(project))  # sts-course check


def test_the_courses_exercises_have_no_problems():
    assert data_problems() == []


def test_privacy_banner_names_the_journal_file(journal):
    app = checkin.app(journal)
    banner = app.children[1].value
    assert "Private." in banner and str(journal.path) in banner
    assert "never collected, graded, submitted or shared" in banner


def test_export_writes_json_and_pdf_to_the_chosen_folder_with_download_links(journal, tmp_path):
    app = network.app(journal)
    app.circles["colleagues"].value = MARKER
    app.save_button.click()
    controls = app.controls
    controls.folder.value = str(tmp_path / "my exports")
    controls.export_button.click()
    assert "Exported 1 entries" in controls.messages.value
    files = sorted((tmp_path / "my exports").iterdir())
    assert [f.suffix for f in files] == [".json", ".pdf"]
    data = json.loads(files[0].read_text(encoding="utf-8"))
    assert data["entries"][0]["payload"] == {"circles": {"colleagues": [MARKER], "peers": [], "community": [],
                                                          "external": []}}
    assert files[1].read_bytes().startswith(b"%PDF-")
    links = controls.downloads.value
    assert 'download="' + files[0].name in links and "data:application/json;base64," in links
    assert "data:application/pdf;base64," in links


def test_export_refuses_an_empty_folder_or_the_grading_folder(journal):
    controls = checkin.app(journal).controls
    controls.folder.value = "  "
    controls.export_button.click()
    assert "Not exported. Export folder: is empty" in controls.messages.value
    controls.folder.value = str(paths.grading_dir() / "submitted")
    controls.export_button.click()
    assert "grading folder; choose a private folder" in controls.messages.value
    assert not list(paths.grading_dir().rglob("sts-journal-*"))


def test_delete_asks_first_then_removes_everything_and_clears_the_app(journal):
    app = network.app(journal)
    app.circles["external"].value = MARKER
    app.save_button.click()
    journal.save("I4", "checkin", {"score": 50})
    controls = app.controls
    controls.delete_button.click()
    assert controls.confirm_row.layout.display is None
    assert "Delete all 2 entries" in controls.messages.value
    controls.cancel_button.click()
    assert journal.count() == 2 and controls.confirm_row.layout.display == "none"
    controls.delete_button.click()
    controls.confirm_button.click()
    assert journal.count() == 0
    assert "Deleted all 2 entries" in controls.messages.value
    assert app.circles["external"].value == "" and "No map saved yet" in app.figure.summary.value
    assert MARKER.encode() not in journal.path.read_bytes()
