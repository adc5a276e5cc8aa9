"""A stand-in for an exercise the student has not solved yet, so that the lesson runs on.

Later cells of a lesson often build on an earlier answer (lesson 04 runs the letter
network through the student's ``mlp_forward``). Until that answer is written, those
cells would stop *Run All*. :func:`yours_or_course` lets the course's version stand in,
and says so, until the student's own passes.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from wbcourse.checks import CheckFailed, call_quietly, compare

__all__ = ["yours_or_course"]


def yours_or_course(function: Callable[..., Any], course: Callable[..., Any], *example: Any):
    """``function`` if it gives ``course``'s result on ``example``, else ``course``.

    Prints which of the two the lesson goes on with, and why.

    Parameters
    ----------
    function : callable
        The student's answer to an exercise.
    course : callable
        The course's version, called the same way.
    *example
        Arguments for one call of both, e.g. the exercise's own example.

    Returns
    -------
    callable
        ``function``, or ``course`` when ``function`` raises, warns or gives another
        result (compared as the checks compare, to a relative 1e-6).

    Examples
    --------
    >>> import numpy as np
    >>> def relu(z):
    ...     raise NotImplementedError()
    >>> stand_in = yours_or_course(relu, lambda z: np.maximum(z, 0), np.ones(2))
    ... # doctest: +ELLIPSIS
    your relu does not pass yet (not answered yet: ...); the cells below use the course's ...
    >>> stand_in(np.array([-1.0, 2.0]))
    array([0., 2.])
    """
    name = getattr(function, "__name__", "function")
    try:
        got = call_quietly(function, *copy.deepcopy(example))
        compare(got, course(*copy.deepcopy(example)))
    except CheckFailed as failure:
        print(
            f"your {name} does not pass yet ({str(failure).rstrip('.')}); the cells below use "
            f"the course's {name} instead, until yours passes its check. Then run this cell again."
        )
        return course
    print(f"the cells below use your {name}")
    return function
