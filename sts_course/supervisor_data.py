"""Validation of the supervisor track's data files, for `sts-course check`."""

from __future__ import annotations

from pathlib import Path

from .case_analyses import load_case_analyses
from .datafile import DataFileError
from .referral_aid import load_referral_guide
from .supervision_planner import load_planner_texts
from .vignettes import load_vignettes


def data_problems(root: Path | None = None) -> list[str]:
    """Every problem in the vignettes, case analyses, planner and referral-aid files."""
    problems = []
    for load in (load_vignettes, load_case_analyses, load_planner_texts, load_referral_guide):
        try:
            load(root)
        except DataFileError as exc:
            problems += exc.problems
    return problems
