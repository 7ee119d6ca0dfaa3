"""`sts-course autograde`: collect, then autograde every new submission in parallel.

Each worker process loads the course's nbgrader configuration once and grades submissions
through nbgrader's own API (`NbGraderAPI.autograde`), one (assignment, student) at a time. The
parent lists the new submissions, gives each to exactly one worker, and shows a progress bar.

Concurrent writers and the SQLite gradebook: before the workers start, the parent creates every
student and sets every due date, so workers never race to create the same row; each worker
writes only its own submission's rows, and SQLite writers wait for each other (a busy timeout)
instead of failing. A submission that still hits a lock is graded again, alone, at the end.
A lock file stops two `sts-course autograde` runs on one course from grading the same work.
"""

from __future__ import annotations

import fcntl
import multiprocessing
import os
import re
import warnings
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import bindparam, insert, select, update

from .database import nbgrader_url, open_engine
from .integrity import CorruptNotebook, check_submission
from .schema import assignment_t, ensure_report_indexes, student_t
from .settings import CourseSettings

LOCK_FILE = ".sts-autograde.lock"
WORKER_LOG = "autograde.log"
LOCKED_DB_SIGNS = ("database is locked", "could not obtain lock", "deadlock detected")


class AutogradeError(RuntimeError):
    """Autograding could not start (e.g. another run holds the course)."""


@dataclass(frozen=True)
class Outcome:
    assignment: str
    student: str
    graded: bool
    problem: str = ""  # why it was not graded, or what was wrong with it
    feedback: bool = False

    @property
    def name(self) -> str:
        return f"{self.student}/{self.assignment}"


def _timestamp(folder: Path) -> str:
    stamp = folder / "timestamp.txt"
    return stamp.read_text(encoding="utf-8").strip() if stamp.is_file() else ""


def new_submissions(course_dir: Path) -> list[tuple[str, str]]:
    """(assignment, student) for each collected submission not yet autograded in its current version."""
    work = []
    for folder in sorted((course_dir / "submitted").glob("*/*")):
        if not folder.is_dir():
            continue
        student, assignment = folder.parent.name, folder.name
        graded = course_dir / "autograded" / student / assignment
        if not graded.is_dir() or _timestamp(graded) != _timestamp(folder):
            work.append((assignment, student))
    return work


def inbound_assignments(settings: CourseSettings) -> set[str]:
    """Assignments with submissions waiting in the exchange (folders named student+assignment+time)."""
    inbound = settings.exchange_root / settings.course_id / "inbound"
    if not inbound.is_dir():
        return set()
    return {entry.name.split("+")[1] for entry in inbound.iterdir() if entry.name.count("+") >= 2}


@contextmanager
def course_lock(course_dir: Path):
    with open(course_dir / LOCK_FILE, "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise AutogradeError(f"another `sts-course autograde` is running on {course_dir}") from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def nbgrader_api(course_dir: Path, db_url: str):
    """nbgrader's API configured from the course's nbgrader_config.py, with this db_url."""
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config.loader import PyFileConfigLoader

    config = PyFileConfigLoader("nbgrader_config.py", path=str(course_dir)).load_config()
    config.CourseDirectory.root = str(course_dir)
    config.CourseDirectory.db_url = nbgrader_url(db_url)
    coursedir = CourseDirectory(config=config)
    return NbGraderAPI(coursedir=coursedir, config=config)


def prepare_gradebook(settings: CourseSettings, db_url: str, work: list[tuple[str, str]]) -> None:
    """Create the students and set the due dates before any worker writes (no racing creators)."""
    engine = open_engine(db_url)
    try:
        ensure_report_indexes(engine)
        with engine.begin() as connection:
            known = set(connection.scalars(select(student_t.c.id)))
            new = sorted({student for _, student in work} - known)
            if new:
                connection.execute(insert(student_t), [{"id": student} for student in new])
            due = [{"b_name": name, "b_due": when} for name, when in settings.due_dates.items()]
            if due:
                connection.execute(update(assignment_t).where(assignment_t.c.name == bindparam("b_name"))
                                   .values(duedate=bindparam("b_due")), due)
    finally:
        engine.dispose()


_api = None
_course_dir: Path | None = None


def _start_worker(course_dir: str, db_url: str) -> None:
    """Load nbgrader once per worker; its kernels' chatter goes to the course's autograde log."""
    global _api, _course_dir
    warnings.filterwarnings("ignore")
    log = os.open(Path(course_dir) / WORKER_LOG, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    os.dup2(log, 1)
    os.dup2(log, 2)
    _course_dir = Path(course_dir)
    _api = nbgrader_api(_course_dir, db_url)


def failure_reason(result: dict) -> str:
    """The most specific error line in nbgrader's log or traceback."""
    text = "\n".join([result.get("log") or "", result.get("error") or ""])
    lines = [line.strip() for line in text.splitlines()]
    specific = [line for line in lines if re.match(r"^[\w.]+(Error|Exception): ", line)
                and "NbGraderException" not in line]
    errors = [line for line in lines if line.startswith("[ERROR]")]
    return (specific or errors or ["unknown error (see the autograde log)"])[-1]


def grade_one(assignment: str, student: str, feedback: bool) -> Outcome:
    """Check, autograde and (optionally) generate feedback for one submission in this worker."""
    try:
        tampered = check_submission(_course_dir, assignment, student)
    except CorruptNotebook as exc:
        return Outcome(assignment, student, False, f"corrupt: {exc}")
    result = _api.autograde(assignment, student, force=True, create=False)
    if not result.get("success"):
        return Outcome(assignment, student, False, failure_reason(result))
    problem = (f"tampered: read-only cell(s) {', '.join(tampered)} changed; nbgrader restored them "
               "from the source before grading" if tampered else "")
    made = feedback and _api.generate_feedback(assignment, student, force=True).get("success", False)
    return Outcome(assignment, student, True, problem, bool(made))


def _progress(total: int, enabled: bool):
    from tqdm import tqdm

    return tqdm(total=total, unit="submission", desc="autograding", disable=not enabled, dynamic_ncols=True)


def grade_all(course_dir: Path, db_url: str, work: list[tuple[str, str]], jobs: int,
              feedback: bool, progress: bool) -> list[Outcome]:
    """Grade each (assignment, student) once, in `jobs` worker processes."""
    outcomes: list[Outcome] = []
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=max(1, jobs), mp_context=context, initializer=_start_worker,
                             initargs=(str(course_dir), db_url)) as pool, _progress(len(work), progress) as bar:
        futures = {pool.submit(grade_one, a, s, feedback): (a, s) for a, s in work}
        for future in as_completed(futures):
            assignment, student = futures[future]
            try:
                outcomes.append(future.result())
            except Exception as exc:  # a worker died: report it, grade the rest
                outcomes.append(Outcome(assignment, student, False, f"worker failed: {exc}"))
            bar.update(1)
    return outcomes


def autograde(settings: CourseSettings, db_url: str, jobs: int = 2, feedback: bool = True,
              collect: bool = True, progress: bool = True) -> list[Outcome]:
    """Collect new submissions, autograde each new one once, release its feedback."""
    course_dir = settings.course_dir
    with course_lock(course_dir):
        api = nbgrader_api(course_dir, db_url)
        if collect:
            for assignment in sorted(inbound_assignments(settings)):
                api.collect(assignment, update=True)
        work = new_submissions(course_dir)
        if not work:
            return []
        prepare_gradebook(settings, db_url, work)
        outcomes = grade_all(course_dir, db_url, work, jobs, feedback, progress)
        retry = [(o.assignment, o.student) for o in outcomes
                 if not o.graded and any(sign in o.problem for sign in LOCKED_DB_SIGNS)]
        if retry:
            outcomes = [o for o in outcomes if (o.assignment, o.student) not in set(retry)]
            outcomes += grade_all(course_dir, db_url, retry, 1, feedback, progress)
        for assignment in sorted({o.assignment for o in outcomes if o.feedback}):
            api.release_feedback(assignment)  # every learner's generated feedback, once per assignment
    return sorted(outcomes, key=lambda o: (o.assignment, o.student))
