"""``python -m wbcourse``: the ``wbcourse`` command (see :mod:`wbcourse.cli`)."""

import sys

from wbcourse.cli import main

sys.exit(main())
