"""Run-twice discovery of rules the defaults do not know."""

from __future__ import annotations

import subprocess
import sys

from pytest_testronaut.verify import compare_outputs, normalize, propose_rules


def test_proposes_anchored_rules_that_make_two_runs_equal() -> None:
    first = "build 8812 ready\nseed=alpha42 ok\nsession: Q7ZK2P\n3 files"
    second = "build 9020 ready\nseed=beta17 ok\nsession: M2XW9A\n3 files"
    rules = propose_rules(first, second)
    assert [r.placeholder for r in rules] == ["<BUILD>", "<SEED>", "<SESSION>"]
    assert compare_outputs(first, second, rules=rules).passed
    # the proposals are anchored: the count on the last line is still compared
    assert not compare_outputs(first, second.replace("3 files", "4 files"), rules=rules).passed


def test_nothing_proposed_for_what_defaults_handle_or_for_added_lines() -> None:
    assert propose_rules("at 2024-01-01T00:00:00Z", "at 2024-06-01T10:00:00Z") == []
    assert propose_rules("a\nb", "a\nb\nc") == []


def test_real_command_run_twice() -> None:
    code = "import random; print('job', random.randint(10**6, 10**7), 'queued; 2 workers')"
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True).stdout for _ in range(2)]
    rules = propose_rules(*runs)
    if runs[0] != runs[1]:
        assert len(rules) == 1
        assert normalize(runs[0], rules).text == "job <JOB> queued; 2 workers"
