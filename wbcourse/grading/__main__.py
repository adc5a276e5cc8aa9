"""The instructor's grading commands: ``python -m wbcourse.grading COMMAND``.

Commands (``./wb COMMAND`` runs each in the course's environment)::

    import SOURCE ASSIGNMENT     file a folder or zip of submissions into submitted/
    grade [ASSIGNMENT ...]       autograde every submission (of these assignments)
    feedback [ASSIGNMENT ...]    write the feedback pages into feedback/
    report [ASSIGNMENT ...]      write grades.csv, exercises.csv and report.md to reports/

Run from anywhere; the course root is this repository unless ``--root`` says otherwise.
"""

import argparse
import os
import sys
from pathlib import Path

from wbcourse.grading.sandbox import SandboxUnavailable
from wbcourse.release import ROOT, lessons, nbgrader_config, run_nbgrader


def _import(options):
    from wbcourse.grading.submissions import import_submissions

    report = import_submissions(options.source, options.assignment, options.root)
    for imported in report.imported:
        named = "" if imported.source == imported.student else f" (from {imported.source!r})"
        print(f"{imported.student}: {', '.join(imported.files)}{named}")
    for refused in report.refused:
        print(f"REFUSED {refused.source!r}: {refused.reason}", file=sys.stderr)
    return 1 if report.refused else 0


def _grade(options):
    from wbcourse.grading.runner import find_submissions, grade

    submissions = find_submissions(options.root, options.assignments, options.student)
    if not submissions:
        print("nothing to grade: submitted/<student>/<assignment>/ is empty", file=sys.stderr)
        return 1
    workers = options.workers or os.cpu_count() or 1
    outcomes = grade(
        options.root,
        submissions,
        workers=workers,
        time_limit=options.time_limit,
        sandboxed=not options.unsafe_no_sandbox,
        restart=options.restart,
    )
    failed = sum(outcome.status in ("failed", "timed out") for outcome in outcomes)
    flagged = sum(bool(outcome.flags) for outcome in outcomes)
    print(
        f"{len(outcomes)} submission(s): {len(outcomes) - failed} graded, {failed} failed "
        f"(scored 0 where ungraded), {flagged} flagged for review"
    )
    if options.unsafe_no_sandbox:
        print("WARNING: graded without the OS sandbox; every submission is flagged so")
    return 0


def _feedback(options):
    from nbgrader.converters import GenerateFeedback

    config = nbgrader_config(options.root)
    for assignment in options.assignments or lessons(options.root):
        if any((options.root / "autograded").glob(f"*/{assignment}")):
            run_nbgrader(GenerateFeedback, config, assignment, student="*")
            print(f"feedback written for {assignment}")
    return 0


def _report(options):
    from wbcourse.grading import report

    argv = [*options.assignments, *(["--out", str(options.out)] if options.out else [])]
    return report.main(argv, root=options.root)


def parser():
    """The command-line parser of ``python -m wbcourse.grading``."""
    main = argparse.ArgumentParser(prog="./wb", description=__doc__.splitlines()[0])
    main.add_argument("--root", type=Path, default=ROOT, help="course root (default: this repo)")
    commands = main.add_subparsers(dest="command", required=True)
    imported = commands.add_parser("import", help="file a folder or zip into submitted/")
    imported.add_argument("source", type=Path, help="folder or .zip of submissions")
    imported.add_argument("assignment", help="the lesson they are for, e.g. 01-neuron")
    imported.set_defaults(run=_import)
    graded = commands.add_parser("grade", help="autograde submissions in the sandbox")
    graded.add_argument("assignments", nargs="*", help="lessons (default: all)")
    graded.add_argument("--student", action="append", help="only this student (repeatable)")
    graded.add_argument("--workers", type=int, help="submissions at once (default: cores)")
    graded.add_argument("--time-limit", type=float, default=900, help="seconds per submission")
    graded.add_argument(
        "--unsafe-no-sandbox",
        action="store_true",
        help="grade without bubblewrap (where it is missing): the students' code can reach "
        "this machine; every submission is flagged",
    )
    graded.add_argument(
        "--restart", action="store_true", help="do not resume an interrupted run; grade all again"
    )
    graded.set_defaults(run=_grade)
    feedback = commands.add_parser("feedback", help="write feedback pages")
    feedback.add_argument("assignments", nargs="*", help="lessons (default: all)")
    feedback.set_defaults(run=_feedback)
    reported = commands.add_parser("report", help="export grades and the grade report")
    reported.add_argument("assignments", nargs="*", help="lessons (default: all)")
    reported.add_argument("--out", type=Path, help="output folder (default: reports/)")
    reported.set_defaults(run=_report)
    return main


def main(argv=None):
    """Run one grading command; return its exit status."""
    options = parser().parse_args(argv)
    options.root = options.root.resolve()
    try:
        return options.run(options)
    except (FileNotFoundError, ValueError, SandboxUnavailable) as error:
        print(f"wb: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
