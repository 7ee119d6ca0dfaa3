"""The report as titled tables (headers + rows), shared by the text, HTML, xlsx and CSV renderers
and the dashboard, so every format shows the same figures."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .report import CompletionReport, GroupSummary, ModuleResult

LEARNER_COLUMNS = ("student_id", "first_name", "last_name", "team", "role", "track", "module",
                   "status", "timing", "score", "max_score", "percent", "submitted_at", "due")


@dataclass(frozen=True)
class Table:
    key: str
    title: str
    headers: tuple[str, ...]
    rows: list[tuple]


def when(value: datetime | None) -> str:
    """'YYYY-MM-DD HH:MM', or '' for no time."""
    return value.isoformat(" ", "minutes") if value else ""


def number(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:g}"


def group_table(key: str, title: str, label: str, groups: list[GroupSummary]) -> Table:
    headers = (label, "learners", "modules assigned", "passed", "completion %", "learners complete",
               "submitted", "overdue", "late")
    rows = [(g.name, g.learners, g.assigned, g.passed, g.completion_rate, g.learners_complete,
             g.submitted, g.overdue, g.late) for g in groups]
    return Table(key, title, headers, rows)


def principle_table(report: CompletionReport) -> Table:
    rows = [(p.principle, p.title, p.answered, p.correct, p.share_correct) for p in report.principles]
    return Table("principles", "Knowledge checks by principle",
                 ("principle", "title", "answers graded", "correct", "share correct %"), rows)


def learner_row(row: ModuleResult) -> tuple:
    return (row.student_id, row.first_name, row.last_name, row.team, row.role, row.track, row.module,
            row.status.value, row.timing.value, number(row.score), number(row.max_score),
            number(row.percent), when(row.submitted), when(row.due))


def learner_table(report: CompletionReport) -> Table:
    """Long format: one row per learner and module (CSV, xlsx)."""
    return Table("learners", "Learners and modules", LEARNER_COLUMNS,
                 [learner_row(r) for r in report.rows])


def cell_text(row: ModuleResult) -> str:
    """A matrix cell in words (no colour, no symbol needed to read it)."""
    text = row.status.value
    if row.percent is not None:
        text += f" {row.percent:g}%"
    return f"{text}, {row.timing.value}" if row.timing.value else text


def learner_matrix(report: CompletionReport) -> Table:
    """Wide format: one row per learner, one column per module (text and HTML)."""
    modules = [m for m in report.modules if any(r.module == m for r in report.rows)]
    by_learner: dict[str, dict] = {}
    for row in report.rows:
        entry = by_learner.setdefault(row.student_id, {"row": row, "cells": {}})
        entry["cells"][row.module] = cell_text(row)
    rows = [(sid, f"{e['row'].first_name} {e['row'].last_name}", e["row"].team, e["row"].track,
             *(e["cells"].get(m, "") for m in modules)) for sid, e in by_learner.items()]
    return Table("matrix", "Learners by module", ("student_id", "name", "team", "track", *modules), rows)


def summary_tables(report: CompletionReport) -> list[Table]:
    return [group_table("teams", "Completion by team", "team", report.teams),
            group_table("tracks", "Completion by track", "track", report.tracks),
            principle_table(report)]


def heading(report: CompletionReport) -> str:
    scope = "; ".join(f"{k}: {v}" for k, v in report.filters.items())
    return (f"Completion report as of {when(report.as_of)} UTC, pass mark {report.pass_mark:g} %"
            + (f" ({scope})" if scope else ""))
