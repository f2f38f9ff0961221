"""A warm pool for ``isolation="test"``: containers started ahead of need.

A fresh container costs a create, a start, the workdir set-up and the runner's start:
tens of steps' worth. :class:`WarmPool` keeps up to ``size`` containers of the
configurations tests recently asked for ready in the background (one filler thread),
hands one out per test and removes it after the test on another thread (the reaper),
so a test pays neither the start nor the removal. The pooled containers carry the
same run and owner labels as any sandbox: the manager's close, the controller's
``remove_run`` and the sweeper remove what is left of them.

The pool knows nothing of pytest: the manager gives it a function that starts one
warm sandbox and asks it for sandboxes.
"""

from __future__ import annotations

import contextlib
import logging
import math
import threading
import time
from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..errors import TestronautError

if TYPE_CHECKING:
    from .config import SandboxConfig
    from .container import Sandbox

# A container asked for by a test that finds the pool starting one waits this long for
# it before starting its own.
WAIT_FOR_STARTING = 60.0

log = logging.getLogger(__name__)

Starter = Callable[["SandboxConfig", str], "Sandbox"]


class WarmPool:
    """Warm sandboxes by configuration; thread-safe. ``start(config, image)`` makes
    one ready-to-use sandbox (its runner running) and raises when it cannot."""

    def __init__(self, start: Starter, size: int) -> None:
        if size < 1:
            raise ValueError("a warm pool holds at least one container")
        self.size = size
        self._start = start
        self._cond = threading.Condition()
        self._ready: dict[SandboxConfig, deque[Sandbox]] = {}
        self._starting: dict[SandboxConfig, int] = {}
        # Configurations tests asked for: their image and when they were last asked for.
        self._wanted: dict[SandboxConfig, tuple[str, float]] = {}
        self._broken: set[SandboxConfig] = set()  # failed in the background: not warmed
        # How many more tests will ask for a configuration, where the session knows
        # (want() with a count): the pool starts no more than that. Unknown: no bound.
        self._demand: dict[SandboxConfig, int] = {}
        self._doomed: deque[Sandbox] = deque()  # waiting for the reaper
        self._removing = 0
        self._closed = False
        self.hits = 0  # sandboxes handed out warm
        self.misses = 0  # sandboxes a test had to wait to start
        self._filler = threading.Thread(target=self._fill, name="testronaut-pool-filler",
                                        daemon=True)
        self._reaper = threading.Thread(target=self._reap, name="testronaut-pool-reaper",
                                        daemon=True)
        self._filler.start()
        self._reaper.start()

    # --- the tests' side --------------------------------------------------------------
    def take(self, config: SandboxConfig, image: str) -> Sandbox:
        """A warm sandbox of ``config`` (one from the pool, or one in the making, or a
        new one started now); from now on the pool keeps more of them ready."""
        deadline = time.monotonic() + WAIT_FOR_STARTING
        with self._cond:
            known = config in self._wanted  # by want() or an earlier test
            left_over = self._demand.get(config)
            if left_over is not None:
                if left_over > 0:
                    self._demand[config] = left_over - 1
                else:  # more takers than announced: from now on, no bound
                    del self._demand[config]
            if config not in self._broken:
                self._wanted[config] = (image, time.monotonic())
                self._cond.notify_all()
            while True:
                if self._closed:  # the run is ending (a signal, an orphaned worker)
                    raise TestronautError("the run is ending: no new sandbox is started")
                ready = self._ready.get(config)
                if ready:
                    self.hits += 1
                    self._cond.notify_all()  # the filler may owe a taker after this one
                    return ready.popleft()
                left = deadline - time.monotonic()
                # One is being started, or the idle filler is about to start one of a
                # configuration it was told of (by want()): waiting costs no more than
                # starting one here. A new configuration starts its first one here.
                coming = self._starting.get(config) or (
                    known and not any(self._starting.values())
                    and self._next_to_fill(evict=False) == config)
                if not coming or left <= 0:
                    break
                self._cond.wait(left)
            self.misses += 1
        return self._start(config, image)

    def want(self, config: SandboxConfig, image: str, count: int | None = None) -> None:
        """Start warming sandboxes of ``config`` now, before a test asks for one (the
        session does this when it has collected tests that will). ``count``: how many
        more tests will ask for one (added to what earlier calls announced); the pool
        then starts no more than they take. A suite with one such test starts one
        container, not a full pool and a refill."""
        if count is not None and count < 0:
            raise ValueError(f"count must be 0 or more, not {count}")
        with self._cond:
            if config not in self._broken and not self._closed:
                if count is not None and (config in self._demand or config not in self._wanted):
                    self._demand[config] = self._demand.get(config, 0) + count
                self._wanted.setdefault(config, (image, time.monotonic()))
                self._cond.notify_all()

    def retire(self, sandbox: Sandbox) -> None:
        """Remove ``sandbox`` in the background (a test that ended with it)."""
        with self._cond:
            if self._reaper.is_alive() and not self._closed:
                self._doomed.append(sandbox)
                self._cond.notify_all()
                return
        sandbox.remove()

    def wait_idle(self, timeout: float = 120.0) -> bool:
        """Wait until nothing is being started or removed and every wanted
        configuration has its share ready; False on timeout (benchmarks, tests)."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                busy = (any(self._starting.values()) or self._doomed or self._removing
                        or self._next_to_fill(evict=False) is not None)
                left = deadline - time.monotonic()
                if not busy:
                    return True
                if left <= 0:
                    return False
                self._cond.wait(min(left, 0.5))

    @property
    def ready(self) -> int:
        """How many warm sandboxes wait in the pool."""
        with self._cond:
            return sum(len(q) for q in self._ready.values())

    def close(self, timeout: float = 60.0) -> None:
        """Stop filling, remove every warm sandbox and wait (up to ``timeout``) for
        the removals and for a start in flight, so nothing is made after this."""
        with self._cond:
            self._closed = True
            left = [s for q in self._ready.values() for s in q]
            self._ready.clear()
            self._wanted.clear()
            self._doomed.extend(left)
            self._cond.notify_all()
        self._filler.join(timeout)
        self._reaper.join(timeout)
        with self._cond:
            stragglers = list(self._doomed)
            self._doomed.clear()
        for sandbox in stragglers:  # the reaper did not finish in time: do it here
            with contextlib.suppress(Exception):
                sandbox.remove()

    # --- the background -----------------------------------------------------------------
    def _share(self) -> int:
        return max(1, math.ceil(self.size / max(1, len(self._wanted))))

    def _next_to_fill(self, evict: bool = True) -> SandboxConfig | None:
        """The configuration to start a container for next (the most recently wanted
        one below its share, making room for it when ``evict``), or None while the
        pool is full. Called locked."""
        if self._closed:
            return None
        held = sum(len(q) for q in self._ready.values()) + sum(self._starting.values())
        share = self._share()
        for config, _ in sorted(self._wanted.items(), key=lambda kv: -kv[1][1]):
            mine = len(self._ready.get(config, ())) + self._starting.get(config, 0)
            if mine >= min(share, self._demand.get(config, share)):
                continue
            if held < self.size or self._evict(config, dry_run=not evict):
                return config
            return None
        return None

    def _evict(self, needy: SandboxConfig, dry_run: bool = False) -> bool:
        """Make room for ``needy``: hand a warm sandbox of the configuration wanted
        longest ago (over its share, or not wanted at all) to the reaper (with
        ``dry_run``: only say whether there is one). Locked."""
        share = self._share()
        order = sorted(self._ready, key=lambda c: self._wanted.get(c, ("", -1.0))[1])
        for config in order:
            queue = self._ready[config]
            if config == needy or not queue:
                continue
            if config in self._wanted and len(queue) <= share:
                continue
            if dry_run:
                return True
            self._doomed.append(queue.pop())
            self._cond.notify_all()
            return True
        return False

    def _fill(self) -> None:
        while True:
            with self._cond:
                config = self._next_to_fill()
                while config is None and not self._closed:
                    self._cond.wait()
                    config = self._next_to_fill()
                if self._closed or config is None:
                    return
                image = self._wanted[config][0]
                self._starting[config] = self._starting.get(config, 0) + 1
            made: Sandbox | None = None
            try:
                made = self._start(config, image)
            except Exception as exc:  # the test that asks starts its own and sees it
                log.warning("the warm pool could not start a sandbox of %s: %s",
                            config.image, exc)
            with self._cond:
                self._starting[config] -= 1
                if made is None:
                    # Stop warming this configuration: a test asking for it starts its
                    # own, and reports the failure where it belongs.
                    self._wanted.pop(config, None)
                    self._broken.add(config)
                elif self._closed:
                    self._doomed.append(made)
                else:
                    self._ready.setdefault(config, deque()).append(made)
                self._cond.notify_all()

    def _reap(self) -> None:
        while True:
            with self._cond:
                while not self._doomed and not self._closed:
                    self._cond.wait()
                if not self._doomed:
                    # Closed and nothing left, once the filler can add nothing more.
                    if not self._filler.is_alive() or not any(self._starting.values()):
                        return
                    self._cond.wait(0.2)
                    continue
                sandbox = self._doomed.popleft()
                self._removing += 1
            try:
                sandbox.remove()
            except Exception as exc:  # the sweeper and close() try again
                log.warning("removing the pooled sandbox %s failed: %s", sandbox.id[:12], exc)
            finally:
                with self._cond:
                    self._removing -= 1
                    self._cond.notify_all()
