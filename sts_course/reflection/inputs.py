"""Checking what a learner typed or chose. Each check returns the clean value or raises
`InvalidEntry` naming the field (by its visible label) and what to do; nothing is saved."""

from __future__ import annotations

from ..journal import InvalidEntry

MAX_TEXT = 4000
MAX_LINE = 200


def optional_text(field: str, value, max_chars: int = MAX_TEXT) -> str:
    text = (value or "").strip()
    if len(text) > max_chars:
        raise InvalidEntry(field, f"is too long ({len(text)} characters); please keep it under {max_chars}.")
    return text


def required_text(field: str, value, max_chars: int = MAX_TEXT) -> str:
    text = optional_text(field, value, max_chars)
    if not text:
        raise InvalidEntry(field, "is empty; please write something before saving.")
    return text


def rating(field: str, value, scale, required: bool = True) -> int | None:
    """A point on a scale (a dict or range of allowed whole numbers); None when unanswered."""
    points = list(scale)
    if value is None:
        if required:
            raise InvalidEntry(field, f"please choose an answer ({points[0]} to {points[-1]}).")
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value not in points:
        raise InvalidEntry(field, f"must be a whole number from {points[0]} to {points[-1]}, got {value!r}.")
    return value


def text_lines(field: str, value, max_lines: int, max_chars: int = MAX_LINE) -> list[str]:
    """Non-empty lines of a text box (one item per line)."""
    lines = [line.strip() for line in (value or "").splitlines() if line.strip()]
    if len(lines) > max_lines:
        raise InvalidEntry(field, f"has {len(lines)} lines; please keep it to {max_lines} at most.")
    for number, line in enumerate(lines, start=1):
        if len(line) > max_chars:
            raise InvalidEntry(field, f"line {number} is too long ({len(line)} characters; at most {max_chars}).")
    return lines
