"""Generation's sandbox (issue #8): a CPU limit for its lanes, never above the engine's
CPUs (Docker refuses that), and the hardening of the config it was given."""

from __future__ import annotations

from typing import Any

import pytest

from pytest_testronaut.generation.probe import GENERATION_CPUS, for_generation
from pytest_testronaut.sandbox import SandboxConfig, SandboxManager


def test_generation_gets_its_cpus_and_keeps_the_rest() -> None:
    given = SandboxConfig(memory="256m", pids=99, install=("apt:jq",))
    config = for_generation(given)
    assert config.cpus == GENERATION_CPUS
    assert (config.memory, config.pids, config.network, config.install) == (
        "256m", 99, False, ("apt:jq",))
    assert for_generation(SandboxConfig(cpus=8)).cpus == 8  # a higher limit stays


@pytest.mark.docker
def test_a_limit_above_the_engines_cpus_is_the_engines(manager: SandboxManager,
                                                       docker_client: Any) -> None:
    engine = int(docker_client.info()["NCPU"] * 1e9)
    wide = manager.sandbox(SandboxConfig(cpus=512), "wide")
    try:
        host_config = docker_client.containers.get(wide.id).attrs["HostConfig"]
        assert host_config["NanoCpus"] == engine
        assert wide.run("true").exit_code == 0
    finally:
        manager.release("wide")
