"""Choosing a session's questions: a whole module, or a custom set from the bank."""

from __future__ import annotations

import ipywidgets as widgets

from ..bank import Bank, Question, load_bank
from ..curriculum import load_curriculum

CUSTOM = "custom"


def _short(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


class QuestionPicker:
    """A module dropdown (or "Custom set") and, for a custom set, a multi-select of questions."""

    def __init__(self, bank: Bank | None = None):
        self.bank = bank or load_bank()
        curriculum = load_curriculum()
        self.titles = {m.id: m.title for m in curriculum.modules}
        choices = [(f"{m.id}. {m.title}", m.id) for m in curriculum.modules if self.bank.for_module(m.id)]
        choices.append(("Custom set of questions", CUSTOM))
        self.source = widgets.Dropdown(options=choices, value=choices[0][1], description="Questions from",
                                       style={"description_width": "initial"},
                                       layout=widgets.Layout(width="100%"))
        self.custom = widgets.SelectMultiple(
            options=[(f"{q.id}: {_short(q.stem)}", q.id) for q in self.bank.questions],
            rows=10, description="Questions", layout=widgets.Layout(width="100%"),
            tooltip="Hold Ctrl (or Cmd) to choose several questions")
        self.custom.layout.display = "none"
        self.source.observe(self._toggle_custom, names="value")
        self.widget = widgets.VBox([self.source, self.custom])

    def _toggle_custom(self, change) -> None:
        self.custom.layout.display = None if change["new"] == CUSTOM else "none"

    def choose(self, module_id: str | None = None, question_ids=()) -> None:
        """Pick a module, or a custom set of question ids (what a trainer's clicks do)."""
        if question_ids:
            self.source.value = CUSTOM
            self.custom.value = tuple(question_ids)
        elif module_id:
            self.source.value = module_id

    def questions(self) -> tuple[Question, ...]:
        if self.source.value == CUSTOM:
            return tuple(self.bank.by_id(qid) for qid in self.custom.value)
        return self.bank.for_module(self.source.value)

    def title(self) -> str:
        if self.source.value == CUSTOM:
            return f"Custom set of {len(self.custom.value)} question(s)"
        return f"{self.source.value}. {self.titles[self.source.value]}"
