"""The oracle of the tests, and test-suite markers.

Markers: ``./wb test -m "not slow"`` runs the quick part (under a minute).

``slow``: tests that execute notebooks, grade, build or install packages, or start
servers; every notebook of ``solutions/`` (nbval) is one. ``browser``: drives headless
Chromium. ``hub``: starts a JupyterHub. A new test module marks itself
(``pytestmark = pytest.mark.slow``); the modules below predate the markers and are
marked here, by file name.
"""

import os
from pathlib import Path

import pytest

#: The ``browser`` fixture (headless Chromium) of the browser and hub tests.
pytest_plugins = ["tests.chromium"]

# The solution notebooks (run by nbval in kernels of their own) grade with the
# references and check that the release's recorded answers are in sync.
os.environ["WBCOURSE_ORACLE"] = "verify"


@pytest.fixture(autouse=True)
def reference_oracle():
    """Graders in this process (tests, doctests) answer from the references."""
    from wbcourse.exercises import ReferenceOracle
    from wbcourse.oracle import use_oracle

    with use_oracle(ReferenceOracle()):
        yield


SLOW_MODULES = {
    "test_autograde.py",
    "test_benchmarks.py",
    "test_browser.py",
    "test_exchange.py",
    "test_grading_corpus.py",
    "test_grading_remote.py",
    "test_grading_report.py",
    "test_grading_scan.py",
    "test_hostile.py",
    "test_instructor_workflow.py",
    "test_lesson11_manual.py",
    "test_mistakes.py",
    "test_release.py",
    "test_widget_optimizers.py",
    "test_widgets.py",
}
BROWSER_MODULES = {"test_browser.py"}


def pytest_collection_modifyitems(config, items):
    """Mark the notebooks and the slow modules ``slow``, the browser tests ``browser``."""
    for item in items:
        path = Path(str(item.path))
        if path.suffix == ".ipynb" or path.name in SLOW_MODULES:
            item.add_marker(pytest.mark.slow)
        if path.name in BROWSER_MODULES:
            item.add_marker(pytest.mark.browser)
