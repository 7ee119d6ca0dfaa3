"""The answer distribution of one question: a bar chart and its text equivalent.

Each bar is labelled with its option letter, its count and its share in text; the correct
option(s) are also marked in words ("correct") and hatched, so colour is never the only signal.
"""

from __future__ import annotations

import io
import textwrap

from matplotlib.figure import Figure

from ..bank import Question
from ..figures.continuum import INK, MUTED

CORRECT = dict(facecolor="#2e7d4f", edgecolor=INK, hatch="//", linewidth=0.8)
OTHER = dict(facecolor="#b7bec8", edgecolor=INK, linewidth=0.8)


def _share(count: int, total: int) -> str:
    return f"{count} ({round(100 * count / total)}%)" if total else "0"


def distribution_text(question: Question, counts: dict[str, int], answered: int) -> str:
    """The chart in words: one line per option (the app's and the export's alt text)."""
    lines = [f"{question.id}: {answered} answer(s)."]
    for option in question.options:
        mark = " (correct)" if option.correct else ""
        lines.append(f"{option.key}. {option.text}{mark}: {_share(counts.get(option.key, 0), answered)}")
    return "\n".join(lines)


def distribution_figure(question: Question, counts: dict[str, int], answered: int) -> Figure:
    """Horizontal bars, one per option, top to bottom in option order."""
    n = len(question.options)
    fig = Figure(figsize=(9, 1.6 + 0.75 * n), dpi=100, layout="constrained")
    ax = fig.add_subplot()
    peak = max([counts.get(o.key, 0) for o in question.options] + [1])
    for row, option in enumerate(question.options):
        y = n - 1 - row
        count = counts.get(option.key, 0)
        ax.barh(y, count, height=0.6, **(CORRECT if option.correct else OTHER))
        label = _share(count, answered) + ("  \u2713 correct" if option.correct else "")
        ax.text(count + peak * 0.02, y, label, va="center", fontsize=11, color=INK,
                fontweight="bold" if option.correct else "normal")
    ax.set_yticks(range(n), [f"{o.key}. " + textwrap.shorten(o.text, 38, placeholder="\u2026")
                             for o in reversed(question.options)], fontsize=11)
    ax.set_xlim(0, peak * 1.45)
    ax.set_xlabel(f"Number of people who chose each option ({answered} answered)", color=MUTED)
    ax.xaxis.get_major_locator().set_params(integer=True)
    fig.suptitle(textwrap.fill(f"{question.id}. {question.stem}", 95), x=0.01, ha="left",
                 fontsize=11, color=INK)
    ax.spines[["top", "right"]].set_visible(False)
    return fig


def distribution_png(question: Question, counts: dict[str, int], answered: int) -> bytes:
    buffer = io.BytesIO()
    distribution_figure(question, counts, answered).savefig(buffer, format="png")
    return buffer.getvalue()
