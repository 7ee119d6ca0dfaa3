"""Measures of the course text: words, questions and reading grade level per module.

Prose is measured after removing MyST markup (front matter, directives, code cells, roles,
tables), so the figures describe what a reader reads. Grade level is the Flesch-Kincaid grade
computed by the `textstat` package.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import textstat

from . import paths
from .bank import load_bank
from .curriculum import load_curriculum

FENCE = re.compile(r"^(`{3,}|~{3,}|:{3,})(?:\{([\w-]+)\})?")
ROLE = re.compile(r"\{[a-z:-]+\}`([^`<]*?)(?:\s*<[^>]*>)?`")
TEXT_DIRECTIVES = {"admonition", "note", "tip", "caution", "important", "warning", "seealso"}


def prose(markdown: str) -> str:
    """The readable sentences of a MyST page: admonition text kept; code, data-driven
    directives, directive options, tables, labels and badges dropped; roles reduced to their text."""
    text = re.sub(r"\A---\n.*?\n---\n", "", markdown, flags=re.S)
    kept, open_fences = [], []  # one bool per open fence: is its body prose?
    for line in text.splitlines():
        stripped = line.strip()
        fence = FENCE.match(stripped)
        if fence and fence.group(2):
            open_fences.append(fence.group(2) in TEXT_DIRECTIVES)
        elif fence:
            open_fences.pop() if open_fences else open_fences.append(False)
        elif all(open_fences) and not stripped.startswith((":", "|", "(", "{serves}")):
            kept.append(ROLE.sub(r"\1", line).lstrip("#-* "))
    return "\n".join(kept)


@dataclass(frozen=True)
class ModuleStats:
    module: str
    words: int
    questions: int
    grade: float


def module_stats(root: Path | None = None) -> list[ModuleStats]:
    root = root or paths.project_root()
    bank = load_bank(root)
    stats = []
    for module in load_curriculum(root).modules:
        text = prose((root / f"{module.page}.md").read_text(encoding="utf-8"))
        stats.append(ModuleStats(module.id, len(text.split()), len(bank.for_module(module.id)),
                                 round(textstat.flesch_kincaid_grade(text), 1)))
    return stats
