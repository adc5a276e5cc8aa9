"""The nbgrader cell conventions of the course, in one place.

An *answer* cell is a code solution cell worth no points itself; a *test* cell
is a grade cell that is not a solution; the *setup* cell (grade id ``setup``)
is the lesson's read-only imports. Exercise ``NN.K`` has the answer cell
``exNN_K_answer`` and the test cell(s) after it, e.g. ``exNN_K_tests``.
"""

import ast
import re

from nbgrader.utils import is_grade, is_solution

__all__ = ["exercise_of", "grade_id", "is_answer", "is_test", "student_cells", "unanswered"]

_GRADE_ID = re.compile(r"^ex(?P<lesson>\d+)_(?P<number>[^_]+)_")


def grade_id(cell) -> str | None:
    """The nbgrader id of a cell, or None for a cell without nbgrader metadata."""
    return cell.metadata.get("nbgrader", {}).get("grade_id")


def exercise_of(cell_name: str) -> str:
    """The exercise a grade cell or answer cell belongs to, from its nbgrader id.

    Examples
    --------
    >>> exercise_of("ex01_2_tests"), exercise_of("ex11_R_reflection"), exercise_of("intro")
    ('01.2', '11.R', 'intro')
    """
    match = _GRADE_ID.match(cell_name)
    return f"{match['lesson']}.{match['number']}" if match else cell_name


def is_answer(cell) -> bool:
    """True for an autograded answer cell: a code solution cell worth no points itself."""
    return cell.cell_type == "code" and is_solution(cell) and not is_grade(cell)


def is_test(cell) -> bool:
    """True for an autograder test cell: a grade cell that is not an answer."""
    return cell.cell_type == "code" and is_grade(cell) and not is_solution(cell)


def student_cells(submitted, source) -> list[tuple[int, object]]:
    """``(index, cell)`` for every code cell of ``submitted`` whose code is the student's.

    That is answer cells and cells the student added or changed. A cell whose
    source is exactly one of the lesson's own cells is left out, and so are the
    lesson's test and read-only cells (autograde restores them from the source,
    so their submitted text never runs).

    Parameters
    ----------
    submitted : nbformat.NotebookNode
        The student's notebook.
    source : nbformat.NotebookNode
        The lesson's source notebook.
    """
    given = [cell for cell in source.cells if cell.cell_type == "code" and not is_answer(cell)]
    unchanged = {cell.source for cell in given}
    restored = {grade_id(cell) for cell in given if grade_id(cell)}
    return [
        (index, cell)
        for index, cell in enumerate(submitted.cells)
        if cell.cell_type == "code"
        and grade_id(cell) not in restored
        and cell.source not in unchanged
    ]


def unanswered(submitted) -> set[str]:
    """The exercises of ``submitted`` whose answer cell still raises NotImplementedError at its
    top level, as released: their names stay undefined because nothing was answered.

    Examples
    --------
    >>> import nbformat
    >>> cell = nbformat.v4.new_code_cell("w = 1\\nraise NotImplementedError()")
    >>> cell.metadata.nbgrader = {"grade_id": "ex01_4_answer", "solution": True, "grade": False}
    >>> unanswered(nbformat.v4.new_notebook(cells=[cell]))
    {'01.4'}
    """
    return {
        exercise_of(grade_id(cell) or "")
        for cell in submitted.cells
        if is_answer(cell) and _raises_not_implemented(cell.source)
    }


def _raises_not_implemented(source: str) -> bool:
    try:
        body = ast.parse(source).body
    except SyntaxError:
        return False
    return any(
        isinstance(node, ast.Raise)
        and node.exc is not None
        and "NotImplementedError" in ast.unparse(node.exc)
        for node in body
    )
