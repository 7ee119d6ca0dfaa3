"""The organizational toolkit: a self-assessment across the seven organizational principles,
a workload planner (O3) and a wellness metrics dashboard (O7).

Modules: `self_assessment`, `workload`, `wellness` (the models), `charts` (figures with alt
text), `exports` (CSV and PDF), `csv_input` (reading CSVs with clear errors), `demo_data`
(the synthetic demo files), and the ipywidgets apps `self_assessment_app`, `workload_app`,
`wellness_app` served by `sts-course toolkit <app>`. Wording, weights and rules are data, in
`exercises/org_toolkit/`.
"""

from __future__ import annotations

from pathlib import Path

from .. import paths


def data_file(name: str, root: Path | None = None) -> Path:
    """A file of `exercises/org_toolkit/`, e.g. `data_file("wellness_demo.csv")`."""
    return (root or paths.project_root()) / "exercises" / "org_toolkit" / name


#: `sts-course toolkit <app>`: each app's notebook in `notebooks/`.
APPS = {
    "self-assessment": "org_self_assessment.ipynb",
    "workload": "workload_planner.ipynb",
    "wellness": "wellness_dashboard.ipynb",
}


def data_problems(root: Path | None = None) -> list[str]:
    """Problems in the toolkit's data files (for `sts-course check`); empty when all are valid."""
    from ..yaml_lines import YamlFileError
    from .self_assessment import ItemBankError, load_item_bank
    from .wellness import WellnessConfigError, load_config
    from .workload import WorkloadConfigError, load_model

    problems = []
    for load in (load_item_bank, load_model, load_config):
        try:
            load(root)
        except (ItemBankError, WorkloadConfigError, WellnessConfigError, YamlFileError) as exc:
            problems += str(exc).splitlines()
    return problems
