"""Exercise I2: how strong each of the seven sustaining beliefs feels right now.

Each bar carries its number and label in text; the strongest and most worn beliefs are
named in words beside their bars.
"""

from __future__ import annotations

import textwrap

from matplotlib.figure import Figure

from .continuum import INK, MUTED

BAR = dict(facecolor="#4b6f93", edgecolor=INK, linewidth=0.8)


def beliefs_profile(labels, ratings, scale: dict[int, str]) -> Figure:
    """Horizontal bars, one per belief; `ratings` holds a scale point or None (not rated)."""
    n = len(labels)
    fig = Figure(figsize=(9, 1.0 + 0.55 * n), dpi=100, layout="constrained")
    ax = fig.add_subplot()
    rated = [r for r in ratings if r is not None]
    top, bottom = (max(rated), min(rated)) if rated else (None, None)
    for row, (label, value) in enumerate(zip(labels, ratings)):
        y = n - 1 - row
        if value is None:
            ax.text(0.05, y, "not rated", va="center", fontsize=9, color=MUTED)
            continue
        ax.barh(y, value, height=0.6, **BAR)
        mark = " (strongest)" if value == top and top != bottom else " (most worn)" if value == bottom and top != bottom else ""
        ax.text(value + 0.06, y, f"{value}: {scale[value]}{mark}", va="center", fontsize=9, color=INK)
    ax.set_yticks(range(n), [textwrap.fill(label, 24) for label in reversed(labels)])
    ax.set_xlim(0, max(scale) + 2.2)
    ax.set_ylim(-0.7, n - 0.3)
    ax.set_xticks(list(scale))
    ax.set_xlabel(f"{min(scale)} = {scale[min(scale)].lower()}, {max(scale)} = {scale[max(scale)].lower()}",
                  fontsize=9, color=MUTED)
    ax.set_title("How strong each belief feels right now", fontsize=12, color=INK, loc="left")
    ax.spines[["top", "right"]].set_visible(False)
    return fig
