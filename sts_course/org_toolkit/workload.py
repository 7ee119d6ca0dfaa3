"""The workload planner (module O3): an explicit, illustrative model of each staff member's
weekly trauma-exposure load from their caseload mix, eased by protected recovery and
processing time, shown against what the team can sustainably carry.

The model and all its numbers are in `exercises/org_toolkit/workload.yml` (the comment at its
top states the arithmetic). It is a planning aid for a conversation about caseload mix, not a
measure of anyone's coping or a research finding.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Mapping, Sequence

from ..yaml_lines import LineDict, load_yaml
from . import data_file
from .csv_input import CsvInputError, read_csv, to_csv

MAX_FTE = 1.0
STATUSES = ("within capacity", "near capacity", "over capacity")


class WorkloadConfigError(ValueError):
    """workload.yml is malformed; the message names the file, line and field."""


@dataclass(frozen=True)
class ExposureLevel:
    id: str
    label: str
    description: str
    weight: float
    hours_per_week: float

    @property
    def column(self) -> str:
        return f"{self.id}_cases"


@dataclass(frozen=True)
class ProtectedTime:
    id: str
    label: str
    serves: str
    offsets_load: float
    minimum_hours_per_fte: float

    @property
    def column(self) -> str:
        return f"{self.id}_hours"


@dataclass(frozen=True)
class WorkloadModel:
    levels: tuple[ExposureLevel, ...]
    protected: tuple[ProtectedTime, ...]
    max_offset_share: float
    load_capacity_per_fte: float
    full_time_hours: float
    near_capacity_share: float
    guidance: Mapping[str, str] = field(default_factory=dict)

    @property
    def columns(self) -> tuple[str, ...]:
        """The columns of a team CSV, in order."""
        return ("staff", "fte", *(l.column for l in self.levels), *(p.column for p in self.protected))

    @property
    def heaviest(self) -> ExposureLevel:
        return max(self.levels, key=lambda level: level.weight)


def _number(raw: LineDict, key: str, where: str, minimum: float = 0.0, maximum: float | None = None) -> float:
    value = raw.get(key) if isinstance(raw, dict) else None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < minimum \
            or (maximum is not None and value > maximum):
        limit = f"from {minimum:g} to {maximum:g}" if maximum is not None else f"of {minimum:g} or more"
        line = raw.line_of(key) if isinstance(raw, LineDict) else "?"
        raise WorkloadConfigError(f"{where}:{line}: field '{key}' must be a number {limit}, found {value!r}")
    return float(value)


def _text(raw: LineDict, key: str, where: str) -> str:
    value = raw.get(key) if isinstance(raw, dict) else None
    if not isinstance(value, str) or not value.strip():
        line = raw.line_of(key) if isinstance(raw, LineDict) else "?"
        raise WorkloadConfigError(f"{where}:{line}: field '{key}' must be non-empty text")
    return " ".join(value.split())


def _entries(data: LineDict, key: str, where: str) -> list[LineDict]:
    entries = data.get(key)
    if not isinstance(entries, list) or not entries or not all(isinstance(e, dict) for e in entries):
        raise WorkloadConfigError(f"{where}:{data.line_of(key)}: field '{key}' must be a non-empty list of mappings")
    ids = [e.get("id") for e in entries]
    if len(set(ids)) != len(ids):
        raise WorkloadConfigError(f"{where}:{data.line_of(key)}: ids in '{key}' must be unique")
    return entries


def read_model(path: Path) -> WorkloadModel:
    """Load and validate a workload model file."""
    where = str(path)
    data = load_yaml(path)
    if not isinstance(data, dict):
        raise WorkloadConfigError(f"{where}: expected a mapping with 'exposure_levels' and 'protected_time'")
    levels = tuple(ExposureLevel(_text(e, "id", where), _text(e, "label", where), _text(e, "description", where),
                                 _number(e, "weight", where, 0), _number(e, "hours_per_week", where, 0))
                   for e in _entries(data, "exposure_levels", where))
    protected = tuple(ProtectedTime(_text(e, "id", where), _text(e, "label", where), _text(e, "serves", where),
                                    _number(e, "offsets_load", where, 0), _number(e, "minimum_hours_per_fte", where, 0))
                      for e in _entries(data, "protected_time", where))
    guidance = data.get("guidance") or {}
    return WorkloadModel(levels, protected,
                         max_offset_share=_number(data, "max_offset_share", where, 0, 1),
                         load_capacity_per_fte=_number(data, "load_capacity_per_fte", where, 1),
                         full_time_hours=_number(data, "full_time_hours", where, 1),
                         near_capacity_share=_number(data, "near_capacity_share", where, 0, 1),
                         guidance={k: _text(guidance, k, where) for k in guidance})


def load_model(root: Path | None = None) -> WorkloadModel:
    """The course's workload model (`exercises/org_toolkit/workload.yml`)."""
    return read_model(data_file("workload.yml", root))


# --- staff and their load -------------------------------------------------------------------

@dataclass(frozen=True)
class StaffMember:
    """One person's week: a role label (not a name), FTE, cases by exposure level and
    protected hours by kind."""

    label: str
    fte: float
    cases: Mapping[str, int]
    hours: Mapping[str, float]


def staff_member(model: WorkloadModel, label: str, fte: float, cases: Mapping[str, int],
                 hours: Mapping[str, float]) -> StaffMember:
    """A validated StaffMember; a ValueError names the person and the field."""
    who = f"staff member {label!r}" if label else "a staff member"
    if not str(label).strip():
        raise ValueError("every staff member needs a label, e.g. 'Therapist A'")
    if not 0 < fte <= MAX_FTE:
        raise ValueError(f"{who}: FTE must be more than 0 and at most {MAX_FTE:g}, got {fte!r}")
    unknown = set(cases) - {l.id for l in model.levels} | set(hours) - {p.id for p in model.protected}
    if unknown:
        raise ValueError(f"{who}: unknown field(s) {', '.join(sorted(unknown))}")
    for level in model.levels:
        count = cases.get(level.id, 0)
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise ValueError(f"{who}: {level.column} must be a whole number of 0 or more, got {count!r}")
    for kind in model.protected:
        value = hours.get(kind.id, 0)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            raise ValueError(f"{who}: {kind.column} must be a number of 0 or more, got {value!r}")
    return StaffMember(str(label).strip(), float(fte),
                       {l.id: int(cases.get(l.id, 0)) for l in model.levels},
                       {p.id: float(hours.get(p.id, 0)) for p in model.protected})


@dataclass(frozen=True)
class StaffLoad:
    member: StaffMember
    gross: float
    offset: float
    net: float
    capacity: float
    case_hours: float
    protected_hours: float
    contracted_hours: float
    shortfalls: tuple[str, ...]  # protected-time kinds below their minimum
    status: str

    @property
    def load_share(self) -> float:
        return self.net / self.capacity

    @property
    def time_share(self) -> float:
        return (self.case_hours + self.protected_hours) / self.contracted_hours


def _status(model: WorkloadModel, share: float) -> str:
    if share > 1:
        return "over capacity"
    return "near capacity" if share >= model.near_capacity_share else "within capacity"


def staff_load(model: WorkloadModel, member: StaffMember) -> StaffLoad:
    """One person's weekly load under the model (the arithmetic is in workload.yml)."""
    gross = sum(member.cases[l.id] * l.weight for l in model.levels)
    relief = sum(member.hours[p.id] * p.offsets_load for p in model.protected)
    offset = min(relief, model.max_offset_share * gross)
    capacity = model.load_capacity_per_fte * member.fte
    case_hours = sum(member.cases[l.id] * l.hours_per_week for l in model.levels)
    protected_hours = sum(member.hours.values())
    contracted = model.full_time_hours * member.fte
    shortfalls = tuple(p.label for p in model.protected
                       if member.hours[p.id] < p.minimum_hours_per_fte * member.fte - 1e-9)
    net = gross - offset
    share = max(net / capacity, (case_hours + protected_hours) / contracted)
    return StaffLoad(member, gross, offset, net, capacity, case_hours, protected_hours, contracted,
                     shortfalls, _status(model, share))


@dataclass(frozen=True)
class TeamLoad:
    model: WorkloadModel
    members: tuple[StaffLoad, ...]

    @property
    def net(self) -> float:
        return sum(m.net for m in self.members)

    @property
    def capacity(self) -> float:
        return sum(m.capacity for m in self.members)

    @property
    def load_share(self) -> float:
        return self.net / self.capacity

    @property
    def status(self) -> str:
        return _status(self.model, self.load_share)

    @property
    def headroom_cases(self) -> int:
        """About how many more cases of the heaviest level the team could take on before its
        total load reaches its capacity (negative: how many it is over by), ignoring offsets."""
        spare = (self.capacity - self.net) / self.model.heaviest.weight
        return math.floor(spare) if spare >= 0 else -math.ceil(-spare)

    def count(self, status: str) -> int:
        return sum(m.status == status for m in self.members)


def team_load(model: WorkloadModel, members: Sequence[StaffMember]) -> TeamLoad:
    if not members:
        raise ValueError("a team needs at least one staff member")
    labels = [m.label for m in members]
    repeated = sorted({label for label in labels if labels.count(label) > 1})
    if repeated:
        raise ValueError(f"staff labels must be unique; repeated: {', '.join(repeated)}")
    return TeamLoad(model, tuple(staff_load(model, m) for m in members))


def summary(team: TeamLoad) -> str:
    """The team's position in plain words (the text equivalent of the chart's last bar)."""
    heavy = team.model.heaviest.label.lower()
    room = (f"room for about {team.headroom_cases} more {heavy}" if team.headroom_cases >= 0
            else f"over by about {-team.headroom_cases} {heavy}")
    return (f"Team load {team.net:.0f} of a capacity of {team.capacity:.0f} ({team.load_share:.0%}, "
            f"{team.status}); {room}. {team.count('over capacity')} of {len(team.members)} staff over "
            f"capacity, {team.count('near capacity')} near it.")


# --- team CSV ---------------------------------------------------------------------------------

def read_team(source: Path | str | bytes, model: WorkloadModel, name: str | None = None) -> list[StaffMember]:
    """A team from a CSV with the columns of `model.columns` (one row per staff member)."""
    rows = read_csv(source, name, required=model.columns)
    if not rows:
        raise CsvInputError(f"{name or Path(source).name}: no staff rows after the header")
    members, seen = [], {}
    for row in rows:
        label = row.text("staff")
        if not label:
            raise CsvInputError(f"{row.where('staff')}: give a role label, e.g. 'Therapist A'")
        if label in seen:
            raise CsvInputError(f"{row.where('staff')}: {label!r} already appears on line {seen[label]}")
        seen[label] = row.line
        fte = row.number("fte", 0.0, MAX_FTE)
        if fte == 0:
            raise CsvInputError(f"{row.where('fte')}: FTE must be more than 0")
        members.append(staff_member(model, label, fte,
                                    {l.id: row.whole_number(l.column) for l in model.levels},
                                    {p.id: row.number(p.column) for p in model.protected}))
    return members


def team_csv(model: WorkloadModel, members: Iterable[StaffMember]) -> str:
    """The team as CSV (the format `read_team` reads), to save the plan being edited."""
    return to_csv(model.columns, ([m.label, f"{m.fte:g}", *(m.cases[l.id] for l in model.levels),
                                   *(f"{m.hours[p.id]:g}" for p in model.protected)] for m in members))
