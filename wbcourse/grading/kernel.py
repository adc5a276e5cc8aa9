"""Start an IPython kernel for grading, with the audit hook of :mod:`wbcourse.grading.sandbox`.

Usage (what :class:`~wbcourse.grading.sandbox.SandboxedKernelManager` runs, inside
bubblewrap, after setting the resource limits)::

    python -P -m wbcourse.grading.kernel --course-root=ROOT [--private=PATH ...] -f CONNECTION_FILE

Every argument it does not know is passed on to ``ipykernel``.
"""

import argparse

from wbcourse.grading import sandbox


def main(argv=None):
    """Install the audit hook, then run an IPython kernel.

    Parameters
    ----------
    argv : list of str, optional
        Command-line arguments; default ``sys.argv[1:]``.
    """
    parser = argparse.ArgumentParser(prog="python -m wbcourse.grading.kernel")
    parser.add_argument("--course-root", required=True)
    parser.add_argument("--private", action="append", default=[], help="a path to keep out of")
    options, kernel_args = parser.parse_known_args(argv)
    from ipykernel.kernelapp import IPKernelApp

    app = IPKernelApp.instance()
    app.initialize(kernel_args)  # the kernel's own start-up runs before the hook
    policy = sandbox.Policy.for_course(options.course_root, tuple(options.private))
    sandbox.install_audit_hook(policy)
    app.start()


if __name__ == "__main__":
    main()
