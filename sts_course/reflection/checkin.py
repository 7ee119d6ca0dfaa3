"""Exercise I4: a short self-monitoring check-in, saved over time and plotted as a trend
against the learner's own early-warning line.

The items are the course's own wording (`exercises/reflections/I4.yml`). The strain score
is for reflection only; when it stays at or above the learner's line for several check-ins
in a row, the app says so kindly and points to concrete next steps and support (I7).
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

import ipywidgets as widgets
from matplotlib.figure import Figure

from ..figures.checkin_trend import checkin_trend
from . import content
from .common import ExerciseApp, FigureView, action_button, choice, prompt_block, section, text_box
from .inputs import optional_text, rating

EXERCISE = "I4"
KIND = "checkin"
MESSAGE_KEYS = ("above_once", "sustained", "below", "none")


@dataclass(frozen=True)
class Item:
    id: str
    label: str
    prompt: str
    reverse: bool  # True: a higher answer means less strain


@dataclass(frozen=True)
class Content:
    exercise: content.Exercise
    question: str
    scale: dict[int, str]
    items: tuple[Item, ...]
    plan_label: str
    plan_prompt: str
    line_label: str
    line_default: int
    line_min: int
    line_max: int
    sustained_after: int
    messages: dict[str, str]
    steps: tuple[str, ...]
    sample_line: int
    sample: tuple[tuple[str, float], ...]


def _parse(reader: content.Reader, exercise: content.Exercise) -> Content:
    items = tuple(Item(r["id"], r["label"], r["prompt"], bool(r.get("reverse", False)))
                  for r in reader.records("items", ("label", "prompt")))
    line = reader.mapping("line")
    low, high = reader.integer("min", line, 0, 100), reader.integer("max", line, 0, 100)
    messages = reader.mapping("messages")
    sample = reader.mapping("sample")
    checkins = reader.value("checkins", sample)
    if not isinstance(checkins, list) or not checkins:
        reader.fail(sample, "checkins", "must be a non-empty list of {date, score}")
    return Content(
        exercise=exercise, question=reader.text("question"), scale=reader.scale("scale"), items=items,
        plan_label=reader.text("plan_label"), plan_prompt=reader.text("plan_prompt"),
        line_label=reader.text("label", line), line_default=reader.integer("default", line, low, high),
        line_min=low, line_max=high, sustained_after=reader.integer("sustained_after", low=2, high=12),
        messages={key: reader.text(key, messages) for key in MESSAGE_KEYS},
        steps=reader.texts("steps", messages), sample_line=reader.integer("line", sample, 0, 100),
        sample=tuple((reader.text("date", c), reader.integer("score", c, 0, 100)) for c in checkins))


def load_content(root=None) -> Content:
    return content.load(EXERCISE, _parse, root)


# -- logic ---------------------------------------------------------------------------------

def validate_answers(answers: dict, settings: Content | None = None) -> dict[str, int]:
    """Every item answered with a point of the scale; raises InvalidEntry naming the item."""
    settings = settings or load_content()
    return {item.id: rating(item.label, answers.get(item.id), settings.scale) for item in settings.items}


def strain_score(answers: dict, settings: Content | None = None) -> float:
    """Strain from 0 (none) to 100 (a great deal): the mean of the items, reversed items
    (energy, rest, connection, satisfaction) counted the other way round."""
    settings = settings or load_content()
    answers = validate_answers(answers, settings)
    low, high = min(settings.scale), max(settings.scale)
    strains = [(high - answers[i.id]) if i.reverse else (answers[i.id] - low) for i in settings.items]
    return round(100 * sum(strains) / ((high - low) * len(strains)), 1)


def sustained_high(history, line: float, n: int) -> bool:
    """True when the last `n` scores are all at or above the line."""
    recent = list(history)[-n:]
    return n > 0 and len(recent) == n and all(score >= line for score in recent)


def checkin_payload(answers: dict, line, plan: str = "", settings: Content | None = None) -> dict:
    """What a check-in saves: the answers, the score, the learner's line, their plan."""
    settings = settings or load_content()
    line = rating(settings.line_label, line, range(settings.line_min, settings.line_max + 1))
    return {"answers": validate_answers(answers, settings), "score": strain_score(answers, settings),
            "line": line, "plan": optional_text(settings.plan_label, plan)}


def history(entries) -> tuple[list[str], list[float]]:
    """(dates, scores) of saved check-ins, oldest first."""
    return [e.created_at[:10] for e in entries], [e.payload["score"] for e in entries]


def trend_summary(dates, scores, line: float, n: int) -> str:
    """The trend figure in words (its alt text and visible summary)."""
    if not scores:
        return f"No check-ins yet. Your early-warning line is {line:g}."
    above = sum(score >= line for score in scores)
    text = (f"{len(scores)} check-in(s) from {dates[0]} to {dates[-1]}; latest strain {scores[-1]:g} of 100, "
            f"lowest {min(scores):g}, highest {max(scores):g}. Early-warning line: {line:g}; "
            f"{above} check-in(s) at or above it.")
    if sustained_high(scores, line, n):
        text += f" The last {n} are all at or above the line."
    return text


def trend_figure(dates, scores, line: float) -> Figure:
    return checkin_trend(dates, scores, line)


def sample_figure() -> Figure:
    """The site's example, drawn from the fictional check-ins in I4.yml."""
    settings = load_content()
    return trend_figure([d for d, _ in settings.sample], [s for _, s in settings.sample], settings.sample_line)


# -- app -----------------------------------------------------------------------------------

class CheckinApp(ExerciseApp):
    exercise_id = EXERCISE

    def build(self):
        self.settings = load_content()
        self.answers = {item.id: choice(item.label, self.settings.scale) for item in self.settings.items}
        for item, control in zip(self.settings.items, self.answers.values()):
            control.tooltip = item.prompt
        latest = self.journal.latest(EXERCISE, KIND)
        s = self.settings
        self.line = widgets.IntSlider(value=latest.payload["line"] if latest else s.line_default,
                                      min=s.line_min, max=s.line_max, step=5, description=s.line_label,
                                      continuous_update=False, style={"description_width": "15em"},
                                      layout=widgets.Layout(width="38em"))
        self.plan = text_box(s.plan_label, s.plan_prompt, rows=2)
        self.save_button = action_button("Save check-in", "Save this check-in to your private journal",
                                         self.submit, self.messages)
        self.support = widgets.HTML()
        self.figure = FigureView()
        self.line.observe(lambda _: self.refresh(), names="value")
        rows = [prompt_block(item.prompt, control) for item, control in zip(s.items, self.answers.values())]
        return [section(s.question, *rows, self.plan, self.line, self.save_button, self.messages),
                section("My trend", self.figure, self.support)]

    def submit(self) -> str:
        payload = checkin_payload({k: c.value for k, c in self.answers.items()}, self.line.value,
                                  self.plan.value, self.settings)
        self.save(KIND, payload)
        for control in self.answers.values():
            control.value = None
        self.refresh()
        return f"{self.saved_message()} Strain score: {payload['score']:g} of 100."

    @property
    def checkins(self):
        return self.journal.entries(EXERCISE, KIND)

    def refresh(self) -> None:
        dates, scores = history(self.checkins)
        line, n = self.line.value, self.settings.sustained_after
        self.figure.show(trend_figure(dates, scores, line), trend_summary(dates, scores, line, n))
        self.support.value = support_html(scores, line, self.settings)


def support_html(scores, line: float, settings: Content) -> str:
    """The message under the trend: the kind, non-diagnostic one when strain has stayed high."""
    messages, n = settings.messages, settings.sustained_after
    if not scores:
        return f"<p>{escape(messages['none'])}</p>"
    if sustained_high(scores, line, n):
        steps = "".join(f"<li>{escape(step)}</li>" for step in settings.steps)
        return (f'<div class="sts-msg-note" role="status"><p><strong>! </strong>'
                f"{escape(messages['sustained'].format(n=n))}</p><ul>{steps}</ul></div>")
    if scores[-1] >= line:
        return f'<p class="sts-msg-note" role="status"><strong>! </strong>{escape(messages["above_once"])}</p>'
    return f"<p>{escape(messages['below'])}</p>"


def app(journal=None) -> CheckinApp:
    """The check-in exercise: `from sts_course.reflection.checkin import app; app()`."""
    return CheckinApp(journal)
