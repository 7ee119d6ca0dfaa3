"""Bank -> nbgrader source assignments: `grading/source/<module>/<module>.ipynb`.

Each question becomes three cells: the question (locked markdown), an answer cell (an
nbgrader solution region, replaced by `ClearSolutions.code_stub` on release), and an
autograded check worth one point. The check's visible part only says whether the answer is
readable; the correct letters and the feedback live in a hidden-test region, which
`nbgrader generate_assignment` strips, so a released notebook holds no answer key.
"""

from __future__ import annotations

from pathlib import Path

import nbformat

from . import paths
from .bank import Bank, Question, load_bank
from .case_analyses import CaseAnalysis, load_case_analysis
from .curriculum import Curriculum, load_curriculum

SCHEMA_VERSION = 3


def _nbgrader(grade_id: str, *, grade=False, solution=False, locked=False, points=None) -> dict:
    meta = {"grade": grade, "grade_id": grade_id, "locked": locked,
            "schema_version": SCHEMA_VERSION, "solution": solution, "task": False}
    if points is not None:
        meta["points"] = points
    return {"nbgrader": meta}


def answer_variable(question: Question) -> str:
    return question.id.replace("-", "_")


def question_markdown(question: Question, number: int) -> str:
    lines = [f"### Question {number} ({question.id})", "", question.stem, ""]
    lines += [f"- **{o.key}.** {o.text}" for o in question.options]
    how = ('Type **one** letter, e.g. `"B"`.' if question.type != "multiple"
           else 'Type **every** letter that applies, separated by commas, e.g. `"A, C"`.')
    return "\n".join(lines + ["", f"*{question.hint}* {how}"])


def answer_source(question: Question) -> str:
    letters = ", ".join(sorted(question.correct_keys))
    return (f"### BEGIN SOLUTION\nanswer = \"{letters}\"\n### END SOLUTION\n"
            f"{answer_variable(question)} = answer")


def _set_literal(keys) -> str:
    """A set literal with its members in a stable order, e.g. {'A', 'C'}."""
    return "{" + ", ".join(repr(k) for k in sorted(keys)) + "}"


def check_source(question: Question) -> str:
    """Visible checks that the answer is readable; hidden checks that it is right."""
    keys = sorted(o.key for o in question.options)
    variable = answer_variable(question)
    wrong_feedback = {o.key: o.feedback for o in question.options if not o.correct}
    lines = [
        f"# Checks that your answer to {question.id} is readable. Whether it is right is checked when graded.",
        f"_letters = {{c for c in str({variable}).upper() if c.isalpha()}}",
        'assert _letters, "Type your answer between the quotes, e.g. \\"B\\"."',
        f"assert _letters <= {_set_literal(keys)}, \"Use only the option letters {', '.join(keys)}.\"",
    ]
    if question.type != "multiple":
        lines.append('assert len(_letters) == 1, "Choose exactly one letter."')
    lines += [
        "### BEGIN HIDDEN TESTS",
        f"_feedback = {wrong_feedback!r}",
        f"_expected = {_set_literal(question.correct_keys)}",
        "_why = ' '.join(_feedback[k] for k in sorted(_letters) if k in _feedback)",
        "assert _letters == _expected, ('Not quite. ' + _why).strip()",
        "### END HIDDEN TESTS",
    ]
    return "\n".join(lines)


INTRO = """# {module_id}. {title}: graded knowledge check

This notebook is your organization's graded version of the module's knowledge check
({count} questions, one point each). For each question, type your answer between the quotes
in the answer cell, run the cell below it to check that your answer is readable, then save
and submit.

This notebook is submitted to your organization. **Do not write personal reflections here**:
reflections belong in your private journal, which never leaves your own environment."""


def case_analysis_cells(case: CaseAnalysis) -> list[nbformat.NotebookNode]:
    """The case and rubric (locked), then a manually graded markdown answer whose source, the
    grader notes, `nbgrader generate_assignment` replaces with an empty answer stub."""
    return [
        nbformat.v4.new_markdown_cell(case.markdown(), metadata=_nbgrader(f"{case.module}-case", locked=True)),
        nbformat.v4.new_markdown_cell(f"**Notes for graders** (removed on release): {case.grader_notes}",
                                      metadata=_nbgrader(f"{case.module}-case-analysis", grade=True,
                                                         solution=True, points=case.points)),
    ]


def build_notebook(module_id: str, curriculum: Curriculum, bank: Bank,
                   case: CaseAnalysis | None = None) -> nbformat.NotebookNode:
    module = curriculum.module(module_id)
    questions = bank.for_module(module_id)
    if not questions:
        raise ValueError(f"module {module_id} has no questions in the bank")
    cells = [nbformat.v4.new_markdown_cell(
        INTRO.format(module_id=module.id, title=module.title, count=len(questions)),
        metadata=_nbgrader(f"{module_id}-intro", locked=True))]
    for number, question in enumerate(questions, start=1):
        cells += [
            nbformat.v4.new_markdown_cell(question_markdown(question, number),
                                          metadata=_nbgrader(f"{question.id}-question", locked=True)),
            nbformat.v4.new_code_cell(answer_source(question),
                                      metadata=_nbgrader(f"{question.id}-answer", solution=True)),
            nbformat.v4.new_code_cell(check_source(question),
                                      metadata=_nbgrader(f"{question.id}-check", grade=True,
                                                         locked=True, points=1)),
        ]
    if case:
        cells += case_analysis_cells(case)
    notebook = nbformat.v4.new_notebook(cells=cells)
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    notebook.metadata["language_info"] = {"name": "python"}
    return notebook


def write_assignments(course_dir: Path | None = None, modules=None) -> list[Path]:
    """Write one source assignment per module with questions; returns the notebooks written."""
    curriculum, bank = load_curriculum(), load_bank()
    source = (course_dir or paths.grading_dir()) / "source"
    written = []
    for module_id in modules or [m for m in curriculum.module_ids if bank.for_module(m)]:
        target = source / module_id / f"{module_id}.ipynb"
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(build_notebook(module_id, curriculum, bank, load_case_analysis(module_id)), target)
        written.append(target)
    return written
