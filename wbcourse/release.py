"""Regenerate the student release ``course/`` from the sources in ``solutions/``.

Usage::

    wbcourse release [--root DIR] [LESSON ...]     (or python -m wbcourse.release)

Without arguments every lesson in ``solutions/`` is released, one line per lesson
with the files written and the time it took. nbgrader's
``generate_assignment`` runs in this process (one import of nbgrader instead of
one per command), with the course's ``nbgrader_config.py``; it also records the
lessons' test cells in ``gradebook.db``, which ``nbgrader autograde`` needs.

Importing this module keeps ``rfc3987_syntax`` out of the process (see
:data:`SKIPPED_MODULES`), which makes every command that runs nbgrader here
(``./wb release``, ``./wb grade``, ``./wb feedback``) start 2-3 s sooner.
"""

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: Where the release records the answers of the students' visible checks (package data).
RECORDED = Path(__file__).resolve().parent / "recorded"

#: Modules never imported in a process that runs nbgrader. jsonschema (under nbformat
#: and nbgrader) imports ``rfc3987_syntax`` when it is installed, only to check the
#: "iri" string formats, which no notebook or nbgrader schema uses; its import
#: compiles some 40 Earley parsers, 2-3 s of CPU on a 2-core machine
#: (python-jsonschema/jsonschema#1428). A ``None`` entry in ``sys.modules`` makes the
#: import fail at once, and jsonschema goes on without that checker.
SKIPPED_MODULES = ("rfc3987_syntax",)
for _name in SKIPPED_MODULES:
    sys.modules.setdefault(_name, None)


def lessons(root=ROOT):
    """Names of the lessons that have a source notebook.

    Parameters
    ----------
    root : pathlib.Path
        Course root, the folder of ``nbgrader_config.py``.

    Returns
    -------
    list of str
        Sorted lesson names, e.g. ``["01-neuron", "02-layers"]``.
    """
    return sorted({path.parent.name for path in (root / "solutions").glob("*/*.ipynb")})


def nbgrader_config(root=ROOT, **course_directory):
    """Load the course's ``nbgrader_config.py``, optionally overriding paths.

    Parameters
    ----------
    root : pathlib.Path
        Course root holding ``nbgrader_config.py``.
    **course_directory
        ``CourseDirectory`` settings to override, e.g. ``db_url="sqlite:///x.db"``.

    Returns
    -------
    traitlets.config.Config
        The configuration nbgrader's command line would use in ``root``.
    """
    from traitlets.config import Config
    from traitlets.config.loader import PyFileConfigLoader

    config = PyFileConfigLoader("nbgrader_config.py", path=str(root)).load_config()
    config.merge(Config({"CourseDirectory": course_directory}))
    return config


def run_nbgrader(converter_class, config, assignment, student="."):
    """Run one nbgrader step (an nbgrader converter) in this process.

    Parameters
    ----------
    converter_class : type
        ``nbgrader.converters.GenerateAssignment``, ``Autograde`` or
        ``GenerateFeedback``.
    config : traitlets.config.Config
        Configuration from :func:`nbgrader_config`.
    assignment : str
        Assignment (lesson) name.
    student : str
        Student id or glob; ``"*"`` processes every student at once.

    Raises
    ------
    nbgrader.converters.NbGraderException
        If nbgrader fails on any notebook.
    """
    from nbgrader.coursedir import CourseDirectory

    # nbgrader shells out to `alembic` when it creates a database.
    bin_dir = str(Path(sys.executable).parent)
    if bin_dir not in os.environ["PATH"].split(os.pathsep):
        os.environ["PATH"] = bin_dir + os.pathsep + os.environ["PATH"]
    coursedir = CourseDirectory(config=config, assignment_id=assignment, student_id=student)
    converter_class(coursedir=coursedir, config=config, force=True).start()


def generate_release(
    lesson_names, release_dir, root=ROOT, gradebook=True, progress=None, record_dir=None
):
    """Generate the student version of lessons with ``nbgrader generate_assignment``.

    Parameters
    ----------
    lesson_names : list of str
        Lessons to release, each a folder of ``root / "solutions"``.
    release_dir : pathlib.Path
        Folder that receives one subfolder per lesson (replaced if present).
    root : pathlib.Path
        Course root holding ``nbgrader_config.py`` and ``solutions/``.
    gradebook : bool
        Record the lessons' cells in the course's ``gradebook.db`` (needed by
        ``nbgrader autograde``); False generates the same files without it,
        like ``nbgrader generate_assignment --no-db``.
    progress : callable, optional
        Called after each lesson as ``progress(lesson, files, seconds)`` with the
        files written for it and the time it took.
    record_dir : pathlib.Path, optional
        Where to write each lesson's recorded answers of its visible checks
        (``<lesson>.json``, see :mod:`wbcourse.grading.record`); not recorded if None.

    Returns
    -------
    list of pathlib.Path
        The files written, sorted.
    """
    from nbgrader.converters import GenerateAssignment

    config = nbgrader_config(root, release_directory=str(release_dir))
    if not gradebook:
        config.GenerateAssignment.no_database = True
        config.SaveCells.enabled = False
    written = []
    for lesson in lesson_names:
        start = time.perf_counter()
        run_nbgrader(GenerateAssignment, config, lesson)
        files = sorted(path for path in (release_dir / lesson).rglob("*") if path.is_file())
        if record_dir is not None:
            files.append(record(root, release_dir, lesson, record_dir))
        if progress is not None:
            progress(lesson, files, time.perf_counter() - start)
        written += files
    return written


def record(root, release_dir, lesson, record_dir):
    """Record a released lesson's visible checks into ``record_dir/<lesson>.json``; its path."""
    import nbformat

    from wbcourse.grading.record import record_lesson, write_records

    name = f"{lesson}.ipynb"
    source = nbformat.read(root / "solutions" / lesson / name, as_version=4)
    release = nbformat.read(release_dir / lesson / name, as_version=4)
    return write_records(record_lesson(source, release), record_dir / f"{lesson}.json")


def main(argv=None, root=ROOT):
    """Release the lessons named in ``argv`` (default: all) into ``course/``.

    Prints one line per lesson as it is released (``[3/11] 03-activations: 1 file,
    2.1 s``) and a total.

    Parameters
    ----------
    argv : list of str, optional
        Lesson names; default ``sys.argv[1:]``, and all lessons if empty.
    root : pathlib.Path
        Course root holding ``nbgrader_config.py`` and ``solutions/``.

    Returns
    -------
    int
        Exit status: 0 on success, 2 for an unknown lesson.
    """
    known = lessons(root)
    wanted = (sys.argv[1:] if argv is None else argv) or known
    unknown = sorted(set(wanted) - set(known))
    if unknown:
        print(f"unknown lesson(s): {' '.join(unknown)}; known: {' '.join(known)}", file=sys.stderr)
        return 2
    start, done = time.perf_counter(), []

    def report(lesson, files, seconds):
        done.append(lesson)
        names = ", ".join(str(path.relative_to(root)) for path in files)
        print(f"[{len(done)}/{len(wanted)}] {lesson}: {names} ({seconds:.1f} s)", flush=True)

    written = generate_release(
        wanted, root / "course", root=root, progress=report, record_dir=RECORDED
    )
    elapsed = time.perf_counter() - start
    print(f"released {len(wanted)} lesson(s), {len(written)} file(s), in {elapsed:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
