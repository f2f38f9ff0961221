"""The ``testronaut`` console script: the same subpackages as the plugin, from a shell.

One module per group of subcommands; :mod:`.dispatch` builds the parser and runs one.
"""

from __future__ import annotations

from .dispatch import build_parser, main

__all__ = ["build_parser", "main"]
