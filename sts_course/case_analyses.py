"""Written case analyses: `exercises/case_analyses/<module>.yml`, graded by hand in nbgrader.

Each file holds a fictional case, the task, a rubric (criteria with points and what earns
full and partial marks) and notes for graders. `assignments.py` turns it into a locked cell
showing the case and rubric, and a manually graded answer cell whose source (the grader
notes) is cleared when the assignment is released.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import paths
from .curriculum import Curriculum, load_curriculum
from .datafile import read_each, read_mapping

MAX_POINTS_PER_CRITERION = 10


@dataclass(frozen=True)
class Criterion:
    name: str
    points: int
    full: str
    partial: str


@dataclass(frozen=True)
class CaseAnalysis:
    module: str
    title: str
    case: str
    task: str
    rubric: tuple[Criterion, ...]
    grader_notes: str
    source: str = ""

    @property
    def points(self) -> int:
        return sum(c.points for c in self.rubric)

    def markdown(self) -> str:
        """The case, the task and the rubric, as the learner sees them above the answer cell."""
        rows = "\n".join(f"| {c.name} | {c.points} | {_cell(c.full)} | {_cell(c.partial)} |" for c in self.rubric)
        return "\n".join([
            f"## Written case analysis: {self.title}",
            "",
            f"*{self.points} points, graded by your trainer against the rubric below.*",
            "", "### The case", "", self.case, "", "### Your task", "", self.task, "",
            "### How your analysis is graded", "",
            "| Criterion | Points | Full marks | Partial marks |", "| --- | --- | --- | --- |", rows,
            "", "No marks are given for a criterion the analysis does not address. Write your "
            "analysis in the cell below. It is about the fictional case: do not write about "
            "yourself, your own reactions or anyone you supervise.",
        ])


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def case_analyses_dir(root: Path | None = None) -> Path:
    return (root or paths.project_root()) / "exercises" / "case_analyses"


def read_case_analysis(path: Path, curriculum: Curriculum) -> CaseAnalysis:
    """Load and validate one case-analysis file; raise DataFileError listing every problem."""
    reader, data = read_mapping(path)
    module = reader.text(data, "module")
    if module and module not in curriculum.module_ids:
        reader.problem(data.line_of("module"), "module", f"unknown module {module!r}")
    elif module and Path(path).stem != module:
        reader.problem(data.line_of("module"), "module", f"module {module} must live in {module}.yml")
    rubric = []
    for number, raw in enumerate(reader.items(data, "rubric"), start=1):
        field = f"rubric[{number}]"
        rubric.append(Criterion(reader.text(raw, "criterion", f"{field}.criterion"),
                                reader.number(raw, "points", f"{field}.points", 1, MAX_POINTS_PER_CRITERION),
                                reader.text(raw, "full", f"{field}.full"),
                                reader.text(raw, "partial", f"{field}.partial")))
    case = CaseAnalysis(module, reader.text(data, "title"), reader.text(data, "case"), reader.text(data, "task"),
                        tuple(rubric), reader.text(data, "grader_notes"), str(path))
    reader.finish()
    return case


def load_case_analysis(module_id: str, root: Path | None = None) -> CaseAnalysis | None:
    """The module's case analysis, or None if it has none."""
    path = case_analyses_dir(root) / f"{module_id}.yml"
    return read_case_analysis(path, load_curriculum(root)) if path.is_file() else None


def load_case_analyses(root: Path | None = None) -> tuple[CaseAnalysis, ...]:
    """Every case analysis, validated; problems from all files are reported together."""
    curriculum = load_curriculum(root)
    return read_each(sorted(case_analyses_dir(root).glob("*.yml")), lambda p: read_case_analysis(p, curriculum))
