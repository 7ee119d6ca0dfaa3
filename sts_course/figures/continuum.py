"""The STS continuum: from normative stress to functional impairment and PTSD.

Bride et al. (2024) describe secondary traumatic stress as a continuum that begins with
normative stress and extends to functional impairment and PTSD. The source refers to a
figure it does not include; this is the course's own drawing of that idea.

Accessibility: every stage carries a number, a name and a short description, and the
direction of increasing strain (and of recovery) is drawn with labeled arrows, so the
shading is never the only signal.
The shades come from one sequential ramp (light to dark) that also reads in greyscale.
The stages are points on a range, not steps everyone passes through, so there are no arrows
from box to box; the dashed arrow above the band shows that movement back is possible.
"""

from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

#: (name, description) for each stage, left to right.
STAGES: tuple[tuple[str, str], ...] = (
    ("Normative stress",
     "Expected, short-lived\nreactions to hard material;\neases with rest and support"),
    ("Noticeable STS\nreactions (strain)",
     "Reactions linger or recur:\nintrusive thoughts, avoidance,\nedginess, poor sleep"),
    ("Functional\nimpairment",
     "Reactions begin to get in\nthe way of work, relationships\nor physical health"),
    ("PTSD",
     "Persistent symptoms that\nmeet diagnostic criteria;\nneeds professional care"),
)

#: One sequential ramp, light to dark (fill, text colour on it); each pair has a contrast
#: ratio of at least 4.5:1.
SHADES: tuple[tuple[str, str], ...] = (
    ("#e8eef4", "#1b2a38"),
    ("#b9cbdc", "#1b2a38"),
    ("#4b6f93", "#ffffff"),
    ("#22415f", "#ffffff"),
)

INK = "#1b2a38"
MUTED = "#4a5866"


def stress_continuum() -> Figure:
    """Draw the STS continuum as a horizontal band of four labelled stages."""
    fig = Figure(figsize=(11, 4.3), dpi=150, facecolor="white", layout="tight")
    ax = fig.add_subplot()
    ax.set_xlim(0, 100)
    ax.set_ylim(2.5, 46)
    ax.axis("off")

    n = len(STAGES)
    left, right, gap = 1.0, 99.0, 1.6
    width = (right - left - gap * (n - 1)) / n
    band_bottom, band_height = 14.0, 20.0

    ax.text(50, 44.5, "Secondary traumatic stress is a continuum", ha="center", va="top",
            fontsize=15, fontweight="bold", color=INK)

    for index, ((name, description), (fill, text_colour)) in enumerate(zip(STAGES, SHADES)):
        x = left + index * (width + gap)
        centre = x + width / 2
        ax.add_patch(FancyBboxPatch(
            (x, band_bottom), width, band_height,
            boxstyle="round,pad=0,rounding_size=1.2",
            facecolor=fill, edgecolor=INK, linewidth=1.0))
        # A numbered marker: the order reads without colour.
        ax.text(centre, band_bottom + band_height - 2.6, str(index + 1), ha="center",
                va="center", fontsize=11, fontweight="bold", color=INK,
                bbox=dict(boxstyle="circle,pad=0.3", facecolor="white", edgecolor=INK,
                          linewidth=1.0))
        ax.text(centre, band_bottom + band_height - 7.6, name, ha="center", va="center",
                fontsize=12, fontweight="bold", color=text_colour, linespacing=1.1)
        ax.text(centre, band_bottom + 4.2, description, ha="center", va="center",
                fontsize=9.5, color=text_colour, linespacing=1.25)

    # Below the band: the direction in which strain grows.
    ax.add_patch(FancyArrowPatch((left, 9.0), (right, 9.0), arrowstyle="-|>", mutation_scale=20,
                                 color=INK, linewidth=1.8))
    ax.text(left, 6.6, "Lower intensity, shorter duration", ha="left", va="top",
            fontsize=10, color=MUTED)
    ax.text(50, 6.6, "Increasing intensity, duration and impact on functioning", ha="center",
            va="top", fontsize=10.5, fontweight="bold", color=INK)
    ax.text(right, 6.6, "Higher intensity, longer duration", ha="right", va="top",
            fontsize=10, color=MUTED)

    # Above the band: movement back toward the left is possible.
    ax.add_patch(FancyArrowPatch((right - 4, 38.0), (left + 4, 38.0), arrowstyle="-|>",
                                 mutation_scale=16, color=MUTED, linewidth=1.3,
                                 linestyle=(0, (5, 3))))
    ax.text(50, 38.9,
            "Early recognition, support and recovery time help people move back toward the left",
            ha="center", va="bottom", fontsize=10, style="italic", color=MUTED)
    return fig
