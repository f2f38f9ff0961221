"""Several Docker engines: ``--testronaut-docker-hosts`` binds each xdist worker to one.

The two engines here are the local one reached through two addresses: its unix socket,
and a loopback TCP proxy to that socket that the test starts (a forwarding thread on
127.0.0.1 that counts what goes through it). Also: images streamed from one address to
the other (docker save into docker load), a second address of the same engine never
taken for a peer to copy from, and bad addresses as usage errors.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import socket
import tarfile
import threading
import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from pytest_testronaut.sandbox import SandboxConfig, SandboxManager, remove_run
from pytest_testronaut.sandbox.engine import connect, host_for_worker
from pytest_testronaut.sandbox.images import ImageResolver, copy_image

from .conftest import Inner


class LoopbackProxy:
    """tcp://127.0.0.1:PORT forwarding every connection to a unix socket."""

    def __init__(self, socket_path: str) -> None:
        self.socket_path = socket_path
        self.server = socket.create_server(("127.0.0.1", 0))
        self.url = f"tcp://127.0.0.1:{self.server.getsockname()[1]}"
        self.connections = 0
        self.bytes_in = 0  # from the clients to the engine
        self._lock = threading.Lock()
        self._open: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.server.accept()
            except OSError:
                return
            upstream = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            try:
                upstream.connect(self.socket_path)
            except OSError:
                client.close()
                continue
            with self._lock:
                self.connections += 1
                self._open += [client, upstream]
            done: list[int] = []
            for src, dst, inbound in ((client, upstream, True), (upstream, client, False)):
                threading.Thread(target=self._pipe, args=(src, dst, inbound, done),
                                 daemon=True).start()

    def _pipe(self, src: socket.socket, dst: socket.socket, inbound: bool,
              done: list[int]) -> None:
        try:
            while data := src.recv(1 << 16):
                dst.sendall(data)
                if inbound:
                    with self._lock:
                        self.bytes_in += len(data)
        except OSError:
            pass
        with contextlib.suppress(OSError):
            dst.shutdown(socket.SHUT_WR)
        with self._lock:
            done.append(1)
            last = len(done) == 2
        if last:
            src.close()
            dst.close()

    def close(self) -> None:
        self.server.close()
        with self._lock:
            for sock in self._open:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()


def _engine_socket() -> str:
    host = os.environ.get("DOCKER_HOST", "unix:///var/run/docker.sock")
    if not host.startswith("unix://"):
        pytest.skip(f"the engine is not on a unix socket here (DOCKER_HOST={host})")
    return host.removeprefix("unix://")


@pytest.fixture
def proxy(docker_client: Any) -> Iterator[LoopbackProxy]:
    made = LoopbackProxy(_engine_socket())
    yield made
    made.close()


def test_workers_are_bound_by_index_modulo_the_list() -> None:
    hosts = ("unix:///a.sock", "tcp://b:2375", "ssh://c")
    assert [host_for_worker(hosts, f"gw{n}") for n in range(4)] == [*hosts, hosts[0]]
    assert host_for_worker(hosts, None) == hosts[0]  # no xdist: the first
    assert host_for_worker((), "gw1") is None  # no list: DOCKER_HOST


@pytest.mark.docker
def test_two_workers_use_one_engine_each(inner: Inner, proxy: LoopbackProxy) -> None:
    unix = f"unix://{_engine_socket()}"
    out = inner.pytester.path / "engines.jsonl"
    inner.pytester.makepyfile(test_engines=f"""
        import json, os

        import pytest

        from pytest_testronaut.session import TestronautSession

        @pytest.mark.parametrize("n", range(6))
        def test_engine(used, request, n):
            manager = TestronautSession.of(request.config).manager
            assert used.run("echo ok").stdout == "ok\\n"
            with open({str(out)!r}, "a") as fh:
                fh.write(json.dumps({{"worker": os.environ["PYTEST_XDIST_WORKER"],
                                     "host": manager.docker_host,
                                     "url": manager.client.api.base_url}}) + "\\n")
        """)
    result = inner.run("-n", "2", "--dist", "load", "--testronaut-isolation=test",
                       f"--testronaut-docker-hosts={unix},{proxy.url}", timeout=300)
    result.assert_outcomes(passed=6)
    result.stdout.fnmatch_lines([f"testronaut: docker engines: gw0 on {unix}; gw1 on "
                                 f"{proxy.url}"])
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    hosts = {row["worker"]: row["host"] for row in rows}
    assert hosts == {"gw0": unix, "gw1": proxy.url}, rows
    assert {row["url"] for row in rows if row["worker"] == "gw1"} == {
        proxy.url.replace("tcp://", "http://")}
    assert proxy.connections > 0  # gw1's containers really went through the proxy


@pytest.mark.docker
def test_an_image_streams_from_one_engine_to_another(docker_client: Any,
                                                     proxy: LoopbackProxy) -> None:
    tag = f"testronaut-test-copy:{uuid.uuid4().hex[:8]}"
    payload = os.urandom(2 * 1024 * 1024)
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as tar:
        info = tarfile.TarInfo("payload.bin")
        info.size = len(payload)
        tar.addfile(info, io.BytesIO(payload))
    repository, _, name = tag.partition(":")
    docker_client.api.import_image_from_data(buffer.getvalue(), repository=repository,
                                             tag=name, changes=["LABEL testronaut.managed=1"])
    target = connect(proxy.url)
    try:
        image = docker_client.images.get(tag)
        copied = copy_image(image, target, tag)
        assert copied == image.id
        assert proxy.bytes_in > len(payload)  # the image went in through the other address
        # the same engine under another address is no peer to copy from
        resolver = ImageResolver(target, "run", host=proxy.url,
                                 peers=[f"unix://{_engine_socket()}"])
        assert resolver._from_peers(tag) is None
    finally:
        target.close()
        docker_client.images.remove(tag, force=True)


@pytest.mark.docker
def test_the_controller_cleans_up_on_each_engine_it_can_reach(
        docker_client: Any, proxy: LoopbackProxy) -> None:
    manager = SandboxManager(docker_host=proxy.url)
    try:
        left = manager.sandbox(SandboxConfig(), "left-behind")
        assert docker_client.containers.get(left.id).labels["testronaut.run"] == manager.run_id
        with socket.create_server(("127.0.0.1", 0)) as closed:
            port = closed.getsockname()[1]
        gone = f"tcp://127.0.0.1:{port}"  # nobody listens there any more
        assert remove_run(manager.run_id, [gone, proxy.url]) == 1
        assert not docker_client.containers.list(all=True, filters={"id": left.id})
    finally:
        manager.close()


@pytest.mark.parametrize("value, says", [
    ("foo://x", "not a Docker engine address"),
    ("tcp://", "names no host"),
    ("unix://", "names no socket"),
])
def test_bad_addresses_are_usage_errors(pytester: pytest.Pytester, value: str,
                                        says: str) -> None:
    pytester.makepyfile(test_x="def test_x():\n    pass\n")
    result = pytester.runpytest_subprocess(f"--testronaut-docker-hosts={value}")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines([f"*--testronaut-docker-hosts*{says}*"])
