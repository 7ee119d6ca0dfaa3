"""The completion dashboard (a Voila app, `notebooks/completion_dashboard.ipynb`): the report's
figures, filterable by team and track. Every chart has alt text and the same figures as tables.

Which course and gradebook: STS_GRADING_DIR (default grading/) and its course.yml's db_url
(STS_GRADEBOOK_URL overrides it).
"""

from __future__ import annotations

import os

import ipywidgets as widgets

from .commands import load_report
from .database import open_engine
from .gradebook import roster_groups
from .render_html import chart_html, report_charts, table_html
from .report import CompletionReport
from .settings import load_settings
from .tables import heading, summary_tables

ALL = "All"


def headline(report: CompletionReport) -> str:
    passed = sum(r.passed for r in report.rows)
    learners = len({r.student_id for r in report.rows})
    overdue = sum(r.timing.value == "overdue" for r in report.rows)
    share = round(100.0 * passed / len(report.rows), 1) if report.rows else 0.0
    return (f"{learners} learners; {passed} of {len(report.rows)} assigned modules passed ({share:g} %); "
            f"{overdue} overdue; {len(report.learners_complete())} learners have completed their track.")


def dashboard_html(report: CompletionReport) -> str:
    parts = [f"<h2>{heading(report)}</h2>", f'<p class="sts-headline">{headline(report)}</p>']
    parts += [chart_html(chart) for chart in report_charts(report)]
    parts += [table_html(table) for table in summary_tables(report)]
    return "\n".join(parts)


def completion_dashboard(course_dir=None, db_url: str | None = None) -> widgets.VBox:
    """Team and track filters above the figures; changing a filter re-reads the gradebook."""
    settings = load_settings(course_dir or os.environ.get("STS_GRADING_DIR") or None)
    url = db_url or settings.db_url
    engine = open_engine(url)
    try:
        with engine.connect() as connection:
            teams, tracks = roster_groups(connection)
    finally:
        engine.dispose()
    team = widgets.Dropdown(options=[ALL, *teams], value=ALL, description="Team")
    track = widgets.Dropdown(options=[ALL, *tracks], value=ALL, description="Track")
    body = widgets.HTML()

    def refresh(_change=None):
        chosen_team = None if team.value == ALL else team.value
        chosen_track = None if track.value == ALL else track.value
        report, _ = load_report(settings, url, chosen_team, chosen_track)
        body.value = dashboard_html(report)

    team.observe(refresh, names="value")
    track.observe(refresh, names="value")
    refresh()
    return widgets.VBox([widgets.HBox([team, track]), body])
