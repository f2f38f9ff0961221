"""A process-time report on one line: the clocks a run is measured by, each naming
its figure, as shells, database clients and build tools print them.

* ``Run Time: real 0.014 user 0.001341 sys 0.000000`` (sqlite3's ``.timer on``),
  ``real 0.02 user 0.01 sys 0.00``, ``wall=0.51 user=0.40 sys=0.08``: each clock's
  name (``real``, ``user``, ``sys``, ``system``, ``wall``) before its figure;
* ``0.00s user 0.01s system`` (zsh's ``time``): the figure before the name.

At least two clocks in a row must be named: one ``real 0.5`` could be anything, two
or three clocks side by side are the report of a run's times, which a re-run changes.
Only the figures may change: the clocks named, their order, their units and the text
around them are data (a report that lost its ``sys`` clock, or whose ``real`` became
``user``, is another output). A lone ``real 0.02`` on a line of its own (``time -p``)
is the rule ``duration-posix`` of :mod:`.rules`.

The rule is given as a plain spec, turned into a :class:`.rules.Rule` by
:mod:`.rules` (its needles by :mod:`.line_filter`); :func:`same_clocks` is its check
in :mod:`.dynamic`.
"""

from __future__ import annotations

import re

__all__ = ["CLOCK_NEEDLES", "CLOCK_RULE_SPECS", "same_clocks"]

_CLOCK = r"(?:real|user|sys|system|wall)"
_FIGURE = r"\d+[.,]\d+s?"
_NAMED_FIRST = rf"{_CLOCK}[:=]?[ \t]+{_FIGURE}"
_FIGURE_FIRST = rf"{_FIGURE}[ \t]+{_CLOCK}"

#: (name, pattern, placeholder) of the rule, in the order it runs.
CLOCK_RULE_SPECS: tuple[tuple[str, str, str], ...] = (
    ("clock-report",
     rf"(?<![\w.])(?P<value>{_NAMED_FIRST}(?:[ \t,;]+{_NAMED_FIRST})+"
     rf"|{_FIGURE_FIRST}(?:[ \t,;]+{_FIGURE_FIRST})+)(?![\w.])",
     "<DURATION>"),
)

_FIGURES = re.compile(r"\d+[.,]\d+")


def same_clocks(expected: str, actual: str) -> str | None:
    """``None`` when two reports differ only in their figures (the clocks named, their
    order, units and separators kept); else why not."""
    if _FIGURES.sub("#", expected) != _FIGURES.sub("#", actual):
        return "names other clocks or units than the report it replaces (a report's labels are data)"
    return None

#: The needles of the rule, as :mod:`.line_filter` reads them (see
#: :data:`.log_rules.LOG_NEEDLES`): a clock's name beside a figure, in the view where
#: every digit is ``0``, every letter lower case and every blank a space.
CLOCK_NEEDLES: dict[str, tuple[str, str, str]] = {
    "clock-report": ("digits", r"(?:real|user|sys|wall)[:=]? +0+[.,]0"
                     r"|0[.,]0+s? +(?:real|user|sys|wall)", ""),
}
