"""Discussion prompts per module (`exercises/discussion.yml`), checked against the curriculum."""

from __future__ import annotations

from pathlib import Path

from .. import paths
from ..curriculum import load_curriculum
from ..yaml_lines import load_yaml


class DiscussionError(ValueError):
    """discussion.yml is malformed; the message names the file, line and module."""


def discussion_file(root: Path | None = None) -> Path:
    return (root or paths.project_root()) / "exercises" / "discussion.yml"


def read_prompts(path: Path, module_ids) -> dict[str, tuple[str, ...]]:
    """Prompts by module id; every id must be a module of the curriculum."""
    data = load_yaml(path)
    modules = data.get("modules") if isinstance(data, dict) else None
    if not isinstance(modules, dict):
        raise DiscussionError(f"{path}:1: expected a mapping 'modules:' of module id to prompts")
    prompts = {}
    for module_id, items in modules.items():
        line = modules.line_of(module_id)
        if module_id not in module_ids:
            raise DiscussionError(f"{path}:{line}: unknown module {module_id!r}; "
                                  f"known: {', '.join(module_ids)}")
        if not isinstance(items, list) or not items or not all(
                isinstance(item, str) and item.strip() for item in items):
            raise DiscussionError(f"{path}:{line}: module {module_id}: give a list of non-empty prompts")
        prompts[module_id] = tuple(item.strip() for item in items)
    return prompts


def load_prompts(root: Path | None = None) -> dict[str, tuple[str, ...]]:
    """The course's discussion prompts, by module id."""
    return read_prompts(discussion_file(root), load_curriculum(root).module_ids)
