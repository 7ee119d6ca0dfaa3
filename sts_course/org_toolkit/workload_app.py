"""The workload planner as an ipywidgets app (`sts-course toolkit workload`): choose a staff
member, change their caseload mix and protected time, and see everyone's exposure load
against capacity (a chart with alt text, and the same numbers as a table)."""

from __future__ import annotations

from contextlib import contextmanager
from html import escape

import ipywidgets as widgets

from . import data_file
from .app_parts import STYLE, chart_html, download_link, heading, message_html, paragraph, table_html, uploaded_file
from .charts import workload_chart
from .csv_input import CsvInputError
from .workload import (MAX_FTE, StaffMember, WorkloadModel, load_model, read_team, staff_member, summary,
                       team_csv, team_load)

MAX_CASES, MAX_HOURS = 40, 10.0
CONTROL = {"description_width": "18em"}
WIDE = widgets.Layout(width="42em", max_width="95%")


class WorkloadApp(widgets.VBox):
    """The app. Controls are attributes (`person`, `fte`, `cases[level]`, `hours[kind]`) for
    scripting and tests."""

    def __init__(self, model: WorkloadModel | None = None, members: list[StaffMember] | None = None):
        self.model = model or load_model()
        self.members = list(members or read_team(data_file("workload_demo.csv"), self.model))
        self._holding = False

        self.upload = widgets.FileUpload(accept=".csv", multiple=False, description="Team CSV",
                                         tooltip="Upload a team: one row per staff member")
        self.demo_button = widgets.Button(description="Use the demo team")
        self.source_status = widgets.HTML()
        self.person = widgets.Dropdown(description="Staff member", style=CONTROL, layout=WIDE)
        self.fte = widgets.BoundedFloatText(min=0.1, max=MAX_FTE, step=0.1, description="FTE (1.0 = full time)",
                                            style=CONTROL, layout=WIDE)
        # Number fields rather than sliders: an ipywidgets slider's handle carries no accessible name.
        self.cases = {level.id: widgets.BoundedIntText(min=0, max=MAX_CASES, description=level.label, style=CONTROL,
                                                       layout=WIDE, tooltip=level.description)
                      for level in self.model.levels}
        self.hours = {kind.id: widgets.BoundedFloatText(min=0, max=MAX_HOURS, step=0.5,
                                                        description=f"{kind.label} (hours a week)", style=CONTROL,
                                                        layout=WIDE)
                      for kind in self.model.protected}
        self.new_label = widgets.Text(description="New staff member", placeholder="a role label, e.g. Therapist D",
                                      style=CONTROL, layout=WIDE)
        self.add_button = widgets.Button(description="Add staff member")
        self.remove_button = widgets.Button(description="Remove the chosen staff member")
        self.summary = widgets.HTML()
        self.chart = widgets.HTML()
        self.table = widgets.HTML()
        self.download = widgets.HTML()

        levels = "".join(f"<li><strong>{escape(l.label)}</strong> (weight {l.weight:g}): {escape(l.description)}</li>"
                         for l in self.model.levels)
        controls = [self.fte, *self.cases.values(), *self.hours.values()]
        super().__init__([
            widgets.HTML(STYLE), heading("Workload planner"),
            paragraph(self.model.guidance.get("intro", "")), paragraph(self.model.guidance.get("privacy", "")),
            widgets.HTML(f"<ul>{levels}</ul>"),
            widgets.HBox([self.upload, self.demo_button]), self.source_status,
            heading("Change one person's week", 3), self.person, *controls,
            widgets.HBox([self.new_label, self.add_button]), self.remove_button,
            heading("The team", 3), self.summary, self.chart, self.table, self.download,
        ])
        self.add_class("sts-toolkit")
        self.person.observe(lambda _: self._holding or self._show_person(), names="value")
        for control in controls:
            control.observe(lambda _: self._holding or self._edit(), names="value")
        self.upload.observe(lambda _: self._load_upload(), names="value")
        self.demo_button.on_click(lambda _: self.set_team(read_team(data_file("workload_demo.csv"), self.model),
                                                          "the demo team"))
        self.add_button.on_click(lambda _: self.add_member(self.new_label.value))
        self.remove_button.on_click(lambda _: self.remove_member(self.person.value))
        self.set_team(self.members, "the demo team")

    @contextmanager
    def _hold(self):
        self._holding = True
        try:
            yield
        finally:
            self._holding = False

    def set_team(self, members: list[StaffMember], name: str, chosen: str | None = None) -> None:
        self.members = list(members)
        self.source_status.value = message_html(f"Showing {name}: {len(self.members)} staff.")
        with self._hold():
            self.person.options = [m.label for m in self.members]
            self.person.value = chosen if chosen in self.person.options else self.members[0].label
        self._show_person()

    def _load_upload(self) -> None:
        chosen = uploaded_file(self.upload)
        if not chosen:
            return
        try:
            self.set_team(read_team(chosen[1], self.model, chosen[0]), chosen[0])
        except (CsvInputError, ValueError) as exc:
            self.source_status.value = message_html(f"Could not use {chosen[0]}: {exc}", "alert")

    def member(self, label: str) -> StaffMember:
        return next(m for m in self.members if m.label == label)

    def _show_person(self) -> None:
        """Put the chosen person's numbers into the controls, then redraw."""
        if self.person.value is None:
            return
        member = self.member(self.person.value)
        with self._hold():
            self.fte.value = member.fte
            for level_id, control in self.cases.items():
                control.value = min(member.cases[level_id], MAX_CASES)
            for kind_id, control in self.hours.items():
                control.value = min(member.hours[kind_id], MAX_HOURS)
        self.redraw()

    def _edit(self) -> None:
        """The controls changed: replace the chosen person with the new numbers."""
        label = self.person.value
        updated = staff_member(self.model, label, self.fte.value,
                               {k: c.value for k, c in self.cases.items()},
                               {k: c.value for k, c in self.hours.items()})
        self.members = [updated if m.label == label else m for m in self.members]
        self.redraw()

    def add_member(self, label: str) -> None:
        label = label.strip()
        if not label or label in self.person.options:
            self.source_status.value = message_html("Give the new staff member a role label that is not "
                                                    "already in use.", "alert")
            return
        self.members.append(staff_member(self.model, label, 1.0, {}, {}))
        self.new_label.value = ""
        self.set_team(self.members, "your edited team", chosen=label)

    def remove_member(self, label: str) -> None:
        if len(self.members) == 1:
            self.source_status.value = message_html("A team needs at least one staff member.", "alert")
            return
        self.set_team([m for m in self.members if m.label != label], "your edited team")

    def redraw(self) -> None:
        team = team_load(self.model, self.members)
        self.chart.value = chart_html(workload_chart(team))
        self.table.value = table_html(
            ("Staff", "FTE", *(l.label for l in self.model.levels), "Protected hours", "Net load", "Capacity",
             "Load", "Time committed", "Status", "Protected time below the minimum"),
            [(m.member.label, f"{m.member.fte:g}", *(m.member.cases[l.id] for l in self.model.levels),
              f"{m.protected_hours:g}", f"{m.net:.0f}", f"{m.capacity:.0f}", f"{m.load_share:.0%}",
              f"{m.time_share:.0%}", m.status, "; ".join(m.shortfalls) or "none") for m in team.members],
            caption="Each person's week under the model")
        self.download.value = download_link(team_csv(self.model, self.members), "team_workload.csv", "text/csv",
                                            "Save this team as CSV")
        self.summary.value = message_html(summary(team))  # last: the status says the rest is up to date


def workload_app() -> WorkloadApp:
    """`from sts_course.org_toolkit.workload_app import workload_app; workload_app()`"""
    return WorkloadApp()
