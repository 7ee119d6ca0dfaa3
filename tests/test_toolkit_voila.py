"""The three organizational toolkit apps, served by real Voila (as `sts-course toolkit <app>`
does) and used in headless Chromium: each loads, a control is changed, and the output follows."""

from __future__ import annotations

import contextlib
import csv
import io
import os
import subprocess

import pytest

from conftest import ROOT, free_port, wait_for_http
from sts_course.cli import build_parser
from sts_course.org_toolkit import APPS
from sts_course.org_toolkit.self_assessment import load_item_bank
from sts_course.voila_server import voila_command

pytestmark = [pytest.mark.browser, pytest.mark.slow]
LOAD = 120_000  # ms: a kernel start and the first figure, on a busy machine


@contextlib.contextmanager
def served(app: str):
    """Voila serving one toolkit app, as `sts-course toolkit <app>` runs it."""
    port = free_port()
    env = {**os.environ, "STS_COURSE_ROOT": str(ROOT)}
    server = subprocess.Popen(voila_command(ROOT / "notebooks" / APPS[app], port, open_browser=False),
                              cwd=ROOT / "notebooks", env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}/"
        wait_for_http(url, server)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)


def status_changes(page, before: str) -> None:
    page.wait_for_function(
        "before => ![...document.querySelectorAll('[role=status]')].some(e => e.innerText === before)",
        arg=before, timeout=LOAD)


def test_every_toolkit_app_has_a_notebook_and_a_cli_name():
    for app, notebook in APPS.items():
        assert (ROOT / "notebooks" / notebook).is_file()
        assert build_parser().parse_args(["toolkit", app, "--no-browser"]).app == app


def test_self_assessment_rate_draft_and_download_the_plan(page):
    bank = load_item_bank()
    items = bank.domain("O1").items
    with served("self-assessment") as url:
        page.goto(url)
        page.get_by_text("Consensus ratings:").wait_for(timeout=LOAD)
        row = page.locator("table tr", has_text="O1 Training")
        assert "too few rated" in row.inner_text()
        for item in items[:3]:  # each rating control is labelled with its statement
            page.get_by_label(f"{item.id}. {item.text}").select_option(label=bank.scale[1][1])
        page.wait_for_function("() => [...document.querySelectorAll('table tr')].some("
                               "r => r.innerText.includes('O1 Training') && r.innerText.includes('2.00'))",
                               timeout=LOAD)
        assert row.inner_text().split("\t")[1:] == ["2.00", f"3 of {len(items)}", "gap"]
        alt = page.locator("figure img").get_attribute("alt")
        assert "This assessment (solid line, round markers): O1 Training 2.0;" in alt

        page.get_by_role("button", name="Draft actions from the gaps").click()
        page.get_by_text("2 action(s) in the plan.").wait_for(timeout=LOAD)
        first = bank.domain("O1").suggested_actions[0].action
        assert page.get_by_label("Action 1").input_value() == first
        page.get_by_label("Owner").first.fill("Training lead")
        page.get_by_label("Owner").first.press("Tab")
        page.get_by_role("button", name="Prepare downloads").click()
        link = page.get_by_role("link", name="Action plan (CSV)")
        link.wait_for(timeout=LOAD)
        with page.expect_download() as download:
            link.click()
        rows = list(csv.reader(io.StringIO(open(download.value.path(), encoding="utf-8").read())))
        assert rows[0] == ["priority", "principle", "action", "owner", "timeline"]
        assert rows[1] == ["high", "O1", first, "Training lead", bank.domain("O1").suggested_actions[0].timeline]
        assert page.get_by_role("link", name="Report with scores, chart and action plan (PDF)").is_visible()
        assert "from sts_course" not in page.content()


def test_workload_planner_follows_a_changed_caseload(page):
    with served("workload") as url:
        page.goto(url)
        page.get_by_text("Showing the demo team").wait_for(timeout=LOAD)
        assert page.get_by_label("Staff member", exact=True).input_value() == "Therapist A"
        summary = page.get_by_text("Team load")
        before = summary.inner_text()
        assert "1 of 7 staff over capacity" in before
        high = page.get_by_label("High-exposure cases")
        assert high.input_value() == "15"
        high.fill("5")
        high.press("Enter")
        status_changes(page, before)
        assert "0 of 7 staff over capacity" in summary.inner_text()
        assert "Therapist A: 23 of 40 (57%), within capacity" in page.locator("figure img").get_attribute("alt")
        assert "within capacity" in page.locator("table tr", has_text="Therapist A").inner_text()

        page.get_by_label("Staff member", exact=True).select_option("Therapist B")
        page.wait_for_function("() => document.querySelector('input[type=number]') !== null")
        page.wait_for_function(
            "() => [...document.querySelectorAll('label')].some(l => l.innerText === 'High-exposure cases'"
            " && document.getElementById(l.htmlFor).value === '4')", timeout=LOAD)


def test_wellness_dashboard_switches_indicator_and_names_a_bad_file(page, tmp_path):
    with served("wellness") as url:
        page.goto(url)
        page.get_by_text("Showing wellness_demo.csv").wait_for(timeout=LOAD)
        assert page.locator("caption").inner_text() == "Voluntary turnover (% a year), latest months"
        assert "Ongoing: Crisis response: Unplanned absence" in page.locator("li").first.inner_text()
        page.get_by_label("Indicator").select_option(label='Pulse survey: "I can talk about the impact of my work here"')
        page.get_by_text("(mean rating, 1 to 5), latest months").wait_for(timeout=LOAD)
        september = page.locator("table tr").first.inner_text().split("\t").index("2024-09")
        crisis = page.locator("table tr", has_text="Crisis response").inner_text().split("\t")
        total = page.locator("table tr", has_text="All teams").inner_text().split("\t")
        assert crisis[september] == total[september] == "suppressed (<5)"  # four respondents
        assert "Community outreach" not in [r.split("\t")[0] for r in page.locator("table tr").all_inner_texts()]

        bad = tmp_path / "team_totals.csv"
        bad.write_text("team,month,headcount,leavers\nA,2024-01,eight,0\n", encoding="utf-8")
        with page.expect_file_chooser() as chooser:
            page.get_by_role("button", name="Indicators CSV").click()
        chooser.value.set_files(str(bad))
        page.get_by_role("alert").wait_for(timeout=LOAD)
        assert page.get_by_role("alert").inner_text().startswith(
            "Could not use team_totals.csv: team_totals.csv:1 (header): missing column(s) 'unplanned_absence_days'")
        assert page.locator("caption").inner_text().startswith("Pulse survey")  # the demo data stay on screen
