"""Exercise I2: meaning and purpose. Guided prompts for the seven beliefs that sustain
well-being in helping work, each with a "how strong right now" rating, and a gratitude log."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

import ipywidgets as widgets
from matplotlib.figure import Figure

from ..figures.beliefs_profile import beliefs_profile
from ..journal import InvalidEntry
from . import content
from .common import ExerciseApp, FigureView, Messages, action_button, choice, prompt_block, section, text_box
from .inputs import optional_text, rating, text_lines

EXERCISE = "I2"
BELIEFS_KIND = "beliefs"
GRATITUDE_KIND = "gratitude"
LOG_LENGTH = 10  # gratitude entries shown in the app


@dataclass(frozen=True)
class Content:
    exercise: content.Exercise
    rating_label: str
    scale: dict[int, str]
    beliefs: tuple[content.Prompt, ...]
    gratitude_label: str
    gratitude_prompt: str
    gratitude_max: int
    log_heading: str
    sample: dict[str, int]


def _parse(reader: content.Reader, exercise: content.Exercise) -> Content:
    beliefs = reader.prompts("beliefs")
    gratitude, sample = reader.mapping("gratitude"), reader.mapping("sample")
    scale = reader.scale("scale")
    return Content(exercise, reader.text("rating_label"), scale, beliefs,
                   reader.text("label", gratitude), reader.text("prompt", gratitude),
                   reader.integer("max_items", gratitude, 1, 10), reader.text("log_heading", gratitude),
                   {b.id: reader.integer(b.id, sample, min(scale), max(scale)) for b in beliefs})


def load_content(root=None) -> Content:
    return content.load(EXERCISE, _parse, root)


# -- logic ---------------------------------------------------------------------------------

def beliefs_payload(notes: dict, ratings: dict, settings: Content | None = None) -> dict:
    """What one round of the prompts saves. At least one written response is needed;
    ratings are optional but must be on the scale."""
    settings = settings or load_content()
    clean_notes = {b.id: optional_text(b.label, notes.get(b.id)) for b in settings.beliefs}
    if not any(clean_notes.values()):
        raise InvalidEntry("Your responses", "are all empty; write a response to at least one prompt.")
    return {"notes": {k: v for k, v in clean_notes.items() if v},
            "ratings": {b.id: rating(b.label, ratings.get(b.id), settings.scale, required=False)
                        for b in settings.beliefs}}


def gratitude_payload(text: str, settings: Content | None = None) -> dict:
    settings = settings or load_content()
    items = text_lines(settings.gratitude_label, text, settings.gratitude_max)
    if not items:
        raise InvalidEntry(settings.gratitude_label, "is empty; write at least one thing, one per line.")
    return {"items": items}


def beliefs_summary(settings: Content, ratings: dict | None) -> str:
    rated = {b.label: ratings[b.id] for b in settings.beliefs if ratings and ratings.get(b.id) is not None}
    if not rated:
        return "No beliefs rated yet. Rate how strong each one feels, then save."
    text = "; ".join(f"{label} {value} ({settings.scale[value].lower()})" for label, value in rated.items())
    top, low = max(rated.values()), min(rated.values())
    if top == low:
        return f"How strong each belief feels right now: {text}."
    strongest = ", ".join(k for k, v in rated.items() if v == top)
    worn = ", ".join(k for k, v in rated.items() if v == low)
    return f"How strong each belief feels right now: {text}. Strongest: {strongest}. Most worn: {worn}."


def beliefs_figure(settings: Content, ratings: dict | None) -> Figure:
    return beliefs_profile([b.label for b in settings.beliefs],
                           [(ratings or {}).get(b.id) for b in settings.beliefs], settings.scale)


def sample_figure() -> Figure:
    """The site's example, drawn from the fictional ratings in I2.yml."""
    settings = load_content()
    return beliefs_figure(settings, settings.sample)


# -- app -----------------------------------------------------------------------------------

class MeaningApp(ExerciseApp):
    exercise_id = EXERCISE

    def build(self):
        s = self.settings = load_content()
        self.notes = {b.id: text_box(b.label, b.prompt) for b in s.beliefs}
        self.ratings = {b.id: choice(f"{b.label}: {s.rating_label.lower()}", s.scale) for b in s.beliefs}
        rows = [prompt_block(b.prompt, self.notes[b.id], self.ratings[b.id], heading=b.label) for b in s.beliefs]
        self.save_button = action_button("Save my reflections", "Save your responses to your private journal",
                                         self.submit, self.messages)
        self.figure = FigureView()
        self.gratitude = text_box(s.gratitude_label, s.gratitude_prompt, rows=3)
        self.gratitude_messages = Messages()
        self.gratitude_button = action_button("Add to my gratitude log", "Save these to your gratitude log",
                                              self.add_gratitude, self.gratitude_messages)
        self.gratitude_log = widgets.HTML()
        return [section("Seven beliefs", *rows, self.save_button, self.messages, self.figure),
                section(s.log_heading, prompt_block(s.gratitude_prompt, self.gratitude), self.gratitude_button, self.gratitude_messages, self.gratitude_log)]

    def submit(self) -> str:
        payload = beliefs_payload({k: c.value for k, c in self.notes.items()},
                                  {k: c.value for k, c in self.ratings.items()}, self.settings)
        self.save(BELIEFS_KIND, payload)
        self.refresh()
        return self.saved_message()

    def add_gratitude(self) -> str:
        self.save(GRATITUDE_KIND, gratitude_payload(self.gratitude.value, self.settings))
        self.gratitude.value = ""
        self.refresh()
        return self.saved_message()

    def refresh(self) -> None:
        latest = self.journal.latest(EXERCISE, BELIEFS_KIND)
        ratings = latest.payload["ratings"] if latest else None
        self.figure.show(beliefs_figure(self.settings, ratings), beliefs_summary(self.settings, ratings))
        log = self.journal.entries(EXERCISE, GRATITUDE_KIND)[-LOG_LENGTH:]
        items = "".join(f"<li><strong>{e.created_at[:10]}</strong>: {escape('; '.join(e.payload['items']))}</li>"
                        for e in reversed(log))
        self.gratitude_log.value = f"<ul>{items}</ul>" if items else "<p>Your log is empty so far.</p>"


def app(journal=None) -> MeaningApp:
    """The meaning and purpose exercise: `from sts_course.reflection.meaning import app; app()`."""
    return MeaningApp(journal)
