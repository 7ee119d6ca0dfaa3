"""The exercises' words: `exercises/reflections/<id>.yml` and `common.yml`.

Prompts, items, categories and messages are data. Each exercise module parses its own file
with a `Reader`, whose every complaint names the file, the line and the field; the fields
every exercise shares (id, number, slug, title, serves, intro) are read here.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .. import paths
from ..curriculum import load_curriculum
from ..yaml_lines import LineDict, YamlFileError, load_yaml

SLUG_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789-")


class ContentError(ValueError):
    """A content file is invalid; the message names the file, line and field."""


def reflections_dir(root: Path | None = None) -> Path:
    return (root or paths.project_root()) / "exercises" / "reflections"


class Reader:
    """Reads one content file. Every method takes the key and, optionally, the mapping it
    lives in (default: the file's top level), and raises ContentError naming file:line:field."""

    def __init__(self, path: Path, root: Path | None = None):
        self.path, self.root = Path(path), root
        try:
            data = load_yaml(self.path)
        except (OSError, YamlFileError) as exc:
            raise ContentError(str(exc)) from exc
        if not isinstance(data, dict):
            raise ContentError(f"{self.path}:1: expected a mapping of fields")
        self.data: LineDict = data

    def fail(self, within, key, message: str):
        line = within.line_of(key) if isinstance(within, LineDict) else "?"
        raise ContentError(f"{self.path}:{line}: field '{key}': {message}")

    def value(self, key, within=None):
        within = self.data if within is None else within
        if not isinstance(within, dict) or key not in within:
            self.fail(within, key, "is missing")
        return within[key]

    def text(self, key, within=None, optional: bool = False) -> str:
        within = self.data if within is None else within
        if optional and key not in within:
            return ""
        value = self.value(key, within)
        if not isinstance(value, str) or not value.strip():
            self.fail(within, key, "must be non-empty text")
        return value.strip()

    def integer(self, key, within=None, low: int | None = None, high: int | None = None) -> int:
        within = self.data if within is None else within
        value = self.value(key, within)
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(within, key, f"must be a whole number, got {value!r}")
        if (low is not None and value < low) or (high is not None and value > high):
            self.fail(within, key, f"must be between {low} and {high}, got {value}")
        return value

    def mapping(self, key, within=None) -> LineDict:
        within = self.data if within is None else within
        value = self.value(key, within)
        if not isinstance(value, dict) or not value:
            self.fail(within, key, "must be a non-empty mapping")
        return value

    def texts(self, key, within=None) -> tuple[str, ...]:
        within = self.data if within is None else within
        value = self.value(key, within)
        if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
            self.fail(within, key, "must be a non-empty list of text")
        return tuple(v.strip() for v in value)

    def scale(self, key, within=None) -> dict[int, str]:
        """A rating scale: consecutive whole numbers, each with a label."""
        raw = self.mapping(key, within)
        if not all(isinstance(k, int) and not isinstance(k, bool) for k in raw):
            self.fail(raw, next(iter(raw)), "scale points must be whole numbers")
        points = sorted(raw)
        if points != list(range(points[0], points[-1] + 1)) or len(points) < 2:
            self.fail(within or self.data, key, f"scale points must be consecutive, got {points}")
        return {point: self.text(point, raw) for point in points}

    def records(self, key, fields: tuple[str, ...], within=None) -> tuple[LineDict, ...]:
        """A list of mappings, each with a unique `id` and the given text fields."""
        within = self.data if within is None else within
        value = self.value(key, within)
        if not isinstance(value, list) or not value:
            self.fail(within, key, "must be a non-empty list")
        seen = set()
        for record in value:
            if not isinstance(record, LineDict):
                self.fail(within, key, "each entry must be a mapping with an 'id'")
            record_id = self.text("id", record)
            if record_id in seen:
                self.fail(record, "id", f"duplicate id '{record_id}'")
            seen.add(record_id)
            for name in fields:
                self.text(name, record)
        return tuple(value)

    def prompts(self, key, within=None, serves: bool = True) -> tuple[Prompt, ...]:
        """A list of prompts, each with an id, a label and a prompt (and, when `serves`, the
        principle items it serves)."""
        records = self.records(key, ("label", "prompt"), within)
        if serves:
            for record in records:
                self.serves("serves", record)
        return tuple(Prompt(r["id"], r["label"], r["prompt"]) for r in records)

    def serves(self, key="serves", within=None) -> tuple[str, ...]:
        """Principle items (e.g. I4.2) the exercise or part serves; each must exist."""
        within = self.data if within is None else within
        items = self.texts(key, within)
        known = load_curriculum(self.root).items
        unknown = [i for i in items if i not in known]
        if unknown:
            self.fail(within, key, f"unknown principle item(s) {', '.join(unknown)}")
        return items


@dataclass(frozen=True)
class Prompt:
    """One thing an exercise asks: a topic, belief, category, circle or phase."""

    id: str
    label: str
    prompt: str


@dataclass(frozen=True)
class Exercise:
    """What every exercise file holds, plus where its notebook and book page live."""

    id: str
    number: int
    slug: str
    title: str
    serves: tuple[str, ...]
    intro: str
    path: Path

    @property
    def notebook(self) -> str:
        """The exercise notebook, relative to the project root."""
        return f"exercises/{self.number}-{self.slug}.ipynb"

    @property
    def page(self) -> str:
        """The exercise's page in the book, relative to the project root, without suffix."""
        from . import exercise_page

        return exercise_page(self.id)


def read_exercise(reader: Reader, exercise_id: str) -> Exercise:
    found = reader.text("id")
    if found != exercise_id:
        reader.fail(reader.data, "id", f"the file for {exercise_id} says id '{found}'")
    slug = reader.text("slug")
    if not set(slug) <= SLUG_CHARS:
        reader.fail(reader.data, "slug", "use lowercase letters, digits and dashes only")
    return Exercise(exercise_id, reader.integer("number", low=1), slug, reader.text("title"),
                    reader.serves(), reader.text("intro"), reader.path)


@lru_cache(maxsize=64)
def _parsed(path: str, mtime: float, parse, root: Path | None):
    reader = Reader(Path(path), root)
    exercise = read_exercise(reader, Path(path).stem)
    return parse(reader, exercise) if parse else exercise


def load(exercise_id: str, parse=None, root: Path | None = None):
    """An exercise's file, parsed by `parse(reader, exercise)` (or just its common fields);
    re-read whenever the file changes."""
    path = reflections_dir(root) / f"{exercise_id}.yml"
    if not path.is_file():
        raise ContentError(f"{path}: missing: exercise {exercise_id} has no content file")
    return _parsed(str(path), path.stat().st_mtime, parse, root)


def _common(reader: Reader, _exercise=None) -> LineDict:
    for key in ("privacy", "journal_heading", "export_help", "exported", "delete_help",
                "delete_confirm", "deleted", "delete_cancelled", "saved", "not_saved"):
        reader.text(key)
    live = reader.mapping("open_live")
    for key in ("intro", "local", "lab", "hub", "hub_missing"):
        reader.text(key, live)
    return reader.data


def common_text(root: Path | None = None) -> LineDict:
    """The text shared by every exercise (privacy banner, export and delete messages)."""
    path = reflections_dir(root) / "common.yml"
    return _cached_common(str(path), path.stat().st_mtime if path.exists() else 0.0, root)


@lru_cache(maxsize=8)
def _cached_common(path: str, mtime: float, root):
    return _common(Reader(Path(path), root))
