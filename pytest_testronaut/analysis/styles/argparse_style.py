"""Python argparse: ``usage:``, ``positional arguments:``, ``options:``, ``{a,b}``."""

from __future__ import annotations

import re

from .._engine import Rules, build_command, walk
from .._helpers import choices_from_value
from .._usage import mark_required
from ..spec import Command

RULES = Rules(
    style="argparse",
    argument_heading=re.compile(r"^positional arguments$|^arguments$", re.I),
    command_heading=re.compile(r"^(sub)?commands$|^available commands$", re.I),
)


def parse(text: str, name: str, path: list[str]) -> Command:
    """Parse argparse help; subparsers come from the ``{a,b,c}`` choice row."""
    found = walk(text, RULES)
    cmd = build_command(found, "argparse", name, path)
    mark_required(cmd, found.usage)
    if not cmd.subcommands:
        # subparsers without per-command help show only the ``{a,b,c}`` row
        for row in found.rows:
            choices = choices_from_value(row.head.split()[0]) \
                if row.kind == "argument" and row.subparsers else None
            if choices:
                cmd.subcommands = [Command(name=c, path=[*path, c], help_style="argparse")
                                   for c in choices]
                break
    return cmd
