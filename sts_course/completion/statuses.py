"""A learner's status on one module, from what the gradebook holds and the course's schedule."""

from __future__ import annotations

from datetime import datetime
from enum import Enum

from .gradebook import SubmissionRecord


class Status(str, Enum):
    NOT_RELEASED = "not released"
    NOT_SUBMITTED = "not submitted"
    SUBMITTED = "submitted"  # collected, not graded yet
    NEEDS_MANUAL = "needs manual grading"
    PASSED = "passed"
    BELOW_PASS_MARK = "below pass mark"

    def __str__(self) -> str:
        return self.value


class Timing(str, Enum):
    ON_TIME = ""
    LATE = "late"  # submitted after the due date (and any extension)
    OVERDUE = "overdue"  # not submitted, and the due date has passed

    def __str__(self) -> str:
        return self.value


def percent(score: float, max_score: float) -> float | None:
    return round(100.0 * score / max_score, 1) if max_score else None


def module_status(submission: SubmissionRecord | None, *, released: bool, max_score: float,
                  pass_mark: float) -> Status:
    if submission is None:
        return Status.NOT_SUBMITTED if released else Status.NOT_RELEASED
    if submission.grades == 0:
        return Status.SUBMITTED
    if submission.needs_manual:
        return Status.NEEDS_MANUAL
    share = percent(submission.score, max_score)
    return Status.PASSED if share is not None and share >= pass_mark else Status.BELOW_PASS_MARK


def module_timing(submission: SubmissionRecord | None, status: Status, due: datetime | None,
                  as_of: datetime) -> Timing:
    if due is None or status is Status.NOT_RELEASED:
        return Timing.ON_TIME
    if submission is None:
        return Timing.OVERDUE if as_of > due else Timing.ON_TIME
    deadline = due + (submission.extension or (due - due))
    return Timing.LATE if submission.timestamp and submission.timestamp > deadline else Timing.ON_TIME
