"""Outputs that differ only in a name made afresh on every run.

``mktemp`` prints ``/tmp/tmp.0JAB5lEqiP`` one run and ``/tmp/tmp.k6BlrtnSnA`` the next.
The recorded comparison takes the two as the same (a temporary name is dynamic, see
:mod:`..verify.dynamic`), so the option search does too; but the exact bytes differ,
and a search looking for differences "only where the comparison is lenient" (see
:mod:`.discounted`) would take the new random letters of ``mktemp --directory`` for the
option's effect and pin them in a regex that no re-run meets. Such a difference is
the run, not the option: :func:`random_only` tells it.
"""

from __future__ import annotations

import re

_WORD_CHAR = re.compile(r"[A-Za-z0-9_]")
MIN_RUN = 6  # random characters in a row, as mktemp's XXXXXX at the least
MIN_CHANGED = 3  # of them changed: one or two are a different name, not a random one


def random_line(first: str, second: str) -> bool:
    """Whether two lines are equal but for runs of random characters: the same length
    and layout, at least :data:`MIN_CHANGED` characters changed, every one of them in
    a run of at least :data:`MIN_RUN` letters, digits or underscores."""
    if len(first) != len(second) or first == second:
        return False
    skeleton = _WORD_CHAR.sub("x", first)
    if skeleton != _WORD_CHAR.sub("x", second):
        return False
    changed = [i for i, (a, b) in enumerate(zip(first, second, strict=True)) if a != b]
    if len(changed) < MIN_CHANGED:
        return False
    runs = [run.span() for run in re.finditer(f"x{{{MIN_RUN},}}", skeleton)]
    return all(any(start <= i < end for start, end in runs) for i in changed)


def random_only(first: str, second: str) -> bool:
    """Whether two outputs differ, and only in lines that are :func:`random_line`
    pairs (the other lines equal)."""
    if first == second:
        return False
    lines, others = first.split("\n"), second.split("\n")
    if len(lines) != len(others):
        return False
    return all(a == b or random_line(a, b) for a, b in zip(lines, others, strict=True))
