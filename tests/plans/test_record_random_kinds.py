"""The issue's target for recorded plans, on more kinds of random output than
test_record_runs.py's: a plan recorded with the default options passes five re-runs in
a row, and a deterministic value that changes beside a hole is caught. Real Docker,
real pytest runs, as a user would: measured decimals with units, lines of parallel
workers in another order with their own times, a random port, a digest of random
bytes, a random-length number beside a fixed count."""

from __future__ import annotations

import pytest

from pytest_testronaut.plans import load_plan

KINDS_PLAN = """\
version: 1
tool: sh
cases:
  - id: timing
    command: |-
      python3 -c 'import random
      print(f"3 items, score {random.uniform(0.001, 9):.{random.randint(1, 4)}f}, "
            f"{random.uniform(1, 900):.1f} MB/s")
      print(f"3 items in {random.uniform(0.001, 9):.3f}s")'
  - id: workers
    command: |-
      python3 -c 'import random
      jobs = ["alpha", "beta", "gamma", "delta"]
      random.shuffle(jobs)
      for job in jobs: print(f"job {job} done in {random.randint(1, 999)}ms")
      print("4 jobs, 0 failed")'
  - id: port
    command: |-
      python3 -c 'import socket
      s = socket.socket(); s.bind(("127.0.0.1", 0))
      print("listening on http://127.0.0.1:%d/ (2 workers)" % s.getsockname()[1])'
  - id: digest
    command: head -c 64 /dev/urandom > blob && sha256sum blob && wc -c < blob
  - id: count
    command: echo "seed $(od -An -tu4 -N4 /dev/urandom | tr -d ' '), 12 rows"
"""


def _equals(plan_path: object) -> dict[str, tuple[str | None, bool]]:
    plan = load_plan(plan_path).plan  # type: ignore[arg-type]
    return {c.id: (c.stdout.equals, c.stdout.unordered) if c.stdout else (None, False)
            for c in plan.cases}


@pytest.mark.docker
@pytest.mark.slow
def test_more_kinds_of_random_output_pass_five_runs_and_a_change_beside_a_hole_fails(
        pytester: pytest.Pytester) -> None:
    plan = pytester.path / "kinds.testronaut.yaml"
    plan.write_text(KINDS_PLAN)
    pytester.runpytest("--testronaut", "--testronaut-record").assert_outcomes(passed=5)
    equals = _equals(plan)
    # a score is a decimal number hole; a line of measured durations the built-in rules
    # take as such stays literal (they compare it later)
    timing, _ = equals["timing"]
    assert timing is not None and timing.startswith("3 items, score [num], [num] MB/s\n3 items in ")
    workers, unordered = equals["workers"]
    assert unordered and workers is not None
    assert workers.count("done in [int]ms\n") == 4 and workers.endswith("4 jobs, 0 failed\n")
    assert equals["port"] == ("listening on http://127.0.0.1:[int]/ (2 workers)\n", False)
    assert equals["digest"] == ("[hex:64]  blob\n64\n", False)
    assert equals["count"] == ("seed [int], 12 rows\n", False)
    assert load_plan(plan).plan.settings.normalize == []  # no plan-wide rule
    for _ in range(5):
        pytester.runpytest("--testronaut").assert_outcomes(passed=5)
    # The tool changes a deterministic value beside each hole (the commands change, the
    # recorded expectations stay): every one is caught.
    plan.write_text(plan.read_text()
                    .replace('"3 items, score', '"4 items, score')
                    .replace('print("4 jobs, 0 failed")', 'print("4 jobs, 1 failed")')
                    .replace('(2 workers)" %', '(1 workers)" %')
                    .replace("head -c 64", "head -c 65")
                    .replace('12 rows"', '13 rows"'))
    changed = pytester.runpytest("--testronaut")
    changed.assert_outcomes(failed=5)
    changed.stdout.fnmatch_lines([
        "*expected '3 items, score ', found '4 items, score *(text beside hole [[]num[]] "
        "must stay*"])
