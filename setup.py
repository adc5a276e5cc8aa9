"""Build hook: ship the released lessons inside the package, as ``wbcourse/lessons``.

``course/`` (the student release, generated from ``solutions/`` by ``wbcourse release``)
lives at the repository root, outside the package. The wheel carries a copy of it, so
``pip install wbcourse`` and ``wbcourse lab`` need no clone; ``solutions/`` and the
hidden tests never enter it. Everything else is in ``pyproject.toml``.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

LESSONS = Path(__file__).resolve().parent / "course"
SKIPPED = shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__")


class BuildWithLessons(build_py):
    """``build_py`` that also copies ``course/`` to ``<build>/wbcourse/lessons``."""

    def run(self):
        super().run()
        if self.editable_mode:  # a checkout reads course/ in place
            return
        if not LESSONS.is_dir():
            raise FileNotFoundError(f"{LESSONS} is missing: the wheel would have no lessons")
        target = Path(self.build_lib) / "wbcourse" / "lessons"
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(LESSONS, target, ignore=SKIPPED)


setup(cmdclass={"build_py": BuildWithLessons})
