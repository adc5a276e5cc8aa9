"""Does an answer reach wbcourse's own implementation of what it answers?

The course's library (``wbcourse.layers.dense_forward``, ``wbcourse.activations.softmax``, ...)
solves several exercises, and a student's kernel can import it. An answer that
uses it, directly, wrapped in a function of the student's, or through an import
trick, earns nothing for that exercise and is flagged. This module decides it by
reading the student's code (never running it), in the trusted grader:

- names bound by imports (the student's and the lesson's setup cell) are resolved
  to what they import, attribute chains included (``act.softmax`` is
  ``wbcourse.activations.softmax`` after ``from wbcourse import activations as act``);
- from the names an exercise's answer cell defines, every function and value of
  the student's that they use is followed; reaching one of the exercise's library
  functions, or anything of ``wbcourse.exercises`` (the references), is a *use*;
- an attribute named like one of those functions on an object reading cannot
  resolve (``[module][0].dense_forward``, ``m.dense_forward`` after ``m = layers``)
  is a use;
- code the grader cannot follow on the way (``__import__``, ``importlib``,
  ``getattr`` with a computed name, ``eval``/``exec``, ``globals()``, ``sys.modules``,
  ``__dict__``, ``__globals__``, and unpickling: ``pickle``, ``marshal``, a load with
  ``allow_pickle``, which rebuild any function from its name) counts as a use too: an
  import trick.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping

from wbcourse.grading.cells import exercise_of, grade_id, is_answer

#: Calls whose target the grader cannot know by reading.
DYNAMIC_CALLS = frozenset(
    {"__import__", "eval", "exec", "compile", "globals", "vars", "locals"}
    | {"attrgetter", "methodcaller"}  # operator's: an attribute named by a string
)
#: Attributes through which code reaches what reading cannot follow.
DYNAMIC_ATTRIBUTES = frozenset(
    {"__dict__", "__globals__", "__builtins__", "modules", "import_module"}
    | {"__getattribute__", "__getattr__"}
)
#: Built-ins that look attributes up by name: passed around as values, reading loses them.
LOOKUPS = frozenset({"getattr", "vars"})
#: Modules that rebuild objects, functions of wbcourse included, from bytes (by name, unread).
DESERIALISERS = frozenset(
    {"pickle", "_pickle", "cPickle", "marshal", "shelve", "copyreg", "dill", "cloudpickle"}
    | {"joblib"}
)


def _parse(source: str) -> ast.Module:
    try:
        return ast.parse(source)
    except SyntaxError:
        return ast.Module(body=[], type_ignores=[])


def _dotted(node: ast.AST) -> str | None:
    """``a.b.c`` for an attribute chain on a name, else None."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        return ".".join([node.id, *reversed(parts)])
    return None


def _imports(tree: ast.AST) -> dict[str, str]:
    """Names bound by the imports of ``tree``, each to the dotted path it imports."""
    bound = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    bound[alias.asname] = alias.name
                else:
                    head = alias.name.split(".")[0]
                    bound[head] = head
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for alias in node.names:
                bound[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    return bound


def _resolve(dotted: str, imports: Mapping[str, str]) -> str:
    head, _, rest = dotted.partition(".")
    if head not in imports:
        return dotted
    return imports[head] + (f".{rest}" if rest else "")


def _dynamic(node: ast.AST) -> str | None:
    """Why ``node`` is code the grader cannot follow, or None."""
    if isinstance(node, ast.Call):
        name = _dotted(node.func) or ""
        if name.split(".")[-1] in DYNAMIC_CALLS or name.startswith("importlib"):
            return f"calls {name}()"
        if name == "getattr" and len(node.args) > 1 and not isinstance(node.args[1], ast.Constant):
            return "getattr() with a computed name"
        pickled = any(
            keyword.arg == "allow_pickle"
            and not (isinstance(keyword.value, ast.Constant) and not keyword.value.value)
            for keyword in node.keywords
        )
        if pickled:
            return f"calls {name or 'a function'}() with allow_pickle"
    if isinstance(node, ast.Attribute) and node.attr in DYNAMIC_ATTRIBUTES:
        return f"uses .{node.attr}"
    return None


class _Definitions:
    """The top-level definitions of the student's code: name -> the nodes that define it."""

    def __init__(self, trees: Iterable[ast.Module]):
        self.nodes: dict[str, list[ast.AST]] = {}
        for tree in trees:
            for node in tree.body:
                for name, value in self._bound(node):
                    self.nodes.setdefault(name, []).append(value)

    @staticmethod
    def _bound(node: ast.AST) -> list[tuple[str, ast.AST]]:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            return [(node.name, node)]
        if isinstance(node, ast.Assign | ast.AnnAssign | ast.AugAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names = [n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)]
            return [(name, node) for name in names]
        if isinstance(node, ast.Import | ast.ImportFrom):
            return [(alias.asname or alias.name.split(".")[0], node) for alias in node.names]
        # definitions inside if/for/with/try blocks at the top level
        return [
            pair
            for child in ast.iter_child_nodes(node)
            if isinstance(child, ast.stmt)
            for pair in _Definitions._bound(child)
        ]


def library_uses(
    student_sources: list[str],
    setup_source: str,
    answers: Mapping[str, set[str]],
    library: Mapping[str, tuple[str, ...]],
) -> dict[str, str]:
    """The exercises whose answers reach wbcourse's implementation of them, with why.

    Parameters
    ----------
    student_sources : list of str
        The code the student wrote or changed (answer cells, added cells).
    setup_source : str
        The lesson's setup cell (its imports are in scope for the student).
    answers : mapping of str to set of str
        Exercise id -> the names its answer cell defines.
    library : mapping of str to tuple of str
        Exercise id -> ``"module.qualname"`` of the course's functions that solve it.

    Returns
    -------
    dict of str to str
        Exercise id -> a sentence for the instructor and the student.

    Examples
    --------
    >>> library_uses(
    ...     ["from wbcourse.layers import dense_forward as lib\\n"
    ...      "def dense_forward(X, W, b):\\n    return lib(X, W, b)[0]"],
    ...     "import numpy as np", {"02.1": {"dense_forward"}},
    ...     {"02.1": ("wbcourse.layers.dense_forward",)})
    {'02.1': "uses wbcourse's own wbcourse.layers.dense_forward"}
    """
    trees = [_parse(source) for source in student_sources]
    definitions = _Definitions(trees)
    imports = _imports(_parse(setup_source))
    for tree in trees:
        imports.update(_imports(tree))
    found = {}
    for exercise, names in answers.items():
        reason = _reaches(names, definitions, imports, set(library.get(exercise, ())))
        if reason:
            found[exercise] = reason
    return found


def _reaches(names, definitions: _Definitions, imports, targets: set[str]) -> str | None:
    seen, todo = set(), [name for name in names if name in definitions.nodes]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        for node in definitions.nodes[name]:
            local = local_names(node)
            called = {id(call.func) for call in ast.walk(node) if isinstance(call, ast.Call)}
            for inner in ast.walk(node):
                why = _dynamic(inner) or _lookup_as_value(inner, called)
                if why:
                    return f"{why}: code the grader cannot follow ({name})"
                dotted = _dotted(inner) if isinstance(inner, ast.Attribute | ast.Name) else None
                head = dotted.split(".")[0] if dotted else None
                resolved = _resolve(dotted, imports) if dotted and head not in local else ""
                if _is_target(resolved, targets):
                    return f"uses wbcourse's own {resolved}"
                if resolved.split(".")[0] in DESERIALISERS:
                    return (
                        f"uses {resolved}, which rebuilds objects from bytes: code the grader "
                        f"cannot follow ({name})"
                    )
                if head not in local and _hidden_lookup(
                    inner, dotted, imports, definitions, targets
                ):
                    return f"reaches .{inner.attr}, the name of wbcourse's own implementation"
                if head in definitions.nodes and head not in seen and head not in local:
                    todo.append(head)
        for node in definitions.nodes[name]:
            if isinstance(node, ast.ImportFrom | ast.Import):
                for alias in node.names:
                    bound = alias.asname or alias.name.split(".")[0]
                    if bound == name and _is_target(_imports(node).get(bound, ""), targets):
                        return f"imports wbcourse's own {_imports(node)[bound]}"
    return None


def _lookup_as_value(node: ast.AST, called: set[int]) -> str | None:
    """``getattr`` used other than by a call (``reduce(getattr, names, module)``), or None."""
    if isinstance(node, ast.Name) and node.id in LOOKUPS and id(node) not in called:
        return f"passes {node.id} around"
    return None


def local_names(node: ast.AST) -> set[str]:
    """The names a function binds itself, which hide the notebook's names of the same name.

    Arguments, assignments, loop and ``with`` targets and inner definitions (not
    imports: those are followed wherever they are); ``global`` names are not local.

    >>> sorted(local_names(ast.parse(
    ...     "def rank(log):\\n    ranked = list(log)\\n    for run in ranked: pass\\n"
    ...     "    return ranked").body[0]))
    ['log', 'ranked', 'run']
    """
    if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
        return set()
    local, shared = set(), set()
    for inner in ast.walk(node):
        if isinstance(inner, ast.arg):
            local.add(inner.arg)
        elif isinstance(inner, ast.Name) and isinstance(inner.ctx, ast.Store | ast.Del):
            local.add(inner.id)
        elif inner is not node and isinstance(inner, ast.FunctionDef | ast.ClassDef):
            local.add(inner.name)
        elif isinstance(inner, ast.Global | ast.Nonlocal):
            shared.update(inner.names)
    return local - shared


def _hidden_lookup(node, dotted, imports, definitions: _Definitions, targets: set[str]) -> bool:
    """An attribute named like a library function, on something reading cannot resolve.

    ``[module][0].dense_forward``, ``make()().dense_forward`` or ``m.dense_forward``
    after ``m = layers``: the receiver is an expression or a name the student bound,
    so which object it is cannot be read; its attribute's name gives it away.
    """
    if not isinstance(node, ast.Attribute) or node.attr not in {t.split(".")[-1] for t in targets}:
        return False
    if dotted is None:
        return True
    head = dotted.split(".")[0]
    return _resolve(dotted, imports).startswith("wbcourse.") or head in definitions.nodes


def _is_target(resolved: str, targets: set[str]) -> bool:
    """One of the exercise's library functions, or anything of the reference answers."""
    return resolved in targets or resolved.split(".")[:2] == ["wbcourse", "exercises"]


def answer_names(source) -> dict[str, set[str]]:
    """Exercise id -> the names its answer cell defines, from a lesson's source notebook."""
    from wbcourse.grading.trusted import bound_names

    found = {}
    for cell in source.cells:
        cell_id = grade_id(cell) or ""
        if is_answer(cell) and cell_id.startswith("ex") and cell_id.endswith("_answer"):
            found[exercise_of(cell_id)] = bound_names(cell.source)
    return found


def refusals(submitted, source) -> dict[str, str]:
    """The exercises of ``submitted`` whose answers reach the course's own implementation.

    Parameters
    ----------
    submitted, source : nbformat.NotebookNode
        The student's notebook and the lesson's source notebook.

    Returns
    -------
    dict of str to str
        Exercise id -> why (a sentence for the instructor and the student).
    """
    from wbcourse.exercises import get_exercise
    from wbcourse.grading.cells import student_cells

    answers = answer_names(source)
    library = {exercise: get_exercise(exercise).info.library for exercise in answers}
    setup = "".join(cell.source for cell in source.cells if grade_id(cell) == "setup")
    code = [cell.source for _, cell in student_cells(submitted, source)]
    return library_uses(code, setup, answers, library)
