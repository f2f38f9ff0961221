"""Set-up shared by every test folder: pytester, and the rule for tests that need Docker.

Tests marked ``docker`` run against the real engine. Without an engine they skip on
a laptop, but fail when ``CI`` is set: a skip there would hide a broken feature.

The example suite (``examples/``) has its own ``pytest.ini``, which makes it its own
rootdir: this file is not loaded there, so the examples run as a user's project would.
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
    """Tests marked ``docker`` get the engine check of :func:`docker_client` first."""
    if request.node.get_closest_marker("docker") is not None:
        request.getfixturevalue("docker_client")
