"""The completion report: per learner and module, per team and track, per principle.

Built from one gradebook snapshot (see gradebook.py) and the course plan. Holds completion and
knowledge-check scores only: no answers, reflections or check-in data.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import NamedTuple

from sqlalchemy.engine import Engine

from .gradebook import GradebookSnapshot, SubmissionRecord, read_snapshot
from .plan import CoursePlan
from .statuses import Status, Timing, module_status, module_timing, percent


class ModuleResult(NamedTuple):
    """One row of the report: a learner's status on one module of their track (a tuple: there
    are as many as learners times modules)."""

    student_id: str
    first_name: str
    last_name: str
    team: str
    role: str
    track: str
    module: str
    status: Status
    timing: Timing
    score: float | None
    max_score: float | None
    percent: float | None
    submitted: datetime | None
    due: datetime | None

    @property
    def passed(self) -> bool:
        return self.status is Status.PASSED


@dataclass(frozen=True)
class GroupSummary:
    """Completion of a team or a track."""

    name: str
    learners: int
    assigned: int  # learner x module pairs
    passed: int
    submitted: int  # graded or waiting, whatever the score
    overdue: int
    late: int
    learners_complete: int  # learners who passed every module of their track

    @property
    def completion_rate(self) -> float:
        return round(100.0 * self.passed / self.assigned, 1) if self.assigned else 0.0


@dataclass(frozen=True)
class PrincipleSummary:
    principle: str
    title: str
    answered: int
    correct: int

    @property
    def share_correct(self) -> float | None:
        return round(100.0 * self.correct / self.answered, 1) if self.answered else None


@dataclass
class CompletionReport:
    as_of: datetime
    pass_mark: float
    modules: dict[str, str]
    rows: list[ModuleResult]
    teams: list[GroupSummary]
    tracks: list[GroupSummary]
    principles: list[PrincipleSummary]
    filters: dict[str, str] = field(default_factory=dict)

    def learners_complete(self) -> list[str]:
        """Students who passed every module of their track."""
        done: dict[str, bool] = {}
        for row in self.rows:
            done[row.student_id] = done.get(row.student_id, True) and row.passed
        return [student for student, ok in done.items() if ok]


SUBMITTED_STATES = {Status.SUBMITTED, Status.NEEDS_MANUAL, Status.PASSED, Status.BELOW_PASS_MARK}


def module_rows(snapshot: GradebookSnapshot, plan: CoursePlan, released: set[str], as_of: datetime,
                collected: dict[tuple[str, str], datetime | None] | None = None) -> list[ModuleResult]:
    """One row per learner and module of their track. `collected`: submissions collected into
    the course folder but not autograded yet (not in the gradebook)."""
    released = released | {module for _, module in snapshot.submissions}
    waiting = {key: SubmissionRecord(when, None, 0, 0.0, 0) for key, when in (collected or {}).items()}
    rows = []
    for learner in snapshot.learners:
        for module in plan.track_modules(learner.track):
            key = (learner.id, module)
            submission = snapshot.submissions.get(key) or waiting.get(key)
            max_score = snapshot.max_scores.get(module)
            status = module_status(submission, released=module in released, max_score=max_score or 0,
                                   pass_mark=plan.pass_mark)
            due = plan.due_dates.get(module)
            graded = status in (Status.PASSED, Status.BELOW_PASS_MARK)
            score = submission.score if graded else None
            rows.append(ModuleResult(
                learner.id, learner.first_name, learner.last_name, learner.team, learner.role,
                learner.track, module, status, module_timing(submission, status, due, as_of),
                score, max_score if graded else None,
                percent(score, max_score) if graded and max_score else None,
                submission.timestamp if submission else None, due))
    return rows


def summarize(rows: list[ModuleResult], key: str) -> list[GroupSummary]:
    groups: dict[str, list[ModuleResult]] = defaultdict(list)
    for row in rows:
        groups[getattr(row, key)].append(row)
    summaries = []
    for name in sorted(groups):
        members = groups[name]
        by_learner: dict[str, bool] = {}
        for row in members:
            by_learner[row.student_id] = by_learner.get(row.student_id, True) and row.passed
        summaries.append(GroupSummary(
            name=name, learners=len(by_learner), assigned=len(members),
            passed=sum(r.passed for r in members),
            submitted=sum(r.status in SUBMITTED_STATES for r in members),
            overdue=sum(r.timing is Timing.OVERDUE for r in members),
            late=sum(r.timing is Timing.LATE for r in members),
            learners_complete=sum(by_learner.values())))
    return summaries


def principle_summaries(snapshot: GradebookSnapshot, plan: CoursePlan) -> list[PrincipleSummary]:
    answered: dict[str, int] = defaultdict(int)
    correct: dict[str, int] = defaultdict(int)
    for cell, (n, right) in snapshot.cell_results.items():
        for principle in plan.cell_principles.get(cell, ()):
            answered[principle] += n
            correct[principle] += right
    return [PrincipleSummary(p, title, answered[p], correct[p])
            for p, title in plan.principles.items() if answered[p]]


def build_report(engine: Engine, plan: CoursePlan, released: set[str], *, team: str | None = None,
                 track: str | None = None, as_of: datetime | None = None,
                 collected: dict[tuple[str, str], datetime | None] | None = None) -> CompletionReport:
    """Read the gradebook once and build the whole report (optionally for one team or track)."""
    as_of = as_of or datetime.now(timezone.utc).replace(tzinfo=None)
    snapshot = read_snapshot(engine, team=team, track=track)
    rows = module_rows(snapshot, plan, released, as_of, collected)
    filters = {k: v for k, v in (("team", team), ("track", track)) if v}
    return CompletionReport(as_of, plan.pass_mark, plan.modules, rows, summarize(rows, "team"),
                            summarize(rows, "track"), principle_summaries(snapshot, plan), filters)
