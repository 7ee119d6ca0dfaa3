"""The wellness metrics dashboard as an ipywidgets app (`sts-course toolkit wellness`).

Reads a team-by-month CSV (the demo, or an upload), and shows the alerts, one indicator's
trend per reporting group (a chart with alt text) and its latest months as a table. Every
number goes through `wellness.group_series`, so suppression applies everywhere.
"""

from __future__ import annotations

from html import escape

import ipywidgets as widgets

from . import data_file
from .app_parts import STYLE, chart_html, heading, message_html, paragraph, table_html, uploaded_file
from .charts import trend_chart
from .csv_input import CsvInputError
from .wellness import (WellnessConfig, WellnessData, all_alerts, group_series, latest_table, load_config,
                       read_wellness)

CONTROL = {"description_width": "16em"}
WIDE = widgets.Layout(width="40em", max_width="95%")


class WellnessApp(widgets.VBox):
    """The dashboard. Controls are attributes (`indicator`, `min_group`, `months`) for scripting and tests."""

    def __init__(self, config: WellnessConfig | None = None):
        self.config = config or load_config()
        self.data: WellnessData | None = None
        self._holding = False
        self.upload = widgets.FileUpload(accept=".csv", multiple=False, description="Indicators CSV",
                                         tooltip="Upload team totals by month (one row per team and month)")
        self.demo_button = widgets.Button(description="Use the demo data")
        self.source_status = widgets.HTML()
        self.indicator = widgets.Dropdown(description="Indicator", style=CONTROL, layout=WIDE)
        self.min_group = widgets.BoundedIntText(value=self.config.min_group, min=self.config.min_group, max=50,
                                                description="Smallest group shown (people)", style=CONTROL,
                                                layout=WIDE)
        self.months = widgets.BoundedIntText(value=6, min=3, max=12, description="Months in the table (3 to 12)",
                                             style=CONTROL, layout=WIDE)
        self.privacy = widgets.HTML()
        self.alerts = widgets.HTML()
        self.note = widgets.HTML()
        self.chart = widgets.HTML()
        self.table = widgets.HTML()
        super().__init__([
            widgets.HTML(STYLE), heading("Wellness metrics dashboard"),
            paragraph(self.config.guide("intro")), self.privacy,
            widgets.HBox([self.upload, self.demo_button]), self.source_status,
            heading("Alerts", 3), paragraph(self.config.guide("alerts")), self.alerts,
            heading("Trends", 3), self.indicator, self.min_group, self.months, self.note, self.chart, self.table,
        ])
        self.add_class("sts-toolkit")
        for control in (self.indicator, self.min_group, self.months):
            control.observe(lambda _: self._holding or self.redraw(), names="value")
        self.upload.observe(lambda _: self._load_upload(), names="value")
        self.demo_button.on_click(lambda _: self.use_demo())
        self.use_demo()

    def use_demo(self) -> None:
        path = data_file("wellness_demo.csv")
        self.load(path.read_bytes(), path.name)

    def load(self, content: bytes, name: str) -> None:
        """Read a CSV; on a problem keep showing the previous data and say exactly what is wrong."""
        try:
            data = read_wellness(content, self.config, name)
        except CsvInputError as exc:
            self.source_status.value = message_html(f"Could not use {name}: {exc}", "alert")
            return
        self.data = data
        self.source_status.value = message_html(
            f"Showing {name}: {len(data.teams)} teams, {data.months[0]} to {data.months[-1]}.")
        chosen = self.indicator.value
        self._holding = True
        try:
            self.indicator.options = [(i.label, i.id) for i in data.indicators]
            ids = [i.id for i in data.indicators]
            self.indicator.value = chosen if chosen in ids else ids[0]
        finally:
            self._holding = False
        self.redraw()

    def _load_upload(self) -> None:
        chosen = uploaded_file(self.upload)
        if chosen:
            self.load(chosen[1], chosen[0])

    def redraw(self) -> None:
        if self.data is None or self.indicator.value is None:
            return
        k = max(self.min_group.value, self.config.min_group)
        self.privacy.value = message_html(self.config.guide("privacy", k))
        alerts = all_alerts(self.data, self.config, k)
        self.alerts.value = ("<ul>" + "".join(f"<li>{'<strong>Ongoing:</strong> ' if a.ongoing else ''}"
                                               f"{escape(a.describe())}</li>" for a in alerts) + "</ul>"
                             if alerts else message_html("No sustained deterioration in any indicator."))
        indicator = self.config.indicator(self.indicator.value)
        series = group_series(self.data, indicator, k)
        self.chart.value = chart_html(trend_chart(series, self.config, alerts, k))
        self.note.value = f"<p><em>{escape(indicator.note)}</em></p>"
        header, rows = latest_table(series, self.months.value, k)
        self.table.value = table_html(header, rows, caption=f"{indicator.label} ({indicator.unit}), latest months")


def wellness_app() -> WellnessApp:
    """`from sts_course.org_toolkit.wellness_app import wellness_app; wellness_app()`"""
    return WellnessApp()
