"""Solo mode: the same questions for one person (or projected for a group), with no session.

Nothing is stored. The quiz is the course's own `Quiz` (instant feedback, running score),
followed by the module's discussion prompts.
"""

from __future__ import annotations

import ipywidgets as widgets

from ..bank import Bank
from ..quiz import Quiz
from .discussion import load_prompts
from .lifecycle import shutdown_on_close
from .panels import discussion_html, status_html
from .picker import QuestionPicker
from .text import paragraph


class SoloView:
    """Pick a module or a custom set, then take the quiz."""

    def __init__(self, bank: Bank, module_id: str | None = None):
        self.picker = QuestionPicker(bank)
        self.quiz: Quiz | None = None
        self.start_button = widgets.Button(description="Start quiz", button_style="primary",
                                           tooltip="Start the quiz with the chosen questions")
        self.start_button.on_click(lambda _: self.start())
        self.area = widgets.VBox()
        self.widget = widgets.VBox([widgets.HTML("<h2>Workshop quiz: solo</h2>" + paragraph("solo_intro")),
                                    self.picker.widget, self.start_button, self.area, shutdown_on_close()])
        if module_id and bank.for_module(module_id):
            self.picker.choose(module_id)
            self.start()

    def start(self) -> Quiz | None:
        questions = self.picker.questions()
        if not questions:
            self.area.children = [widgets.HTML(status_html("Choose at least one question.", "alert"))]
            return None
        self.quiz = Quiz(questions, title=self.picker.title())
        prompts = discussion_html(load_prompts(), [q.module for q in questions])
        self.area.children = [self.quiz.widget, widgets.HTML(prompts)]
        return self.quiz
