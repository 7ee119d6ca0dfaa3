"""The organizational self-assessment: the item bank, scoring, anonymous aggregation,
strengths and gaps, the action plan and the comparison of a re-assessment with its baseline.

Wording, the rating scale and every threshold live in `exercises/org_toolkit/self_assessment.yml`.

Scoring, in one place:
- A rating is 1-5; `None` means "not applicable here"; an item missing from the ratings was
  not answered.
- A domain (one organizational principle) is scored as the mean of its rated items, when at
  least `min_rated_items` and at least `min_rated_share` of its applicable (not N/A) items are
  rated; otherwise it is "too few rated". A domain whose items are all N/A is "not applicable".
- Anonymous responses are combined item by item: an item's rating is the mean of the
  responses that rated it, used only when at least `min_group` people rated it. Fewer than
  `min_group` responses in all and nothing is shown.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping, Sequence

from ..curriculum import Curriculum, load_curriculum
from ..yaml_lines import LineDict, YamlFileError, load_yaml
from . import data_file
from .csv_input import CsvInputError, read_csv

MIN_GROUP = 5
PRIORITIES = ("high", "medium", "low")
NA_MARKS = ("na", "n/a")
SCORE_COLUMNS = ("domain", "title", "score", "rated_items", "applicable_items", "total_items", "status")
ACTION_COLUMNS = ("priority", "principle", "action", "owner", "timeline")

Ratings = Mapping[str, "int | float | None"]


class ItemBankError(ValueError):
    """The self-assessment file is invalid. `problems` lists every message; str() joins them."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(frozen=True)
class Item:
    id: str
    domain: str
    text: str
    serves: tuple[str, ...]


@dataclass(frozen=True)
class SuggestedAction:
    action: str
    timeline: str


@dataclass(frozen=True)
class Domain:
    id: str
    title: str
    short_title: str
    items: tuple[Item, ...]
    suggested_actions: tuple[SuggestedAction, ...]

    @property
    def label(self) -> str:
        return f"{self.id} {self.short_title}"


@dataclass(frozen=True)
class ScoringRules:
    min_rated_items: int
    min_rated_share: float
    strength_at_least: float
    gap_below: float
    high_priority_below: float
    medium_priority_below: float
    meaningful_change: float

    def needed(self, applicable: int) -> int:
        """How many rated items a domain with `applicable` items needs to be scored."""
        return max(self.min_rated_items, math.ceil(self.min_rated_share * applicable))

    def priority(self, score: float) -> str | None:
        if score < self.high_priority_below:
            return "high"
        if score < self.medium_priority_below:
            return "medium"
        return None


@dataclass(frozen=True)
class ItemBank:
    title: str
    scale: tuple[tuple[int, str], ...]
    not_applicable: str
    not_answered: str
    guidance: Mapping[str, str]
    rules: ScoringRules
    domains: tuple[Domain, ...]

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(item for domain in self.domains for item in domain.items)

    def domain(self, domain_id: str) -> Domain:
        for domain in self.domains:
            if domain.id == domain_id:
                return domain
        raise KeyError(domain_id)

    def guide(self, key: str, min_group: int = MIN_GROUP) -> str:
        return self.guidance[key].format(min_group=min_group)


# --- loading and validation ------------------------------------------------------------

GUIDANCE_KEYS = ("intro", "consensus", "anonymous", "not_applicable", "results", "unscored_action")
RULE_KEYS = {"min_rated_items": int, "min_rated_share": float, "strength_at_least": float,
             "gap_below": float, "high_priority_below": float, "medium_priority_below": float,
             "meaningful_change": float}


class _Reader:
    """Validates the self-assessment file, collecting every problem before failing."""

    def __init__(self, path: Path, curriculum: Curriculum):
        self.path, self.curriculum = path, curriculum
        self.problems: list[str] = []

    def problem(self, line: int, message: str) -> None:
        self.problems.append(f"{self.path}:{line}: {message}")

    def text(self, raw, key: str, what: str) -> str:
        value = raw.get(key) if isinstance(raw, dict) else None
        if not isinstance(value, str) or not value.strip():
            self.problem(getattr(raw, "line_of", lambda _k: 1)(key), f"{what}: field '{key}' must be non-empty text")
            return ""
        return " ".join(value.split())

    def read(self) -> ItemBank | None:
        try:
            data = load_yaml(self.path)
        except YamlFileError as exc:
            self.problems.append(str(exc))
            return None
        if not isinstance(data, dict):
            self.problem(1, "expected a mapping with 'scale', 'scoring', 'guidance' and 'domains'")
            return None
        scale = self.scale(data)
        rules = self.rules(data)
        guidance = data.get("guidance")
        if not isinstance(guidance, dict):
            self.problem(data.line_of("guidance"), "field 'guidance' must be a mapping")
            guidance = LineDict()
        texts = {key: self.text(guidance, key, "guidance") for key in GUIDANCE_KEYS}
        domains = self.domains(data)
        bank = ItemBank(self.text(data, "title", "file"), scale,
                        self.text(data, "not_applicable", "file"), self.text(data, "not_answered", "file"),
                        texts, rules, domains)
        return None if self.problems else bank

    def scale(self, data: LineDict) -> tuple[tuple[int, str], ...]:
        raw = data.get("scale")
        entries = [(e.get("value"), e.get("label")) for e in raw if isinstance(e, dict)] if isinstance(raw, list) else []
        if [value for value, _ in entries] != [1, 2, 3, 4, 5] or not all(isinstance(l, str) and l for _, l in entries):
            self.problem(data.line_of("scale"), "field 'scale' must list values 1 to 5 in order, each with a label")
        return tuple(entries)

    def rules(self, data: LineDict) -> ScoringRules | None:
        raw = data.get("scoring")
        if not isinstance(raw, dict):
            self.problem(data.line_of("scoring"), "field 'scoring' must be a mapping")
            return None
        values = {}
        for key, kind in RULE_KEYS.items():
            value = raw.get(key)
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0 \
                    or (kind is int and not isinstance(value, int)):
                self.problem(raw.line_of(key), f"scoring: field '{key}' must be a {kind.__name__} of 0 or more")
                value = 0
            values[key] = kind(value)
        if not values["min_rated_share"] <= 1:
            self.problem(raw.line_of("min_rated_share"), "scoring: 'min_rated_share' must be at most 1")
        if not values["high_priority_below"] <= values["medium_priority_below"]:
            self.problem(raw.line_of("high_priority_below"),
                         "scoring: 'high_priority_below' must not exceed 'medium_priority_below'")
        return ScoringRules(**values)

    def domains(self, data: LineDict) -> tuple[Domain, ...]:
        raw_domains = data.get("domains")
        expected = [m.id for m in self.curriculum.modules if m.kind == "organizational"]
        if not isinstance(raw_domains, list):
            self.problem(data.line_of("domains"), "field 'domains' must be a list")
            return ()
        found = [raw.get("id") for raw in raw_domains if isinstance(raw, dict)]
        if found != expected:
            self.problem(data.line_of("domains"),
                         f"domains must be the organizational principles in order, {', '.join(expected)}; "
                         f"found {', '.join(map(str, found))}")
        domains, seen = [], set()
        for raw in raw_domains:
            if isinstance(raw, dict) and raw.get("id") in expected:
                domains.append(self.domain(raw, seen))
        return tuple(domains)

    def domain(self, raw: LineDict, seen: set[str]) -> Domain:
        module = self.curriculum.module(raw["id"])
        items = []
        raw_items = raw.get("items")
        if not isinstance(raw_items, list) or len(raw_items) < 3:
            self.problem(raw.line_of("items"), f"domain {module.id}: give at least 3 items")
            raw_items = raw_items if isinstance(raw_items, list) else []
        for entry in raw_items:
            item = self.item(entry, module.id, seen) if isinstance(entry, dict) else None
            if item:
                items.append(item)
        served = {s for item in items for s in item.serves}
        unserved = [i.id for i in module.items if i.id not in served]
        if unserved:
            self.problem(raw.line_of("items"), f"domain {module.id}: no item serves {', '.join(unserved)}")
        actions = []
        for entry in raw.get("suggested_actions") or []:
            if isinstance(entry, dict):
                actions.append(SuggestedAction(self.text(entry, "action", f"domain {module.id}"),
                                               self.text(entry, "timeline", f"domain {module.id}")))
        if not actions:
            self.problem(raw.line_of("suggested_actions"), f"domain {module.id}: give at least one suggested action")
        return Domain(module.id, module.title, self.text(raw, "short_title", f"domain {module.id}"),
                      tuple(items), tuple(actions))

    def item(self, raw: LineDict, domain: str, seen: set[str]) -> Item | None:
        item_id = raw.get("id")
        before = len(self.problems)
        if not isinstance(item_id, str) or not re.fullmatch(rf"{domain}-\d{{2}}", item_id):
            self.problem(raw.line_of("id"), f"domain {domain}: item id {item_id!r} must look like '{domain}-01'")
        elif item_id in seen:
            self.problem(raw.line_of("id"), f"item {item_id}: duplicate id")
        seen.add(str(item_id))
        serves = raw.get("serves")
        if not isinstance(serves, list) or not serves:
            self.problem(raw.line_of("serves"), f"item {item_id}: field 'serves' must list principle items, e.g. [{domain}.1]")
            serves = []
        for point in serves:
            if point not in self.curriculum.items:
                self.problem(raw.line_of("serves"), f"item {item_id}: unknown principle item {point!r} "
                                                    "(see exercises/curriculum.yml)")
            elif not str(point).startswith(domain + "."):
                self.problem(raw.line_of("serves"), f"item {item_id}: serves {point}, which belongs to another principle")
        text = self.text(raw, "text", f"item {item_id}")
        return None if len(self.problems) > before else Item(item_id, domain, text, tuple(serves))


def read_item_bank(path: Path, curriculum: Curriculum) -> ItemBank:
    """Load and validate a self-assessment file; raise ItemBankError listing every problem."""
    reader = _Reader(Path(path), curriculum)
    bank = reader.read()
    if bank is None:
        raise ItemBankError(reader.problems)
    return bank


def load_item_bank(root: Path | None = None) -> ItemBank:
    """The course's self-assessment (`exercises/org_toolkit/self_assessment.yml`)."""
    return read_item_bank(data_file("self_assessment.yml", root), load_curriculum(root))


# --- scoring -----------------------------------------------------------------------------

@dataclass(frozen=True)
class DomainScore:
    domain: str
    title: str
    label: str
    score: float | None
    rated: int
    applicable: int
    total: int
    status: str  # "scored", "too few rated", "not applicable" or "suppressed"

    @property
    def display(self) -> str:
        return f"{self.score:.2f}" if self.score is not None else self.status


def check_ratings(bank: ItemBank, ratings: Ratings) -> None:
    """Refuse unknown item ids and ratings outside 1-5 (None is N/A)."""
    known = {item.id for item in bank.items}
    for item_id, value in ratings.items():
        if item_id not in known:
            raise ValueError(f"unknown self-assessment item {item_id!r}")
        if value is not None and not (isinstance(value, (int, float)) and not isinstance(value, bool)
                                      and 1 <= value <= 5):
            raise ValueError(f"item {item_id}: a rating must be 1 to 5 or None (not applicable), got {value!r}")


def score_domains(bank: ItemBank, ratings: Ratings) -> list[DomainScore]:
    """Score every domain from item ratings (see the module docstring for the rule)."""
    check_ratings(bank, ratings)
    scores = []
    for domain in bank.domains:
        applicable = [i for i in domain.items if not (i.id in ratings and ratings[i.id] is None)]
        rated = [ratings[i.id] for i in applicable if ratings.get(i.id) is not None]
        if not applicable:
            score, status = None, "not applicable"
        elif len(rated) < bank.rules.needed(len(applicable)):
            score, status = None, "too few rated"
        else:
            score, status = sum(rated) / len(rated), "scored"
        scores.append(DomainScore(domain.id, domain.title, domain.label, score, len(rated),
                                  len(applicable), len(domain.items), status))
    return scores


def suppressed_scores(bank: ItemBank) -> list[DomainScore]:
    """Every domain shown as suppressed (too few responses to report anything)."""
    return [DomainScore(d.id, d.title, d.label, None, 0, len(d.items), len(d.items), "suppressed")
            for d in bank.domains]


# --- anonymous responses -------------------------------------------------------------------

@dataclass(frozen=True)
class GroupResult:
    """Anonymous responses combined: no single response is ever kept or shown."""

    respondents: int
    min_group: int
    ratings: dict[str, float | None]   # the combined rating per item that can be reported
    suppressed_items: tuple[str, ...]  # items rated by fewer than min_group people
    scores: list[DomainScore]

    @property
    def suppressed(self) -> bool:
        return self.respondents < self.min_group


def combine_responses(bank: ItemBank, responses: Sequence[Ratings], min_group: int = MIN_GROUP) -> GroupResult:
    """Combine anonymous responses item by item, suppressing anything fewer than `min_group`
    people stand behind."""
    if min_group < 1:
        raise ValueError("min_group must be at least 1")
    for response in responses:
        check_ratings(bank, response)
    if len(responses) < min_group:
        return GroupResult(len(responses), min_group, {}, (), suppressed_scores(bank))
    combined: dict[str, float | None] = {}
    suppressed = []
    for item in bank.items:
        values = [r[item.id] for r in responses if r.get(item.id) is not None]
        not_applicable = sum(1 for r in responses if item.id in r and r[item.id] is None)
        if len(values) >= min_group:
            combined[item.id] = sum(values) / len(values)
        elif not_applicable > len(values):
            combined[item.id] = None  # most who answered say it does not apply here
        elif values:
            suppressed.append(item.id)
    return GroupResult(len(responses), min_group, combined, tuple(suppressed),
                       score_domains(bank, combined))


def read_responses(source: Path | str | bytes, bank: ItemBank, name: str | None = None) -> list[dict]:
    """Anonymous responses from a CSV: one row per response, one column per item id, cells
    1-5, NA (not applicable) or blank (not answered). Any other column is refused."""
    item_ids = [item.id for item in bank.items]
    rows = read_csv(source, name, optional=item_ids,
                    extra_hint="responses are anonymous: only item-id columns (e.g. O1-01) are accepted")
    if rows and not set(item_ids) & set(rows[0].cells):
        raise CsvInputError(f"{rows[0].source}:1 (header): no item-id columns (e.g. O1-01) found")
    responses = []
    for row in rows:
        response = {}
        for item_id in item_ids:
            raw = row.text(item_id)
            if raw.casefold() in NA_MARKS:
                response[item_id] = None
            elif raw in {"1", "2", "3", "4", "5"}:
                response[item_id] = int(raw)
            elif raw:
                raise CsvInputError(f"{row.where(item_id)}: expected a rating 1 to 5, NA or blank, found {raw!r}")
        responses.append(response)
    return responses


# --- strengths, gaps and the action plan --------------------------------------------------

def strengths_and_gaps(bank: ItemBank, scores: Iterable[DomainScore]) -> tuple[list[DomainScore], list[DomainScore]]:
    """Domains at or above `strength_at_least` (best first) and below `gap_below` (worst first)."""
    scored = [s for s in scores if s.score is not None]
    strengths = sorted((s for s in scored if s.score >= bank.rules.strength_at_least), key=lambda s: -s.score)
    gaps = sorted((s for s in scored if s.score < bank.rules.gap_below), key=lambda s: s.score)
    return strengths, gaps


@dataclass(frozen=True)
class Action:
    """One line of the action plan."""

    action: str
    principle: str
    owner: str = ""
    timeline: str = ""
    priority: str = "medium"

    def problems(self, bank: ItemBank) -> list[str]:
        found = []
        if not self.action.strip():
            found.append("describe the action")
        if self.principle not in {d.id for d in bank.domains}:
            found.append(f"principle must be one of {', '.join(d.id for d in bank.domains)}")
        if self.priority not in PRIORITIES:
            found.append(f"priority must be one of {', '.join(PRIORITIES)}")
        return found

    def row(self) -> tuple[str, ...]:
        return tuple(getattr(self, column) for column in ACTION_COLUMNS)


def prioritized(bank: ItemBank, actions: Iterable[Action]) -> list[Action]:
    """The plan in order: priority (high first), then principle, keeping the order within each."""
    order = {d.id: n for n, d in enumerate(bank.domains)}
    return sorted(actions, key=lambda a: (PRIORITIES.index(a.priority), order.get(a.principle, 99)))


def suggest_actions(bank: ItemBank, scores: Iterable[DomainScore]) -> list[Action]:
    """A draft plan: the suggested actions of every domain scoring below `medium_priority_below`
    (high priority below `high_priority_below`), and a fact-finding step for domains with some,
    but too few, rated items. Owners are left for the group to agree."""
    actions = []
    for score in scores:
        domain = bank.domain(score.domain)
        if score.status == "too few rated" and score.rated:
            actions.append(Action(bank.guide("unscored_action"), domain.id, "", "Within 1 month", "medium"))
        elif score.score is not None and (priority := bank.rules.priority(score.score)):
            actions += [Action(s.action, domain.id, "", s.timeline, priority) for s in domain.suggested_actions]
    return prioritized(bank, actions)


# --- comparing with a baseline -------------------------------------------------------------

@dataclass(frozen=True)
class DomainChange:
    domain: str
    label: str
    baseline: float | None
    current: float | None
    reading: str  # "improved", "declined", "about the same" or "not comparable"

    @property
    def change(self) -> float | None:
        if self.baseline is None or self.current is None:
            return None
        return self.current - self.baseline


def compare(bank: ItemBank, baseline: Mapping[str, float | None],
            current: Iterable[DomainScore]) -> list[DomainChange]:
    """Each domain's score now against the baseline; changes smaller than
    `meaningful_change` read as "about the same"."""
    changes = []
    for score in current:
        before = baseline.get(score.domain)
        if before is None or score.score is None:
            reading = "not comparable"
        elif abs(score.score - before) < bank.rules.meaningful_change:
            reading = "about the same"
        else:
            reading = "improved" if score.score > before else "declined"
        changes.append(DomainChange(score.domain, score.label, before, score.score, reading))
    return changes


def score_text(value: float | None) -> str:
    """A score as shown in tables and reports: two decimals, or "-" when there is none."""
    return "-" if value is None else f"{value:.2f}"


def baseline_from_scores(scores: Iterable[DomainScore]) -> dict[str, float | None]:
    return {s.domain: s.score for s in scores}


def read_scores(source: Path | str | bytes, bank: ItemBank, name: str | None = None) -> dict[str, float | None]:
    """Domain scores saved from an earlier assessment (the app's scores CSV), as a baseline."""
    rows = read_csv(source, name, required=("domain", "score"), extra_allowed=True)
    known = {d.id for d in bank.domains}
    baseline: dict[str, float | None] = {}
    for row in rows:
        domain = row.text("domain")
        if domain not in known:
            raise CsvInputError(f"{row.where('domain')}: unknown domain {domain!r}; expected one of "
                                f"{', '.join(sorted(known))}")
        if domain in baseline:
            raise CsvInputError(f"{row.where('domain')}: domain {domain} appears twice")
        baseline[domain] = row.number("score", 1, 5) if row.text("score") else None
    return baseline
