"""Where the course's nbgrader exchange lives.

nbgrader hands assignments out and collects them through an *exchange*, a folder
every student and the instructor can reach: ``release_assignment`` copies
``course/NN-topic/`` to ``<exchange>/wbcourse/outbound/``, a student's
``fetch_assignment`` copies it from there, ``submit`` copies the student's folder to
``<exchange>/wbcourse/inbound/`` and ``collect`` copies the newest submission of each
student to ``submitted/<student>/NN-topic/``.

The exchange is ``<repository>/exchange`` (git-ignored), enough for a course run
on one machine; a shared deployment points every user at one folder with the
environment variable ``WBCOURSE_EXCHANGE``, e.g. ``/srv/nbgrader/exchange``.
"""

import os
from pathlib import Path

COURSE_ID = "wbcourse"  # as in nbgrader_config.py: the exchange's subfolder
ENV_VAR = "WBCOURSE_EXCHANGE"
# nbgrader's release_assignment gives the exchange root this mode (rwx for all):
# every student writes into it, and it must exist before anyone lists or submits.
ROOT_MODE = 0o777


def exchange_root(course_root):
    """The exchange folder of a course run.

    Parameters
    ----------
    course_root : pathlib.Path
        The course root, the folder of ``nbgrader_config.py``.

    Returns
    -------
    pathlib.Path
        ``$WBCOURSE_EXCHANGE`` if set and not empty, else ``course_root / "exchange"``.
    """
    return Path(os.environ.get(ENV_VAR) or Path(course_root) / "exchange")


def ensure_exchange_root(path):
    """Create the exchange folder if it is missing, with the mode nbgrader gives it.

    nbgrader's ``list``, ``fetch_assignment`` and ``submit`` (and the student's
    assignment list) fail while the exchange folder does not exist; only the
    instructor's ``release_assignment`` creates it. An existing folder is left as
    it is: a shared one belongs to its administrator.

    Parameters
    ----------
    path : pathlib.Path
        The exchange folder.

    Returns
    -------
    bool
        True if the folder was created.

    Raises
    ------
    OSError
        If it cannot be created, e.g. for lack of permission.
    """
    path = Path(path)
    if path.is_dir():
        return False
    path.mkdir(parents=True)
    path.chmod(ROOT_MODE)  # mkdir's mode is cut by the umask
    return True
