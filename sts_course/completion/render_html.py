"""A self-contained HTML completion report: summary tables, matplotlib charts (inline SVG, with
alt text) and the learner-by-module table. No external scripts, styles or fonts."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from . import charts
from .report import CompletionReport
from .tables import Table, heading, learner_matrix, summary_tables

TEMPLATES = Path(__file__).parent / "templates"
SAME_FIGURES = "The same figures are in the tables."


@dataclass(frozen=True)
class Chart:
    uri: str
    alt: str
    caption: str


def report_charts(report: CompletionReport) -> list[Chart]:
    found = []
    for groups, what in ((report.teams, "team"), (report.tracks, "track")):
        found.append(Chart(charts.svg_data_uri(charts.completion_chart(groups, what)),
                           charts.completion_alt(groups, what), f"Modules passed, by {what}. {SAME_FIGURES}"))
    found.append(Chart(charts.svg_data_uri(charts.principle_chart(report.principles, report.pass_mark)),
                       charts.principle_alt(report.principles, report.pass_mark),
                       "Knowledge-check answers correct, by principle: low bars show where a refresher helps. "
                       + SAME_FIGURES))
    return found


def _environment() -> Environment:
    return Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["j2", "html"]))


def table_html(table: Table) -> str:
    """One table as accessible HTML (a caption and column headers)."""
    return _environment().get_template("table.html.j2").module.table_html(table)


def chart_html(chart: Chart) -> str:
    return Markup(_environment().from_string(
        '<figure><img src="{{ c.uri }}" alt="{{ c.alt }}"><figcaption>{{ c.caption }}</figcaption></figure>'
    ).render(c=chart))


def render_html(report: CompletionReport) -> str:
    template = _environment().get_template("report.html.j2")
    return template.render(heading=heading(report), pass_mark=f"{report.pass_mark:g}",
                           figures=[chart_html(c) for c in report_charts(report)],
                           tables=[*summary_tables(report), learner_matrix(report)])
