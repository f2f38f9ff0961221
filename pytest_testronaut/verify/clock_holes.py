"""Holes for the recording's own clock: times the runs printed alike.

Recording learns a hole where a case's runs differed (:mod:`.hole_learning`). A
time the case prints at minute or second precision (``ls -l``'s ``Dec  1 16:04``,
``date +%H:%M``, ``date +%s``, today's date) is often the same in every run of a
recording, and different in every later run: left exact, it fails the plan a minute
or a day later. So a value that every run printed alike still becomes a hole when it
lies near the clock of the recording (it is the time of the run, not data):

* a date with a time of day (ISO, ``Dec  1 16:04``, ``Tue Dec  1 16:04:05``; a year
  is taken as the clock's when it is not printed) within 15 hours of the clock,
  whatever zone printed it;
* a date alone when it is the clock's date in some zone (within 15 hours);
* a time of day alone within 10 minutes (plus how long the runs took) of the
  clock's, in UTC or in this machine's zone, unless a colon leads it (``input.py:20:21:``
  is a line and a column);
* an epoch integer of 10, 13, 16 or 19 digits (seconds to nanoseconds) within a day
  of the clock.

Anything else printed alike stays exact: a date computed from fixed input, a time in
a fixture, a count.
"""

from __future__ import annotations

import calendar
import re
import time
from datetime import datetime, timezone

from .holes import HOLE_KINDS, Hole, Line, _render_line, parse_template

__all__ = ["clock_holes"]

ZONE_SPAN = 15 * 3600.0  # the widest zone offset (+14:00), and a little more
TIME_OF_DAY_SLACK = 600.0
EPOCH_SLACK = 86_400.0
_EPOCH_SCALES = {10: 1, 13: 10**3, 16: 10**6, 19: 10**9}

_TIMESTAMP = re.compile(r"(?<![0-9A-Za-z])(?:" + HOLE_KINDS["timestamp"][0] + r")(?![0-9])")
_EPOCH = re.compile(r"(?<![0-9A-Za-z.,:-])([0-9]{10}(?:[0-9]{3}){0,3})(\.[0-9]+)?(?![0-9A-Za-z])")
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?")
_MONTH_DAY = re.compile(r"(?:[A-Z][a-z]{2},? )?([A-Z][a-z]{2}) ([ \d]\d) (\d{2}):(\d{2})(?::(\d{2}))?")
_CLOCK = re.compile(r"(\d{2}):(\d{2})(?::(\d{2}))?")
_MONTHS = {name: number for number, name in enumerate(calendar.month_abbr) if name}


def _utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0,
         second: int = 0) -> float | None:
    try:
        return datetime(year, month, day, hour, minute, second, tzinfo=timezone.utc).timestamp()
    except ValueError:
        return None


def _near_clock(value: str, clock: float, took: float) -> bool:
    """Whether ``value`` (a timestamp hole's text) is the clock's time."""
    found = _ISO.fullmatch(value.split(".")[0].split(",")[0])
    if found is not None:
        year, month, day = (int(g) for g in found.groups()[:3])
        if found.group(4) is None:  # a date alone: the clock's date in some zone
            start = _utc(year, month, day)
            return start is not None and start - ZONE_SPAN <= clock < start + 86_400 + ZONE_SPAN
        instant = _utc(year, month, day, int(found.group(4)), int(found.group(5)),
                       int(found.group(6) or 0))
        return instant is not None and abs(instant - clock) <= ZONE_SPAN + took
    found = _MONTH_DAY.fullmatch(value.split(".")[0].split(",")[0])
    if found is not None:
        month_of = _MONTHS.get(found.group(1))
        if month_of is None:
            return False
        this_year = datetime.fromtimestamp(clock, timezone.utc).year
        for year in (this_year - 1, this_year, this_year + 1):
            instant = _utc(year, month_of, int(found.group(2)), int(found.group(3)),
                           int(found.group(4)), int(found.group(5) or 0))
            if instant is not None and abs(instant - clock) <= ZONE_SPAN + took:
                return True
        return False
    found = _CLOCK.fullmatch(value.split(".")[0].split(",")[0])
    if found is None:
        return False
    seconds = int(found.group(1)) * 3600 + int(found.group(2)) * 60 + int(found.group(3) or 0)
    local = time.localtime(clock)
    for of_day in (clock % 86_400, local.tm_hour * 3600 + local.tm_min * 60 + local.tm_sec):
        apart = abs(seconds - of_day) % 86_400
        if min(apart, 86_400 - apart) <= TIME_OF_DAY_SLACK + took:
            return True
    return False


def _epoch_near(digits: str, clock: float) -> bool:
    scale = _EPOCH_SCALES.get(len(digits))
    return scale is not None and abs(int(digits) / scale - clock) <= EPOCH_SLACK


def _split(text: str, clock: float, took: float) -> list[str | Hole]:
    """``text`` (literal) with its values of the clock made holes."""
    spans: list[tuple[int, int, Hole]] = []
    for match in _TIMESTAMP.finditer(text):
        if _CLOCK.fullmatch(match.group()) and text[max(match.start() - 1, 0):match.start()] == ":":
            continue  # ``input.py:20:21:``: a line and column after a name, not a time
        if _near_clock(match.group(), clock, took):
            spans.append((match.start(), match.end(), Hole("timestamp")))
    for match in _EPOCH.finditer(text):
        if _epoch_near(match.group(1), clock) and not any(
                s < match.end() and match.start() < e for s, e, _ in spans):
            # with its fraction (``1796162550.6372201``): one value, a decimal number
            spans.append((match.start(), match.end(), Hole("num" if match.group(2) else "int")))
    parts: list[str | Hole] = []
    at = 0
    for start, end, hole in sorted(spans, key=lambda s: s[0]):
        if start > at:
            parts.append(text[at:start])
        parts.append(hole)
        at = end
    if at < len(text):
        parts.append(text[at:])
    return parts


def clock_holes(text: str, clock: float, took: float = 0.0) -> tuple[str, int]:
    """``text`` (an expected text in the hole notation, as learned) with each literal
    value that lies near ``clock`` (seconds since the epoch; the runs ended then and
    took ``took`` seconds) made a hole, and how many were added."""
    if not any(ch.isdigit() for ch in text):
        return text, 0
    template = parse_template(text)
    added = 0
    lines: list[Line] = []
    for line in template.lines:
        parts: list[str | Hole] = []
        for part in line:
            if isinstance(part, Hole):
                parts.append(part)
                continue
            split = _split(part, clock, took)
            added += sum(isinstance(p, Hole) for p in split)
            parts.extend(split)
        lines.append(tuple(parts))
    if not added:
        return text, 0
    return "\n".join(_render_line(line) for line in lines), added
