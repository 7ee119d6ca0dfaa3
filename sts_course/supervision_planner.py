"""The supervision session planner: agenda, STS check-in questions, a workload and exposure
review, and follow-ups, exported as a printable PDF.

Privacy by design: the planner has no field for what a supervisee says. It holds the
structure of a meeting only, keeps nothing after the kernel stops, and writes only the PDF the
user asks for, to the path they choose. Wording and defaults live in
`exercises/supervision/planner.yml`.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

import ipywidgets as widgets

from . import paths
from .app_widgets import app_box, paragraphs
from .datafile import read_mapping
from .printable import WRAP, text_pages, write_pdf

MAX_MINUTES = 240
WIDE = {"description_width": "initial"}


@dataclass(frozen=True)
class AgendaItem:
    title: str
    minutes: int


@dataclass(frozen=True)
class FollowUp:
    action: str
    owner: str
    due: dt.date | None

    @property
    def blank(self) -> bool:
        return not (self.action.strip() or self.owner.strip() or self.due)


@dataclass
class SessionPlan:
    """What the planner holds: structure only, never what the supervisee shares."""

    session_date: dt.date | None
    agenda: list[AgendaItem]
    questions: list[str]
    supervisor: str = ""
    supervisee: str = ""
    session_minutes: int = 45
    review: list[tuple[str, str]] = field(default_factory=list)  # (label, value)
    follow_ups: list[FollowUp] = field(default_factory=list)


@dataclass(frozen=True)
class PlannerTexts:
    title: str
    intro: str
    privacy: str
    session_minutes: int
    agenda: tuple[AgendaItem, ...]
    checkin_heading: str
    checkin_note: str
    questions: tuple[str, ...]
    own_question_label: str
    review_heading: str
    review_note: str
    review_numbers: tuple[tuple[str, str], ...]  # (id, label)
    review_texts: tuple[tuple[str, str], ...]
    follow_ups_heading: str
    follow_ups_note: str
    pdf_footer: str


class PlanError(ValueError):
    """The plan cannot be exported; `problems` says what to fix."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


def load_planner_texts(root: Path | None = None) -> PlannerTexts:
    """Read and validate exercises/supervision/planner.yml."""
    reader, data = read_mapping((root or paths.project_root()) / "exercises" / "supervision" / "planner.yml")
    agenda = tuple(AgendaItem(reader.text(raw, "title", f"agenda[{n}].title"),
                              reader.number(raw, "minutes", f"agenda[{n}].minutes", 1, MAX_MINUTES))
                   for n, raw in enumerate(reader.items(data, "agenda"), start=1))
    checkin, review, follow = (reader.mapping(data, key) for key in ("checkin", "review", "follow_ups"))

    def labelled(key: str) -> tuple[tuple[str, str], ...]:
        return tuple((reader.text(raw, "id", f"review.{key}[{n}].id"), reader.text(raw, "label", f"review.{key}[{n}].label"))
                     for n, raw in enumerate(reader.items(review, key, f"review.{key}"), start=1))

    texts = PlannerTexts(
        title=reader.text(data, "title"), intro=reader.text(data, "intro"),
        privacy=reader.text(data, "privacy"),
        session_minutes=reader.number(data, "session_minutes", low=10, high=MAX_MINUTES),
        agenda=agenda,
        checkin_heading=reader.text(checkin, "heading", "checkin.heading"),
        checkin_note=reader.text(checkin, "note", "checkin.note"),
        questions=tuple(reader.texts(checkin, "questions", "checkin.questions")),
        own_question_label=reader.text(checkin, "own_question_label", "checkin.own_question_label"),
        review_heading=reader.text(review, "heading", "review.heading"),
        review_note=reader.text(review, "note", "review.note"),
        review_numbers=labelled("numbers"), review_texts=labelled("texts"),
        follow_ups_heading=reader.text(follow, "heading", "follow_ups.heading"),
        follow_ups_note=reader.text(follow, "note", "follow_ups.note"),
        pdf_footer=reader.text(data, "pdf_footer"),
    )
    reader.finish()
    return texts


def plan_problems(plan: SessionPlan) -> list[str]:
    """Everything that stops the plan from being exported, each naming the field to fix."""
    problems = []
    if plan.session_date is None:
        problems.append("Session date: choose the date of the meeting.")
    if not plan.agenda:
        problems.append("Agenda: add at least one item.")
    for number, item in enumerate(plan.agenda, start=1):
        if not item.title.strip():
            problems.append(f"Agenda item {number}: give it a title.")
        if not 1 <= item.minutes <= MAX_MINUTES:
            problems.append(f"Agenda item {number}: minutes must be from 1 to {MAX_MINUTES}.")
    total = sum(item.minutes for item in plan.agenda)
    if total > plan.session_minutes:
        problems.append(f"Agenda: the items add up to {total} minutes, more than the "
                        f"{plan.session_minutes}-minute session.")
    if not [q for q in plan.questions if q.strip()]:
        problems.append("Check-in: choose at least one question to ask.")
    for number, follow_up in enumerate(plan.follow_ups, start=1):
        if follow_up.blank:
            continue
        for value, what in ((follow_up.action, "describe the action"), (follow_up.owner, "name an owner")):
            if not value.strip():
                problems.append(f"Follow-up {number}: {what}.")
        if follow_up.due is None:
            problems.append(f"Follow-up {number}: give a due date.")
        elif plan.session_date and follow_up.due < plan.session_date:
            problems.append(f"Follow-up {number}: the due date {follow_up.due} is before the session "
                            f"date {plan.session_date}.")
    return problems


def _wrap(text: str, indent: str = "") -> list[tuple[str, str]]:
    return [("text", line) for line in textwrap.wrap(text, WRAP, subsequent_indent=indent + "   ")]


def plan_lines(plan: SessionPlan, texts: PlannerTexts) -> list[tuple[str, str]]:
    """The plan as (style, text) lines for `printable.text_pages`."""
    people = " · ".join(f"{who}: {name.strip()}" for who, name in
                        (("Supervisor", plan.supervisor), ("Supervisee", plan.supervisee)) if name.strip())
    lines = [("title", "Supervision session plan"),
             ("text", f"Date: {plan.session_date} · Length: {plan.session_minutes} minutes"
                      + (f" · {people}" if people else "")),
             ("text", ""), ("heading", "Agenda")]
    for number, item in enumerate(plan.agenda, start=1):
        lines += _wrap(f"{number}. {item.title} ({item.minutes} min)")
    lines += [("text", f"Total: {sum(i.minutes for i in plan.agenda)} of {plan.session_minutes} minutes"),
              ("text", ""), ("heading", texts.checkin_heading)]
    lines += _wrap(texts.checkin_note)
    for question in plan.questions:
        lines += _wrap(f"- {question}")
    filled = [(label, value) for label, value in plan.review if str(value).strip()]
    if filled:
        lines += [("text", ""), ("heading", texts.review_heading)]
        for label, value in filled:
            lines += _wrap(f"{label}: {value}")
    follow_ups = [f for f in plan.follow_ups if not f.blank]
    lines += [("text", ""), ("heading", texts.follow_ups_heading)]
    for number, follow_up in enumerate(follow_ups, start=1):
        lines += _wrap(f"{number}. {follow_up.action} (owner: {follow_up.owner}; by {follow_up.due})")
    if not follow_ups:
        lines.append(("text", "None yet."))
    return lines + [("text", "")] + _wrap(texts.pdf_footer)


def export_problems(path: str | Path, replace: bool) -> list[str]:
    if not str(path).strip():
        return ["Save as: choose where to save the PDF."]
    target = Path(path).expanduser()
    if target.suffix.lower() != ".pdf":
        return [f"Save as: the file name must end in .pdf ({target.name})."]
    if not target.parent.is_dir():
        return [f"Save as: the folder {target.parent} does not exist."]
    if target.exists() and not replace:
        return [f"Save as: {target} already exists. Choose another name, or tick "
                "'Replace an existing file'."]
    return []


def export_pdf(plan: SessionPlan, path: str | Path, texts: PlannerTexts | None = None,
               replace: bool = False) -> Path:
    """Write the plan as a PDF to `path`; raise PlanError listing every problem first."""
    problems = plan_problems(plan) + export_problems(path, replace)
    if problems:
        raise PlanError(problems)
    texts = texts or load_planner_texts()
    pages = text_pages(f"Supervision session plan, {plan.session_date}", plan_lines(plan, texts))
    return write_pdf(Path(path).expanduser(), pages)


class RowList:
    """An editable list of widget rows (agenda items, follow-ups) with Add and Remove buttons."""

    def __init__(self, make_row, noun: str, on_change=lambda: None):
        self.make_row, self.noun, self.on_change = make_row, noun, on_change
        self.rows: list[list[widgets.Widget]] = []
        self.box = widgets.VBox()
        self.add_button = widgets.Button(description=f"Add {noun}", tooltip=f"Add another {noun}")
        self.add_button.on_click(lambda _: self.add())
        self.widget = widgets.VBox([self.box, self.add_button])

    def add(self, *values) -> list[widgets.Widget]:
        row = self.make_row(len(self.rows) + 1, *values)
        for control in row:
            control.observe(lambda _: self.on_change(), names="value")
        self.rows.append(row)
        self._layout()
        return row

    def remove(self, row) -> None:
        self.rows.remove(row)
        self._layout()

    def _layout(self) -> None:
        lines = []
        for number, row in enumerate(self.rows, start=1):
            remove = widgets.Button(description="Remove", tooltip=f"Remove {self.noun} {number}")
            remove.on_click(lambda _, r=row: self.remove(r))
            row[0].description = f"{self.noun.capitalize()} {number}"
            lines.append(widgets.HBox([*row, remove]))
        self.box.children = lines
        self.on_change()


class SessionPlanner:
    """The planner's widgets; `plan()` reads them into a SessionPlan."""

    def __init__(self, texts: PlannerTexts | None = None, save_as: str | Path | None = None):
        self.texts = texts = texts or load_planner_texts()
        self.supervisor = widgets.Text(description="Supervisor", style=WIDE)
        self.supervisee = widgets.Text(description="Supervisee", placeholder="name or initials", style=WIDE)
        self.session_date = widgets.DatePicker(description="Session date", style=WIDE)
        self.session_minutes = widgets.BoundedIntText(value=texts.session_minutes, min=10, max=MAX_MINUTES,
                                                      description="Length (minutes)", style=WIDE)
        self.total = widgets.HTML()
        self.agenda = RowList(self._agenda_row, "agenda item", self._update_total)
        for item in texts.agenda:
            self.agenda.add(item.title, item.minutes)
        self.session_minutes.observe(lambda _: self._update_total(), names="value")
        self.questions = [widgets.Checkbox(value=n == 0, description=q, indent=False)
                          for n, q in enumerate(texts.questions)]
        self.own_question = widgets.Text(description=texts.own_question_label, style=WIDE,
                                         layout=widgets.Layout(width="100%"))
        self.review_numbers = [(label, widgets.BoundedIntText(min=0, max=999, description=label, style=WIDE))
                               for _, label in texts.review_numbers]
        self.review_texts = [(label, widgets.Textarea(description=label, style=WIDE,
                                                      layout=widgets.Layout(width="100%")))
                             for _, label in texts.review_texts]
        self.follow_ups = RowList(self._follow_up_row, "follow-up")
        self.follow_ups.add()
        default = save_as or Path.home() / "supervision-plan.pdf"
        self.save_as = widgets.Text(value=str(default), description="Save as", style=WIDE,
                                    layout=widgets.Layout(width="100%"))
        self.replace = widgets.Checkbox(description="Replace an existing file", indent=False)
        self.export_button = widgets.Button(description="Export PDF", button_style="primary",
                                            tooltip="Check the plan and save it as a PDF")
        self.export_button.on_click(lambda _: self.export())
        self.status = widgets.HTML()
        self.widget = app_box(self._sections())

    def _sections(self) -> list[widgets.Widget]:
        texts = self.texts

        def heading(title: str, note: str = "") -> widgets.HTML:
            return widgets.HTML(f"<h3>{escape(title)}</h3>{paragraphs(note)}")

        return [
            widgets.HTML(f"<h2>{escape(texts.title)}</h2>{paragraphs(texts.intro)}"
                         f'<div class="sts-box"><strong>Privacy.</strong> {escape(texts.privacy)}</div>'),
            heading("Session"), self.supervisor, self.supervisee, self.session_date, self.session_minutes,
            heading("Agenda"), self.agenda.widget, self.total,
            heading(texts.checkin_heading, texts.checkin_note), *self.questions, self.own_question,
            heading(texts.review_heading, texts.review_note),
            *(w for _, w in self.review_numbers), *(w for _, w in self.review_texts),
            heading(texts.follow_ups_heading, texts.follow_ups_note), self.follow_ups.widget,
            heading("Export"), self.save_as, self.replace, self.export_button, self.status,
        ]

    @staticmethod
    def _agenda_row(number: int, title: str = "", minutes: int = 5) -> list[widgets.Widget]:
        return [widgets.Text(value=title, description=f"Agenda item {number}", style=WIDE,
                             layout=widgets.Layout(width="70%")),
                widgets.BoundedIntText(value=minutes, min=1, max=MAX_MINUTES, description="Minutes",
                                       layout=widgets.Layout(width="160px"))]

    @staticmethod
    def _follow_up_row(number: int) -> list[widgets.Widget]:
        return [widgets.Text(description=f"Follow-up {number}", placeholder="action", style=WIDE),
                widgets.Text(description="Owner", style=WIDE, layout=widgets.Layout(width="220px")),
                widgets.DatePicker(description="Due", style=WIDE)]

    def _update_total(self) -> None:
        total = sum(row[1].value for row in self.agenda.rows)
        over = total > self.session_minutes.value
        note = " (more than the session: shorten or remove an item)" if over else ""
        css = ' class="sts-problem"' if over else ""
        self.total.value = (f"<p role='status'{css}>Agenda total: "
                            f"{total} of {self.session_minutes.value} minutes{escape(note)}</p>")

    def plan(self) -> SessionPlan:
        questions = [box.description for box in self.questions if box.value]
        if self.own_question.value.strip():
            questions.append(self.own_question.value.strip())
        return SessionPlan(
            session_date=self.session_date.value, supervisor=self.supervisor.value,
            supervisee=self.supervisee.value, session_minutes=self.session_minutes.value,
            agenda=[AgendaItem(row[0].value, row[1].value) for row in self.agenda.rows],
            questions=questions,
            review=[(label, w.value if w.value else "") for label, w in self.review_numbers + self.review_texts],
            follow_ups=[FollowUp(row[0].value, row[1].value, row[2].value) for row in self.follow_ups.rows],
        )

    def export(self) -> Path | None:
        """Export the plan; the status line says where it went or what to fix."""
        try:
            path = export_pdf(self.plan(), self.save_as.value, self.texts, self.replace.value)
        except PlanError as exc:
            items = "".join(f"<li>{escape(p)}</li>" for p in exc.problems)
            self.status.value = (f"<div role='alert' class='sts-problem'><p><strong>\u2717 Not exported yet."
                                 f"</strong> Please fix:</p><ul>{items}</ul></div>")
            return None
        except OSError as exc:
            self.status.value = (f"<p role='alert' class='sts-problem'><strong>\u2717 Could not save "
                                 f"{escape(str(exc.filename or self.save_as.value))}:</strong> "
                                 f"{escape(exc.strerror or str(exc))}</p>")
            return None
        self.status.value = f"<p role='status'><strong>\u2713 Saved the plan to {escape(str(path))}.</strong></p>"
        return path


def planner_app():
    """The Voila app (notebooks/supervision_planner.ipynb)."""
    return SessionPlanner().widget
