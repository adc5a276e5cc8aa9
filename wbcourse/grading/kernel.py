"""Start an IPython kernel inside the grading sandbox (see :mod:`wbcourse.grading.sandbox`).

Usage (what :class:`~wbcourse.grading.sandbox.SandboxedKernelManager` runs)::

    python -m wbcourse.grading.kernel --course-root=ROOT [--private=PATH ...] \\
        --memory-mb=N --file-mb=N -f CONNECTION_FILE

Every argument it does not know is passed on to ``ipykernel``. The kernel's working
folder, where it starts, is the one folder it may write to.
"""

import argparse
import os

from wbcourse.grading import sandbox


def main(argv=None):
    """Apply the limits and the audit hook, then run an IPython kernel.

    Parameters
    ----------
    argv : list of str, optional
        Command-line arguments; default ``sys.argv[1:]``.
    """
    parser = argparse.ArgumentParser(prog="python -m wbcourse.grading.kernel")
    parser.add_argument("--course-root", required=True)
    parser.add_argument("--memory-mb", type=int, required=True)
    parser.add_argument("--file-mb", type=int, required=True)
    parser.add_argument("--private", action="append", default=[], help="a path to keep out of")
    options, kernel_args = parser.parse_known_args(argv)
    mib = 1 << 20
    sandbox.die_with_parent()
    sandbox.limit_resources(options.memory_mb * mib, options.file_mb * mib)
    from ipykernel.kernelapp import IPKernelApp

    app = IPKernelApp.instance()
    app.initialize(kernel_args)  # the kernel's own start-up runs unrestricted
    policy = sandbox.Policy.for_course(options.course_root, os.getcwd(), tuple(options.private))
    sandbox.install(policy)
    app.start()


if __name__ == "__main__":
    main()
