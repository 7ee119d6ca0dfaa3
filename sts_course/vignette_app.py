"""The branching vignettes as an ipywidgets app (JupyterLab or Voila).

A choice is a button; Back undoes the last choice and Restart returns to the start. The path
taken is always shown as text, and an ending's outcome is given in words and a symbol.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

import ipywidgets as widgets

from . import paths
from .app_widgets import app_box, paragraphs, requested, set_hidden
from .datafile import read_mapping
from .vignettes import Vignette, load_vignettes, vignette

OUTCOME_MARKS = {"helpful": "\u2713", "partly helpful": "\u25d0", "unhelpful": "\u2717"}
TEXT_KEYS = ("title", "intro", "picker_hint", "path_heading", "no_path", "commentary_heading")


def load_texts(root: Path | None = None) -> dict[str, str]:
    path = (root or paths.project_root()) / "exercises" / "supervision" / "vignettes.yml"
    reader, data = read_mapping(path)
    texts = {key: reader.text(data, key) for key in TEXT_KEYS}
    reader.finish()
    return texts


class VignetteApp:
    """One vignette, played through choice buttons."""

    def __init__(self, story: Vignette, texts: dict[str, str] | None = None):
        self.vignette = story
        self.texts = texts or load_texts()
        self.trail: list[tuple[str, int]] = []  # (node id, choice number) for each choice made
        self.story = widgets.HTML()
        self.choices = widgets.VBox()
        self.back_button = widgets.Button(description="Back", tooltip="Undo your last choice")
        self.restart_button = widgets.Button(description="Restart", tooltip="Start this vignette again")
        self.back_button.on_click(lambda _: self.back())
        self.restart_button.on_click(lambda _: self.restart())
        self.path = widgets.HTML()
        heading = widgets.HTML(f"<h2>{escape(story.title)}</h2>{paragraphs(story.summary)}")
        self.widget = app_box([heading, self.story, self.choices,
                               widgets.HBox([self.back_button, self.restart_button]), self.path])
        self._render()

    @property
    def node_id(self) -> str:
        if not self.trail:
            return self.vignette.start
        node_id, number = self.trail[-1]
        return self.vignette.node(node_id).choices[number].next

    @property
    def choice_buttons(self) -> list[widgets.Button]:
        return list(self.choices.children)

    def choose(self, number: int) -> None:
        node = self.vignette.node(self.node_id)
        if not 0 <= number < len(node.choices):
            raise IndexError(f"{self.vignette.id}: node '{node.id}' has no choice {number + 1}")
        self.trail.append((node.id, number))
        self._render()

    def back(self) -> None:
        if self.trail:
            self.trail.pop()
            self._render()

    def restart(self) -> None:
        self.trail.clear()
        self._render()

    def path_labels(self) -> list[str]:
        return [self.vignette.node(n).choices[i].label for n, i in self.trail]

    def _render(self) -> None:
        node = self.vignette.node(self.node_id)
        html = f'<div class="sts-box" role="region" aria-live="polite" aria-label="Situation">{paragraphs(node.text)}'
        if node.is_ending:
            css = "sts-outcome-" + node.outcome.replace(" ", "-")
            html += (f'<div class="{css}"><p><strong>Outcome: {OUTCOME_MARKS[node.outcome]} '
                     f'{escape(node.outcome)}</strong></p>'
                     f'<h3>{escape(self.texts["commentary_heading"])}</h3>{paragraphs(node.commentary)}</div>')
        self.story.value = html + "</div>"
        buttons = []
        for number, choice in enumerate(node.choices):
            button = widgets.Button(description=f"{number + 1}. {choice.label}", tooltip=choice.label)
            button.add_class("sts-choice")
            button.on_click(lambda _, n=number: self.choose(n))
            buttons.append(button)
        self.choices.children = buttons
        set_hidden(self.choices, not buttons)
        self.back_button.disabled = self.restart_button.disabled = not self.trail
        labels = self.path_labels()
        steps = ("<ol>" + "".join(f"<li>{escape(label)}</li>" for label in labels) + "</ol>"
                 if labels else f"<p>{escape(self.texts['no_path'])}</p>")
        self.path.value = f"<h3>{escape(self.texts['path_heading'])}</h3>{steps}"


def vignettes_app():
    """The Voila app: the vignette named by `?vignette=<id>` (or STS_VIGNETTE), else a picker."""
    texts = load_texts()
    chosen = requested("vignette", "STS_VIGNETTE")
    if chosen:
        return VignetteApp(vignette(chosen), texts).widget
    picker = widgets.Dropdown(options=[(v.title, v.id) for v in load_vignettes()], value=None,
                              description="Vignette:")
    area = widgets.VBox()
    picker.observe(lambda change: setattr(area, "children", [VignetteApp(vignette(change["new"]), texts).widget])
                   if change["new"] else None, names="value")
    intro = widgets.HTML(f"<h2>{escape(texts['title'])}</h2>{paragraphs(texts['intro'])}"
                         f"<p>{escape(texts['picker_hint'])}</p>")
    return app_box([intro, picker, area])
