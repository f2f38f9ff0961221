"""``Sandbox.observers`` see every command run() ran, with its result, and nothing
else (files moved, snapshots); ``track_files`` may name the directories to watch."""

from __future__ import annotations

import pytest

from pytest_testronaut.sandbox import RunResult, Sandbox

pytestmark = pytest.mark.docker


def test_observers_see_each_run_in_order(sandbox: Sandbox) -> None:
    seen: list[tuple[str, str, int | None]] = []

    def first(box: Sandbox, result: RunResult) -> None:
        seen.append(("first", result.command_line, result.exit_code))

    def second(box: Sandbox, result: RunResult) -> None:
        assert box is sandbox
        seen.append(("second", result.command_line, result.exit_code))

    sandbox.observers += [first, second]
    try:
        sandbox.put_file("observed.txt", "x")  # not a command of the caller's
        result = sandbox.run("exit 4")
        sandbox.snapshot()
        sandbox.run(["true"], track_files=True)
    finally:
        sandbox.observers.remove(first)
        sandbox.observers.remove(second)
    assert result.exit_code == 4
    assert seen == [("first", "exit 4", 4), ("second", "exit 4", 4),
                    ("first", "true", 0), ("second", "true", 0)]
    sandbox.run("true")
    assert len(seen) == 4  # removed: no longer called


def test_an_observer_may_stop_observing_while_called(sandbox: Sandbox) -> None:
    calls: list[str] = []

    def once(box: Sandbox, result: RunResult) -> None:
        calls.append(result.command_line)
        box.observers.remove(once)

    sandbox.observers.append(once)
    sandbox.run("echo 1")
    sandbox.run("echo 2")
    assert calls == ["echo 1"]


def test_track_files_watches_the_directories_named(sandbox: Sandbox) -> None:
    result = sandbox.run("mkdir -p logs && echo a > logs/a && echo b > /var/tmp/b "
                         "&& echo c > /tmp/not-watched", track_files=["logs", "/var/tmp"])
    assert result.files_changed is not None
    assert result.files_changed.added == ("/var/tmp/b", "/work/logs/a")
    one = sandbox.run("echo again > logs/a", track_files="logs")  # one directory
    assert one.files_changed is not None and one.files_changed.changed == ("/work/logs/a",)
