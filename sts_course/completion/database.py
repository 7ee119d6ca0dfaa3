"""Opening the nbgrader gradebook from a URL (SQLite or PostgreSQL), with clear errors.

A wrong, unreachable or empty database is an error that says which one and why; nothing ever
falls back to another database.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, event, inspect
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError, SQLAlchemyError

SUPPORTED = ("sqlite", "postgresql")
EXAMPLES = "sqlite:///path/to/gradebook.db or postgresql://user@host:5432/dbname"
#: Seconds a SQLite writer waits for another to finish (parallel autograding shares the file).
SQLITE_BUSY_TIMEOUT = 120


class GradebookError(RuntimeError):
    """The gradebook cannot be used; the message says which database and why."""


def safe_url(url: str) -> str:
    """The URL with any password masked, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def backend(url: str) -> str:
    """'sqlite' or 'postgresql'; raises GradebookError for anything else."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise GradebookError(f"'{url}' is not a database URL; use {EXAMPLES}") from None
    name = parsed.get_backend_name()
    if name not in SUPPORTED:
        raise GradebookError(f"unsupported database '{name}' in {safe_url(url)}; use {EXAMPLES}")
    return name


def sqlite_path(url: str) -> Path | None:
    parsed = make_url(url)
    return Path(parsed.database) if parsed.get_backend_name() == "sqlite" and parsed.database else None


def nbgrader_url(url: str) -> str:
    """The URL for nbgrader's own processes: SQLite writers wait for each other, not fail."""
    if backend(url) == "sqlite" and "timeout=" not in url:
        return url + ("&" if "?" in url else "?") + f"timeout={SQLITE_BUSY_TIMEOUT}"
    return url


def _sqlite_pragmas(dbapi_connection, _record):
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT * 1000}")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()


def open_engine(url: str, *, must_exist: bool = True) -> Engine:
    """An engine on the gradebook at `url`, after checking that it can be reached.

    must_exist: the database must already hold an nbgrader gradebook (for reports); otherwise
    an empty SQLite file may be created (for `roster import` on a new course).
    """
    kind = backend(url)
    if kind == "sqlite":
        path = sqlite_path(url)
        if path is None:
            raise GradebookError(f"{url}: give the gradebook file, e.g. sqlite:///grading/gradebook.db")
        if must_exist and not path.is_file():
            raise GradebookError(f"no gradebook at {path} (from {url}): run nbgrader in the course "
                                 "folder first, or pass the right --db")
        if not path.parent.is_dir():
            raise GradebookError(f"cannot create a gradebook at {path}: folder {path.parent} does not exist")
    try:
        engine = create_engine(url, future=True, pool_pre_ping=True)
    except (NoSuchModuleError, ImportError) as exc:
        raise GradebookError(f"no database driver for {safe_url(url)} ({exc}); "
                             "install the project's requirements.txt (psycopg[binary])") from None
    if kind == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    try:
        with engine.connect() as connection:
            tables = set(inspect(connection).get_table_names())
    except OperationalError as exc:
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        raise GradebookError(f"cannot reach the gradebook database {safe_url(url)}: {reason}") from None
    except SQLAlchemyError as exc:
        raise GradebookError(f"cannot read the gradebook database {safe_url(url)}: {exc}") from None
    if must_exist and "submitted_assignment" not in tables:
        engine.dispose()
        raise GradebookError(f"{safe_url(url)} holds no nbgrader gradebook (no nbgrader tables): "
                             "run `nbgrader generate_assignment` with this db_url first")
    return engine
