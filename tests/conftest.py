"""Shared test set-up: pytester, and the rule for tests that need Docker.

Tests marked ``docker`` run against the real engine. Without an engine they skip on
a laptop, but fail when ``CI`` is set: a skip there would hide a broken feature.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest

pytest_plugins = ["pytester"]

BASE_IMAGE = os.environ.get("TESTRONAUT_BASE_IMAGE", "testronaut-base:bookworm")


@pytest.fixture(scope="session")
def docker_client() -> Iterator[Any]:
    """A docker client for checks from the outside (labels, leftovers)."""
    from pytest_testronaut.errors import EngineUnavailable
    from pytest_testronaut.sandbox.engine import connect

    try:
        client = connect()
    except EngineUnavailable as exc:
        if os.environ.get("CI"):
            pytest.fail(f"CI is set but {exc}", pytrace=False)
        pytest.skip(str(exc))
    try:
        client.images.get(BASE_IMAGE)
    except Exception:
        pytest.fail(f"base image {BASE_IMAGE} is missing: run `testronaut base-image` "
                    "(the README's test command does it for you)", pytrace=False)
    yield client
    client.close()


@pytest.fixture(autouse=True)
def _needs_docker(request: pytest.FixtureRequest) -> None:
    if request.node.get_closest_marker("docker") is not None:
        request.getfixturevalue("docker_client")


def labelled_containers(client: Any, **labels: str) -> list[Any]:
    wanted = ["testronaut.managed"] + [f"testronaut.{k}={v}" for k, v in labels.items()]
    # ignore_removed: a container another run removes mid-listing is not an error
    return list(client.containers.list(all=True, filters={"label": wanted}, ignore_removed=True))
