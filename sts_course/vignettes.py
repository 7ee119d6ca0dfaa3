"""Branching case vignettes for the supervisor track: `exercises/vignettes/<id>.yml`.

A vignette is a small graph. Each node is either a *decision* (a situation and the choices a
supervisor or leader could make, each leading to another node) or an *ending* (what followed,
an outcome and expert commentary). Validation checks every field, every target, that every
node can be reached from the start, and that no path loops, so every path ends.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from . import paths
from .curriculum import Curriculum, load_curriculum
from .datafile import DataFileError, FieldReader, line_of, read_each, read_mapping

VIGNETTE_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
OUTCOMES = ("helpful", "partly helpful", "unhelpful")
MIN_CHOICES, MAX_CHOICES = 2, 5


@dataclass(frozen=True)
class Choice:
    label: str
    next: str


@dataclass(frozen=True)
class Node:
    id: str
    text: str
    choices: tuple[Choice, ...] = ()
    outcome: str = ""
    commentary: str = ""

    @property
    def is_ending(self) -> bool:
        return not self.choices


@dataclass(frozen=True)
class Vignette:
    id: str
    title: str
    summary: str
    serves: tuple[str, ...]
    start: str
    nodes: dict[str, Node]
    source: str = ""

    def node(self, node_id: str) -> Node:
        return self.nodes[node_id]

    @property
    def endings(self) -> tuple[str, ...]:
        return tuple(n.id for n in self.nodes.values() if n.is_ending)

    def paths(self) -> list[tuple[int, ...]]:
        """Every path from the start to an ending, as the choice numbers taken (0-based)."""
        found = []

        def walk(node_id: str, taken: tuple[int, ...]):
            node = self.nodes[node_id]
            if node.is_ending:
                found.append(taken)
            for number, choice in enumerate(node.choices):
                walk(choice.next, taken + (number,))

        walk(self.start, ())
        return found


def vignettes_dir(root: Path | None = None) -> Path:
    return (root or paths.project_root()) / "exercises" / "vignettes"


def _read_node(reader: FieldReader, node_id: str, raw, where: int) -> Node | None:
    context = f"nodes.{node_id}"
    if not isinstance(raw, dict):
        reader.problem(where, context, "each node must be a mapping with text and choices, or an ending")
        return None
    text = reader.text(raw, "text", f"{context}.text")
    has_choices, has_outcome = "choices" in raw, "outcome" in raw
    if has_choices == has_outcome:
        reader.problem(raw.line, context, "give either 'choices' (a decision) or 'outcome' and "
                       "'commentary' (an ending), not both or neither")
        return None
    if has_outcome:
        outcome = raw.get("outcome")
        if outcome not in OUTCOMES:
            reader.problem(raw.line_of("outcome"), f"{context}.outcome",
                           f"{outcome!r} is not one of {', '.join(OUTCOMES)}")
        return Node(node_id, text, outcome=str(outcome),
                    commentary=reader.text(raw, "commentary", f"{context}.commentary"))
    choices = []
    raw_choices = raw.get("choices")
    if not isinstance(raw_choices, list) or not MIN_CHOICES <= len(raw_choices) <= MAX_CHOICES:
        reader.problem(raw.line_of("choices"), f"{context}.choices",
                       f"give {MIN_CHOICES} to {MAX_CHOICES} choices")
        raw_choices = raw_choices if isinstance(raw_choices, list) else []
    for number, raw_choice in enumerate(raw_choices, start=1):
        field = f"{context}.choices[{number}]"
        if not isinstance(raw_choice, dict):
            reader.problem(raw.line_of("choices"), field, "must be a mapping with label and next")
            continue
        choices.append(Choice(reader.text(raw_choice, "label", f"{field}.label"),
                              reader.text(raw_choice, "next", f"{field}.next")))
    labels = [c.label.casefold() for c in choices]
    if len(set(labels)) != len(labels):
        reader.problem(raw.line_of("choices"), f"{context}.choices", "two choices have the same label")
    return Node(node_id, text, tuple(choices))


def _check_graph(reader: FieldReader, raw_nodes, nodes: dict[str, Node], start: str) -> None:
    """Targets exist, every node is reachable from the start, and no path loops."""
    for node in nodes.values():
        for number, choice in enumerate(node.choices, start=1):
            if choice.next and choice.next not in nodes:
                raw_choice = raw_nodes[node.id]["choices"][number - 1]
                reader.problem(line_of(raw_choice, "next"), f"nodes.{node.id}.choices[{number}].next",
                               f"names no node: {choice.next!r}")
    if start not in nodes:
        return
    state: dict[str, str] = {}  # "open" while on the current path, "done" once explored

    def visit(node_id: str, trail: list[str]):
        state[node_id] = "open"
        for choice in nodes[node_id].choices:
            if choice.next not in nodes:
                continue
            if state.get(choice.next) == "open":
                loop = " -> ".join(trail[trail.index(choice.next):] + [choice.next])
                reader.problem(line_of(raw_nodes, node_id), f"nodes.{node_id}",
                               f"a path loops back ({loop}); every path must reach an ending")
            elif choice.next not in state:
                visit(choice.next, trail + [choice.next])
        state[node_id] = "done"

    visit(start, [start])
    for node_id in nodes:
        if node_id not in state:
            reader.problem(line_of(raw_nodes, node_id), f"nodes.{node_id}",
                           "cannot be reached from the start node")


def read_vignette(path: Path, curriculum: Curriculum) -> Vignette:
    """Load and validate one vignette file; raise DataFileError listing every problem."""
    reader, data = read_mapping(path)
    vignette_id = reader.text(data, "id") if data else ""
    if vignette_id and not VIGNETTE_ID.match(vignette_id):
        reader.problem(data.line_of("id"), "id", "use lowercase letters, digits and dashes, e.g. 'quiet-withdrawal'")
    elif vignette_id and vignette_id != Path(path).stem:
        reader.problem(data.line_of("id"), "id", f"vignette {vignette_id} must live in {vignette_id}.yml")
    title = reader.text(data, "title") if data else ""
    summary = reader.text(data, "summary") if data else ""
    serves = tuple(reader.texts(data, "serves")) if data else ()
    for item in serves:
        if item not in curriculum.items:
            reader.problem(data.line_of("serves"), "serves",
                           f"unknown principle item {item!r} (see exercises/curriculum.yml)")
    start = reader.text(data, "start") if data else ""
    raw_nodes = reader.mapping(data, "nodes") if data else {}
    nodes = {}
    for node_id, raw in raw_nodes.items():
        node = _read_node(reader, str(node_id), raw, line_of(raw_nodes, node_id))
        if node:
            nodes[node.id] = node
    if start and raw_nodes and start not in raw_nodes:
        reader.problem(data.line_of("start"), "start", f"names no node: {start!r}")
    if not reader.problems:
        _check_graph(reader, raw_nodes, nodes, start)
    reader.finish()
    return Vignette(vignette_id, title, summary, serves, start, nodes, str(path))


def read_vignettes(folder: Path, curriculum: Curriculum) -> tuple[Vignette, ...]:
    """Every vignette in `folder`, validated; problems from all files are reported together."""
    files = sorted(Path(folder).glob("*.yml"))
    if not files:
        raise DataFileError([f"{folder}: no vignette files (*.yml) found"])
    return read_each(files, lambda path: read_vignette(path, curriculum))


@lru_cache(maxsize=4)
def _cached(folder: str, stamp: tuple, curriculum: Curriculum) -> tuple[Vignette, ...]:
    return read_vignettes(Path(folder), curriculum)


def load_vignettes(root: Path | None = None) -> tuple[Vignette, ...]:
    """The project's vignettes, re-read whenever a file changes."""
    folder = vignettes_dir(root)
    stamp = tuple((p.name, p.stat().st_mtime) for p in sorted(folder.glob("*.yml")))
    return _cached(str(folder), stamp, load_curriculum(root))


class UnknownVignette(LookupError):
    """No vignette has the requested id."""


def vignette(vignette_id: str, root: Path | None = None) -> Vignette:
    for item in load_vignettes(root):
        if item.id == vignette_id:
            return item
    known = ", ".join(v.id for v in load_vignettes(root))
    raise UnknownVignette(f"no vignette {vignette_id!r}; known: {known}")
