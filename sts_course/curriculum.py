"""The course structure (`exercises/curriculum.yml`): modules, principle items and tracks."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from . import paths
from .yaml_lines import LineDict, load_yaml

MODULE_ID = re.compile(r"^[A-Z][0-9]+$")
MODULE_KINDS = ("foundation", "individual", "organizational", "supervisor")
LEVELS = ("foundational", "advanced", "supervisor", "organizational")


class CurriculumError(ValueError):
    """curriculum.yml is malformed; the message names the file, line and field."""


@dataclass(frozen=True)
class Item:
    """One teachable point of a principle (or of a foundation module)."""

    id: str
    text: str
    numbered: bool

    @property
    def module(self) -> str:
        return self.id.split(".")[0]


@dataclass(frozen=True)
class Module:
    id: str
    title: str
    kind: str
    minutes: int
    items: tuple[Item, ...]
    principle: str = ""

    @property
    def page(self) -> str:
        """The module's chapter, relative to the project root, without suffix."""
        return f"book/modules/{self.id.lower()}"


@dataclass(frozen=True)
class Track:
    id: str
    title: str
    level: str
    modules: tuple[str, ...]


@dataclass(frozen=True)
class Curriculum:
    modules: tuple[Module, ...]
    tracks: tuple[Track, ...]

    def module(self, module_id: str) -> Module:
        for module in self.modules:
            if module.id == module_id:
                return module
        raise KeyError(module_id)

    @property
    def module_ids(self) -> tuple[str, ...]:
        return tuple(m.id for m in self.modules)

    @property
    def items(self) -> dict[str, Item]:
        return {item.id: item for m in self.modules for item in m.items}

    def track(self, track_id: str) -> Track:
        for track in self.tracks:
            if track.id == track_id:
                return track
        raise KeyError(track_id)

    def track_minutes(self, track_id: str) -> int:
        return sum(self.module(m).minutes for m in self.track(track_id).modules)


def _need(mapping: LineDict, key: str, where: str, kind=str):
    if not isinstance(mapping, dict) or key not in mapping:
        line = getattr(mapping, "line", "?")
        raise CurriculumError(f"{where}:{line}: missing field '{key}'")
    value = mapping[key]
    if not isinstance(value, kind) or (kind is str and not value.strip()):
        raise CurriculumError(
            f"{where}:{mapping.line_of(key)}: field '{key}' must be a non-empty {kind.__name__}"
        )
    return value


def parse_curriculum(path: Path) -> Curriculum:
    """Read and validate a curriculum file."""
    data = load_yaml(path)
    where = str(path)
    if not isinstance(data, dict):
        raise CurriculumError(f"{where}: expected a mapping with 'modules' and 'tracks'")
    modules, seen_items = [], set()
    for raw in _need(data, "modules", where, list):
        module_id = _need(raw, "id", where)
        if not MODULE_ID.match(module_id):
            raise CurriculumError(f"{where}:{raw.line_of('id')}: bad module id '{module_id}'")
        if module_id in {m.id for m in modules}:
            raise CurriculumError(f"{where}:{raw.line}: duplicate module id '{module_id}'")
        kind = _need(raw, "kind", where)
        if kind not in MODULE_KINDS:
            raise CurriculumError(
                f"{where}:{raw.line_of('kind')}: module {module_id}: kind '{kind}' is not one of "
                f"{', '.join(MODULE_KINDS)}"
            )
        items = []
        for raw_item in _need(raw, "items", where, list):
            item_id = _need(raw_item, "id", where)
            if not item_id.startswith(module_id + ".") or item_id in seen_items:
                raise CurriculumError(
                    f"{where}:{raw_item.line}: item id '{item_id}' must be unique and start "
                    f"with '{module_id}.'"
                )
            seen_items.add(item_id)
            items.append(Item(item_id, _need(raw_item, "text", where), bool(raw_item.get("numbered"))))
        modules.append(
            Module(
                id=module_id,
                title=_need(raw, "title", where),
                kind=kind,
                minutes=_need(raw, "minutes", where, int),
                items=tuple(items),
                principle=raw.get("principle", ""),
            )
        )
    known = {m.id for m in modules}
    tracks = []
    for raw in _need(data, "tracks", where, list):
        track_modules = tuple(_need(raw, "modules", where, list))
        unknown = [m for m in track_modules if m not in known]
        if unknown:
            raise CurriculumError(
                f"{where}:{raw.line_of('modules')}: track '{raw.get('id')}' names unknown "
                f"module(s) {', '.join(map(str, unknown))}"
            )
        level = _need(raw, "level", where)
        if level not in LEVELS:
            raise CurriculumError(f"{where}:{raw.line_of('level')}: unknown level '{level}'")
        tracks.append(Track(_need(raw, "id", where), _need(raw, "title", where), level, track_modules))
    return Curriculum(tuple(modules), tuple(tracks))


@lru_cache(maxsize=8)
def _cached(path: str, mtime: float) -> Curriculum:
    return parse_curriculum(Path(path))


def load_curriculum(root: Path | None = None) -> Curriculum:
    """The project's curriculum, re-read whenever the file changes."""
    path = paths.curriculum_file(root)
    return _cached(str(path), path.stat().st_mtime)
