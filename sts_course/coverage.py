"""Content coverage: every principle item is taught by a section and checked by a question.

A section claims an item with the ``{serves}`I2.3``` role in its chapter (book/modules/*.md);
a question claims one with its `serves:` field. Nothing here is counted by eye.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from . import paths
from .bank import Bank
from .curriculum import Curriculum

SERVES_ROLE = re.compile(r"\{serves\}`([^`]+)`")


@dataclass(frozen=True)
class Coverage:
    sections: dict[str, list[str]]  # item id -> "file:line" of each section serving it
    questions: dict[str, list[str]]  # item id -> question ids serving it
    missing_pages: tuple[str, ...]
    missing_banks: tuple[str, ...]
    unknown_items: tuple[str, ...]  # "file:line: id" for {serves} naming no item

    def problems(self) -> list[str]:
        found = [f"module page missing: {p}.md" for p in self.missing_pages]
        found += [f"question file missing: exercises/questions/{m}.yml" for m in self.missing_banks]
        found += [f"{u}: {{serves}} names an unknown principle item" for u in self.unknown_items]
        found += [f"principle item {i} is taught by no section (add {{serves}}`{i}` to one)"
                  for i, where in self.sections.items() if not where]
        found += [f"principle item {i} is checked by no question (add it to a question's serves)"
                  for i, qs in self.questions.items() if not qs]
        return found


def section_claims(page: Path) -> list[tuple[str, int]]:
    """(item id, line) for every {serves} role in a page."""
    claims = []
    for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), start=1):
        for match in SERVES_ROLE.finditer(line):
            claims += [(item, number) for item in match.group(1).split()]
    return claims


def measure(curriculum: Curriculum, bank: Bank, root: Path | None = None,
            modules: list[str] | None = None) -> Coverage:
    """Coverage of the whole curriculum, or of the named modules only."""
    root = root or paths.project_root()
    chosen = [m for m in curriculum.modules if not modules or m.id in modules]
    items = {i.id: i for m in chosen for i in m.items}
    sections = {i: [] for i in items}
    questions = {i: [] for i in items}
    unknown, missing_pages = [], []
    for module in chosen:
        page = root / f"{module.page}.md"
        if not page.is_file():
            missing_pages.append(module.page)
            continue
        for item, line in section_claims(page):
            where = f"{page.relative_to(root)}:{line}"
            if item in sections:
                sections[item].append(where)
            elif item not in curriculum.items:
                unknown.append(f"{where}: {item}")
    for question in bank.questions:
        for item in question.serves:
            if item in questions:
                questions[item].append(question.id)
    missing_banks = tuple(m.id for m in chosen if not bank.for_module(m.id))
    return Coverage(sections, questions, tuple(missing_pages), missing_banks, tuple(unknown))
