"""Exercise I7: my personal support card, sized to print and keep (also used for its PDF)."""

from __future__ import annotations

import textwrap

from matplotlib.figure import Figure
from matplotlib.patches import FancyBboxPatch

from .continuum import INK, MUTED


def resource_card(heading: str, rows, footer: str) -> Figure:
    """`rows`: (label, text) pairs; empty texts are printed as a line to write on."""
    fig = Figure(figsize=(7, 1.9 + 0.42 * len(rows)), dpi=100)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, 100)
    ax.set_ylim(0, 100)
    ax.axis("off")
    ax.add_patch(FancyBboxPatch((2, 2), 96, 96, boxstyle="round,pad=0,rounding_size=3",
                                facecolor="white", edgecolor=INK, linewidth=1.5))
    ax.text(6, 93, heading, va="top", fontsize=14, fontweight="bold", color=INK)
    step = 70 / max(len(rows), 1)
    for index, (label, text) in enumerate(rows):
        y = 78 - index * step
        ax.text(6, y, textwrap.fill(f"{label}:", 30), va="top", fontsize=9.5, fontweight="bold", color=INK)
        ax.text(48, y, textwrap.fill(text, 38) if text else "_" * 32, va="top", fontsize=9.5,
                color=INK if text else MUTED)
    ax.text(6, 5, textwrap.fill(footer, 95), va="bottom", fontsize=8, color=MUTED)
    return fig
