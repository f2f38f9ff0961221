"""Flags related to an option by the words of their help, for generation with a
sandbox: an option that shows nothing alone, with the options its help names or
beside other options' values may show beside a flag its help shares a word with
(``--indent_width: indentation width`` beside ``--reindent: reindent statements``,
``--ignore-case: ignore case when sorting`` beside ``--all: sort ALL keys``)."""

from __future__ import annotations

import re

from ..analysis.spec import Command, Option

MAX_RELATED = 3
_WORD = re.compile(r"[a-z]{4,}")
# words too common in option help to relate two options
_COMMON = {"default", "output", "input", "file", "files", "with", "when", "that", "this",
           "from", "each", "only", "instead", "than", "into", "also", "does", "none",
           "show", "print", "display", "help", "version", "exit", "given", "value",
           "before", "after", "first", "last", "lines", "line", "used", "using", "use"}


def _stems(option: Option) -> set[str]:
    text = f"{' '.join(option.flags)} {option.description}".lower().replace("_", " ")
    return {w for w in _WORD.findall(text) if w not in _COMMON}


def _shared(mine: set[str], other: set[str]) -> int:
    """How many of ``mine`` share their first four letters with a word of ``other``
    inside it (``indentation`` and ``reindent``, ``sorting`` and ``sort``)."""
    return sum(1 for word in mine if any(word[:4] in w or w[:4] in word for w in other))


def related_flag_contexts(command: Command, option: Option) -> list[list[str]]:
    """The flags (options without a value) sharing the most word stems with
    ``option``'s flags and help, at most ``MAX_RELATED``, each as a context."""
    mine = _stems(option)
    scored: list[tuple[int, int, Option]] = []
    for index, other in enumerate(command.options):
        if other is option or other.takes_value or {"-h", "--help", "--version"} & set(
                other.flags):
            continue
        shared = _shared(mine, _stems(other))
        if shared:
            scored.append((-shared, index, other))
    return [[other.primary] for _, _, other in sorted(scored)[:MAX_RELATED]]
