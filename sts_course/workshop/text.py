"""The workshop app's messages, read from `notebooks/workshop.yml` (prose lives in data)."""

from __future__ import annotations

from functools import lru_cache
from html import escape

from .. import paths
from ..yaml_lines import load_yaml


@lru_cache(maxsize=1)
def _messages() -> dict[str, str]:
    path = paths.notebooks_dir() / "workshop.yml"
    data = load_yaml(path)
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        raise ValueError(f"{path}: expected a mapping of message name to text")
    return dict(data)


def message(name: str, **fields) -> str:
    """A message by name, with {placeholders} filled in; KeyError names the file if missing."""
    try:
        template = _messages()[name]
    except KeyError:
        raise KeyError(f"notebooks/workshop.yml has no message {name!r}") from None
    return template.format(**fields)


def paragraph(name: str, css: str = "", role: str = "", **fields) -> str:
    """A message as an escaped HTML paragraph."""
    attributes = (f' class="{css}"' if css else "") + (f' role="{role}"' if role else "")
    return f"<p{attributes}>{escape(message(name, **fields))}</p>"
