"""`sts-course`: the course's one command-line entry point."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import paths


def _venv_on_path() -> None:
    """nbgrader and Voila shell out to tools (alembic, jupyter) installed beside this Python."""
    bindir = str(Path(sys.executable).parent)
    if bindir not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = bindir + os.pathsep + os.environ.get("PATH", "")


def cmd_check(args) -> int:
    """Validate the curriculum, the bank, the table of contents and the coverage."""
    from .bank import BankError, load_bank
    from .coverage import measure
    from .curriculum import CurriculumError, load_curriculum
    from .toc import toc_is_current
    from .yaml_lines import YamlFileError

    try:
        curriculum = load_curriculum()
        bank = load_bank()
    except (CurriculumError, BankError, YamlFileError) as exc:
        print(f"sts-course check: FAILED\n{exc}", file=sys.stderr)
        return 1
    problems = measure(curriculum, bank, modules=args.modules).problems()
    if not args.modules and not toc_is_current():
        problems.append("_toc.yml is out of date with exercises/curriculum.yml: run `sts-course toc`")
    if problems:
        print("sts-course check: FAILED", file=sys.stderr)
        for problem in problems:
            print(f"- {problem}", file=sys.stderr)
        return 1
    by_module = {m: len(bank.for_module(m)) for m in curriculum.module_ids}
    print(f"sts-course check: OK: {len(bank.questions)} questions in {len(by_module)} modules; "
          f"all {len(curriculum.items)} principle items taught and checked.")
    return 0


def cmd_toc(args) -> int:
    from .toc import write_toc

    print(f"wrote {write_toc()}")
    return 0


def cmd_quiz(args) -> int:
    """Serve a module's knowledge check as a Voila app."""
    from .curriculum import load_curriculum
    from .voila_server import serve

    if args.module and args.module not in load_curriculum().module_ids:
        print(f"sts-course quiz: unknown module '{args.module}'", file=sys.stderr)
        return 2
    env = {"STS_QUIZ_MODULE": args.module} if args.module else {}
    return serve("quiz.ipynb", port=args.port, open_browser=not args.no_browser, env=env)


def cmd_assignments(args) -> int:
    """Write one nbgrader source assignment per module into grading/source/."""
    from .assignments import write_assignments

    written = write_assignments(args.course_dir, args.modules)
    for path in written:
        print(f"wrote {path}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sts-course", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help=cmd_check.__doc__)
    check.add_argument("--modules", nargs="+", metavar="ID",
                       help="check coverage for these modules only (while writing them)")
    check.set_defaults(func=cmd_check)
    sub.add_parser("toc", help="write _toc.yml from exercises/curriculum.yml").set_defaults(func=cmd_toc)
    quiz = sub.add_parser("quiz", help=cmd_quiz.__doc__)
    quiz.add_argument("module", nargs="?", help="module id, e.g. F1 (omit to choose in the app)")
    quiz.add_argument("--port", type=int, default=8866)
    quiz.add_argument("--no-browser", action="store_true", help="do not open a browser")
    quiz.set_defaults(func=cmd_quiz)
    assignments = sub.add_parser("assignments", help=cmd_assignments.__doc__)
    assignments.add_argument("--course-dir", type=Path, default=None,
                             help="nbgrader course folder (default: grading/)")
    assignments.add_argument("--modules", nargs="+", metavar="ID", help="only these modules")
    assignments.set_defaults(func=cmd_assignments)
    return parser


def main(argv: list[str] | None = None) -> int:
    _venv_on_path()
    args = build_parser().parse_args(argv)
    from .bank import BankError
    from .curriculum import CurriculumError
    from .yaml_lines import YamlFileError

    try:
        return args.func(args)
    except (paths.ProjectNotFound, YamlFileError, CurriculumError, BankError) as exc:
        print(f"sts-course {args.command}: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
