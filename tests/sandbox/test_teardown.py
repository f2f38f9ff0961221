"""Removing a sandbox someone else is removing, or has removed: at teardown that is
the same as gone, never a traceback."""

from __future__ import annotations

import contextlib
import threading
import time
from typing import Any

import docker.errors
import pytest

from pytest_testronaut.sandbox import SandboxConfig, SandboxManager

pytestmark = pytest.mark.docker


def _exists(client: Any, container_id: str) -> bool:
    return bool(client.containers.list(all=True, ignore_removed=True,
                                       filters={"id": container_id}))


def test_remove_after_the_container_is_gone(manager: SandboxManager, docker_client: Any) -> None:
    sandbox = manager.sandbox(SandboxConfig(), "gone")
    docker_client.api.remove_container(sandbox.id, force=True, v=True)
    sandbox.remove()  # 404 from the engine: already removed
    assert sandbox.closed
    manager.release("gone")


def test_remove_while_another_removal_is_in_progress(manager: SandboxManager,
                                                     docker_client: Any) -> None:
    refusals: list[tuple[int | None, str]] = []
    # The race is won most of the time; a few rounds make sure the 409 path ran.
    for round_ in range(5):
        key = f"racing-{round_}"
        sandbox = manager.sandbox(SandboxConfig(), key)
        real_remove = sandbox._container.remove

        def spying_remove(real: Any = real_remove, **options: Any) -> None:
            try:
                real(**options)
            except docker.errors.APIError as exc:
                refusals.append((exc.status_code, str(exc.explanation)))
                raise

        sandbox._container.remove = spying_remove

        def remove_from_outside(container_id: str = sandbox.id) -> None:
            # Refused when ours got there first: a round without the race, not a failure.
            with contextlib.suppress(docker.errors.APIError):
                docker_client.api.remove_container(container_id, force=True, v=True)

        thread = threading.Thread(target=remove_from_outside)
        thread.start()
        # Call ours once the engine reports the other removal under way.
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                status = docker_client.api.inspect_container(sandbox.id)["State"]["Status"]
            except docker.errors.NotFound:
                break
            if status == "removing":
                break
        sandbox.remove()
        thread.join(timeout=60)
        manager.release(key)
        assert not _exists(docker_client, sandbox.id)
        if any(code == 409 for code, _ in refusals):
            break
    assert [code for code, _ in refusals if code != 404][:1] == [409], refusals
    assert "already in progress" in refusals[-1][1]
