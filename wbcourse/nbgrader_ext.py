"""nbgrader preprocessors of the course, configured in ``nbgrader_config.py``."""

import copy
import json
import re
import time
from pathlib import Path

import nbformat
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbclient.util import run_sync
from nbgrader.preprocessors import Execute, NbGraderPreprocessor
from traitlets import List, Unicode

from wbcourse.grading.cells import is_test, unanswered
from wbcourse.grading.remote import KernelLink
from wbcourse.grading.sandbox import SandboxedKernelManager
from wbcourse.grading.trusted import TrustedLesson


class ClearRunMetadata(NbGraderPreprocessor):
    """Remove the metadata that records one execution of a notebook.

    The sources in ``solutions/`` are stored executed: their cells carry
    execution timestamps and the notebook carries ipywidgets state with random
    model ids. Both change on every run and mean nothing to a student, so the
    release drops them and stays identical while the sources' code is.
    """

    cell_keys = List(
        Unicode(), ["execution", "ExecuteTime"], help="Cell metadata keys to remove."
    ).tag(config=True)
    notebook_keys = List(Unicode(), ["widgets"], help="Notebook metadata keys to remove.").tag(
        config=True
    )

    def preprocess(self, nb, resources):
        """Remove the notebook's run metadata, then each cell's.

        Parameters
        ----------
        nb : nbformat.NotebookNode
            The notebook to process.
        resources : dict
            Resources of the conversion, passed through unchanged.

        Returns
        -------
        nb : nbformat.NotebookNode
            The notebook without run metadata.
        resources : dict
            The unchanged resources.
        """
        for key in self.notebook_keys:
            nb.metadata.pop(key, None)
        return super().preprocess(nb, resources)

    def preprocess_cell(self, cell, resources, index):
        """Remove one cell's run metadata.

        Parameters
        ----------
        cell : nbformat.NotebookNode
            The cell to process.
        resources : dict
            Resources of the conversion, passed through unchanged.
        index : int
            Position of the cell in the notebook.

        Returns
        -------
        cell : nbformat.NotebookNode
            The cell without run metadata.
        resources : dict
            The unchanged resources.
        """
        for key in self.cell_keys:
            cell.metadata.pop(key, None)
        return cell, resources


class GradingExecute(Execute):
    """nbgrader's ``Execute`` with the verdict outside the student's kernel.

    Test cells never run in the kernel: each runs in this (trusted) process,
    from the lesson's source, with the student's answers reached through
    :mod:`wbcourse.grading.remote` (see :mod:`wbcourse.grading.trusted`); their
    outputs, the score nbgrader reads included, are written here. Every other
    cell runs in the kernel, which runs under
    :class:`~wbcourse.grading.sandbox.SandboxedKernelManager`. nbgrader gives up
    on the whole notebook when its kernel dies (``exit()``, ``os._exit``, a crash
    in C code), so every later exercise would score nothing; here the cell that
    killed the kernel gets an error output saying so, the kernel is restarted,
    the earlier cells are run again (their stored outputs kept) and grading goes
    on with the next cell.
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("kernel_manager_class", SandboxedKernelManager)
        kwargs.setdefault("shutdown_kernel", "immediate")  # nothing in it is worth keeping
        super().__init__(**kwargs)

    def preprocess(self, nb, resources=None, km=None):
        """Execute ``nb`` like nbgrader, test cells in this process."""
        self._killers = set()
        self._output_used, self._output_cut = {}, set()
        self._link = None
        self._lesson = _trusted_lesson(self.config, resources or {})
        self._refused = self._lesson.refusals(nb)
        self._unanswered = frozenset(unanswered(nb))
        return super().preprocess(nb, resources, km)

    def preprocess_cell(self, cell, resources, index):
        """Execute one cell; if the kernel dies, record it, restart and replay.

        Parameters
        ----------
        cell : nbformat.NotebookNode
            The cell to execute.
        resources : dict
            Resources of the conversion.
        index : int
            Position of the cell in the notebook.

        Returns
        -------
        cell : nbformat.NotebookNode
            The executed cell.
        resources : dict
            The resources.
        """
        if is_test(cell):
            return self._grade_here(cell, index), resources
        try:
            return super().preprocess_cell(cell, resources, index)
        except DeadKernelError:
            self._kernel_died(cell, index)
        except CellTimeoutError:  # the kernel stopped answering, even after an interrupt
            self._kernel_died(cell, index, evalue=HUNG)
        return cell, self.resources

    def output(self, outs, msg, display_id, cell_index):
        """Keep outputs up to :data:`OUTPUT_LIMIT` characters a cell and
        :data:`NOTEBOOK_OUTPUT_LIMIT` a notebook, then one note in each cell cut."""
        used = self._output_used.get(cell_index, 0)
        self._output_used[cell_index] = used + _output_size(msg["content"])
        in_notebook = sum(self._output_used.values())
        if self._output_used[cell_index] <= OUTPUT_LIMIT and in_notebook <= NOTEBOOK_OUTPUT_LIMIT:
            return super().output(outs, msg, display_id, cell_index)
        if cell_index not in self._output_cut:
            self._output_cut.add(cell_index)
            cut = (
                f"[output cut: more than {OUTPUT_LIMIT:,} characters in this cell or "
                f"{NOTEBOOK_OUTPUT_LIMIT:,} in the notebook]\n"
            )
            outs.append(nbformat.v4.new_output("stream", name="stderr", text=cut))
        return None

    def on_cell_executed(self, **kwargs):
        """nbgrader's hook, which adds the kernel's error to the cell unless an output holds
        it; an error larger than :data:`OUTPUT_LIMIT` (its output was cut) is cut here too."""
        content = kwargs["execute_reply"]["content"]
        if content.get("status") == "error" and _output_size(content) > OUTPUT_LIMIT:
            ename = str(content.get("ename", "Error"))[:100]
            evalue = f"{str(content.get('evalue', ''))[:1000]} [cut: the message is too long]"
            content.update(ename=ename, evalue=evalue, traceback=[f"{ename}: {evalue}"])
        return super().on_cell_executed(**kwargs)

    def _grade_here(self, cell, index):
        link = self._kernel_link()
        link.deadline = time.monotonic() + (self._get_timeout(cell) or 3600)
        cell.outputs = self._lesson.run(cell.source, link, self._refused, self._unanswered)
        self.code_cells_executed += 1
        cell.execution_count = self.code_cells_executed
        if link.gone:
            self._kernel_died(cell, index, keep_outputs=True, evalue=link.gone)
        return cell

    def _kernel_link(self) -> KernelLink:
        if self._link is None or self._link.kc is not self.kc:
            self._link = KernelLink(self.kc, self.km.is_alive, self.km.interrupt_kernel)
        return self._link

    def _kernel_died(self, cell, index, keep_outputs=False, evalue=None):
        self.log.warning("Cell %d killed the kernel; restarting and replaying", index)
        self._killers.add(index)
        cell.outputs = [*(cell.outputs if keep_outputs else []), kernel_died_output(evalue)]
        self._restart_and_replay(index)

    def _restart_and_replay(self, index):
        run_sync(self.km.restart_kernel)(now=True)
        self.kc.stop_channels()
        self.start_new_kernel_client()
        executed = self.code_cells_executed
        for position, earlier in enumerate(self.nb.cells[:index]):
            replay = earlier.cell_type == "code" and not is_test(earlier)
            if replay and position not in self._killers:
                self.execute_cell(copy.deepcopy(earlier), position, store_history=False)
        self.code_cells_executed = executed


def _output_size(content: dict) -> int:
    """Characters of one output message's content: text, data, or an error's traceback."""
    return len(json.dumps(content, default=str))


def _trusted_lesson(config, resources) -> TrustedLesson:
    """The trusted side of the notebook being graded, from the course's source notebook."""
    course = config.get("CourseDirectory", {})
    info = resources.get("nbgrader", {})
    path = (
        Path(course.get("root", "."))
        / course.get("source_directory", "source")
        / info.get("assignment", "")
        / f"{info.get('notebook', '')}.ipynb"
    )
    return TrustedLesson(nbformat.read(path, as_version=4))


#: Why a cell's kernel was restarted when it stopped answering.
HUNG = "the kernel stopped answering, even when interrupted"
#: Characters of output one cell keeps while it is graded (a flood is cut, not stored).
OUTPUT_LIMIT = 2_000_000
#: Characters of output a whole notebook keeps while it is graded (many cells of floods).
NOTEBOOK_OUTPUT_LIMIT = 10_000_000


def kernel_died_output(evalue: str | None = None):
    """The error output given to a cell during which the kernel died (or hung).

    Parameters
    ----------
    evalue : str, optional
        What happened; by default that the kernel died.

    Returns
    -------
    nbformat.NotebookNode
        An ``error`` output, ``DeadKernelError``, with a one-line explanation.
    """
    evalue = (
        evalue
        or "the kernel died while running this cell (for example exit(), os._exit() or a crash)"
    ) + "; it was restarted and the cells above were run again"
    return nbformat.v4.new_output(
        "error", ename="DeadKernelError", evalue=evalue, traceback=[f"DeadKernelError: {evalue}"]
    )


class TagCellsThatRaise(NbGraderPreprocessor):
    """Tag the cells of a release that raise until answered, so *Run All* runs on.

    JupyterLab, nbclient and nbval go on past a cell tagged ``raises-exception``: a
    fresh lesson then runs to its end, every figure and widget included, each
    unanswered exercise and its Try-it cells ending in their error. Which cells raise
    is decided from the stubs (:mod:`wbcourse.runall`), so this runs after
    ``ClearSolutions`` in ``GenerateAssignment.preprocessors``.
    """

    def preprocess(self, nb, resources):
        """Add the tag to every cell of ``nb`` that raises until answered.

        Parameters
        ----------
        nb : nbformat.NotebookNode
            The released notebook, answer cells holding their stubs.
        resources : dict
            Resources of the conversion, passed through unchanged.

        Returns
        -------
        nb : nbformat.NotebookNode
            The notebook, tagged.
        resources : dict
            The unchanged resources.
        """
        from wbcourse.runall import TAG, cells_that_raise

        for position in cells_that_raise(nb.cells):
            tags = nb.cells[position].metadata.setdefault("tags", [])
            if TAG not in tags:
                tags.append(TAG)
        return nb, resources


class DefuseStudentContent(NbGraderPreprocessor):
    """Make what a student's notebook shows safe to render as HTML.

    nbconvert's ``SanitizeHTML`` cleans HTML outputs and markdown cells' raw HTML,
    but not two routes into the page a feedback or formgrader view renders:

    - an output's metadata, which the HTML template writes into the ``<img>`` tag
      (a ``width`` of ``1 onerror=...`` adds an event handler): only numeric
      ``width`` and ``height`` are kept (the test cells' records too, written by
      the grader);
    - links in markdown syntax, ``[text](javascript:...)``, which the markdown
      renderer writes as they are: a markdown cell with a link that mistune's own
      URL policy refuses is shown as text, in a code block, and a markdown output
      with one as plain text.
    """

    def preprocess_cell(self, cell, resources, index):
        """Defuse one cell (see the class).

        Parameters
        ----------
        cell : nbformat.NotebookNode
            The cell to process.
        resources : dict
            Resources of the conversion, passed through unchanged.
        index : int
            Position of the cell in the notebook.

        Returns
        -------
        cell : nbformat.NotebookNode
            The cell, safe to render.
        resources : dict
            The resources.
        """
        if cell.cell_type == "markdown" and _has_harmful_link(cell.source):
            fence = "`" * (max(map(len, _BACKTICKS.findall(cell.source)), default=0) + 3)
            cell.source = f"{fence}text\n{cell.source}\n{fence}"
        for output in cell.get("outputs", []):
            if "metadata" in output:
                output.metadata = _safe_output_metadata(output.metadata, trusted=is_test(cell))
            markdown = output.get("data", {}).get("text/markdown")
            if isinstance(markdown, str) and _has_harmful_link(markdown):
                del output.data["text/markdown"]
                output.data.setdefault("text/plain", markdown)
        return cell, resources


_BACKTICKS = re.compile(r"`+")


def _has_harmful_link(source: str) -> bool:
    """True if ``source``, as markdown, has a link whose URL mistune calls harmful."""
    import mistune
    from mistune.renderers.html import HTMLRenderer

    def render(allow: bool) -> str:
        renderer = HTMLRenderer(escape=False, allow_harmful_protocols=allow)
        return mistune.create_markdown(renderer=renderer)(source)

    return render(True) != render(False)


def _safe_output_metadata(metadata, trusted: bool) -> dict:
    """Numeric ``width`` and ``height`` per mime type; a test cell's ``wbcourse`` records too."""
    safe = {}
    if trusted and "wbcourse" in metadata:
        safe["wbcourse"] = metadata["wbcourse"]
    for mime, sizes in metadata.items():
        if mime != "wbcourse" and isinstance(sizes, dict):
            kept = {
                key: value
                for key, value in sizes.items()
                if key in ("width", "height") and type(value) in (int, float)
            }
            if kept:
                safe[mime] = kept
    return nbformat.from_dict(safe)
