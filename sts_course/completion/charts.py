"""Completion charts (matplotlib), each with alt text that states what it shows.

Every bar carries its value as text, so colour is never the only signal; one colour is used.
"""

from __future__ import annotations

import base64
import io

from matplotlib.figure import Figure

from .report import GroupSummary, PrincipleSummary

BAR = "#2f5d8a"
MARK = "#7a1f1f"


def _bars(labels: list[str], values: list[float], texts: list[str], title: str, xlabel: str,
          reference: float | None = None) -> Figure:
    height = max(2.2, 0.42 * len(labels) + 1.3)
    figure = Figure(figsize=(7.5, height), layout="constrained")
    axes = figure.subplots()
    positions = range(len(labels))
    axes.barh(positions, values, color=BAR, edgecolor="black", linewidth=0.6)
    for y, value, text in zip(positions, values, texts):
        axes.text(min(value, 100) + 1, y, text, va="center", fontsize=9)
    if reference is not None:
        axes.axvline(reference, color=MARK, linestyle="--", linewidth=1.2, label=f"pass mark {reference:g} %")
        axes.legend(loc="lower right", fontsize=8, frameon=False)
    axes.set_yticks(list(positions), labels)
    axes.invert_yaxis()
    axes.set_xlim(0, 125)
    axes.set_xticks([0, 20, 40, 60, 80, 100])
    axes.set_xlabel(xlabel)
    axes.set_title(title, loc="left", fontsize=11)
    axes.spines[["top", "right"]].set_visible(False)
    return figure


def completion_chart(groups: list[GroupSummary], what: str) -> Figure:
    """Horizontal bars: the share of assigned modules passed, per team or track."""
    return _bars([g.name for g in groups], [g.completion_rate for g in groups],
                 [f"{g.completion_rate:g} % ({g.passed} of {g.assigned})" for g in groups],
                 f"Modules passed, by {what}", "share of assigned modules passed (%)")


def completion_alt(groups: list[GroupSummary], what: str) -> str:
    parts = "; ".join(f"{g.name} {g.completion_rate:g} % ({g.passed} of {g.assigned} modules)" for g in groups)
    return f"Bar chart of the share of assigned modules passed, by {what}: {parts or 'no learners'}."


def principle_chart(principles: list[PrincipleSummary], pass_mark: float) -> Figure:
    """Horizontal bars: the share of knowledge-check answers correct, per principle."""
    return _bars([p.principle for p in principles], [p.share_correct or 0 for p in principles],
                 [f"{p.share_correct:g} % of {p.answered}" for p in principles],
                 "Knowledge-check answers correct, by principle", "share of answers correct (%)",
                 reference=pass_mark)


def principle_alt(principles: list[PrincipleSummary], pass_mark: float) -> str:
    parts = "; ".join(f"{p.principle} {p.share_correct:g} %" for p in principles)
    return (f"Bar chart of the share of knowledge-check answers correct, by principle, with the "
            f"pass mark of {pass_mark:g} % marked: {parts or 'no graded answers'}.")


def svg_data_uri(figure: Figure) -> str:
    """The figure as an SVG data URI, for a self-contained HTML page."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="svg")
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def png_bytes(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=96)
    return buffer.getvalue()
