"""Exercise I6: my support network map (trusted colleagues, peers, community of practice,
external supports), drawn as a network, with a reminder of low-impact sharing."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

import ipywidgets as widgets
from matplotlib.figure import Figure

from ..figures.support_network import support_network
from ..journal import InvalidEntry
from . import content
from .common import FigureView, LatestEntryApp, action_button, prompt_block, section, text_box
from .inputs import text_lines

EXERCISE = "I6"
KIND = "network"
MAX_NAME = 60


@dataclass(frozen=True)
class Content:
    exercise: content.Exercise
    circles: tuple[content.Prompt, ...]
    max_per_circle: int
    low_impact_heading: str
    low_impact_intro: str
    low_impact_steps: tuple[str, ...]
    sample: dict[str, list[str]]


def _parse(reader: content.Reader, exercise: content.Exercise) -> Content:
    circles = reader.prompts("circles")
    low, sample = reader.mapping("low_impact"), reader.mapping("sample")
    reader.serves("serves", low)
    return Content(exercise, circles, reader.integer("max_per_circle", low=1, high=20),
                   reader.text("heading", low), reader.text("intro", low), reader.texts("steps", low),
                   {c.id: list(reader.texts(c.id, sample)) for c in circles})


def load_content(root=None) -> Content:
    return content.load(EXERCISE, _parse, root)


# -- logic ---------------------------------------------------------------------------------

def network_payload(texts: dict, settings: Content | None = None) -> dict:
    """What the map saves: for each circle, its people or groups (one per line)."""
    settings = settings or load_content()
    circles = {c.id: text_lines(c.label, texts.get(c.id), settings.max_per_circle, MAX_NAME)
               for c in settings.circles}
    if not any(circles.values()):
        raise InvalidEntry("Your map", "is empty; add at least one person or group, one per line.")
    return {"circles": circles}


def network_summary(settings: Content, payload: dict | None) -> str:
    if not payload:
        return "No map saved yet."
    circles = payload["circles"]
    parts = [f"{c.label} ({len(circles.get(c.id, []))}): {', '.join(circles.get(c.id, [])) or 'no one yet'}."
             for c in settings.circles]
    gaps = [c.label for c in settings.circles if not circles.get(c.id)]
    total = sum(len(v) for v in circles.values())
    text = f"My support network: {total} people or groups around me. " + " ".join(parts)
    return text + (f" Gaps to think about: {', '.join(gaps)}." if gaps else "")


def network_figure(settings: Content, payload: dict | None) -> Figure:
    circles = (payload or {"circles": {}})["circles"]
    return support_network([(c.label, circles.get(c.id, [])) for c in settings.circles])


def sample_figure() -> Figure:
    """The site's example, drawn from the fictional network in I6.yml."""
    settings = load_content()
    return network_figure(settings, {"circles": settings.sample})


def low_impact_html(settings: Content) -> str:
    steps = "".join(f"<li>{escape(step)}</li>" for step in settings.low_impact_steps)
    return f"<p>{escape(settings.low_impact_intro)}</p><ol>{steps}</ol>"


# -- app -----------------------------------------------------------------------------------

class NetworkApp(LatestEntryApp):
    exercise_id, kind = EXERCISE, KIND

    def build(self):
        s = self.settings = load_content()
        self.circles = {c.id: text_box(c.label, c.prompt, rows=3) for c in s.circles}
        rows = [prompt_block(c.prompt, self.circles[c.id]) for c in s.circles]
        self.save_button = action_button("Save my map", "Save your network map to your private journal",
                                         self.submit, self.messages)
        self.figure = FigureView()
        self.fill(self.latest_payload())
        return [section("My circles of support", *rows, self.save_button, self.messages),
                section("My network", self.figure),
                section(s.low_impact_heading, widgets.HTML(low_impact_html(s)))]

    def fill(self, payload) -> None:
        circles = payload["circles"] if payload else {}
        for key, box in self.circles.items():
            box.value = "\n".join(circles.get(key, []))

    def payload(self) -> dict:
        return network_payload({k: b.value for k, b in self.circles.items()}, self.settings)

    def draw(self, payload):
        return network_figure(self.settings, payload), network_summary(self.settings, payload)


def app(journal=None) -> NetworkApp:
    """The support network exercise: `from sts_course.reflection.network import app; app()`."""
    return NetworkApp(journal)
