"""Printable PDFs made with matplotlib alone (its bundled DejaVu fonts; nothing fetched).

`write_pdf` writes any list of Figures as pages; `journal_pages` lays out a learner's
journal entries as plain text pages for the journal's PDF summary.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure

A4 = (8.27, 11.69)  # inches
LINES_PER_PAGE = 58
WRAP = 96
TOP, LINE_STEP = 0.94, 0.0148


def write_pdf(path: Path, figures) -> Path:
    """Write the figures (any iterable: pages can be made one at a time) to `path`, one per page."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with PdfPages(path, metadata={"Creator": "sts-course", "Title": "sts-course"}) as pdf:
        for figure in figures:
            pdf.savefig(figure)
            figure.clear()  # a long journal makes hundreds of pages: keep only one in memory
    return path


def _humanize(key: str) -> str:
    return str(key).replace("_", " ").capitalize()


def payload_lines(value, label: str = "", depth: int = 0) -> list[str]:
    """A payload (nested dicts, lists, text, numbers) as indented 'Label: value' lines."""
    indent = "    " * depth
    if isinstance(value, dict):
        lines = [f"{indent}{label}:"] if label else []
        for key, item in value.items():
            lines += payload_lines(item, _humanize(key), depth + (1 if label else 0))
        return lines
    if isinstance(value, list):
        if all(not isinstance(v, (dict, list)) for v in value):
            return [f"{indent}{label}: {'; '.join(map(str, value)) if value else '(none)'}"]
        lines = [f"{indent}{label}:"]
        for item in value:
            lines += payload_lines(item, "-", depth + 1)
        return lines
    text = "(blank)" if value in (None, "") else str(value)
    return [f"{indent}{label}: {text}" if label else f"{indent}{text}"]


def _wrapped(lines: list[str]) -> list[str]:
    out = []
    for line in lines:
        indent = len(line) - len(line.lstrip(" "))
        out += textwrap.wrap(line, WRAP, subsequent_indent=" " * (indent + 4)) or [""]
    return out


def text_pages(title: str, lines: list[tuple[str, str]]):
    """Lines of (style, text), style one of 'title', 'heading', 'text', laid out on A4 pages
    (a generator of Figures, one per page)."""
    for number, start in enumerate(range(0, max(len(lines), 1), LINES_PER_PAGE), start=1):
        chunk = lines[start:start + LINES_PER_PAGE]
        fig = Figure(figsize=A4)
        fig.text(0.06, 0.975, title, fontsize=8, color="#4a5866", va="top")
        for row, (style, text) in enumerate(chunk):
            size, weight = {"title": (15, "bold"), "heading": (11, "bold")}.get(style, (9, "normal"))
            fig.text(0.06, TOP - row * LINE_STEP, text, fontsize=size, fontweight=weight, va="top")
        fig.text(0.94, 0.02, f"page {number}", fontsize=8, ha="right", color="#4a5866")
        yield fig


def journal_pages(entries, titles: dict[str, str]):
    """The journal's printable summary: a cover block, then each exercise's entries by date."""
    lines = [("title", "My reflection journal"), ("text", ""),
             ("text", f"{len(entries)} entries. Private: printed from your own journal file."),
             ("text", "")]
    for exercise in dict.fromkeys(e.exercise for e in entries):
        lines.append(("heading", f"{exercise}. {titles.get(exercise, '')}".rstrip(". ")))
        for entry in (e for e in entries if e.exercise == exercise):
            lines.append(("text", f"{entry.created_at[:16].replace('T', ' ')} UTC  ({_humanize(entry.kind)})"))
            lines += [("text", line) for line in _wrapped(payload_lines(entry.payload, depth=1))]
            lines.append(("text", ""))
    return text_pages("My reflection journal (private)", lines)
