"""Attacks on the sandbox's bounds, run for real: disk, memory, time, shell injection
through settings, and the measurements every step carries. Writes stay at a few hundred
MB at most (small limits), timeouts at a few seconds."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from pytest_testronaut.errors import TestronautError
from pytest_testronaut.sandbox import Sandbox, SandboxConfig, SandboxManager
from pytest_testronaut.sandbox.config import size_bytes

pytestmark = pytest.mark.docker

Leftovers = Callable[[Sandbox], list[str]]
MiB = 1024 * 1024


@pytest.fixture
def fresh(manager: SandboxManager) -> Iterator[Callable[..., Sandbox]]:
    """``fresh(**config)``: a new sandbox for this test only."""
    made: list[str] = []

    def make(**options: Any) -> Sandbox:
        key = f"bounds-{len(made)}-{time.monotonic_ns()}"
        made.append(key)
        return manager.sandbox(SandboxConfig(**options), key)

    yield make
    for key in made:
        manager.release(key)


# --- disk ------------------------------------------------------------------------------
def test_disk_is_bounded_by_default(sandbox: Sandbox, docker_client: Any) -> None:
    assert SandboxConfig().disk == "1g"
    assert sandbox.python is not None  # the base image has python3: supervised
    tmpfs = docker_client.containers.get(sandbox.id).attrs["HostConfig"]["Tmpfs"]
    assert f"size={size_bytes('1g')}" in tmpfs["/tmp"]


def test_one_big_file_stops_at_the_limit(fresh: Callable[..., Sandbox]) -> None:
    small = fresh(disk="32m")
    result = small.run("dd if=/dev/zero of=/work/big bs=1M count=300")
    assert result.exit_code != 0
    assert result.limit_reached is not None
    assert result.limit_reached.startswith("disk limit 32m reached")
    assert "disk limit 32m reached" in result.stderr
    size = int(small.run(["stat", "-c", "%s", "/work/big"]).stdout)
    assert size <= 32 * MiB
    with pytest.raises(AssertionError, match="disk limit 32m reached"):
        result.assert_exit(0)


def test_a_big_file_outside_the_workdir_stops_too(fresh: Callable[..., Sandbox]) -> None:
    small = fresh(disk="16m")
    result = small.run("dd if=/dev/zero of=/var/big bs=1M count=100")
    assert result.exit_code != 0 and "disk limit 16m reached" in (result.limit_reached or "")
    assert int(small.run(["stat", "-c", "%s", "/var/big"]).stdout) <= 16 * MiB
    # /etc/hosts is a file of the host's, bind-mounted: capped the same way
    hosts = small.run("dd if=/dev/zero of=/etc/hosts bs=1M count=40", timeout=30)
    assert hosts.exit_code != 0 and "disk limit 16m reached" in (hosts.limit_reached or "")
    assert int(small.run(["stat", "-c", "%s", "/etc/hosts"]).stdout) <= 16 * MiB


def test_many_files_are_stopped_by_the_watch(fresh: Callable[..., Sandbox]) -> None:
    small = fresh(disk="48m")
    # each file stays under the per-file limit; together they pass the limit, slowly
    # enough (a pause between files) for the watch to see it mid-way
    result = small.run("for i in $(seq 1 40); do head -c 8388608 /dev/zero > /work/f$i; "
                       "sleep 0.1; done; echo finished", timeout=60)
    assert "finished" not in result.stdout
    assert result.exit_code == 137 and not result.timed_out
    assert (result.limit_reached or "").startswith("disk limit 48m reached")
    used = int(small.run(["du", "-sm", "/work"]).stdout.split()[0])
    assert used < 48 + 40  # stopped near the limit, not after all 320 MB


def test_tmp_is_bounded_by_the_disk_limit(fresh: Callable[..., Sandbox]) -> None:
    small = fresh(disk="16m", memory="256m")
    result = small.run("head -c 50000000 /dev/zero > /tmp/fill")
    assert result.exit_code != 0
    assert int(small.run(["stat", "-c", "%s", "/tmp/fill"]).stdout) <= 16 * MiB


def test_disk_setting_is_validated() -> None:
    for bad in ("lots", "0", "-1g", "1q", ""):
        with pytest.raises(ValueError, match="disk"):
            SandboxConfig(disk=bad)
    assert SandboxConfig(disk="200M").disk_bytes == 200 * MiB


# --- memory ----------------------------------------------------------------------------
def test_memory_kill_names_the_memory_limit(fresh: Callable[..., Sandbox]) -> None:
    small = fresh(memory="64m")
    hog = small.run(["python3", "-c", "x = bytearray(512 * 1024 * 1024)"], timeout=60)
    assert hog.exit_code == 137 and not hog.timed_out
    assert (hog.limit_reached or "").startswith("memory limit 64m reached")
    assert "memory limit 64m reached" in hog.stderr
    with pytest.raises(AssertionError, match="memory limit 64m reached"):
        hog.assert_exit(0)
    assert small.run("echo still here").stdout == "still here\n"


def test_a_plain_kill_is_not_called_a_memory_kill(sandbox: Sandbox) -> None:
    killed = sandbox.run("kill -9 $$")
    assert killed.exit_code == 137 and killed.limit_reached is None


# --- time: the timeout kills every process of the step ---------------------------------
@pytest.mark.parametrize("escape", [
    "env -i sleep 1002 &",                          # clears its environment
    "setsid sh -c 'sleep 1003' &",                  # a session of its own
    "setsid env -i sh -c 'sleep 1004 & ' &",        # both, and an orphan of a dead parent
    "(env -i setsid sleep 1005 >/dev/null 2>&1 &) ;",  # double fork, no stdio left
], ids=["env-i", "setsid", "setsid-env-i-orphan", "double-fork"])
def test_timeout_kills_processes_that_escape(sandbox: Sandbox, leftovers: Leftovers,
                                             escape: str) -> None:
    started = time.monotonic()
    result = sandbox.run(f"{escape} sleep 1000", timeout=1)
    assert time.monotonic() - started < 6
    assert result.timed_out and result.exit_code == 137
    assert leftovers(sandbox) == []


def test_background_processes_of_a_finished_step_keep_running(sandbox: Sandbox,
                                                              leftovers: Leftovers) -> None:
    # a step may start a service on purpose: only a timeout kills what it started
    result = sandbox.run("sleep 1006 >/dev/null 2>&1 &", timeout=10)
    assert result.exit_code == 0 and result.duration < 5
    assert any("sleep 1006" in row for row in leftovers(sandbox))
    sandbox.run("pkill -f 'sleep 1006'; true")


# --- injection through settings ----------------------------------------------------------
def test_workdir_is_never_run_as_shell(fresh: Callable[..., Sandbox]) -> None:
    hostile = fresh(workdir="/work; touch /tmp/INJECTED")
    assert hostile.run("test -e /tmp/INJECTED").exit_code == 1
    assert hostile.run("pwd").stdout == "/work; touch /tmp/INJECTED\n"


def test_workdir_with_a_space_works(fresh: Callable[..., Sandbox]) -> None:
    spaced = fresh(workdir="/srv/my work", user="nobody")
    assert spaced.run("pwd").stdout == "/srv/my work\n"
    assert spaced.run("touch made && ls").stdout == "made\n"  # writable for a non-root user
    spaced.put_file("sub dir/$(touch /tmp/X2).txt", "content")
    assert spaced.get_file("sub dir/$(touch /tmp/X2).txt") == b"content"
    assert spaced.run("test -e /tmp/X2").exit_code == 1
    assert spaced.run(["stat", "-c", "%a", "/srv"]).stdout == "755\n"  # no chmod elsewhere


def test_env_and_cwd_values_are_not_shell(sandbox: Sandbox) -> None:
    value = "$(touch /tmp/X3); `touch /tmp/X4` 'quoted' \"double\""
    result = sandbox.run(["printenv", "V"], env={"V": value})
    assert result.stdout == value + "\n"
    sandbox.run(["mkdir", "-p", "/work/a dir; touch /tmp/X5"])
    assert sandbox.run("pwd", cwd="a dir; touch /tmp/X5").stdout == "/work/a dir; touch /tmp/X5\n"
    assert sandbox.run("ls /tmp/X3 /tmp/X4 /tmp/X5").exit_code != 0


# --- measurements -----------------------------------------------------------------------
def test_steps_carry_cpu_time_and_peak_memory(sandbox: Sandbox) -> None:
    busy = sandbox.run(["python3", "-c", "x = bytearray(64 * 1024 * 1024); "
                        "sum(i * i for i in range(3 * 10**6))"])
    assert busy.exit_code == 0
    assert busy.cpu_time is not None and busy.peak_memory is not None
    assert 0.05 < busy.cpu_time <= busy.duration * 1.5 + 0.1
    assert busy.peak_memory >= 64 * MiB
    idle = sandbox.run("true")
    assert idle.cpu_time is not None and idle.cpu_time < busy.cpu_time
    assert idle.peak_memory is not None and idle.peak_memory < 32 * MiB
    # the tree counts: CPU of a grandchild is the step's too
    tree = sandbox.run("sh -c \"python3 -c 'sum(range(3 * 10**6))'\"")
    assert tree.cpu_time is not None and tree.cpu_time > 0.02


def test_measurements_are_none_when_unmeasured(sandbox: Sandbox) -> None:
    slow = sandbox.run("sleep 100", timeout=0.5)
    assert slow.timed_out and slow.cpu_time is None and slow.peak_memory is None


def test_output_stays_byte_exact_under_the_supervisor(manager: SandboxManager) -> None:
    capped = manager.sandbox(SandboxConfig(output_limit=1000), "exact")
    try:
        exact = capped.run("printf 'a\\0b\\377'; printf 'x%.0s' $(seq 1 1000) >&2")
        assert exact.stdout_bytes == b"a\0b\xff"
        assert exact.stderr_bytes == b"x" * 1000 and not exact.stderr_truncated
        over = capped.run("printf 'y%.0s' $(seq 1 1001) >&2")
        assert over.stderr_bytes == b"y" * 1000 and over.stderr_truncated
        looks_like = capped.run("printf '\\0testronaut-report:nope:{}\\0' >&2")
        assert looks_like.stderr_bytes == b"\0testronaut-report:nope:{}\0"
    finally:
        manager.release("exact")


def test_without_python3_commands_run_as_before(fresh: Callable[..., Sandbox],
                                                leftovers: Leftovers) -> None:
    bare = fresh()
    bare.python = None  # what an image without python3 gets
    result = bare.run("echo out; echo err >&2; exit 3")
    assert (result.exit_code, result.stdout, result.stderr) == (3, "out\n", "err\n")
    assert result.cpu_time is None and result.peak_memory is None
    slow = bare.run("sh -c 'sleep 1000 & sleep 1001'", timeout=1)
    assert slow.timed_out and leftovers(bare) == []
    with pytest.raises(TestronautError, match="no such directory"):
        bare.run("true", cwd="/nowhere")


def test_memory_kill_is_named_without_python3_too(fresh: Callable[..., Sandbox]) -> None:
    bare = fresh(memory="64m")
    bare.python = None
    hog = bare.run(["python3", "-c", "x = bytearray(512 * 1024 * 1024)"], timeout=60)
    assert hog.exit_code == 137
    assert (hog.limit_reached or "").startswith("memory limit 64m reached")
    assert bare.run("kill -9 $$").limit_reached is None  # a later plain kill is not one


# --- the setting, from every place a sandbox setting comes from ----------------------------
def test_disk_setting_reaches_the_sandbox(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_disk="""
        import pytest

        def test_default(testronaut_env):
            assert testronaut_env.config.disk == "1g"

        @pytest.mark.testronaut(disk="8m", isolation="test")
        def test_marker(testronaut_env):
            assert testronaut_env.config.disk == "8m"
            result = testronaut_env.run("head -c 20000000 /dev/zero > big")
            assert result.limit_reached.startswith("disk limit 8m reached"), result

        @pytest.mark.testronaut(disk="lots", isolation="test")
        def test_bad(testronaut_env):
            pass
    """)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", timeout=300)
    result.assert_outcomes(passed=2, errors=1)
    result.stdout.fnmatch_lines(["*disk*'lots'*not a size like 1g*"])
    ini = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-o", "testronaut_disk=2g",
                                        "-k", "default", timeout=300)
    ini.assert_outcomes(failed=1)  # the ini value beats the default
    cli = pytester.runpytest_subprocess("-p", "no:cacheprovider", "--testronaut-disk=1g",
                                        "-o", "testronaut_disk=2g", "-k", "default",
                                        timeout=300)
    cli.assert_outcomes(passed=1)
    bad = pytester.runpytest_subprocess("-p", "no:cacheprovider", "--testronaut-disk=huge",
                                        timeout=300)
    assert bad.ret == pytest.ExitCode.USAGE_ERROR
    bad.stderr.fnmatch_lines(["*--testronaut-disk*'huge'*size like 512m*"])


def test_plan_disk_setting(pytester: pytest.Pytester) -> None:
    pytester.makefile(".testronaut.yaml", small="""
        version: 1
        tool: dd
        settings:
          disk: 8m
        cases:
          - id: fill
            command: head -c 20000000 /dev/zero > big
            exit: 0
    """)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "--testronaut",
                                           timeout=300)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*disk limit 8m reached*"])
