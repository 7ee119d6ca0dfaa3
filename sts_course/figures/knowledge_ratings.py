"""Exercise I1: how well I know each topic, before and after reading the module.

Before and after are told apart by position (before above after in each pair), by fill
(hatched light bars for before, solid dark bars for after), by the legend and by a value
label on every bar, never by colour alone.
"""

from __future__ import annotations

import textwrap

from matplotlib.figure import Figure
from matplotlib.patches import Patch

from .continuum import INK, MUTED

BEFORE = dict(facecolor="#dbe4ee", edgecolor=INK, hatch="///", linewidth=0.8)
AFTER = dict(facecolor="#22415f", edgecolor=INK, linewidth=0.8)


def knowledge_ratings(labels, before, after, scale: dict[int, str]) -> Figure:
    """Paired horizontal bars, one pair per topic; `before`/`after` hold ratings or None."""
    n = len(labels)
    fig = Figure(figsize=(9, 1.0 + 0.85 * n), dpi=100, layout="constrained")
    ax = fig.add_subplot()
    low, high = min(scale), max(scale)
    for row, (label, b, a) in enumerate(zip(labels, before, after)):
        y = n - 1 - row
        for value, offset, style, name in ((b, 0.2, BEFORE, "Before"), (a, -0.2, AFTER, "After")):
            if value is None:
                ax.text(0.05, y + offset, f"{name}: not rated", va="center", fontsize=9, color=MUTED)
                continue
            ax.barh(y + offset, value, height=0.36, **style)
            ax.text(value + 0.06, y + offset, f"{name}: {value}", va="center", fontsize=9, color=INK)
    ax.set_yticks(range(n), [textwrap.fill(label, 22) for label in reversed(labels)])
    ax.set_xlim(0, high + 1.0)
    ax.set_ylim(-0.7, n - 0.3)
    ax.set_xticks(range(low, high + 1))
    key = [f"{k} = {v}" for k, v in scale.items()]
    half = (len(key) + 1) // 2
    ax.set_xlabel(";  ".join(key[:half]) + "\n" + ";  ".join(key[half:]), fontsize=8.5, color=MUTED)
    ax.set_title("How well I know each topic: before and after the module", fontsize=12, color=INK, loc="left")
    ax.legend(handles=[Patch(**BEFORE, label="Before (hatched)"), Patch(**AFTER, label="After (solid)")],
              loc="lower right", fontsize=9, frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    return fig
