"""The completion subcommands of `sts-course`: roster import, autograde, report, certificates.
Each returns an exit code; expected failures raise CommandError with a message for the user."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

from ..curriculum import load_curriculum
from .database import GradebookError, open_engine, safe_url
from .gradebook import FilterError, has_roster
from .roster import RosterError
from .settings import CourseSettings, SettingsError, load_settings

FORMATS = ("table", "csv", "html", "xlsx")
#: Expected failures: the message names the file, line, database or filter at fault.
USER_ERRORS = (GradebookError, RosterError, FilterError, SettingsError)


def course(args) -> tuple[CourseSettings, str]:
    settings = load_settings(args.course_dir)
    return settings, args.db or settings.db_url


def roster_import(args) -> int:
    from .roster import ensure_gradebook, import_roster, read_roster

    settings, url = course(args)
    learners = read_roster(args.csv, tuple(t.id for t in load_curriculum().tracks))
    engine = ensure_gradebook(url, settings.course_id)
    try:
        added, updated = import_roster(engine, learners)
    finally:
        engine.dispose()
    print(f"roster {args.csv}: {added} learner(s) added, {updated} updated in {safe_url(url)}")
    return 0


def autograde(args) -> int:
    from .autograde import autograde as run

    settings, url = course(args)
    open_engine(url).dispose()  # fail early and clearly on a wrong URL
    outcomes = run(settings, url, jobs=args.jobs, feedback=not args.no_feedback,
                   collect=not args.no_collect, progress=not args.no_progress)
    graded = [o for o in outcomes if o.graded]
    print(f"autograded {len(graded)} of {len(outcomes)} new submission(s) with {args.jobs} worker(s); "
          f"feedback released for {sum(o.feedback for o in outcomes)}")
    problems = [o for o in outcomes if o.problem]
    for outcome in problems:
        state = "graded, but" if outcome.graded else "NOT graded:"
        print(f"  {outcome.name}: {state} {outcome.problem}", file=sys.stderr)
    return 1 if any(not o.graded for o in outcomes) else 0


def load_report(settings: CourseSettings, url: str, team=None, track=None, as_of=None):
    """Build the completion report of the course in `settings` from the gradebook at `url`."""
    from .plan import plan_from_project
    from .report import build_report

    engine = open_engine(url)
    try:
        if not has_roster(engine):
            raise GradebookError(f"{safe_url(url)} holds no roster: run `sts-course roster import ROSTER.csv`")
        plan = plan_from_project(settings)
        report = build_report(engine, plan, settings.released_modules(), team=team, track=track,
                              as_of=as_of, collected=settings.collected_submissions())
    finally:
        engine.dispose()
    return report, plan


def parse_as_of(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise SettingsError(f"--as-of {text!r} is not a date; write YYYY-MM-DD or YYYY-MM-DDTHH:MM") from None


def write_output(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
    else:
        Path(output).write_text(text, encoding="utf-8")
        print(f"wrote {output}")


def report(args) -> int:
    settings, url = course(args)
    completion, _ = load_report(settings, url, args.team, args.track, parse_as_of(args.as_of))
    if args.format == "table":
        from .render_text import render_table

        write_output(render_table(completion), args.output)
    elif args.format == "csv":
        from .render_text import render_csv

        write_output(render_csv(completion), args.output)
    elif args.format == "html":
        from .render_html import render_html

        write_output(render_html(completion), args.output or Path("completion-report.html"))
    else:
        from .render_xlsx import write_xlsx

        print(f"wrote {write_xlsx(completion, args.output or Path('completion-report.xlsx'))}")
    return 0


def certificates(args) -> int:
    from .certificates import write_certificates

    settings, url = course(args)
    completion, plan = load_report(settings, url, args.team, args.track, parse_as_of(args.as_of))
    written = write_certificates(completion, plan, settings.certificate, args.output)
    for path in written:
        print(f"wrote {path}")
    print(f"{len(written)} certificate(s) in {args.output}")
    return 0


def add_course_options(parser) -> None:
    parser.add_argument("--course-dir", type=Path, default=None,
                        help="nbgrader course folder holding course.yml (default: grading/)")
    parser.add_argument("--db", metavar="URL", default=None,
                        help="gradebook URL, e.g. sqlite:///grading/gradebook.db or postgresql://user@host/db "
                             "(default: db_url in course.yml, or STS_GRADEBOOK_URL)")


def add_filters(parser) -> None:
    parser.add_argument("--team", help="only this team")
    parser.add_argument("--track", help="only this track")
    parser.add_argument("--as-of", metavar="DATE", help="judge 'overdue' at this UTC time (default: now)")
