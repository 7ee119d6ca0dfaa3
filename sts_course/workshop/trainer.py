"""The trainer's view: choose questions, open a session, step through it, reveal, export.

Made for a projector: the join code, link and QR code are large; the screen shows counts and
the answer distribution, never who chose what, and nicknames only when the trainer turns the
leaderboard on. Only a page opened with the trainer token gets this view (see `app`).
"""

from __future__ import annotations

import base64
import io
from html import escape

import ipywidgets as widgets

from ..bank import Bank
from ..quiz import STYLE, _hidden, feedback_html
from .discussion import load_prompts
from .lifecycle import shutdown_on_close
from .panels import answer_html, discussion_html, leaderboard_html, status_html
from .picker import QuestionPicker
from .polling import Poller
from .store import Session, WorkshopError, WorkshopStore
from .text import message, paragraph

TRAINER_STYLE = """<style>
.sts-trainer .sts-code { font-size: 2.4rem; letter-spacing: 0.2em; font-weight: bold; }
.sts-trainer .sts-stem { font-size: 1.35rem; }
.sts-trainer .sts-qr svg { width: 180px; height: 180px; }
</style>"""


def qr_svg(text: str, label: str) -> str:
    """A QR code of `text` as inline SVG, made locally (no network), with a text label."""
    import qrcode
    import qrcode.image.svg

    buffer = io.BytesIO()
    qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, border=2).save(buffer)
    svg = buffer.getvalue().decode("utf-8").split("?>", 1)[-1]
    return svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1)


def chart_html(question, counts: dict[str, int], answered: int) -> str:
    """The distribution chart as an <img> whose alt text is the same figures in words."""
    from .charts import distribution_png, distribution_text

    png = base64.b64encode(distribution_png(question, counts, answered)).decode("ascii")
    alt = escape(distribution_text(question, counts, answered))
    return (f'<img src="data:image/png;base64,{png}" alt="{alt}" style="max-width:100%">'
            f"<details><summary>The chart in words</summary><pre>{alt}</pre></details>")


def _button(description: str, tooltip: str, style: str = "") -> widgets.Button:
    return widgets.Button(description=description, tooltip=tooltip, button_style=style,
                          layout=widgets.Layout(width="auto"))


class TrainerView:
    """Set-up screen (new or resumed session), then the live session controls."""

    def __init__(self, store: WorkshopStore, bank: Bank, join_url: str, poll_interval: float = 1.0):
        self.store, self.bank, self.join_url = store, bank, join_url
        self.session: Session | None = None
        self.prompts = load_prompts()
        self.poller = Poller(self._snapshot, lambda _: self.render(), poll_interval)
        self._chart_key = None
        self.picker = QuestionPicker(bank)
        self.time_limit = widgets.BoundedIntText(value=0, min=0, max=600, step=5,
                                                 description="Seconds per question (0 = no limit)",
                                                 style={"description_width": "initial"})
        self.leaderboard_choice = widgets.Checkbox(value=False, indent=False,
                                                   description="Show a leaderboard of nicknames")
        self.open_button = _button("Open session", "Open a session with a new join code", "primary")
        self.open_button.on_click(lambda _: self.open_session())
        self.setup_status = widgets.HTML()
        self.setup_panel = widgets.VBox([
            widgets.HTML("<h2>Workshop quiz: trainer</h2>" + paragraph("trainer_intro")),
            self._resume_box(), self.picker.widget, self.time_limit, self.leaderboard_choice,
            self.open_button, self.setup_status])
        self._build_live_panel()
        self.widget = widgets.VBox([widgets.HTML(STYLE + TRAINER_STYLE), self.setup_panel, self.live_panel,
                                    shutdown_on_close()])
        self.widget.add_class("sts-quiz")
        self.widget.add_class("sts-trainer")

    def _resume_box(self) -> widgets.Widget:
        sessions = self.store.open_sessions()
        if not sessions:
            return widgets.VBox()
        buttons = []
        for session in sessions:
            button = _button(f"Resume {session.code}: {session.title} ({session.progress})",
                             f"Resume session {session.code} with its answers")
            button.on_click(lambda _, s=session: self.attach(self.store.session(s.id)))
            buttons.append(button)
        return widgets.VBox([widgets.HTML("<h3>Open sessions</h3>" + paragraph("resume_intro")), *buttons,
                             widgets.HTML("<h3>New session</h3>")])

    def _build_live_panel(self) -> None:
        self.join_info = widgets.HTML()
        self.counts = widgets.HTML()
        self.question_area = widgets.HTML()
        self.next_button = _button("Start first question", "Show the next question to everyone", "primary")
        self.reveal_button = _button("Reveal answer", "Close answers and show the distribution and feedback", "success")
        self.discussion_button = widgets.ToggleButton(description="Discussion prompts", value=False,
                                                      tooltip="Show or hide the module's discussion prompts")
        self.leaderboard_toggle = widgets.Checkbox(value=False, indent=False, description="Leaderboard on")
        self.end_button = _button("End session", "End the session and show everyone their score", "danger")
        self.export_button = _button("Export results", "Write results.csv and a chart per question")
        self.next_button.on_click(lambda _: self.next_question())
        self.reveal_button.on_click(lambda _: self.reveal())
        self.end_button.on_click(lambda _: self.end())
        self.export_button.on_click(lambda _: self.export())
        self.discussion_button.observe(lambda _: self.render(), names="value")
        self.leaderboard_toggle.observe(self._leaderboard_changed, names="value")
        self.reveal_area = widgets.HTML()
        self.discussion_area = widgets.HTML()
        self.leaderboard_area = widgets.HTML()
        self.action_status = widgets.HTML()
        controls = widgets.HBox([self.next_button, self.reveal_button, self.discussion_button,
                                 self.end_button, self.export_button, self.leaderboard_toggle],
                                layout=widgets.Layout(flex_flow="row wrap"))
        self.live_panel = widgets.VBox([self.join_info, self.counts, self.question_area, controls,
                                        self.action_status, self.reveal_area, self.discussion_area,
                                        self.leaderboard_area])
        _hidden(self.live_panel, True)

    # -- trainer actions -------------------------------------------------------------------
    def open_session(self) -> Session | None:
        questions = self.picker.questions()
        try:
            session = self.store.create_session([q.id for q in questions], self.picker.title(),
                                                self.time_limit.value or None, self.leaderboard_choice.value)
        except WorkshopError as exc:
            self.setup_status.value = status_html(str(exc), "alert")
            return None
        self.attach(session)
        return session

    def attach(self, session: Session) -> None:
        """Show the live controls for `session` (a new one, or one resumed after a restart)."""
        self.session = session
        link = f"{self.join_url}?code={session.code}"
        self.join_info.value = (
            "<div style='display:flex;gap:2rem;align-items:center;flex-wrap:wrap'>"
            f"<div class='sts-qr'>{qr_svg(link, f'QR code for the join link {link}')}</div>"
            f"<div><p>Join at <strong>{escape(self.join_url)}</strong> with the code</p>"
            f"<p class='sts-code' aria-label='Join code {' '.join(session.code)}'>{session.code}</p>"
            f"<p><small>{escape(session.title)} &middot; link: {escape(link)}</small></p></div></div>")
        self.leaderboard_toggle.value = session.leaderboard
        _hidden(self.setup_panel, True)
        _hidden(self.live_panel, False)
        self.poller.poll_once()
        self.poller.start()

    def _act(self, action) -> None:
        try:
            action()
            self.action_status.value = ""
        except WorkshopError as exc:
            self.action_status.value = status_html(str(exc), "alert")
        self.render()

    def next_question(self) -> None:
        self._act(lambda: self.store.open_question(self.session.id, self.session.position + 1))

    def reveal(self) -> None:
        self._act(lambda: self.store.reveal(self.session.id))

    def end(self) -> None:
        self._act(lambda: self.store.end_session(self.session.id))

    def _leaderboard_changed(self, change) -> None:
        if self.session is not None and change["new"] != self.session.leaderboard:
            self._act(lambda: self.store.set_leaderboard(self.session.id, change["new"]))

    def export(self) -> list:
        from .export import export_session, results_csv

        written = export_session(self.store, self.session.id, bank=self.bank)
        csv64 = base64.b64encode(results_csv(self.store, self.session.id).encode("utf-8")).decode("ascii")
        self.action_status.value = (
            f"<p role='status'>{escape(message('export_done', folder=written[0].parent, files=', '.join(p.name for p in written)))}"
            f" <a download='results-{self.session.code}.csv' href='data:text/csv;base64,{csv64}'>"
            "Download results.csv</a></p>")
        return written

    # -- live updates ----------------------------------------------------------------------
    def _snapshot(self):
        session = self.store.session(self.session.id)
        answered = self.store.answer_count(session.id, session.current_question_id or "")
        return session, self.store.participant_count(session.id), answered, session.seconds_left()

    def render(self) -> None:
        if self.session is None:
            return
        self.session = session = self.store.session(self.session.id)
        joined = self.store.participant_count(session.id)
        qid = session.current_question_id
        answered = self.store.answer_count(session.id, qid) if qid else 0
        left = session.seconds_left()
        timer = "" if left is None else f" &middot; time left: {left} s" if left else " &middot; time is up"
        self.counts.value = (f"<p role='status'><strong>{joined} joined</strong>"
                             + (f" &middot; <strong>{answered} of {joined} answered</strong>{timer}" if qid else "")
                             + "</p>")
        last = session.position + 1 >= len(session.question_ids)
        ended = session.phase == "ended"
        self.next_button.description = "Start first question" if session.position < 0 else "Next question"
        self.next_button.disabled = ended or last or session.phase == "question"
        self.reveal_button.disabled = session.phase != "question"
        self.end_button.disabled = ended
        self.question_area.value = self._question_html(session)
        self.reveal_area.value = self._reveal_html(session, answered) if session.phase == "revealed" else ""
        modules = [self.bank.by_id(q).module for q in session.question_ids]
        self.discussion_area.value = discussion_html(self.prompts, modules) if self.discussion_button.value else ""
        self.leaderboard_area.value = (leaderboard_html(self.store.leaderboard(session.id))
                                       if session.leaderboard and session.phase in ("revealed", "ended") else "")
        if ended:
            self.question_area.value = "<h3 role='status'>Session ended: everyone now sees their own score.</h3>"
            self.poller.stop()

    def _question_html(self, session: Session) -> str:
        if session.current_question_id is None:
            return f"<p>{len(session.question_ids)} question(s) ready. Start when people have joined.</p>"
        question = self.bank.by_id(session.current_question_id)
        options = "".join(f"<li><strong>{o.key}.</strong> {escape(o.text)}</li>" for o in question.options)
        return (f"<p>Question {session.position + 1} of {len(session.question_ids)} &middot; "
                f"<em>{escape(question.hint)}</em></p><p class='sts-stem'><strong>{escape(question.stem)}</strong></p>"
                f"<ul style='list-style:none;padding-left:0'>{options}</ul>")

    def _reveal_html(self, session: Session, answered: int) -> str:
        question = self.bank.by_id(session.current_question_id)
        key = (question.id, answered)
        if key != self._chart_key:
            self._chart_key = key
            counts = self.store.distribution(session.id, question)
            self._chart = (chart_html(question, counts, answered) + answer_html(question)
                           + feedback_html(question.evaluate(o.key for o in question.options)))
        return self._chart
