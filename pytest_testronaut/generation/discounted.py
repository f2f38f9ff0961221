"""Checks for differences the recorded comparison discounts on purpose.

A recorded ``stdout: equals`` passes outputs that differ only in JSON key order or
indentation, a missing final newline, trailing spaces or line endings (see
:func:`.probe.equivalent`): that is what keeps plans green on harmless changes, and
what lets a build that ignores ``--sort-keys`` or ``--indent 2``, or drops its final
newline, pass. Where the option search saw an option change only such bytes, or a case
is the one that shows how the output ends, the case gets a ``stdout: regex`` on the
raw output that its own output meets and the other one does not:

- ``^    "a": 1,\\n    "b": 2$``: the exact lines (their indentation, order and
  trailing spaces), shortest first, as few lines as tell the two apart;
- ``\\n\\Z`` (ends with a newline) or ``[^\\n]\\Z`` (does not).

Regexes are checked on the raw output, after the recorded comparison; recording keeps
one only when every recorded run meets it. Pure functions: generation stays
deterministic.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..verify.checks import regex_search
from .random_names import random_only

if TYPE_CHECKING:
    from .evidence import Search
    from .probe import Outcome, Probe

ENDS_WITH_NEWLINE = r"\n\Z"
ENDS_WITHOUT_NEWLINE = r"[^\n]\Z"
MAX_WINDOW = 3  # consecutive lines in one pattern
MAX_LINE = 120  # characters of a line a pattern may quote
# four digits or more in a row, or a time of day: a year, a size, an id, a clock that
# may change between runs
_VOLATILE = re.compile(r"\d{4,}|\d:\d\d")
_SPECIAL = set("\\.^$*+?{}[]|()")


def literal(line: str) -> str:
    """``line`` as a regex matching exactly it, readable: only the characters regexes
    give a meaning are escaped (spaces stay spaces), tabs and control characters are
    written as ``\\t``, ``\\r``, ``\\xNN``."""
    out: list[str] = []
    for ch in line:
        if ch in _SPECIAL:
            out.append("\\" + ch)
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif not ch.isprintable():
            out.append(f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return "".join(out)


def ending_pattern(text: str) -> str | None:
    """The regex saying how ``text`` ends (with a newline or without), None for an
    empty text."""
    if not text:
        return None
    return ENDS_WITH_NEWLINE if text.endswith("\n") else ENDS_WITHOUT_NEWLINE


def telling_pattern(mine: str, other: str) -> str | None:
    """A regex on raw output that ``mine`` meets and ``other`` does not: the fewest
    consecutive lines of ``mine``, quoted exactly, that ``other`` does not have in that
    order (the first such window), else how ``mine`` ends. None when the two are equal
    or nothing short tells them apart."""
    if mine == other:
        return None
    lines = mine.split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # the final newline is ``ending_pattern``'s
    for size in range(1, MAX_WINDOW + 1):
        for start in range(len(lines) - size + 1):
            window = lines[start:start + size]
            if not any(line.strip() for line in window) or any(
                    len(line) > MAX_LINE or _VOLATILE.search(line) for line in window):
                continue
            pattern = "^" + r"\n".join(literal(line) for line in window) + "$"
            if regex_search(pattern, mine) and not regex_search(pattern, other):
                return pattern
    ending = ending_pattern(mine)
    if ending is not None and ending_pattern(other) != ending:
        return ending
    return None


def describe_pattern(pattern: str) -> str:
    """What a pattern of :func:`telling_pattern` checks, in words."""
    if pattern == ENDS_WITH_NEWLINE:
        return "the output ends with a newline"
    if pattern == ENDS_WITHOUT_NEWLINE:
        return "the output ends without a newline"
    count = len(re.findall(r"(?<!\\)\\n", pattern)) + 1
    return f"its exact {'line' if count == 1 else f'{count} lines'} (a regex)"


@dataclass(frozen=True)
class Discounted:
    """A candidate whose output differs from the run without the option only where the
    recorded comparison is lenient, and the regex that tells them apart."""

    probe: Probe
    outcome: Outcome
    pattern: str
    values: tuple[str, ...]


def discounted_evidence(search: Search, option_words: Sequence[Sequence[str]],
                        datasets: Sequence[str], referenced: Sequence[Sequence[str]] = (),
                        quoted: Sequence[Sequence[str]] = ()) -> Discounted | None:
    """The first candidate the option search already ran (no new runs: its answers are
    in the prober's cache), in the search's order, that works, exits as the run without
    the option does, and prints other bytes the comparison takes as the same."""
    cache = search.prober.cache
    for number, setting in enumerate(search.settings(referenced, quoted)):
        words_list = option_words if number == 0 else option_words[:4]
        inputs = datasets if number == 0 else datasets[:1 if setting.form == "none" else 3]
        for dataset in inputs:
            base = cache.get(search.at(setting, [], dataset))
            if base is None or base.timed_out or not search.accepts(base):
                continue
            for words in words_list:
                probe = search.at(setting, words, dataset)
                got = cache.get(probe)
                if got is None or got.timed_out or got.exit_code != base.exit_code or \
                        got.files != base.files or got.stdout == base.stdout or \
                        not got.same(base) or random_only(got.stdout, base.stdout):
                    continue  # (a name made afresh each run is the run, not the option)
                pattern = telling_pattern(got.stdout, base.stdout)
                if pattern is not None:
                    return Discounted(probe, got, pattern, tuple(words))
    return None
