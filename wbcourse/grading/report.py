"""Grades to CSV, and a grade report: per exercise the scores and the mistakes the feedback named.

Usage::

    python -m wbcourse.grading.report [ASSIGNMENT ...] [--out FOLDER]

Reads nbgrader's gradebook and the autograded notebooks of the course and writes, into
``FOLDER`` (default ``reports/`` under the course root):

- ``grades.csv``: nbgrader's own grade export (what ``nbgrader export`` writes, through
  its :class:`~nbgrader.plugins.export.CsvExportPlugin`): one row per student and
  assignment, with late penalties, and a zero for students who submitted nothing;
- ``exercises.csv``: what nbgrader does not export, one row per student, assignment and
  exercise: the score, the catalogued mistakes the feedback named (see
  ``docs/mistakes.md``; read from the structured records the grader writes next to
  each test cell's score, never from printed text), whether a grade awaits a manual
  score, and the grader's flags for manual review (automatic comments starting with
  :data:`wbcourse.grading.FLAG_PREFIX`);
- ``report.md``: per assignment, a table per exercise (submissions, mean score, how many
  got full, partial and zero marks, the most frequent mistakes), the flagged
  submissions, and a plot ``<assignment>.png`` of the score distribution.

The output depends only on the gradebook and the notebooks: rows are sorted and no
timestamp is added.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from wbcourse.grading import FLAG_PREFIX, inert
from wbcourse.grading.cells import exercise_of
from wbcourse.release import ROOT, nbgrader_config

__all__ = [
    "EXERCISE_COLUMNS",
    "ExerciseResult",
    "ExerciseSummary",
    "export",
    "export_nbgrader_grades",
    "gather_results",
    "main",
    "named_mistakes",
    "plot_assignment",
    "records_of",
    "render_assignment",
    "summarize",
    "write_exercises_csv",
]

#: The columns of ``exercises.csv``, in order.
EXERCISE_COLUMNS = (
    "student",
    "assignment",
    "exercise",
    "title",
    "score",
    "max_score",
    "mistakes",
    "needs_manual_grade",
    "needs_review",
    "flags",
)

#: How many of an exercise's most frequent mistakes the report lists.
TOP_MISTAKES = 3


def named_mistakes(record: dict) -> tuple[str, ...]:
    """The ids of the mistakes a Grader's record names in its failed cases, each once, in order.

    Examples
    --------
    >>> named_mistakes({"cases": [{"passed": False, "mistake": "01.1/no-bias"},
    ...                           {"passed": True, "mistake": None},
    ...                           {"passed": False, "mistake": "01.1/no-bias"}]})
    ('01.1/no-bias',)
    """
    found = []
    for case in record.get("cases", []):
        mistake = case.get("mistake") if isinstance(case, dict) else None
        if isinstance(mistake, str) and not case.get("passed") and mistake not in found:
            found.append(mistake)
    return tuple(found)


@dataclass(frozen=True)
class ExerciseResult:
    """One student's result on one exercise: a row of ``exercises.csv``.

    Attributes
    ----------
    student, assignment, exercise, title : str
        Who, which lesson, which exercise (``"01.2"``) and its title.
    score, max_score : float
        nbgrader's score (the manual score where one was given, else the
        autograder's) summed over the exercise's grade cells, and the maximum.
    mistakes : tuple of str
        The catalogued mistakes the feedback named, each once.
    needs_manual_grade : bool
        nbgrader's flag: a grade cell of the exercise awaits a manual score.
    flags : tuple of str
        The grader's comments flagging the exercise for manual review.
    """

    student: str
    assignment: str
    exercise: str
    title: str
    score: float
    max_score: float
    mistakes: tuple[str, ...]
    needs_manual_grade: bool
    flags: tuple[str, ...]

    @property
    def needs_review(self) -> bool:
        """Whether the grader flagged the submission of this exercise for manual review."""
        return bool(self.flags)


def _mistake_names() -> dict[str, str]:
    """Every mistake of the course, id -> name (the catalogue's words)."""
    from wbcourse.exercises import all_exercises
    from wbcourse.mistakes import COURSE_WIDE

    names = {mistake.id: mistake.name for mistake in COURSE_WIDE}
    for item in all_exercises():
        names |= {mistake.id: mistake.name for mistake in item.mistakes}
    return names


def _titles() -> dict[str, str]:
    from wbcourse.exercises import all_exercises

    return {item.id: item.title for item in all_exercises()}


def records_of(path: Path, test_cells: set[str]) -> dict[str, dict]:
    """The Graders' records in an autograded notebook's test cells, by exercise id.

    Only the test cells are read (the grader wrote their outputs; see
    :mod:`wbcourse.grading.trusted`); a cell id counts once, as nbgrader grades
    the first cell of an id. A missing or unreadable notebook has no records.
    """
    import nbformat

    from wbcourse.grading.cells import grade_id
    from wbcourse.grading.trusted import RECORDS

    try:
        cells = nbformat.read(path, as_version=4).cells
    except Exception:  # nbgrader could not grade it (missing or unreadable submission)
        return {}
    records, seen = {}, set()
    for cell in cells:
        cell_id = grade_id(cell)
        if cell_id not in test_cells or cell_id in seen:
            continue
        seen.add(cell_id)
        for output in cell.get("outputs", []):
            found = output.get("metadata", {}).get(RECORDS, [])
            if output.get("output_type") == "execute_result" and isinstance(found, list):
                records |= {
                    r["exercise"]: r for r in found if isinstance(r, dict) and "exercise" in r
                }
    return records


def _notebook_results(student, assignment, notebook, records, names) -> list[ExerciseResult]:
    """The exercise results of one submitted notebook (an ``nbgrader.api.SubmittedNotebook``)."""
    grades, flags = defaultdict(list), defaultdict(list)
    for grade in notebook.grades:
        grades[exercise_of(grade.name)].append(grade)
    for comment in notebook.comments:
        comment_text = comment.auto_comment or ""
        if FLAG_PREFIX in comment_text:  # after "No response." when the answer was left blank
            flag = comment_text[comment_text.index(FLAG_PREFIX) :]
            flags[exercise_of(comment.name)].append(flag)
    titles = _titles()
    results = []
    for exercise in sorted(grades.keys() | flags.keys()):
        cells = sorted(grades[exercise], key=lambda grade: grade.name)
        named = named_mistakes(records.get(exercise, {}))
        results.append(
            ExerciseResult(
                student=student,
                assignment=assignment,
                exercise=exercise,
                title=titles.get(exercise, " ".join(grade.name for grade in cells)),
                score=sum(grade.score for grade in cells),
                max_score=sum(grade.max_score for grade in cells),
                mistakes=tuple(names.get(mistake, mistake) for mistake in named),
                needs_manual_grade=any(grade.needs_manual_grade for grade in cells),
                flags=tuple(sorted(flags[exercise])),
            )
        )
    return results


def gather_results(gradebook, coursedir, assignment: str) -> list[ExerciseResult]:
    """Every exercise result of an assignment, sorted by student, notebook and exercise.

    Parameters
    ----------
    gradebook : nbgrader.api.Gradebook
        The open gradebook.
    coursedir : nbgrader.coursedir.CourseDirectory
        Locates the source and the autograded notebooks.
    assignment : str
        The assignment's name, e.g. ``"01-neuron"``.

    Returns
    -------
    list of ExerciseResult
    """
    import nbformat

    from wbcourse.grading.cells import grade_id, is_test

    names = _mistake_names()
    source_folder = Path(coursedir.format_path(coursedir.source_directory, ".", assignment))
    test_cells = {
        grade_id(cell)
        for path in source_folder.glob("*.ipynb")
        for cell in nbformat.read(path, as_version=4).cells
        if is_test(cell)
    }
    results = []
    submissions = gradebook.assignment_submissions(assignment)
    for submission in sorted(submissions, key=lambda item: item.student.id):
        student = submission.student.id
        folder = Path(coursedir.format_path(coursedir.autograded_directory, student, assignment))
        for notebook in sorted(submission.notebooks, key=lambda item: item.name):
            records = records_of(folder / f"{notebook.name}.ipynb", test_cells)
            results += _notebook_results(student, assignment, notebook, records, names)
    return results


def write_exercises_csv(results: Iterable[ExerciseResult], path: Path) -> Path:
    """Write ``exercises.csv``: one row per result, columns :data:`EXERCISE_COLUMNS`.

    Mistakes and flags are joined with ``"; "``; booleans are ``True`` / ``False``.
    """
    with path.open("w", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(EXERCISE_COLUMNS)
        for result in results:
            writer.writerow(
                (
                    result.student,
                    result.assignment,
                    result.exercise,
                    result.title,
                    f"{result.score:g}",
                    f"{result.max_score:g}",
                    "; ".join(result.mistakes),
                    result.needs_manual_grade,
                    result.needs_review,
                    "; ".join(result.flags),
                )
            )
    return path


def export_nbgrader_grades(gradebook, path: Path, assignments: Sequence[str]) -> Path:
    """Write nbgrader's own grade export, as ``nbgrader export`` does, for ``assignments``.

    One row per student of the gradebook and assignment: ``assignment, duedate,
    timestamp, student_id, last_name, first_name, email, raw_score,
    late_submission_penalty, score, max_score``.
    """
    from nbgrader.plugins.export import CsvExportPlugin

    CsvExportPlugin(to=str(path), assignment=list(assignments)).export(gradebook)
    return path


@dataclass(frozen=True)
class ExerciseSummary:
    """How the submissions of one exercise of an assignment went: a row of the report.

    Attributes
    ----------
    exercise, title : str
    points : float
        The exercise's maximum score.
    submissions : int
    mean : float
        Mean score.
    full, partial, zero : int
        How many scored the maximum, something in between, and 0.
    to_grade, flagged : int
        How many await a manual score, and how many the grader flagged.
    top_mistakes : tuple of (str, int)
        The :data:`TOP_MISTAKES` most frequent mistakes and how many students made
        them, most frequent first, ties by name.
    """

    exercise: str
    title: str
    points: float
    submissions: int
    mean: float
    full: int
    partial: int
    zero: int
    to_grade: int
    flagged: int
    top_mistakes: tuple[tuple[str, int], ...]


def summarize(results: Iterable[ExerciseResult]) -> list[ExerciseSummary]:
    """Summarize the results of one assignment per exercise, in exercise order.

    Examples
    --------
    >>> rows = [
    ...     ExerciseResult("a", "01-neuron", "01.1", "weighted_sum", s, 2, m, False, ())
    ...     for s, m in [(2, ()), (1, ("forgot the bias",)), (0, ("forgot the bias",))]
    ... ]
    >>> (summary,) = summarize(rows)
    >>> summary.mean, summary.full, summary.partial, summary.zero, summary.top_mistakes
    (1.0, 1, 1, 1, (('forgot the bias', 2),))
    """
    by_exercise = defaultdict(list)
    for result in results:
        by_exercise[result.exercise].append(result)
    summaries = []
    for exercise, rows in sorted(by_exercise.items()):
        points = max(row.max_score for row in rows)
        mistakes = Counter(name for row in rows for name in row.mistakes)
        summaries.append(
            ExerciseSummary(
                exercise=exercise,
                title=rows[0].title,
                points=points,
                submissions=len(rows),
                mean=sum(row.score for row in rows) / len(rows),
                full=sum(row.score >= points for row in rows),
                partial=sum(0 < row.score < points for row in rows),
                zero=sum(row.score <= 0 for row in rows),
                to_grade=sum(row.needs_manual_grade for row in rows),
                flagged=sum(row.needs_review for row in rows),
                top_mistakes=tuple(
                    sorted(mistakes.items(), key=lambda item: (-item[1], item[0]))[:TOP_MISTAKES]
                ),
            )
        )
    return summaries


#: Bar segments of the plot, left to right: label and colour.
_SEGMENTS = (("full marks", "#1a9850"), ("partial", "#fdae61"), ("zero", "#d73027"))


def plot_assignment(summaries: Sequence[ExerciseSummary], assignment: str, path: Path) -> Path:
    """Save a PNG: per exercise, a horizontal bar of the full / partial / zero shares.

    Each segment is labelled with its number of submissions. matplotlib's
    object-oriented API draws on the Agg canvas: no pyplot, no global backend.
    """
    import numpy as np
    from matplotlib.figure import Figure
    from matplotlib.ticker import PercentFormatter

    labels = [f"{summary.exercise} {summary.title}" for summary in summaries]
    counts = np.array([[summary.full, summary.partial, summary.zero] for summary in summaries])
    shares = counts / counts.sum(axis=1, keepdims=True)
    figure = Figure(figsize=(8, 1.4 + 0.45 * len(summaries)), layout="constrained")
    axes = figure.subplots()
    left = np.zeros(len(summaries))
    for column, (label, color) in enumerate(_SEGMENTS):
        bars = axes.barh(labels, shares[:, column], left=left, color=color, label=label)
        axes.bar_label(bars, [str(n) if n else "" for n in counts[:, column]], label_type="center")
        left += shares[:, column]
    axes.invert_yaxis()  # first exercise on top
    axes.set_xlim(0, 1)
    axes.xaxis.set_major_formatter(PercentFormatter(1.0))
    axes.set_xlabel("share of submissions (in the bars: number of submissions)")
    figure.suptitle(f"{assignment}: scores per exercise ({summaries[0].submissions} submissions)")
    figure.legend(loc="outside lower center", ncols=3, frameon=False)
    figure.savefig(path, dpi=100, metadata={"Software": None})
    return path


def render_assignment(
    assignment: str, results: Sequence[ExerciseResult], summaries: Sequence[ExerciseSummary]
) -> str:
    """The Markdown section of one assignment in ``report.md``, embedding ``<assignment>.png``."""
    totals = defaultdict(float)
    for result in results:
        totals[result.student] += result.score
    points = sum(summary.points for summary in summaries)
    lines = [
        f"## {assignment}",
        "",
        f"{len(totals)} submissions, mean total {sum(totals.values()) / len(totals):.2f} "
        f"of {points:g} points.",
        "",
        f"![{assignment}: share of full, partial and zero scores per exercise]({assignment}.png)",
        "",
        "| exercise | title | points | submissions | mean | full | partial | zero "
        "| to grade by hand | flagged | most frequent mistakes |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for s in summaries:
        mistakes = "; ".join(f"{name} ({count})" for name, count in s.top_mistakes) or "-"
        lines.append(
            f"| {s.exercise} | {inert(s.title)} | {s.points:g} | {s.submissions} | {s.mean:.2f} "
            f"| {s.full} | {s.partial} | {s.zero} | {s.to_grade} | {s.flagged} "
            f"| {inert(mistakes)} |"
        )
    flagged = [result for result in results if result.needs_review]
    if flagged:
        lines += ["", "Flagged for manual review:", "", "| student | exercise | flag |"]
        lines.append("| --- | --- | --- |")
        lines += [
            f"| {inert(r.student)} | {r.exercise} | {inert('; '.join(r.flags))} |" for r in flagged
        ]
    return "\n".join(lines) + "\n"


_REPORT_INTRO = """\
# Grade report

Per assignment and exercise: how many submissions scored full, partial and zero
marks, and the mistakes the feedback named most often (the catalogue is in the
course's `docs/mistakes.md`; each mistake counts once per student and exercise).
"To grade by hand" counts grades awaiting a manual score in nbgrader's formgrader;
"flagged" counts submissions the grader flagged for manual review. Scores per
student are in `grades.csv` (nbgrader's export) and `exercises.csv`.
"""


def _gradebook_path(db_url: str) -> Path | None:
    """The file of an SQLite gradebook URL, None for other databases."""
    prefix = "sqlite:///"
    return Path(db_url.removeprefix(prefix)) if db_url.startswith(prefix) else None


def _graded_assignments(gradebook, wanted: Sequence[str] | None) -> list[str]:
    """The assignments to report, sorted: ``wanted``, else all with submissions.

    Raises ValueError if no assignment, or a wanted one, has submissions.
    """
    graded = sorted(
        a.name for a in gradebook.assignments if gradebook.assignment_submissions(a.name)
    )
    if not graded:
        raise ValueError("no graded submissions in the gradebook: run `./wb grade` first.")
    chosen = sorted(set(wanted)) if wanted else graded
    missing = [name for name in chosen if name not in graded]
    if missing:
        raise ValueError(
            f"no graded submissions of {', '.join(missing)} in the gradebook; run `./wb grade` "
            f"first (graded: {', '.join(graded)})."
        )
    return chosen


def export(
    root: Path = ROOT, out_dir: Path | None = None, assignments: Sequence[str] | None = None
) -> list[Path]:
    """Write the grade CSVs, the report and its plots; see the module's docstring.

    Parameters
    ----------
    root : pathlib.Path
        Course root, the folder of ``nbgrader_config.py``.
    out_dir : pathlib.Path, optional
        Output folder, created if needed; default ``root / "reports"``.
    assignments : sequence of str, optional
        Assignments to report; default every assignment with submissions.

    Returns
    -------
    list of pathlib.Path
        The files written: ``grades.csv``, ``exercises.csv``, ``report.md`` and one
        ``<assignment>.png`` per assignment.

    Raises
    ------
    FileNotFoundError
        If the course has no gradebook yet.
    ValueError
        If a named assignment has no graded submissions.
    """
    from nbgrader.api import Gradebook
    from nbgrader.coursedir import CourseDirectory

    coursedir = CourseDirectory(config=nbgrader_config(root))
    database = _gradebook_path(coursedir.db_url)
    if database is not None and not database.is_file():
        raise FileNotFoundError(
            f"no gradebook at {database}: autograde the submissions first (`./wb grade`)."
        )
    out_dir = root / "reports" if out_dir is None else out_dir
    with Gradebook(coursedir.db_url, course_id=coursedir.course_id) as gradebook:
        names = _graded_assignments(gradebook, assignments)
        out_dir.mkdir(parents=True, exist_ok=True)
        written = [export_nbgrader_grades(gradebook, out_dir / "grades.csv", names)]
        results = {name: gather_results(gradebook, coursedir, name) for name in names}
    written.append(
        write_exercises_csv((r for name in names for r in results[name]), out_dir / "exercises.csv")
    )
    sections = []
    for name in names:
        summaries = summarize(results[name])
        written.append(plot_assignment(summaries, name, out_dir / f"{name}.png"))
        sections.append(render_assignment(name, results[name], summaries))
    report = out_dir / "report.md"
    report.write_text("\n".join([_REPORT_INTRO, *sections]))
    return [*written, report]


def main(argv: Sequence[str] | None = None, root: Path = ROOT) -> int:
    """Command line: ``report [ASSIGNMENT ...] [--out FOLDER]``; prints the files written.

    Parameters
    ----------
    argv : sequence of str, optional
        Arguments; default ``sys.argv[1:]``.
    root : pathlib.Path
        Course root.

    Returns
    -------
    int
        Exit status: 0 on success, 1 when there is nothing to report (no gradebook,
        an assignment without graded submissions).
    """
    parser = argparse.ArgumentParser(
        prog="./wb report", description="Export grades to CSV and write the grade report."
    )
    parser.add_argument("assignments", nargs="*", help="assignments (default: all graded)")
    parser.add_argument("--out", type=Path, help="output folder (default: reports/)")
    args = parser.parse_args(argv)
    try:
        written = export(root, args.out, args.assignments or None)
    except (FileNotFoundError, ValueError) as error:
        print(f"report: {error}", file=sys.stderr)
        return 1
    for path in written:
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
