"""The question bank: `exercises/questions/<module>.yml`, loaded into Question objects.

Every rendering (the site's knowledge checks, the ipywidgets quiz, the nbgrader
assignments, the workshop) reads questions through `load_bank`, so a question is
written once. Validation collects every problem before failing, and each message names
the file, the line, the question id and the field.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field
from pathlib import Path

from . import paths
from .curriculum import LEVELS, Curriculum, load_curriculum
from .yaml_lines import LineDict, YamlFileError, load_yaml

QUESTION_TYPES = ("single", "multiple", "truefalse")
MIN_OPTIONS, MAX_OPTIONS = 2, 6
OPTION_KEYS = string.ascii_uppercase[:MAX_OPTIONS]
BIB_KEY = re.compile(r"^@\w+\s*\{\s*([^,\s]+)\s*,", re.MULTILINE)
TYPE_HINTS = {
    "single": "Choose one answer.",
    "multiple": "Select all that apply.",
    "truefalse": "True or false?",
}


@dataclass(frozen=True)
class Option:
    key: str
    text: str
    correct: bool
    feedback: str


@dataclass(frozen=True)
class Evaluation:
    """The outcome of checking one attempt at a question."""

    correct: bool
    selected: tuple[Option, ...]
    missed: int  # correct options not selected (select-all questions)

    @property
    def summary(self) -> str:
        if self.correct:
            return "Correct."
        if not self.selected:
            return "Choose an answer first."
        if self.missed and all(o.correct for o in self.selected):
            return f"Not quite: right so far, but {self.missed} more option(s) also apply."
        return "Not quite. Read the feedback and try again."


@dataclass(frozen=True)
class Question:
    id: str
    module: str
    type: str
    serves: tuple[str, ...]
    level: str
    stem: str
    options: tuple[Option, ...]
    reference: str
    source: str = ""
    line: int = 0

    @property
    def correct_keys(self) -> frozenset[str]:
        return frozenset(o.key for o in self.options if o.correct)

    @property
    def hint(self) -> str:
        return TYPE_HINTS[self.type]

    def option(self, key: str) -> Option:
        for option in self.options:
            if option.key == key:
                return option
        raise KeyError(f"question {self.id} has no option {key!r}")

    def evaluate(self, selected) -> Evaluation:
        """Check an attempt: `selected` is an iterable of option keys."""
        keys = frozenset(selected)
        chosen = tuple(o for o in self.options if o.key in keys)
        return Evaluation(
            correct=bool(keys) and keys == self.correct_keys,
            selected=chosen,
            missed=len(self.correct_keys - keys),
        )


@dataclass
class Bank:
    questions: tuple[Question, ...]
    files: tuple[Path, ...] = field(default_factory=tuple)

    def for_module(self, module_id: str) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if q.module == module_id)

    def by_id(self, question_id: str) -> Question:
        for question in self.questions:
            if question.id == question_id:
                return question
        raise KeyError(question_id)

    @property
    def modules(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(q.module for q in self.questions))


class BankError(ValueError):
    """The bank is invalid. `problems` lists every message; str() joins them."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


def reference_keys(bib_path: Path) -> frozenset[str]:
    """The citation keys defined in a BibTeX file."""
    return frozenset(BIB_KEY.findall(bib_path.read_text(encoding="utf-8")))


class _Reader:
    """Validates one bank file, collecting problems instead of stopping at the first."""

    def __init__(self, path: Path, curriculum: Curriculum, bib_keys: frozenset[str]):
        self.path, self.curriculum, self.bib_keys = path, curriculum, bib_keys
        self.problems: list[str] = []

    def problem(self, line: int, qid: str | None, field_name: str | None, message: str):
        where = f"{self.path}:{line}" if line else str(self.path)
        subject = f" question {qid}:" if qid else ""
        fname = f" field '{field_name}':" if field_name else ""
        self.problems.append(f"{where}:{subject}{fname} {message}")

    def text(self, raw: LineDict, key: str, qid: str | None) -> str:
        value = raw.get(key) if isinstance(raw, dict) else None
        if not isinstance(value, str) or not value.strip():
            self.problem(raw.line_of(key), qid, key, "required text is missing or empty")
            return ""
        return value.strip()

    def read(self) -> list[Question]:
        try:
            data = load_yaml(self.path)
        except YamlFileError as exc:
            self.problems.append(str(exc))
            return []
        if not isinstance(data, dict):
            self.problem(1, None, None, "expected a mapping with 'module' and 'questions'")
            return []
        module = data.get("module")
        if module not in self.curriculum.module_ids:
            self.problem(data.line_of("module"), None, "module",
                         f"unknown module {module!r}; known: {', '.join(self.curriculum.module_ids)}")
            return []
        if self.path.stem != module:
            self.problem(data.line_of("module"), None, "module",
                         f"module {module} must live in {module}.yml")
        raw_questions = data.get("questions")
        if not isinstance(raw_questions, list) or not raw_questions:
            self.problem(data.line_of("questions"), None, "questions", "must be a non-empty list")
            return []
        questions = []
        for raw in raw_questions:
            if not isinstance(raw, dict):
                self.problem(data.line_of("questions"), None, None, "each question must be a mapping")
                continue
            question = self.question(raw, module)
            if question:
                questions.append(question)
        return questions

    def question(self, raw: LineDict, module: str) -> Question | None:
        before = len(self.problems)
        qid = raw.get("id")
        if not isinstance(qid, str) or not re.fullmatch(rf"{module}-\d{{2,3}}", qid):
            self.problem(raw.line_of("id"), qid if isinstance(qid, str) else None, "id",
                         f"must look like '{module}-01' (module id, dash, two or three digits)")
            qid = qid if isinstance(qid, str) else f"<question at line {raw.line}>"
        qtype = raw.get("type")
        if qtype not in QUESTION_TYPES:
            self.problem(raw.line_of("type"), qid, "type",
                         f"{qtype!r} is not one of {', '.join(QUESTION_TYPES)}")
        level = raw.get("level")
        if level not in LEVELS:
            self.problem(raw.line_of("level"), qid, "level",
                         f"{level!r} is not one of {', '.join(LEVELS)}")
        serves = raw.get("serves")
        if isinstance(serves, str):
            serves = [serves]
        if not isinstance(serves, list) or not serves:
            self.problem(raw.line_of("serves"), qid, "serves",
                         "list the principle item(s) this question serves, e.g. [I2.3]")
            serves = []
        for item in serves:
            if item not in self.curriculum.items:
                self.problem(raw.line_of("serves"), qid, "serves",
                             f"unknown principle item {item!r} (see exercises/curriculum.yml)")
        reference = raw.get("reference")
        if reference not in self.bib_keys:
            self.problem(raw.line_of("reference"), qid, "reference",
                         f"unknown reference key {reference!r}; add it to book/references.bib")
        stem = self.text(raw, "stem", qid)
        hint = TYPE_HINTS.get(qtype, "")
        if hint and hint.rstrip(".?").casefold() in stem.casefold():
            self.problem(raw.line_of("stem"), qid, "stem",
                         f"do not repeat '{hint}': every rendering shows it for {qtype} questions")
        options = self.truefalse_options(raw, qid) if qtype == "truefalse" else self.options(raw, qid, qtype)
        if len(self.problems) > before:
            return None
        return Question(qid, module, qtype, tuple(serves), level, stem, tuple(options),
                        reference, str(self.path), raw.line)

    def options(self, raw: LineDict, qid: str, qtype) -> list[Option]:
        raw_options = raw.get("options")
        if not isinstance(raw_options, list) or not MIN_OPTIONS <= len(raw_options) <= MAX_OPTIONS:
            self.problem(raw.line_of("options"), qid, "options",
                         f"give {MIN_OPTIONS} to {MAX_OPTIONS} options")
            return []
        options = []
        for key, opt in zip(OPTION_KEYS, raw_options):
            if not isinstance(opt, dict):
                self.problem(raw.line_of("options"), qid, "options",
                             f"option {key} must be a mapping with text, feedback and correct")
                continue
            correct = opt.get("correct", False)
            if not isinstance(correct, bool):
                self.problem(opt.line_of("correct"), qid, "correct",
                             f"option {key}: must be true or false")
            options.append(Option(key, self.text(opt, "text", qid),
                                  correct is True, self.text(opt, "feedback", qid)))
        n_correct = sum(o.correct for o in options)
        if n_correct == 0:
            self.problem(raw.line_of("options"), qid, "options", "no option is marked correct")
        elif qtype == "single" and n_correct > 1:
            self.problem(raw.line_of("options"), qid, "options",
                         f"a single-choice question has {n_correct} correct options; "
                         "use type: multiple for select-all questions")
        texts = [o.text.casefold() for o in options]
        if len(set(texts)) != len(texts):
            self.problem(raw.line_of("options"), qid, "options", "two options have the same text")
        return options

    def truefalse_options(self, raw: LineDict, qid: str) -> list[Option]:
        answer = raw.get("answer")
        if not isinstance(answer, bool):
            self.problem(raw.line_of("answer"), qid, "answer", "a true/false question needs answer: true or false")
        feedback = raw.get("feedback")
        if not isinstance(feedback, dict) or set(feedback) != {True, False}:
            self.problem(raw.line_of("feedback"), qid, "feedback",
                         "give feedback for both choices, as 'true: ...' and 'false: ...'")
            return []
        options = []
        for key, value in (("A", True), ("B", False)):
            text = feedback[value]
            if not isinstance(text, str) or not text.strip():
                self.problem(feedback.line_of(value), qid, "feedback", f"feedback for {value} is empty")
                text = ""
            options.append(Option(key, str(value), answer is value, text.strip()))
        return options


def read_bank(folder: Path, curriculum: Curriculum, bib_keys: frozenset[str]) -> Bank:
    """Load and validate every `*.yml` in `folder`; raise BankError listing all problems."""
    problems: list[str] = []
    questions: list[Question] = []
    files = tuple(sorted(Path(folder).glob("*.yml")))
    if not files:
        raise BankError([f"{folder}: no question files (*.yml) found"])
    stray = sorted(p.name for p in Path(folder).iterdir() if p.suffix in {".yaml", ".YML"})
    problems += [f"{folder / name}: question files must end in .yml" for name in stray]
    for path in files:
        reader = _Reader(path, curriculum, bib_keys)
        questions += reader.read()
        problems += reader.problems
    first_seen: dict[str, Question] = {}
    for question in questions:
        if question.id in first_seen:
            other = first_seen[question.id]
            problems.append(f"{question.source}:{question.line}: question {question.id}: field 'id': "
                            f"duplicate id, first used at {other.source}:{other.line}")
        first_seen.setdefault(question.id, question)
    if problems:
        raise BankError(problems)
    return Bank(tuple(questions), files)


def load_bank(root: Path | None = None) -> Bank:
    """The project's validated question bank."""
    return read_bank(paths.questions_dir(root), load_curriculum(root),
                     reference_keys(paths.references_file(root)))
