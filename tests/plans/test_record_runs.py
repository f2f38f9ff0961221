"""Recording runs each case several times (``--testronaut-record-runs``, default 2,
each run in a fresh sandbox) and turns only the spans that differed into typed holes
in that case's expectation. Real Docker, real pytest runs, as a user would."""

from __future__ import annotations

import time

import pytest

from pytest_testronaut.plans import load_plan

RANDOM_PLAN = """\
version: 1
tool: sh
cases:
  - id: mktemp
    command: mktemp
  - id: nanos
    command: date +%s%N
  - id: uuid
    command: cat /proc/sys/kernel/random/uuid
  - id: bytes
    command: od -An -tx1 -N8 /dev/urandom
  - id: tempfile
    command: python3 -c 'import tempfile; print(tempfile.mkdtemp())'
  - id: beside
    command: echo "count 3 $(mktemp)"
  - id: fixed
    command: printf '%7d %7d %7d\\n' 2 3 14
workflows:
  - id: flow
    steps:
      - id: make
        command: mktemp -d
        capture:
          dir: "(\\\\S+)"
      - id: use
        command: touch ${dir}/a && ls ${dir} && echo "in ${dir}"
"""


def _equals(plan_path: object) -> dict[str, str | None]:
    plan = load_plan(plan_path).plan  # type: ignore[arg-type]
    found = {c.id: c.stdout.equals if c.stdout else None for c in plan.cases}
    for workflow in plan.workflows:
        for step in workflow.steps:
            found[f"{workflow.id}.{step.id}"] = step.stdout.equals if step.stdout else None
    return found


@pytest.mark.docker
@pytest.mark.slow
def test_random_output_recorded_with_defaults_passes_five_runs_and_catches_a_change(
        pytester: pytest.Pytester) -> None:
    plan = pytester.path / "rnd.testronaut.yaml"
    plan.write_text(RANDOM_PLAN)
    recorded = pytester.runpytest("--testronaut", "--testronaut-record")
    recorded.assert_outcomes(passed=9)
    recorded.stdout.fnmatch_lines(["*runs differed (2 runs per case): holes learned*",
                                   "*mktemp: 1 hole(s)*", "*bytes: 8 hole(s)*"])
    equals = _equals(plan)
    assert equals["mktemp"] == "[tmp-path]\n"
    assert equals["nanos"] == "[int]\n"
    assert equals["uuid"] == "[uuid:4]\n"
    assert equals["bytes"] == " " + " ".join(["[hex:2]"] * 8) + "\n"
    assert equals["tempfile"] == "[tmp-path]\n"
    assert equals["beside"] == "count 3 [tmp-path]\n"
    assert equals["fixed"] == "      2       3      14\n"  # nothing differed: exact
    assert equals["flow.use"] == "a\nin [tmp-path]\n"
    assert load_plan(plan).plan.settings.normalize == []  # no plan-wide rule
    for _ in range(5):
        pytester.runpytest("--testronaut").assert_outcomes(passed=9)
    # The tool changes a deterministic value printed beside a hole: caught, and named.
    plan.write_text(plan.read_text().replace('echo "count 3', 'echo "count 4'))
    changed = pytester.runpytest("--testronaut", "-k", "beside")
    changed.assert_outcomes(failed=1, deselected=8)
    changed.stdout.fnmatch_lines([
        "*line 1, column 1: expected 'count 3 ', found 'count 4 *beside hole [[]tmp-path[]]*",
        "*-count 3 [[]tmp-path[]]*", "*+count 4 *"])


@pytest.mark.docker
def test_a_hole_learned_in_one_case_does_not_mask_another(pytester: pytest.Pytester) -> None:
    plan = pytester.path / "two.testronaut.yaml"
    plan.write_text("""\
version: 1
tool: sh
cases:
  - id: random-count
    command: echo "$(od -An -tu4 -N4 /dev/urandom | tr -d ' ') files"
  - id: fixed-count
    command: echo "7 files"
""")
    pytester.runpytest("--testronaut", "--testronaut-record").assert_outcomes(passed=2)
    equals = _equals(plan)
    assert equals["random-count"] == "[int] files\n"
    assert equals["fixed-count"] == "7 files\n"
    plan.write_text(plan.read_text().replace('echo "7 files"', 'echo "8 files"'))
    result = pytester.runpytest("--testronaut")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["*case 'fixed-count' failed: stdout equals*"])


CLOCK_PLAN = """\
version: 1
tool: sh
cases:
  - id: listing
    command: touch a; ls -l a
  - id: clock
    command: echo "at $(date +%H:%M) on $(date +%F), epoch $(date +%s), 3 files"
  - id: computed
    command: date -u -d '2024-02-28 +1 day' '+%F 10:00'
"""


def _clear_of_a_minute_boundary(margin: int = 20) -> None:
    """Start where both runs of a recording print the same minute: runs that straddle a
    minute (23:59 and 00:00, seconds apart on a loaded machine) differ there, and their
    hole is then learned from the runs (also right, but another line of the summary)."""
    second = time.localtime().tm_sec
    if second > 60 - margin:
        time.sleep(61 - second)


@pytest.mark.docker
def test_the_recordings_own_time_printed_alike_by_every_run_is_a_hole(
        pytester: pytest.Pytester) -> None:
    # Both runs of a recording usually print the same minute (ls -l) or second (date
    # +%s); left exact, the plan would fail a minute later.
    _clear_of_a_minute_boundary()
    plan = pytester.path / "clock.testronaut.yaml"
    plan.write_text(CLOCK_PLAN)
    recorded = pytester.runpytest("--testronaut", "--testronaut-record")
    recorded.assert_outcomes(passed=3)
    recorded.stdout.fnmatch_lines(["*listing: 1 hole(s) (1 the recording's own time)*"])
    equals = _equals(plan)
    assert equals["listing"] == "-rw-r--r-- 1 root root 0 [timestamp] a\n"
    assert equals["clock"] == "at [timestamp] on [timestamp], epoch [int], 3 files\n"
    assert equals["computed"] == "2024-02-29 10:00\n"  # not the clock's: data
    pytester.runpytest("--testronaut").assert_outcomes(passed=3)
    plan.write_text(plan.read_text().replace('3 files"', '4 files"').replace(
        "+1 day", "+2 days"))  # (the commands: the expectations stay)
    changed = pytester.runpytest("--testronaut")
    changed.assert_outcomes(passed=1, failed=2)
    changed.stdout.fnmatch_lines([
        "*expected ', 3 files', found ', 4 files' (text beside hole [[]int[]] must stay as "
        "recorded)*"])
    changed.stdout.fnmatch_lines(["*-2024-02-29 10:00*", "*+2024-03-01 10:00*"])


HAND_WRITTEN = """\
version: 1
tool: sh
cases:
  - id: typed
    command: echo "made $(mktemp) at $(date '+%F %T') id $(cat /proc/sys/kernel/random/uuid)"
    stdout: "made [tmp-path] at [timestamp] id [uuid:4]\\n"
  - id: escaped
    command: echo '[int] is text, 5 is a number'
    stdout: "\\\\[int] is text, [int] is a number\\n"
  - id: not-escaped
    command: echo '[int] is text'
    stdout: "[int] is text\\n"
  - id: wrong-kind
    command: echo 'sum zzz'
    stdout: "sum [hex:3]\\n"
  - id: free-text
    command: echo "host $(hostname) ok"
    stdout: "host [..] ok\\n"
  - id: padded
    command: printf 'alpha %s\\nbeta%*s\\n' 123456 7 7
    stdout:
      equals: |
        alpha [int]
        beta[pad]7
"""


@pytest.mark.docker
def test_hand_written_holes_and_escapes(pytester: pytest.Pytester) -> None:
    (pytester.path / "hand.testronaut.yaml").write_text(HAND_WRITTEN)
    result = pytester.runpytest("--testronaut")
    result.assert_outcomes(passed=4, failed=2)
    result.stdout.fnmatch_lines([
        "*case 'not-escaped' failed*",
        "*line 1, column 1: hole [[]int[]] does not fit '[[]int[]]' (expected an integer)*",
    ])
    result.stdout.fnmatch_lines([
        "*case 'wrong-kind' failed*",
        "*line 1, column 5: hole [[]hex:3[]] does not fit 'zzz' (expected 3 hexadecimal digits)*",
    ])


def test_bad_hole_syntax_is_a_plan_error_with_file_and_line(pytester: pytest.Pytester) -> None:
    (pytester.path / "bad.testronaut.yaml").write_text("""\
version: 1
tool: sh
cases:
  - id: ok
    command: echo hi
    stdout:
      equals: |
        hi
        [uuid:9]
""")
    result = pytester.runpytest("--testronaut")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines([
        # the line and column of the hole itself, inside the block text
        "*bad.testronaut.yaml:9: cases[[]0[]].stdout.equals: column 9: [[]uuid:9[]]: the "
        "version of a uuid hole is 1 to 8*"])


@pytest.mark.docker
def test_one_run_records_as_it_is_and_the_deprecated_flag_means_two(
        pytester: pytest.Pytester) -> None:
    plan = pytester.path / "one.testronaut.yaml"
    plan.write_text("""\
version: 1
tool: sh
cases:
  - id: number
    command: echo "n=$(od -An -tu4 -N4 /dev/urandom | tr -d ' ')"
""")
    pytester.runpytest("--testronaut", "--testronaut-record",
                       "--testronaut-record-runs", "1").assert_outcomes(passed=1)
    assert "[" not in (_equals(plan)["number"] or "[")
    pytester.runpytest("--testronaut").assert_outcomes(failed=1)
    # re-recording with runs that differ replaces the literal text by holes
    pytester.runpytest("--testronaut", "--testronaut-record",
                       "--testronaut-record-twice").assert_outcomes(passed=1)
    assert _equals(plan)["number"] == "n=[int]\n"
    pytester.runpytest("--testronaut").assert_outcomes(passed=1)


def test_record_runs_must_be_a_small_positive_number(pytester: pytest.Pytester) -> None:
    (pytester.path / "x.testronaut.yaml").write_text("version: 1\ntool: sh\ncases: []\n")
    for bad in ("0", "many", "21"):
        result = pytester.runpytest("--testronaut", "--testronaut-record-runs", bad)
        assert result.ret == pytest.ExitCode.USAGE_ERROR
        result.stderr.fnmatch_lines(["*--testronaut-record-runs=*is not valid*"])


TABLE_PLAN = """\
version: 1
tool: sh
cases:
  - id: table
    command: |-
      python3 -c 'import random
      n = random.randint(1, 10 ** random.randint(1, 8))
      rows = [("alpha", n), ("beta", 7)]
      w = max(len(str(v)) for _, v in rows)
      for k, v in rows: print(f"{k:<6}{v:>{w}}")'
"""


@pytest.mark.docker
@pytest.mark.slow
def test_a_table_whose_width_follows_a_random_value_realigns_only_at_its_padding(
        pytester: pytest.Pytester) -> None:
    # Six runs: the chance that all drew values of one width is about 1 in 30,000.
    plan = pytester.path / "table.testronaut.yaml"
    plan.write_text(TABLE_PLAN)
    pytester.runpytest("--testronaut", "--testronaut-record",
                       "--testronaut-record-runs", "6").assert_outcomes(passed=1)
    assert _equals(plan)["table"] == "alpha [int]\nbeta[pad]7\n"
    for _ in range(5):
        pytester.runpytest("--testronaut").assert_outcomes(passed=1)
    plan.write_text(plan.read_text().replace('("beta", 7)', '("beta", 8)'))
    changed = pytester.runpytest("--testronaut")
    changed.assert_outcomes(failed=1)
    changed.stdout.fnmatch_lines([
        "*line 2, column *: expected '7', found '8' (text beside hole [[]pad[]] must stay "
        "as recorded)*"])
