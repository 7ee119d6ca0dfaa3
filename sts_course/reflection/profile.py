"""Exercise I3: my strengths and vulnerabilities profile, and a personal watch-list of the
signs and situations to self-monitor. The form opens with the learner's latest profile."""

from __future__ import annotations

from dataclasses import dataclass

from matplotlib.figure import Figure

from ..figures.strengths_profile import strengths_profile
from ..journal import InvalidEntry
from . import content
from .common import FigureView, LatestEntryApp, action_button, choice, prompt_block, section, text_box
from .inputs import optional_text, rating, text_lines

EXERCISE = "I3"
KIND = "profile"
MAX_WATCH = 10


@dataclass(frozen=True)
class Content:
    exercise: content.Exercise
    rating_label: str
    unrated_label: str
    scale: dict[int, str]
    categories: tuple[content.Prompt, ...]
    watch: dict[str, str]  # signs_label, signs_prompt, situations_label, situations_prompt
    sample: dict


def _parse(reader: content.Reader, exercise: content.Exercise) -> Content:
    categories = reader.prompts("categories")
    watch = reader.mapping("watch")
    reader.serves("serves", watch)
    scale, sample = reader.scale("scale"), reader.mapping("sample")
    ratings = reader.mapping("ratings", sample)
    for category in categories:
        if ratings.get(category.id, "missing") not in (*scale, None):
            reader.fail(ratings, category.id, f"sample rating must be one of {list(scale)} or null")
    return Content(exercise, reader.text("rating_label"), reader.text("unrated_label"), scale,
                   categories,
                   {k: reader.text(k, watch) for k in ("signs_label", "signs_prompt", "situations_label",
                                                       "situations_prompt")},
                   {"ratings": dict(ratings), "signs": list(reader.texts("signs", sample)),
                    "situations": list(reader.texts("situations", sample))})


def load_content(root=None) -> Content:
    return content.load(EXERCISE, _parse, root)


# -- logic ---------------------------------------------------------------------------------

def profile_payload(ratings: dict, notes: dict, signs: str, situations: str,
                    settings: Content | None = None) -> dict:
    """What the profile saves. Ratings may be left as "prefer not to say"; the watch-list
    needs at least one sign or situation, since it is what the profile is for."""
    settings = settings or load_content()
    watch = {"signs": text_lines(settings.watch["signs_label"], signs, MAX_WATCH),
             "situations": text_lines(settings.watch["situations_label"], situations, MAX_WATCH)}
    if not watch["signs"] and not watch["situations"]:
        raise InvalidEntry(settings.watch["signs_label"],
                           "the watch-list is empty; write at least one sign or situation to watch for.")
    clean_notes = {c.id: optional_text(c.label, notes.get(c.id)) for c in settings.categories}
    return {"ratings": {c.id: rating(c.label, ratings.get(c.id), settings.scale, required=False)
                        for c in settings.categories},
            "notes": {k: v for k, v in clean_notes.items() if v}, **watch}


def profile_summary(settings: Content, payload: dict | None) -> str:
    if not payload:
        return "No profile saved yet."
    ratings = payload["ratings"]
    strengths = [c.label for c in settings.categories if (ratings.get(c.id) or 0) > 0]
    vulnerabilities = [c.label for c in settings.categories if (ratings.get(c.id) or 0) < 0]
    unrated = [c.label for c in settings.categories if ratings.get(c.id) is None]
    parts = [f"Strengths: {', '.join(strengths) or 'none marked'}.",
             f"Vulnerabilities: {', '.join(vulnerabilities) or 'none marked'}."]
    if unrated:
        parts.append(f"Not rated: {', '.join(unrated)}.")
    parts.append(f"Watch-list: signs: {'; '.join(payload['signs']) or 'none'}; "
                 f"situations: {'; '.join(payload['situations']) or 'none'}.")
    return " ".join(parts)


def profile_figure(settings: Content, payload: dict | None) -> Figure:
    payload = payload or {"ratings": {}, "signs": [], "situations": []}
    return strengths_profile([c.label for c in settings.categories],
                             [payload["ratings"].get(c.id) for c in settings.categories], settings.scale,
                             payload["signs"], payload["situations"])


def sample_figure() -> Figure:
    """The site's example, drawn from the fictional profile in I3.yml."""
    settings = load_content()
    return profile_figure(settings, settings.sample)


# -- app -----------------------------------------------------------------------------------

class ProfileApp(LatestEntryApp):
    exercise_id, kind = EXERCISE, KIND

    def build(self):
        s = self.settings = load_content()
        self.ratings = {c.id: choice(f"{c.label}: {s.rating_label.lower()}", s.scale, unset=s.unrated_label)
                        for c in s.categories}
        self.notes = {c.id: text_box(f"{c.label}: notes", c.prompt, rows=2) for c in s.categories}
        rows = [prompt_block(c.prompt, self.ratings[c.id], self.notes[c.id], heading=c.label) for c in s.categories]
        self.signs = text_box(s.watch["signs_label"], s.watch["signs_prompt"], rows=3)
        self.situations = text_box(s.watch["situations_label"], s.watch["situations_prompt"], rows=3)
        self.save_button = action_button("Save my profile", "Save your profile to your private journal",
                                         self.submit, self.messages)
        self.figure = FigureView()
        self.fill(self.latest_payload())
        return [section("My profile", *rows),
                section("My watch-list", prompt_block(s.watch["signs_prompt"], self.signs),
                        prompt_block(s.watch["situations_prompt"], self.situations), self.save_button, self.messages),
                section("My profile at a glance", self.figure)]

    def fill(self, payload) -> None:
        payload = payload or {"ratings": {}, "notes": {}, "signs": [], "situations": []}
        for key, control in self.ratings.items():
            control.value = payload["ratings"].get(key)
        for key, control in self.notes.items():
            control.value = payload["notes"].get(key, "")
        self.signs.value = "\n".join(payload["signs"])
        self.situations.value = "\n".join(payload["situations"])

    def payload(self) -> dict:
        return profile_payload({k: c.value for k, c in self.ratings.items()},
                               {k: c.value for k, c in self.notes.items()},
                               self.signs.value, self.situations.value, self.settings)

    def draw(self, payload):
        return profile_figure(self.settings, payload), profile_summary(self.settings, payload)


def app(journal=None) -> ProfileApp:
    """The strengths and vulnerabilities exercise: `from sts_course.reflection.profile import app; app()`."""
    return ProfileApp(journal)
