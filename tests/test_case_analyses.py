"""Written case analyses through real nbgrader: the rubric is shown to the learner, the grader
notes are not; autograding scores the knowledge check and flags the analysis for manual
grading; a manual grade set through the Gradebook API, as the formgrader does, completes the total."""

from __future__ import annotations

import nbformat
import pytest
from nbgrader.api import Gradebook

from conftest import ROOT, VENV_BIN
from nbgrader_course import answer, fetch, new_course, release, run, submit
from sts_course.bank import load_bank
from sts_course.case_analyses import load_case_analyses, load_case_analysis
from sts_course.curriculum import load_curriculum
from sts_course.datafile import DataFileError

pytestmark = pytest.mark.slow
MODULE = "S1"
ANALYSIS = "Lee could open by naming the extra families and the interpreting, and asking how it has been."


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """S1 generated, released, answered by one learner (all questions right), collected and autograded."""
    base = tmp_path_factory.mktemp("cases")
    course, env = new_course(base)
    release(course, env, [MODULE])
    home = base / "ana"
    notebook_path = fetch(home, env, MODULE)
    answer(notebook_path, {q.id: ", ".join(sorted(q.correct_keys)) for q in load_bank().for_module(MODULE)})
    notebook = nbformat.read(notebook_path, as_version=4)
    cell = next(c for c in notebook.cells if c.metadata["nbgrader"]["grade_id"] == f"{MODULE}-case-analysis")
    cell.source = ANALYSIS
    nbformat.write(notebook, notebook_path)
    submit(home, env, MODULE, "ana")
    run([VENV_BIN / "nbgrader", "collect", MODULE], course, env)
    run([VENV_BIN / "nbgrader", "autograde", MODULE], course, env)
    return course


def test_the_learner_sees_the_case_and_rubric_but_not_the_grader_notes(graded):
    case = load_case_analysis(MODULE)
    released = nbformat.read(graded / "release" / MODULE / f"{MODULE}.ipynb", as_version=4)
    shown = next(c for c in released.cells if c.metadata["nbgrader"]["grade_id"] == f"{MODULE}-case")
    assert shown.metadata["nbgrader"]["locked"] is True
    for criterion in case.rubric:
        assert f"| {criterion.name} | {criterion.points} |" in shown.source
    text = "\n".join(c.source for c in released.cells)
    assert case.grader_notes[:60] not in text and "Notes for graders" not in text
    cell = next(c for c in released.cells if c.metadata["nbgrader"]["grade_id"] == f"{MODULE}-case-analysis")
    assert cell.cell_type == "markdown" and cell.metadata["nbgrader"]["points"] == case.points


def test_autograde_scores_the_questions_and_flags_the_analysis_then_a_manual_grade_completes_it(graded):
    questions = len(load_bank().for_module(MODULE))
    points = load_case_analysis(MODULE).points
    autograded = nbformat.read(graded / "autograded" / "ana" / MODULE / f"{MODULE}.ipynb", as_version=4)
    assert ANALYSIS in "\n".join(c.source for c in autograded.cells)
    with Gradebook(f"sqlite:///{graded / 'gradebook.db'}") as gradebook:
        submission = gradebook.find_submission(MODULE, "ana")
        assert submission.max_score == questions + points
        assert submission.score == questions
        assert submission.needs_manual_grade
        grade = gradebook.find_grade(f"{MODULE}-case-analysis", MODULE, MODULE, "ana")
        assert grade.needs_manual_grade and grade.auto_score is None
        # What the formgrader's grade API does when a trainer enters a score.
        grade.manual_score = points - 1
        grade.needs_manual_grade = False
        gradebook.db.commit()
    with Gradebook(f"sqlite:///{graded / 'gradebook.db'}") as gradebook:
        submission = gradebook.find_submission(MODULE, "ana")
        assert submission.score == questions + points - 1
        assert not submission.needs_manual_grade


def test_every_supervisor_module_has_a_valid_case_analysis():
    cases = {c.module: c for c in load_case_analyses()}
    supervisor_modules = [m.id for m in load_curriculum().modules if m.kind == "supervisor"]
    assert sorted(cases) == sorted(supervisor_modules)
    assert all(len(c.rubric) >= 3 and c.points >= 3 for c in cases.values())


def test_a_broken_rubric_is_named_with_file_line_and_field(project):
    folder = project / "exercises" / "case_analyses"
    folder.mkdir()
    text = (ROOT / "exercises" / "case_analyses" / "S1.yml").read_text(encoding="utf-8")
    text = text.replace("    points: 2\n", "    points: two\n", 1)
    (folder / "S1.yml").write_text(text, encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), start=1) if row == "    points: two")
    with pytest.raises(DataFileError) as caught:
        load_case_analyses(project)
    assert caught.value.problems == [f"{folder / 'S1.yml'}:{line}: field 'rubric[1].points': "
                                     "must be a whole number from 1 to 10"]
