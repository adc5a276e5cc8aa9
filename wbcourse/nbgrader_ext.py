"""nbgrader preprocessors of the course, configured in ``nbgrader_config.py``."""

import copy

import nbformat
from nbclient.exceptions import DeadKernelError
from nbclient.util import run_sync
from nbgrader import utils
from nbgrader.preprocessors import Execute, NbGraderPreprocessor
from traitlets import List, Unicode

from wbcourse.grading.sandbox import SandboxedKernelManager


class ReduceTestTracebacks(NbGraderPreprocessor):
    """Cut the traceback of every autograder test cell to ``ename: evalue``.

    IPython tracebacks quote the source lines around the failing line, hidden
    tests included, so feedback built from a failed test cell would reveal them.
    Only test cells (grade cells that are not answer cells) change: students
    keep the full traceback of their own answer cells.
    """

    def preprocess_cell(self, cell, resources, index):
        """Replace the traceback of each error output of a test cell.

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
            The cell, with one-line tracebacks if it is a test cell.
        resources : dict
            The unchanged resources.
        """
        if cell.cell_type == "code" and utils.is_grade(cell) and not utils.is_solution(cell):
            for output in cell.outputs:
                if output.output_type == "error":
                    output.traceback = [f"{output.ename}: {output.evalue}"]
        return cell, resources


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
    """nbgrader's ``Execute`` in the grading sandbox, surviving a cell that kills the kernel.

    The kernel runs under :class:`~wbcourse.grading.sandbox.SandboxedKernelManager`
    (its limits are configurable there). nbgrader gives up on the whole notebook
    when its kernel dies (IPython's ``exit()``, ``os._exit``, a crash in C code), so
    every later exercise scores nothing. Here the cell that killed the kernel gets
    an error output saying so, the kernel is restarted, the earlier code cells are
    run again (their stored outputs kept) and grading goes on with the next cell.
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("kernel_manager_class", SandboxedKernelManager)
        super().__init__(**kwargs)

    def preprocess(self, nb, resources=None, km=None):
        """Execute ``nb`` like nbgrader, remembering which cells killed the kernel."""
        self._killers = set()
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
        try:
            return super().preprocess_cell(cell, resources, index)
        except DeadKernelError:
            self.log.warning("Cell %d killed the kernel; restarting and replaying", index)
            self._killers.add(index)
            cell.outputs = [kernel_died_output()]
            self._restart_and_replay(index)
            return cell, self.resources

    def _restart_and_replay(self, index):
        run_sync(self.km.restart_kernel)(now=True)
        self.kc.stop_channels()
        self.start_new_kernel_client()
        executed = self.code_cells_executed
        for position, earlier in enumerate(self.nb.cells[:index]):
            if earlier.cell_type == "code" and position not in self._killers:
                self.execute_cell(copy.deepcopy(earlier), position, store_history=False)
        self.code_cells_executed = executed


def kernel_died_output():
    """The error output given to a cell during which the kernel died.

    Returns
    -------
    nbformat.NotebookNode
        An ``error`` output, ``DeadKernelError``, with a one-line explanation.
    """
    evalue = (
        "the kernel died while running this cell (for example exit(), os._exit() or a "
        "crash); it was restarted and the cells above were run again"
    )
    return nbformat.v4.new_output(
        "error", ename="DeadKernelError", evalue=evalue, traceback=[f"DeadKernelError: {evalue}"]
    )
