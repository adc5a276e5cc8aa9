"""Which cells of a fresh lesson raise until the student answers, so Run All runs on.

In a lesson as released, every answer cell holds a stub (``raise
NotImplementedError()``), and the cells that try an answer, plot it or build on it
raise too. JupyterLab's *Run All* (and nbclient, and nbval) stop at the first error
unless the cell carries the ``raises-exception`` tag; then the error is shown and the
run goes on, so every later figure and widget appears.

:func:`cells_that_raise` finds those cells from the code alone, without running it:

- an answer cell raises if its stub raises at the top level (not inside a ``def``);
- a name is *unanswered* if an answer cell defines it (its stub ``def`` raises when
  called), or if cells use it that no cell of the release defines (the solution that
  defined it was removed, e.g. ``w_and = ...``);
- an ordinary cell that uses an unanswered name raises, and the names it defines
  become unanswered in turn.

Test cells (grade cells that are not answer cells) are never tagged: they score 0
without raising. The analysis errs on the side of tagging: a tagged cell that does not
raise loses nothing.
"""

import ast
import builtins

from nbgrader import utils

TAG = "raises-exception"
#: Names every IPython kernel defines without a cell defining them.
KERNEL_NAMES = frozenset({"get_ipython", "display", "In", "Out", "exit", "quit", "_", "__"})
SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)
COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)


def python_source(source):
    """A cell's source as plain Python, IPython magics turned into calls.

    Parameters
    ----------
    source : str
        A code cell's source.

    Returns
    -------
    str
        What the kernel compiles.

    Examples
    --------
    >>> python_source("%matplotlib inline")
    "get_ipython().run_line_magic('matplotlib', 'inline')\\n"
    """
    from IPython.core.inputtransformer2 import TransformerManager

    return TransformerManager().transform_cell(source)


class _TopLevel(ast.NodeVisitor):
    """The names a module binds and the ``raise`` statements it runs at its top level."""

    def __init__(self):
        self.bound, self.raises = set(), False

    def visit_Name(self, node):
        if isinstance(node.ctx, ast.Store | ast.Del):
            self.bound.add(node.id)

    def visit_alias(self, node):
        self.bound.add((node.asname or node.name).split(".")[0])

    def visit_ExceptHandler(self, node):
        if node.name:
            self.bound.add(node.name)
        self.generic_visit(node)

    def visit_Raise(self, node):
        self.raises = True

    def _scope(self, node):
        if not isinstance(node, ast.Lambda):
            self.bound.add(node.name)
        for decorator in getattr(node, "decorator_list", ()):
            self.visit(decorator)

    visit_FunctionDef = visit_AsyncFunctionDef = visit_ClassDef = visit_Lambda = _scope

    def _comprehension(self, node):
        """Comprehension variables are local; only walrus targets could escape (ignored)."""

    visit_ListComp = visit_SetComp = visit_DictComp = visit_GeneratorExp = _comprehension


def cell_names(source):
    """What a cell binds at its top level, what it uses, and whether it raises there.

    Parameters
    ----------
    source : str
        A code cell's source (IPython syntax allowed).

    Returns
    -------
    bound : set of str
        Names the cell binds at its top level (assignments, ``def``, imports...).
    used : set of str
        Names it reads anywhere, function bodies included, less those it binds
        anywhere (locals, arguments and loop variables included).
    raises : bool
        True if a ``raise`` statement runs at its top level.

    Raises
    ------
    SyntaxError
        If the source does not compile.

    Examples
    --------
    >>> bound, used, raises = cell_names("def f(x):\\n    raise NotImplementedError()")
    >>> sorted(bound), sorted(used), raises
    (['f'], ['NotImplementedError'], False)
    >>> bound, used, raises = cell_names("y = f(x) + 1")
    >>> sorted(bound), sorted(used), raises
    (['y'], ['f', 'x'], False)
    """
    tree = ast.parse(python_source(source))
    top = _TopLevel()
    top.visit(tree)
    used, local = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            (used if isinstance(node.ctx, ast.Load) else local).add(node.id)
        elif isinstance(node, ast.arg):
            local.add(node.arg)
    return top.bound, used - top.bound - local, top.raises


def cells_that_raise(cells):
    """Positions of the code cells of a fresh release that raise until answered.

    Parameters
    ----------
    cells : list of nbformat.NotebookNode
        A released notebook's cells, answer cells holding their stubs.

    Returns
    -------
    list of int
        Positions in ``cells``, increasing.
    """
    names = {}
    for position, cell in enumerate(cells):
        if cell.cell_type == "code":
            try:
                names[position] = cell_names(cell.source)
            except SyntaxError:
                names[position] = None  # a cell that does not compile raises
    defined = set().union(*(found[0] for found in names.values() if found))
    used = set().union(*(found[1] for found in names.values() if found))
    known = defined | set(dir(builtins)) | KERNEL_NAMES
    unanswered = used - known
    for position, found in names.items():
        if found and utils.is_solution(cells[position]):
            unanswered |= found[0]
    raising = []
    for position, found in names.items():
        cell = cells[position]
        if utils.is_grade(cell) and not utils.is_solution(cell):
            continue  # a test cell scores 0 without raising
        if found is None:
            raising.append(position)
            continue
        bound, used_here, raises = found
        is_answer = utils.is_solution(cell)
        if (is_answer and raises) or used_here & unanswered:
            raising.append(position)
            if not is_answer:
                unanswered |= bound
    return raising
