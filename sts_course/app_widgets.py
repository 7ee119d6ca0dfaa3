"""Small building blocks shared by the supervisor track's ipywidgets apps."""

from __future__ import annotations

import os
from html import escape
from pathlib import Path
from urllib.parse import parse_qs

import ipywidgets as widgets

CSS = Path(__file__).parent / "static" / "supervision_apps.css"


def app_box(children) -> widgets.VBox:
    """The app's outer box, carrying its stylesheet (no external requests)."""
    style = widgets.HTML(f"<style>{CSS.read_text(encoding='utf-8')}</style>")
    box = widgets.VBox([style, *children])
    box.add_class("sts-app")
    return box


def set_hidden(widget: widgets.Widget, hidden: bool) -> None:
    widget.layout.display = "none" if hidden else None


def paragraphs(text: str) -> str:
    """Plain text (blank lines between paragraphs) as escaped HTML paragraphs."""
    return "".join(f"<p>{escape(' '.join(p.split()))}</p>" for p in text.split("\n\n") if p.strip())


def bullet_list(lines) -> str:
    return "<ul>" + "".join(f"<li>{escape(line)}</li>" for line in lines) + "</ul>"


def requested(parameter: str, env_var: str) -> str | None:
    """A value asked for in a Voila URL (`?vignette=...`) or, failing that, an environment variable."""
    query = parse_qs(os.environ.get("QUERY_STRING", ""))
    return (query.get(parameter) or [None])[0] or os.environ.get(env_var) or None
