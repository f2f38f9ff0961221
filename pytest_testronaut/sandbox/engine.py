"""Connecting to a Docker engine, with one clear error when there is none.

An engine is addressed as ``DOCKER_HOST`` addresses it: ``unix:///path/docker.sock``,
``tcp://host:port`` (TLS from DOCKER_TLS_VERIFY and DOCKER_CERT_PATH as docker's own
client reads them), ``ssh://user@host`` (through the ``ssh`` program) or
``npipe://``. ``--testronaut-docker-hosts`` names several; :func:`host_for_worker`
binds each xdist worker to one of them.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlsplit

from ..errors import EngineUnavailable, TestronautError

SCHEMES = ("unix", "tcp", "ssh", "npipe", "http", "https")


def check_host(url: str) -> str:
    """``url`` when it is an engine address DOCKER_HOST would take, else a
    :class:`TestronautError` that says what is wrong."""
    parts = urlsplit(url)
    if parts.scheme not in SCHEMES:
        raise TestronautError(
            f"{url!r} is not a Docker engine address: expected unix:///path/to/docker.sock, "
            "tcp://HOST:PORT, ssh://USER@HOST or npipe:////./pipe/NAME (what DOCKER_HOST "
            "takes)")
    if parts.scheme in ("unix", "npipe"):
        if not parts.path:
            raise TestronautError(f"{url!r} names no socket: write {parts.scheme}:///PATH")
    elif not parts.hostname:
        raise TestronautError(f"{url!r} names no host: write {parts.scheme}://HOST[:PORT]")
    return url


def host_for_worker(hosts: Sequence[str], worker_id: str | None) -> str | None:
    """The engine of the xdist worker ``worker_id`` (``gw3``): its index modulo the
    list; the first one without xdist; None (DOCKER_HOST) without a list."""
    if not hosts:
        return None
    if not worker_id or not worker_id.startswith("gw") or not worker_id[2:].isdigit():
        return hosts[0]
    return hosts[int(worker_id[2:]) % len(hosts)]


def connect(host: str | None = None, timeout: float = 120.0) -> Any:
    """A ``docker.DockerClient`` for ``host`` (default: DOCKER_HOST, else the default
    socket), pinged.

    Raises :class:`EngineUnavailable` naming what was tried instead of docker-py's
    stack trace.
    """
    import docker
    import docker.errors

    environment = dict(os.environ)
    if host:
        environment["DOCKER_HOST"] = host
    address = environment.get("DOCKER_HOST")
    tried = address or "the default socket (unix:///var/run/docker.sock)"
    client = None
    try:
        # ssh:// through the ssh program (its config and agent), not paramiko
        client = docker.from_env(timeout=int(timeout), environment=environment,
                                 use_ssh_client=bool(address and address.startswith("ssh://")))
        client.ping()
    except docker.errors.DockerException as exc:
        if client is not None:
            client.close()
        if host:
            raise EngineUnavailable(
                f"no Docker engine reachable at {host} (from --testronaut-docker-hosts): "
                f"{_first_line(exc)}. Start that engine, or leave it out of the list."
            ) from None
        raise EngineUnavailable(
            f"no Docker engine reachable at {tried} (DOCKER_HOST={address or 'unset'}): "
            f"{_first_line(exc)}. Start the Docker engine, or point DOCKER_HOST at a "
            "running one (e.g. DOCKER_HOST=tcp://host:2375)."
        ) from None
    return client


def engine_id(client: Any) -> str:
    """The engine's own id (the same through every address that reaches it)."""
    return str(client.info().get("ID") or client.api.base_url)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
