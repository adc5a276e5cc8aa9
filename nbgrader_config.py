"""nbgrader configuration of the wbcourse course.

nbgrader reads this file from the current directory only: run nbgrader from the
repository root, e.g. ``./wb nbgrader autograde 01-neuron``.
"""

from pathlib import Path

from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor
from nbgrader.converters import GenerateAssignment
from nbgrader.preprocessors import ClearHiddenTests, GetGrades

from wbcourse.nbgrader_ext import ClearRunMetadata, ReduceTestTracebacks

c = get_config()  # noqa: F821 (provided by traitlets when it loads this file)

root = Path(__file__).resolve().parent

c.CourseDirectory.root = str(root)
c.CourseDirectory.course_id = "wbcourse"
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "course"
c.CourseDirectory.db_url = f"sqlite:///{root / 'gradebook.db'}"

# Grade every notebook with the course's own Python kernel, whatever the
# submission's metadata says, and stop a cell that runs away.
c.Execute.kernel_name = "python3"
c.Execute.timeout = 60

# The release must not change when the sources are merely re-executed.
c.GenerateAssignment.preprocessors = [
    *GenerateAssignment.class_traits()["preprocessors"].default(),
    ClearRunMetadata,
]

# A student who deletes a test cell gets it back (and graded).
c.OverwriteCells.add_missing_cells = True

# Feedback must not reveal hidden tests: remove them from the test cells'
# source, and cut the tracebacks (which quote the failing test line) to
# "ename: evalue".
c.GenerateFeedback.preprocessors = [
    GetGrades,
    ClearHiddenTests,
    ReduceTestTracebacks,
    CSSHTMLHeaderPreprocessor,
]
