"""wbcourse: the numeric core and the grading helpers of the weights-and-biases course.

The numeric modules need only numpy; matplotlib and ipywidgets are imported
lazily, by :mod:`wbcourse.plotting` and :mod:`wbcourse.widgets` alone.
"""

from wbcourse.errors import ShapeError

__all__ = ["ShapeError"]
__version__ = "0.1.0"
