"""``parse_help``: one help text in, one :class:`~.spec.Command` out."""

from __future__ import annotations

import re
from collections.abc import Callable

from ._usage import mark_optional_positionals
from .detect import detect_style
from .example_operands import fill_example_operands
from .exit_status import exit_statuses
from .listed_choices import fill_listed_choices
from .option_columns import split_option_columns
from .spec import Command, HelpStyle
from .styles import (
    argparse_style,
    clap,
    click_style,
    cobra,
    docopt,
    git,
    gnu,
    optparse_style,
    typer_style,
)
from .usage_only import fill_from_bare_usage

_PARSERS: dict[HelpStyle, Callable[[str, str, list[str]], Command]] = {
    "argparse": argparse_style.parse,
    "click": click_style.parse,
    "typer": typer_style.parse,
    "optparse": optparse_style.parse,
    "gnu": gnu.parse,
    "git": git.parse,
    "cobra": cobra.parse,
    "clap": clap.parse,
    "docopt": docopt.parse,
    # no style mark found: GNU rules are the most permissive (rows anywhere)
    "unknown": gnu.parse,
}


def parse_help(text: str, *, name: str = "", path: list[str] | None = None,
               style: HelpStyle | None = None) -> Command:
    """Parse one help text into a :class:`Command`.

    ``name`` names the command (default: the program word of the usage line);
    ``path`` is the argv prefix that reaches it (``["docker", "run"]``); ``style``
    skips detection. Subcommands come back as children with names and summaries
    only: their own options need their own help text (see :func:`.discover`).
    """
    text = split_option_columns(text)  # ``-0  print single-row    -e  format ...``
    chosen = style or detect_style(text)
    path = list(path) if path is not None else ([name] if name else [])
    cmd = _PARSERS[chosen](text, name, path)
    cmd.help_style = chosen
    mark_optional_positionals(cmd, cmd.usage.splitlines(), path)
    cmd.exit_statuses = exit_statuses(text)
    fill_listed_choices(cmd, text)
    if not cmd.name:
        match = re.search(r"^\s*usage:\s*(\S+)", text, re.I | re.M)
        cmd.name = match.group(1) if match else ""
    fill_example_operands(cmd, text)
    fill_from_bare_usage(cmd, text)  # ``Usage: which [-a] args``, nothing else
    for sub in cmd.subcommands:
        sub.help_style = chosen
    return cmd
