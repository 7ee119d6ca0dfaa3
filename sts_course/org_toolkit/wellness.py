"""The wellness metrics dashboard's model (module O7): indicators by team and month, with
small-cell suppression everywhere and alerts on sustained deterioration.

The indicators, the suppression threshold and the alert rule are data, in
`exercises/org_toolkit/wellness.yml`. Privacy rules, all applied here so no view can skip them:

1. The input is already aggregated: one row per team and month. A second row for the same team
   and month, or a column that would identify a person, is refused.
2. Teams whose headcount is ever below `min_group` are combined into one reporting group; if
   that group is still too small, the smallest other team joins it until it is not.
3. A value resting on fewer than `min_group` people (headcount, or survey respondents) is
   suppressed.
4. The all-teams total of a month is suppressed when the groups suppressed in that month
   together hold fewer than `min_group` people, since the total minus the shown groups would
   reveal them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping, Sequence

from ..yaml_lines import LineDict, load_yaml
from . import data_file
from .csv_input import CsvInputError, CsvRow, read_csv

KEY_COLUMNS = ("team", "month", "headcount")
IDENTIFYING = ("name", "employee", "employee_id", "staff_id", "person", "email")
ALL_TEAMS = "All teams"
POOLED = "Smaller teams combined"


class WellnessConfigError(ValueError):
    """wellness.yml is malformed; the message names the file, line and field."""


def suppressed_text(min_group: int) -> str:
    return f"suppressed (<{min_group})"


@dataclass(frozen=True)
class Indicator:
    id: str
    label: str
    unit: str
    note: str
    worse_when: str            # "higher" or "lower"
    alert_margin: float
    kind: str = "ratio"        # "ratio" or "mean"
    numerator: str = ""        # ratio: summed numerator column
    denominator: str = ""      # ratio: summed denominator column
    scale: float = 1.0
    window: int = 1
    at_most_denominator: bool = False
    mean: str = ""             # mean: column holding a group mean
    people: str = ""           # column counting the people behind a value (suppressed below min)
    optional: bool = False

    @property
    def columns(self) -> tuple[str, ...]:
        names = (self.numerator, self.denominator) if self.kind == "ratio" else (self.mean,)
        return tuple(c for c in (*names, self.people) if c)

    def parts(self, cells: Mapping[str, float]) -> tuple[float, float]:
        """The two additive parts (top, bottom) of this indicator for one team-month."""
        if self.kind == "mean":
            return cells[self.mean] * cells[self.people], cells[self.people]
        return cells[self.numerator], cells[self.denominator]

    def value(self, top: float, bottom: float) -> float:
        return top / bottom * (self.scale if self.kind == "ratio" else 1.0)

    def worse(self, value: float, baseline: float) -> bool:
        if self.worse_when == "higher":
            return value > baseline + self.alert_margin
        return value < baseline - self.alert_margin


@dataclass(frozen=True)
class WellnessConfig:
    min_group: int
    baseline_months: int
    min_baseline_reports: int
    consecutive_reports: int
    indicators: tuple[Indicator, ...]
    guidance: Mapping[str, str] = field(default_factory=dict)

    def indicator(self, indicator_id: str) -> Indicator:
        for indicator in self.indicators:
            if indicator.id == indicator_id:
                return indicator
        raise KeyError(indicator_id)

    def guide(self, key: str, min_group: int | None = None) -> str:
        return self.guidance[key].format(min_group=min_group or self.min_group)


def _positive_int(raw: LineDict, key: str, where: str) -> int:
    value = raw.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise WellnessConfigError(f"{where}:{raw.line_of(key)}: field '{key}' must be a whole number of 1 or more")
    return value


def read_config(path: Path) -> WellnessConfig:
    """Load and validate a wellness configuration file."""
    where = str(path)
    data = load_yaml(path)
    if not isinstance(data, dict) or not isinstance(data.get("alert"), dict) \
            or not isinstance(data.get("indicators"), list):
        raise WellnessConfigError(f"{where}: expected 'suppress_below', 'alert' and 'indicators'")
    alert = data["alert"]
    indicators = []
    for raw in data["indicators"]:
        indicators.append(_indicator(raw, where))
    ids = [i.id for i in indicators]
    if len(set(ids)) != len(ids) or not ids:
        raise WellnessConfigError(f"{where}:{data.line_of('indicators')}: indicator ids must be unique")
    guidance = data.get("guidance") or {}
    return WellnessConfig(_positive_int(data, "suppress_below", where),
                          _positive_int(alert, "baseline_months", where),
                          _positive_int(alert, "min_baseline_reports", where),
                          _positive_int(alert, "consecutive_reports", where),
                          tuple(indicators), {k: " ".join(str(v).split()) for k, v in guidance.items()})


def _indicator(raw, where: str) -> Indicator:
    if not isinstance(raw, dict):
        raise WellnessConfigError(f"{where}: each indicator must be a mapping")
    known = set(Indicator.__dataclass_fields__)
    unknown = set(raw) - known
    if unknown:
        raise WellnessConfigError(f"{where}:{raw.line}: indicator {raw.get('id')!r}: unknown field(s) "
                                  f"{', '.join(sorted(unknown))}")
    for key in ("id", "label", "unit", "note", "worse_when", "alert_margin"):
        if key not in raw:
            raise WellnessConfigError(f"{where}:{raw.line}: indicator {raw.get('id')!r}: missing field '{key}'")
    fields = {k: (" ".join(v.split()) if isinstance(v, str) else v) for k, v in raw.items()}
    indicator = Indicator(**fields)
    problem = None
    if indicator.worse_when not in ("higher", "lower"):
        problem = "worse_when must be 'higher' or 'lower'"
    elif indicator.kind == "ratio" and not (indicator.numerator and indicator.denominator):
        problem = "a ratio needs 'numerator' and 'denominator' columns"
    elif indicator.kind == "mean" and not (indicator.mean and indicator.people):
        problem = "a mean needs 'mean' and 'people' columns"
    elif indicator.kind not in ("ratio", "mean"):
        problem = "kind must be 'ratio' or 'mean'"
    elif not isinstance(indicator.window, int) or indicator.window < 1:
        problem = "window must be a whole number of months, 1 or more"
    if problem:
        raise WellnessConfigError(f"{where}:{raw.line}: indicator {indicator.id}: {problem}")
    return indicator


def load_config(root: Path | None = None) -> WellnessConfig:
    """The course's dashboard configuration (`exercises/org_toolkit/wellness.yml`)."""
    return read_config(data_file("wellness.yml", root))


# --- reading the data -----------------------------------------------------------------------

@dataclass(frozen=True)
class WellnessData:
    """Team totals by month: `cells[(team, month)]` maps column -> number (None when an
    optional survey was not run that month)."""

    source: str
    teams: tuple[str, ...]
    months: tuple[str, ...]
    cells: Mapping[tuple[str, str], Mapping[str, float | None]]
    indicators: tuple[Indicator, ...]  # those the file has columns for


def _months_between(first: str, last: str) -> tuple[str, ...]:
    year, month = map(int, first.split("-"))
    months = []
    while f"{year:04d}-{month:02d}" <= last:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return tuple(months)


def read_wellness(source: Path | str | bytes, config: WellnessConfig, name: str | None = None) -> WellnessData:
    """Read and check a team-by-month CSV; every problem names the file, line and column."""
    name = name or (Path(source).name if not isinstance(source, bytes) else "uploaded file")
    required = list(dict.fromkeys([*KEY_COLUMNS] + [c for i in config.indicators if not i.optional for c in i.columns]))
    optional = [c for i in config.indicators if i.optional for c in i.columns]
    rows = read_csv(source, name, required=required, optional=optional,
                    extra_hint=f"the columns are {', '.join(required + optional)}",
                    refused=IDENTIFYING, refused_hint="they would identify people; the dashboard reads "
                    "team totals only, one row per team and month")
    header = set(rows[0].cells) if rows else set(required)
    indicators = []
    for indicator in config.indicators:
        present = [c for c in indicator.columns if c in header]
        if indicator.optional and present and len(present) < len(indicator.columns):
            missing = [c for c in indicator.columns if c not in header]
            raise CsvInputError(f"{name}:1 (header): column(s) {', '.join(map(repr, present))} need "
                                f"{', '.join(map(repr, missing))} as well ({indicator.label})")
        if len(present) == len(indicator.columns):
            indicators.append(indicator)
    if not rows:
        raise CsvInputError(f"{name}: no data rows after the header")
    cells, first_line = {}, {}
    for row in rows:
        key = (row.text("team"), row.month("month"))
        if not key[0]:
            raise CsvInputError(f"{row.where('team')}: the team name is empty")
        if key in first_line:
            raise CsvInputError(f"{name}:{row.line}: a second row for team {key[0]!r} in {key[1]} (the first is on "
                                f"line {first_line[key]}); the file must hold one aggregated row per team and month")
        first_line[key] = row.line
        cells[key] = _row_cells(row, indicators)
    teams = tuple(dict.fromkeys(team for team, _ in cells))
    months = _months_between(min(m for _, m in cells), max(m for _, m in cells))
    return WellnessData(name, teams, months, cells, tuple(indicators))


def _row_cells(row: CsvRow, indicators: Sequence[Indicator]) -> dict[str, float | None]:
    values: dict[str, float | None] = {"headcount": row.whole_number("headcount")}
    for indicator in indicators:
        if indicator.optional and not any(row.text(c) for c in indicator.columns):
            values.update({c: None for c in indicator.columns})
            continue
        if indicator.kind == "mean":
            values[indicator.people] = row.whole_number(indicator.people)
            nobody = values[indicator.people] == 0 and not row.text(indicator.mean)
            values[indicator.mean] = 0.0 if nobody else row.number(indicator.mean, 1, 5)
            if values[indicator.people] > values["headcount"]:
                raise CsvInputError(f"{row.where(indicator.people)}: {values[indicator.people]} is more than the "
                                    f"headcount ({values['headcount']})")
            continue
        for column in (indicator.numerator, indicator.denominator):
            if column not in values:
                values[column] = row.whole_number(column) if column == "headcount" else row.number(column)
        if indicator.at_most_denominator and values[indicator.numerator] > values[indicator.denominator]:
            raise CsvInputError(f"{row.where(indicator.numerator)}: {values[indicator.numerator]:g} is more than "
                                f"{indicator.denominator} ({values[indicator.denominator]:g})")
    return values


# --- reporting groups, values and suppression ---------------------------------------------

@dataclass(frozen=True)
class Group:
    name: str
    teams: tuple[str, ...]


def _min_headcount(data: WellnessData, teams: Sequence[str]) -> int:
    """The group's smallest combined headcount over the months any of its teams reported."""
    totals = [sum(data.cells.get((t, m), {}).get("headcount", 0) for t in teams) for m in data.months]
    return min((t for t in totals if t > 0), default=0)


def reporting_groups(data: WellnessData, min_group: int) -> list[Group]:
    """The teams as reported: each team at least `min_group` strong in every month stands
    alone; the others are combined (with the smallest standing team added until the
    combined group is large enough)."""
    standing = [t for t in data.teams if _min_headcount(data, [t]) >= min_group]
    pooled = [t for t in data.teams if t not in standing]
    if pooled:
        while standing and _min_headcount(data, pooled) < min_group:
            smallest = min(standing, key=lambda t: _min_headcount(data, [t]))
            standing.remove(smallest)
            pooled.append(smallest)
    groups = [Group(t, (t,)) for t in standing]
    if pooled:
        groups.append(Group(f"{POOLED} ({', '.join(pooled)})" if len(pooled) < len(data.teams) else ALL_TEAMS,
                            tuple(pooled)))
    return groups


@dataclass(frozen=True)
class Cell:
    """One reported value: `status` is "shown", "suppressed" or "no data"."""

    month: str
    status: str
    value: float | None = None
    people: int = 0
    top: float = 0.0
    bottom: float = 0.0

    def display(self, min_group: int, decimals: int = 1) -> str:
        if self.status == "shown":
            return f"{self.value:.{decimals}f}"
        return suppressed_text(min_group) if self.status == "suppressed" else "no data"


@dataclass(frozen=True)
class Series:
    group: Group
    indicator: Indicator
    cells: tuple[Cell, ...]

    def shown(self) -> list[Cell]:
        return [c for c in self.cells if c.status == "shown"]


def _group_cell(data: WellnessData, teams: Sequence[str], indicator: Indicator, month: str,
                min_group: int) -> Cell:
    position = data.months.index(month)
    window = data.months[max(0, position - indicator.window + 1): position + 1]
    if len(window) < indicator.window:
        return Cell(month, "no data")
    top = bottom = 0.0
    smallest_headcount, people = None, 0
    for m in window:
        rows = [data.cells[(t, m)] for t in teams if (t, m) in data.cells]
        if not rows or any(r.get(c) is None for r in rows for c in indicator.columns):
            return Cell(month, "no data")
        headcount = sum(r["headcount"] for r in rows)
        smallest_headcount = headcount if smallest_headcount is None else min(smallest_headcount, headcount)
        if indicator.people:
            people += sum(r[indicator.people] for r in rows)
        for r in rows:
            part_top, part_bottom = indicator.parts(r)
            top, bottom = top + part_top, bottom + part_bottom
    people = people if indicator.people else smallest_headcount
    if smallest_headcount < min_group or people < min_group:
        return Cell(month, "suppressed", people=people, top=top, bottom=bottom)
    if bottom == 0:
        return Cell(month, "no data")
    return Cell(month, "shown", indicator.value(top, bottom), people, top, bottom)


def group_series(data: WellnessData, indicator: Indicator, min_group: int) -> list[Series]:
    """One series per reporting group, then the all-teams total (unless one group is
    already all teams), every cell suppressed where rules 3 and 4 say so."""
    groups = reporting_groups(data, min_group)
    series = [Series(g, indicator, tuple(_group_cell(data, g.teams, indicator, m, min_group)
                                         for m in data.months)) for g in groups]
    if len(groups) > 1:
        series.append(Series(Group(ALL_TEAMS, data.teams), indicator,
                             tuple(_total_cell(series, m, i, min_group, indicator)
                                   for i, m in enumerate(data.months))))
    return series


def _total_cell(series: Sequence[Series], month: str, index: int, min_group: int,
                indicator: Indicator) -> Cell:
    cells = [s.cells[index] for s in series if s.cells[index].status != "no data"]
    if not cells:
        return Cell(month, "no data")
    hidden = sum(c.people for c in cells if c.status == "suppressed")
    people = sum(c.people for c in cells)
    top, bottom = sum(c.top for c in cells), sum(c.bottom for c in cells)
    if 0 < hidden < min_group or people < min_group:
        return Cell(month, "suppressed", people=people, top=top, bottom=bottom)
    if bottom == 0:
        return Cell(month, "no data")
    return Cell(month, "shown", indicator.value(top, bottom), people, top, bottom)


# --- alerts ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Alert:
    group: str
    indicator: Indicator
    baseline: float
    start: str
    end: str
    reports: int
    latest: float
    ongoing: bool

    def describe(self) -> str:
        state = "since" if self.ongoing else "from"
        until = "" if self.ongoing else f" to {self.end}"
        return (f"{self.group}: {self.indicator.label} has been {self.indicator.worse_when} than its "
                f"baseline ({self.baseline:.1f}) by more than {self.indicator.alert_margin:g} in "
                f"{self.reports} reports in a row, {state} {self.start}{until}; latest {self.latest:.1f} "
                f"{self.indicator.unit}.")


def baseline(series: Series, config: WellnessConfig) -> float | None:
    """The mean of the series' reported values in the data's first `baseline_months` months."""
    first = {c.month for c in series.cells[:config.baseline_months]}
    values = [c.value for c in series.shown() if c.month in first]
    return sum(values) / len(values) if len(values) >= config.min_baseline_reports else None


def find_alerts(series: Series, config: WellnessConfig) -> list[Alert]:
    """Runs of at least `consecutive_reports` reports worse than the baseline by more than the
    indicator's margin (the rule is in wellness.yml); suppressed reports break a run."""
    base = baseline(series, config)
    if base is None:
        return []
    reports = [c for c in series.cells if c.status != "no data"]
    alerts, run = [], []
    for position, cell in enumerate(reports + [None]):
        if cell is not None and cell.status == "shown" and series.indicator.worse(cell.value, base):
            run.append(cell)
            continue
        if len(run) >= config.consecutive_reports:
            alerts.append(Alert(series.group.name, series.indicator, base, run[0].month, run[-1].month,
                                len(run), run[-1].value, ongoing=cell is None))
        run = []
    return alerts


def all_alerts(data: WellnessData, config: WellnessConfig, min_group: int | None = None) -> list[Alert]:
    """Every alert for every indicator and group, ongoing ones first."""
    found = [alert for indicator in data.indicators
             for series in group_series(data, indicator, min_group or config.min_group)
             for alert in find_alerts(series, config)]
    return sorted(found, key=lambda a: (not a.ongoing, a.indicator.id, a.group))


def latest_table(series: Sequence[Series], months: int, min_group: int) -> tuple[list[str], list[list[str]]]:
    """The last `months` reported months (months with no report from any group, such as those
    between quarterly surveys, are skipped) as text: (header, rows), every suppressed cell
    written as "suppressed (<k)". This is the text equivalent of the trend chart."""
    reported = [i for i in range(len(series[0].cells)) if any(s.cells[i].status != "no data" for s in series)]
    chosen = reported[-months:]
    header = ["Group", *(series[0].cells[i].month for i in chosen)]
    digits = decimals_for(series[0].indicator)
    rows = [[s.group.name, *(s.cells[i].display(min_group, digits) for i in chosen)] for s in series]
    return header, rows


def decimals_for(indicator: Indicator) -> int:
    return 2 if indicator.kind == "mean" else 1


def describe_trend(series: Series, min_group: int) -> str:
    """One sentence per series: first and last reported value, and how many were suppressed."""
    shown = series.shown()
    hidden = sum(c.status == "suppressed" for c in series.cells)
    note = f"; {hidden} month(s) suppressed (<{min_group})" if hidden else ""
    if not shown:
        return f"{series.group.name}: no value can be shown{note}."
    digits = decimals_for(series.indicator)
    return (f"{series.group.name}: {shown[0].value:.{digits}f} in {shown[0].month}, "
            f"{shown[-1].value:.{digits}f} in {shown[-1].month}{note}.")

