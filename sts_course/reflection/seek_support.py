"""Exercise I7: when to seek support. A decision aid (reflection, never a diagnosis) and a
personal resource card (EAP, trauma-informed professional, spiritual or cultural support)
that can be printed as a PDF."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from html import escape
from pathlib import Path

import ipywidgets as widgets
from matplotlib.figure import Figure

from ..figures.resource_card import resource_card
from ..journal import InvalidEntry
from ..printable import write_pdf
from . import content
from .common import FigureView, LatestEntryApp, Messages, action_button, choice, data_link, prompt_block, section
from .inputs import optional_text

EXERCISE = "I7"
KIND = "card"
ANSWERS = ("yes", "unsure", "no")
SUGGESTIONS = ("urgent", "reach_out", "talk", "keep")
REACH_OUT_AT = 2  # "yes" answers from which reaching out for external support is suggested
MAX_FIELD = 200


@dataclass(frozen=True)
class Question:
    id: str
    label: str
    text: str


@dataclass(frozen=True)
class Field:
    id: str
    label: str
    placeholder: str


@dataclass(frozen=True)
class Content:
    exercise: content.Exercise
    answers: dict[str, str]
    questions: tuple[Question, ...]
    safety: Question
    suggestions: dict[str, str]
    card_heading: str
    fields: tuple[Field, ...]
    footer: str
    sample: dict[str, str]


def _parse(reader: content.Reader, exercise: content.Exercise) -> Content:
    answers, suggestions = reader.mapping("answers"), reader.mapping("suggestions")
    safety, card, sample = reader.mapping("safety"), reader.mapping("card"), reader.mapping("sample")
    fields = tuple(Field(r["id"], r["label"], r["placeholder"])
                   for r in reader.records("fields", ("label", "placeholder"), card))
    return Content(exercise, {a: reader.text(a, answers) for a in ANSWERS},
                   tuple(Question(r["id"], r["label"], r["text"]) for r in reader.records("questions", ("label", "text"))),
                   Question(reader.text("id", safety), reader.text("label", safety), reader.text("text", safety)),
                   {s: reader.text(s, suggestions) for s in SUGGESTIONS}, reader.text("heading", card),
                   fields, reader.text("footer", card), {f.id: reader.text(f.id, sample) for f in fields})


def load_content(root=None) -> Content:
    return content.load(EXERCISE, _parse, root)


# -- logic ---------------------------------------------------------------------------------

def validate_decision(answers: dict, settings: Content | None = None) -> dict[str, str]:
    settings = settings or load_content()
    clean = {}
    for question in (*settings.questions, settings.safety):
        value = answers.get(question.id)
        if value not in ANSWERS:
            raise InvalidEntry(question.text, f"please answer {', '.join(settings.answers.values())}.")
        clean[question.id] = value
    return clean


def suggestion(answers: dict, settings: Content | None = None) -> str:
    """Which suggestion the answers point to: "urgent" (the safety question answered yes
    or unsure), "reach_out" (REACH_OUT_AT or more yes), "talk" (any yes or unsure), or "keep"."""
    settings = settings or load_content()
    answers = validate_decision(answers, settings)
    if answers[settings.safety.id] != "no":
        return "urgent"
    values = [answers[q.id] for q in settings.questions]
    if values.count("yes") >= REACH_OUT_AT:
        return "reach_out"
    return "talk" if "yes" in values or "unsure" in values else "keep"


def card_payload(values: dict, settings: Content | None = None) -> dict:
    """What the card saves: at least one way to reach support must be filled in."""
    settings = settings or load_content()
    card = {f.id: optional_text(f.label, values.get(f.id), MAX_FIELD) for f in settings.fields}
    if not any(v for k, v in card.items() if k != "first_step"):
        raise InvalidEntry("Your card", "has no support on it yet; fill in at least one person or service.")
    return card


def card_figure(settings: Content, card: dict | None) -> Figure:
    card = card or {}
    return resource_card(settings.card_heading, [(f.label, card.get(f.id, "")) for f in settings.fields],
                         settings.footer)


def card_summary(settings: Content, card: dict | None) -> str:
    if not card or not any(card.values()):
        return "Your card is empty so far."
    rows = "; ".join(f"{f.label}: {card.get(f.id) or 'blank'}" for f in settings.fields)
    return f"{settings.card_heading}. {rows}."


def print_card(settings: Content, card: dict, path: Path) -> Path:
    """Write the card as a one-page PDF to `path` (a place the learner chose)."""
    return write_pdf(path, [card_figure(settings, card)])


def sample_figure() -> Figure:
    """The site's example, drawn from the fictional card in I7.yml."""
    settings = load_content()
    return card_figure(settings, settings.sample)


# -- app -----------------------------------------------------------------------------------

class SeekSupportApp(LatestEntryApp):
    exercise_id, kind = EXERCISE, KIND

    def build(self):
        s = self.settings = load_content()
        self.questions = {q.id: choice(q.label, s.answers, numbered=False) for q in (*s.questions, s.safety)}
        for q in (*s.questions, s.safety):
            self.questions[q.id].tooltip = q.text
        self.decision_messages = Messages()
        self.suggestion = widgets.HTML()
        self.suggest_button = action_button("Show what this suggests", "See a suggestion; nothing is saved",
                                            self.suggest, self.decision_messages, failure="")
        self.fields = {f.id: widgets.Text(description=f.label, placeholder=f.placeholder,
                                          style={"description_width": "17em"}, layout=widgets.Layout(width="95%"))
                       for f in s.fields}
        self.save_button = action_button("Save my card", "Save your card to your private journal",
                                         self.submit, self.messages)
        self.print_button = action_button("Print my card (PDF)", "Write your saved card as a one-page PDF",
                                          self.print_pdf, self.messages, failure="Not printed.", style="")
        self.download = widgets.HTML()
        self.figure = FigureView()
        self.fill(self.latest_payload())
        questions = [prompt_block(q.text, self.questions[q.id]) for q in (*s.questions, s.safety)]
        return [section("Is it time to reach out?", *questions, self.suggest_button, self.decision_messages,
                        self.suggestion),
                section(s.card_heading, *self.fields.values(), widgets.HBox([self.save_button, self.print_button]),
                        self.messages, self.download, self.figure)]

    def fill(self, payload) -> None:
        for key, box in self.fields.items():
            box.value = (payload or {}).get(key, "")

    def suggest(self) -> str:
        key = suggestion({k: c.value for k, c in self.questions.items()}, self.settings)
        role = "alert" if key == "urgent" else "status"
        self.suggestion.value = (f'<div class="sts-msg-note" role="{role}"><p>'
                                 f"{escape(self.settings.suggestions[key])}</p></div>")
        return "Here is what your answers suggest. They were not saved."

    def payload(self) -> dict:
        return card_payload({k: b.value for k, b in self.fields.items()}, self.settings)

    def draw(self, payload):
        return card_figure(self.settings, payload), card_summary(self.settings, payload)

    def print_pdf(self) -> str:
        card = self.latest_payload()
        if card is None:
            raise InvalidEntry("Your card", "is not saved yet; save it first, then print it.")
        folder = self.controls.export_folder()
        path = print_card(self.settings, card, folder / f"support-card-{datetime.now():%Y%m%d-%H%M%S}.pdf")
        self.download.value = f"<p>Download: {data_link(path, 'application/pdf', 'your card (PDF)')}</p>"
        return f"Wrote your card to {path}."


def app(journal=None) -> SeekSupportApp:
    """The when-to-seek-support exercise: `from sts_course.reflection.seek_support import app; app()`."""
    return SeekSupportApp(journal)
