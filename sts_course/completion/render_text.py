"""Plain-text (terminal) and CSV renderings of the completion report."""

from __future__ import annotations

import csv
import io

from .report import CompletionReport
from .tables import Table, heading, learner_matrix, learner_table, summary_tables


def text_table(table: Table) -> str:
    cells = [tuple(str(h) for h in table.headers)] + [tuple("" if v is None else str(v) for v in r)
                                                      for r in table.rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(table.headers))]
    lines = ["  ".join(value.ljust(width) for value, width in zip(row, widths)).rstrip() for row in cells]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return f"{table.title}\n" + "\n".join(lines)


def render_table(report: CompletionReport) -> str:
    parts = [heading(report)] + [text_table(t) for t in summary_tables(report)]
    parts.append(text_table(learner_matrix(report)))
    return "\n\n".join(parts) + "\n"


def render_csv(report: CompletionReport) -> str:
    """One row per learner and module, with a header line."""
    table = learner_table(report)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(table.headers)
    writer.writerows(table.rows)
    return buffer.getvalue()
