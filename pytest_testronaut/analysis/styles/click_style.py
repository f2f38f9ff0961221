"""click: ``Usage: prog [OPTIONS] ARGS``, ``Options:`` with ``[a|b]`` and ``[default: x]``."""

from __future__ import annotations

from .._engine import Rules, build_command, walk
from .._usage import positionals_from_usage
from ..spec import Command

RULES = Rules(style="click")


def parse(text: str, name: str, path: list[str]) -> Command:
    """Parse click help; positionals come from the usage line (click lists none)."""
    found = walk(text, RULES)
    cmd = build_command(found, "click", name, path)
    if not cmd.positionals:
        cmd.positionals = positionals_from_usage(found.usage, path, bool(cmd.subcommands))
    return cmd
