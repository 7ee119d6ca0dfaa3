"""Exercise I5: my zone of tolerance plan (strategies before, during and after exposure,
and my own signs of hyper- and hypoarousal) and a paced-breathing guide."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

import ipywidgets as widgets
from matplotlib.figure import Figure

from ..figures.zone_plan import zone_plan
from ..journal import InvalidEntry
from . import content
from .common import FigureView, LatestEntryApp, action_button, prompt_block, section, text_box
from .inputs import optional_text, text_lines

EXERCISE = "I5"
KIND = "plan"
MAX_SIGNS = 8
TICKS_PER_SECOND = 4  # the breathing guide's bar moves four times a second


@dataclass(frozen=True)
class Strategy:
    id: str
    label: str
    hint: str
    phases: tuple[str, ...]


@dataclass(frozen=True)
class Breathing:
    heading: str
    intro: str
    inhale: int
    exhale: int
    rounds: int
    in_label: str
    out_label: str
    done_label: str

    @property
    def seconds(self) -> int:
        return (self.inhale + self.exhale) * self.rounds


@dataclass(frozen=True)
class Content:
    exercise: content.Exercise
    phases: tuple[content.Prompt, ...]
    own_label: str
    strategies: tuple[Strategy, ...]
    signs: dict[str, str]  # hyper_label, hyper_prompt, hypo_label, hypo_prompt
    breathing: Breathing
    sample: dict

    def offered(self, phase: str) -> tuple[Strategy, ...]:
        return tuple(s for s in self.strategies if phase in s.phases)


def _parse(reader: content.Reader, exercise: content.Exercise) -> Content:
    phases = reader.prompts("phases", serves=False)
    phase_ids = {p.id for p in phases}
    strategies = []
    for record in reader.records("strategies", ("label", "hint")):
        offered = reader.texts("phases", record)
        if not set(offered) <= phase_ids:
            reader.fail(record, "phases", f"must name phases among {', '.join(sorted(phase_ids))}")
        strategies.append(Strategy(record["id"], record["label"], record["hint"], offered))
    signs, breath, sample = reader.mapping("signs"), reader.mapping("breathing"), reader.mapping("sample")
    breathing = Breathing(
        reader.text("heading", breath), reader.text("intro", breath),
        reader.integer("inhale_seconds", breath, 2, 10), reader.integer("exhale_seconds", breath, 2, 12),
        reader.integer("rounds", breath, 1, 30), reader.text("in_label", breath),
        reader.text("out_label", breath), reader.text("done_label", breath))
    known = {s.id for s in strategies}
    plan = {p.id: list(reader.texts(p.id, sample)) for p in phases}
    for phase, chosen in plan.items():
        if not set(chosen) <= known:
            reader.fail(sample, phase, f"sample strategies must be among {', '.join(sorted(known))}")
    return Content(exercise, phases, reader.text("own_label"), tuple(strategies),
                   {k: reader.text(k, signs) for k in ("hyper_label", "hyper_prompt", "hypo_label", "hypo_prompt")},
                   breathing,
                   {"strategies": plan, "own": dict(reader.mapping("own", sample)),
                    "hyper": list(reader.texts("hyper", sample)), "hypo": list(reader.texts("hypo", sample))})


def load_content(root=None) -> Content:
    return content.load(EXERCISE, _parse, root)


# -- logic ---------------------------------------------------------------------------------

def plan_payload(chosen: dict, own: dict, hyper: str, hypo: str, settings: Content | None = None) -> dict:
    """What the plan saves. Each phase needs at least one strategy, chosen or in own words."""
    settings = settings or load_content()
    strategies, own_words = {}, {}
    for phase in settings.phases:
        offered = {s.id for s in settings.offered(phase.id)}
        picked = [s for s in chosen.get(phase.id, ()) if s in offered]
        if len(picked) != len(chosen.get(phase.id, ())):
            raise InvalidEntry(phase.label, "names a strategy that is not offered for this phase.")
        words = optional_text(f"{phase.label}: {settings.own_label.lower()}", own.get(phase.id), 500)
        if not picked and not words:
            raise InvalidEntry(phase.label, "choose or write at least one strategy for this phase.")
        strategies[phase.id], own_words[phase.id] = picked, words
    return {"strategies": strategies, "own": {k: v for k, v in own_words.items() if v},
            "hyper": text_lines(settings.signs["hyper_label"], hyper, MAX_SIGNS),
            "hypo": text_lines(settings.signs["hypo_label"], hypo, MAX_SIGNS)}


def _phase_texts(settings: Content, payload: dict) -> list[tuple[str, list[str]]]:
    labels = {s.id: s.label for s in settings.strategies}
    return [(p.label, [labels[s] for s in payload["strategies"].get(p.id, [])]
             + ([payload["own"][p.id]] if payload["own"].get(p.id) else [])) for p in settings.phases]


def plan_summary(settings: Content, payload: dict | None) -> str:
    if not payload:
        return "No plan saved yet."
    phases = " ".join(f"{label}: {'; '.join(items)}." for label, items in _phase_texts(settings, payload))
    return (f"My zone of tolerance plan. {phases} Signs I am above my zone: "
            f"{'; '.join(payload['hyper']) or 'none yet'}. Signs I am below my zone: "
            f"{'; '.join(payload['hypo']) or 'none yet'}.")


def plan_figure(settings: Content, payload: dict | None) -> Figure:
    payload = payload or {"strategies": {}, "own": {}, "hyper": [], "hypo": []}
    return zone_plan(_phase_texts(settings, payload), payload["hyper"], payload["hypo"])


def sample_figure() -> Figure:
    """The site's example, drawn from the fictional plan in I5.yml."""
    settings = load_content()
    return plan_figure(settings, settings.sample)


def breath_phase(second: float, breathing: Breathing) -> tuple[str, float, int]:
    """Where a paced-breathing guide is at `second`: ("in" | "out" | "done", how full the
    bar is from 0 to 1, the round number from 1)."""
    if second >= breathing.seconds:
        return "done", 0.0, breathing.rounds
    cycle = breathing.inhale + breathing.exhale
    round_number, into = int(second // cycle) + 1, second % cycle
    if into < breathing.inhale:
        return "in", into / breathing.inhale, round_number
    return "out", 1 - (into - breathing.inhale) / breathing.exhale, round_number


class BreathingGuide(widgets.VBox):
    """A bar that fills while you breathe in and empties while you breathe out, paced by a
    browser-side timer (an ipywidgets Play, hidden) and started and stopped with text buttons."""

    def __init__(self, breathing: Breathing):
        self.breathing = breathing
        self.timer = widgets.Play(value=0, min=0, max=breathing.seconds * TICKS_PER_SECOND,
                                  interval=1000 // TICKS_PER_SECOND, description="Breathing timer",
                                  show_repeat=False, layout=widgets.Layout(display="none"))
        self.bar = widgets.FloatProgress(value=0, min=0, max=1, description="Breath",
                                         layout=widgets.Layout(width="30em"))
        self.cue = widgets.HTML()
        self.start_button = widgets.Button(description="Start breathing guide", tooltip=(
            f"{breathing.rounds} slow breaths: in for {breathing.inhale} seconds, out for {breathing.exhale}"))
        self.stop_button = widgets.Button(description="Stop", tooltip="Stop the breathing guide")
        self.start_button.on_click(lambda _: self.start())
        self.stop_button.on_click(lambda _: self.stop())
        self.timer.observe(lambda change: self.show(change["new"] / TICKS_PER_SECOND), names="value")
        self._phase = ""
        super().__init__([widgets.HTML(f"<p>{escape(breathing.intro)}</p>"),
                          widgets.HBox([self.start_button, self.stop_button]), self.cue, self.bar, self.timer])
        self.show(0, announce=False)

    def start(self) -> None:
        self.timer.playing = False
        self.timer.value = 0
        self._phase = ""
        self.show(0)
        self.timer.playing = True

    def stop(self) -> None:
        self.timer.playing = False
        self.cue.value = ""
        self.bar.value = 0

    def show(self, second: float, announce: bool = True) -> None:
        phase, fill, round_number = breath_phase(second, self.breathing)
        self.bar.value = fill
        if announce and phase != self._phase:
            labels = {"in": self.breathing.in_label, "out": self.breathing.out_label}
            text = (f"{labels[phase]} (breath {round_number} of {self.breathing.rounds})" if phase in labels
                    else self.breathing.done_label)
            self.cue.value = f'<p role="status" aria-live="polite"><strong>{escape(text)}</strong></p>'
        self._phase = phase


# -- app -----------------------------------------------------------------------------------

class ZoneApp(LatestEntryApp):
    exercise_id, kind = EXERCISE, KIND

    def build(self):
        s = self.settings = load_content()
        self.choices = {p.id: {st.id: widgets.Checkbox(value=False, description=f"{st.label}: {st.hint}",
                                                       indent=False, layout=widgets.Layout(width="95%"))
                               for st in s.offered(p.id)} for p in s.phases}
        self.own = {p.id: text_box(f"{p.label}: {s.own_label.lower()}", p.prompt, rows=2) for p in s.phases}
        self.hyper = text_box(s.signs["hyper_label"], s.signs["hyper_prompt"])
        self.hypo = text_box(s.signs["hypo_label"], s.signs["hypo_prompt"])
        self.save_button = action_button("Save my plan", "Save your plan to your private journal",
                                         self.submit, self.messages)
        self.figure = FigureView()
        self.guide = BreathingGuide(s.breathing)
        self.fill(self.latest_payload())
        phases = [section(p.label, prompt_block(p.prompt, *self.choices[p.id].values(), self.own[p.id]))
                  for p in s.phases]
        return [*phases,
                section("My signs", prompt_block(s.signs["hyper_prompt"], self.hyper),
                        prompt_block(s.signs["hypo_prompt"], self.hypo), self.save_button, self.messages),
                section("My plan at a glance", self.figure),
                section(s.breathing.heading, self.guide)]

    def fill(self, payload) -> None:
        payload = payload or {"strategies": {}, "own": {}, "hyper": [], "hypo": []}
        for phase, boxes in self.choices.items():
            for strategy, box in boxes.items():
                box.value = strategy in payload["strategies"].get(phase, [])
        for phase, box in self.own.items():
            box.value = payload["own"].get(phase, "")
        self.hyper.value = "\n".join(payload["hyper"])
        self.hypo.value = "\n".join(payload["hypo"])

    def payload(self) -> dict:
        chosen = {p: [k for k, box in boxes.items() if box.value] for p, boxes in self.choices.items()}
        return plan_payload(chosen, {k: b.value for k, b in self.own.items()}, self.hyper.value,
                            self.hypo.value, self.settings)

    def draw(self, payload):
        return plan_figure(self.settings, payload), plan_summary(self.settings, payload)


def app(journal=None) -> ZoneApp:
    """The zone of tolerance exercise: `from sts_course.reflection.zone import app; app()`."""
    return ZoneApp(journal)
