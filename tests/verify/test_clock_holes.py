"""A time every run of a recording printed alike is a hole when it is the recording's
own clock (``ls -l``'s minute, ``date +%s`` within one second), and stays exact when it
is not (a computed date, a fixture's time, a count)."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from pytest_testronaut.verify.clock_holes import clock_holes
from pytest_testronaut.verify.holes import parse_template

CLOCK = datetime(2026, 12, 1, 16, 4, 30, tzinfo=timezone.utc).timestamp()


@pytest.mark.parametrize(("text", "expected"), [
    ("-rw-r--r-- 1 root root 0 Dec  1 16:04 a\n", "-rw-r--r-- 1 root root 0 [timestamp] a\n"),
    ("at 16:04 n=1\n", "at [timestamp] n=1\n"),
    ("day 2026-12-01 n=1\n", "day [timestamp] n=1\n"),
    ("Tue Dec  1 16:04:29 UTC 2026 5\n", "[timestamp] UTC 2026 5\n"),
    ("started 2026-12-01T16:04:29.123+00:00 ok\n", "started [timestamp]+00:00 ok\n"),
    ("tokyo 2026-12-02 01:04:29\n", "tokyo [timestamp]\n"),  # another zone's clock
    (f"{int(CLOCK)} 42\n", "[int] 42\n"),
    (f"{int(CLOCK * 1000)} ok\n", "[int] ok\n"),
    (f"{int(CLOCK * 10**9)}\n", "[int]\n"),
    (f"{int(CLOCK)}.[int]\n", "[int].[int]\n"),
])
def test_the_recordings_own_time_becomes_a_hole(text: str, expected: str) -> None:
    learned, added = clock_holes(text, CLOCK)
    assert (learned, added) == (expected, expected.count("[") - text.count("["))
    run = text.replace("[int]", "123")
    assert parse_template(learned).match(run).passed  # the recorded run fits


@pytest.mark.parametrize("text", [
    "leap 2024-02-29 next 2024-03-01\n",  # computed from fixed input
    "meeting at 09:30\n",  # a time of day far from the clock
    "-rw-r--r-- 1 root root 0 Jan  5  2025 a\n",
    "count 1234567890 rows\n",  # ten digits, not this clock's epoch
    "v2026.12.01 build 4711\n",
    "id 17648046700\n",  # eleven digits: no epoch scale
    "no digits here\n",
    "input.py:16:04: E501 line too long\n",  # a line and a column, not the clock's time
])
def test_values_that_are_not_the_clock_stay_exact(text: str) -> None:
    assert clock_holes(text, CLOCK) == (text, 0)


def test_holes_and_escapes_already_there_are_kept() -> None:
    text = "\\[int] [hex:4] Dec  1 16:05\n"
    learned, added = clock_holes(text, CLOCK)
    assert (learned, added) == ("\\[int] [hex:4] [timestamp]\n", 1)
    assert parse_template(learned).match("[int] 0a9f Jan 12 03:00\n").passed


def test_a_time_of_day_is_near_when_the_runs_took_long() -> None:
    text = "at 15:40\n"  # 24.5 minutes before the runs ended
    assert clock_holes(text, CLOCK)[1] == 0
    assert clock_holes(text, CLOCK, took=1800.0) == ("at [timestamp]\n", 1)
