"""The organizational self-assessment as an ipywidgets app (`sts-course toolkit self-assessment`).

Two ways in: a consensus group rates each statement together, or anonymous staff responses
are uploaded as a CSV and combined (nothing shown below `min_group` people). Then: domain
scores as a table and a radar chart, strengths and gaps, an editable prioritized action plan,
a comparison with a baseline, and downloads (action plan CSV, PDF report, scores CSV).
"""

from __future__ import annotations

from html import escape

import ipywidgets as widgets

from . import data_file
from .app_parts import (STYLE, chart_html, download_link, heading, message_html, paragraph, table_html,
                        uploaded_file)
from .charts import radar_chart
from .csv_input import CsvInputError
from .exports import action_plan_csv, assessment_pdf, scores_csv
from .self_assessment import (MIN_GROUP, PRIORITIES, Action, GroupResult, ItemBank, baseline_from_scores,
                              combine_responses, compare, load_item_bank, read_responses, read_scores,
                              score_domains, score_text, strengths_and_gaps, suggest_actions)

WIDE = widgets.Layout(width="46em", max_width="95%")
LABELLED = {"description_width": "7em"}


class ActionRow:
    """One editable line of the action plan; every control is labelled."""

    def __init__(self, bank: ItemBank, action: Action, number: int, on_remove):
        self.action = widgets.Text(value=action.action, description=f"Action {number}", layout=WIDE,
                                   style=LABELLED)
        self.principle = widgets.Dropdown(options=[(d.label, d.id) for d in bank.domains], value=action.principle,
                                          description="Principle", style=LABELLED)
        self.priority = widgets.Dropdown(options=[(p.capitalize(), p) for p in PRIORITIES], value=action.priority,
                                         description="Priority", style=LABELLED)
        self.owner = widgets.Text(value=action.owner, description="Owner", placeholder="who leads it",
                                  style=LABELLED)
        self.timeline = widgets.Text(value=action.timeline, description="Timeline", placeholder="e.g. Within 3 months",
                                     style=LABELLED)
        remove = widgets.Button(description="Remove", tooltip=f"Remove action {number}")
        remove.on_click(lambda _: on_remove(self))
        self.widget = widgets.VBox([self.action, widgets.HBox([self.principle, self.priority]),
                                    widgets.HBox([self.owner, self.timeline, remove])])
        self.widget.add_class("sts-action-row")

    def value(self) -> Action:
        return Action(self.action.value.strip(), self.principle.value, self.owner.value.strip(),
                      self.timeline.value.strip(), self.priority.value)


class SelfAssessmentApp(widgets.VBox):
    """The app. Its controls are attributes (`mode`, `ratings`, `draft_button`, ...) for
    scripting and tests."""

    def __init__(self, bank: ItemBank | None = None, min_group: int = MIN_GROUP):
        self.bank = bank or load_item_bank()
        self.min_group = min_group
        self.group: GroupResult | None = None
        self.baseline: dict[str, float | None] | None = None
        self.baseline_name = ""
        self.rows: list[ActionRow] = []
        self._holding = False

        self.mode = widgets.ToggleButtons(options=[("Consensus group", "consensus"),
                                                   ("Anonymous staff responses", "anonymous")],
                                          value="consensus", description="Filled in by",
                                          style={"description_width": "initial"})
        self.ratings = {item.id: self._rating_control(item) for item in self.bank.items}
        form = [paragraph(self.bank.guide("consensus")), paragraph(self.bank.guide("not_applicable"))]
        for domain in self.bank.domains:
            form += [heading(f"{domain.label}: {domain.title}", 4), *(self.ratings[i.id] for i in domain.items)]
        self.consensus_box = widgets.VBox(form)

        self.responses_upload = widgets.FileUpload(accept=".csv", multiple=False, description="Responses CSV",
                                                   tooltip="Upload anonymous responses: one row each, item ids as columns")
        self.demo_responses_button = widgets.Button(description="Use the demo responses",
                                                    tooltip="Load the synthetic re-assessment responses")
        self.source_status = widgets.HTML()
        self.anonymous_box = widgets.VBox([paragraph(self.bank.guide("anonymous", min_group)),
                                           widgets.HBox([self.responses_upload, self.demo_responses_button]),
                                           self.source_status])

        self.status = widgets.HTML()
        self.scores_table = widgets.HTML()
        self.chart = widgets.HTML()
        self.findings = widgets.HTML()

        self.baseline_upload = widgets.FileUpload(accept=".csv", multiple=False, description="Baseline scores CSV",
                                                  tooltip="The scores CSV saved from an earlier assessment")
        self.demo_baseline_button = widgets.Button(description="Use the demo baseline",
                                                   tooltip="Compare with the synthetic baseline round")
        self.clear_baseline_button = widgets.Button(description="Clear the baseline")
        self.comparison = widgets.HTML()

        self.plan_box = widgets.VBox()
        self.plan_status = widgets.HTML()
        self.draft_button = widgets.Button(description="Draft actions from the gaps", button_style="primary",
                                           tooltip="Add the suggested actions for every domain that needs them")
        self.add_button = widgets.Button(description="Add an action")
        self.prepare_button = widgets.Button(description="Prepare downloads", button_style="primary",
                                             tooltip="Make the action plan CSV, the PDF report and the scores CSV")
        self.downloads = widgets.HTML()

        self.mode.observe(lambda _: self.refresh(), names="value")
        for control in self.ratings.values():
            control.observe(lambda _: self._holding or self.refresh(), names="value")
        self.responses_upload.observe(lambda _: self._load_responses_upload(), names="value")
        self.demo_responses_button.on_click(lambda _: self.load_responses(
            data_file("self_assessment_demo_reassessment.csv").read_bytes(), "the demo responses"))
        self.baseline_upload.observe(lambda _: self._load_baseline_upload(), names="value")
        self.demo_baseline_button.on_click(lambda _: self.use_demo_baseline())
        self.clear_baseline_button.on_click(lambda _: self.set_baseline(None, ""))
        self.draft_button.on_click(lambda _: self.draft_actions())
        self.add_button.on_click(lambda _: self.set_plan([*self.plan(), Action("", self.bank.domains[0].id)]))
        self.prepare_button.on_click(lambda _: self.prepare_downloads())

        super().__init__([
            widgets.HTML(STYLE), heading(self.bank.title), paragraph(self.bank.guide("intro")),
            self.mode, self.consensus_box, self.anonymous_box,
            heading("Results", 3), self.status, self.scores_table, self.chart, self.findings,
            heading("Compare with a baseline", 3),
            widgets.HBox([self.baseline_upload, self.demo_baseline_button, self.clear_baseline_button]),
            self.comparison,
            heading("Action plan", 3), widgets.HBox([self.draft_button, self.add_button]), self.plan_status,
            self.plan_box,
            heading("Save", 3), self.prepare_button, self.downloads,
        ])
        self.add_class("sts-toolkit")
        self.refresh()

    def _rating_control(self, item) -> widgets.Dropdown:
        options = [(self.bank.not_answered, ""), *((label, str(value)) for value, label in self.bank.scale),
                   (self.bank.not_applicable, "NA")]
        control = widgets.Dropdown(options=options, value="", description=f"{item.id}. {item.text}",
                                   style={"description_width": "initial"})
        control.add_class("sts-rating")
        return control

    # --- state ----------------------------------------------------------------------------

    def consensus_ratings(self) -> dict[str, int | None]:
        return {item_id: (None if c.value == "NA" else int(c.value))
                for item_id, c in self.ratings.items() if c.value}

    def rate(self, ratings: dict[str, int | None]) -> None:
        """Set consensus ratings by item id (None is not applicable), as the dropdowns would."""
        self._holding = True
        try:
            for item_id, value in ratings.items():
                self.ratings[item_id].value = "NA" if value is None else str(value)
        finally:
            self._holding = False
        self.refresh()

    def scores(self):
        if self.mode.value == "consensus":
            return score_domains(self.bank, self.consensus_ratings())
        return self.group.scores if self.group else None

    def load_responses(self, content: bytes, name: str) -> None:
        try:
            responses = read_responses(content, self.bank, name)
        except CsvInputError as exc:
            self.group = None
            self.source_status.value = message_html(f"Could not use {name}: {exc}", "alert")
        else:
            self.group = combine_responses(self.bank, responses, self.min_group)
            self.source_status.value = message_html(f"Loaded {name}: {len(responses)} responses.")
        self.mode.value = "anonymous"
        self.refresh()

    def _load_responses_upload(self):
        chosen = uploaded_file(self.responses_upload)
        if chosen:
            self.load_responses(chosen[1], chosen[0])

    def set_baseline(self, baseline, name: str) -> None:
        self.baseline, self.baseline_name = baseline, name
        self.refresh()

    def use_demo_baseline(self) -> None:
        path = data_file("self_assessment_demo_baseline.csv")
        group = combine_responses(self.bank, read_responses(path, self.bank), self.min_group)
        self.set_baseline(baseline_from_scores(group.scores), "the demo baseline")

    def _load_baseline_upload(self):
        chosen = uploaded_file(self.baseline_upload)
        if not chosen:
            return
        try:
            self.set_baseline(read_scores(chosen[1], self.bank, chosen[0]), chosen[0])
        except CsvInputError as exc:
            self.comparison.value = message_html(f"Could not use {chosen[0]} as a baseline: {exc}", "alert")

    def plan(self) -> list[Action]:
        return [row.value() for row in self.rows]

    def set_plan(self, actions: list[Action]) -> None:
        self.rows = []
        for number, action in enumerate(actions, start=1):
            self.rows.append(ActionRow(self.bank, action, number, self._remove_row))
        self.plan_box.children = [row.widget for row in self.rows]
        self.plan_status.value = message_html(f"{len(self.rows)} action(s) in the plan.")

    def _remove_row(self, row: ActionRow) -> None:
        self.set_plan([r.value() for r in self.rows if r is not row])

    def draft_actions(self) -> None:
        scores = self.scores()
        if not scores:
            self.plan_status.value = message_html("There are no results to draft actions from yet.", "alert")
            return
        have = {(a.principle, a.action) for a in self.plan()}
        new = [a for a in suggest_actions(self.bank, scores) if (a.principle, a.action) not in have]
        self.set_plan([*self.plan(), *new])

    # --- drawing -----------------------------------------------------------------------------

    def refresh(self) -> None:
        anonymous = self.mode.value == "anonymous"
        self.consensus_box.layout.display = "none" if anonymous else None
        self.anonymous_box.layout.display = None if anonymous else "none"
        self.downloads.value = ""
        scores = self.scores()
        if scores is None:
            self.status.value = message_html("Upload a responses CSV or use the demo responses to see results.")
            self.scores_table.value = self.chart.value = self.findings.value = self.comparison.value = ""
            return
        if all(s.score is None for s in scores):
            self.chart.value = ""
        else:
            self.chart.value = chart_html(radar_chart(scores, self.baseline,
                                                      current_name="This assessment"))
        strengths, gaps = strengths_and_gaps(self.bank, scores)
        reading = {s.domain: "strength" for s in strengths} | {s.domain: "gap" for s in gaps}
        self.scores_table.value = table_html(
            ("Principle", "Score (1-5)", "Items rated", "Reading"),
            [(s.label, s.display, f"{s.rated} of {s.applicable}", reading.get(s.domain, "")) for s in scores],
            caption="Domain scores")
        self.findings.value = (
            "<p><strong>Strengths:</strong> "
            + (escape("; ".join(f"{s.label} ({s.score:.2f})" for s in strengths)) or "none yet")
            + ".</p><p><strong>Gaps:</strong> "
            + (escape("; ".join(f"{s.label} ({s.score:.2f})" for s in gaps)) or "none") + ".</p>"
            + f"<p>{escape(self.bank.guide('results'))}</p>")
        if self.baseline is None:
            self.comparison.value = message_html("No baseline chosen.")
        else:
            changes = compare(self.bank, self.baseline, scores)
            self.comparison.value = table_html(
                ("Principle", "Baseline", "Now", "Change", "Reading"),
                [(c.label, score_text(c.baseline), score_text(c.current),
                  "" if c.change is None else f"{c.change:+.2f}", c.reading) for c in changes],
                caption=f"Compared with {self.baseline_name}")
        self.status.value = message_html(self.about())

    def about(self) -> str:
        if self.mode.value == "consensus":
            rated = sum(1 for v in self.consensus_ratings().values() if v is not None)
            return f"Consensus ratings: {rated} of {len(self.bank.items)} statements rated."
        group = self.group
        if group.suppressed:
            return (f"Only {group.respondents} response(s): fewer than {group.min_group}, so nothing is "
                    "shown, to protect anonymity.")
        left_out = (f"; left out because fewer than {group.min_group} people rated them: "
                    f"{', '.join(group.suppressed_items)}" if group.suppressed_items else "")
        return f"{group.respondents} anonymous responses combined{left_out}."

    def prepare_downloads(self) -> None:
        scores = self.scores()
        if not scores:
            self.downloads.value = message_html("There are no results to save yet.", "alert")
            return
        actions = [a for a in self.plan() if not a.problems(self.bank)]
        skipped = len(self.rows) - len(actions)
        charts = [] if all(s.score is None for s in scores) else [radar_chart(scores, self.baseline)]
        changes = compare(self.bank, self.baseline, scores) if self.baseline is not None else ()
        pdf = assessment_pdf(self.bank, scores, actions, charts, about=self.about(), changes=changes)
        for chart in charts:
            chart.figure.clear()
        note = f" {skipped} action(s) without a description were left out." if skipped else ""
        self.downloads.value = (
            message_html("Downloads ready." + note)
            + "<ul>"
            + f"<li>{download_link(action_plan_csv(self.bank, actions), 'action_plan.csv', 'text/csv', 'Action plan (CSV)')}</li>"
            + f"<li>{download_link(pdf, 'self_assessment_report.pdf', 'application/pdf', 'Report with scores, chart and action plan (PDF)')}</li>"
            + f"<li>{download_link(scores_csv(scores), 'self_assessment_scores.csv', 'text/csv', 'Domain scores (CSV, keep it as the baseline for a re-assessment)')}</li>"
            + "</ul>")


def self_assessment_app() -> SelfAssessmentApp:
    """`from sts_course.org_toolkit.self_assessment_app import self_assessment_app; self_assessment_app()`"""
    return SelfAssessmentApp()
