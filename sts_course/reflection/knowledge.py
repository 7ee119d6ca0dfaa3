"""Exercise I1: knowledge and risk. A before/after self-rating of what the learner knows
about each topic of module I1, compared in a chart."""

from __future__ import annotations

from dataclasses import dataclass

import ipywidgets as widgets
from matplotlib.figure import Figure

from ..figures.knowledge_ratings import knowledge_ratings
from ..journal import InvalidEntry
from . import content
from .common import ExerciseApp, FigureView, action_button, choice, prompt_block, section, text_box
from .inputs import optional_text, rating

EXERCISE = "I1"
KIND = "rating"


@dataclass(frozen=True)
class Content:
    exercise: content.Exercise
    scale: dict[int, str]
    phases: dict[str, str]  # "before"/"after" -> label
    topics: tuple[content.Prompt, ...]
    note_label: str
    note_prompt: str
    sample: dict[str, dict[str, int]]


def _parse(reader: content.Reader, exercise: content.Exercise) -> Content:
    phases, topics = reader.mapping("phases"), reader.prompts("topics")
    scale, sample = reader.scale("scale"), reader.mapping("sample")
    ratings = {phase: reader.mapping(phase, sample) for phase in ("before", "after")}
    for phase, values in ratings.items():
        for topic in topics:
            if values.get(topic.id) not in scale:
                reader.fail(values, topic.id, f"sample {phase} rating must be one of {list(scale)}")
    return Content(exercise, scale, {p: reader.text(p, phases) for p in ("before", "after")},
                   topics, reader.text("note_label"), reader.text("note_prompt"),
                   {phase: dict(values) for phase, values in ratings.items()})


def load_content(root=None) -> Content:
    return content.load(EXERCISE, _parse, root)


# -- logic ---------------------------------------------------------------------------------

def rating_payload(phase: str, ratings: dict, note: str = "", settings: Content | None = None) -> dict:
    """What one self-rating saves; every topic must be rated on the scale."""
    settings = settings or load_content()
    if phase not in settings.phases:
        raise InvalidEntry("When", f"choose one of: {', '.join(settings.phases.values())}.")
    return {"phase": phase,
            "ratings": {t.id: rating(t.label, ratings.get(t.id), settings.scale) for t in settings.topics},
            "note": optional_text(settings.note_label, note)}


def latest_by_phase(entries) -> dict[str, dict | None]:
    """The most recent ratings for each phase (None when that phase was never rated)."""
    latest = {"before": None, "after": None}
    for entry in entries:
        latest[entry.payload["phase"]] = entry.payload["ratings"]
    return latest


def _values(settings: Content, ratings: dict | None) -> list[int | None]:
    return [(ratings or {}).get(t.id) for t in settings.topics]


def comparison_summary(settings: Content, before: dict | None, after: dict | None) -> str:
    """The comparison chart in words."""
    if not before and not after:
        return "No ratings yet. Rate each topic before you read the module, and again after."
    parts = []
    for name, ratings in (("Before", before), ("After", after)):
        if ratings:
            parts.append(f"{name}: " + ", ".join(f"{t.label} {ratings[t.id]}" for t in settings.topics) + ".")
        else:
            parts.append(f"{name}: not rated yet.")
    if before and after:
        change = max(settings.topics, key=lambda t: after[t.id] - before[t.id])
        gain = after[change.id] - before[change.id]
        parts.append(f"Largest change: {change.label} ({gain:+d})." if gain > 0 else "No topic rose yet.")
    return " ".join(parts)


def comparison_figure(settings: Content, before: dict | None, after: dict | None) -> Figure:
    return knowledge_ratings([t.label for t in settings.topics], _values(settings, before),
                             _values(settings, after), settings.scale)


def sample_figure() -> Figure:
    """The site's example, drawn from the fictional ratings in I1.yml."""
    settings = load_content()
    return comparison_figure(settings, settings.sample["before"], settings.sample["after"])


# -- app -----------------------------------------------------------------------------------

class KnowledgeApp(ExerciseApp):
    exercise_id = EXERCISE

    def build(self):
        s = self.settings = load_content()
        done = latest_by_phase(self.journal.entries(EXERCISE, KIND))
        self.phase = widgets.RadioButtons(options=[(label, key) for key, label in s.phases.items()],
                                          value="after" if done["before"] else "before",
                                          description="When")
        self.ratings = {t.id: choice(t.label, s.scale) for t in s.topics}
        rows = [prompt_block(t.prompt, self.ratings[t.id]) for t in s.topics]
        self.note = text_box(s.note_label, s.note_prompt, rows=2)
        self.save_button = action_button("Save my ratings", "Save these ratings to your private journal",
                                         self.submit, self.messages)
        self.figure = FigureView()
        return [section("Rate what you know", self.phase, *rows, self.note, self.save_button, self.messages),
                section("Before and after", self.figure)]

    def submit(self) -> str:
        payload = rating_payload(self.phase.value, {k: c.value for k, c in self.ratings.items()},
                                 self.note.value, self.settings)
        self.save(KIND, payload)
        for control in self.ratings.values():
            control.value = None
        self.note.value = ""
        self.refresh()
        return self.saved_message()

    def refresh(self) -> None:
        latest = latest_by_phase(self.journal.entries(EXERCISE, KIND))
        self.figure.show(comparison_figure(self.settings, latest["before"], latest["after"]),
                         comparison_summary(self.settings, latest["before"], latest["after"]))


def app(journal=None) -> KnowledgeApp:
    """The knowledge and risk exercise: `from sts_course.reflection.knowledge import app; app()`."""
    return KnowledgeApp(journal)
