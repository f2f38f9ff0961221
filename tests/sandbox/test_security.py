"""The sandbox's confinement, checked from inside and outside the container: network,
capabilities, privilege escalation, process and memory limits, users, read-only root."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest

from pytest_testronaut.sandbox import Sandbox, SandboxConfig, SandboxManager

pytestmark = pytest.mark.docker

Leftovers = Callable[[Sandbox], list[str]]


def _status(sandbox: Sandbox, field: str) -> str:
    result = sandbox.run(["grep", f"^{field}:", "/proc/self/status"])
    assert result.exit_code == 0, result.stderr
    return result.stdout.split(":", 1)[1].strip()


@pytest.fixture
def fresh(manager: SandboxManager, request: pytest.FixtureRequest) -> Callable[..., Sandbox]:
    """``fresh(**config)``: a sandbox of its own for this test, removed after it."""
    key = f"test:{request.node.name}"
    request.addfinalizer(lambda: manager.release(key))
    return lambda **config: manager.sandbox(SandboxConfig(**config), key)


def test_default_sandbox_has_only_loopback(sandbox: Sandbox, docker_client: Any) -> None:
    assert sandbox.run("ls /sys/class/net").stdout.split() == ["lo"]
    host_config = docker_client.containers.get(sandbox.id).attrs["HostConfig"]
    assert host_config["NetworkMode"] == "none"


def test_no_capabilities_and_no_new_privileges(sandbox: Sandbox, docker_client: Any) -> None:
    assert sandbox.run("id -u").stdout.strip() == "0"  # root in name only
    for field in ("CapEff", "CapPrm", "CapBnd", "CapAmb"):
        assert int(_status(sandbox, field), 16) == 0, field
    assert _status(sandbox, "NoNewPrivs") == "1"
    host_config = docker_client.containers.get(sandbox.id).attrs["HostConfig"]
    assert host_config["Privileged"] is False
    assert host_config["CapDrop"] == ["ALL"]
    assert "no-new-privileges" in host_config["SecurityOpt"]
    # what root could otherwise do
    assert sandbox.run("chown 1000 /etc/hostname").exit_code != 0
    assert sandbox.run("mknod /tmp/dev c 1 3").exit_code != 0
    assert sandbox.run("mount -t tmpfs none /mnt").exit_code != 0


def test_limits_reach_the_engine(manager: SandboxManager, docker_client: Any) -> None:
    config = SandboxConfig(memory="96m", cpus=0.5, pids=77)
    limited = manager.sandbox(config, "limits")
    try:
        host_config = docker_client.containers.get(limited.id).attrs["HostConfig"]
        assert host_config["Memory"] == 96 * 1024 * 1024
        assert host_config["MemorySwap"] == 96 * 1024 * 1024  # no swap on top
        assert host_config["NanoCpus"] == 500_000_000
        assert host_config["PidsLimit"] == 77
    finally:
        manager.release("limits")


def test_network_true_gives_an_interface(fresh: Callable[..., Sandbox]) -> None:
    # only looks at the interface list: no traffic is sent anywhere
    networked = fresh(network=True)
    assert "eth0" in networked.run("ls /sys/class/net").stdout.split()
    assert int(_status(networked, "CapEff"), 16) == 0


def test_fork_bomb_is_contained(fresh: Callable[..., Sandbox], leftovers: Leftovers) -> None:
    bombed = fresh(pids=64, memory="256m")
    started = time.monotonic()
    # The shell blocks on a fifo (a builtin, no fork) so the bomb runs until the timeout.
    result = bombed.run("mkfifo /tmp/never; bomb() { bomb | bomb & }; bomb; read x < /tmp/never",
                        timeout=3)
    assert time.monotonic() - started < 15
    assert result.timed_out
    assert bombed.run("echo still here").stdout == "still here\n"
    assert leftovers(bombed) == []
    assert int(bombed.run("ps -e --no-headers | wc -l").stdout) < 10


def test_detached_fork_bomb_returns_and_is_removable(manager: SandboxManager,
                                                    docker_client: Any) -> None:
    # The classic bomb returns at once and leaves its children running (commands may
    # start background services on purpose): the pid limit must keep it in the box and
    # the sandbox must still be removable.
    bombed = manager.sandbox(SandboxConfig(pids=64, memory="256m"), "detached-bomb")
    started = time.monotonic()
    bombed.run("bomb() { bomb | bomb & }; bomb", timeout=5)
    assert time.monotonic() - started < 15
    container_id = bombed.id
    manager.release("detached-bomb")
    assert not docker_client.containers.list(all=True, ignore_removed=True,
                                             filters={"id": container_id})


def test_memory_hog_is_killed(fresh: Callable[..., Sandbox]) -> None:
    small = fresh(memory="64m")
    hog = small.run(["python3", "-c", "x = bytearray(512 * 1024 * 1024); print(len(x))"],
                    timeout=60)
    assert hog.exit_code == 137
    assert not hog.timed_out
    assert hog.stdout == ""
    assert small.run("echo still here").stdout == "still here\n"


def test_non_root_user(fresh: Callable[..., Sandbox]) -> None:
    tester = fresh(user="tester")
    assert tester.run("id -u; id -un").stdout.split() == ["1000", "tester"]
    assert tester.run("touch /work/mine && echo ok > /work/mine && cat /work/mine").stdout == "ok\n"
    tester.put_file("given.txt", "from the host")
    assert tester.run("stat -c %U given.txt").stdout.strip() == "tester"
    assert tester.get_file("given.txt") == b"from the host"
    assert tester.run("touch /etc/nope").exit_code != 0
    # a timeout still stops the user's process
    slow = tester.run("sleep 1000", timeout=1)
    assert slow.timed_out
    assert "sleep 1000" not in tester.run("ps -eo args").stdout


def test_read_only_root(fresh: Callable[..., Sandbox]) -> None:
    sealed = fresh(read_only=True)
    denied = sealed.run("echo x > /etc/testronaut-probe")
    assert denied.exit_code != 0
    assert "Read-only file system" in denied.stderr
    assert sealed.run("touch /usr/bin/probe").exit_code != 0
    assert sealed.run("echo w > /work/w && echo t > /tmp/t && cat /work/w /tmp/t").stdout == "w\nt\n"
    sealed.put_file("dir/put.txt", "put works")
    assert sealed.get_file("dir/put.txt") == b"put works"
    assert sealed.run("test -e /etc/testronaut-probe").exit_code == 1


def test_read_only_root_as_tester(fresh: Callable[..., Sandbox]) -> None:
    sealed = fresh(read_only=True, user="tester")
    assert sealed.run("touch /work/ok /tmp/ok && echo fine").stdout == "fine\n"
    sealed.put_file("/work/a/b.txt", "b")
    assert sealed.run("cat a/b.txt").stdout == "b"


def test_defaults_can_be_loosened_on_purpose(fresh: Callable[..., Sandbox]) -> None:
    loose = fresh(cap_add=["net_admin"], no_new_privileges=False)
    assert int(_status(loose, "CapEff"), 16) == 1 << 12  # CAP_NET_ADMIN only
    assert _status(loose, "NoNewPrivs") == "0"


def test_marker_keywords_loosen_the_defaults(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_loose="""
import pytest

@pytest.mark.testronaut(cap_add=["CAP_NET_ADMIN"], no_new_privileges=False, isolation="test")
def test_loose(testronaut_env):
    status = testronaut_env.run("grep -E 'CapEff|NoNewPrivs' /proc/self/status").stdout
    assert "0000000000001000" in status and "NoNewPrivs:\\t0" in status
""")
    pytester.runpytest("-p", "no:cacheprovider").assert_outcomes(passed=1)
