"""The session's sandboxes: created on first use, shared per scope, always removed.

One :class:`SandboxManager` per process (the pytest session owns one per xdist worker;
the console script makes its own). It connects to its engine (``docker_host``, else
DOCKER_HOST) lazily, sweeps what dead runs left there, builds images through
:class:`ImageResolver` (or receives them from the ``peers``, the other engines of the
run) and removes every container it made when a scope is released and on
:meth:`close`. Sandboxes of ``isolation="test"`` come from a :class:`WarmPool` of
``pool_size`` containers started ahead of need. Knows Docker only: no pytest.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from ..errors import EngineUnavailable, ImageError, TestronautError
from . import labels as L
from .config import SandboxConfig
from .container import RUNNER_MODES, Sandbox, container_options
from .images import ImageResolver, PlanHook, Progress
from .labels import new_run_id
from .pool import WarmPool


class SandboxManager:
    """Creates, shares and removes sandboxes for one process."""

    def __init__(self, run_id: str | None = None, *, progress: Progress | None = None,
                 keep: bool = False, plan_hook: PlanHook | None = None,
                 runner: str = "auto", pool_size: int = 0, docker_host: str | None = None,
                 peers: Sequence[str] = (), pull: bool = False) -> None:
        if runner not in RUNNER_MODES:
            raise TestronautError(f"runner {runner!r} is not one of {', '.join(RUNNER_MODES)}")
        if pool_size < 0:
            raise TestronautError(f"pool_size must be 0 or more, not {pool_size}")
        self.runner = runner
        # Warm containers kept for isolation="test" (0: each test starts its own).
        self.pool_size = 0 if keep else pool_size
        self.docker_host = docker_host  # None: DOCKER_HOST or the default socket
        self.peers = tuple(p for p in peers if p != docker_host)  # the run's other engines
        self.pull = pull  # pull a named image the engine lacks (else refuse it)
        self._pool: WarmPool | None = None
        self._said: set[str] = set()
        self._said_lock = threading.Lock()
        self._notes: list[str] = []  # said by pooled sandboxes in the background
        self.run_id = run_id or new_run_id()
        self.progress = progress
        self.keep = keep
        self.plan_hook = plan_hook
        self._client: Any = None
        self._nano_cpus: int | None = None  # the engine's CPUs (see _engine_nano_cpus)
        self._images: ImageResolver | None = None
        self._scopes: dict[str, dict[SandboxConfig, Sandbox]] = {}
        self._lock = threading.RLock()
        self.swept: dict[str, int] = {}
        self.created = 0
        self._watching = False

    @property
    def client(self) -> Any:
        """The docker client, connected (and stale resources swept) on first use."""
        if self._client is None:
            from .engine import connect

            self._client = connect(self.docker_host)
            # Also when the interpreter ends past pytest's own cleanup (an xdist worker
            # whose controller is gone raises before pytest_unconfigure).
            atexit.register(self.close)
            self.swept = L.sweep(self._client)
            self._images = ImageResolver(self._client, self.run_id, self.progress, self.plan_hook,
                                         host=self.docker_host, peers=self.peers,
                                         pull=self.pull)
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
            if self._pooled(config):
                sandbox = self.pool.take(config, image)
                sandbox.say = self._say_once
            else:
                sandbox = self._start(config, image)
            scope[config] = sandbox
        self._say_notes()
        if on_start is not None:
            try:
                on_start(sandbox)
            except BaseException:
                self.release_one(scope_key, config)
                raise
        return sandbox

    def warm_up(self, configs: Sequence[SandboxConfig],
                counts: Mapping[SandboxConfig, int] | None = None) -> None:
        """Have the warm pool start sandboxes of ``configs`` (those of them it pools)
        in the background before the first test asks: resolving their images here
        (a build says so on the progress callback), starting containers there. An
        image that cannot be had is not an error here: the test that asks reports it.
        ``counts``: how many tests will ask for each (the pool starts no more)."""
        for config in configs:
            if not self._pooled(config):
                continue
            try:
                image = self.images.resolve(config)
            except EngineUnavailable:
                return  # the first test says so
            except TestronautError:
                continue
            self.pool.want(config, image, None if counts is None else counts.get(config))

    def release_one(self, scope_key: str, config: SandboxConfig) -> None:
        with self._lock:
            sandbox = self._scopes.get(scope_key, {}).pop(config, None)
        if sandbox is not None and not self.keep:
            self._remove(sandbox)

    # --- the warm pool ------------------------------------------------------------------
    def _pooled(self, config: SandboxConfig) -> bool:
        return self.pool_size > 0 and config.isolation == "test"

    @property
    def pool(self) -> WarmPool:
        """The warm pool of ``isolation="test"`` sandboxes, started on first use."""
        with self._lock:
            if self._pool is None:
                self._pool = WarmPool(self._warm_start, self.pool_size)
            return self._pool

    def _warm_start(self, config: SandboxConfig, image: str) -> Sandbox:
        """A sandbox with its runner running (called by the pool's filler thread, and
        by a test the pool had none for)."""
        sandbox = self._start(config, image)
        sandbox.say = self._note  # not on the terminal from a background thread
        try:
            sandbox.warm()
        except BaseException:
            sandbox.remove()
            raise
        return sandbox

    def _note(self, message: str) -> None:
        with self._said_lock:
            self._notes.append(message)

    def _say_notes(self) -> None:
        with self._said_lock:
            notes, self._notes = self._notes, []
        for message in notes:
            self._say_once(message)

    def _remove(self, sandbox: Sandbox) -> None:
        """Remove a sandbox whose scope ended: in the background for pooled ones."""
        if self._pool is not None and self._pooled(sandbox.config):
            self._pool.retire(sandbox)
        else:
            sandbox.remove()

    def _start(self, config: SandboxConfig, image: str) -> Sandbox:
        import docker.errors

        extra = {"pooled": "1"} if self._pooled(config) else {}
        if self.keep:  # the sweeper of later runs leaves it for the person debugging
            extra["kept"] = "1"
        options = container_options(config, image, L.labels(self.run_id, "sandbox", **extra))
        if config.cpus > 1:  # Docker refuses a limit above its CPUs: at most those
            options["nano_cpus"] = min(options["nano_cpus"], self._engine_nano_cpus())
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
            # Make sure the workdir exists and is writable for a non-root user, whatever
            # the image (docker creates a missing working_dir as root 0755), and find the
            # python3 that supervises commands. The workdir is an argument ($1), never
            # part of the script's text.
            root = Sandbox(container, config.model_copy(update={"user": "root"}), image)
            found = root.run(["/bin/sh", "-c", _SETUP, "setup", config.workdir,
                              "" if config.read_only else "prepare"], timeout=30)
            sandbox.python = _python_path(found.stdout)
            sandbox.runner_mode = self.runner
            sandbox.say = self._say_once
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

    def _engine_nano_cpus(self) -> int:
        """The engine's CPUs, in billionths (Docker's ``NanoCpus``), asked once."""
        if self._nano_cpus is None:
            self._nano_cpus = int((self.client.info().get("NCPU") or 1) * 1e9)
        return self._nano_cpus

    def _say_once(self, message: str) -> None:
        """A sandbox's note (no runner: steps through docker exec), once per run."""
        with self._said_lock:
            if message in self._said:
                return
            self._said.add(message)
        if self.progress is not None:
            self.progress(message)
        else:
            logging.getLogger(__name__).warning("%s", message)

    def release(self, scope_key: str) -> None:
        """Remove every sandbox opened under ``scope_key``."""
        with self._lock:
            scope = self._scopes.pop(scope_key, {})
        if self.keep:
            return
        for sandbox in scope.values():
            self._remove(sandbox)

    def close(self) -> None:
        """Remove every sandbox this manager created (unless ``keep``), the warm
        pool's too. The sandboxes still open go at once, side by side: each removal
        is mostly the engine stopping a container, and the run's end waits for them."""
        with self._lock:
            scopes, self._scopes = self._scopes, {}
        left = [] if self.keep else [s for scope in scopes.values() for s in scope.values()]
        _remove_all(left)
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.close()
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
            atexit.unregister(self.close)

    def close_when_orphaned(self, poll: float = 0.5) -> None:
        """Watch the parent process (an xdist controller): when it is gone, remove every
        sandbox at once and end this process as SIGTERM does. An orphaned worker cannot
        report anything, and its own teardown fails before the manager's close."""
        if self._watching:
            return
        self._watching = True
        parent = os.getppid()

        def watch() -> None:
            while os.getppid() == parent:
                time.sleep(poll)
            with contextlib.suppress(Exception):
                self.close()
            os.kill(os.getpid(), signal.SIGTERM)

        threading.Thread(target=watch, name="testronaut-orphan-watch", daemon=True).start()


def _remove_all(sandboxes: Sequence[Sandbox], workers: int = 8) -> None:
    """Remove ``sandboxes`` on a few threads; a failure is logged (the close's label
    sweep below, the controller's ``remove_run`` and the sweeper try again)."""

    def remove(sandbox: Sandbox) -> None:
        try:
            sandbox.remove()
        except Exception as exc:
            logging.getLogger(__name__).warning("removing the sandbox %s failed: %s",
                                                sandbox.id[:12], exc)

    if len(sandboxes) <= 1:
        for sandbox in sandboxes:
            remove(sandbox)
        return
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(min(workers, len(sandboxes)),
                            thread_name_prefix="testronaut-remove") as removing:
        list(removing.map(remove, sandboxes))


def remove_run(run_id: str, hosts: Sequence[str] = ()) -> int:
    """Remove every container labelled with ``run_id``, whoever made it (the xdist
    controller's last word over its workers' sandboxes), on each engine of ``hosts``
    (none: DOCKER_HOST's); how many were removed. An engine that cannot be reached is
    skipped when others were named (its own sweeper removes them on its next run)."""
    import docker.errors

    from .engine import connect

    removed = 0
    engines: Sequence[str | None] = hosts or [None]
    for host in engines:
        try:
            client = connect(host, timeout=30)
        except TestronautError:
            if not hosts:
                raise
            continue
        try:
            for container in client.containers.list(
                    all=True, ignore_removed=True,
                    filters={"label": [L.MANAGED, f"{L.RUN}={run_id}"]}):
                with contextlib.suppress(docker.errors.NotFound, docker.errors.APIError):
                    container.remove(force=True, v=True)
                    removed += 1
        finally:
            client.close()
    return removed


# Prepare the workdir ($1) unless the root is read-only, and say where python3 3.8+ is.
_SETUP = r"""
[ -z "$2" ] || { mkdir -p -- "$1" && chmod 1777 -- "$1"; } || exit
for p in python3 /usr/bin/python3 /usr/local/bin/python3; do
  found=$(command -v "$p" 2>/dev/null) || continue
  "$found" -I -S -c 'import sys; sys.exit(sys.version_info < (3, 8))' 2>/dev/null \
    && { echo "python3=$found"; exit 0; }
done
exit 0
"""


def _python_path(output: str) -> str | None:
    for line in output.splitlines():
        if line.startswith("python3=/"):
            return line.partition("=")[2]
    return None


def _interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt(signal.Signals(signum).name)


def install_signal_handlers() -> None:
    """SIGTERM and SIGHUP end the process like Ctrl-C, so cleanup runs (the defaults
    just die and leave the sandboxes behind)."""
    if threading.current_thread() is not threading.main_thread():
        return
    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is None or signal.getsignal(number) not in (signal.SIG_DFL, None):
            continue  # someone (e.g. xdist) already handles it
        signal.signal(number, _interrupt)


def install_sigterm_handler() -> None:
    """The old name of :func:`install_signal_handlers`."""
    install_signal_handlers()


@contextlib.contextmanager
def standalone_sandbox(config: SandboxConfig, *,
                       progress: Callable[[str], None] | None = None) -> Iterator[Sandbox]:
    """A sandbox outside pytest (the console script), removed when the block ends."""
    manager = SandboxManager(progress=progress)
    names = [n for n in ("SIGTERM", "SIGHUP") if hasattr(signal, n)]
    previous = {n: signal.getsignal(getattr(signal, n)) for n in names}
    main = threading.current_thread() is threading.main_thread()
    if main:
        for name in names:
            signal.signal(getattr(signal, name), _interrupt)
    try:
        yield manager.sandbox(config, "standalone")
    finally:
        manager.close()
        if main:
            for name in names:
                signal.signal(getattr(signal, name), previous[name])
