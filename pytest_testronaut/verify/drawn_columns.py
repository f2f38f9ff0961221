"""Columns whose header names a drawn value: a token, a nonce, a salt, a session.

A table's header says what each column holds. Under ``token``, ``nonce``, ``salt``,
``secret``, ``session``, ``cookie``, ``uuid`` or ``guid`` a run prints a value it drew
(``hex(randomblob(6))`` in a query, a session's key), the way ``token=...`` beside
its key is one (the rule ``token-context`` of :mod:`.rules`). Such a value may change
into another of the same length and alphabet (hex in one case, or letters and digits
mixed) that differs in most of its characters, as two draws do; one that changed
length or alphabet, or only a character or two (an off-by-one, a truncated id), or a
word, is data that changed. The other cells of the row stay
exact (their dynamic values checked by the rules as in any line).

The header of a row is the nearest line above it, in the same block (no blank line
between), that holds no digit, with only rows (lines with a digit) and rule lines
(dashes) between. A row's word belongs to the header word whose columns it overlaps,
and only when it overlaps exactly one. Nothing here knows a tool: only the words of
the header.

:mod:`.rerun_diff` asks this only about lines that differ and that no rule explained.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from operator import ne

__all__ = ["drawn_rows"]

_DRAWN_WORDS = frozenset({"token", "nonce", "salt", "secret", "session", "cookie", "uuid",
                          "guid"})
_WORD = re.compile(r"[^\W\d_]+")
_CELL = re.compile(r"\S+")
_RULE_LINE = re.compile(r"[\s\-=+|:]*")
# the alphabets a drawn value is written in: hex in one case, or letters and digits
# (where a draw mixes at least two of digits, lower and upper case: a word is no draw)
_HEX = (re.compile(r"[0-9a-f]+"), re.compile(r"[0-9A-F]+"))
_ALPHANUMERIC = re.compile(r"[0-9A-Za-z_-]+")
_CLASSES = (re.compile(r"\d"), re.compile(r"[a-z]"), re.compile(r"[A-Z]"))
_SHORTEST = 8  # shorter values may be anything (a count, a code)


def _header_above(lines: Sequence[str], index: int) -> str | None:
    for above in range(index - 1, max(index - 200, -1), -1):
        line = lines[above]
        if not line.strip():
            return None
        if _RULE_LINE.fullmatch(line) or any(c.isdigit() for c in line):
            continue
        return line
    return None


def _drawn_spans(header: str) -> list[tuple[int, int, bool]]:
    """The header's words as (start, end, names a drawn value)."""
    return [(m.start(), m.end(), any(w.lower() in _DRAWN_WORDS for w in _WORD.findall(m[0])))
            for m in _CELL.finditer(header)]


def _under_drawn_header(line: str, value: str, spans: list[tuple[int, int, bool]]) -> bool:
    cells = [m for m in _CELL.finditer(line) if m[0] == value]
    if len(cells) != 1:
        return False
    start, end = cells[0].span()
    over = [drawn for first, last, drawn in spans if first < end and start < last]
    return over == [True]


def _drawn_change(old: str, new: str) -> bool:
    """Two draws of one kind: one length, one alphabet, most characters different."""
    if len(old) != len(new) or len(old) < _SHORTEST:
        return False
    if not any(a.fullmatch(old) and a.fullmatch(new) for a in _HEX) and not (
            _ALPHANUMERIC.fullmatch(old) and _ALPHANUMERIC.fullmatch(new)
            and _mixed(old) and _mixed(new)):
        return False
    differing: int = sum(map(ne, old, new))
    return differing * 2 >= len(old)


def _mixed(value: str) -> bool:
    return sum(1 for kind in _CLASSES if kind.search(value)) >= 2


def drawn_rows(rows: Mapping[int, tuple[str, str, str, str]], expected: str,
               actual: str) -> set[int]:
    """The indexes of ``rows`` (index -> the two lines normalized, then as printed)
    whose only changed words are values under a header that names a drawn value,
    changed as two draws differ (:func:`_drawn_change`)."""
    lines_l, lines_r = expected.split("\n"), actual.split("\n")
    explained: set[int] = set()
    for index, (norm_l, norm_r, line_l, line_r) in rows.items():
        words_l, words_r = norm_l.split(), norm_r.split()
        if len(words_l) != len(words_r):
            continue
        changed = [(a, b) for a, b in zip(words_l, words_r, strict=True) if a != b]
        header_l, header_r = _header_above(lines_l, index), _header_above(lines_r, index)
        if not changed or header_l is None or header_r is None or (
                header_l.split() != header_r.split()):
            continue
        spans_l, spans_r = _drawn_spans(header_l), _drawn_spans(header_r)
        if all(_drawn_change(a, b) and _under_drawn_header(line_l, a, spans_l)
               and _under_drawn_header(line_r, b, spans_r) for a, b in changed):
            explained.add(index)
    return explained
