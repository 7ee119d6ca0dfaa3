"""The toolkit's figures, each returned with its alt text (a `Chart`), so the site and the
apps can always say in words what a figure shows.

Colour is never the only signal: series differ by line style and marker as well as colour,
statuses by hatching and a text label, and suppressed months by a cross with a legend entry.
Figures are made without pyplot, so nothing stays open in pyplot's figure manager.
"""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass
from typing import Mapping, Sequence

from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.patheffects import withStroke

from .self_assessment import DomainScore
from .wellness import Alert, Series, baseline, describe_trend, WellnessConfig
from .workload import TeamLoad

INK, NAVY, RUST, GREY = "#1b2a38", "#1f4e79", "#8a3b12", "#5f6b76"
STYLES = (("-", "o"), ("--", "s"), ("-.", "^"), (":", "D"), ("-", "v"), ("--", "P"), ("-.", "X"))
OUTLINE = [withStroke(linewidth=6, foreground="white")]  # keeps a capacity tick visible on a bar
STATUS_HATCH = {"within capacity": "", "near capacity": "..", "over capacity": "xx"}


@dataclass
class Chart:
    """A figure and the alt text that says what it shows."""

    figure: Figure
    alt: str


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width)) or text


# --- self-assessment ---------------------------------------------------------------------

def radar_chart(scores: Sequence[DomainScore], baseline_scores: Mapping[str, float | None] | None = None,
                title: str = "Domain scores", current_name: str = "This assessment") -> Chart:
    """The domain scores (1-5) on one spoke each; a baseline, if given, as a dashed line with
    square markers. Unscored domains are marked "(not scored)" on their spoke."""
    fig = Figure(figsize=(7.5, 7.0), dpi=100, layout="constrained")
    ax = fig.add_subplot(projection="polar")
    ax.set_theta_offset(math.pi / 2)
    ax.set_theta_direction(-1)
    angles = [2 * math.pi * i / len(scores) for i in range(len(scores))]
    closed = angles + angles[:1]

    def values(getter):
        found = [getter(s) for s in scores]
        return [math.nan if v is None else v for v in found + found[:1]]

    if baseline_scores is not None:
        ax.plot(closed, values(lambda s: baseline_scores.get(s.domain)), color=RUST, lw=1.6, ls="--",
                marker="s", markersize=6, label="Baseline")
    current = values(lambda s: s.score)
    ax.plot(closed, current, color=NAVY, lw=2.2, marker="o", markersize=7, label=current_name)
    if not any(math.isnan(v) for v in current):
        ax.fill(closed, current, color=NAVY, alpha=0.10)
    for angle, score in zip(angles, scores):
        if score.score is not None:
            ax.text(angle, min(score.score + 0.55, 5.3), f"{score.score:.1f}", ha="center", va="center",
                    fontsize=10, fontweight="bold", color=NAVY)
    labels = [_wrap(s.label, 14) + ("" if s.score is not None else f"\n({s.status})") for s in scores]
    ax.set_xticks(angles, labels, fontsize=10, color=INK)
    ax.set_ylim(0, 5)
    ax.set_yticks([1, 2, 3, 4, 5], ["1", "2", "3", "4", "5"], fontsize=8, color=GREY)
    ax.set_rlabel_position(180 / len(scores))
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.06), ncol=2, frameon=False)
    ax.set_title(title, fontsize=13, pad=22, color=INK)

    def listing(getter, missing) -> str:
        return "; ".join(f"{s.label} {getter(s):.1f}" if getter(s) is not None else f"{s.label} {missing(s)}"
                         for s in scores)

    alt = (f"Radar chart of {len(scores)} domain scores on a scale from 1 (not in place) to 5 (fully in place "
           f"and reviewed), one spoke per organizational principle. {current_name} (solid line, round "
           f"markers): {listing(lambda s: s.score, lambda s: s.status)}.")
    if baseline_scores is not None:
        alt += (" Baseline (dashed line, square markers): "
                f"{listing(lambda s: baseline_scores.get(s.domain), lambda s: 'not scored')}.")
    return Chart(fig, alt)


# --- wellness -------------------------------------------------------------------------------

def trend_chart(series: Sequence[Series], config: WellnessConfig, alerts: Sequence[Alert] = (),
                min_group: int | None = None) -> Chart:
    """One small line chart per reporting group (and the all-teams total): the indicator by
    month, the group's baseline as a dotted line, alert runs hatched, and suppressed months
    marked with a cross on the axis."""
    min_group = min_group or config.min_group
    indicator = series[0].indicator
    months = [c.month for c in series[0].cells]
    columns = 2 if len(series) > 1 else 1
    rows = math.ceil(len(series) / columns)
    fig = Figure(figsize=(8.5, 2.3 * rows + 1.2), dpi=100, layout="constrained")
    axes = fig.subplots(rows, columns, sharex=True, sharey=True, squeeze=False).ravel()
    top = max([c.value for s in series for c in s.shown()] + [1e-9])
    if indicator.kind == "mean":
        low, high = 1.0, 5.0
    else:
        low, high = 0.0, top * 1.15
    for n, (ax, one) in enumerate(zip(axes, series)):
        line, marker = STYLES[n % len(STYLES)]
        # Months with no report (a quarterly survey) are bridged; suppressed months break the line.
        reported = [(i, c) for i, c in enumerate(one.cells) if c.status != "no data"]
        ax.plot([i for i, _ in reported], [c.value if c.status == "shown" else math.nan for _, c in reported],
                color=NAVY, ls=line, marker=marker, markersize=4, lw=1.6)
        base = baseline(one, config)
        if base is not None:
            ax.axhline(base, color=GREY, ls=":", lw=1.2)
        hidden = [i for i, c in enumerate(one.cells) if c.status == "suppressed"]
        if hidden:
            ax.plot(hidden, [low + (high - low) * 0.04] * len(hidden), ls="none", marker="x", color=RUST,
                    markersize=7, mew=2)
        for alert in alerts:
            if alert.group == one.group.name and alert.indicator.id == indicator.id:
                ax.axvspan(months.index(alert.start) - 0.5, months.index(alert.end) + 0.5, facecolor="none",
                           edgecolor=RUST, hatch="///", lw=0)
        ax.set_title(_wrap(one.group.name, 48), fontsize=10, color=INK, loc="left")
        ax.set_ylim(low, high)
        ax.spines[["top", "right"]].set_visible(False)
    for ax in axes[len(series):]:
        ax.set_visible(False)
    ticks = [i for i, m in enumerate(months) if m.endswith(("-01", "-07"))]
    for ax in axes[-columns:]:
        ax.set_xticks(ticks, [months[i] for i in ticks], fontsize=8)
    fig.supylabel(f"{_wrap(indicator.unit, 40)}", fontsize=10)
    fig.suptitle(f"{indicator.label}, by month", fontsize=12, color=INK)
    fig.legend(handles=[Line2D([], [], color=NAVY, marker="o", label="Reported value"),
                        Line2D([], [], color=GREY, ls=":", label=f"Baseline (first {config.baseline_months} months)"),
                        Line2D([], [], color=RUST, ls="none", marker="x", mew=2,
                               label=f"Suppressed (fewer than {min_group} people)"),
                        Patch(facecolor="none", edgecolor=RUST, hatch="///", label="Alert: sustained deterioration")],
               loc="outside lower center", ncol=2, frameon=False, fontsize=9)
    text = " ".join(describe_trend(s, min_group) for s in series)
    alert_text = " ".join(a.describe() for a in alerts if a.indicator.id == indicator.id)
    alt = (f"Small line charts of {indicator.label} ({indicator.unit}) by month from {months[0]} to "
           f"{months[-1]}, one chart per group with its baseline as a dotted line. {text}"
           + (f" Alerts, shown as hatched bands: {alert_text}" if alert_text else " No alerts.")
           + f" Crosses on the axis mark suppressed months (fewer than {min_group} people behind the value).")
    return Chart(fig, alt)


# --- workload -------------------------------------------------------------------------------

def workload_chart(team: TeamLoad) -> Chart:
    """Each person's net exposure load (solid bar) and the part eased by protected time
    (light hatched bar) against their capacity (a black tick), with the status written at the
    end of each bar; the team's total against its capacity below."""
    members = team.members
    fig = Figure(figsize=(10, 0.55 * len(members) + 3.0), dpi=100, layout="constrained")
    ax, total_ax = fig.subplots(2, 1, height_ratios=[len(members), 1.6])
    y = list(range(len(members)))[::-1]
    widest = max([m.gross for m in members] + [m.capacity for m in members])
    for row, load in zip(y, members):
        ax.barh(row, load.net, color=NAVY, hatch=STATUS_HATCH[load.status], edgecolor="white", height=0.6)
        ax.barh(row, load.offset, left=load.net, color="#b9cbdc", hatch="//", edgecolor=NAVY, lw=0, height=0.6)
        ax.plot([load.capacity], [row], marker="|", markersize=24, mew=3, color=INK, ls="none",
                path_effects=OUTLINE)
        ax.text(max(load.gross, load.capacity) + widest * 0.02, row,
                f"{load.net:.0f} of {load.capacity:.0f} ({load.load_share:.0%}), {load.status}",
                va="center", fontsize=9, color=INK)
    ax.set_yticks(y, [m.member.label for m in members])
    ax.set_xlim(0, widest * 1.6)
    ax.set_xlabel("Weekly exposure load (illustrative points)")
    ax.set_title("Exposure load per person against capacity", fontsize=12, loc="left", color=INK)
    fig.legend(handles=[Patch(facecolor=NAVY, label="Net load"),
                        Patch(facecolor="#b9cbdc", hatch="//", edgecolor=NAVY, label="Eased by protected time"),
                        Line2D([], [], color=INK, marker="|", markersize=14, mew=3, ls="none", label="Capacity"),
                        Patch(facecolor=NAVY, hatch="..", edgecolor="white", label="Near capacity"),
                        Patch(facecolor=NAVY, hatch="xx", edgecolor="white", label="Over capacity")],
               loc="outside lower center", ncol=5, fontsize=8, frameon=False)
    total_ax.barh(0, team.net, color=NAVY, hatch=STATUS_HATCH[team.status], edgecolor="white", height=0.5)
    total_ax.plot([team.capacity], [0], marker="|", markersize=24, mew=3, color=INK, ls="none",
                  path_effects=OUTLINE)
    total_ax.text(max(team.net, team.capacity) * 1.02, 0,
                  f"{team.net:.0f} of {team.capacity:.0f} ({team.load_share:.0%}), {team.status}",
                  va="center", fontsize=9, color=INK)
    total_ax.set_xlim(0, max(team.net, team.capacity) * 1.6)
    total_ax.set_yticks([0], ["Whole team"])
    total_ax.set_xlabel("Team's weekly exposure load (illustrative points)")
    for axis in (ax, total_ax):
        axis.spines[["top", "right"]].set_visible(False)
    people = "; ".join(f"{m.member.label}: {m.net:.0f} of {m.capacity:.0f} ({m.load_share:.0%}), {m.status}"
                       for m in members)
    alt = (f"Horizontal bar chart of each staff member's weekly exposure load against their capacity. "
           f"{people}. Below it, the whole team: {team.net:.0f} of {team.capacity:.0f} "
           f"({team.load_share:.0%}), {team.status}.")
    return Chart(fig, alt)
