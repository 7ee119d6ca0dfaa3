"""Reading the toolkit's CSV inputs with errors that name the file, the line and the column.

Every toolkit CSV (anonymous self-assessment responses, a team's workload, wellness
indicators) is read here: from a path, or from the bytes of a file uploaded in an app.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable


class CsvInputError(ValueError):
    """A CSV input is unusable; the message names the file, the line and the column."""


@dataclass(frozen=True)
class CsvRow:
    """One data row: its line in the file (the header is line 1) and its cells by column."""

    source: str
    line: int
    cells: dict[str, str]

    def where(self, column: str) -> str:
        return f"{self.source}:{self.line}: column '{column}'"

    def text(self, column: str) -> str:
        return self.cells.get(column, "").strip()

    def whole_number(self, column: str, minimum: int = 0) -> int:
        raw = self.text(column)
        if not re.fullmatch(r"[+-]?\d+", raw) or int(raw) < minimum:
            raise CsvInputError(f"{self.where(column)}: expected a whole number of {minimum} or "
                                f"more, found {raw!r}")
        return int(raw)

    def number(self, column: str, minimum: float = 0.0, maximum: float | None = None) -> float:
        raw = self.text(column)
        try:
            value = float(raw)
        except ValueError:
            value = float("nan")
        if value != value or value < minimum or (maximum is not None and value > maximum):
            bounds = f"from {minimum:g} to {maximum:g}" if maximum is not None else f"of {minimum:g} or more"
            raise CsvInputError(f"{self.where(column)}: expected a number {bounds}, found {raw!r}")
        return value

    def month(self, column: str) -> str:
        raw = self.text(column)
        match = re.fullmatch(r"(\d{4})-(\d{2})", raw)
        if not match or not 1 <= int(match.group(2)) <= 12:
            raise CsvInputError(f"{self.where(column)}: expected a month as YYYY-MM, found {raw!r}")
        return raw


def _text_of(source: Path | str | bytes, name: str) -> str:
    try:
        data = source if isinstance(source, bytes) else Path(source).read_bytes()
    except OSError as exc:
        raise CsvInputError(f"{name}: cannot read the file ({exc.strerror})") from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CsvInputError(f"{name}: not UTF-8 text (save it as CSV UTF-8)") from exc


def read_csv(source: Path | str | bytes, name: str | None = None, *, required: Iterable[str] = (),
             optional: Iterable[str] = (), extra_allowed: bool = False,
             extra_hint: str = "", refused: Iterable[str] = (), refused_hint: str = "") -> list[CsvRow]:
    """Read a CSV with a header row into CsvRows, checking its columns.

    `source` is a path or the bytes of an upload; `name` is what error messages call it
    (default: the path's file name). Columns in `required` must all be present; unless
    `extra_allowed`, any column not in `required` or `optional` is an error (with
    `extra_hint` appended to say why). Columns named in `refused` (in any letter case) are
    always an error, explained by `refused_hint`. Blank lines are skipped.
    """
    if name is None:
        name = Path(source).name if not isinstance(source, bytes) else "uploaded file"
    reader = csv.reader(io.StringIO(_text_of(source, name), newline=""))
    try:
        header = [cell.strip() for cell in next(reader)]
    except StopIteration:
        raise CsvInputError(f"{name}: the file is empty; expected a header row") from None
    except csv.Error as exc:
        raise CsvInputError(f"{name}:1: not valid CSV ({exc})") from exc
    refused = {column.casefold() for column in refused}
    bad = [column for column in header if column.casefold() in refused]
    if bad:
        raise CsvInputError(f"{name}:1 (header): column(s) {', '.join(map(repr, bad))} refused; {refused_hint}")
    required, optional = list(required), list(optional)
    missing = [column for column in required if column not in header]
    if missing:
        raise CsvInputError(f"{name}:1 (header): missing column(s) {', '.join(map(repr, missing))}; "
                            f"expected columns: {', '.join(required)}")
    duplicated = sorted({column for column in header if header.count(column) > 1})
    if duplicated:
        raise CsvInputError(f"{name}:1 (header): column(s) {', '.join(map(repr, duplicated))} "
                            "appear more than once")
    if not extra_allowed:
        unknown = [column for column in header if column not in required + optional]
        if unknown:
            raise CsvInputError(f"{name}:1 (header): unknown column(s) {', '.join(map(repr, unknown))}"
                                + (f"; {extra_hint}" if extra_hint else ""))
    rows = []
    try:
        for cells in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) != len(header):
                raise CsvInputError(f"{name}:{line}: expected {len(header)} values (one per column), "
                                    f"found {len(cells)}")
            rows.append(CsvRow(name, line, dict(zip(header, cells))))
    except csv.Error as exc:
        raise CsvInputError(f"{name}:{reader.line_num}: not valid CSV ({exc})") from exc
    return rows


def to_csv(header: Iterable[str], rows: Iterable[Iterable]) -> str:
    """A CSV text (with a header row) for the toolkit's exports."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(list(header))
    writer.writerows(rows)
    return buffer.getvalue()
