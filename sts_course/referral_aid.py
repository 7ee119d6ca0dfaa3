"""The referral decision aid: what a supervisor has observed -> suggested next steps and the
kinds of support to offer (EAP, a trauma-informed professional, spiritual or cultural support,
peer support, urgent pathways).

It reasons only from observations and never labels anyone. The wording and the rules live in
`exercises/supervision/referral.yml`: each observation points to a pathway, the most urgent
pathway ticked wins, and observations may add options of their own.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from pathlib import Path

import ipywidgets as widgets

from . import paths
from .app_widgets import app_box, bullet_list, paragraphs
from .datafile import FieldReader, read_mapping


@dataclass(frozen=True)
class SupportOption:
    id: str
    title: str
    text: str


@dataclass(frozen=True)
class Pathway:
    id: str
    title: str
    summary: str
    steps: tuple[str, ...]
    options: tuple[str, ...]


@dataclass(frozen=True)
class Observation:
    id: str
    text: str
    pathway: str
    adds: tuple[str, ...] = ()


@dataclass(frozen=True)
class Suggestion:
    pathway: Pathway
    options: tuple[SupportOption, ...]
    always: tuple[str, ...]


@dataclass(frozen=True)
class ReferralGuide:
    title: str
    intro: str
    privacy: str
    nothing_ticked: str
    always: tuple[str, ...]
    pathways: tuple[Pathway, ...]  # most urgent first
    options: dict[str, SupportOption]
    observations: tuple[Observation, ...]

    def suggest(self, observation_ids) -> Suggestion | None:
        """Next steps for the ticked observations, or None when nothing is ticked."""
        ticked = set(observation_ids)
        chosen = [o for o in self.observations if o.id in ticked]
        if not chosen:
            return None
        ranks = [p.id for p in self.pathways]
        pathway = self.pathways[min(ranks.index(o.pathway) for o in chosen)]
        wanted = list(pathway.options) + [a for o in chosen for a in o.adds]
        return Suggestion(pathway, tuple(self.options[i] for i in dict.fromkeys(wanted)), self.always)


def _unique(reader: FieldReader, entries, kind: str, raw_list) -> None:
    seen = set()
    for entry, raw in zip(entries, raw_list):
        if entry.id in seen:
            reader.problem(raw.line_of("id"), f"{kind}.id", f"duplicate id {entry.id!r}")
        seen.add(entry.id)


def load_referral_guide(root: Path | None = None) -> ReferralGuide:
    """Read and validate exercises/supervision/referral.yml."""
    reader, data = read_mapping((root or paths.project_root()) / "exercises" / "supervision" / "referral.yml")
    raw_options = [r for r in reader.items(data, "options") if isinstance(r, dict)]
    options = [SupportOption(reader.text(r, "id", "options.id"), reader.text(r, "title", "options.title"),
                             reader.text(r, "text", "options.text")) for r in raw_options]
    known_options = {o.id for o in options}

    def option_ids(raw, key: str, field: str, required: bool = True) -> tuple[str, ...]:
        ids = tuple(reader.texts(raw, key, field)) if required or key in raw else ()
        for option_id in ids:
            if option_id not in known_options:
                reader.problem(raw.line_of(key), field, f"names no option: {option_id!r}")
        return ids

    raw_pathways = [r for r in reader.items(data, "pathways") if isinstance(r, dict)]
    pathways = [Pathway(reader.text(r, "id", "pathways.id"), reader.text(r, "title", "pathways.title"),
                        reader.text(r, "summary", "pathways.summary"),
                        tuple(reader.texts(r, "steps", "pathways.steps")),
                        option_ids(r, "options", "pathways.options")) for r in raw_pathways]
    known_pathways = {p.id for p in pathways}
    raw_observations = [r for r in reader.items(data, "observations") if isinstance(r, dict)]
    observations = []
    for raw in raw_observations:
        observation = Observation(reader.text(raw, "id", "observations.id"),
                                  reader.text(raw, "text", "observations.text"),
                                  reader.text(raw, "pathway", "observations.pathway"),
                                  option_ids(raw, "adds", "observations.adds", required=False))
        if observation.pathway and observation.pathway not in known_pathways:
            reader.problem(raw.line_of("pathway"), "observations.pathway",
                           f"names no pathway: {observation.pathway!r}")
        observations.append(observation)
    for entries, kind, raw_list in ((options, "options", raw_options), (pathways, "pathways", raw_pathways),
                                    (observations, "observations", raw_observations)):
        _unique(reader, entries, kind, raw_list)
    guide = ReferralGuide(reader.text(data, "title"), reader.text(data, "intro"), reader.text(data, "privacy"),
                          reader.text(data, "nothing_ticked"), tuple(reader.texts(data, "always")),
                          tuple(pathways), {o.id: o for o in options}, tuple(observations))
    reader.finish()
    return guide


def suggestion_html(suggestion: Suggestion | None, guide: ReferralGuide) -> str:
    if suggestion is None:
        return f"<p role='status'>{escape(guide.nothing_ticked)}</p>"
    pathway = suggestion.pathway
    css = "sts-urgent" if pathway.id == "urgent" else "sts-box"
    options = "".join(f"<li><strong>{escape(o.title)}.</strong> {escape(o.text)}</li>" for o in suggestion.options)
    return (f"<div class='{css}' role='status'><h3>Suggested next steps: {escape(pathway.title)}</h3>"
            f"{paragraphs(pathway.summary)}<ol>{''.join(f'<li>{escape(s)}</li>' for s in pathway.steps)}</ol>"
            f"<h3>Support to offer</h3><ul>{options}</ul>"
            f"<h3>Whatever the situation</h3>{bullet_list(suggestion.always)}</div>")


class ReferralAid:
    """Checkboxes for observations; the suggestion updates as they are ticked."""

    def __init__(self, guide: ReferralGuide | None = None):
        self.guide = guide = guide or load_referral_guide()
        self.boxes = {o.id: widgets.Checkbox(description=o.text, indent=False) for o in guide.observations}
        for box in self.boxes.values():
            box.observe(lambda _: self._update(), names="value")
        self.result = widgets.HTML()
        header = widgets.HTML(f"<h2>{escape(guide.title)}</h2>{paragraphs(guide.intro)}"
                              f"<p><strong>Privacy.</strong> {escape(guide.privacy)}</p>"
                              "<h3>What have you observed or been told?</h3>")
        self.widget = app_box([header, *self.boxes.values(), self.result])
        self._update()

    @property
    def suggestion(self) -> Suggestion | None:
        return self.guide.suggest(i for i, box in self.boxes.items() if box.value)

    def _update(self) -> None:
        self.result.value = suggestion_html(self.suggestion, self.guide)


def referral_app():
    """The Voila app (notebooks/referral_aid.ipynb)."""
    return ReferralAid().widget
