"""What a completion report needs to know about the course: modules, tracks, due dates, the pass
mark, and which principles each graded question serves (from the bank's `serves`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from ..bank import load_bank
from ..curriculum import load_curriculum
from .settings import CourseSettings

#: nbgrader grade id of a question's autograded check cell (see sts_course.assignments).
CHECK_SUFFIX = "-check"


def check_cell_name(question_id: str) -> str:
    return question_id + CHECK_SUFFIX


@dataclass(frozen=True)
class CoursePlan:
    modules: dict[str, str]  # module id -> title, in course order
    tracks: dict[str, tuple[str, ...]]  # track id -> its modules
    track_titles: dict[str, str]
    principles: dict[str, str]  # principle (module) id -> title
    cell_principles: dict[str, tuple[str, ...]]  # check cell name -> principles its question serves
    pass_mark: float = 80.0
    due_dates: dict[str, datetime] = field(default_factory=dict)

    def track_modules(self, track: str) -> tuple[str, ...]:
        return self.tracks.get(track, ())


def plan_from_project(settings: CourseSettings) -> CoursePlan:
    """The plan of this course: curriculum.yml, the question bank and course.yml."""
    curriculum, bank = load_curriculum(), load_bank()
    cell_principles = {
        check_cell_name(q.id): tuple(dict.fromkeys(item.split(".")[0] for item in q.serves))
        for q in bank.questions
    }
    return CoursePlan(
        modules={m.id: m.title for m in curriculum.modules},
        tracks={t.id: t.modules for t in curriculum.tracks},
        track_titles={t.id: t.title for t in curriculum.tracks},
        principles={m.id: m.title for m in curriculum.modules},
        cell_principles=cell_principles,
        pass_mark=settings.pass_mark,
        due_dates=dict(settings.due_dates),
    )
