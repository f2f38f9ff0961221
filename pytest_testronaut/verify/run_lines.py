"""Which line of one recording run is which line of another.

Hole learning (:mod:`.hole_learning`) compares a case's runs line by line. When the
runs printed their lines in another order (parallel workers, a set printed by a
language with random hashing) and their values differed too, the lines at the same
position are not the same line: ``job b took 25ms`` is no later run of ``job a took
12ms``. :func:`reordered_runs` finds each line's partner by its *shape* (the line with
every value that holds a digit written as one mark, blanks squeezed), so that holes are
learned between partners, and says the case's order is not part of its output.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

__all__ = ["line_shape", "reordered_runs"]

_VALUE = re.compile(r"[A-Za-z0-9_.:/+-]*[0-9][A-Za-z0-9_.:/+-]*")
_BLANKS = re.compile(r"[ \t]+")


def line_shape(line: str) -> str:
    """``line`` with each value that holds a digit as ``#`` and blanks squeezed: what
    stays of a line when its dynamic values change."""
    return _BLANKS.sub(" ", _VALUE.sub("#", line))


def reordered_runs(runs: Sequence[Sequence[str]]) -> list[list[str]] | None:
    """The runs' lines, each run's reordered to the first run's order, when some run
    printed its lines in another order: the same shapes of lines, and lines that share
    more with a line elsewhere than with the one at their own position. ``None`` when
    the runs kept one order, differ in more than order, or are too long to pair."""
    first = runs[0]
    shapes = [line_shape(line) for line in first]
    moved = False
    out = [list(first)]
    for lines in runs[1:]:
        other = [line_shape(line) for line in lines]
        if sorted(other) != sorted(shapes):
            return None
        order = _partners(first, shapes, lines, other)
        if order is None:
            return None
        moved = moved or order != list(range(len(lines)))
        out.append([lines[k] for k in order])
    return out if moved else None


MAX_PAIRED_LINES = 300


def _partners(first: Sequence[str], shapes: list[str], lines: Sequence[str],
              other: list[str]) -> list[int] | None:
    """For each line of ``first``, the index of its partner in ``lines``: the line at
    its own position unless a line of its shape elsewhere shares more of its text
    (ties keep the position)."""
    differing = [k for k in range(len(first)) if first[k] != lines[k]]
    if len(differing) > MAX_PAIRED_LINES:
        return None
    order = list(range(len(first)))
    if not differing:
        return order
    tokens = {k: Counter(_TOKENS.findall(first[k])) for k in differing}
    theirs = {k: Counter(_TOKENS.findall(lines[k])) for k in differing}
    scores: dict[tuple[int, int], int] = {}
    for i in differing:
        for k in differing:
            if other[k] == shapes[i]:
                scores[i, k] = _shared(tokens[i], theirs[k])
    if all(scores.get((i, i), -1) >= score for (i, _), score in scores.items()):
        return order  # every line shares most with the line at its own position
    taken: set[int] = set()
    placed: set[int] = set()
    for (i, k), _score in sorted(scores.items(),
                                 key=lambda item: (-item[1], abs(item[0][0] - item[0][1]))):
        if i in placed or k in taken:
            continue
        order[i] = k
        placed.add(i)
        taken.add(k)
    if len(placed) != len(differing):
        return None
    return order


_TOKENS = re.compile(r"[A-Za-z0-9]+|[^A-Za-z0-9\s]")


def _shared(left: Counter[str], right: Counter[str]) -> int:
    """How many tokens two lines share."""
    return sum((left & right).values())
