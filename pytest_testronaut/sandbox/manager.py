"""The session's sandboxes: created on first use, shared per scope, always removed.

One :class:`SandboxManager` per pytest process (each xdist worker has its own), kept
in ``config.stash``. It connects to the engine lazily, sweeps what dead runs left,
builds images through :class:`ImageResolver` and removes every container it made at
scope end, at session end, on Ctrl-C and on SIGTERM.
"""

from __future__ import annotations

import contextlib
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest

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

    def sandbox(self, config: SandboxConfig, scope_key: str) -> Sandbox:
        """The live sandbox for ``config`` in ``scope_key``, created on first use."""
        with self._lock:
            scope = self._scopes.setdefault(scope_key, {})
            existing = scope.get(config)
            if existing is not None and not existing.closed:
                return existing
            image = self.images.resolve(config)
            sandbox = self._start(config, image)
            scope[config] = sandbox
            return sandbox

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
                root.run(f"mkdir -p {config.workdir} && chmod 1777 {config.workdir}", timeout=30)
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


# --- pytest wiring ----------------------------------------------------------------
MANAGER_KEY = pytest.StashKey[SandboxManager]()


def get_manager(config: pytest.Config) -> SandboxManager:
    """The session's manager, created (and made to clean up on exit) on first use."""
    manager = config.stash.get(MANAGER_KEY, None)
    if manager is None:
        from ..settings import get_settings

        settings = get_settings(config)
        worker = getattr(config, "workerinput", None)
        run_id = worker["testrunuid"][:12] if worker else None
        manager = SandboxManager(run_id, progress=_progress_line(config), keep=settings.keep,
                                 plan_hook=_plan_hook(config))
        config.stash[MANAGER_KEY] = manager
        config.add_cleanup(manager.close)
        _install_sigterm_handler()
    return manager


def _progress_line(config: pytest.Config) -> Callable[[str], None]:
    """Where a long build says what it does, while it does it: output capture is
    suspended for the line (as pytest's live logging does), which goes to the terminal,
    or under xdist (whose controller shows a worker's output only when a test ends) to
    the worker's own stderr, tagged with the worker id."""
    capman = config.pluginmanager.get_plugin("capturemanager")
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    worker = getattr(config, "workerinput", None)
    tag = f" [{worker.get('workerid', 'worker')}]" if worker else ""

    def say(message: str) -> None:
        suspended = capman.global_and_fixture_disabled() if capman else contextlib.nullcontext()
        with suspended:
            if worker is None and reporter is not None:
                reporter.write_line(f"testronaut: {message}", cyan=True)
            elif worker is not None:
                sys.stderr.write(f"testronaut{tag}: {message}\n")
                sys.stderr.flush()
    return say


def _plan_hook(config: pytest.Config) -> PlanHook:
    def hook(step: str, base_dir: Any) -> Any:
        return config.hook.pytest_testronaut_install_step(step=step, base_dir=base_dir,
                                                          config=config)
    return hook


def _install_sigterm_handler() -> None:
    """SIGTERM ends pytest like Ctrl-C, so cleanup runs (the default just dies)."""
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
