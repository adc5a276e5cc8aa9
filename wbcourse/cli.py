"""The ``wbcourse`` command: the course for students, and the instructor's steps.

Students (an installed package is enough)::

    wbcourse lab [--workspace DIR] [--prepare-only] [JUPYTER ARGS]

Instructors, in a course root (a clone of the repository: ``nbgrader_config.py``,
``solutions/``; found from the current folder, or named with ``--root``)::

    wbcourse instructor     JupyterLab with every nbgrader tool, at the course root
    wbcourse release        regenerate course/ from solutions/
    wbcourse import         file a folder or zip of submissions into submitted/
    wbcourse grade          autograde every submission, in the sandbox
    wbcourse feedback       write the feedback pages
    wbcourse report         export grades and the grade report
    wbcourse bench          run the benchmarks
    wbcourse catalogue      rewrite docs/mistakes.md

``wbcourse COMMAND --help`` tells more. ``./wb COMMAND`` in the repository creates
the environment first, then runs the same command.
"""

import argparse
import sys
from pathlib import Path

from wbcourse import __version__
from wbcourse import workspace as workspaces

#: Commands whose arguments another module's parser reads, with the module.
DELEGATED = {
    "import": "wbcourse.grading",
    "grade": "wbcourse.grading",
    "feedback": "wbcourse.grading",
    "report": "wbcourse.grading",
    "bench": "benchmarks",
}
HELP = {
    "lab": "start the course in JupyterLab, in your workspace",
    "instructor": "JupyterLab with every nbgrader tool, at the course root",
    "release": "regenerate course/ from solutions/ (all lessons, or those named)",
    "import": "file a folder or zip of submissions into submitted/",
    "grade": "autograde every submission, in the sandbox",
    "feedback": "write the feedback pages of the graded submissions",
    "report": "export grades (CSV) and the grade report",
    "bench": "run the benchmarks and print their table",
    "catalogue": "rewrite docs/mistakes.md, the mistakes each exercise recognises",
}


class CourseRootError(Exception):
    """No course root (a folder with ``nbgrader_config.py`` and ``solutions/``) was found."""


def course_root(named=None):
    """The course root an instructor command works in.

    Parameters
    ----------
    named : pathlib.Path, optional
        The folder given with ``--root``.

    Returns
    -------
    pathlib.Path
        ``named``; else the current folder if it is a course root; else the
        repository this package runs from.

    Raises
    ------
    CourseRootError
        If ``named`` is not a course root, or none is found.
    """
    candidates = [Path(named)] if named else [Path.cwd(), workspaces.checkout_root()]
    for candidate in filter(None, candidates):
        if (candidate / "nbgrader_config.py").is_file() and (candidate / "solutions").is_dir():
            return candidate.resolve()
    where = f"{named} is not" if named else "neither the current folder nor this package is in"
    raise CourseRootError(
        f"{where} a course root (a clone of the course's repository, with nbgrader_config.py "
        "and solutions/); cd into one or pass --root DIR. Students need only `wbcourse lab`."
    )


def parser():
    """The command-line parser of ``wbcourse``."""
    main = argparse.ArgumentParser(
        prog="wbcourse",
        description="The weights-and-biases course: lessons in JupyterLab, and grading.",
        epilog="Run `wbcourse COMMAND --help` for a command's options.",
    )
    main.add_argument("--version", action="version", version=f"wbcourse {__version__}")
    commands = main.add_subparsers(dest="command", required=True, metavar="COMMAND")

    lab = commands.add_parser(
        "lab",
        help=HELP["lab"],
        description=HELP["lab"] + ". The released lessons are copied into the workspace the "
        "first time; later starts add new lessons and never overwrite your files (a newer "
        "release of a lesson you started appears beside it). Other arguments go to "
        "`jupyter lab`, e.g. --no-browser --port 8899.",
    )
    lab.add_argument(
        "--workspace",
        type=Path,
        default=None,
        help=f"your folder for the lessons (default: {workspaces.default_workspace()})",
    )
    lab.add_argument(
        "--prepare-only",
        action="store_true",
        help="copy the lessons and write the lab's settings, then exit without starting",
    )

    instructor = commands.add_parser(
        "instructor",
        help=HELP["instructor"],
        description=HELP["instructor"] + ". Other arguments go to `jupyter lab`.",
    )
    instructor.add_argument("--root", type=Path, help="course root (default: found)")

    release = commands.add_parser("release", help=HELP["release"], description=HELP["release"])
    release.add_argument("--root", type=Path, help="course root (default: found)")
    release.add_argument("lessons", nargs="*", help="lesson folders, e.g. 01-neuron")

    for name in DELEGATED:
        # Their own parsers read the rest of the command line, --help included.
        delegated = commands.add_parser(name, help=HELP[name], add_help=False)
        delegated.add_argument("--root", type=Path, help="course root (default: found)")

    catalogue = commands.add_parser(
        "catalogue", help=HELP["catalogue"], description=HELP["catalogue"]
    )
    catalogue.add_argument("--root", type=Path, help="course root (default: found)")
    catalogue.add_argument(
        "--out", help="file to write (default: ROOT/docs/mistakes.md; - for the screen)"
    )
    return main


def run(options, extra):
    """Run the parsed command; return its exit status."""
    if options.command == "lab":
        from wbcourse import lab

        folder = options.workspace or workspaces.default_workspace()
        if options.prepare_only:
            lab.prepare_student(folder)
            return 0
        return lab.student_lab(folder, extra)
    if options.command in DELEGATED:
        help_only = {"-h", "--help"} & set(extra)
        return delegate(options.command, None if help_only else course_root(options.root), extra)
    if extra and options.command != "instructor":
        parser().error(f"unrecognized arguments: {' '.join(extra)}")
    root = course_root(options.root)
    if options.command == "instructor":
        from wbcourse import lab

        return lab.instructor_lab(root, extra)
    if options.command == "release":
        from wbcourse import release

        return release.main(options.lessons, root=root)
    return catalogue(root, options.out)


def delegate(command, root, extra):
    """Run a command whose own module parses the rest of the command line.

    Parameters
    ----------
    command : str
        One of :data:`DELEGATED`.
    root : pathlib.Path or None
        The course root; None when only help is asked for.
    extra : list of str
        The arguments after the command.

    Returns
    -------
    int
        The command's exit status.
    """
    if DELEGATED[command] == "benchmarks":
        checkout = root or workspaces.checkout_root()
        if checkout is None or not (checkout / "benchmarks").is_dir():
            raise CourseRootError("the benchmarks live in the repository: run this in a clone")
        sys.path.insert(0, str(checkout))
        from benchmarks.__main__ import main

        return main(extra)
    from wbcourse.grading.__main__ import main

    return main([*(["--root", str(root)] if root else []), command, *extra])


def catalogue(root, out):
    """Write the catalogue of exercises and the mistakes each recognises."""
    try:
        from wbcourse.exercises import catalogue as text
    except ImportError as error:
        raise CourseRootError(f"the catalogue needs the repository's exercises: {error}") from None
    page = text()
    if out == "-":
        print(page, end="")
        return 0
    path = Path(out) if out else root / "docs" / "mistakes.md"
    path.write_text(page, encoding="utf-8")
    print(f"wbcourse: wrote {path}", file=sys.stderr)
    return 0


def main(argv=None):
    """Run ``wbcourse`` with the arguments ``argv`` (default: the command line).

    Parameters
    ----------
    argv : list of str, optional
        The arguments after ``wbcourse``.

    Returns
    -------
    int
        The exit status: 0 on success, 2 for a usage error.
    """
    options, extra = parser().parse_known_args(sys.argv[1:] if argv is None else argv)
    try:
        return run(options, extra)
    except (CourseRootError, FileNotFoundError) as error:
        print(f"wbcourse: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
