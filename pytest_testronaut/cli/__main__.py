"""``python -m pytest_testronaut.cli``: the console script without its wrapper."""

from __future__ import annotations

import sys

from .dispatch import main

sys.exit(main())
