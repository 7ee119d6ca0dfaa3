"""`sts-course certificates`: a PDF completion certificate for each learner who passed every
module of their track, listing each module with its score and submission date, so that an
accreditor can check it against the gradebook. Drawn with matplotlib (no extra dependency).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from pathlib import Path

import matplotlib
from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure

from .plan import CoursePlan
from .report import CompletionReport, ModuleResult
from .tables import when

A4_LANDSCAPE = (11.69, 8.27)


def certificate_id(rows: list[ModuleResult]) -> str:
    """A short fingerprint of what is certified (learner, track, modules, scores, dates)."""
    text = "|".join(f"{r.student_id}:{r.track}:{r.module}:{r.score}:{when(r.submitted)}" for r in rows)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def completed_tracks(report: CompletionReport) -> dict[str, list[ModuleResult]]:
    """student id -> their module rows, for learners who passed every module of their track."""
    rows: dict[str, list[ModuleResult]] = defaultdict(list)
    for row in report.rows:
        rows[row.student_id].append(row)
    return {student: mine for student, mine in rows.items() if mine and all(r.passed for r in mine)}


def draw_certificate(rows: list[ModuleResult], plan: CoursePlan, wording: dict[str, str],
                     pass_mark: float, issued: str) -> Figure:
    first = rows[0]
    figure = Figure(figsize=A4_LANDSCAPE)
    figure.patches.append(matplotlib.patches.Rectangle((0.03, 0.04), 0.94, 0.92, fill=False, linewidth=2,
                                                       edgecolor="#22415f", transform=figure.transFigure))
    text = figure.text
    text(0.5, 0.88, wording.get("title", "Certificate of completion"), ha="center", fontsize=26, weight="bold")
    text(0.5, 0.81, wording.get("course", ""), ha="center", fontsize=13, style="italic")
    text(0.5, 0.72, f"{first.first_name} {first.last_name}", ha="center", fontsize=22)
    text(0.5, 0.67, f"(learner id {first.student_id}) {wording.get('statement', '')}", ha="center", fontsize=11)
    text(0.5, 0.61, f"Track: {plan.track_titles.get(first.track, first.track)}", ha="center",
         fontsize=14, weight="bold")
    top, step = 0.54, min(0.036, 0.36 / max(1, len(rows)))
    text(0.12, top, "Module", fontsize=10, weight="bold")
    text(0.70, top, "Score", fontsize=10, weight="bold")
    text(0.80, top, "Submitted (UTC)", fontsize=10, weight="bold")
    for number, row in enumerate(rows, start=1):
        y = top - number * step
        text(0.12, y, f"{row.module}  {plan.modules.get(row.module, '')}", fontsize=9)
        text(0.70, y, f"{row.percent:g} %", fontsize=9)
        text(0.80, y, when(row.submitted), fontsize=9)
    completed = max((r.submitted for r in rows if r.submitted), default=None)
    text(0.5, 0.11, f"Completed {when(completed)[:10]}; pass mark {pass_mark:g} %. Issued {issued} by "
         f"{wording.get('issuer', '')}.", ha="center", fontsize=10)
    text(0.5, 0.075, f"Certificate id {certificate_id(rows)}", ha="center", fontsize=9, family="monospace")
    return figure


def write_certificates(report: CompletionReport, plan: CoursePlan, wording: dict[str, str],
                       folder: Path) -> list[Path]:
    """One PDF per learner who completed their track; returns the files written."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    issued = when(report.as_of)[:10]
    written = []
    with matplotlib.rc_context({"pdf.fonttype": 42}):  # real text in the PDF: searchable, copyable
        for student, rows in sorted(completed_tracks(report).items()):
            path = folder / f"{student}-{rows[0].track}.pdf"
            with PdfPages(path, metadata={"Title": f"{wording.get('title', 'Certificate')}: {student}",
                                          "Subject": f"track {rows[0].track}"}) as pdf:
                pdf.savefig(draw_certificate(rows, plan, wording, report.pass_mark, issued))
            written.append(path)
    return written
