"""Exports of a self-assessment: the action plan and the domain scores as CSV, and a PDF
report (scores, strengths and gaps, the radar chart, the prioritized action plan) made with
matplotlib's PdfPages, so no other PDF library is needed."""

from __future__ import annotations

import io
import textwrap
from datetime import date
from typing import Iterable, Sequence

import matplotlib
from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure

from .charts import Chart
from .csv_input import to_csv
from .self_assessment import (ACTION_COLUMNS, SCORE_COLUMNS, Action, DomainChange, DomainScore, ItemBank,
                              prioritized, score_text, strengths_and_gaps)

A4 = (8.27, 11.69)
MARGIN, LINE = 0.07, 0.0165  # in figure fractions


def action_plan_csv(bank: ItemBank, actions: Iterable[Action]) -> str:
    """The prioritized action plan as CSV (columns: priority, principle, action, owner, timeline)."""
    return to_csv(ACTION_COLUMNS, (a.row() for a in prioritized(bank, actions)))


def scores_csv(scores: Iterable[DomainScore]) -> str:
    """Domain scores as CSV; the same file is read back as a re-assessment's baseline."""
    return to_csv(SCORE_COLUMNS, ([s.domain, s.title, "" if s.score is None else f"{s.score:.4f}", s.rated,
                                   s.applicable, s.total, s.status] for s in scores))


class _TextPages:
    """Flows wrapped text and simple tables down A4 pages."""

    def __init__(self, pdf: PdfPages):
        self.pdf, self.figure, self.y = pdf, None, 0.0

    def _page(self):
        self.close()
        self.figure = Figure(figsize=A4)
        self.y = 1 - MARGIN

    def close(self):
        if self.figure is not None:
            self.pdf.savefig(self.figure)
            self.figure = None

    def _room(self, lines: int):
        if self.figure is None or self.y - lines * LINE < MARGIN:
            self._page()

    def text(self, text: str, size: float = 10, bold: bool = False, width: int = 95, gap: float = 0.4):
        lines = textwrap.wrap(text, width) or [""]
        self._room(len(lines))
        for line in lines:
            self.figure.text(MARGIN, self.y, line, fontsize=size, fontweight="bold" if bold else "normal",
                             va="top")
            self.y -= LINE * size / 10
        self.y -= LINE * gap

    def table(self, header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[int]):
        """Columns `widths` characters wide (about); every cell wraps within its column."""
        scale = (1 - 2 * MARGIN) / sum(widths)
        starts = [MARGIN + scale * sum(widths[:n]) for n in range(len(widths))]

        def draw(cells, bold=False):
            wrapped = [textwrap.wrap(str(c), w - 2) or [""] for c, w in zip(cells, widths)]
            height = max(len(w) for w in wrapped)
            self._room(height + 1)
            for x, lines in zip(starts, wrapped):
                for n, line in enumerate(lines):
                    self.figure.text(x, self.y - n * LINE * 0.9, line, fontsize=9, va="top",
                                     fontweight="bold" if bold else "normal")
            self.y -= height * LINE * 0.9 + LINE * 0.5

        draw(header, bold=True)
        for row in rows:
            draw(row)
        self.y -= LINE * 0.5


def assessment_pdf(bank: ItemBank, scores: Sequence[DomainScore], actions: Iterable[Action],
                   charts: Sequence[Chart] = (), about: str = "",
                   changes: Sequence[DomainChange] = ()) -> bytes:
    """A PDF report: scores, strengths and gaps, any comparison with a baseline, the action
    plan, then each chart on its own page with its alt text beneath."""
    buffer = io.BytesIO()
    strengths, gaps = strengths_and_gaps(bank, scores)
    with matplotlib.rc_context({"pdf.fonttype": 42}), \
            PdfPages(buffer, metadata={"Title": bank.title, "Creator": "sts-course org toolkit"}) as pdf:
        pages = _TextPages(pdf)
        pages.text(bank.title, size=15, bold=True, width=70)
        pages.text(f"Report of {date.today().isoformat()}. {about}".strip())
        pages.text("Domain scores", size=12, bold=True)
        pages.table(("Principle", "Score (1-5)", "Items rated"),
                    [(s.label, s.display, f"{s.rated} of {s.applicable} applicable") for s in scores],
                    (46, 18, 26))
        pages.text("Strengths: " + ("; ".join(f"{s.label} ({s.score:.2f})" for s in strengths) or "none yet") + ".")
        pages.text("Gaps: " + ("; ".join(f"{s.label} ({s.score:.2f})" for s in gaps) or "none") + ".")
        if changes:
            pages.text("Compared with the baseline", size=12, bold=True)
            pages.table(("Principle", "Baseline", "Now", "Reading"),
                        [(c.label, score_text(c.baseline), score_text(c.current), c.reading) for c in changes],
                        (40, 14, 14, 22))
        pages.text("Action plan", size=12, bold=True)
        plan = prioritized(bank, actions)
        if plan:
            pages.table(("Priority", "Principle", "Action", "Owner", "Timeline"),
                        [(a.priority, a.principle, a.action, a.owner or "to agree", a.timeline) for a in plan],
                        (10, 9, 46, 14, 15))
        else:
            pages.text("No actions yet.")
        pages.text(bank.guide("results"), size=9)
        pages.close()
        for chart in charts:
            figure = chart.figure
            figure.text(0.02, 0.005, "\n".join(textwrap.wrap("Description: " + chart.alt, 150)), fontsize=7,
                        va="bottom")
            pdf.savefig(figure)
    return buffer.getvalue()
