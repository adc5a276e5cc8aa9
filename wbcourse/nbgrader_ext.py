"""nbgrader preprocessors of the course, configured in ``nbgrader_config.py``."""

from nbgrader import utils
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import List, Unicode


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
