"""docopt: the help *is* the grammar. ``Usage:`` patterns, ``Options:`` rows such as
``--speed=<kn>  Speed [default: 10]`` or ``--line-length -n N``; literal words in the
patterns are subcommands."""

from __future__ import annotations

import re

from .._engine import Rules, build_command, walk
from .._usage import fill_positionals, literal_subcommands, mark_required
from ..spec import Command

RULES = Rules(style="docopt", argument_heading=re.compile(r"^(arguments|args)$", re.I),
              command_heading=re.compile(r"^(sub)?commands$", re.I))


def parse(text: str, name: str, path: list[str]) -> Command:
    """Parse docopt help."""
    found = walk(text, RULES)
    cmd = build_command(found, "docopt", name, path)
    mark_required(cmd, found.usage)
    if not cmd.subcommands:
        for sub in literal_subcommands(found.usage):
            cmd.subcommands.append(Command(name=sub, path=[*path, sub], help_style="docopt"))
    fill_positionals(cmd, found.usage, path)
    return cmd
