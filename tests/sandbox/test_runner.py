"""The in-container runner (sandbox/runner.py), for real: steps go through one long-lived
python3 process per sandbox, keep every promise of run(), and fall back to one Docker
exec per step when the image has no python3 or the runner dies."""

from __future__ import annotations

import statistics
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from pytest_testronaut.errors import TestronautError
from pytest_testronaut.sandbox import Sandbox, SandboxConfig, SandboxManager, base_image_tag

pytestmark = pytest.mark.docker

Leftovers = Callable[[Sandbox], list[str]]


@pytest.fixture
def fresh(manager: SandboxManager) -> Iterator[Callable[..., Sandbox]]:
    """``fresh(**config)``: a new sandbox for this test only."""
    made: list[str] = []

    def make(**options: Any) -> Sandbox:
        key = f"runner-{len(made)}-{time.monotonic_ns()}"
        made.append(key)
        return manager.sandbox(SandboxConfig(**options), key)

    yield make
    for key in made:
        manager.release(key)


# --- the runner is used ---------------------------------------------------------------
def test_steps_go_through_the_runner(sandbox: Sandbox) -> None:
    sandbox.run("true")
    runner = sandbox.runner_pid
    assert runner is not None and sandbox.runner_failure is None
    # the step's shell -> its reaper (a fork of the runner) -> the runner
    step = sandbox.run("cat /proc/$PPID/stat")
    assert int(step.stdout.rsplit(")", 1)[1].split()[1]) == runner
    assert sandbox.runner_pid == runner  # one runner for every step


def test_a_step_through_the_runner_is_cheaper_than_an_exec(sandbox: Sandbox,
                                                           docker_client: Any) -> None:
    container = docker_client.containers.get(sandbox.id)

    def median(fn: Callable[[], object]) -> float:
        samples = []
        for _ in range(9):
            start = time.perf_counter()
            fn()
            samples.append(time.perf_counter() - start)
        return statistics.median(samples)

    sandbox.run("true")
    ours = median(lambda: sandbox.run(["true"]))
    raw = median(lambda: container.exec_run(["true"]))
    assert sandbox.runner_pid is not None
    assert ours < raw, (ours, raw)


def test_exec_mode_never_starts_a_runner() -> None:
    manager = SandboxManager(runner="exec")
    try:
        plain = manager.sandbox(SandboxConfig(), "plain")
        assert plain.run("echo hi").stdout == "hi\n"
        assert plain.runner_pid is None
        listing = plain.run(["ps", "-eo", "args="]).stdout
        assert "testronaut-runner" not in listing
    finally:
        manager.close()
    with pytest.raises(TestronautError, match="runner 'fast' is not one of auto, exec"):
        SandboxManager(runner="fast")


# --- what run() promises, through the runner ----------------------------------------------
def test_binary_stdin_and_stdout_are_byte_exact(sandbox: Sandbox) -> None:
    data = bytes(range(256)) * 4096  # 1 MiB, every byte value, more than a pipe holds
    echoed = sandbox.run(["cat"], stdin=data)
    assert echoed.exit_code == 0 and echoed.stdout_bytes == data
    both = sandbox.run(["sh", "-c", "printf '\\000\\377out'; printf '\\001err' >&2"])
    assert (both.stdout_bytes, both.stderr_bytes) == (b"\0\xffout", b"\x01err")
    assert sandbox.run(["cat"], stdin=b"").stdout_bytes == b""
    assert sandbox.run("test -t 0 || cat; echo end").stdout == "end\n"  # no stdin: empty


def test_stdin_a_step_does_not_read_leaves_the_next_step_intact(sandbox: Sandbox) -> None:
    ignored = sandbox.run(["true"], stdin=b"x" * (8 * 1024 * 1024))
    assert ignored.exit_code == 0
    assert sandbox.run(["cat"], stdin=b"next").stdout == "next"
    assert sandbox.runner_failure is None


def test_output_beyond_the_cap_is_cut_and_drained(fresh: Callable[..., Sandbox]) -> None:
    small = fresh(output_limit=1000)
    big = small.run("head -c 5000000 /dev/zero; echo tail >&2")
    assert big.exit_code == 0
    assert len(big.stdout_bytes) == 1000 and big.stdout_truncated
    assert big.stderr_bytes == b"tail\n" and not big.stderr_truncated
    assert small.run("echo next").stdout == "next\n"
    assert small.runner_pid is not None


def test_env_cwd_and_missing_things(sandbox: Sandbox) -> None:
    result = sandbox.run(["sh", "-c", 'echo "$A|$FROM_CONFIG|$(pwd)"'], env={"A": "a b"},
                         cwd="/tmp")
    assert result.stdout == "a b|config value|/tmp\n"
    missing = sandbox.run(["no-such-tool"])
    assert missing.exit_code == 127 and "no-such-tool" in missing.stderr
    with pytest.raises(TestronautError, match="no such directory"):
        sandbox.run("true", cwd="/nowhere")
    assert sandbox.runner_failure is None


def test_timeout_kills_a_tree_of_setsid_children(sandbox: Sandbox, leftovers: Leftovers) -> None:
    sandbox.run("true")
    runner = sandbox.runner_pid
    slow = sandbox.run("setsid sh -c 'sleep 1011' & setsid sleep 1012 & "
                       "(setsid sh -c 'sleep 1013 &') ; sleep 1014", timeout=1)
    assert slow.timed_out and slow.exit_code == 137
    assert leftovers(sandbox) == []
    assert sandbox.runner_pid == runner  # the runner did it and stays


def test_background_processes_outlive_their_step(sandbox: Sandbox, leftovers: Leftovers) -> None:
    started = sandbox.run("sleep 1015 >/dev/null 2>&1 &")
    assert started.exit_code == 0 and started.duration < 5
    assert any("sleep 1015" in row for row in leftovers(sandbox))
    sandbox.run("pkill -f 'sleep 1015'")
    assert leftovers(sandbox) == []


def test_two_threads_share_one_sandbox(sandbox: Sandbox) -> None:
    results: dict[tuple[int, int], str] = {}
    errors: list[BaseException] = []

    def steps(thread: int) -> None:
        try:
            for i in range(15):
                got = sandbox.run(["sh", "-c", 'sleep 0.0$2; echo "$1"', "x", f"{thread}-{i}",
                                   str(i % 3)], stdin=f"{thread}")
                results[(thread, i)] = got.stdout
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=steps, args=(n,)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert errors == []
    assert results == {(t, i): f"{t}-{i}\n" for t in range(2) for i in range(15)}
    assert sandbox.runner_failure is None


# --- fallback -----------------------------------------------------------------------------
def test_a_killed_runner_falls_back_to_exec(manager: SandboxManager) -> None:
    said: list[str] = []
    own = SandboxManager(progress=said.append)
    try:
        box = own.sandbox(SandboxConfig(), "killed")
        box.run("true")
        runner = box.runner_pid
        assert runner is not None
        killing = box.run(f"kill -9 {runner}; sleep 1; echo after")
        assert "runner stopped during this step" in killing.stderr
        assert box.runner_pid is None and box.runner_failure
        after = box.run("echo $((6 * 7))", stdin="unused")
        assert (after.exit_code, after.stdout) == (0, "42\n")
        assert box.run("cat", stdin="still").stdout == "still"
        timed = box.run("sleep 1016", timeout=1)
        assert timed.timed_out
        notes = [m for m in said if "through docker exec" in m]
        assert len(notes) == 1 and "died during a step" in notes[0], said
        listing = box.run(["ps", "-eo", "args="]).stdout
        assert "testronaut-runner" not in listing and "sleep 1016" not in listing
    finally:
        own.close()


def test_a_runner_that_stops_answering_is_given_up(manager: SandboxManager) -> None:
    said: list[str] = []
    own = SandboxManager(progress=said.append)
    try:
        box = own.sandbox(SandboxConfig(), "stopped")
        box.run("true")
        runner = box.runner_pid
        frozen = box.run(f"kill -STOP {runner}", timeout=1)  # answers nothing from now on
        assert frozen.timed_out and "stopped answering" in frozen.stderr
        assert box.runner_pid is None
        assert box.run("echo fine").stdout == "fine\n"
        assert "testronaut-runner" not in box.run(["ps", "-eo", "args="]).stdout
        assert len([m for m in said if "stopped answering" in m]) == 1, said
    finally:
        own.close()


@pytest.fixture(scope="module")
def no_python_image(tmp_path_factory: pytest.TempPathFactory, docker_client: Any) -> Iterator[str]:
    folder: Path = tmp_path_factory.mktemp("nopython")
    (folder / "Dockerfile").write_text(
        f"FROM {base_image_tag()}\nRUN rm -f /usr/bin/python3* /usr/local/bin/python3*\n")
    config = SandboxConfig(dockerfile="Dockerfile", base_dir=str(folder))
    manager = SandboxManager()
    try:
        image = manager.images.resolve(config)
    finally:
        manager.close()
    yield str(folder)
    built = docker_client.images.get(image)
    assert built.id != docker_client.images.get(base_image_tag()).id
    for tag in built.tags:
        assert tag.startswith("testronaut-build:"), tag
        docker_client.images.remove(tag, force=True)


def test_an_image_without_python3_falls_back_to_exec(no_python_image: str) -> None:
    said: list[str] = []
    manager = SandboxManager(progress=said.append)
    config = SandboxConfig(dockerfile="Dockerfile", base_dir=no_python_image)
    try:
        first = manager.sandbox(config, "one")
        assert first.python is None
        result = first.run("echo out; echo err >&2; exit 3")
        assert (result.exit_code, result.stdout, result.stderr) == (3, "out\n", "err\n")
        assert first.run(["cat"], stdin=b"\0\1").stdout_bytes == b"\0\1"
        assert first.runner_pid is None
        assert first.run("sleep 1017", timeout=1).timed_out
        second = manager.sandbox(config, "two")
        assert second.run("echo two").stdout == "two\n"
        notes = [m for m in said if "through docker exec" in m]
        assert len(notes) == 1 and "no python3" in notes[0], said  # once, not per sandbox
    finally:
        manager.close()


# --- the setting --------------------------------------------------------------------------
def test_runner_setting_reaches_the_sandbox(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_mode="""
        def test_mode(testronaut_env):
            testronaut_env.run("true")
            print("RUNNER", testronaut_env.runner_pid is not None)
    """)
    default = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-s", timeout=300)
    default.assert_outcomes(passed=1)
    default.stdout.fnmatch_lines(["*RUNNER True*"])
    off = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-s",
                                        "--testronaut-runner=exec", timeout=300)
    off.assert_outcomes(passed=1)
    off.stdout.fnmatch_lines(["*RUNNER False*"])
    bad = pytester.runpytest_subprocess("-p", "no:cacheprovider", "--testronaut-runner=fast",
                                        timeout=300)
    assert bad.ret == pytest.ExitCode.USAGE_ERROR
