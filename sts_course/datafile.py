"""Reading the supervisor track's YAML data files with precise error messages.

`FieldReader` wraps one file: it fetches fields, records every problem with the file, line
and field it concerns, and raises `DataFileError` listing them all at the end, so an author
fixes a file in one pass.
"""

from __future__ import annotations

from pathlib import Path

from .yaml_lines import LineDict, YamlFileError, load_yaml


class DataFileError(ValueError):
    """A data file is invalid. `problems` lists every message; str() joins them."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


def line_of(mapping, key: str) -> int:
    return mapping.line_of(key) if isinstance(mapping, LineDict) else getattr(mapping, "line", 0)


class FieldReader:
    """Validated access to the fields of one YAML file."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.problems: list[str] = []
        try:
            self.data = load_yaml(self.path)
        except YamlFileError as exc:
            self.problems.append(str(exc))
            self.data = None

    def problem(self, line: int, field: str, message: str) -> None:
        where = f"{self.path}:{line}" if line else str(self.path)
        self.problems.append(f"{where}: field '{field}': {message}")

    def mapping(self, parent, key: str, field: str | None = None) -> LineDict:
        value = parent.get(key) if isinstance(parent, dict) else None
        if not isinstance(value, dict) or not value:
            self.problem(line_of(parent, key), field or key, "must be a non-empty mapping")
            return LineDict()
        return value

    def text(self, parent, key: str, field: str | None = None) -> str:
        value = parent.get(key) if isinstance(parent, dict) else None
        if not isinstance(value, str) or not value.strip():
            self.problem(line_of(parent, key), field or key, "required text is missing or empty")
            return ""
        return value.strip()

    def items(self, parent, key: str, field: str | None = None, minimum: int = 1) -> list:
        value = parent.get(key) if isinstance(parent, dict) else None
        if not isinstance(value, list) or len(value) < minimum:
            self.problem(line_of(parent, key), field or key, f"must be a list of at least {minimum}")
            return []
        return value

    def texts(self, parent, key: str, field: str | None = None) -> list[str]:
        values = self.items(parent, key, field)
        if not all(isinstance(v, str) and v.strip() for v in values):
            self.problem(line_of(parent, key), field or key, "every entry must be non-empty text")
        return [v.strip() for v in values if isinstance(v, str)]

    def number(self, parent, key: str, field: str | None = None, low: int = 0, high: int = 10_000) -> int:
        value = parent.get(key) if isinstance(parent, dict) else None
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            self.problem(line_of(parent, key), field or key, f"must be a whole number from {low} to {high}")
            return low
        return value

    def finish(self) -> None:
        """Raise DataFileError if any problem was recorded."""
        if self.problems:
            raise DataFileError(self.problems)


def read_mapping(path: Path) -> tuple[FieldReader, LineDict]:
    """Open a data file whose top level must be a mapping."""
    reader = FieldReader(path)
    if reader.data is not None and not isinstance(reader.data, dict):
        reader.problem(1, "(top level)", "expected a mapping")
    return reader, reader.data if isinstance(reader.data, dict) else LineDict()


def read_each(files, read) -> tuple:
    """`read(path)` for every file, collecting the problems of all files into one DataFileError."""
    results, problems = [], []
    for path in files:
        try:
            results.append(read(path))
        except DataFileError as exc:
            problems += exc.problems
    if problems:
        raise DataFileError(problems)
    return tuple(results)
