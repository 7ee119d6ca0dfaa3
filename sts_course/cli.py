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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sts-course", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help=cmd_check.__doc__)
    check.add_argument("--modules", nargs="+", metavar="ID",
                       help="check coverage for these modules only (while writing them)")
    check.set_defaults(func=cmd_check)
    sub.add_parser("toc", help="write _toc.yml from exercises/curriculum.yml").set_defaults(func=cmd_toc)
    for register in _plugins():
        register(sub)
    return parser


def _plugins():
    """Subcommands that live beside the module they drive (quiz, assignments, ...)."""
    from . import commands

    return commands.REGISTRARS


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
