"""`sts-course check`: the whole course is covered, and a gap is named exactly."""

from __future__ import annotations

import re
import shutil
import subprocess

from conftest import ROOT, VENV_BIN
from sts_course.bank import load_bank
from sts_course.coverage import measure
from sts_course.curriculum import load_curriculum
from sts_course.toc import toc_is_current


def sts_course(*args, cwd=ROOT):
    return subprocess.run([str(VENV_BIN / "sts-course"), *args], cwd=cwd, capture_output=True, text=True)


def test_every_principle_item_is_taught_and_checked():
    result = sts_course("check")
    assert result.returncode == 0, result.stderr
    curriculum = load_curriculum()
    assert f"all {len(curriculum.items)} principle items taught and checked" in result.stdout


def test_the_course_meets_its_size_targets():
    bank, curriculum = load_bank(), load_curriculum()
    assert len(bank.questions) >= 130
    for module in curriculum.modules:
        assert len(bank.for_module(module.id)) >= (10 if module.id == "F1" else 8), module.id
        kinds = {q.type for q in bank.for_module(module.id)}
        assert len(kinds) >= 2, f"{module.id} uses only {kinds} questions"


def test_table_of_contents_is_generated_from_the_curriculum():
    assert toc_is_current()


def test_a_section_gap_and_a_question_gap_are_named(project):
    shutil.copytree(ROOT / "book" / "modules", project / "book" / "modules")
    page = project / "book" / "modules" / "i2.md"
    page.write_text(page.read_text(encoding="utf-8").replace("{serves}`I2.7`", ""), encoding="utf-8")
    bank_file = project / "exercises" / "questions" / "O3.yml"
    text = bank_file.read_text(encoding="utf-8")
    bank_file.write_text(re.sub(r"serves: \[([^\]]*)\bO3\.7\b", r"serves: [\1O3.6", text), encoding="utf-8")
    problems = measure(load_curriculum(project), load_bank(project), project).problems()
    assert "principle item I2.7 is taught by no section (add {serves}`I2.7` to one)" in problems
    assert "principle item O3.7 is checked by no question (add it to a question's serves)" in problems


def test_unknown_item_in_a_page_is_named_with_its_line(project):
    shutil.copytree(ROOT / "book" / "modules", project / "book" / "modules")
    page = project / "book" / "modules" / "f1.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n{serves}`F1.99`\n", encoding="utf-8")
    line = len(page.read_text(encoding="utf-8").splitlines())
    problems = measure(load_curriculum(project), load_bank(project), project).problems()
    assert f"book/modules/f1.md:{line}: F1.99: {{serves}} names an unknown principle item" in problems


def test_check_reports_a_broken_bank_without_a_traceback(project):
    (project / "exercises" / "questions" / "F1.yml").write_text("module: F1\nquestions: [\n", encoding="utf-8")
    result = subprocess.run([str(VENV_BIN / "sts-course"), "check"], capture_output=True, text=True,
                            env={"STS_COURSE_ROOT": str(project), "PATH": str(VENV_BIN)})
    assert result.returncode == 1
    assert f"{project / 'exercises' / 'questions' / 'F1.yml'}:3: invalid YAML" in result.stderr
    assert "Traceback" not in result.stderr


def test_quiz_rejects_an_unknown_module():
    result = sts_course("quiz", "Z9", "--no-browser")
    assert result.returncode == 2 and "unknown module 'Z9'" in result.stderr
