"""Hostile submissions: one per way of attacking the grader that we know of.

Each :class:`Attack` is code put into the answer cell of exercise 01.1 of an
otherwise untouched lesson 01 (or 02, for the attacks on wbcourse's own
implementations), or, for the import attacks, a crafted folder or zip. Its code
may use ``{root}``: the course root of the test, as an attacker could learn it.
``tests/test_hostile.py`` grades every attack for real, between honest and blank
students, and checks that nothing was gained, harmed or leaked.
"""

from dataclasses import dataclass
from pathlib import Path

import nbformat

from wbcourse.grading.cells import grade_id


@dataclass(frozen=True)
class Attack:
    """One hostile submission.

    Attributes
    ----------
    name : str
        What it tries, short; the student id is derived from it.
    kind : str
        The issue's attack class: "rewrite", "read", "escape", "break", "import".
    code : str
        The answer cell's code (``{root}`` is replaced by the course root).
    lesson : str
        The lesson it is submitted to.
    flagged : bool
        Whether the grader must flag it for review (the attempt is detectable).
    """

    name: str
    kind: str
    code: str
    lesson: str = "01-neuron"
    flagged: bool = True


def trimmed_copy(source: Path, target: Path) -> None:
    """Copy a lesson's source notebook keeping only its nbgrader cells (setup, answers, tests).

    Grading the trimmed lesson is grading for real, in a few seconds instead of
    the lesson's full run: the corpora test the grader, not the lesson's plots.
    """
    notebook = nbformat.read(source, as_version=4)
    notebook.cells = [
        cell
        for cell in notebook.cells
        if grade_id(cell) or (cell.cell_type == "markdown" and "### Exercise" in cell.source)
    ]
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, target)
