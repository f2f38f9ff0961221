"""Guess which library printed a help text, from marks each style leaves.

Each style has a few telling marks (typer's box drawing, argparse's lower-case
``usage:`` and ``positional arguments:``, GNU's ``[OPTION]...``); every mark found adds
its weight and the highest total wins. Ties go to the earlier style in ``_MARKS``.
"""

from __future__ import annotations

import re

from ._helpers import normalize_text
from .spec import HelpStyle

_M = re.MULTILINE
_MARKS: tuple[tuple[HelpStyle, re.Pattern[str], int], ...] = (
    ("typer", re.compile(r"[╭┌]─"), 10),
    ("git", re.compile(r"--\[no-\]"), 6),
    ("git", re.compile(r"^\s+or: \S+ \S+", _M), 3),
    ("git", re.compile(r"^usage: git\b", _M), 6),
    ("git", re.compile(r"'\w+ help (-a|<command>)'|See '\w+ help"), 3),
    ("git", re.compile(r"^\s+[a-z][\w-]* - \S", _M), 2),
    ("cobra", re.compile(r"^(Available Commands|Flags|Global Flags|Aliases):\s*$", _M), 5),
    ("cobra", re.compile(r"^Use \"\S+( \S+)* (\[command\]|<command>) --help\"", _M), 5),
    ("cobra", re.compile(r"^Use \"\S+ options\" for a list of global", _M), 5),
    ("cobra", re.compile(r"^Run '\S+( \S+)* (COMMAND|\[command\]) --help'", _M), 5),
    ("cobra", re.compile(r"^\s+-[\w-]*(, --[\w-]+)?=\S*:$", _M), 3),
    ("cobra", re.compile(r"^Usage:  \S", _M), 3),
    ("cobra", re.compile(r"--[\w-]+ (string|int|list|duration|uint16|uint64|bytes|strings|"
                         r"stringArray|float|decimal|int64|uint|ulimit|mount|port|"
                         r"filter|command)\s{2}"), 2),
    ("clap", re.compile(r"\[possible values: "), 4),
    ("clap", re.compile(r"^\s+-h, --help\s*(\n\s+)?Print help", _M), 5),
    ("clap", re.compile(r"^(ARGS|OPTIONS|SUBCOMMANDS|FLAGS):$", _M), 4),
    ("clap", re.compile(r"^\s+-\w, --[\w-]+ <[A-Z_-]+>", _M), 2),
    ("clap", re.compile(r"^Usage: \S+.*\[OPTIONS\]( \[?<|\s*\[COMMAND\])", _M), 2),
    ("argparse", re.compile(r"^usage: ", _M), 3),
    ("argparse", re.compile(r"^(options|optional arguments|positional arguments):$", _M), 4),
    ("argparse", re.compile(r"show this help message and exit"), 1),
    ("argparse", re.compile(r"\{[\w-]+(,[\w-]+)+\}"), 1),
    ("optparse", re.compile(r"^Usage: ", _M), 1),
    ("optparse", re.compile(r"^  -\w [A-Z_]+, --[\w-]+=[A-Z_]+", _M), 4),
    ("optparse", re.compile(r"^[A-Z][\w ]* Options:$", _M), 4),
    ("optparse", re.compile(r"^Usage:\s+\S+ .*\[options\]", _M), 1),
    ("click", re.compile(r"^Usage: \S+( \S+)* \[OPTIONS\]", _M), 3),
    ("click", re.compile(r"Show this message and exit\."), 4),
    ("click", re.compile(r"--[\w-]+ / --[\w-]+"), 2),
    ("docopt", re.compile(r"^Usage:\s*\n(\s+\S+ .*\n)+", _M), 2),
    ("docopt", re.compile(r"^Usage:\s*\n\s+\S+ (.* )?\[options\]", _M), 2),
    ("docopt", re.compile(r"^\s+--[\w-]+ -\w( |$)", _M), 4),
    ("docopt", re.compile(r"^\s+--[\w-]+(=| )<\w+>.*\[default: ", _M), 3),
    ("gnu", re.compile(r"\[OPTION\]\.\.\."), 6),
    ("gnu", re.compile(r"display this help and exit"), 4),
    ("gnu", re.compile(r"Mandatory arguments to long options"), 4),
    ("gnu", re.compile(r"^\s+-\w, --[\w-]+\[?=[A-Z]", _M), 2),
)


def style_scores(text: str) -> dict[HelpStyle, int]:
    """Every style's total weight of marks found in ``text``."""
    plain = text if "╭" in text or "┌" in text else normalize_text(text)
    scores: dict[HelpStyle, int] = {}
    for style, pattern, weight in _MARKS:
        if pattern.search(plain):
            scores[style] = scores.get(style, 0) + weight
    return scores


def detect_style(text: str) -> HelpStyle:
    """The help style ``text`` most likely has; ``"unknown"`` when no mark is found."""
    scores = style_scores(text)
    if not scores:
        return "unknown"
    best = max(scores.values())
    order = [style for style, _, _ in _MARKS]
    return min((s for s, v in scores.items() if v == best), key=order.index)
