"""Exercise I5: my zone of tolerance plan.

Three stacked bands: above the zone (hyperarousal) with my signs, the zone itself with
my strategies before, during and after exposure, and below the zone (hypoarousal) with
my signs. Every band is named in text and the outer bands are hatched, so the figure
reads without colour.
"""

from __future__ import annotations

import textwrap

from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from .continuum import INK

OUTER = dict(facecolor="#f3ece4", edgecolor=INK, hatch="/", linewidth=1.0)
PLAIN = dict(facecolor="white", edgecolor="none", pad=2.5)  # keeps text legible over the hatching
ZONE = dict(facecolor="#e8eef4", edgecolor=INK, linewidth=1.4)


def _bullets(items, width: int) -> str:
    return "\n".join("\u2022 " + textwrap.fill(i, width, subsequent_indent="  ") for i in items) or "(none yet)"


def zone_plan(phases, hyper, hypo) -> Figure:
    """`phases`: (label, [strategy texts]) for before, during and after; `hyper`/`hypo`: signs."""
    fig = Figure(figsize=(11, 7), dpi=100, layout="constrained")
    ax = fig.add_subplot()
    ax.set_xlim(0, 100)
    ax.set_ylim(0, 100)
    ax.axis("off")
    ax.set_title("My zone of tolerance plan", fontsize=13, color=INK, loc="left")
    bands = ((74, 24, OUTER, "Above my zone: hyperarousal (too much)", hyper),
             (28, 44, ZONE, "My zone of tolerance: present, able to think and feel", None),
             (2, 24, OUTER, "Below my zone: hypoarousal (too little)", hypo))
    for bottom, height, style, title, signs in bands:
        ax.add_patch(Rectangle((1, bottom), 98, height, **style))
        ax.text(3, bottom + height - 2.5, title, va="top", fontsize=11, fontweight="bold", color=INK,
                bbox=PLAIN if signs is not None else None)
        if signs is not None:
            ax.text(3, bottom + height - 9, "My signs:\n" + _bullets(signs, 90), va="top", fontsize=9.5,
                    color=INK, linespacing=1.35, bbox=PLAIN)
    for index, (label, strategies) in enumerate(phases):
        x = 3 + index * 32.5
        ax.text(x, 63, label, va="top", fontsize=10.5, fontweight="bold", color=INK)
        ax.text(x, 58, _bullets(strategies, 30), va="top", fontsize=9.5, color=INK, linespacing=1.35)
    return fig
