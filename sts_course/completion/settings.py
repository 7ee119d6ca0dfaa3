"""The graded course's settings, read from `grading/course.yml`: course id, pass mark, due dates,
gradebook URL and exchange folder. nbgrader (through `grading/nbgrader_config.py`) and every
`sts-course` completion command read them here, so each is set in one place.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from .. import paths
from ..yaml_lines import load_yaml

SETTINGS_FILE = "course.yml"
DEFAULT_PASS_MARK = 80.0
GRADEBOOK_URL_VARIABLE = "STS_GRADEBOOK_URL"
EXCHANGE_VARIABLE = "STS_EXCHANGE_ROOT"


class SettingsError(ValueError):
    """course.yml is malformed; the message names the file, line and field."""


@dataclass(frozen=True)
class CourseSettings:
    """What nbgrader and the completion reports share about the graded course."""

    course_dir: Path
    course_id: str
    pass_mark: float  # percent
    db_url: str
    exchange_root: Path
    due_dates: dict[str, datetime] = field(default_factory=dict)
    certificate: dict[str, str] = field(default_factory=dict)
    source: Path | None = None

    @property
    def outbound_dir(self) -> Path:
        """Where released assignments wait for learners to fetch them."""
        return self.exchange_root / self.course_id / "outbound"

    def released_modules(self) -> set[str]:
        """Modules whose assignment has been released through the exchange."""
        folder = self.outbound_dir
        return {p.name for p in folder.iterdir() if p.is_dir()} if folder.is_dir() else set()

    def collected_submissions(self) -> dict[tuple[str, str], datetime | None]:
        """(student, assignment) -> submission time, for every submission in `submitted/`."""
        found = {}
        for folder in (self.course_dir / "submitted").glob("*/*"):
            if folder.is_dir():
                stamp = folder / "timestamp.txt"
                found[(folder.parent.name, folder.name)] = read_timestamp(stamp) if stamp.is_file() else None
        return found


def read_timestamp(path: Path) -> datetime | None:
    """A submission time from nbgrader's timestamp.txt, as naive UTC."""
    from nbgrader.utils import parse_utc

    try:
        return parse_utc(path.read_text(encoding="utf-8").strip()).replace(tzinfo=None)
    except (ValueError, OSError):
        return None


def parse_due(value, where: str) -> datetime:
    """A due date from YAML: a date, a datetime, or text 'YYYY-MM-DD[ HH:MM[:SS]]' (UTC)."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value.strip()).replace(tzinfo=None)
        except ValueError:
            pass
    raise SettingsError(f"{where}: {value!r} is not a date; write YYYY-MM-DD or YYYY-MM-DD HH:MM")


def settings_file(course_dir: Path) -> Path:
    """course.yml beside the course's nbgrader_config.py, else the project's grading/course.yml."""
    local = Path(course_dir) / SETTINGS_FILE
    return local if local.is_file() else paths.grading_dir() / SETTINGS_FILE


def resolve_db_url(url: str, course_dir: Path) -> str:
    """Make a relative SQLite path relative to the course folder; leave other URLs alone."""
    prefix = "sqlite:///"
    if url.startswith(prefix) and not url.startswith(prefix + "/"):
        return prefix + str((Path(course_dir) / url[len(prefix):]).resolve())
    return url


def load_settings(course_dir: Path | None = None) -> CourseSettings:
    """Read the settings of the nbgrader course in `course_dir` (default: grading/)."""
    course_dir = Path(course_dir or paths.grading_dir()).resolve()
    source = settings_file(course_dir)
    data = load_yaml(source)
    if not isinstance(data, dict):
        raise SettingsError(f"{source}: expected a mapping (course_id, pass_mark, db_url, due_dates)")
    pass_mark = data.get("pass_mark", DEFAULT_PASS_MARK)
    if isinstance(pass_mark, bool) or not isinstance(pass_mark, (int, float)) or not 0 < pass_mark <= 100:
        raise SettingsError(f"{source}:{data.line_of('pass_mark')}: field 'pass_mark': "
                            f"{pass_mark!r} is not a percentage between 0 and 100")
    raw_due = data.get("due_dates") or {}
    if not isinstance(raw_due, dict):
        raise SettingsError(f"{source}:{data.line_of('due_dates')}: field 'due_dates': "
                            "expected a mapping of module id to date")
    due_dates = {str(module): parse_due(value, f"{source}:{raw_due.line_of(module)}: due date of {module}")
                 for module, value in raw_due.items()}
    url = os.environ.get(GRADEBOOK_URL_VARIABLE) or str(data.get("db_url") or "sqlite:///gradebook.db")
    exchange = os.environ.get(EXCHANGE_VARIABLE) or str(course_dir / "exchange")
    return CourseSettings(
        course_dir=course_dir,
        course_id=str(data.get("course_id") or "sts-course"),
        pass_mark=float(pass_mark),
        db_url=resolve_db_url(url, course_dir),
        exchange_root=Path(exchange),
        due_dates=due_dates,
        certificate={str(k): str(v) for k, v in (data.get("certificate") or {}).items()},
        source=source,
    )
