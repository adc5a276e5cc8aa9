"""nbgrader configuration of the wbcourse course.

nbgrader reads this file from the current directory only: run nbgrader from the
repository root, e.g. ``./wb nbgrader autograde 01-neuron``.
"""

from pathlib import Path

from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor
from nbconvert.preprocessors.sanitize import SanitizeHTML
from nbgrader.converters import Autograde, GenerateAssignment
from nbgrader.preprocessors import ClearHiddenTests, Execute, GetGrades

from wbcourse.exchange import COURSE_ID, exchange_root
from wbcourse.nbgrader_ext import (
    ClearRunMetadata,
    DefuseStudentContent,
    GradingExecute,
    TagCellsThatRaise,
)

c = get_config()  # noqa: F821 (provided by traitlets when it loads this file)

root = Path(__file__).resolve().parent

c.CourseDirectory.root = str(root)
c.CourseDirectory.course_id = COURSE_ID
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "course"
c.CourseDirectory.db_url = f"sqlite:///{root / 'gradebook.db'}"

# Hand out and collect through nbgrader's exchange (release_assignment, collect;
# students fetch and submit from the lab's assignment list): <repo>/exchange,
# git-ignored, or $WBCOURSE_EXCHANGE in a shared deployment, e.g.
# /srv/nbgrader/exchange. See wbcourse/exchange.py and docs/instructor.md.
c.Exchange.root = str(exchange_root(root))

# Grade every notebook with the course's own Python kernel, whatever the
# submission's metadata says, and stop a cell that runs away.
c.Execute.kernel_name = "python3"
c.Execute.timeout = 60

# Autograde in the grading sandbox (wbcourse.grading.sandbox: memory and file-size
# limits, no access to private folders or other students' files, read-only checks),
# and go on grading when a cell kills the kernel.
# Test cells run in the grader (GradingExecute); what the student's cells showed is
# made safe to render before it is stored, for formgrader's view and the feedback.
c.Autograde.autograde_preprocessors = [
    replaced
    for preprocessor in Autograde.class_traits()["autograde_preprocessors"].default()
    for replaced in (
        [GradingExecute, DefuseStudentContent, SanitizeHTML]
        if preprocessor is Execute
        else [preprocessor]
    )
]
c.SandboxedKernelManager.memory_limit_mb = 3072
c.SandboxedKernelManager.file_limit_mb = 64

# The release must not change when the sources are merely re-executed.
c.GenerateAssignment.preprocessors = [
    *GenerateAssignment.class_traits()["preprocessors"].default(),
    ClearRunMetadata,
    TagCellsThatRaise,
]

# A student who deletes a test cell gets it back (and graded).
c.OverwriteCells.add_missing_cells = True

# Feedback must not reveal hidden tests: remove them from the test cells' source
# (a test cell's error output is one line, "ename: evalue", written by the grader:
# no traceback quotes a hidden line). Everything a student wrote or printed is
# sanitised (bleach, through nbconvert's SanitizeHTML): no script or event handler
# reaches the page.
c.GenerateFeedback.preprocessors = [
    GetGrades,
    ClearHiddenTests,
    DefuseStudentContent,
    SanitizeHTML,
    CSSHTMLHeaderPreprocessor,
]
c.SanitizeHTML.enabled = True  # nbconvert's preprocessors are off unless enabled
c.SanitizeHTML.tags = [
    *"a abbr b blockquote br code details div em h1 h2 h3 h4 h5 h6 hr i li ol p pre".split(),
    *"span strong sub summary sup table tbody td th thead tr ul".split(),
]
c.SanitizeHTML.attributes = {"a": ["href", "title"], "abbr": ["title"], "td": ["align"]}
