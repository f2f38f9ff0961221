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
    printed the same shapes of lines in another order (and every line has a partner of
    its shape); ``None`` when the runs kept one order or differ in more than order."""
    first = runs[0]
    shapes = [line_shape(line) for line in first]
    moved = False
    out = [list(first)]
    for lines in runs[1:]:
        other = [line_shape(line) for line in lines]
        if sorted(other) != sorted(shapes):
            return None
        if other == shapes:
            out.append(list(lines))
            continue
        moved = True
        out.append(_partners(first, shapes, lines, other))
    return out if moved else None


def _partners(first: Sequence[str], shapes: list[str], lines: Sequence[str],
              other: list[str]) -> list[str]:
    """``lines`` in the order of ``first``: each line's partner is the same text if
    there is one left, else the line of its shape that shares most of it."""
    free = list(range(len(lines)))
    chosen: dict[int, int] = {}
    for index, line in enumerate(first):  # the same text first: it leaves no doubt
        same = next((k for k in free if lines[k] == line), None)
        if same is not None:
            chosen[index] = same
            free.remove(same)
    for index, line in enumerate(first):
        if index in chosen:
            continue
        candidates = [k for k in free if other[k] == shapes[index]]
        best = max(candidates, key=lambda k: (_shared(line, lines[k]), -k))
        chosen[index] = best
        free.remove(best)
    return [lines[chosen[index]] for index in range(len(first))]


def _shared(left: str, right: str) -> int:
    """How many characters two lines share at their start and at their end."""
    head = 0
    for a, b in zip(left, right, strict=False):
        if a != b:
            break
        head += 1
    tail = 0
    for a, b in zip(reversed(left[head:]), reversed(right[head:]), strict=False):
        if a != b:
            break
        tail += 1
    return head + tail
