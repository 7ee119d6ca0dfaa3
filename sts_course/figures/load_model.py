"""A week of arousal and recovery: an illustrative teaching model for module F2.

This is a *teaching model*, not a physiological simulation and not a measure of anyone.
Its numbers are on an arbitrary 0-100 "arousal" scale chosen to make one idea visible:
when trauma exposures arrive faster than recovery can bring arousal back to baseline,
the unrecovered part is carried into the next day and builds up over the week. Real
bodies differ from person to person and from day to day, and no real quantity is
computed here. The model only shows activation rising and settling; it does not show the
shift into hypoarousal (numbing, shutting down) that can also follow heavy exposure.

How the model works (all of it deterministic, minute by minute, Monday 09:00 to Saturday
09:00):

- Each day's work runs from 09:00 to 17:00. The day's exposures (sessions or contacts with
  heavy trauma content, 50 minutes each) are spread evenly across it.
- During an exposure, arousal rises by an amount set by the intensity.
- After each exposure, the chosen number of recovery minutes (a break, a walk, a
  supervision check-in, a breathing practice) brings arousal back towards baseline
  quickly. If the day is too full for all of them, only the minutes that fit are used.
- The rest of the working day (notes, calls, admin) lets arousal settle only slowly.
- The evening and night (17:00 to 09:00) settle it at a pace set by the quality of
  evening recovery and sleep.
- Whatever is still above baseline at 09:00 the next morning is that day's *carried-over
  load*: it is the next day's starting point. The model assumes carried-over load settles
  more slowly than fresh activation (SLOW_PACE), which is what lets it build up over a week.
- Rises slow down as arousal nears the top of the scale (CEILING), so it never runs off it.

The constants below set these paces. They were chosen to make the pattern legible, not
fitted to any data.

Use :func:`simulate_week` for the numbers, :func:`plot_week` for the figure, and
:func:`load_explorer` for the interactive version (JupyterLab or Voila).
"""

from __future__ import annotations

import base64
import html
import io
import math
from dataclasses import dataclass, field
from numbers import Integral, Real

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Patch

# The scale and the shape of a day. All in arbitrary units and minutes.
BASELINE = 20.0
WINDOW_LOW, WINDOW_HIGH = 10.0, 60.0
CEILING = 100.0  # the top of the scale: rises slow down as arousal nears it
SLOW_PACE = 0.35  # carried-over load settles at this fraction of the pace of fresh activation
DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri")
DAY_MINUTES = 24 * 60
WORK_MINUTES = 8 * 60  # 09:00 to 17:00
SESSION_MINUTES = 50
MAX_EXPOSURES = 8
MAX_RECOVERY_MINUTES = 60
LOAD_AXIS_MIN = 25.0  # the carried-over panel's scale runs to at least this

INTENSITIES = {"low": 6.0, "medium": 11.0, "high": 16.0}  # rise per exposure
RECOVERY_HALF_LIFE = 25.0  # minutes: a real break brings arousal down quickly
WORK_HALF_LIFE = 180.0  # minutes: ordinary work (notes, admin) lets it settle slowly
EVENING_HALF_LIFE = {"good": 3.5 * 60, "fair": 6.0 * 60, "poor": 12.0 * 60}  # 17:00-09:00


@dataclass(frozen=True)
class WeekParams:
    """The four inputs of the model. Invalid values raise ValueError naming the parameter."""

    exposures_per_day: int = 4
    intensity: str = "medium"
    recovery_minutes: int = 20
    evening_recovery: str = "fair"

    def __post_init__(self):
        n = self.exposures_per_day
        if isinstance(n, bool) or not isinstance(n, Integral):
            raise ValueError(f"exposures_per_day must be a whole number, got {n!r}")
        if not 0 <= n <= MAX_EXPOSURES:
            raise ValueError(f"exposures_per_day must be between 0 and {MAX_EXPOSURES}, got {n}")
        if self.intensity not in INTENSITIES:
            raise ValueError(f"intensity must be one of {', '.join(INTENSITIES)}, got {self.intensity!r}")
        r = self.recovery_minutes
        if isinstance(r, bool) or not isinstance(r, Real) or not float(r).is_integer():
            raise ValueError(f"recovery_minutes must be a whole number of minutes, got {r!r}")
        if not 0 <= r <= MAX_RECOVERY_MINUTES:
            raise ValueError(f"recovery_minutes must be between 0 and {MAX_RECOVERY_MINUTES}, got {r}")
        if self.evening_recovery not in EVENING_HALF_LIFE:
            raise ValueError(f"evening_recovery must be one of {', '.join(EVENING_HALF_LIFE)}, "
                             f"got {self.evening_recovery!r}")


@dataclass(frozen=True)
class WeekResult:
    """What the model computes for one week. Arrays are per minute from Monday 09:00."""

    params: WeekParams
    hours: np.ndarray = field(repr=False)  # hours since Monday 09:00, one value per minute
    arousal: np.ndarray = field(repr=False)  # arousal at each minute (baseline = BASELINE)
    carried_over: np.ndarray  # per day: arousal above baseline at 09:00 the next morning
    exposure_hours: np.ndarray = field(repr=False)  # start of every exposure, hours since Mon 09:00
    recovery_minutes_used: int  # recovery minutes per exposure that fit in the day
    hours_above_window: float  # hours the arousal spent above the window of tolerance
    peak: float

    @property
    def friday_start(self) -> float:
        """How far above baseline Friday began (the load carried over from Thursday)."""
        return float(self.carried_over[3])

    @property
    def friday_headroom_used(self) -> float:
        """The share of the room between baseline and the top of the window that Friday's
        carried-over load had already taken up before the first session."""
        return self.friday_start / (WINDOW_HIGH - BASELINE)


def _decay(half_life: float) -> float:
    """The share of arousal above baseline left after one minute."""
    return 0.5 ** (1.0 / half_life)


def day_schedule(params: WeekParams) -> tuple[np.ndarray, np.ndarray, list[int], int]:
    """One day, minute by minute from 09:00: (rise per minute, decay factor per minute,
    exposure start minutes, recovery minutes per exposure actually scheduled)."""
    rise = np.zeros(DAY_MINUTES)
    keep = np.full(DAY_MINUTES, _decay(EVENING_HALF_LIFE[params.evening_recovery]))
    keep[:WORK_MINUTES] = _decay(WORK_HALF_LIFE)
    n = params.exposures_per_day
    if n == 0:
        return rise, keep, [], 0
    slot = WORK_MINUTES / n
    used = min(int(params.recovery_minutes), math.floor(slot) - SESSION_MINUTES)
    starts = [round(k * slot) for k in range(n)]
    per_minute = INTENSITIES[params.intensity] / SESSION_MINUTES
    for start, following in zip(starts, [*starts[1:], WORK_MINUTES]):
        after = start + SESSION_MINUTES
        rise[start:after] = per_minute
        keep[start:after] = 1.0
        keep[after:min(after + used, following)] = _decay(RECOVERY_HALF_LIFE)
    return rise, keep, starts, used


def _run_day(carried_in: float, rise: np.ndarray, keep: np.ndarray) -> np.ndarray:
    """Arousal above baseline through one day (DAY_MINUTES + 1 values, from 09:00 to 09:00).

    Two parts add up to the arousal: the day's fresh activation, which settles at each
    minute's pace (`keep`), and the load carried in from earlier days, which the model
    assumes settles more slowly (SLOW_PACE), so that it can build up across a week. An
    exposure adds its rise scaled by the headroom left below CEILING, so the scale
    saturates instead of running off the top.
    """
    span = CEILING - BASELINE
    slow_keep = keep ** SLOW_PACE
    fresh, slow = 0.0, carried_in
    level = np.empty(DAY_MINUTES + 1)
    level[0] = carried_in
    for minute in range(DAY_MINUTES):
        total = fresh + slow
        fresh = fresh * keep[minute] + rise[minute] * (span - total) / span
        slow = slow * slow_keep[minute]
        level[minute + 1] = fresh + slow
    return level


def simulate_week(params: WeekParams | None = None, **kwargs) -> WeekResult:
    """Run the teaching model for a five-day week. Pass a WeekParams or its fields."""
    if params is None:
        params = WeekParams(**kwargs)
    elif kwargs:
        raise TypeError("pass either a WeekParams or keyword parameters, not both")
    rise, keep, starts, used = day_schedule(params)
    levels, carried = [], []
    start = 0.0  # Monday begins at baseline
    for _ in DAYS:
        day = _run_day(start, rise, keep)
        levels.append(day[:-1])
        start = float(day[-1])
        carried.append(start)
    arousal = BASELINE + np.concatenate(levels + [np.array([start])])
    return WeekResult(
        params=params,
        hours=np.arange(len(arousal)) / 60.0,
        arousal=arousal,
        carried_over=np.array(carried),
        exposure_hours=np.array([d * 24 + s / 60.0 for d in range(len(DAYS)) for s in starts]),
        recovery_minutes_used=used,
        hours_above_window=float(np.sum(arousal[:-1] > WINDOW_HIGH)) / 60.0,
        peak=float(arousal.max()),
    )


def summary(result: WeekResult) -> str:
    """One plain-language line about the week."""
    p = result.params
    if p.exposures_per_day == 0:
        return "With no exposures, arousal stayed at baseline all week and nothing was carried over."
    line = (f"By Friday, {result.friday_headroom_used:.0%} of the room in the window of tolerance "
            f"was taken up before the first session by load carried over from earlier days")
    hours = result.hours_above_window
    line += (f"; {hours:.1f} hours of the week were above the window." if hours >= 0.05
             else "; arousal stayed within the window all week.")
    if result.recovery_minutes_used < p.recovery_minutes:
        line += (f" Only {result.recovery_minutes_used} of the {p.recovery_minutes:.0f} recovery "
                 f"minutes fit between {p.exposures_per_day} sessions a day.")
    return line


def plot_week(params: WeekParams | None = None, title: str | None = None, **kwargs) -> Figure:
    """The week as a two-panel figure: arousal over time against the window of tolerance
    (dashed lines, labelled), and the load carried into each next morning (labelled bars).

    The Figure is made without pyplot, so nothing is left open in pyplot's figure manager.
    """
    result = simulate_week(params, **kwargs)
    p = result.params
    fig = Figure(figsize=(10, 6.4), dpi=100, layout="constrained")
    top, bottom = fig.subplots(2, 1, height_ratios=[2.3, 1])
    end = len(DAYS) * 24

    for d in range(len(DAYS)):  # working hours, shaded and named in the legend
        top.axvspan(d * 24, d * 24 + WORK_MINUTES / 60, color="0.92", lw=0, zorder=0)
    top.plot(result.hours, result.arousal, color="#1f4e79", lw=1.8, zorder=3, label="Arousal (model)")
    if len(result.exposure_hours):
        top.plot(result.exposure_hours, np.full(len(result.exposure_hours), 3.0), linestyle="none",
                 marker="^", color="#8a3b12", markersize=5, zorder=3, label="Exposure (one session)")
    top.axhline(BASELINE, color="0.35", lw=1, ls=":", zorder=2)
    for level in (WINDOW_LOW, WINDOW_HIGH):
        top.axhline(level, color="0.15", lw=1.2, ls="--", zorder=2)

    ymax = max(100.0, result.peak * 1.08)
    margin = dict(ha="left", fontsize=9.5, clip_on=False,
                  transform=top.get_yaxis_transform())  # x in axes units, y in data units
    top.text(1.01, WINDOW_HIGH + 2, "hyperarousal \u2191", va="bottom", **margin)
    top.text(1.01, (WINDOW_HIGH + WINDOW_LOW) / 2 + 5, "window of\ntolerance", va="center",
             fontweight="bold", **margin)
    top.text(1.01, BASELINE, "baseline", va="center", color="0.3", **margin)
    top.text(1.01, WINDOW_LOW - 2, "hypoarousal \u2193", va="top", **margin)

    top.set_xlim(0, end)
    top.set_ylim(0, ymax)
    ticks = [d * 24 for d in range(len(DAYS) + 1)]
    top.set_xticks(ticks, [f"{day}\n09:00" for day in (*DAYS, "Sat")])
    top.set_xlabel("Day and time (each day runs from 09:00 to 09:00 the next morning)")
    top.set_ylabel("Arousal (illustrative units)")
    handles, _ = top.get_legend_handles_labels()
    handles.append(Patch(facecolor="0.92", edgecolor="0.6", label="Working hours, 09:00\u201317:00"))
    top.legend(handles=handles, loc="lower left", bbox_to_anchor=(0, 1.0), ncol=3, fontsize=9,
               frameon=False, borderaxespad=0.2)
    scenario = (f"{p.exposures_per_day} {p.intensity}-intensity exposures a day, "
                f"{result.recovery_minutes_used} min recovery after each, "
                f"{p.evening_recovery} evening recovery")
    fig.suptitle(f"{title}\n{scenario}" if title else scenario, fontsize=12)

    names = [f"{a}\u2192{b}" for a, b in zip(DAYS, (*DAYS[1:], "Sat"))]
    x = np.arange(len(DAYS))
    bars = bottom.bar(x, result.carried_over, color="#8a3b12", hatch="//", edgecolor="white", width=0.6)
    bottom.bar_label(bars, labels=[f"{v:.1f}" for v in result.carried_over], padding=2, fontsize=9)
    bottom.set_xticks(x, names)
    # A fixed floor for the scale, so figures side by side (or redrawn in the app) compare fairly.
    bottom.set_ylim(0, max(LOAD_AXIS_MIN, float(result.carried_over.max()) * 1.2))
    bottom.set_xlabel("From one day into the next (measured at 09:00 the next morning)")
    bottom.set_ylabel("Carried over\n(points above baseline)")
    bottom.set_title("Carried-over load: arousal not recovered by the next morning", fontsize=10.5)
    for ax in (top, bottom):
        ax.spines[["top", "right"]].set_visible(False)
    fig.get_layout_engine().set(h_pad=0.08)
    return fig


def figure_png(fig: Figure, dpi: int = 100) -> bytes:
    """A figure as PNG bytes."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()


class LoadExplorer(widgets.VBox):
    """An ipywidgets app around the model: four labelled controls, a one-line summary and
    an Output holding the figure, redrawn whenever a control changes. The controls are
    attributes (``exposures``, ``intensity``, ``recovery``, ``evening``) for scripting and tests."""

    def __init__(self, params: WeekParams | None = None):
        params = params or WeekParams()
        style = {"description_width": "16em"}
        wide = widgets.Layout(width="40em")
        self.exposures = widgets.IntSlider(
            value=params.exposures_per_day, min=0, max=MAX_EXPOSURES, step=1,
            description="Exposures per day", continuous_update=False, style=style, layout=wide,
            tooltip="Sessions or contacts with heavy trauma content each workday")
        self.intensity = widgets.Dropdown(
            options=[(k.capitalize(), k) for k in INTENSITIES], value=params.intensity,
            description="Intensity of each exposure", style=style, layout=wide)
        self.recovery = widgets.IntSlider(
            value=int(params.recovery_minutes), min=0, max=MAX_RECOVERY_MINUTES, step=5,
            description="Recovery minutes after each", continuous_update=False, style=style,
            layout=wide, tooltip="A break, walk, breathing practice or supervision check-in")
        self.evening = widgets.Dropdown(
            options=[(k.capitalize(), k) for k in ("poor", "fair", "good")],
            value=params.evening_recovery, description="Evening recovery and sleep",
            style=style, layout=wide)
        self.summary = widgets.HTML()
        self.output = widgets.Output(layout=widgets.Layout(min_height="420px"))
        note = widgets.HTML(
            "<p><strong>An illustrative teaching model</strong>, not a physiological simulation "
            "and not a measure of anyone. Change the controls (the sliders also respond to the "
            "arrow keys) and watch what recovery time does to the load carried into the next day.</p>")
        controls = (self.exposures, self.intensity, self.recovery, self.evening)
        super().__init__([note, *controls, self.summary, self.output])
        self.result: WeekResult | None = None
        for control in controls:
            control.observe(self._changed, names="value")
        self.render()

    @property
    def params(self) -> WeekParams:
        return WeekParams(self.exposures.value, self.intensity.value,
                          self.recovery.value, self.evening.value)

    @property
    def summary_text(self) -> str:
        return summary(self.result)

    def _changed(self, _change=None):
        self.render()

    def render(self):
        """Recompute, redraw the figure into the Output, and update the summary."""
        self.result = simulate_week(self.params)
        fig = plot_week(self.params)
        png = base64.b64encode(figure_png(fig)).decode("ascii")
        fig.clear()  # never registered with pyplot, so nothing stays open; drop its artists now
        text = summary(self.result)
        self.summary.value = (f'<p role="status" aria-live="polite"><strong>'
                              f"{html.escape(text)}</strong></p>")
        self.output.outputs = ({
            "output_type": "display_data",
            "data": {"image/png": png,
                     "text/plain": f"Figure: arousal over the week and the load carried over. {text}"},
            "metadata": {},
        },)


def load_explorer(params: WeekParams | None = None) -> LoadExplorer:
    """The interactive version of the figure, for JupyterLab or Voila:
    ``from sts_course.figures.load_model import load_explorer; load_explorer()``."""
    return LoadExplorer(params)
