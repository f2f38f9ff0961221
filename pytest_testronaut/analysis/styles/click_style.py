"""click: ``Usage: prog [OPTIONS] ARGS``, ``Options:`` with ``[a|b]`` and ``[default: x]``."""

from __future__ import annotations

from .._engine import Rules, build_command, walk
from .._usage import fill_positionals
from ..spec import Command

RULES = Rules(style="click")


def parse(text: str, name: str, path: list[str]) -> Command:
    """Parse click help; positionals come from the usage line (click lists none)."""
    found = walk(text, RULES)
    cmd = build_command(found, "click", name, path)
    fill_positionals(cmd, found.usage, path)
    return cmd
