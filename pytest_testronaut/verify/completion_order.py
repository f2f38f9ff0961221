"""Positions in completion order, in output whose line order is declared irrelevant.

When work runs in parallel (a test runner's workers, a build's jobs), each line that
reports a finished item also says how far the run had got when it finished, and which
worker ran it: pytest-xdist's ``[gw1] [ 66%] PASSED test_x.py::test_a``, a builder's
``[3/4] Compiling c.o``, ``(2/5) done``. Those belong to the order of completion, not
to the item: in another run the same item finishes at another position, on another
worker. Declaring the order irrelevant (``unordered``) is declaring them irrelevant
too, with two limits that keep them evidence:

* the positions of one output must be the positions of the other, as a whole (a
  multiset: ``[ 33%]``, ``[ 66%]``, ``[100%]`` on both sides; ``[k/N]`` with the same
  ``k``s and the same ``N``): one item fewer, or one more, moves them and is caught;
* a worker's label is a bracketed name and number at the start of the line
  (``[gw0]``, ``[worker3]``); which line names which worker may change, not the
  workers named (the same labels on both sides, each as often or not), and the rest
  of the line is compared as any line is.

:func:`positions_set_aside` gives the two outputs with positions and workers made
placeholders, for the unordered line comparison of :mod:`.structural`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from .rules import Rule
from .structural import StructuralResult, compare_structure

__all__ = ["positions_set_aside", "unordered_again"]

# "[ 33%]", "[100%]"; "[3/4]"; "(3/4)" (not a date: no third part, no digits around)
_POSITION = re.compile(
    r"(?<![\w/])(?:\[\s*(?P<percent>\d{1,3})%\]|\[(?P<step>\d+)/(?P<steps>\d+)\]"
    r"|\((?P<item>\d+)/(?P<items>\d+)\))(?![\w/])")
_WORKER = re.compile(r"^(\s*)\[([A-Za-z][A-Za-z_-]*)\d{1,4}\](?=\s)")


def _set_aside(text: str) -> tuple[str, Counter[str], int]:
    """``text`` with each position and leading worker label a placeholder; the
    positions seen (with their totals) and the workers' labels (each once); how many
    placeholders were made."""
    positions: Counter[str] = Counter()
    made = 0

    def position(match: re.Match[str]) -> str:
        nonlocal made
        made += 1
        if match["percent"] is not None:
            positions[f"{int(match['percent'])}%"] += 1
            return "[<POSITION>%]"
        if match["step"] is not None:
            positions[f"[{match['step']}/{match['steps']}]"] += 1
            return f"[<POSITION>/{match['steps']}]"
        positions[f"({match['item']}/{match['items']})"] += 1
        return f"(<POSITION>/{match['items']})"

    lines = []
    for line in text.split("\n"):
        worker = _WORKER.match(line)
        if worker is not None:
            positions[f"worker {worker[0].strip()}"] = 1
            line = f"{worker[1]}[{worker[2]}<WORKER>]{line[worker.end():]}"
            made += 1
        lines.append(_POSITION.sub(position, line))
    return "\n".join(lines), positions, made


def positions_set_aside(expected: str, actual: str) -> tuple[str, str, int] | None:
    """Both outputs with their completion positions (``<POSITION>``) and workers'
    numbers (``<WORKER>``) made placeholders, and how many were made in the expected
    one; ``None`` when there are none, or when the positions of one output are not
    those of the other (then the outputs differ in how many items they finished)."""
    left, positions_l, made = _set_aside(expected)
    right, positions_r, _ = _set_aside(actual)
    if not made or positions_l != positions_r:
        return None
    return left, right, made


def unordered_again(expected: str, actual: str, first: StructuralResult,
                    rules: Sequence[Rule], use_default_rules: bool) -> StructuralResult:
    """The unordered line comparison of the outputs with completion positions and
    workers set aside (:func:`positions_set_aside`), when it finds them equal; else
    ``first`` (the comparison that failed)."""
    aside = positions_set_aside(expected, actual)
    if aside is None:
        return first
    left, right, made = aside
    again = compare_structure(left, right, fmt="text", unordered=True, rules=rules,
                              use_default_rules=use_default_rules)
    if again is None or not again.equal:
        return first
    return replace(again, explanation=(
        f"{again.explanation[:-1]}, once the {made} position(s) in completion order and "
        "workers' numbers are set aside (the same positions on both sides)."))
