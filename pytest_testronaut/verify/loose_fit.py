"""Where a recorded line's holes lie in an output line whose text beside them changed.

A recorded line with holes (:mod:`.holes`) fits an output line when every hole holds
a value of its kind and the text around them is as recorded. When that text changed
too, the holes still say which spans are the case's own dynamic values; what changed
beside them is for the verification tiers to judge, as they judge a line without holes
(a load average or an uptime that both recording runs printed alike, a request id the
rules know). :func:`loose_fill` finds the holes' values in the output line, reading the
recorded text around them loosely (any word of letters and digits where it has one
with digits, any blanks where it has blanks), and returns the recorded line with each
hole filled by its value: the text the tiers then compare with the output line. The
holes' values must still be of their kinds; the text beside them is not taken as
fitting, only located.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .holes import Hole, Line

__all__ = ["loose_fill"]

MAX_LOOSE_CHARS = 2000
_LOOSE = re.compile(r"[A-Za-z]*[0-9][A-Za-z0-9]*|[ \t]+|[A-Za-z]+|[^A-Za-z0-9 \t]")


def _loose(text: str) -> str:
    out = []
    for match in _LOOSE.finditer(text):
        piece = match.group()
        if any(ch.isdigit() for ch in piece):
            out.append("[A-Za-z0-9]+")
        elif piece[0] in " \t":
            out.append("[ \t]+" if len(piece) > 1 or piece == "\t" else "[ \t]*")
        else:
            out.append(re.escape(piece))
    return "".join(out)


@lru_cache(maxsize=1024)
def _loose_regex(line: Line) -> re.Pattern[str]:
    return re.compile("".join(f"({p.pattern})" if isinstance(p, Hole) else _loose(p)
                              for p in line))


def loose_fill(line: Line, actual: str) -> str | None:
    """``line`` with each hole filled by its value in ``actual``, when ``actual`` is
    ``line`` read loosely (its words with digits and its blanks may differ); ``None``
    when the holes cannot be found so."""
    if len(actual) > MAX_LOOSE_CHARS or not any(isinstance(p, Hole) for p in line):
        return None
    match = _loose_regex(line).fullmatch(actual)
    if match is None:
        return None
    values = iter(match.groups())
    return "".join(next(values) if isinstance(p, Hole) else p for p in line)
