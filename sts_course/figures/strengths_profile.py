"""Exercise I3: my profile of strengths and vulnerabilities, and my watch-list.

Left: one bar per area, to the right for a strength and to the left for a vulnerability.
Strengths are solid, vulnerabilities hatched, and every bar is labelled in words, so the
direction never depends on colour. Right: the watch-list as text.
"""

from __future__ import annotations

import textwrap

from matplotlib.figure import Figure

from .continuum import INK, MUTED

STRENGTH = dict(facecolor="#22415f", edgecolor=INK, linewidth=0.8)
VULNERABILITY = dict(facecolor="#e8eef4", edgecolor=INK, hatch="\\\\\\", linewidth=0.8)


def strengths_profile(labels, ratings, scale: dict[int, str], signs=(), situations=()) -> Figure:
    """`ratings` holds -2..2 (vulnerability to strength) or None (prefer not to say)."""
    n = len(labels)
    fig = Figure(figsize=(11, 1.4 + 0.6 * n), dpi=100, layout="constrained")
    bars, notes = fig.subplots(1, 2, width_ratios=(1.5, 1))
    reach = max(abs(k) for k in scale) + 0.5
    for row, (label, value) in enumerate(zip(labels, ratings)):
        y = n - 1 - row
        if value is None:
            bars.text(0, y, "prefer not to say", ha="center", va="center", fontsize=9, color=MUTED)
            continue
        if value == 0:
            bars.plot([0], [y], marker="D", color=INK, markersize=7)
        else:
            bars.barh(y, value, height=0.6, **(STRENGTH if value > 0 else VULNERABILITY))
        side = "strength" if value > 0 else "vulnerability" if value < 0 else "mixed"
        bars.text(value + (0.08 if value >= 0 else -0.08), y, f"{side} ({value:+d})" if value else side,
                  ha="left" if value >= 0 else "right", va="center", fontsize=8.5, color=INK)
    bars.axvline(0, color=INK, linewidth=1)
    bars.set_xlim(-reach - 1.4, reach + 1.4)
    bars.set_ylim(-0.7, n - 0.3)
    bars.set_xticks(sorted(scale))
    bars.set_yticks(range(n), [textwrap.fill(label, 22) for label in reversed(labels)])
    bars.set_xlabel("\u2190 vulnerability (hatched)      strength (solid) \u2192", fontsize=9, color=MUTED)
    bars.set_title("My profile right now", fontsize=12, color=INK, loc="left")
    bars.spines[["top", "right"]].set_visible(False)

    notes.axis("off")
    notes.set_title("My watch-list", fontsize=12, color=INK, loc="left")
    lines = ["Signs to watch for:"] + [f"\u2022 {textwrap.fill(s, 38, subsequent_indent='   ')}" for s in signs or ["(none yet)"]]
    lines += ["", "Situations that may activate me:"]
    lines += [f"\u2022 {textwrap.fill(s, 38, subsequent_indent='   ')}" for s in situations or ["(none yet)"]]
    notes.text(0, 1, "\n".join(lines), va="top", fontsize=9.5, color=INK, linespacing=1.4,
               transform=notes.transAxes)
    return fig
