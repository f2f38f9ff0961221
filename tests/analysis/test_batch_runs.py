"""The batch runner of help discovery, run by a real ``sh`` on this machine: answers
byte for byte, calls it cannot vouch for handed back, calls that wait stopped, lanes
at once, and a runner that does not run scripts given up after one try."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Sequence
from typing import Any

import pytest

from pytest_testronaut.analysis.batch_runs import BatchRunner, batch_script, parse_batch
from pytest_testronaut.sandbox.result import RunResult


class ShellRun:
    """``Sandbox.run``'s shape on this machine: argv, a timeout, a RunResult; counts
    its execs and can cut stdout at ``limit`` bytes (as the sandbox's output limit)."""

    def __init__(self, limit: int | None = None) -> None:
        self.execs = 0
        self.limit = limit

    def __call__(self, argv: Sequence[str], timeout: float = 60.0, **_: Any) -> RunResult:
        self.execs += 1
        start = time.monotonic()
        try:
            proc = subprocess.run(list(argv), capture_output=True, timeout=timeout,
                                  stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired as exc:
            return RunResult(command=tuple(argv), exit_code=137,
                             stdout_bytes=exc.stdout or b"", stderr_bytes=exc.stderr or b"",
                             duration=time.monotonic() - start, timed_out=True)
        out = proc.stdout if self.limit is None else proc.stdout[:self.limit]
        return RunResult(command=tuple(argv), exit_code=proc.returncode, stdout_bytes=out,
                         stderr_bytes=proc.stderr, duration=time.monotonic() - start,
                         stdout_truncated=out != proc.stdout)


def test_answers_come_back_byte_for_byte_with_their_status() -> None:
    run = ShellRun()
    argvs = [["printf", "no final newline"],
             ["sh", "-c", "printf 'out\\n\\n'; printf 'err line\\n' >&2; exit 2"],
             ["printf", ""],
             ["printf", "%s\\n", "it's \"quoted\" $HOME `x`"],
             ["sh", "-c", "printf '\\000\\377 bytes'"],
             ["sh", "-c", "cat; echo read-to-end"]]  # stdin is /dev/null: no wait
    got = BatchRunner(run, jobs=2).run_all(argvs)
    assert run.execs == 1
    assert [(r.exit_code, r.stdout_bytes, r.stderr_bytes) for r in got if r] == [
        (0, b"no final newline", b""),
        (2, b"out\n\n", b"err line\n"),
        (0, b"", b""),
        (0, b"it's \"quoted\" $HOME `x`\n", b""),
        (0, b"\x00\xff bytes", b""),
        (0, b"read-to-end\n", b""),
    ]
    assert [r.command for r in got if r] == [tuple(a) for a in argvs]


def test_calls_it_cannot_vouch_for_are_handed_back() -> None:
    argvs = [["sh", "-c", "exit 124"], ["no-such-command-here"], ["sh", "-c", "kill -9 $$"],
             ["sh", "-c", "exit 123"], ["true"]]
    got = BatchRunner(ShellRun()).run_all(argvs)
    assert [None if r is None else r.exit_code for r in got] == [None, None, None, 123, 0]


def test_a_call_that_waits_is_stopped_and_the_others_answer() -> None:
    start = time.monotonic()
    got = BatchRunner(ShellRun(), jobs=2, call_timeout=3).run_all(
        [["sleep", "30"], ["sleep", "1"], ["echo", "a"], ["sleep", "1"], ["echo", "b"]])
    took = time.monotonic() - start
    assert 3 <= took < 10  # the waiting call's timeout, not its 30 s
    assert got[0] is None  # stopped by its timeout: run alone by the caller
    assert [r.stdout for r in got[1:] if r] == ["", "a\n", "", "b\n"]


def test_lanes_run_at_once() -> None:
    argvs = [["sleep", "1"]] * 4
    start = time.monotonic()
    got = BatchRunner(ShellRun(), jobs=4).run_all(argvs)
    together = time.monotonic() - start
    start = time.monotonic()
    BatchRunner(ShellRun(), jobs=1).run_all(argvs)
    one_by_one = time.monotonic() - start
    assert all(r is not None and r.exit_code == 0 for r in got)
    assert together < 3.0 <= one_by_one


def test_output_cut_short_leaves_only_whole_answers() -> None:
    argvs = [["printf", "x" * 100], ["printf", "y" * 100], ["printf", "z" * 100]]
    script = batch_script("TOKEN", argvs, jobs=1, call_timeout=5)
    full = subprocess.run(["sh", "-c", script], capture_output=True, check=True).stdout
    cut = full[:full.index(b"y" * 100) + 50]  # inside the second answer
    got = parse_batch("TOKEN", argvs, cut, 1.0)
    assert got[0] is not None and got[0].stdout == "x" * 100
    assert got[1:] == [None, None]
    # the runner's own token is longer: 350 bytes end inside the second answer
    limited = BatchRunner(ShellRun(limit=350)).run_all(argvs)
    assert limited[0] is not None and limited[1:] == [None, None]


def test_a_runner_that_runs_no_scripts_is_tried_once() -> None:
    calls: list[list[str]] = []

    def fake(argv: list[str], **_: Any) -> RunResult:  # answers every argv the same
        calls.append(argv)
        return RunResult(command=tuple(argv), exit_code=0, stdout_bytes=b"Usage: x\n",
                         stderr_bytes=b"", duration=0.0)

    runner = BatchRunner(fake)
    assert runner.run_all([["x", "a", "--help"], ["x", "b", "--help"]]) == [None, None]
    assert runner.run_all([["x", "c", "--help"], ["x", "d", "--help"]]) == [None, None]
    assert len(calls) == 1 and not runner.available and runner.note


def test_bad_settings_are_refused() -> None:
    with pytest.raises(ValueError):
        BatchRunner(ShellRun(), jobs=0)
