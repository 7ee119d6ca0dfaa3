"""Exercise I4: my check-in strain scores over time, against my own early-warning line.

Check-ins at or above the line are drawn as filled triangles and those below as open
circles (the legend says so), and the line is dashed and labelled with its value, so
nothing depends on colour.
"""

from __future__ import annotations

from matplotlib.figure import Figure

from .continuum import INK, MUTED

LINE_COLOUR = "#8a3b12"
MAX_DATE_LABELS = 12


def checkin_trend(dates, scores, line: float) -> Figure:
    """Strain (0-100) per check-in, in order; `dates` label the check-ins."""
    fig = Figure(figsize=(9, 4.2), dpi=100, layout="constrained")
    ax = fig.add_subplot()
    ax.set_ylim(0, 100)
    ax.set_ylabel("Strain score (0 = none, 100 = a great deal)")
    ax.set_title("My check-ins over time", fontsize=12, color=INK, loc="left")
    ax.axhline(line, color=LINE_COLOUR, linestyle=(0, (6, 3)), linewidth=1.8)
    ax.text(1.0, line + 1.5, f"My early-warning line: {line:g}", transform=ax.get_yaxis_transform(),
            ha="right", va="bottom", fontsize=9.5, color=LINE_COLOUR, fontweight="bold")
    positions = list(range(len(scores)))
    if scores:
        ax.plot(positions, scores, color=MUTED, linewidth=1.4, zorder=1)
        high = [(x, s) for x, s in zip(positions, scores) if s >= line]
        low = [(x, s) for x, s in zip(positions, scores) if s < line]
        if low:
            ax.scatter(*zip(*low), marker="o", s=55, facecolor="white", edgecolor=INK, linewidth=1.5,
                       zorder=2, label="Below my line (open circle)")
        if high:
            ax.scatter(*zip(*high), marker="^", s=80, color=INK, zorder=2,
                       label="At or above my line (filled triangle)")
        ax.legend(loc="upper left", fontsize=9, frameon=False)
        step = -(-len(dates) // MAX_DATE_LABELS)  # label every step-th check-in so dates stay legible
        crowded = len(dates) > 6
        ax.set_xticks(positions[::step], list(dates)[::step], rotation=30 if crowded else 0,
                      ha="right" if crowded else "center")
        ax.set_xlim(-0.5, max(len(scores) - 0.5, 2.5))
    else:
        ax.set_xticks([])
        ax.text(0.5, 0.5, "No check-ins yet", transform=ax.transAxes, ha="center", va="center",
                fontsize=12, color=MUTED)
    ax.set_xlabel("Check-in date")
    ax.spines[["top", "right"]].set_visible(False)
    return fig
