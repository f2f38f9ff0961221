"""Connecting to the Docker engine, with one clear error when there is none."""

from __future__ import annotations

import os
from typing import Any

from ..errors import EngineUnavailable


def connect(timeout: float = 120.0) -> Any:
    """A ``docker.DockerClient`` for DOCKER_HOST (or the default socket), pinged.

    Raises :class:`EngineUnavailable` naming what was tried instead of docker-py's
    stack trace.
    """
    import docker
    import docker.errors

    host = os.environ.get("DOCKER_HOST")
    tried = host or "the default socket (unix:///var/run/docker.sock)"
    try:
        client = docker.from_env(timeout=int(timeout))
        client.ping()
    except docker.errors.DockerException as exc:
        raise EngineUnavailable(
            f"no Docker engine reachable at {tried} (DOCKER_HOST="
            f"{host or 'unset'}): {_first_line(exc)}. Start the Docker engine, or point "
            "DOCKER_HOST at a running one (e.g. DOCKER_HOST=tcp://host:2375)."
        ) from None
    return client


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
