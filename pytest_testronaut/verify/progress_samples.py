"""Progress printed a line at a time: samples of a running count, of which only the
last is the result.

A tool that reports progress on lines of their own (not redrawn with ``\\r``) prints
one line per tick of its clock: ``[ 25%] copied 1.0 MB of 4.0 MB``, then ``[ 50%]
...``. How many such lines a run prints, and at which percentages, depends on the
machine's speed; the last one (``[100%] copied 4.0 MB of 4.0 MB``) and the lines
around the run are what the tool computed.

A *run of samples* is two or more consecutive lines that are alike once their
numbers, their bars and their spacing are set aside (one template), each holding a
progress figure, a percentage or a count of one total (``12/40``, ``1.2 MB of 5.0
MB``, ``1.2/5.0 MB``), that never goes down along the run. :func:`final_samples`
keeps the last line of every run and drops the others, on both outputs; the caller
compares what is left as any output (so the final line's figures, the totals, the
summary after the run and every line outside a run stay exact). Lines of one template
whose figures go down (a list of items, a table) are not a run, nor is a count that
goes up by one on every line (each item reported: a list, whose lines are data).
"""

from __future__ import annotations

import re
from itertools import pairwise

__all__ = ["final_samples"]

# A percentage, or a count of a total (``12/40``, ``1.2 MB of 5.0``): how far a run is.
_PERCENT = re.compile(r"(?<![\d.])(\d{1,3}(?:\.\d+)?)\s?%")
_FRACTION = re.compile(
    r"(?<![\d./])(\d+(?:\.\d+)?)\s?(?:[KMGTP]i?B|[kK]B|B|bytes)?\s?(?:/|\bof\b)\s?"
    r"(\d+(?:\.\d+)?)(?![\d/])")
# What a template sets aside: numbers (with their separators), bars and spacing.
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_BAR_AND_SPACE = re.compile(r"[\s#=>\-.█▉▊▋▌▍▎▏━─═■□░▒▓╸╺╾]+")
# Lines per output past which no runs are looked for (the outputs differ anyway).
MAX_LINES = 50_000


def _figure(line: str) -> tuple[float, float] | None:
    """How far the line says the work is: (the figure, the total it counts to; 100 for
    a percentage), or ``None`` when it holds no progress figure."""
    match = _PERCENT.search(line)
    if match is not None:
        value = float(match[1])
        return (value, 100) if value <= 100 else None
    match = _FRACTION.search(line)
    if match is not None:
        done, total = float(match[1]), float(match[2])
        return (done, total) if total > 0 and done <= total else None
    return None


def _template(line: str) -> str:
    return _BAR_AND_SPACE.sub(" ", _NUMBER.sub("#", line)).strip()


def _runs(lines: list[str]) -> list[tuple[int, int, list[float]]]:
    """The runs of samples among ``lines``: (first index, end index, figures)."""
    runs: list[tuple[int, int, list[float]]] = []
    start, key = 0, None  # the current run's first line, and its (template, total)
    figures: list[float] = []
    for index, line in enumerate([*lines, ""]):
        figure = _figure(line) if index < len(lines) else None
        this = (_template(line), figure[1]) if figure is not None else None
        if this is not None and this == key and figure is not None and figure[0] >= figures[-1]:
            figures.append(figure[0])
            continue
        if len(figures) >= 2:
            runs.append((start, index, figures))
        start, key = index, this
        figures = [figure[0]] if figure is not None else []
    return runs


def _item_list(figures: list[float], total: float) -> bool:
    """A count that goes up by one on every line reports each item: a list, whose
    lines are data (one lost is a change), not samples taken by a clock."""
    return total != 100 and all(b - a == 1 for a, b in pairwise(figures))


def _collapsed(lines: list[str]) -> tuple[list[str], int]:
    """``lines`` with every run of samples cut to its last line, and how many lines
    were dropped."""
    kept: list[str] = []
    done = 0
    for start, end, figures in _runs(lines):
        total = (_figure(lines[start]) or (0.0, 0.0))[1]
        if _item_list(figures, total):
            continue
        kept += lines[done:start]
        kept.append(lines[end - 1])
        done = end
    kept += lines[done:]
    return kept, len(lines) - len(kept)


def final_samples(expected: str, actual: str) -> tuple[str, str, int] | None:
    """The two outputs with each run of progress samples cut to its last line, and the
    number of lines dropped from both; ``None`` when neither has a run."""
    lines_e, lines_a = expected.split("\n"), actual.split("\n")
    if len(lines_e) > MAX_LINES or len(lines_a) > MAX_LINES:
        return None
    kept_e, dropped_e = _collapsed(lines_e)
    kept_a, dropped_a = _collapsed(lines_a)
    if not dropped_e and not dropped_a:
        return None
    return "\n".join(kept_e), "\n".join(kept_a), dropped_e + dropped_a
