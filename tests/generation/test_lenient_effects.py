"""Effects the recorded comparison discounts on purpose (issue #8): a recorded
``stdout: equals`` passes JSON in another key order or indentation and an output that
lost its final newline, so a build ignoring ``--sort-keys`` or ``--indent 2``, or
dropping its final newline, passed every generated case. Where the option search saw
an option change only such bytes, and on the plain run that shows how the output ends,
the case carries a ``stdout: regex`` on the exact bytes: recorded and re-run on the
real tool it passes, on the faulty build it fails."""

from __future__ import annotations

import json

import pytest

from pytest_testronaut.analysis.spec import Command
from pytest_testronaut.generation.discounted import (
    ENDS_WITH_NEWLINE,
    ENDS_WITHOUT_NEWLINE,
    describe_pattern,
    literal,
    telling_pattern,
)
from pytest_testronaut.generation.probe import equivalent
from pytest_testronaut.verify.checks import regex_search

from .faulty_builds import faulty_builds_install, generate_in_sandbox, record_and_run_faulty_builds

DOC = {"b": 2, "a": {"z": [3, 1], "y": None}, "c": "x  y"}


def _json(**options: object) -> str:
    return json.dumps(DOC, **options) + "\n"  # type: ignore[arg-type]


@pytest.mark.parametrize("mine, other", [
    (_json(indent=4, sort_keys=True), _json(indent=4)),   # --sort-keys ignored
    (_json(indent=2), _json(indent=4)),                   # --indent 2 ignored
    (_json(indent=3), _json(indent=4)),                   # --indent 3 read as 4
    (_json(indent=4), _json(indent=3)),
    (_json(separators=(",", ":")), _json()),              # --compact ignored
    ("aGVsbG8K\n", "aGVsbG8K"),                           # the final newline lost
    ("aGVsbG8K", "aGVsbG8K\n"),                           # one added
    ("a b \n", "a b\n"),                                  # a trailing space
    ("a\r\nb\r\n", "a\nb\n"),                             # line endings
])
def test_a_pattern_tells_apart_what_equals_takes_as_the_same(mine: str, other: str) -> None:
    assert equivalent(other, mine), "a difference the comparison does not discount"
    pattern = telling_pattern(mine, other)
    assert pattern is not None
    assert regex_search(pattern, mine) and not regex_search(pattern, other)


def test_patterns_are_short_and_readable() -> None:
    pattern = telling_pattern(_json(indent=2), _json(indent=4))
    assert pattern == '^  "b": 2,$'
    assert describe_pattern(pattern) == "its exact line (a regex)"
    # key order: two lines of the sorted output in an order the other lacks
    sorted_keys = telling_pattern(_json(indent=4, sort_keys=True), _json(indent=4))
    assert sorted_keys is not None and sorted_keys.count(r"\n") <= 2
    assert telling_pattern("x\n", "x") == ENDS_WITH_NEWLINE
    assert telling_pattern("x", "x\n") == ENDS_WITHOUT_NEWLINE
    assert describe_pattern(ENDS_WITH_NEWLINE) == "the output ends with a newline"
    # special characters are escaped, spaces stay spaces, tabs are written \t
    assert literal('{"a": [1.5]}\t$x') == r'\{"a": \[1\.5\]\}\t\$x'
    assert telling_pattern("same\n", "same\n") is None
    # a line with a long number (a time, a size) is never quoted: it may change
    assert telling_pattern("took 12345 ms \n", "took 12345 ms\n") is None


def test_recording_keeps_a_line_pattern_every_run_meets() -> None:
    """Recording reads a pattern as the plan's check does: ``^`` and ``$`` at every
    line (it once dropped ``^  "b": 2,$`` as contradicted by the output it came from)."""
    from pytest_testronaut.plans.model import StreamExpectation
    from pytest_testronaut.plans.record import _without_contradicted

    stream = StreamExpectation(regex=['^  "b": 2,$', ENDS_WITH_NEWLINE])
    assert _without_contradicted(stream, [_json(indent=2)]) == stream
    assert _without_contradicted(stream, [_json(indent=4)]) == StreamExpectation(
        regex=[ENDS_WITH_NEWLINE])


# --- the whole way, in a sandbox: generate, record, re-run, and the faulty builds ----
TOOL = "jsontool"
OPTIONS = ("--sort-keys", "--indent", "--compact")
REAL = '#!/bin/sh\nexec python3 -m json.tool "$@"\n'
# each faulty build bends ONE behaviour of the real tool
FAULTS = {
    "sort": '#!/usr/bin/python3\nimport os, sys\n'
            'args = [a for a in sys.argv[1:] if a != "--sort-keys"]\n'
            'os.execvp("python3", ["python3", "-m", "json.tool", *args])\n',
    "indent": '#!/usr/bin/python3\nimport os, sys\nargs = sys.argv[1:]\n'
              'for i, a in enumerate(args[:-1]):\n'
              '    if a == "--indent":\n'
              '        args[i + 1] = str(int(args[i + 1]) + 1)\n'
              'os.execvp("python3", ["python3", "-m", "json.tool", *args])\n',
    "newline": '#!/usr/bin/python3\nimport subprocess, sys\n'
               'run = subprocess.run(["python3", "-m", "json.tool", *sys.argv[1:]],\n'
               '                     capture_output=True, text=True)\n'
               'out = run.stdout[:-1] if run.stdout.endswith("\\n") else run.stdout\n'
               'sys.stdout.write(out)\nsys.stderr.write(run.stderr)\nsys.exit(run.returncode)\n',
}


INSTALL = faulty_builds_install(TOOL, REAL, FAULTS)


def _three_options(root: Command) -> None:
    """Three options keep the search short; ``[infile] [outfile]`` are optional, as the
    help's brackets say (reading them is analysis' work, not this test's)."""
    root.options = [o for o in root.options if o.primary in OPTIONS]
    for positional in root.positionals:
        positional.required = False


@pytest.mark.docker
def test_a_build_ignoring_a_discounted_option_fails_its_case(
        pytester: pytest.Pytester) -> None:
    plan = generate_in_sandbox(TOOL, INSTALL, shape=_three_options)
    sort_case = next(c for c in plan.cases if str(c.command).startswith(f"{TOOL} --sort-keys"))
    indent_case = next(c for c in plan.cases if str(c.command).startswith(f"{TOOL} --indent"))
    for case in (sort_case, indent_case):
        assert "no_observed_effect" not in case.tags
        assert case.stdout is not None and case.stdout.regex, case
        assert "only where the recorded comparison is lenient" in case.description
    ending = [c for c in plan.cases if c.stdout is not None
              and c.stdout.regex == [ENDS_WITH_NEWLINE]]
    assert ending, "no case checks how the output ends"
    assert "(the output ends with a newline: checked)" in ending[0].description
    run = record_and_run_faulty_builds(pytester, plan, FAULTS)
    assert "regex:" in run.plan_file.read_text()  # readable in the YAML
    kept = {c.id: c.stdout for c in run.recorded.cases}
    sort_stdout, generated = kept[sort_case.id], sort_case.stdout
    assert sort_stdout is not None and generated is not None
    assert sort_stdout.regex == generated.regex  # kept by recording
    assert sort_case.id in run.failed["sort"], run.failed
    assert indent_case.id in run.failed["indent"], run.failed
    assert ending[0].id in run.failed["newline"], run.failed
