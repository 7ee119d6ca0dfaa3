"""The referral decision aid: observations lead to the right pathway and options, urgent concerns
come first, the wording never labels anyone, and a broken data file is named exactly."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT
from sts_course.datafile import DataFileError
from sts_course.referral_aid import ReferralAid, load_referral_guide

DATA = ROOT / "exercises" / "supervision" / "referral.yml"


def option_ids(suggestion) -> list[str]:
    return [o.id for o in suggestion.options]


def test_early_changes_point_to_supervision_and_workload():
    suggestion = load_referral_guide().suggest(["early-changes", "heavy-exposure"])
    assert suggestion.pathway.id == "supervision"
    assert option_ids(suggestion) == ["peer-support", "eap"]


def test_persistent_strain_points_beyond_supervision_with_every_kind_of_support():
    suggestion = load_referral_guide().suggest(["persistent", "early-changes"])
    assert suggestion.pathway.id == "external"
    assert option_ids(suggestion) == ["eap", "trauma-informed-professional", "spiritual-cultural", "peer-support"]


def test_an_observation_adds_its_own_option():
    suggestion = load_referral_guide().suggest(["faith-community"])
    assert suggestion.pathway.id == "supervision"
    assert "spiritual-cultural" in option_ids(suggestion)


def test_a_safety_concern_always_comes_first():
    guide = load_referral_guide()
    everything_else = [o.id for o in guide.observations if o.id != "safety"]
    suggestion = guide.suggest(everything_else + ["safety"])
    assert suggestion.pathway.id == "urgent"
    assert option_ids(suggestion)[0] == "urgent-services"


def test_the_widget_updates_as_observations_are_ticked():
    aid = ReferralAid()
    assert aid.guide.nothing_ticked in aid.result.value
    aid.boxes["asked"].value = True
    assert "Offer support beyond supervision" in aid.result.value
    assert "A trauma-informed mental health professional" in aid.result.value
    assert aid.guide.always[0] in aid.result.value
    aid.boxes["safety"].value = True
    assert "urgent procedures" in aid.result.value and "sts-urgent" in aid.result.value
    aid.boxes["safety"].value = aid.boxes["asked"].value = False
    assert aid.guide.nothing_ticked in aid.result.value


def test_the_wording_never_labels_or_diagnoses_anyone():
    text = DATA.read_text(encoding="utf-8")
    for phrase in (r"\bha(s|ve) (STS|PTSD|secondary traumatic stress)\b", r"\bsuffer", r"\bdisorder\b",
                   r"\bsymptoms? of\b"):
        assert not re.search(phrase, text, flags=re.IGNORECASE), phrase
    assert "does not assess or diagnose anyone" in load_referral_guide().intro


@pytest.mark.parametrize("old, new, field, message", [
    ("    pathway: external\n  - id: life-affected", "    pathway: elsewhere\n  - id: life-affected",
     "observations.pathway", "names no pathway: 'elsewhere'"),
    ("    adds: [eap]", "    adds: [hotline]", "observations.adds", "names no option: 'hotline'"),
    ("  - id: asked", "  - id: persistent", "observations.id", "duplicate id 'persistent'"),
])
def test_a_broken_rule_is_named_with_file_line_and_field(tmp_path, old, new, field, message):
    folder = tmp_path / "exercises" / "supervision"
    folder.mkdir(parents=True)
    text = DATA.read_text(encoding="utf-8")
    assert old in text
    text = text.replace(old, new)
    (folder / "referral.yml").write_text(text, encoding="utf-8")
    changed = new.split("\n")[0]
    line = [n for n, row in enumerate(text.splitlines(), start=1) if row == changed][-1]
    with pytest.raises(DataFileError) as caught:
        load_referral_guide(tmp_path)
    assert caught.value.problems == [f"{folder / 'referral.yml'}:{line}: field '{field}': {message}"]
