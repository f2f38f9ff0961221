"""``python -m notekeeper``: the same as the ``notekeeper`` console script."""

import sys

from .cli import main

sys.exit(main())
