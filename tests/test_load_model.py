"""The F2 teaching model (sts_course.figures.load_model): its behaviour, its figure and its app."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from sts_course.figures import load_model as lm  # noqa: E402
from sts_course.figures.load_model import WeekParams, load_explorer, plot_week, simulate_week  # noqa: E402


def week(**changes):
    base = dict(exposures_per_day=5, intensity="high", recovery_minutes=10, evening_recovery="fair")
    return simulate_week(WeekParams(**{**base, **changes}))


# --- the model -------------------------------------------------------------------------

def test_zero_exposures_means_baseline_all_week_and_no_load():
    for evening in ("poor", "fair", "good"):
        result = week(exposures_per_day=0, recovery_minutes=0, evening_recovery=evening)
        assert np.all(result.carried_over == 0)
        assert np.allclose(result.arousal, lm.BASELINE)
        assert result.hours_above_window == 0
        assert len(result.exposure_hours) == 0


def test_more_recovery_between_sessions_means_less_carried_over_load():
    loads = [week(recovery_minutes=m).carried_over for m in (0, 10, 20, 30, 45)]
    for less, more in zip(loads, loads[1:]):
        assert np.all(more < less)


def test_better_evening_recovery_means_less_carried_over_load():
    poor, fair, good = (week(evening_recovery=q).carried_over for q in ("poor", "fair", "good"))
    assert np.all(good < fair) and np.all(fair < poor)


def test_load_is_monotonic_in_intensity_and_in_exposures():
    low, medium, high = (week(intensity=i) for i in ("low", "medium", "high"))
    assert np.all(low.carried_over < medium.carried_over)
    assert np.all(medium.carried_over < high.carried_over)
    assert low.peak < medium.peak < high.peak
    by_count = [week(exposures_per_day=n, recovery_minutes=0).carried_over[-1] for n in range(9)]
    assert all(a < b for a, b in zip(by_count, by_count[1:]))


def test_unrecovered_load_builds_up_across_the_week():
    heavy = week(recovery_minutes=0, evening_recovery="poor")
    assert np.all(np.diff(heavy.carried_over) > 0)
    assert heavy.carried_over[-1] > 1.4 * heavy.carried_over[0]
    assert heavy.hours_above_window > 0
    assert heavy.friday_headroom_used == pytest.approx(heavy.carried_over[3] / 40)


def test_recovery_is_capped_by_what_fits_in_a_full_day():
    full = week(exposures_per_day=8, recovery_minutes=60)
    assert full.recovery_minutes_used == 10  # 8 x 50-minute sessions leave 10 minutes each
    assert np.array_equal(full.arousal, week(exposures_per_day=8, recovery_minutes=30).arousal)
    assert "Only 10 of the 60 recovery minutes fit" in lm.summary(full)


def test_model_is_deterministic_and_shaped_as_documented():
    a, b = week(), week()
    assert np.array_equal(a.arousal, b.arousal)
    assert len(a.arousal) == len(a.hours) == 5 * 24 * 60 + 1
    assert a.hours[-1] == 5 * 24
    assert len(a.carried_over) == 5
    assert len(a.exposure_hours) == 25
    assert a.arousal.max() < lm.CEILING


@pytest.mark.parametrize("field, value", [
    ("exposures_per_day", -1),
    ("exposures_per_day", 9),
    ("exposures_per_day", 2.5),
    ("exposures_per_day", True),
    ("intensity", "extreme"),
    ("recovery_minutes", -5),
    ("recovery_minutes", 61),
    ("recovery_minutes", float("nan")),
    ("evening_recovery", "excellent"),
])
def test_bad_input_raises_value_error_naming_the_parameter(field, value):
    with pytest.raises(ValueError, match=field):
        WeekParams(**{field: value})


def test_simulate_week_accepts_keywords_but_not_both_forms():
    assert simulate_week(exposures_per_day=2).params.exposures_per_day == 2
    with pytest.raises(TypeError):
        simulate_week(WeekParams(), exposures_per_day=2)


# --- the figure ------------------------------------------------------------------------

def _texts(ax):
    return [t.get_text() for t in ax.texts]


def test_plot_week_draws_labelled_panels_and_window_labels():
    open_before = plt.get_fignums()
    fig = plot_week(WeekParams(5, "high", 0, "poor"))
    top, bottom = fig.axes
    assert top.get_ylabel() == "Arousal (illustrative units)"
    assert top.get_xlabel().startswith("Day and time")
    assert bottom.get_ylabel() == "Carried over\n(points above baseline)"
    assert "next morning" in bottom.get_xlabel()
    assert bottom.get_title().startswith("Carried-over load")
    assert fig.get_suptitle().startswith("5 high-intensity exposures a day")
    labels = " ".join(_texts(top))
    for words in ("hyperarousal", "window of\ntolerance", "hypoarousal", "baseline"):
        assert words in labels
    dashed = [line for line in top.get_lines() if line.get_linestyle() == "--"]
    assert sorted(line.get_ydata()[0] for line in dashed) == [lm.WINDOW_LOW, lm.WINDOW_HIGH]
    # The bars carry their values as text, so colour is never the only signal.
    assert [t.get_text() for t in bottom.texts] == [f"{v:.1f}" for v in simulate_week(
        WeekParams(5, "high", 0, "poor")).carried_over]
    assert plt.get_fignums() == open_before  # nothing left open in pyplot
    assert lm.figure_png(fig).startswith(b"\x89PNG")


# --- the app ---------------------------------------------------------------------------

def test_explorer_rerenders_when_a_control_changes():
    app = load_explorer()
    open_before = plt.get_fignums()
    first_summary = app.summary.value
    first_image = app.output.outputs[0]["data"]["image/png"]
    assert "By Friday" in app.summary_text
    for control in (app.exposures, app.intensity, app.recovery, app.evening):
        assert control.description  # every control is labelled

    app.recovery.value = 0  # one slider moved: the summary and the figure follow
    assert app.summary.value != first_summary
    assert app.result.params.recovery_minutes == 0
    second_summary = app.summary.value

    app.exposures.value = 6
    app.evening.value = "poor"
    app.intensity.value = "high"
    assert app.summary.value != second_summary
    assert "above the window" in app.summary_text
    assert app.output.outputs[0]["data"]["image/png"] != first_image
    assert len(app.output.outputs) == 1  # the old figure is replaced, not stacked

    app.exposures.value = 0
    assert app.summary_text.startswith("With no exposures")
    assert app.result.params.exposures_per_day == 0
    assert plt.get_fignums() == open_before  # redraws leave no figures open
