"""The participant's view: join with a code, answer on a phone, see the answer after the reveal.

The question itself is the quiz's QuestionCard (its instant Check button hidden: in a live
session the answer is shown when the trainer reveals it). After joining, the page's address
gets the participant's rejoin secret, so a reload, or a restarted server, finds them again.
"""

from __future__ import annotations

import json
from html import escape

import ipywidgets as widgets

from ..bank import Bank
from ..quiz import STYLE, QuestionCard, _hidden, feedback_html
from .lifecycle import page_script, shutdown_on_close
from .panels import answer_html, leaderboard_html, status_html
from .polling import Poller
from .store import JoinCodeError, Participant, Session, WorkshopError, WorkshopStore
from .text import message, paragraph

PHONE_STYLE = """<style>
.sts-phone { max-width: 34rem; margin: 0 auto; font-size: 1.05rem; }
.sts-phone .widget-text, .sts-phone .widget-button, .sts-phone button { width: 100% !important; }
.sts-phone button { min-height: 2.75rem; font-size: 1.05rem; }
.sts-phone .widget-radio-box label { padding: 0.35rem 0; }
.sts-phone .sts-small { font-size: 0.9rem; color: #3d4a57; }
.sts-phone .sts-code { font-size: 1.3rem; letter-spacing: 0.15em; }
</style>"""


class ParticipantView:
    """Join form, then the live question, the reveal and the final score."""

    def __init__(self, store: WorkshopStore, bank: Bank, code: str = "", secret: str | None = None,
                 poll_interval: float = 1.0):
        self.store, self.bank = store, bank
        self.participant: Participant | None = None
        self.card: QuestionCard | None = None
        self.poller = Poller(self._snapshot, self._on_change, poll_interval)
        self.code_box = widgets.Text(value=code, description="Join code", placeholder="e.g. K7QX2",
                                     style={"description_width": "initial"})
        self.nickname_box = widgets.Text(description="Nickname (optional)", placeholder="leave empty to stay anonymous",
                                         style={"description_width": "initial"})
        self.join_button = widgets.Button(description="Join", button_style="primary",
                                          tooltip="Join the workshop session")
        self.join_status = widgets.HTML()
        self.join_button.on_click(lambda _: self.join())
        self.join_panel = widgets.VBox([
            widgets.HTML("<h2>Join the workshop quiz</h2>" + paragraph("join_intro")),
            self.code_box, self.nickname_box, self.join_button, self.join_status,
            widgets.HTML(paragraph("privacy", css="sts-small"))])
        self.header = widgets.HTML()
        self.body = widgets.VBox()
        self.live_panel = widgets.VBox([self.header, self.body])
        _hidden(self.live_panel, True)
        self.address = shutdown_on_close()
        self.widget = widgets.VBox([widgets.HTML(STYLE + PHONE_STYLE), self.join_panel,
                                    self.live_panel, self.address])
        self.widget.add_class("sts-quiz")
        self.widget.add_class("sts-phone")
        if code and secret:
            self.join(secret)

    # -- joining ---------------------------------------------------------------------------
    def join(self, secret: str | None = None) -> Participant | None:
        if self.participant is not None:  # a double tap on Join: already in
            return self.participant
        try:
            participant = self.store.join(self.code_box.value, self.nickname_box.value, secret)
        except JoinCodeError as exc:
            self.join_status.value = status_html(str(exc), role="alert")
            return None
        self.participant = participant
        session = self.store.session(participant.session_id)
        who = escape(participant.nickname) if participant.nickname else "anonymous"
        welcome = paragraph("rejoined", css="sts-small") if participant.secret == secret else ""
        self.header.value = (f"<p class='sts-small'>Session <span class='sts-code'>{session.code}</span>"
                             f" &middot; you are {who}</p>{welcome}")
        _hidden(self.join_panel, True)
        _hidden(self.live_panel, False)
        self._remember_in_address(session.code, participant.secret)
        self.poller.poll_once()
        self.poller.start()
        return participant

    def _remember_in_address(self, code: str, secret: str) -> None:
        """Put code and rejoin secret in the page's address, so a reload rejoins as the same person."""
        query = json.dumps(f"?code={code}&p={secret}")
        page_script(f"history.replaceState(null, '', location.pathname + {query});", self.address)

    # -- live updates ----------------------------------------------------------------------
    def _snapshot(self):
        session = self.store.session(self.participant.session_id)
        return session, session.seconds_left()

    def _on_change(self, value) -> None:
        session, _ = value
        self.render(session)

    def render(self, session: Session) -> None:
        if session.phase == "ended":
            self._show_end(session)
            self.poller.stop()
        elif session.current_question_id is None:
            self.body.children = [widgets.HTML(paragraph("waiting", role="status"))]
        else:
            self._show_question(session)

    def _show_question(self, session: Session) -> None:
        question = self.bank.by_id(session.current_question_id)
        if self.card is None or self.card.question.id != question.id:
            self._new_card(session, question)
        if session.phase == "question":
            left = session.seconds_left()
            closed = left == 0
            self.timer.value = "" if left is None else status_html("Time is up." if closed else f"Time left: {left} s")
            self.card._set_enabled(not closed)
            self.send_button.disabled = closed
        else:
            self._show_reveal(question)

    def _new_card(self, session: Session, question) -> None:
        self.card = QuestionCard(question, session.position + 1, len(session.question_ids))
        _hidden(self.card.check_button, True)
        self.send_button = widgets.Button(description="Send answer", button_style="primary",
                                          tooltip=f"Send your answer to question {session.position + 1}")
        self.send_button.on_click(lambda _: self.send())
        self.answer_status = widgets.HTML()
        self.timer = widgets.HTML()
        earlier = self.store.answer_of(self.participant, question.id)
        if earlier:
            self.card.select(earlier)
            self.answer_status.value = status_html(message("answer_saved", choice=", ".join(earlier)))
        self.body.children = [self.timer, self.card.widget, self.send_button, self.answer_status]

    def send(self) -> None:
        """Store the chosen option(s); sending again replaces the earlier answer."""
        keys = self.card.selected()
        try:
            self.store.submit(self.participant, self.card.question, keys)
        except WorkshopError as exc:
            self.answer_status.value = status_html(str(exc), role="alert")
            return
        self.answer_status.value = status_html(message("answer_saved", choice=", ".join(sorted(keys))))

    def _show_reveal(self, question) -> None:
        mine = self.store.answer_of(self.participant, question.id)
        self.card.select(mine)
        self.card._set_enabled(False)
        _hidden(self.send_button, True)
        self.timer.value = ""
        evaluation = question.evaluate(mine)
        if not mine:
            verdict = message("not_answered")
        else:
            verdict = "\u2713 You were right." if evaluation.correct else "\u2717 Not this time."
        self.answer_status.value = (status_html(verdict) + answer_html(question)
                                    + feedback_html(question.evaluate(question.correct_keys | set(mine)))
                                    + f"<p class='sts-small'>Your score so far: {self.store.score(self.participant)}</p>")

    def _show_end(self, session: Session) -> None:
        score = self.store.score(self.participant)
        parts = [widgets.HTML(paragraph("ended", role="status")),
                 widgets.HTML(f"<h2 role='status'>Your score: {score} of {len(session.question_ids)}</h2>")]
        if session.leaderboard:
            parts.append(widgets.HTML(leaderboard_html(self.store.leaderboard(session.id))))
        self.body.children = parts
