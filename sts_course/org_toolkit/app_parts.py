"""Pieces the toolkit's three ipywidgets apps share: a chart as an image with its alt text,
accessible HTML tables, messages, download links and reading an uploaded file."""

from __future__ import annotations

import base64
from html import escape
from typing import Sequence

import ipywidgets as widgets

from ..figures.load_model import figure_png
from .charts import Chart

# Long labels must wrap, focus must be visible, and the apps read well at 1200 px and on a phone.
STYLE = """<style>
.sts-toolkit { max-width: 72em; }
.sts-toolkit .widget-label { white-space: normal !important; height: auto !important; line-height: 1.35; }
.sts-toolkit .sts-rating { height: auto !important; align-items: center; margin: 0.35em 0; }
.sts-toolkit .sts-rating .widget-label { width: 38em !important; max-width: 60vw; }
.sts-toolkit input:focus-visible, .sts-toolkit select:focus-visible, .sts-toolkit button:focus-visible,
.sts-toolkit a:focus-visible { outline: 3px solid #1a5fb4 !important; outline-offset: 2px; }
.sts-toolkit table { border-collapse: collapse; margin: 0.5em 0 1em; }
.sts-toolkit th, .sts-toolkit td { border: 1px solid #8a8f98; padding: 0.25em 0.6em; text-align: left; vertical-align: top; }
.sts-toolkit caption { text-align: left; font-weight: bold; padding-bottom: 0.3em; }
.sts-toolkit .sts-alert { border-left: 4px solid #b3261e; padding-left: 8px; }
.sts-toolkit .sts-note { border-left: 4px solid #1f4e79; padding-left: 8px; }
.sts-toolkit img { max-width: 100%; height: auto; }
.sts-toolkit .sts-action-row { border: 1px solid #8a8f98; border-radius: 6px; padding: 4px 8px; margin-bottom: 6px; }
</style>"""


def chart_html(chart: Chart, dpi: int = 90) -> str:
    """The chart as an <img> carrying its alt text, with the same description readable below."""
    png = base64.b64encode(figure_png(chart.figure, dpi=dpi)).decode("ascii")
    chart.figure.clear()  # never registered with pyplot; drop its artists now
    return (f'<figure><img src="data:image/png;base64,{png}" alt="{escape(chart.alt)}">'
            f"<details><summary>Text description of the figure</summary><p>{escape(chart.alt)}</p>"
            "</details></figure>")


def table_html(header: Sequence[str], rows: Sequence[Sequence[object]], caption: str = "") -> str:
    """An accessible table: a caption, column headers, and the first cell of each row as a row header."""
    head = "".join(f'<th scope="col">{escape(str(h))}</th>' for h in header)
    body = "".join("<tr>" + "".join(f'<th scope="row">{escape(str(c))}</th>' if n == 0 else f"<td>{escape(str(c))}</td>"
                                    for n, c in enumerate(row)) + "</tr>" for row in rows)
    cap = f"<caption>{escape(caption)}</caption>" if caption else ""
    return f"<table>{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def message_html(text: str, kind: str = "status") -> str:
    """A live message: kind "status" (polite) or "alert" (a problem the user must fix)."""
    css = "sts-alert" if kind == "alert" else "sts-note"
    role = "alert" if kind == "alert" else "status"
    return f'<p role="{role}" class="{css}">{escape(text)}</p>'


def download_link(content: str | bytes, filename: str, mime: str, label: str) -> str:
    """A link that saves `content` as `filename` from the page itself (no server round trip)."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    encoded = base64.b64encode(data).decode("ascii")
    return f'<a download="{escape(filename)}" href="data:{mime};base64,{encoded}">{escape(label)}</a>'


def uploaded_file(upload: widgets.FileUpload) -> tuple[str, bytes] | None:
    """The name and bytes of the file last chosen in a FileUpload, if any."""
    if not upload.value:
        return None
    chosen = upload.value[-1]
    return chosen["name"], bytes(chosen["content"])


def heading(text: str, level: int = 2) -> widgets.HTML:
    return widgets.HTML(f"<h{level}>{escape(text)}</h{level}>")


def paragraph(text: str) -> widgets.HTML:
    return widgets.HTML(f"<p>{escape(text)}</p>")
