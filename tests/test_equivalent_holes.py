"""Holes in ``result.assert_equivalent(...)`` of hand-written tests: the notation of a
plan's ``equals``, run against real commands in a real sandbox."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.docker

UUID4 = "python3 -c 'import uuid; print(uuid.uuid4())'"

SUITE = f"""
import pytest


def test_random_values_fill_their_holes(testronaut_env):
    result = testronaut_env.run(
        "d=$(mktemp); head -c 123 /dev/urandom > $d; "
        "echo created $d with $(wc -c < $d) bytes; {UUID4}; "
        "od -An -N4 -tx4 /dev/urandom | tr -d ' '; date -u '+at %Y-%m-%d %H:%M:%S UTC'")
    verdict = result.assert_equivalent(
        "created [tmp-path] with [int] bytes\\n[uuid:4]\\n[hex:8]\\nat [timestamp] UTC\\n")
    assert verdict.tier == "exact"
    holes = [hole for hole, _ in verdict.evidence["holes"]]
    assert holes == ["[tmp-path]", "[int]", "[uuid:4]", "[hex:8]", "[timestamp]"]
    assert dict(verdict.evidence["holes"])["[int]"] == "123"


def test_a_value_of_another_kind(testronaut_env):
    testronaut_env.run("echo created /srv/data.txt with 12 bytes").assert_equivalent(
        "created [tmp-path] with [int] bytes\\n")


def test_a_changed_value_beside_a_hole(testronaut_env):
    testronaut_env.run("echo id $({UUID4}) size 10").assert_equivalent(
        "id [uuid:4] size 12\\n")


def test_escapes_streams_order_and_formats(testronaut_env):
    result = testronaut_env.run(
        "echo 'usage: pad [int]'; echo \\"took $$ ms\\" >&2; "
        "printf '{{\\"id\\": \\"%s\\", \\"n\\": 3}}\\n' $({UUID4}) > /tmp/j; "
        "printf 'b 2\\na 1\\n' > /tmp/u")
    result.assert_equivalent("usage: pad \\\\[int]\\n")
    result.assert_equivalent("took [int] ms\\n", stream="stderr")
    json_result = testronaut_env.run("cat /tmp/j")
    assert json_result.assert_equivalent('{{"id": "[uuid:4]", "n": 3}}\\n', fmt="json").passed
    testronaut_env.run("cat /tmp/u").assert_equivalent("a [int]\\nb [int]\\n", unordered=True)
    with pytest.raises(ValueError, match="fmt must be one of"):
        json_result.assert_equivalent('{{"id": "[uuid]", "n": 3}}\\n', fmt="jsn")


def test_lines_without_holes_still_normalize(testronaut_env):
    # the hole line fits; the other line goes through the usual tiers (trailing
    # blanks are no difference), and a verdict of those tiers is returned
    verdict = testronaut_env.run("echo n=$$; echo 'done   '").assert_equivalent(
        "n=[int]\\ndone\\n")
    assert verdict.tier == "normalized" and verdict.evidence["holes_fit"]


def test_a_bad_hole(testronaut_env):
    testronaut_env.run("echo x 1f").assert_equivalent("x [hex:q]\\n")


def test_a_count_that_changed_on_a_line_without_holes(testronaut_env):
    testronaut_env.run("echo pid $$; echo 4 files").assert_equivalent("pid [int]\\n3 files\\n")
"""


def test_holes_in_assert_equivalent(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_hand_written_holes=SUITE)
    result = pytester.runpytest("-p", "no:cacheprovider", "-rf")
    result.assert_outcomes(passed=3, failed=4)
    text = result.stdout.str()
    # each failure names the hole and the value that did not fit, as a plan case does
    result.stdout.fnmatch_lines([
        "*stdout of `echo created /srv/data.txt with 12 bytes` is not equivalent to the "
        "recorded output [[]decided by the * tier[]]: line 1, column 9: hole [[]tmp-path[]] "
        "does not fit '/srv/data.txt' (expected a path with a temporary name*",
    ])
    result.stdout.fnmatch_lines([
        "*stdout of `echo id $(*) size 10` is not equivalent to the recorded output*"
        "line 1, column 40: expected ' size 12', found ' size 10' (text beside hole "
        "[[]uuid:4[]] must stay as recorded)*",
    ])
    result.stdout.fnmatch_lines([
        "*ValueError: assert_equivalent: bad hole in the recorded text: line 1, column 3 of "
        "the expected text: [[]hex:q[]]: the length of a hex hole is a number*",
    ])
    # the hole fit; the count on the other line differs: the diff shows the hole's value
    result.stdout.fnmatch_lines([
        "*stdout of `echo pid $$; echo 4 files` is not equivalent to the recorded output*"
        "Line 2: expected '3 files', got '4 files'*",
        "*--- expected",
        "*+++ actual",
        "*@@ -1,2 +1,2 @@",
        "E        pid [0-9]*",
        "E       -3 files",
        "E       +4 files",
    ])
    assert set(re.findall(r"^FAILED test_hand_written_holes\.py::(\w+)", text, re.MULTILINE)) == {
        "test_a_value_of_another_kind", "test_a_changed_value_beside_a_hole",
        "test_a_bad_hole", "test_a_count_that_changed_on_a_line_without_holes"}
