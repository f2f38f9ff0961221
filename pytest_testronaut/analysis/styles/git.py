"""git-like: command lists under free-form headings, parse-options rows, ``or:`` usages.

``git --help`` groups commands under headings without colons; ``git commit -h``
prints parse-options rows (``-q, --[no-]quiet``); ``git stash -h`` names its
subcommands only in ``or:`` usage lines; ``apt-get`` lists ``name - summary``.
"""

from __future__ import annotations

from .._engine import Rules, build_command, walk
from .._usage import fill_positionals, literal_subcommands
from ..spec import Command

RULES = Rules(style="git", bare_headings_are_commands=True, dash_separated_commands=True)


def parse(text: str, name: str, path: list[str]) -> Command:
    """Parse git-like help."""
    found = walk(text, RULES)
    cmd = build_command(found, "git", name, path)
    if not cmd.subcommands:
        for sub in literal_subcommands(found.usage):
            cmd.subcommands.append(Command(name=sub, path=[*path, sub], help_style="git"))
        if cmd.subcommands:
            return cmd  # each pattern has its own positionals; the subcommands tell them
    fill_positionals(cmd, found.usage, path)
    return cmd
