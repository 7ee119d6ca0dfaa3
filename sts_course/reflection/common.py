"""What every reflection exercise shares: the privacy banner, a message area, buttons that
refuse bad input kindly, a figure view with a text equivalent, and the journal's export and
delete controls. `ExerciseApp` puts them around an exercise's own form.
"""

from __future__ import annotations

import base64
from datetime import datetime
from html import escape
from pathlib import Path

import ipywidgets as widgets
from matplotlib.figure import Figure

from .. import paths
from ..figures.load_model import figure_png
from ..journal import Entry, InvalidEntry, Journal, JournalError, default_journal
from . import exercise, exercises
from .content import common_text

STYLE = """<style>
.sts-reflection { max-width: 64em; }
.sts-reflection .widget-label { white-space: normal !important; line-height: 1.3; }
.sts-reflection .widget-checkbox { width: auto !important; }
.sts-reflection .widget-checkbox label { white-space: normal !important; }
.sts-reflection button:focus-visible, .sts-reflection input:focus-visible,
.sts-reflection select:focus-visible, .sts-reflection textarea:focus-visible,
.sts-reflection a:focus-visible { outline: 3px solid #1a5fb4 !important; outline-offset: 2px; }
.sts-privacy { border-left: 4px solid #1a5fb4; padding: 4px 10px; background: #eef3fa; color: #1b2a38; }
.sts-msg-ok { border-left: 4px solid #1e7a3c; padding-left: 8px; }
.sts-msg-error { border-left: 4px solid #b3261e; padding-left: 8px; }
.sts-msg-note { border-left: 4px solid #8a5a00; padding-left: 8px; }
.sts-section { border: 1px solid #8a8f98; border-radius: 6px; padding: 4px 12px 10px; margin: 10px 0; }
.sts-figure img { max-width: 100%; height: auto; }
</style>"""

LABEL_STYLE = {"description_width": "15em"}
WIDE = {"width": "95%"}


def paragraph(text: str) -> widgets.HTML:
    return widgets.HTML(f"<p>{escape(text)}</p>")


def prompt_block(prompt: str, *controls: widgets.Widget, heading: str = "") -> widgets.VBox:
    """A prompt (under an optional heading) above the controls that answer it."""
    title = f"<h4>{escape(heading)}</h4>" if heading else ""
    return widgets.VBox([widgets.HTML(f"{title}<p>{escape(prompt)}</p>"), *controls])


def section(heading: str, *children: widgets.Widget) -> widgets.VBox:
    box = widgets.VBox([widgets.HTML(f"<h3>{escape(heading)}</h3>"), *children])
    box.add_class("sts-section")
    return box


def text_box(label: str, prompt: str = "", rows: int = 3) -> widgets.Textarea:
    """A labelled text area; `prompt` is shown as its placeholder and tooltip."""
    return widgets.Textarea(description=label, placeholder=prompt, tooltip=prompt, rows=rows,
                            style=LABEL_STYLE, layout=widgets.Layout(**WIDE))


def choice(label: str, scale: dict, unset: str = "Choose...", numbered: bool = True) -> widgets.Dropdown:
    """A labelled drop-down over {value: label} (shown as "value: label" when `numbered`);
    its value is None until chosen."""
    options = [(unset, None)] + [(f"{value}: {text}" if numbered else text, value) for value, text in scale.items()]
    return widgets.Dropdown(options=options, index=0, description=label, style=LABEL_STYLE,
                            layout=widgets.Layout(width="38em"))


class Messages(widgets.HTML):
    """Where an exercise says what happened: saved (✓), refused (✗) or a note (!)."""

    def _show(self, css: str, role: str, symbol: str, text: str) -> None:
        self.value = f'<p class="{css}" role="{role}"><strong>{symbol}</strong> {escape(text)}</p>'

    def ok(self, text: str) -> None:
        self._show("sts-msg-ok", "status", "\u2713", text)

    def error(self, text: str) -> None:
        self._show("sts-msg-error", "alert", "\u2717", text)

    def note(self, text: str) -> None:
        self._show("sts-msg-note", "status", "!", text)

    def clear(self) -> None:
        self.value = ""


def action_button(description: str, tooltip: str, action, messages: Messages,
                  failure: str | None = None, style: str = "primary") -> widgets.Button:
    """A button running `action()`, which returns a success message or raises InvalidEntry
    or JournalError; the message area says which, and nothing is lost either way."""
    button = widgets.Button(description=description, tooltip=tooltip, button_style=style)
    failure = common_text()["not_saved"] if failure is None else failure

    def run(_button=None):
        try:
            done = action()
        except (InvalidEntry, JournalError) as exc:
            messages.error(f"{failure} {exc}")
        else:
            messages.ok(done)

    button.on_click(run)
    return button


class FigureView(widgets.VBox):
    """A figure as an image with alt text, and the same content as visible text."""

    def __init__(self):
        self.image = widgets.HTML()
        self.image.add_class("sts-figure")
        self.summary = widgets.HTML()
        super().__init__([self.image, self.summary])

    def show(self, fig: Figure, summary: str) -> None:
        png = base64.b64encode(figure_png(fig)).decode("ascii")
        fig.clear()
        self.image.value = f'<img src="data:image/png;base64,{png}" alt="{escape(summary)}">'
        self.summary.value = f'<p role="status"><strong>{escape(summary)}</strong></p>'


def data_link(path: Path, mime: str, text: str) -> str:
    data = base64.b64encode(path.read_bytes()).decode("ascii")
    return f'<a download="{escape(path.name)}" href="data:{mime};base64,{data}">{escape(text)}</a>'


class JournalControls(widgets.VBox):
    """Export everything (JSON + printable PDF) and delete everything, with one control each
    (deleting asks for a confirmation first)."""

    def __init__(self, journal: Journal, on_deleted=lambda: None):
        self.journal, self.on_deleted = journal, on_deleted
        text = common_text()
        self.messages = Messages()
        self.folder = widgets.Text(value=str(journal.path.parent / "exports"), description="Export folder",
                                   style=LABEL_STYLE, layout=widgets.Layout(**WIDE))
        self.export_button = action_button(
            "Export my journal", "Write every entry as a JSON file and a printable PDF summary",
            self._export_message, self.messages, failure="Not exported.", style="")
        self.downloads = widgets.HTML()
        self.delete_button = widgets.Button(description="Delete my journal...", button_style="danger",
                                            tooltip="Delete every entry of every exercise")
        self.confirm_button = widgets.Button(description="Yes, delete everything", button_style="danger",
                                             tooltip="Delete every entry now; this cannot be undone")
        self.cancel_button = widgets.Button(description="Cancel", tooltip="Keep my journal as it is")
        self.confirm_row = widgets.HBox([self.confirm_button, self.cancel_button])
        self.confirm_row.layout.display = "none"
        self.delete_button.on_click(lambda _: self.ask_to_delete())
        self.confirm_button.on_click(lambda _: self.delete())
        self.cancel_button.on_click(lambda _: self.cancel_delete())
        super().__init__([
            widgets.HTML(f"<h3>{escape(text['journal_heading'])}</h3>"),
            paragraph(text["export_help"]), self.folder, self.export_button, self.downloads,
            paragraph(text["delete_help"]), self.delete_button, self.confirm_row, self.messages])
        self.add_class("sts-section")

    def export_folder(self) -> Path:
        """The folder the learner chose for exports (never the course's grading folder)."""
        chosen = self.folder.value.strip()
        if not chosen:
            raise InvalidEntry("Export folder", "is empty; type the folder to export to.")
        folder = Path(chosen).expanduser().resolve()
        grading = paths.grading_dir().resolve()
        if folder == grading or grading in folder.parents:
            raise InvalidEntry("Export folder", "is inside the course's grading folder; "
                                                "choose a private folder of your own.")
        return folder

    def export(self) -> tuple[Path, Path]:
        """Write the JSON and the PDF into the chosen folder; returns their paths."""
        folder = self.export_folder()
        stem = f"sts-journal-{datetime.now():%Y%m%d-%H%M%S}"
        titles = {e.id: e.title for e in exercises()}
        json_path = self.journal.export_json(folder / f"{stem}.json")
        pdf_path = self.journal.export_pdf(folder / f"{stem}.pdf", titles)
        self.downloads.value = (f"<p>Download: {data_link(json_path, 'application/json', 'the JSON file')}"
                                f" | {data_link(pdf_path, 'application/pdf', 'the PDF summary')}</p>")
        return json_path, pdf_path

    def _export_message(self) -> str:
        try:
            json_path, pdf_path = self.export()
        except OSError as exc:
            raise InvalidEntry("Export folder", f"cannot be written to ({exc.strerror or exc}).") from exc
        count = len(self.journal.entries())
        return common_text()["exported"].format(count=count, json=json_path, pdf=pdf_path)

    def ask_to_delete(self) -> None:
        self.messages.note(common_text()["delete_confirm"].format(count=self.journal.count()))
        self.confirm_row.layout.display = None

    def cancel_delete(self) -> None:
        self.confirm_row.layout.display = "none"
        self.messages.ok(common_text()["delete_cancelled"])

    def delete(self) -> int:
        """Delete every entry (after the learner confirmed); returns how many."""
        self.confirm_row.layout.display = "none"
        try:
            removed = self.journal.delete_all()
        except JournalError as exc:
            self.messages.error(f"Nothing was deleted. {exc}")
            return 0
        self.downloads.value = ""
        self.messages.ok(common_text()["deleted"].format(count=removed))
        self.on_deleted()
        return removed


class ExerciseApp(widgets.VBox):
    """An exercise: privacy banner, introduction, the exercise's own widgets (`build()`) and
    the journal controls; the notebook gives the title. `refresh()` redraws from the journal."""

    exercise_id = ""

    def __init__(self, journal: Journal | None = None):
        self.journal = journal or default_journal()
        self.exercise = exercise(self.exercise_id)
        text = common_text()
        self.messages = Messages()
        body = self.build()
        self.controls = JournalControls(self.journal, on_deleted=self.refresh)
        banner = widgets.HTML(f'<p class="sts-privacy"><strong>Private.</strong> '
                              f'{escape(text["privacy"].format(path=self.journal.path))}</p>')
        super().__init__([widgets.HTML(STYLE), banner, paragraph(self.exercise.intro), *body, self.controls])
        self.add_class("sts-reflection")
        self.refresh()

    def __repr__(self) -> str:
        # A notebook saves this as the output's text: it must never carry the learner's entries.
        return f"Exercise {self.exercise_id} (interactive: open it in JupyterLab or Voila)"

    def build(self) -> list[widgets.Widget]:
        raise NotImplementedError

    def refresh(self) -> None:
        """Redraw whatever shows saved entries (after a save, or after the journal was emptied)."""

    def save(self, kind: str, payload: dict) -> Entry:
        return self.journal.save(self.exercise_id, kind, payload)

    def saved_message(self) -> str:
        return common_text()["saved"]


class LatestEntryApp(ExerciseApp):
    """An exercise whose form opens with the latest saved entry of `kind` (a profile, a plan,
    a map, a card), which the learner updates and saves again. Subclasses say how to `fill`
    the form, read it (`payload`), and `draw` a payload as (figure, text summary)."""

    kind = ""

    def latest_payload(self) -> dict | None:
        latest = self.journal.latest(self.exercise_id, self.kind)
        return latest.payload if latest else None

    def fill(self, payload: dict | None) -> None:
        raise NotImplementedError

    def payload(self) -> dict:
        raise NotImplementedError

    def draw(self, payload: dict | None) -> tuple[Figure, str]:
        raise NotImplementedError

    def submit(self) -> str:
        self.save(self.kind, self.payload())
        self.refresh()
        return self.saved_message()

    def refresh(self) -> None:
        payload = self.latest_payload()
        if payload is None:  # nothing saved, or the journal was just emptied: clear the form too
            self.fill(None)
        self.figure.show(*self.draw(payload))
