"""*Run All* runs the whole of a fresh lesson: no unanswered exercise stops it.

The release tags the cells that raise until the student answers
(``raises-exception``, :mod:`wbcourse.runall`); nbclient, like JupyterLab, goes on past
them and stops at any other error. The lessons run two at a time, one kernel per
core. JupyterLab itself is checked in ``tests/test_hub.py`` (a fresh lesson's widget
appears after *Run All Cells*).
"""

import concurrent.futures
import shutil

import nbformat
import pytest
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell, new_markdown_cell

from wbcourse.release import ROOT, lessons
from wbcourse.runall import TAG, cells_that_raise


def answer(source, grade_id):
    """An nbgrader answer cell holding ``source`` (a stub, as released)."""
    cell = new_code_cell(source)
    cell.metadata["nbgrader"] = {"solution": True, "grade": False, "grade_id": grade_id}
    return cell


def check(source, grade_id):
    """An nbgrader test cell."""
    cell = new_code_cell(source)
    cell.metadata["nbgrader"] = {
        "solution": False,
        "grade": True,
        "grade_id": grade_id,
        "points": 1,
    }
    return cell


STUB = "    # YOUR CODE HERE\n    raise NotImplementedError()"
CELLS = [
    new_code_cell("import numpy as np\nrng = np.random.default_rng(0)"),  # 0 setup
    answer(f"def weighted_sum(x, w, b):\n{STUB}", "a1"),  # 1 a def: raises when called
    new_code_cell("weighted_sum(np.ones(2), np.ones(2), 0.5)"),  # 2 try it: raises
    check("grader = 1\ngrader", "t1"),  # 3 a test cell: never tagged
    new_markdown_cell("Some text"),  # 4
    new_code_cell("z = np.linspace(-1, 1, 5)\n[v for v in z]"),  # 5 a plot: runs
    answer("# YOUR CODE HERE\nraise NotImplementedError()", "a2"),  # 6 a whole-cell stub
    new_code_cell("total = w_and.sum() + b_and"),  # 7 uses what only the solution defined
    new_code_cell("%matplotlib inline\nprint(total)"),  # 8 uses what cell 7 did not define
    new_code_cell("def helper(k):\n    return k + 1\nhelper(2)"),  # 9 locals are not unanswered
]


def test_the_cells_that_raise_until_answered_are_found():
    assert cells_that_raise(CELLS) == [2, 6, 7, 8]


def test_a_cell_that_does_not_compile_counts_as_raising():
    assert cells_that_raise([new_code_cell("def broken(:")]) == [0]


def run_all(folder):
    """Run every notebook of a lesson folder top to bottom, as *Run All* does.

    Parameters
    ----------
    folder : pathlib.Path
        A copy of a lesson folder; the kernel runs in it.

    Returns
    -------
    list of (str, nbformat.NotebookNode or str)
        Per notebook: its name, and the executed notebook, or the error that stopped
        the run (nbclient stops at an error in a cell without the tag).
    """
    results = []
    for path in sorted(folder.glob("*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        client = NotebookClient(
            notebook,
            timeout=120,
            kernel_name="python3",
            resources={"metadata": {"path": str(folder)}},
        )
        try:
            client.execute()
        except Exception as error:  # reported by the lesson's test, not here
            results.append((path.name, f"{type(error).__name__}: {error}"))
        else:
            results.append((path.name, notebook))
    return results


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    """Every fresh lesson of ``course/`` run, two at a time (one kernel per core)."""
    folders = []
    for lesson in lessons():
        folder = tmp_path_factory.mktemp("runall") / lesson
        shutil.copytree(ROOT / "course" / lesson, folder)
        folders.append(folder)
    with concurrent.futures.ProcessPoolExecutor(max_workers=2) as pool:
        return dict(zip(lessons(), pool.map(run_all, folders), strict=True))


@pytest.mark.slow
@pytest.mark.parametrize("lesson", lessons())
def test_run_all_executes_every_cell_of_a_fresh_lesson(lesson, executed):
    for name, notebook in executed[lesson]:
        assert not isinstance(notebook, str), f"{name}: Run All stopped: {notebook[-3000:]}"
        code = [cell for cell in notebook.cells if cell.cell_type == "code"]
        not_run = [cell.source[:60] for cell in code if cell.execution_count is None]
        assert not not_run, f"{name}: cells not run: {not_run}"
        for cell in code:
            if any(output.output_type == "error" for output in cell.outputs):
                assert TAG in cell.metadata.get("tags", []), cell.source[:200]
