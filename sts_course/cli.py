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
    if not args.modules:
        from .org_toolkit import data_problems

        problems += data_problems()
        from .supervisor_data import data_problems as supervisor_data_problems

        problems += supervisor_data_problems()
        from .reflection import data_problems as reflection_data_problems

        problems += reflection_data_problems()
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


def cmd_workshop(args) -> int:
    """Serve the live workshop quiz (trainer, participants, solo) with Voila; print its URLs."""
    from .workshop.server import run
    from .workshop.store import WorkshopError

    try:
        return run(port=args.port, lan=args.lan, host=args.host, pool_size=args.pool_size)
    except (WorkshopError, RuntimeError) as exc:
        print(f"sts-course workshop: {exc}", file=sys.stderr)
        return 2


def _completion(name: str, args) -> int:
    """Run a completion command; a wrong file, row, database or filter is a clear error."""
    from .completion import commands
    from .completion.autograde import AutogradeError

    try:
        return getattr(commands, name)(args)
    except (*commands.USER_ERRORS, AutogradeError) as exc:
        print(f"sts-course {args.command}: {exc}", file=sys.stderr)
        return 2


def cmd_roster(args) -> int:
    """Import a roster CSV (id, first_name, last_name, email, team, role, track) into the gradebook."""
    return _completion("roster_import", args)


def cmd_autograde(args) -> int:
    """Collect and autograde every new submission in parallel; release feedback without hidden tests."""
    return _completion("autograde", args)


def cmd_report(args) -> int:
    """Completion per learner and module, team, track and principle, read from the gradebook."""
    return _completion("report", args)


def cmd_certificates(args) -> int:
    """A PDF certificate for each learner who passed every module of their track."""
    return _completion("certificates", args)


def _add_completion_parsers(sub) -> None:
    from .completion.commands import FORMATS, add_course_options, add_filters

    roster = sub.add_parser("roster", help="manage the learners of the graded course")
    roster_sub = roster.add_subparsers(dest="roster_command", required=True)
    roster_import = roster_sub.add_parser("import", help=cmd_roster.__doc__)
    roster_import.add_argument("csv", type=Path, help="roster CSV file")
    add_course_options(roster_import)
    roster_import.set_defaults(func=cmd_roster)
    autograde = sub.add_parser("autograde", help=cmd_autograde.__doc__)
    autograde.add_argument("--jobs", "-j", type=int, default=2, help="parallel workers (default 2)")
    autograde.add_argument("--no-feedback", action="store_true", help="do not generate or release feedback")
    autograde.add_argument("--no-collect", action="store_true", help="grade what is already collected")
    autograde.add_argument("--no-progress", action="store_true", help="no progress bar")
    add_course_options(autograde)
    autograde.set_defaults(func=cmd_autograde)
    report = sub.add_parser("report", help=cmd_report.__doc__)
    report.add_argument("--format", choices=FORMATS, default="table")
    report.add_argument("--output", "-o", type=Path, help="file to write (html/xlsx default: completion-report.*)")
    add_course_options(report)
    add_filters(report)
    report.set_defaults(func=cmd_report)
    certificates = sub.add_parser("certificates", help=cmd_certificates.__doc__)
    certificates.add_argument("--output", "-o", type=Path, default=Path("certificates"),
                              help="folder for the PDFs (default: certificates/)")
    add_course_options(certificates)
    add_filters(certificates)
    certificates.set_defaults(func=cmd_certificates)


def cmd_exercise(args) -> int:
    """Serve a reflection exercise with Voila; with no id, list the exercises."""
    from .journal import journal_dir
    from .reflection import UnknownExercise, exercise, exercises
    from .reflection.content import ContentError
    from .voila_server import serve

    try:
        if not args.exercise:
            print("Reflection exercises:")
            for item in exercises():
                print(f"  {item.id}  {item.title}  ({item.notebook})")
            print(f"Open one with `sts-course exercise I4`. Your entries stay private, in {journal_dir()}")
            return 0
        chosen = exercise(args.exercise.upper())
    except (UnknownExercise, ContentError) as exc:
        print(f"sts-course exercise: {exc}", file=sys.stderr)
        return 2
    return serve(str(paths.project_root() / chosen.notebook), port=args.port, open_browser=not args.no_browser)


SUPERVISION_APPS = {"vignettes": "vignettes.ipynb", "planner": "supervision_planner.ipynb",
                    "referral": "referral_aid.ipynb"}


def cmd_supervision(args) -> int:
    """Serve a supervisor-track app with Voila: branching vignettes, session planner, referral aid."""
    from .datafile import DataFileError
    from .vignettes import UnknownVignette, vignette
    from .voila_server import serve

    env = {}
    if args.vignette:
        if args.app != "vignettes":
            print("sts-course supervision: --vignette goes with the vignettes app", file=sys.stderr)
            return 2
        try:
            env["STS_VIGNETTE"] = vignette(args.vignette).id
        except (UnknownVignette, DataFileError) as exc:
            print(f"sts-course supervision: {exc}", file=sys.stderr)
            return 2
    return serve(SUPERVISION_APPS[args.app], port=args.port, open_browser=not args.no_browser, env=env)


def cmd_toolkit(args) -> int:
    """Serve an organizational toolkit app with Voila: self-assessment, workload planner, wellness dashboard."""
    from .org_toolkit import APPS
    from .voila_server import serve

    return serve(APPS[args.app], port=args.port, open_browser=not args.no_browser)


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
    exercise = sub.add_parser("exercise", help=cmd_exercise.__doc__)
    exercise.add_argument("exercise", nargs="?", help="exercise id, e.g. I4 (omit to list them)")
    exercise.add_argument("--port", type=int, default=8866)
    exercise.add_argument("--no-browser", action="store_true", help="do not open a browser")
    exercise.set_defaults(func=cmd_exercise)
    _add_completion_parsers(sub)
    workshop = sub.add_parser("workshop", help=cmd_workshop.__doc__)
    workshop.add_argument("--lan", action="store_true",
                          help="listen on the room's network so phones can join (default: this computer only)")
    workshop.add_argument("--port", type=int, default=8866)
    workshop.add_argument("--host", help="address or name participants use (default: found with --lan)")
    workshop.add_argument("--pool-size", type=int, default=None,
                          help="pre-heated kernels to keep ready (default: notebooks/voila.json)")
    workshop.set_defaults(func=cmd_workshop)
    supervision = sub.add_parser("supervision", help=cmd_supervision.__doc__)
    supervision.add_argument("app", choices=sorted(SUPERVISION_APPS), help="which app to serve")
    supervision.add_argument("--vignette", metavar="ID", help="open this vignette directly")
    supervision.add_argument("--port", type=int, default=8866)
    supervision.add_argument("--no-browser", action="store_true", help="do not open a browser")
    supervision.set_defaults(func=cmd_supervision)
    from .org_toolkit import APPS as TOOLKIT_APPS

    toolkit = sub.add_parser("toolkit", help=cmd_toolkit.__doc__)
    toolkit.add_argument("app", choices=list(TOOLKIT_APPS), help="which app to serve")
    toolkit.add_argument("--port", type=int, default=8866)
    toolkit.add_argument("--no-browser", action="store_true", help="do not open a browser")
    toolkit.set_defaults(func=cmd_toolkit)
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
