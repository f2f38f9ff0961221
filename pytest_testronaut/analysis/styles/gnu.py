"""GNU getopt_long help: ``-a, --all``, ``--block-size=SIZE``, ``--color[=WHEN]``.

Option rows may stand anywhere (``ls --help`` has no headings at all) and long-only
rows are indented further than short ones, so only the description column tells a
new row from a wrapped description.
"""

from __future__ import annotations

import re

from .._engine import Rules, build_command, walk
from .._usage import fill_positionals
from ..spec import Command

RULES = Rules(style="gnu", command_heading=re.compile(r"^(available )?(sub)?commands$", re.I),
              argument_heading=re.compile(r"^arguments$", re.I))


def parse(text: str, name: str, path: list[str]) -> Command:
    """Parse GNU-style help; positionals come from ``Usage: ls [OPTION]... [FILE]...``."""
    found = walk(text, RULES)
    cmd = build_command(found, "gnu", name, path)
    fill_positionals(cmd, found.usage, path)
    return cmd
