"""optparse (and pip's variant): ``Usage:``, ``Options:``, ``-o FILE, --out=FILE``."""

from __future__ import annotations

import re

from .._engine import Rules, build_command, walk
from .._usage import fill_positionals
from ..spec import Command

RULES = Rules(style="optparse", argument_heading=re.compile(r"^arguments$", re.I),
              command_heading=re.compile(r"^(sub)?commands$", re.I))


def parse(text: str, name: str, path: list[str]) -> Command:
    """Parse optparse help; option groups are any ``Title:`` heading."""
    found = walk(text, RULES)
    cmd = build_command(found, "optparse", name, path)
    fill_positionals(cmd, found.usage, path)
    return cmd
