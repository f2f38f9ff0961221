"""Fixtures of the sandbox-level tests: sandboxes made without pytest's wiring."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from pytest_testronaut.sandbox import Sandbox, SandboxConfig, SandboxManager

# What a sandbox runs when idle (see container.KEEPALIVE, and the in-container runner with
# its per-step reapers, runner_script.MARK); everything else left in `ps` after a command
# is a leftover of that command.
IDLE = ("docker-init", "while :; do sleep 3600", "sleep 3600", "testronaut-runner")


@pytest.fixture(scope="module")
def manager(docker_client: Any) -> Iterator[SandboxManager]:
    """A manager for this module; every sandbox it made is removed at module end."""
    made = SandboxManager()
    yield made
    made.close()


@pytest.fixture(scope="module")
def sandbox(manager: SandboxManager) -> Sandbox:
    """One default sandbox shared by the module's tests (they must not need a clean one)."""
    return manager.sandbox(SandboxConfig(env=(("FROM_CONFIG", "config value"),)), "module")


def _leftovers(sandbox: Sandbox) -> list[str]:
    listing = sandbox.run(["ps", "-eo", "pid=,args="], timeout=30)
    assert listing.exit_code == 0, listing.stderr
    rows = [line.strip() for line in listing.stdout.splitlines() if line.strip()]
    return [row for row in rows
            if not any(idle in row for idle in IDLE) and not row.endswith("ps -eo pid=,args=")]


@pytest.fixture(scope="session")
def leftovers() -> Callable[[Sandbox], list[str]]:
    """``leftovers(sandbox)``: processes in it besides its idle keep-alive and this ``ps``."""
    return _leftovers
