"""clap (Rust): ``Usage:``/``Arguments:``/``Options:``/``Commands:`` (or clap 2's
upper-case ``USAGE:``/``ARGS:``/``OPTIONS:``/``SUBCOMMANDS:``), ``<VALUE>``,
``[possible values: a, b]``, ``[default: x]``, ``-v, --verbose...``."""

from __future__ import annotations

import re

from .._engine import Rules, build_command, walk
from .._usage import fill_positionals, mark_required
from ..spec import Command

RULES = Rules(style="clap", argument_heading=re.compile(r"^(arguments|args)$", re.I),
              command_heading=re.compile(r"^(sub)?commands$", re.I))


def parse(text: str, name: str, path: list[str]) -> Command:
    """Parse clap help; custom headings (``Package Selection:``) hold options too."""
    found = walk(text, RULES)
    cmd = build_command(found, "clap", name, path)
    mark_required(cmd, found.usage)
    fill_positionals(cmd, found.usage, path)
    return cmd
