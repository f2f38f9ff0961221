"""The session's sandboxes: created on first use, shared per scope, always removed.

One :class:`SandboxManager` per process (the pytest session owns one per xdist worker;
the console script makes its own). It connects to the engine lazily, sweeps what dead
runs left, builds images through :class:`ImageResolver` and removes every container it
made when a scope is released and on :meth:`close`. Knows Docker only: no pytest.
"""

from __future__ import annotations

import contextlib
import shlex
import signal
import threading
from collections.abc import Callable, Iterator
from typing import Any

from ..errors import ImageError, TestronautError
from . import labels as L
from .config import SandboxConfig
from .container import Sandbox, container_options
from .images import ImageResolver, PlanHook, Progress
from .labels import new_run_id


class SandboxManager:
    """Creates, shares and removes sandboxes for one process."""

    def __init__(self, run_id: str | None = None, *, progress: Progress | None = None,
                 keep: bool = False, plan_hook: PlanHook | None = None) -> None:
        self.run_id = run_id or new_run_id()
        self.progress = progress
        self.keep = keep
        self.plan_hook = plan_hook
        self._client: Any = None
        self._images: ImageResolver | None = None
        self._scopes: dict[str, dict[SandboxConfig, Sandbox]] = {}
        self._lock = threading.RLock()
        self.swept: dict[str, int] = {}
        self.created = 0

    @property
    def client(self) -> Any:
        """The docker client, connected (and stale resources swept) on first use."""
        if self._client is None:
            from .engine import connect

            self._client = connect()
            self.swept = L.sweep(self._client)
            self._images = ImageResolver(self._client, self.run_id, self.progress, self.plan_hook)
        return self._client

    @property
    def images(self) -> ImageResolver:
        self.client  # noqa: B018 - connects
        assert self._images is not None
        return self._images

    def sandbox(self, config: SandboxConfig, scope_key: str,
                on_start: Callable[[Sandbox], None] | None = None) -> Sandbox:
        """The live sandbox for ``config`` in ``scope_key``, created on first use;
        ``on_start`` sees each new one before anybody uses it."""
        with self._lock:
            scope = self._scopes.setdefault(scope_key, {})
            existing = scope.get(config)
            if existing is not None and not existing.closed:
                return existing
            image = self.images.resolve(config)
            sandbox = self._start(config, image)
            scope[config] = sandbox
        if on_start is not None:
            try:
                on_start(sandbox)
            except BaseException:
                self.release_one(scope_key, config)
                raise
        return sandbox

    def release_one(self, scope_key: str, config: SandboxConfig) -> None:
        with self._lock:
            sandbox = self._scopes.get(scope_key, {}).pop(config, None)
        if sandbox is not None and not self.keep:
            sandbox.remove()

    def _start(self, config: SandboxConfig, image: str) -> Sandbox:
        import docker.errors

        options = container_options(config, image, L.labels(self.run_id, "sandbox"))
        try:
            container = self.client.containers.create(**options)
        except docker.errors.ImageNotFound:
            raise ImageError(f"image {image!r} vanished while starting a sandbox") from None
        except docker.errors.APIError as exc:
            raise TestronautError(
                f"the Docker engine refused to create a sandbox from {config.image!r}: "
                f"{exc.explanation or exc}"
            ) from None
        try:
            container.start()
        except docker.errors.APIError as exc:
            container.remove(force=True)
            raise TestronautError(f"starting a sandbox failed: {exc.explanation or exc}") from None
        self.created += 1
        sandbox = Sandbox(container, config, image)
        try:
            if not config.read_only:
                # Make sure the workdir exists and is writable for a non-root user,
                # whatever the image (docker creates a missing working_dir as root 0755).
                root = Sandbox(container, config.model_copy(update={"user": "root"}), image)
                workdir = shlex.quote(config.workdir)
                root.run(f"mkdir -p -- {workdir} && chmod 1777 -- {workdir}", timeout=30)
        except docker.errors.APIError as exc:
            container.reload()
            logs = container.logs(tail=5).decode("utf-8", "replace").strip()
            sandbox.remove()
            raise TestronautError(
                f"the sandbox from {config.image!r} stopped right after it started "
                f"(state {container.status}; {exc.explanation or exc})"
                + (f": {logs}" if logs else "")
                + f". Check its limits (pids={config.pids}, memory={config.memory}) and that "
                "the image has /bin/sh."
            ) from None
        return sandbox

    def release(self, scope_key: str) -> None:
        """Remove every sandbox opened under ``scope_key``."""
        with self._lock:
            scope = self._scopes.pop(scope_key, {})
        if self.keep:
            return
        for sandbox in scope.values():
            sandbox.remove()

    def close(self) -> None:
        """Remove every sandbox this manager created (unless ``keep``)."""
        for key in list(self._scopes):
            self.release(key)
        if self._client is not None and not self.keep:
            # Belt and braces: anything labelled with this run and this process.
            owner = str(L.Owner.current())
            for container in self._client.containers.list(
                    all=True, ignore_removed=True,
                    filters={"label": [f"{L.RUN}={self.run_id}", f"{L.OWNER}={owner}"]}):
                with contextlib.suppress(Exception):
                    container.remove(force=True, v=True)
            self._client.close()
            self._client = None


def install_sigterm_handler() -> None:
    """SIGTERM ends the process like Ctrl-C, so cleanup runs (the default just dies)."""
    if threading.current_thread() is not threading.main_thread():
        return
    if signal.getsignal(signal.SIGTERM) not in (signal.SIG_DFL, None):
        return  # someone (e.g. xdist) already handles it

    def on_term(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt("SIGTERM")

    signal.signal(signal.SIGTERM, on_term)


@contextlib.contextmanager
def standalone_sandbox(config: SandboxConfig, *,
                       progress: Callable[[str], None] | None = None) -> Iterator[Sandbox]:
    """A sandbox outside pytest (the console script), removed when the block ends."""
    manager = SandboxManager(progress=progress)
    previous = signal.getsignal(signal.SIGTERM)
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    try:
        yield manager.sandbox(config, "standalone")
    finally:
        manager.close()
        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGTERM, previous)
