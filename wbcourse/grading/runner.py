"""Autograde many submissions in one command, none able to stop the others.

Each submission (one student, one assignment) is graded by nbgrader's ``Autograde``
in a forked child of this process, so nbgrader is imported once for the whole run.
The child has its own temporary folder and its own copy of the gradebook
(:mod:`wbcourse.grading.gradebook`); its log goes to
``reports/logs/<assignment>/<student>.log``; the student's kernel runs in the OS
sandbox of :mod:`wbcourse.grading.sandbox`, and the test cells run in the child
(:mod:`wbcourse.grading.trusted`). Whatever a submission does - loop, crash,
exhaust memory, flood its output, or crash nbgrader itself - only its own child
fails or is killed at the time limit, and the run goes on.

This process is the gradebook's only writer: after each child it stores the
child's results, the review flags (see :data:`wbcourse.grading.FLAG_PREFIX`:
findings of :mod:`wbcourse.grading.scan`, operations the sandbox refused, kernels
that died, notebooks renamed or set aside by
:func:`~wbcourse.grading.submissions.prepare`, failed or timed-out grading, whose
ungraded cells score 0) and a line in the run's journal
(``reports/grading-journal.json``). A run that is interrupted (Ctrl-C, a reboot)
resumes where it stopped when the same command is given again.
"""

from __future__ import annotations

import itertools
import json
import logging
import os
import shutil
import signal
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

import nbformat

from wbcourse.grading import gradebook
from wbcourse.grading.cells import grade_id, is_answer, is_test
from wbcourse.grading.provenance import refusals
from wbcourse.grading.sandbox import SandboxUnavailable, bwrap_problem
from wbcourse.grading.scan import scan_notebook
from wbcourse.grading.submissions import prepare
from wbcourse.release import lessons, nbgrader_config, run_nbgrader

#: Default wall-clock limit for grading one submission, in seconds.
TIME_LIMIT = 900
#: The sentence flagged on every submission graded without the OS sandbox.
UNSANDBOXED = (
    "graded WITHOUT the OS sandbox (--unsafe-no-sandbox): the student's code could reach "
    "this machine"
)


@dataclass(frozen=True)
class Submission:
    """One student's submission of one assignment."""

    assignment: str
    student: str


@dataclass
class Outcome:
    """How grading one submission went.

    Attributes
    ----------
    submission : Submission
    status : str
        ``"graded"``, ``"failed"`` (nbgrader stopped; see the log) or ``"timed out"``.
    seconds : float
        Wall-clock time of the child.
    score, max_score : float
        Points in the gradebook after the run.
    flags : list of str
        What was recorded for manual review, one sentence each.
    """

    submission: Submission
    status: str
    seconds: float
    score: float = 0.0
    max_score: float = 0.0
    flags: list[str] = field(default_factory=list)


def find_submissions(root: Path, assignments=None, students=None) -> list[Submission]:
    """The submissions in ``root/submitted/``, optionally only some assignments or students.

    Raises
    ------
    ValueError
        If an assignment is not a lesson of the course.
    """
    known = lessons(root)
    unknown = sorted(set(assignments or ()) - set(known))
    if unknown:
        raise ValueError(f"unknown assignment(s) {', '.join(unknown)}; known: {', '.join(known)}")
    found = [
        Submission(folder.name, folder.parent.name)
        for folder in sorted((root / "submitted").glob("*/*"))
        if folder.is_dir() and not folder.is_symlink() and folder.name in known
    ]
    return [
        submission
        for submission in found
        if (not assignments or submission.assignment in assignments)
        and (not students or submission.student in students)
    ]


def grade(
    root: Path,
    submissions: list[Submission],
    workers: int = 1,
    time_limit: float = TIME_LIMIT,
    echo: Callable[[str], None] = print,
    sandboxed: bool = True,
    restart: bool = False,
) -> list[Outcome]:
    """Autograde ``submissions``, ``workers`` at a time, each within ``time_limit`` s.

    Parameters
    ----------
    root : pathlib.Path
        Course root (``nbgrader_config.py``, ``submitted/``, ``gradebook.db``).
    submissions : list of Submission
        What to grade, e.g. from :func:`find_submissions`.
    workers : int
        How many submissions are graded at once (one per core is best).
    time_limit : float
        Seconds after which a submission's grading is killed.
    echo : callable
        Receives one line per finished submission, with the run's progress.
    sandboxed : bool
        Run the students' kernels in the OS sandbox (bubblewrap). False is unsafe:
        every submission is then flagged so.
    restart : bool
        Grade everything again even if the previous run with the same
        submissions was interrupted (by default it is resumed).

    Returns
    -------
    list of Outcome
        In the order of ``submissions``; submissions already graded by the
        interrupted run being resumed come back with status ``"graded earlier"``.

    Raises
    ------
    SandboxUnavailable
        If ``sandboxed`` and bubblewrap does not work here.
    """
    from nbgrader.converters import Autograde  # imported once, before the children fork

    _preload()
    if workers < 1:
        raise ValueError(f"workers must be at least 1, got {workers}")
    if sandboxed and (problem := bwrap_problem()):
        raise SandboxUnavailable(
            f"{problem}. Grading runs every student's notebook in that sandbox; to grade "
            "without it anyway (unsafe: their code can reach this machine), pass "
            "--unsafe-no-sandbox."
        )
    journal = Journal(root / "reports" / "grading-journal.json", submissions, restart)
    if journal.done:
        echo(f"resuming an interrupted run: {len(journal.done)} of {len(submissions)} graded")
    config = nbgrader_config(root)
    config.SandboxedKernelManager.isolation = "bwrap" if sandboxed else "none"
    main_db = config.CourseDirectory.db_url
    # Short names: jupyter's sockets live below, and a Unix socket path has 107 bytes at most.
    scratch = Path(tempfile.mkdtemp(prefix="wbcourse-"))
    template = scratch / "gradebook.db"
    gradebook.snapshot(gradebook.db_path(main_db), template)
    pending = [s for s in submissions if _key(s) not in journal.done]
    running: dict[int, tuple[Submission, float, list[str], Path]] = {}
    outcomes: dict[Submission, Outcome] = {}
    started, numbers = time.monotonic(), itertools.count()

    def start_pending() -> None:
        while pending and len(running) < workers:
            submission = pending.pop(0)
            notes = _prepared(root, submission) + ([] if sandboxed else [UNSANDBOXED])
            child = scratch / f"c{next(numbers)}"
            child.mkdir()
            shutil.copyfile(template, child / "gradebook.db")
            work = _autograde(Autograde, config, submission, child)
            pid = _fork(work, _log_path(root, submission), child)
            running[pid] = (submission, time.monotonic(), notes, child)

    try:
        start_pending()
        while running:
            pid, status = _wait(running, time_limit)
            submission, begun, notes, child = running.pop(pid)
            verdict = "graded" if status == 0 else "timed out" if status is None else "failed"
            outcome = Outcome(submission, verdict, time.monotonic() - begun)
            start_pending()  # the next child runs while this one's results are stored
            child_db = f"sqlite:///{child / 'gradebook.db'}"
            _record(root, main_db, child_db, outcome, notes)
            _cleanup_child(pid, child)
            journal.add(submission, outcome)
            outcomes[submission] = outcome
            echo(_summary(outcome, len(journal.done), len(submissions), started))
        journal.finish()
    finally:
        for pid, (_, _, _, child) in running.items():
            _kill(pid)
            _cleanup_child(pid, child)
        shutil.rmtree(scratch, ignore_errors=True)
    return [
        outcomes.get(s) or Outcome(s, "graded earlier", 0.0, **journal.done[_key(s)])
        for s in submissions
    ]


def _preload() -> None:
    """Import here, once, what every child needs: the references and the trusted runner."""
    from wbcourse.exercises import all_exercises
    from wbcourse.grading import trusted  # noqa: F401

    all_exercises()


def _autograde(converter, config, submission: Submission, child: Path) -> Callable[[], None]:
    """The work of one child: nbgrader's Autograde against the child's own gradebook."""

    def work() -> None:  # runs in the forked child: its copy of ``config`` is its own
        config.CourseDirectory.db_url = f"sqlite:///{child}/gradebook.db"
        run_nbgrader(converter, config, submission.assignment, submission.student)

    return work


def _fork(work: Callable[[], None], log_path: Path, temporary: Path) -> int:
    """Run ``work`` in a child in its own session, output to ``log_path``; the child's pid."""
    log_path.parent.mkdir(parents=True, exist_ok=True)
    pid = os.fork()
    if pid:
        return pid
    status = 1
    try:
        os.setsid()
        os.environ["TMPDIR"] = str(temporary)
        tempfile.tempdir = str(temporary)
        log = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        os.dup2(log, 1)
        os.dup2(log, 2)
        logging.basicConfig(level=logging.INFO, force=True)
        work()
        status = 0
    except BaseException:  # the child reports everything in its log, then exits
        traceback.print_exc()
    finally:
        os._exit(status)


def _wait(running: dict, time_limit: float) -> tuple[int, int | None]:
    """Wait for a child to end; kill one past ``time_limit``. ``(pid, exit status or None)``."""
    while True:
        for child, (_, started, _, _) in running.items():
            pid, status = os.waitpid(child, os.WNOHANG)
            if pid:
                return pid, os.waitstatus_to_exitcode(status)
            if time.monotonic() - started > time_limit:
                _kill(child)
                return child, None
        time.sleep(0.05)


def _kill(pid: int) -> None:
    """Kill a child's whole session (its kernel dies with it) and reap it."""
    try:
        os.killpg(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except (ProcessLookupError, ChildProcessError):
        pass


def _cleanup_child(pid: int, temporary: Path) -> None:
    """Remove what a finished child left: its temporary folder and its kernels' cgroups."""
    shutil.rmtree(temporary, ignore_errors=True)
    for base in (Path("/sys/fs/cgroup/pids/wbcourse"), Path("/sys/fs/cgroup/wbcourse")):
        for group in base.glob(f"kernel-{pid}-*"):
            for _ in range(50):  # its processes are being killed: give them a moment
                try:
                    group.rmdir()
                    break
                except OSError:
                    time.sleep(0.05)


def _key(submission: Submission) -> str:
    return f"{submission.student}/{submission.assignment}"


class Journal:
    """The run's progress on disk, so that an interrupted run can resume.

    A run is the list of submissions it was asked to grade; the journal records
    each one as it is stored in the gradebook. Given the same submissions again
    while the journal is unfinished, :attr:`done` holds those already graded.
    """

    def __init__(self, path: Path, submissions: list[Submission], restart: bool):
        self.path = path
        self.run = sorted(_key(submission) for submission in submissions)
        previous = self._read()
        same = previous.get("run") == self.run and not previous.get("finished")
        self.done: dict[str, dict] = previous.get("done", {}) if same and not restart else {}
        self._write(finished=False)

    def _read(self) -> dict:
        try:
            return json.loads(self.path.read_text())
        except (OSError, ValueError):
            return {}

    def _write(self, finished: bool) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_suffix(".partial")
        state = {"run": self.run, "finished": finished, "done": self.done}
        partial.write_text(json.dumps(state, indent=1))
        partial.replace(self.path)

    def add(self, submission: Submission, outcome: Outcome) -> None:
        """Record one stored submission."""
        fields = asdict(outcome)
        self.done[_key(submission)] = {key: fields[key] for key in ("score", "max_score", "flags")}
        self._write(finished=False)

    def finish(self) -> None:
        """Mark the run complete: the next run starts afresh."""
        self._write(finished=True)


def _submitted(root: Path, submission: Submission) -> Path:
    return root / "submitted" / submission.student / submission.assignment


def _log_path(root: Path, submission: Submission) -> Path:
    return root / "reports" / "logs" / submission.assignment / f"{submission.student}.log"


def _source_paths(root: Path, submission: Submission) -> list[Path]:
    return sorted((root / "solutions" / submission.assignment).glob("*.ipynb"))


def _notebook_names(root: Path, submission: Submission) -> list[str]:
    return [path.name for path in _source_paths(root, submission)]


def exercises(source: nbformat.NotebookNode) -> dict[str, list[str]]:
    """Each answer cell's id and the ids of the test cells that follow it.

    Returns
    -------
    dict of str to list of str
        In notebook order, e.g. ``{"ex01_1_answer": ["ex01_1_tests"], ...}``.
    """
    result: dict[str, list[str]] = {}
    for cell in source.cells:
        if is_answer(cell):
            result[grade_id(cell)] = []
        elif is_test(cell) and result:
            result[list(result)[-1]].append(grade_id(cell))
    return result


def _answer_of_each_cell(notebook, answers: list[str]) -> list[str]:
    """For each cell, the answer cell at or before it (the first answer before any)."""
    current, owners = answers[0], []
    for cell in notebook.cells:
        current = grade_id(cell) if grade_id(cell) in answers else current
        owners.append(current)
    return owners


def _prepared(root: Path, submission: Submission) -> list[str]:
    """:func:`prepare` the submission; a notebook that breaks it is graded as it is, flagged."""
    try:
        return prepare(_submitted(root, submission), _notebook_names(root, submission))
    except Exception as error:  # the student's files: they must never stop the run
        return [f"the submission could not be prepared ({type(error).__name__}); review it"]


def _runtime_flags(notebook) -> list[tuple[int, str]]:
    """``(cell index, sentence)`` per refused operation or kernel death in a graded notebook."""
    found = []
    for index, cell in enumerate(notebook.cells):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error" and output.ename in (
                "SandboxError",
                "DeadKernelError",
            ):
                found.append((index, f"{output.ename}: {output.evalue}"))
    return found


def _flags_by_answer(root: Path, submission: Submission, sources: dict) -> dict[str, list[str]]:
    """Sentences for review, keyed by the answer cell they concern.

    A notebook whose cells cannot be read (deeply nested code, metadata of the wrong
    type) is flagged at its first exercise instead: it never stops the run.
    """
    by_answer: dict[str, list[str]] = {}
    for name, source in sources.items():
        try:
            _add_flags(by_answer, root, submission, name, source)
        except Exception as error:
            first = next(iter(exercises(source)), "")
            reason = f"{name} could not be scanned ({type(error).__name__}); review it by hand"
            by_answer.setdefault(first, []).append(reason)
    return by_answer


def _add_flags(by_answer: dict, root: Path, submission: Submission, name: str, source) -> None:
    """Add the flags of notebook ``name`` of ``submission`` to ``by_answer``."""
    answers = list(exercises(source))
    submitted = _read(_submitted(root, submission) / name)
    if submitted is not None:
        owners = _answer_of_each_cell(submitted, answers)
        for finding in scan_notebook(submitted, source):
            by_answer.setdefault(owners[finding.index], []).append(str(finding))
        for exercise, reason in refusals(submitted, source).items():
            answer = "ex{}_{}_answer".format(*exercise.split("."))
            by_answer.setdefault(answer, []).append(f"earns nothing for {exercise}: {reason}")
    autograded = _read(root / "autograded" / submission.student / submission.assignment / name)
    if autograded is not None:
        owners = _answer_of_each_cell(autograded, answers)
        for index, sentence in _runtime_flags(autograded):
            by_answer.setdefault(owners[index], []).append(f"cell {index + 1}: {sentence}")


def _read(path: Path):
    try:
        return nbformat.read(path, as_version=4)
    except Exception:  # missing or unreadable: nothing to scan
        return None


def _record(root: Path, main_db: str, child_db: str, outcome: Outcome, notes: list[str]) -> None:
    """Store one child's results and the review flags in the course's gradebook."""
    submission = outcome.submission
    sources = {
        path.name: nbformat.read(path, as_version=4) for path in _source_paths(root, submission)
    }
    by_answer = _flags_by_answer(root, submission, sources)
    general = list(notes)
    if outcome.status != "graded":
        general.append(f"grading {outcome.status}; see {_log_path(root, submission)}")
    flagged, tests_of = {}, {}
    for name, source in sources.items():
        notebook = Path(name).stem
        tests_of[notebook] = exercises(source)
        flagged[notebook] = {a: by_answer[a] for a in tests_of[notebook] if a in by_answer}
        if general and tests_of[notebook]:
            first = next(iter(tests_of[notebook]))
            flagged[notebook][first] = general + flagged[notebook].get(first, [])
        outcome.flags += [f"{notebook}: {s}" for ss in flagged[notebook].values() for s in ss]
    result = None
    if Path(gradebook.db_path(child_db)).exists():
        result = gradebook.results_of(child_db, submission.assignment, submission.student)
    result = result or gradebook.SubmissionResult(submission.assignment, submission.student)
    outcome.score, outcome.max_score = gradebook.store(main_db, result, flagged, tests_of)


def _summary(outcome: Outcome, done: int, total: int, started: float) -> str:
    """One line: progress, student, assignment, status, points, time and the number of flags."""
    submission = outcome.submission
    flags = f", {len(outcome.flags)} flag(s) for review" if outcome.flags else ""
    return (
        f"[{done}/{total}, {time.monotonic() - started:.0f} s] "
        f"{submission.student} {submission.assignment}: {outcome.status}, "
        f"{outcome.score:g}/{outcome.max_score:g} points in {outcome.seconds:.1f} s{flags}"
    )
