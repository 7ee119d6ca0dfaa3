"""The ipywidgets quiz: the same behaviour as the site's knowledge check, in a kernel.

Used by the self-study notebooks, `sts-course quiz` (Voila), and the workshop app. Grading
is `Question.evaluate`; this module only draws and wires the controls.
"""

from __future__ import annotations

import os
from html import escape
from urllib.parse import parse_qs

import ipywidgets as widgets

from .bank import Evaluation, Question, load_bank
from .curriculum import load_curriculum

# Long option texts must wrap, and focus must be visible; ipywidgets' defaults do neither well.
STYLE = """<style>
.sts-quiz .widget-radio-box label, .sts-quiz .widget-checkbox label,
.sts-quiz .widget-checkbox .widget-label-basic { white-space: normal !important; height: auto !important; line-height: 1.4; }
.sts-quiz .widget-radio-box input, .sts-quiz .widget-checkbox input { flex-shrink: 0; }
.sts-quiz .widget-checkbox { height: auto !important; width: 100% !important; }
.sts-quiz-question { border: 1px solid #8a8f98; border-radius: 6px; padding: 8px 12px; margin-bottom: 12px; }
.sts-quiz input:focus-visible, .sts-quiz button:focus-visible { outline: 3px solid #1a5fb4 !important; outline-offset: 2px; }
.sts-quiz .sts-right { border-left: 4px solid #1e7a3c; padding-left: 8px; }
.sts-quiz .sts-wrong { border-left: 4px solid #b3261e; padding-left: 8px; }
</style>"""


def _hidden(widget: widgets.Widget, hidden: bool) -> None:
    widget.layout.display = "none" if hidden else None


def feedback_html(evaluation: Evaluation) -> str:
    """Per-option feedback for the options the learner chose, marked with text and symbol."""
    blocks = []
    for option in evaluation.selected:
        verdict, css = ("\u2713 Correct choice.", "sts-right") if option.correct else ("\u2717 Not correct.", "sts-wrong")
        blocks.append(f'<p class="{css}"><strong>{option.key}. {verdict}</strong> {escape(option.feedback)}</p>')
    return "".join(blocks)


class QuestionCard:
    """One question: its choices, Check and Try again buttons, result and feedback."""

    def __init__(self, question: Question, number: int, total: int, on_change=lambda: None):
        self.question, self.on_change = question, on_change
        self.state = ""  # "", "correct" or "incorrect"
        labels = [(f"{o.key}. {o.text}", o.key) for o in question.options]
        if question.type == "multiple":
            self.boxes = [widgets.Checkbox(description=label, value=False, indent=False,
                                           layout=widgets.Layout(width="100%"))
                          for label, _ in labels]
            self.choices = widgets.VBox(self.boxes)
        else:
            self.boxes = []
            self.choices = widgets.RadioButtons(options=labels, value=None,
                                                layout=widgets.Layout(width="100%"))
        self.choices.add_class("sts-quiz-choices")
        self.check_button = widgets.Button(description="Check answer", button_style="primary",
                                           tooltip=f"Check your answer to question {number}")
        self.retry_button = widgets.Button(description="Try again",
                                           tooltip=f"Clear your answer to question {number}")
        _hidden(self.retry_button, True)
        self.result = widgets.HTML(value="")
        self.feedback = widgets.HTML(value="")
        self.check_button.on_click(lambda _: self.check())
        self.retry_button.on_click(lambda _: self.retry())
        header = widgets.HTML(
            f"<div><small>Question {number} of {total}</small><br>"
            f"<strong>{escape(question.stem)}</strong><br><em>{escape(question.hint)}</em></div>")
        self.widget = widgets.VBox([header, self.choices,
                                    widgets.HBox([self.check_button, self.retry_button]),
                                    self.result, self.feedback])
        self.widget.add_class("sts-quiz-question")

    def selected(self) -> set[str]:
        if self.boxes:
            return {o.key for o, box in zip(self.question.options, self.boxes) if box.value}
        return {self.choices.value} if self.choices.value else set()

    def select(self, keys) -> None:
        """Choose options by key (what a learner's clicks do; used by tests and the workshop)."""
        keys = set(keys)
        if self.boxes:
            for option, box in zip(self.question.options, self.boxes):
                box.value = option.key in keys
        else:
            self.choices.value = next(iter(keys)) if keys else None

    def _set_enabled(self, enabled: bool) -> None:
        for control in self.boxes or [self.choices]:
            control.disabled = not enabled

    def check(self) -> Evaluation:
        evaluation = self.question.evaluate(self.selected())
        self.result.value = f"<p role='status'><strong>{escape(evaluation.summary)}</strong></p>"
        self.feedback.value = feedback_html(evaluation)
        if evaluation.selected:
            self.state = "correct" if evaluation.correct else "incorrect"
            self._set_enabled(False)
            _hidden(self.check_button, True)
            _hidden(self.retry_button, False)
            self.on_change()
        return evaluation

    def retry(self) -> None:
        self.select(())
        self._set_enabled(True)
        self.result.value = self.feedback.value = ""
        self.state = ""
        _hidden(self.check_button, False)
        _hidden(self.retry_button, True)
        self.on_change()


class Quiz:
    """A list of question cards with a running score."""

    def __init__(self, questions, title: str = ""):
        questions = tuple(questions)
        if not questions:
            raise ValueError("a quiz needs at least one question")
        self.score = widgets.HTML()
        self.cards = [QuestionCard(q, n, len(questions), self._update_score)
                      for n, q in enumerate(questions, start=1)]
        self._update_score()
        heading = [widgets.HTML(f"<h2>{escape(title)}</h2>")] if title else []
        self.widget = widgets.VBox([widgets.HTML(STYLE), *heading,
                                    *(c.widget for c in self.cards), self.score])
        self.widget.add_class("sts-quiz")

    @property
    def correct_count(self) -> int:
        return sum(card.state == "correct" for card in self.cards)

    def _update_score(self) -> None:
        self.score.value = (f"<p role='status'><strong>Score: {self.correct_count} of "
                            f"{len(self.cards)} correct so far.</strong></p>")

    def _ipython_display_(self):
        from IPython.display import display

        display(self.widget)


def module_quiz(module_id: str) -> Quiz:
    """The knowledge check of one module, e.g. `module_quiz("F1")`."""
    module = load_curriculum().module(module_id)
    return Quiz(load_bank().for_module(module_id), title=f"{module.id}. {module.title}: knowledge check")


def requested_module() -> str | None:
    """The module asked for by `sts-course quiz F1` (env) or a Voila URL `?module=F1`."""
    query = parse_qs(os.environ.get("QUERY_STRING", ""))
    return (query.get("module") or [None])[0] or os.environ.get("STS_QUIZ_MODULE") or None


def quiz_app():
    """The Voila quiz: the requested module's quiz, or a module picker when none was named."""
    module_id = requested_module()
    if module_id:
        return module_quiz(module_id).widget
    bank = load_bank()
    curriculum = load_curriculum()
    choices = [(f"{m.id}. {m.title}", m.id) for m in curriculum.modules if bank.for_module(m.id)]
    picker = widgets.Dropdown(options=choices, value=None, description="Module:")
    area = widgets.VBox()
    picker.observe(lambda change: setattr(area, "children", [module_quiz(change["new"]).widget])
                   if change["new"] else None, names="value")
    return widgets.VBox([widgets.HTML("<h2>Knowledge checks</h2><p>Choose a module to begin.</p>"),
                         picker, area])
