"""Find code in a submission that tries to tamper with grading, for manual review.

No code in the student's notebook can change a grade: the checks run in the
grader (:mod:`wbcourse.grading.trusted`) and the kernel in an OS sandbox
(:mod:`wbcourse.grading.sandbox`). An attempt still deserves the instructor's
eye: code that rebinds a name the tests use (``Grader = ...``), changes a class
(``Grader.score = ...``), reaches around the kernel (``vars(np)``,
``__builtins__``, ``exec``) or imports what an answer has no business with
(``os``, ``ctypes``, ``sqlite3``). This module reads the students' cells (never
runs them) and names each such line. A finding is not proof: the instructor
reviews it.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from wbcourse.grading.cells import grade_id, is_answer, student_cells
from wbcourse.grading.provenance import local_names

#: Modules an answer has no business importing.
SUSPICIOUS_MODULES = frozenset(
    {
        "IPython",
        "_posixsubprocess",
        "builtins",
        "ctypes",
        "gc",
        "glob",
        "importlib",
        "inspect",
        "ipykernel",
        "jupyter_client",
        "marshal",
        "mmap",
        "multiprocessing",
        "os",
        "pathlib",
        "pickle",
        "posix",
        "pty",
        "resource",
        "shutil",
        "signal",
        "socket",
        "sqlite3",
        "subprocess",
        "sys",
        "tempfile",
        "threading",
        "zmq",
    }
)
#: Built-in functions that reach around the sandbox or rewrite code, and IPython's hooks.
SUSPICIOUS_CALLS = frozenset(
    {
        "__import__",
        "compile",
        "delattr",
        "eval",
        "exec",
        "get_ipython",
        "globals",
        "open",
        "setattr",
        "vars",
    }
)
#: Attributes that give access to a module's, a function's or a class's insides.
SUSPICIOUS_ATTRIBUTES = frozenset(
    {
        "__builtins__",
        "__class__",
        "__closure__",
        "__code__",
        "__dict__",
        "__globals__",
        "__mro__",
        "__setattr__",
        "__subclasses__",
        "__traceback__",
        "_getframe",
        "f_back",
        "f_globals",
        "f_locals",
        "tb_frame",
    }
)
#: Built-in names the checks print or raise with.
PROTECTED_BUILTINS = frozenset({"AssertionError", "float", "isinstance", "print", "round"})


@dataclass(frozen=True)
class Finding:
    """One suspicious line of a student's cell.

    Attributes
    ----------
    index : int
        Position of the cell in the notebook, from 0.
    cell : str
        The cell's nbgrader id, or ``"cell N"`` (N = index + 1) for a cell the student added.
    line : int
        Line number in the cell, from 1.
    reason : str
        What the line does, e.g. ``"rebinds Grader (imported by a read-only cell)"``.
    """

    index: int
    cell: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.cell}, line {self.line}: {self.reason}"


def imported_names(sources: list[str]) -> dict[str, str]:
    """The names the imports of ``sources`` bind, each with what it is bound to.

    >>> imported_names(["import numpy as np\\nfrom wbcourse.checks import Grader"])
    {'np': 'numpy', 'Grader': 'wbcourse.checks.Grader'}
    """
    names = {}
    for source in sources:
        for node in ast.walk(_parse(source)):
            if isinstance(node, ast.Import | ast.ImportFrom):
                names.update(_bindings(node))
    return names


def _bindings(node: ast.Import | ast.ImportFrom) -> dict[str, str]:
    prefix = f"{node.module}." if isinstance(node, ast.ImportFrom) else ""
    return {
        alias.asname or alias.name.split(".")[0]: prefix
        + (alias.name if alias.asname else alias.name.split(".")[0])
        for alias in node.names
    }


def _parse(source: str) -> ast.Module:
    """Parse IPython cell source; a cell that is not Python (magics, typos) is empty."""
    try:
        return ast.parse(source)
    except SyntaxError:
        return ast.Module(body=[], type_ignores=[])


def findings(source: str, protected: dict, modules: frozenset = frozenset()) -> list:
    """Suspicious lines of one cell: ``(line, reason)`` pairs in source order.

    Parameters
    ----------
    source : str
        The cell's code.
    protected : dict of str to str
        Names the lesson's cells import (the tests rely on them), with their targets.
    modules : set of str
        Further imported names whose attributes must not change (the student's imports).

    Returns
    -------
    list of (int, str)

    Examples
    --------
    >>> findings("Grader = object\\nnp.isclose = None", {"Grader": "g", "np": "numpy"})
    [(1, 'rebinds Grader (imported by the lesson)'), (2, 'changes np.isclose')]
    >>> findings("import os\\nprint = len", {})
    [(1, 'imports os'), (2, 'rebinds the built-in print')]
    >>> findings("import numpy as np\\nchecks.Grader.score = max", {"np": "numpy"}, {"checks"})
    [(2, 'changes checks.Grader.score')]
    """
    found, tree = [], _parse(source)
    local = _local_bindings(tree)
    for node in ast.walk(tree):
        reason = (
            None if id(node) in local else _reason(node, protected, set(protected) | set(modules))
        )
        if reason:
            found.append((node.lineno, reason))
    return sorted(set(found))


def _local_bindings(tree: ast.AST) -> set[int]:
    """The ``id`` of every binding a function makes for itself (see :func:`local_names`).

    >>> tree = ast.parse("def f(log):\\n    ranked = sorted(log)\\n    return ranked")
    >>> len(_local_bindings(tree))
    1
    """
    local = set()
    for function in ast.walk(tree):
        names = local_names(function)
        for node in ast.walk(function) if names else ():
            stored = isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store | ast.Del)
            defined = node is not function and isinstance(node, ast.FunctionDef | ast.ClassDef)
            if (stored and node.id in names) or (defined and node.name in names):
                local.add(id(node))
    return local


def _reason(node: ast.AST, protected: dict, modules: set[str]) -> str | None:
    if isinstance(node, ast.Import | ast.ImportFrom):
        imported = [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
        imported += [node.module or ""] if isinstance(node, ast.ImportFrom) else []
        bad = sorted({name.split(".")[0] for name in imported} & SUSPICIOUS_MODULES)
        if bad:
            return f"imports {', '.join(bad)}"
        rebound = sorted(
            name
            for name, target in _bindings(node).items()
            if name in protected and protected.get(name, target) != target
        )
        return f"rebinds {', '.join(rebound)} by an import" if rebound else None
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        return f"calls {node.func.id}()" if node.func.id in SUSPICIOUS_CALLS else None
    if isinstance(node, ast.Attribute) and node.attr in SUSPICIOUS_ATTRIBUTES:
        return f"uses {node.attr}"
    if isinstance(node, ast.Name) and node.id in SUSPICIOUS_ATTRIBUTES:
        return f"uses {node.id}"
    if isinstance(node, ast.Constant) and node.value in SUSPICIOUS_ATTRIBUTES:
        return f"uses {node.value}"
    if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store | ast.Del):
        return _rebinding(node.id, protected)
    if isinstance(node, ast.FunctionDef | ast.ClassDef | ast.AsyncFunctionDef):
        return _rebinding(node.name, protected)
    if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store | ast.Del):
        base = _base_name(node)
        return f"changes {ast.unparse(node)}" if base in modules else None
    return None


def _rebinding(name: str, protected: dict) -> str | None:
    if name in PROTECTED_BUILTINS:
        return f"rebinds the built-in {name}"
    return f"rebinds {name} (imported by the lesson)" if name in protected else None


def _base_name(node: ast.AST) -> str | None:
    while isinstance(node, ast.Attribute | ast.Subscript | ast.Call):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else None


def scan_notebook(submitted, source) -> list[Finding]:
    """Findings in the code a student wrote: answer cells and changed or added cells.

    Which cells are the student's: :func:`~wbcourse.grading.cells.student_cells`.

    Parameters
    ----------
    submitted : nbformat.NotebookNode
        The student's notebook.
    source : nbformat.NotebookNode
        The lesson's source notebook; the imports of its cells (other than answer
        cells) are the names the tests rely on.

    Returns
    -------
    list of Finding
        In cell order.
    """
    given = [c for c in source.cells if c.cell_type == "code" and not is_answer(c)]
    protected = imported_names([cell.source for cell in given])
    code = [cell.source for cell in submitted.cells if cell.cell_type == "code"]
    modules = frozenset(imported_names(code))
    result = []
    for index, cell in student_cells(submitted, source):
        label = grade_id(cell) or f"cell {index + 1}"
        for line, reason in findings(cell.source, protected, modules):
            result.append(Finding(index, label, line, reason))
    return result
