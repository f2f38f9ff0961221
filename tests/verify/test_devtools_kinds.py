"""Three principles of developer tools' output (verify/process_clocks.py,
verify/completion_order.py and verify/drawn_columns.py): accepted when a re-run moved
them, while a real change beside them is still caught.

* a process-time report on one line (``real ... user ... sys ...``): its figures move,
  its clocks and units are data;
* in output declared unordered, a finished item's position in completion order
  (``[ 33%]``, ``[3/5]``) and its worker (``[gw1]``) follow the order, as long as
  both outputs hold the same positions;
* a table column whose header names a drawn value (``token``, ``nonce``, ``salt``):
  its values may change as two draws differ, the rest of the row stays exact.

The outputs are real runs: sqlite3's ``.timer on`` and ``-column`` output of a query
drawing ``hex(randomblob(6))``, and a builder's step counters, as
tests/verify/capture_round5_devtools.py runs them, and ``pytest -n 2 -v`` (pytest-xdist,
two workers) run twice on the host (too slow on a loaded machine for the capture
script's two-minute limit per command).
"""

from __future__ import annotations

import pytest

from pytest_testronaut.verify import compare_outputs
from pytest_testronaut.verify.completion_order import positions_set_aside
from pytest_testronaut.verify.drawn_columns import drawn_rows
from pytest_testronaut.verify.process_clocks import same_clocks
from pytest_testronaut.verify.rules import DEFAULT_RULES

TIMER = "3|6\nRun Time: real 0.014 user 0.001341 sys 0.000000\n"
TIMER_RERUN = "3|6\nRun Time: real 0.005 user 0.000000 sys 0.000999\n"

XDIST = """\
============================= test session starts ==============================
rootdir: /tmp/tmp.xEh0ksP7SJ
created: 2/2 workers
2 workers [3 items]

scheduling tests via WorkflowAwareScheduling

test_x.py::test_b\x20
[gw0] [ 33%] PASSED test_x.py::test_b\x20
test_x.py::test_a\x20
[gw1] [ 66%] PASSED test_x.py::test_a\x20
test_x.py::test_c\x20
[gw1] [100%] PASSED test_x.py::test_c\x20

============================== 3 passed in 11.33s ==============================
"""
XDIST_RERUN = """\
============================= test session starts ==============================
rootdir: /tmp/tmp.VqSM9b9pCv
created: 2/2 workers
2 workers [3 items]

scheduling tests via WorkflowAwareScheduling

test_x.py::test_a\x20
test_x.py::test_b\x20
[gw1] [ 33%] PASSED test_x.py::test_b\x20
[gw0] [ 66%] PASSED test_x.py::test_a\x20
test_x.py::test_c\x20
[gw0] [100%] PASSED test_x.py::test_c\x20

============================== 3 passed in 13.81s ==============================
"""
STEPS = ("[1/5] built a.o\n[2/5] built c.o\n[3/5] built b.o\n[4/5] built e.o\n"
         "[5/5] built d.o\nbuild finished\n")
STEPS_RERUN = ("[1/5] built b.o\n[2/5] built a.o\n[3/5] built d.o\n[4/5] built c.o\n"
               "[5/5] built e.o\nbuild finished\n")


def test_a_process_time_report_may_move_its_figures() -> None:
    verdict = compare_outputs(TIMER, TIMER_RERUN)
    assert verdict.passed, verdict.explanation
    assert any(rule.name == "clock-report" for rule in DEFAULT_RULES)
    assert verdict.evidence["placeholders"]["expected"]["<DURATION>"] == [
        "real 0.014 user 0.001341 sys 0.000000"]


def test_one_clock_alone_is_no_report() -> None:
    # one figure after "real" could be anything; "user"/"sys" words in prose too
    assert not compare_outputs("real 1.5 apples\n", "real 1.7 apples\n").passed
    assert not compare_outputs("user 0.5 of quota\n", "user 0.7 of quota\n").passed
    assert same_clocks("real 0.1 user 0.2", "real 0.3 user 0.0") is None
    assert same_clocks("real 0.1 user 0.2", "real 0.3 sys 0.0") is not None


def test_completion_positions_and_workers_follow_the_order() -> None:
    assert not compare_outputs(XDIST, XDIST_RERUN, unordered=False).passed
    verdict = compare_outputs(XDIST, XDIST_RERUN, unordered=True)
    assert verdict.passed, verdict.explanation
    assert "completion order" in verdict.explanation
    steps = compare_outputs(STEPS, STEPS_RERUN, unordered=True)
    assert steps.passed, steps.explanation


def test_one_item_fewer_moves_the_positions() -> None:
    fewer = "[1/4] built b.o\n[2/4] built a.o\n[3/4] built d.o\n[4/4] built c.o\nbuild finished\n"
    assert not compare_outputs(STEPS, fewer, unordered=True).passed
    # the same item count, but one step printed twice and one lost
    doubled = STEPS_RERUN.replace("[4/5] built c.o", "[3/5] built c.o")
    assert positions_set_aside(STEPS, doubled) is None
    assert not compare_outputs(STEPS, doubled, unordered=True).passed


# (the run_at column of the real runs left out: its time is only dynamic near the clock)
TOKENS = ("rows_seen  token         mode\n"
          "---------  ------------  ----\n"
          "3          345D12E7394F  wal\n")
TOKENS_RERUN = ("rows_seen  token         mode\n"
                "---------  ------------  ----\n"
                "3          F4288541D577  wal\n")


def test_a_value_under_a_drawn_header_may_be_drawn_again() -> None:
    verdict = compare_outputs(TOKENS, TOKENS_RERUN)
    assert verdict.passed, verdict.explanation
    assert "<TOKEN> x1" in verdict.explanation


REAL_CHANGES = [  # (the first run, a changed rerun, unordered, what changed)
    (TIMER, "4|10\nRun Time: real 0.005 user 0.000000 sys 0.000999\n", False,
     "time report: another row count"),
    (TIMER, "3|6\nRun Time: real 0.005 user 0.000000\n", False, "time report: a clock lost"),
    (TIMER, "3|6\nRun Time: real 0.005 user 0.000000 system 0.000999\n", False,
     "time report: another clock's name"),
    (TIMER, "3|6\nRun Time: real 0.005s user 0.000000s sys 0.000999s\n", False,
     "time report: units added"),
    (TIMER, "3|7\nRun Time: real 0.014 user 0.001341 sys 0.000000\n", False,
     "time report: the data, clocks unmoved"),
    (XDIST, XDIST_RERUN.replace("PASSED test_x.py::test_a", "FAILED test_x.py::test_a"), True,
     "parallel items: one failed"),
    (XDIST, XDIST_RERUN.replace("[100%]", "[ 99%]"), True,
     "parallel items: a position that is not one"),
    (XDIST, XDIST_RERUN.replace("test_x.py::test_c \n", "test_x.py::test_d \n"), True,
     "parallel items: another item"),
    (XDIST, XDIST_RERUN.replace("[gw0] [ 66%]", "[worker0] [ 66%]"), True,
     "parallel items: another kind of worker"),
    (XDIST, XDIST_RERUN.replace("[gw0]", "[gw1]"), True,
     "parallel items: one worker where two ran"),
    (TOKENS, TOKENS_RERUN.replace("3    ", "4    "), False, "drawn column: the data beside it"),
    (TOKENS, TOKENS_RERUN.replace("F4288541D577", "345D12E7394E"), False,
     "drawn column: one character"),
    (TOKENS, TOKENS_RERUN.replace("F4288541D577", "f4288541d577"), False,
     "drawn column: another alphabet"),
    (TOKENS, TOKENS_RERUN.replace("F4288541D577", "F4288541D5770"), False,
     "drawn column: another length"),
    (TOKENS, TOKENS_RERUN.replace(" wal", " del"), False, "drawn column: the data after it"),
]


@pytest.mark.parametrize(("expected", "changed", "unordered", "why"), REAL_CHANGES,
                         ids=[why for *_, why in REAL_CHANGES])
def test_a_real_change_beside_or_inside_a_moving_value_is_caught(
        expected: str, changed: str, unordered: bool, why: str) -> None:
    assert not compare_outputs(expected, changed, unordered=unordered).passed, why


def test_only_the_header_word_of_the_cell_counts() -> None:
    # under another header the same change is data
    assert not compare_outputs(TOKENS.replace("token", "label"),
                               TOKENS_RERUN.replace("token", "label")).passed
    # the hex value sits under "name", beside a "token" column: not a draw
    left = "name          token\n345D12E7394F  abc\n"
    right = "name          token\nF4288541D577  abc\n"
    rows = {1: ("345D12E7394F abc", "F4288541D577 abc", left.split("\n")[1],
                right.split("\n")[1])}
    assert drawn_rows(rows, left, right) == set()
    assert not compare_outputs(left, right).passed


def test_a_word_under_a_drawn_header_is_no_draw() -> None:
    left = "session   state\nprimary   open\nbackups   open\n"
    right = "session   state\nreplicas  open\nbackups   open\n"
    assert not compare_outputs(left.replace("primary", "alphabet"),
                               right.replace("replicas", "zyxwvuts")).passed
    drawn_l = "session   state\nq8Zr2kLm  open\n"
    drawn_r = "session   state\nT4hW9pXa  open\n"
    assert compare_outputs(drawn_l, drawn_r).passed
