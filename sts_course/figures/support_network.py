"""Exercise I6: my support network map.

"Me" sits at the centre; each circle of support has its own quarter, named in text, and its
own marker shape; every person or group is labelled. Empty circles say so in words.
"""

from __future__ import annotations

import math
import textwrap

from matplotlib.figure import Figure

from .continuum import INK, MUTED

MARKERS = ("o", "s", "^", "D", "P", "X")
FILLS = ("#b9cbdc", "#e8eef4", "#4b6f93", "#f3ece4", "#dbe4ee", "#ffffff")


def support_network(circles) -> Figure:
    """`circles`: (circle label, [people or groups]) pairs, drawn clockwise from the top left."""
    fig = Figure(figsize=(9, 8), dpi=100, layout="constrained")
    ax = fig.add_subplot()
    ax.set_xlim(-1.6, 1.6)
    ax.set_ylim(-1.5, 1.55)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title("My support network", fontsize=13, color=INK, loc="left")
    ax.scatter([0], [0], s=1600, color="#22415f", zorder=3)
    ax.text(0, 0, "Me", ha="center", va="center", color="white", fontsize=12, fontweight="bold", zorder=4)
    sector = 2 * math.pi / max(len(circles), 1)
    for index, (label, members) in enumerate(circles):
        start = math.pi * 0.75 - index * sector
        middle = start - sector / 2
        ax.text(1.42 * math.cos(middle), 1.38 * math.sin(middle), textwrap.fill(label, 18),
                ha="center", va="center", fontsize=10.5, fontweight="bold", color=INK)
        if not members:
            ax.text(0.75 * math.cos(middle), 0.75 * math.sin(middle), "(no one yet)",
                    ha="center", va="center", fontsize=9, color=MUTED, style="italic")
            continue
        for k, name in enumerate(members):
            angle = start - sector * (k + 1) / (len(members) + 1)
            radius = 0.72 if k % 2 == 0 else 1.0
            x, y = radius * math.cos(angle), radius * math.sin(angle)
            ax.plot([0, x], [0, y], color=MUTED, linewidth=1, zorder=1)
            ax.scatter([x], [y], marker=MARKERS[index % len(MARKERS)], s=160, zorder=2,
                       facecolor=FILLS[index % len(FILLS)], edgecolor=INK)
            ax.text(x, y - 0.09, textwrap.fill(name, 16), ha="center", va="top", fontsize=8.5, color=INK, zorder=4)
    return fig
