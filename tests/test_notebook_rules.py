"""What the trusted grader and a student's install need of every lesson notebook and module.

- The setup cell imports nothing from ``wbcourse.exercises`` (a student's install has
  no reference answers), and neither does any module a lesson or widget uses.
- A test cell uses only what the grader can give it: the setup cell's names, names
  it binds itself, built-ins, and the names the lesson's answer cells define (the
  student's answers, fetched from the kernel). A variable of an ordinary lesson cell
  (which the student could change) or the notebook's shared ``rng`` would let a
  submission choose its own test inputs.
"""

import ast
import builtins
import json
from pathlib import Path

import pytest

from wbcourse.grading.trusted import bound_names

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "solutions").glob("*/*.ipynb"))


def code_cells(path):
    for cell in json.loads(path.read_text())["cells"]:
        if cell["cell_type"] == "code":
            yield cell.get("metadata", {}).get("nbgrader", {}), "".join(cell["source"])


def names_bound_anywhere(tree: ast.AST) -> set[str]:
    """Every name a cell binds at any depth: assignments, loops, functions, arguments."""
    bound = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store | ast.Del):
            bound.add(node.id)
        elif isinstance(node, ast.arg):
            bound.add(node.arg)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            bound.add(node.name)
        elif isinstance(node, ast.Import | ast.ImportFrom):
            bound.update((a.asname or a.name).split(".")[0] for a in node.names)
    return bound


def free_names(source: str) -> set[str]:
    tree = ast.parse(source)
    loaded = {
        n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)
    }
    return loaded - names_bound_anywhere(tree) - set(dir(builtins))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.stem)
def test_setup_cell_imports_no_reference_answers(path):
    setup = [source for meta, source in code_cells(path) if meta.get("grade_id") == "setup"]
    assert len(setup) == 1, "a lesson has one read-only setup cell"
    assert "wbcourse.exercises" not in setup[0]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.stem)
def test_test_cells_use_only_what_the_grader_can_give_them(path):
    cells = list(code_cells(path))
    setup = next(source for meta, source in cells if meta.get("grade_id") == "setup")
    answers = set().union(
        *(
            bound_names(source)
            for meta, source in cells
            if meta.get("solution") and not meta.get("grade")
        )
    )
    allowed = bound_names(setup) | answers
    for meta, source in cells:
        if meta.get("grade") and not meta.get("solution"):
            outside = sorted(free_names(source) - allowed)
            assert outside == [], (
                f"{meta['grade_id']} uses {outside}, which the grader cannot trust"
            )


PUBLIC = [
    path
    for path in sorted((ROOT / "wbcourse").rglob("*.py"))
    if not {"exercises", "grading"} & set(path.relative_to(ROOT / "wbcourse").parts)
]


@pytest.mark.parametrize("path", PUBLIC, ids=lambda path: str(path.relative_to(ROOT)))
def test_student_side_modules_never_import_the_references(path):
    """Not at import time: a student's install has no ``wbcourse.exercises`` (an instructor's
    command may still import it when it runs, e.g. ``wbcourse catalogue``)."""
    tree = ast.parse(path.read_text())
    imported = [
        node.module if isinstance(node, ast.ImportFrom) else alias.name
        for node in tree.body
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    ]
    assert not [name for name in imported if name and name.startswith("wbcourse.exercises")]
