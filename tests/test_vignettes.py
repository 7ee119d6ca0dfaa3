"""Branching vignettes: the loader names every problem exactly, and every path of every vignette
is driven through the app's own buttons to its ending."""

from __future__ import annotations

import shutil

import pytest

from conftest import ROOT
from sts_course.curriculum import load_curriculum
from sts_course.datafile import DataFileError
from sts_course.vignette_app import OUTCOME_MARKS, VignetteApp, load_texts
from sts_course.vignettes import load_vignettes, read_vignette, read_vignettes

VALID = """\
id: tiny
title: A tiny vignette
summary: Two choices, three endings.
serves: [O5.1]
start: start
nodes:
  start:
    text: A supervisee seems quieter than usual.
    choices:
      - label: Ask privately
        next: asked
      - label: Wait
        next: end-wait
  asked:
    text: She says she is fine.
    choices:
      - label: Ask once more, gently
        next: end-good
      - label: Move on
        next: end-wait
  end-good:
    outcome: helpful
    text: She opens up.
    commentary: Noticing and asking works.
  end-wait:
    outcome: unhelpful
    text: Nothing changes.
    commentary: Waiting lets strain build.
"""


def write(folder, text: str, name: str = "tiny.yml"):
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def line_of(text: str, fragment: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), start=1) if fragment in line)


def problems_of(path, project) -> list[str]:
    with pytest.raises(DataFileError) as caught:
        read_vignette(path, load_curriculum(project))
    return caught.value.problems


def test_a_valid_vignette_loads_with_its_paths(tmp_path, project):
    story = read_vignette(write(tmp_path, VALID), load_curriculum(project))
    assert story.endings == ("end-good", "end-wait")
    assert sorted(story.paths()) == [(0, 0), (0, 1), (1,)]


@pytest.mark.parametrize("old, new, line, expected", [
    ("        next: end-good", "        next: nowhere", ("        next: nowhere", 0),
     "field 'nodes.asked.choices[1].next': names no node: 'nowhere'"),
    ("start: start", "start: beginning", ("start: beginning", 0), "field 'start': names no node: 'beginning'"),
    ("    commentary: Waiting lets strain build.\n", "", ("    outcome: unhelpful", 0),
     "field 'nodes.end-wait.commentary': required text is missing or empty"),
    ("    outcome: helpful", "    outcome: great", ("    outcome: great", 0),
     "field 'nodes.end-good.outcome': 'great' is not one of helpful, partly helpful, unhelpful"),
    ("serves: [O5.1]", "serves: [O5.9]", ("serves: [O5.9]", 0), "field 'serves': unknown principle item 'O5.9'"),
    ("id: tiny", "id: other", ("id: other", 0), "field 'id': vignette other must live in other.yml"),
    ("      - label: Move on\n        next: end-wait\n", "", ("    choices:", 1),
     "field 'nodes.asked.choices': give 2 to 5 choices"),
    ("    outcome: unhelpful", "    outcome: unhelpful\n    choices: []", ("    outcome: unhelpful", 0),
     "field 'nodes.end-wait': give either 'choices' (a decision) or 'outcome'"),
])
def test_each_problem_names_file_line_and_field(tmp_path, project, old, new, line, expected):
    assert old in VALID
    text = VALID.replace(old, new)
    path = write(tmp_path, text)
    content, occurrence = line
    number = [n for n, row in enumerate(text.splitlines(), start=1) if row == content][occurrence]
    problems = problems_of(path, project)
    assert any(p.startswith(f"{path}:{number}: {expected}") for p in problems), problems


def test_an_unreachable_node_is_named(tmp_path, project):
    text = VALID + "  orphan:\n    outcome: helpful\n    text: Never shown.\n    commentary: Lost.\n"
    path = write(tmp_path, text)
    assert problems_of(path, project) == [
        f"{path}:{line_of(text, 'orphan:')}: field 'nodes.orphan': cannot be reached from the start node"]


def test_a_loop_is_named_because_a_path_would_never_end(tmp_path, project):
    text = VALID.replace("      - label: Move on\n        next: end-wait", "      - label: Start over\n        next: start")
    path = write(tmp_path, text)
    assert problems_of(path, project) == [
        f"{path}:{line_of(text, '  asked:')}: field 'nodes.asked': a path loops back "
        "(start -> asked -> start); every path must reach an ending"]


def test_invalid_yaml_and_problems_in_several_files_are_reported_together(tmp_path, project):
    write(tmp_path, "id: broken\nnodes: [\n", "broken.yml")
    write(tmp_path, VALID.replace("serves: [O5.1]", "serves: []"))
    with pytest.raises(DataFileError) as caught:
        read_vignettes(tmp_path, load_curriculum(project))
    problems = caught.value.problems
    assert any(p.startswith(f"{tmp_path / 'broken.yml'}:3: invalid YAML") for p in problems), problems
    assert f"{tmp_path / 'tiny.yml'}:4: field 'serves': must be a list of at least 1" in problems


def drive_every_path(app: VignetteApp) -> list[tuple[tuple[str, ...], str]]:
    """Press every choice button depth-first, backing out with the Back button."""
    reached = []

    def explore():
        node = app.vignette.node(app.node_id)
        if node.is_ending:
            assert not app.choice_buttons
            assert f"Outcome: {OUTCOME_MARKS[node.outcome]} {node.outcome}" in app.story.value
            assert load_texts()["commentary_heading"] in app.story.value
            for label in app.path_labels():  # the path taken is shown as text
                assert label.replace("'", "&#x27;").replace('"', "&quot;") in app.path.value
            reached.append((tuple(app.path_labels()), node.id))
            return
        count = len(app.choice_buttons)
        assert count == len(node.choices) >= 2
        for number in range(count):
            assert app.choice_buttons[number].description.startswith(f"{number + 1}. ")
            app.choice_buttons[number].click()
            explore()
            depth = len(app.trail)
            app.back_button.click()
            assert len(app.trail) == depth - 1

    explore()
    return reached


@pytest.mark.parametrize("story", load_vignettes(), ids=lambda v: v.id)
def test_every_path_reaches_every_ending_through_the_buttons(story):
    app = VignetteApp(story)
    reached = drive_every_path(app)
    assert {ending for _, ending in reached} == set(story.endings)
    assert len(reached) == len(story.paths())
    assert app.node_id == story.start and app.back_button.disabled and app.restart_button.disabled
    outcomes = {story.node(e).outcome for e in story.endings}
    assert {"helpful", "unhelpful"} <= outcomes, "each vignette shows a helpful and an unhelpful ending"


def test_restart_returns_to_the_start_and_clears_the_path():
    story = load_vignettes()[0]
    app = VignetteApp(story)
    app.choice_buttons[0].click()
    assert not app.restart_button.disabled and story.node(story.start).choices[0].label in app.path.value
    app.restart_button.click()
    assert app.node_id == story.start and not app.trail
    assert load_texts()["no_path"] in app.path.value


def test_vignettes_cover_the_five_supervisor_capabilities_and_leadership_modelling():
    vignettes = load_vignettes()
    served = {item for v in vignettes for item in v.serves}
    assert len(vignettes) >= 6
    assert {"O5.1", "O5.2", "O5.3", "O5.4", "O5.5"} <= served
    assert any(item.startswith("O6.") for item in served)
    supervisor_modules = {m.id for m in load_curriculum().modules if m.kind == "supervisor"}
    assert supervisor_modules <= {item.split(".")[0] for item in served}


def test_check_reports_a_broken_supervisor_data_file(project):
    from sts_course.supervisor_data import data_problems

    for folder in ("vignettes", "case_analyses", "supervision"):
        shutil.copytree(ROOT / "exercises" / folder, project / "exercises" / folder)
    assert data_problems(project) == []
    broken = project / "exercises" / "vignettes" / "after-the-interview.yml"
    text = broken.read_text(encoding="utf-8").replace("next: steadied", "next: calmer")
    broken.write_text(text, encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), start=1) if "next: calmer" in row)
    orphan = next(n for n, row in enumerate(text.splitlines(), start=1) if row == "  steadied:")
    assert data_problems(project) == [
        f"{broken}:{line}: field 'nodes.making-space.choices[1].next': names no node: 'calmer'",
        f"{broken}:{orphan}: field 'nodes.steadied': cannot be reached from the start node"]


def test_a_voila_url_or_the_command_line_names_the_vignette(monkeypatch):
    from sts_course.app_widgets import requested

    monkeypatch.delenv("STS_VIGNETTE", raising=False)
    monkeypatch.setenv("QUERY_STRING", "vignette=who-carries-the-load&x=1")
    assert requested("vignette", "STS_VIGNETTE") == "who-carries-the-load"
    monkeypatch.setenv("QUERY_STRING", "")
    assert requested("vignette", "STS_VIGNETTE") is None
    monkeypatch.setenv("STS_VIGNETTE", "after-the-interview")
    assert requested("vignette", "STS_VIGNETTE") == "after-the-interview"
