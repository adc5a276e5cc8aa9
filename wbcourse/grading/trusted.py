"""Run a lesson's test cells in the grading process, never in the student's kernel.

At grading time the source of every test cell comes from the lesson's source
notebook (nbgrader restores it from the gradebook when a student edits it). It
runs here, in a namespace built from the lesson's own setup cell (the course's
imports, executed here from the source notebook) plus, for each name that the
lesson's answer cells define and the test cell uses, the student's value fetched
from the kernel: plain data as a copy, a function as a
:class:`~wbcourse.grading.remote.RemoteFunction`. The references, the hidden
cases and the checks exist only here; the kernel only ever sees the arguments
its own functions are called with.

An answer that reaches the course's own implementation of what it answers
(:mod:`wbcourse.grading.provenance`) fails every case of its exercise. The
cell's outputs are written here too: the printed report as a stream, any
error as ``ename: evalue`` (no traceback), and the score as the
``execute_result`` that nbgrader reads, with the structured per-case records of
every :class:`~wbcourse.checks.Grader` the cell made in its metadata (key
:data:`RECORDS`), for the report.
"""

from __future__ import annotations

import ast
import builtins
import contextlib
import io
import warnings
from typing import Any

import nbformat

from wbcourse import checks
from wbcourse.grading import provenance
from wbcourse.grading.cells import grade_id, is_answer, is_test
from wbcourse.oracle import use_oracle

#: The metadata key of the per-case records in a test cell's ``execute_result``.
RECORDS = "wbcourse"


def bound_names(source: str) -> set[str]:
    """The names a cell binds at its top level (functions, classes, assignments, imports).

    >>> sorted(bound_names("def f(x):\\n    y = 1\\nw, b = 1, 2\\nimport numpy as np"))
    ['b', 'f', 'np', 'w']
    """
    names: set[str] = set()
    for node in _parse(source).body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Import | ast.ImportFrom):
            names.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
        else:
            for inner in ast.walk(node):
                if isinstance(inner, ast.Name) and isinstance(inner.ctx, ast.Store):
                    names.add(inner.id)
    return names


def used_names(source: str) -> set[str]:
    """Every name a cell reads, at any depth (lambdas and functions included).

    >>> sorted(used_names("grader.case(lambda: check(w_and, b_and))"))
    ['b_and', 'check', 'grader', 'w_and']
    """
    return {
        node.id
        for node in ast.walk(_parse(source))
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load)
    }


def needed_statements(setup: str, used: set[str]) -> ast.Module:
    r"""The statements of a setup cell that bind a name in ``used`` (the test cells' needs).

    The grader runs only these: a lesson's plotting and widget imports cost
    seconds and no test cell uses them.

    >>> setup = "import numpy as np\nimport matplotlib.pyplot as plt"
    >>> ast.unparse(needed_statements(setup, {"np"}))
    'import numpy as np'
    """
    tree = _parse(setup)
    tree.body = [node for node in tree.body if bound_names(ast.unparse(node)) & used]
    return tree


def _parse(source: str) -> ast.Module:
    try:
        return ast.parse(source)
    except SyntaxError:
        return ast.Module(body=[], type_ignores=[])


class TrustedLesson:
    """The trusted side of one source notebook: its setup namespace and its answer names.

    Parameters
    ----------
    source : nbformat.NotebookNode
        The lesson's source notebook (from ``solutions/``).
    """

    def __init__(self, source: nbformat.NotebookNode):
        from wbcourse.exercises import ReferenceOracle

        code = [cell for cell in source.cells if cell.cell_type == "code"]
        setup = next((cell.source for cell in code if grade_id(cell) == "setup"), "")
        used = set().union(*(used_names(cell.source) for cell in code if is_test(cell)))
        self.source = source
        self.namespace: dict[str, Any] = {"__name__": "__main__", "__builtins__": builtins}
        exec(compile(needed_statements(setup, used), "<setup>", "exec"), self.namespace)
        answers = [bound_names(cell.source) for cell in code if is_answer(cell)]
        self.answer_names = set().union(*answers)
        self.oracle = ReferenceOracle()

    def refusals(self, submitted: nbformat.NotebookNode) -> dict[str, str]:
        """The exercises whose answers in ``submitted`` reach the course's own implementation.

        Returns
        -------
        dict of str to str
            Exercise id -> why (see :mod:`wbcourse.grading.provenance`).
        """
        return provenance.refusals(submitted, self.source)

    def run(
        self, source: str, link, refused: dict[str, str], unanswered: frozenset[str] = frozenset()
    ) -> list[nbformat.NotebookNode]:
        """Run one test cell here, the student's names fetched through ``link``; its outputs.

        Parameters
        ----------
        source : str
            The test cell's (trusted) source.
        link : wbcourse.grading.remote.KernelLink
            The connection to the student's kernel.
        refused : dict of str to str
            Exercises whose every case fails, with why (:meth:`refusals`).
        unanswered : frozenset of str
            Exercises whose answer cells are still the released stubs
            (:func:`wbcourse.grading.cells.unanswered`).

        Returns
        -------
        list of nbformat.NotebookNode
            The outputs to store in the cell: stdout, an error if the cell
            failed outside its cases, and the score with its records.
        """
        namespace = dict(self.namespace)
        stdout, stderr = io.StringIO(), io.StringIO()
        value, error = None, None
        with (
            use_oracle(self.oracle),
            checks.refusing(refused),
            checks.unanswered(unanswered),
            checks.collecting() as graders,
            contextlib.redirect_stdout(stdout),
            contextlib.redirect_stderr(stderr),
            warnings.catch_warnings(),
        ):
            warnings.simplefilter("ignore")
            try:
                wanted = sorted(used_names(source) & self.answer_names)
                namespace.update(link.get(wanted) if wanted else {})
                value = _run(source, namespace)
            except Exception as raised:  # the cell failed outside its cases: score 0
                error = raised
        return _outputs(stdout.getvalue(), stderr.getvalue(), value, error, graders)


def _run(source: str, namespace: dict) -> Any:
    """Execute ``source``; the value of its last line when that is an expression."""
    tree = _parse(source)
    last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    exec(compile(tree, "<test cell>", "exec"), namespace)
    if last is None:
        return None
    return eval(compile(ast.Expression(last.value), "<test cell>", "eval"), namespace)


def _outputs(stdout, stderr, value, error, graders) -> list[nbformat.NotebookNode]:
    new = nbformat.v4.new_output
    outputs = []
    if stdout:
        outputs.append(new("stream", name="stdout", text=stdout))
    if stderr:
        outputs.append(new("stream", name="stderr", text=stderr))
    if error is not None:
        ename, evalue = type(error).__name__, str(error)[:2000]
        outputs.append(new("error", ename=ename, evalue=evalue, traceback=[f"{ename}: {evalue}"]))
    elif value is not None:
        records = [grader.records() for grader in graders]
        outputs.append(
            new(
                "execute_result",
                data={"text/plain": repr(value)},
                metadata={RECORDS: records},
                execution_count=None,
            )
        )
    return outputs
