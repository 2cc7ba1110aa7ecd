"""``python -m mella_eval``: same as the ``mella-eval`` command."""

import sys

from mella_eval.cli import main

sys.exit(main())
