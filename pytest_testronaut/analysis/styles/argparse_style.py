"""Python argparse: ``usage:``, ``positional arguments:``, ``options:``, ``{a,b}``."""

from __future__ import annotations

import re

from .._engine import Rules, build_command, walk
from .._helpers import choices_from_value
from .._usage import mark_required, positionals_from_usage
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
    # a positional in an argument group of its own ("target options:") has no row
    # the walker reads as one: the usage line still names it (isort's ``[files ...]``)
    listed = {p.name: p for p in cmd.positionals}
    in_usage = positionals_from_usage(found.usage, path, bool(cmd.subcommands))
    if any(p.name not in listed for p in in_usage):
        named = {p.name for p in in_usage}
        cmd.positionals = [listed.get(p.name, p) for p in in_usage] + \
            [p for p in cmd.positionals if p.name not in named]
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
