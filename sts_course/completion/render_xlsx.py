"""The completion report as an Excel workbook: one sheet per table (teams, tracks, principles,
learners and modules)."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from .report import CompletionReport
from .tables import heading, learner_table, summary_tables


def write_xlsx(report: CompletionReport, path: Path) -> Path:
    workbook = Workbook(write_only=True)
    about = workbook.create_sheet("About")
    about.append([heading(report)])
    about.append(["Completion and knowledge-check scores only."])
    for table in [*summary_tables(report), learner_table(report)]:
        sheet = workbook.create_sheet(table.key.capitalize())
        sheet.append(list(table.headers))
        for row in table.rows:
            sheet.append(list(row))
    workbook.save(path)
    return Path(path)
