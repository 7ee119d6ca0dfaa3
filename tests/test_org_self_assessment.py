"""The organizational self-assessment: the item bank, exact domain scores, N/A handling, the
too-few-rated rule, anonymous aggregation with suppression below 5, strengths and gaps, the
action plan, the baseline comparison, and the CSV and PDF exports."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from sts_course.curriculum import load_curriculum
from sts_course.org_toolkit import data_file, demo_data, exports
from sts_course.org_toolkit.charts import radar_chart
from sts_course.org_toolkit.csv_input import CsvInputError
from sts_course.org_toolkit.self_assessment import (Action, ItemBankError, baseline_from_scores,
                                                    combine_responses, compare, load_item_bank, prioritized,
                                                    read_item_bank, read_responses, read_scores, score_domains,
                                                    strengths_and_gaps, suggest_actions)

# Items per domain in the fixture bank (independent of the course's own wording and counts).
SIZES = {"O1": 6, "O2": 3, "O3": 4, "O4": 7, "O5": 4, "O6": 5, "O7": 6}
RULES = {"min_rated_items": 2, "min_rated_share": 0.5, "strength_at_least": 4.0, "gap_below": 3.0,
         "high_priority_below": 2.5, "medium_priority_below": 3.5, "meaningful_change": 0.25}


def fixture_bank_data() -> dict:
    real = yaml.safe_load(data_file("self_assessment.yml").read_text(encoding="utf-8"))
    curriculum = load_curriculum()
    domains = []
    for domain_id, size in SIZES.items():
        points = [i.id for i in curriculum.module(domain_id).items]
        items = [{"id": f"{domain_id}-{n:02d}", "serves": points if n == 1 else points[:1],
                  "text": f"Statement {n} about {domain_id}."} for n in range(1, size + 1)]
        domains.append({"id": domain_id, "short_title": f"Area {domain_id[1]}", "items": items,
                        "suggested_actions": [{"action": f"First step for {domain_id}", "timeline": "Within 1 month"},
                                              {"action": f"Second step for {domain_id}", "timeline": "Within 6 months"}]})
    return {**real, "scoring": RULES, "domains": domains}


@pytest.fixture
def bank_file(tmp_path: Path):
    def write(data: dict) -> Path:
        path = tmp_path / "self_assessment.yml"
        path.write_text(yaml.safe_dump(data, sort_keys=False, default_flow_style=None), encoding="utf-8")
        return path
    return write


@pytest.fixture
def bank(bank_file):
    return read_item_bank(bank_file(fixture_bank_data()), load_curriculum())


def ratings_of(domain: str, values) -> dict:
    """{item id: rating} for a domain, skipping '-' (not answered); 'NA' is not applicable."""
    return {f"{domain}-{n:02d}": (None if v == "NA" else v)
            for n, v in enumerate(values, start=1) if v != "-"}


HAND_RATINGS = {
    **ratings_of("O1", [4, 3, "NA", 5, "-", 2]),      # 5 applicable, 4 rated: (4+3+5+2)/4 = 3.5
    **ratings_of("O2", ["NA", "NA", "NA"]),           # nothing applies: not applicable
    **ratings_of("O3", [5, 4, "-", "-"]),             # 4 applicable need 2, rated 2: 4.5
    **ratings_of("O4", [1, 2, 3, "-", "-", "-", "-"]),  # 7 applicable need 4, rated 3: too few
    **ratings_of("O5", [2, 2, "NA", "NA"]),           # 2 applicable need 2: 2.0
    **ratings_of("O6", [4, 4, 5, "-", "-"]),          # 5 applicable need 3: 13/3
    **ratings_of("O7", [1, "NA", "NA", "NA", "NA", "-"]),  # 2 applicable need 2, rated 1: too few
}


def test_the_course_item_bank_is_valid_and_covers_every_organizational_item():
    bank = load_item_bank()
    curriculum = load_curriculum()
    organizational = [m for m in curriculum.modules if m.kind == "organizational"]
    assert [d.id for d in bank.domains] == [m.id for m in organizational]
    for module in organizational:
        domain = bank.domain(module.id)
        assert len(domain.items) >= 5, module.id
        assert {p for i in domain.items for p in i.serves} == {i.id for i in module.items}
    assert len({i.id for i in bank.items}) == len(bank.items)


def test_exact_domain_scores_with_not_applicable_and_too_few_rated(bank):
    scores = {s.domain: s for s in score_domains(bank, HAND_RATINGS)}
    assert scores["O1"].score == 3.5 and (scores["O1"].rated, scores["O1"].applicable) == (4, 5)
    assert scores["O2"].score is None and scores["O2"].status == "not applicable"
    assert scores["O3"].score == 4.5 and scores["O3"].status == "scored"
    assert scores["O4"].score is None and scores["O4"].status == "too few rated"
    assert scores["O5"].score == 2.0 and scores["O5"].applicable == 2
    assert scores["O6"].score == pytest.approx(13 / 3) and scores["O6"].display == "4.33"
    assert scores["O7"].score is None and scores["O7"].status == "too few rated"
    # One more rating brings O4 to the four it needs: (1+2+3+4)/4.
    assert score_domains(bank, {**HAND_RATINGS, "O4-04": 4})[3].score == 2.5


def test_ratings_out_of_range_or_unknown_are_refused(bank):
    with pytest.raises(ValueError, match=r"item O1-01: a rating must be 1 to 5 or None \(not applicable\), got 6"):
        score_domains(bank, {"O1-01": 6})
    with pytest.raises(ValueError, match="unknown self-assessment item 'O9-01'"):
        score_domains(bank, {"O9-01": 3})


def test_invalid_item_bank_lists_every_problem_with_file_and_line(bank_file):
    data = fixture_bank_data()
    o3 = data["domains"][2]
    o3["items"][1]["serves"] = ["O3.9"]
    o3["items"][2]["serves"] = ["O2.1"]
    o3["items"][3]["id"] = "O3-01"
    o3["items"][0]["serves"] = ["O3.1"]
    data["domains"].pop()  # no O7
    path = bank_file(data)
    with pytest.raises(ItemBankError) as caught:
        read_item_bank(path, load_curriculum())
    text = str(caught.value)
    lines = path.read_text(encoding="utf-8").splitlines()
    serves_line = next(n for n, line in enumerate(lines, 1) if "O3.9" in line)
    assert f"{path}:{serves_line}: item O3-02: unknown principle item 'O3.9' (see exercises/curriculum.yml)" in text
    assert "item O3-03: serves O2.1, which belongs to another principle" in text
    assert "item O3-01: duplicate id" in text
    assert "domain O3: no item serves O3.2, O3.3, O3.4, O3.5, O3.6, O3.7" in text
    assert "domains must be the organizational principles in order, O1, O2, O3, O4, O5, O6, O7; " \
           "found O1, O2, O3, O4, O5, O6" in text


def test_anonymous_responses_are_suppressed_below_five(bank):
    response = {"O1-01": 4, "O1-02": 2}
    four = combine_responses(bank, [response] * 4)
    assert four.suppressed and four.ratings == {}
    assert {s.status for s in four.scores} == {"suppressed"} and all(s.score is None for s in four.scores)

    responses = [
        {"O1-01": 4, "O1-02": 2, "O1-03": None, "O3-01": 5},
        {"O1-01": 5, "O1-02": 3, "O1-03": None, "O3-01": 5},
        {"O1-01": 3, "O1-02": 2, "O1-03": None, "O3-01": 4},
        {"O1-01": 4, "O1-02": 4, "O1-03": 3, "O3-01": 4},
        {"O1-01": 2, "O1-02": 1},
    ]
    five = combine_responses(bank, responses)
    assert not five.suppressed and five.respondents == 5
    assert five.ratings["O1-01"] == 18 / 5 and five.ratings["O1-02"] == 12 / 5
    assert five.ratings["O1-03"] is None  # three of the four who answered say it does not apply
    assert "O3-01" not in five.ratings and five.suppressed_items == ("O3-01",)  # rated by 4 people
    o1 = five.scores[0]
    # O1-03 is not applicable, so 5 items apply, 3 are needed and only 2 could be reported.
    assert (o1.rated, o1.applicable, o1.status) == (2, 5, "too few rated")
    stricter = combine_responses(bank, responses, min_group=6)
    assert stricter.suppressed


def test_responses_csv_is_read_and_bad_input_is_named(bank, tmp_path):
    good = tmp_path / "responses.csv"
    good.write_text("O1-01,O1-02,O2-01\n4,NA,\n5,n/a,2\n", encoding="utf-8")
    assert read_responses(good, bank) == [{"O1-01": 4, "O1-02": None}, {"O1-01": 5, "O1-02": None, "O2-01": 2}]

    named = tmp_path / "named.csv"
    named.write_text("name,O1-01\nSam,4\n", encoding="utf-8")
    with pytest.raises(CsvInputError) as caught:
        read_responses(named, bank)
    assert str(caught.value) == ("named.csv:1 (header): unknown column(s) 'name'; responses are anonymous: "
                                 "only item-id columns (e.g. O1-01) are accepted")

    out_of_range = tmp_path / "range.csv"
    out_of_range.write_text("O1-01,O1-02\n4,3\n\n2,7\n", encoding="utf-8")
    with pytest.raises(CsvInputError) as caught:
        read_responses(out_of_range, bank)
    assert str(caught.value) == "range.csv:4: column 'O1-02': expected a rating 1 to 5, NA or blank, found '7'"


def test_strengths_gaps_and_a_prioritized_draft_plan(bank):
    scores = score_domains(bank, {**HAND_RATINGS, **ratings_of("O4", [1, 2, 3, 4, "-", "-", "-"])})
    strengths, gaps = strengths_and_gaps(bank, scores)
    assert [s.domain for s in strengths] == ["O3", "O6"]       # 4.5, then 4.33
    assert [s.domain for s in gaps] == ["O5", "O4"]            # 2.0, then 2.5
    plan = suggest_actions(bank, scores)
    # O5 (2.0) is below 2.5: high; O4 (exactly 2.5) is below 3.5: medium; O7 has too few rated
    # items: one fact-finding step; O1 (exactly 3.5) and the strengths get no suggestions.
    assert [(a.priority, a.principle, a.action) for a in plan[:4]] == [
        ("high", "O5", "First step for O5"), ("high", "O5", "Second step for O5"),
        ("medium", "O4", "First step for O4"), ("medium", "O4", "Second step for O4")]
    assert [(a.priority, a.principle) for a in plan[4:]] == [("medium", "O7")]
    assert plan[-1].action == bank.guide("unscored_action")
    assert all(a.owner == "" for a in plan)


def test_comparison_with_a_baseline_and_scores_csv_round_trip(bank, tmp_path):
    before = score_domains(bank, {**ratings_of("O1", [2, 2, 2, 2, 2, 2]), **ratings_of("O3", [3, 3, 3, 3]),
                                  **ratings_of("O5", [4, 4, 4, 4]), **ratings_of("O6", [3, 3, 3])})
    after = score_domains(bank, {**ratings_of("O1", [3, 3, 3, 3, 2, 2]), **ratings_of("O3", [3, 3, 3, 4]),
                                 **ratings_of("O5", [3, 3, 3, 3]), **ratings_of("O6", [3, 3, 3, 3, 4])})
    saved = tmp_path / "baseline_scores.csv"
    saved.write_text(exports.scores_csv(before), encoding="utf-8")
    baseline = read_scores(saved, bank)
    assert baseline == baseline_from_scores(before)
    changes = {c.domain: c for c in compare(bank, baseline, after)}
    assert changes["O1"].reading == "improved" and changes["O1"].change == pytest.approx(2 / 3, abs=1e-4)
    assert changes["O3"].reading == "improved" and changes["O3"].change == 0.25  # the threshold itself counts
    assert changes["O6"].reading == "about the same" and changes["O6"].change == pytest.approx(0.2)
    assert changes["O5"].reading == "declined" and changes["O5"].change == -1.0
    assert changes["O2"].reading == "not comparable" and changes["O2"].change is None

    bad = tmp_path / "bad_scores.csv"
    bad.write_text("domain,score\nO1,3.5\nO8,2\n", encoding="utf-8")
    with pytest.raises(CsvInputError) as caught:
        read_scores(bad, bank)
    assert str(caught.value) == ("bad_scores.csv:3: column 'domain': unknown domain 'O8'; expected one of "
                                 "O1, O2, O3, O4, O5, O6, O7")


def test_action_plan_exports_to_csv_and_pdf(bank):
    scores = score_domains(bank, HAND_RATINGS)
    plan = [Action("Publish the on-call rota", "O2", "Team lead", "Within 1 month", "low"),
            Action("Protect weekly processing time", "O3", "Program director", "Within 3 months", "high"),
            Action("Review caseload mix monthly", "O3", "", "Within 1 month", "medium")]
    rows = list(csv.reader(io.StringIO(exports.action_plan_csv(bank, plan))))
    assert rows == [["priority", "principle", "action", "owner", "timeline"],
                    ["high", "O3", "Protect weekly processing time", "Program director", "Within 3 months"],
                    ["medium", "O3", "Review caseload mix monthly", "", "Within 1 month"],
                    ["low", "O2", "Publish the on-call rota", "Team lead", "Within 1 month"]]
    assert prioritized(bank, plan)[0].priority == "high"

    chart = radar_chart(scores)
    pdf = exports.assessment_pdf(bank, scores, plan, [chart], about="Consensus group, March.")
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 2  # the report, then the chart
    report = " ".join(reader.pages[0].extract_text().split())
    for expected in ("Action plan", "Protect weekly processing time", "Program director", "O1 Area 1 3.50",
                     "O4 Area 4 too few rated", "Strengths: O3 Area 3 (4.50); O6 Area 6 (4.33)",
                     "Gaps: O5 Area 5 (2.00)", "Consensus group, March."):
        assert expected in report, expected
    assert report.index("Protect weekly processing time") < report.index("Publish the on-call rota")
    assert "O6 Area 6 4.3" in " ".join(reader.pages[1].extract_text().split())  # the chart's alt text
    assert reader.metadata.title == bank.title


def test_radar_alt_text_states_every_score_and_the_baseline(bank):
    scores = score_domains(bank, HAND_RATINGS)
    chart = radar_chart(scores, {"O1": 2.0, "O3": None})
    assert ("This assessment (solid line, round markers): O1 Area 1 3.5; O2 Area 2 not applicable; "
            "O3 Area 3 4.5; O4 Area 4 too few rated; O5 Area 5 2.0; O6 Area 6 4.3; O7 Area 7 too few rated.") in chart.alt
    assert ("Baseline (dashed line, square markers): O1 Area 1 2.0; O2 Area 2 not scored; O3 Area 3 not scored;"
            in chart.alt)


def test_demo_files_are_regenerated_exactly_from_the_seed():
    for name, text in demo_data.demo_files().items():
        assert data_file(name).read_text(encoding="utf-8") == text, f"{name} differs: rerun demo_data"


def test_demo_responses_give_a_baseline_and_a_reassessment():
    bank = load_item_bank()
    rounds = {name: combine_responses(bank, read_responses(data_file(f"self_assessment_demo_{name}.csv"), bank))
              for name in ("baseline", "reassessment")}
    assert rounds["baseline"].respondents >= 5 and rounds["reassessment"].respondents >= 5
    assert all(s.status == "scored" for r in rounds.values() for s in r.scores)
    changes = compare(bank, baseline_from_scores(rounds["baseline"].scores), rounds["reassessment"].scores)
    assert {c.reading for c in changes} >= {"improved", "about the same"}
