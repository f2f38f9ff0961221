"""Warming the pool before the first test: the sandboxes of ``isolation="test"`` that
a process's tests will ask for start in the background, as many as those tests will
take (a suite with one such test starts one container, not a full pool).

A serial run warms once it has collected its tests. An xdist worker collects every
test but runs only those the controller sends it: it warms for the tests in its queue,
as they arrive (checked before each test), so no worker starts containers for tests
another worker runs. Either way the first such test finds its container started (or
starting) instead of paying for it alone. Only pooled configurations are warmed
(``--testronaut-pool-size`` above 0), and only those of the collected items:
independent plan cases and hand-written tests that use ``testronaut_env`` with
``isolation="test"``.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import pytest

from .. import markers
from ..errors import TestronautError
from .nodes import CaseItem

if TYPE_CHECKING:
    from ..sandbox import SandboxConfig
    from ..session import TestronautSession


def demand(session: TestronautSession, items: Sequence[pytest.Item],
           ) -> dict[SandboxConfig, int]:
    """How many of ``items`` will ask for each distinct ``isolation="test"``
    configuration, in the order of their first item (each configuration passed through
    ``pytest_testronaut_sandbox_config`` with its item, as when it runs). A
    configuration that is invalid is left out: its test reports it."""
    found: dict[SandboxConfig, int] = {}
    plans: dict[object, SandboxConfig | None] = {}
    for item in items:
        try:
            if isinstance(item, CaseItem):
                if item.plan_file not in plans:
                    plans[item.plan_file] = (item.plan_file.sandbox_config()
                                             if item.independent_case else None)
                config = plans[item.plan_file]
                if config is None:
                    continue
            elif ("testronaut_env" in getattr(item, "fixturenames", ())
                  and item.get_closest_marker(markers.WORKFLOW_MARKER) is None):
                config = session.sandbox_config(markers.marker_overrides(item),
                                                base_dir=markers.base_dir(item))
                if config.isolation != "test":
                    continue
            else:
                continue
            hooked = session.hooked_config(item, config)
        except (TestronautError, pytest.fail.Exception, pytest.UsageError):
            plans.setdefault(getattr(item, "plan_file", None), None)
            continue
        if hooked.isolation == "test":
            found[hooked] = found.get(hooked, 0) + 1
    return found


def _warm(session: TestronautSession, items: Sequence[pytest.Item]) -> None:
    try:
        wanted = demand(session, items)
        if wanted:
            session.manager.warm_up(list(wanted), counts=wanted)
    except Exception as exc:  # only a head start: the tests that ask report any failure
        logging.getLogger(__name__).warning("warming the sandbox pool failed: %s", exc)


class WorkerWarmer:
    """In an xdist worker: before each test, warms the pool for the tests that arrived
    since the last look: the test itself, the next one (xdist has taken both from its
    queue already) and those in the worker's queue (``WorkerInteractor.torun``,
    indices into ``session.items``)."""

    def __init__(self, session: TestronautSession, collected: pytest.Session,
                 queue: Any) -> None:
        self.session = session
        self.collected = collected
        self.queue = queue
        self.seen: set[str] = set()

    def arrived(self, *taken: pytest.Item | None) -> list[pytest.Item]:
        """The items not seen before among ``taken`` and those queued."""
        items = self.collected.items
        queued: list[pytest.Item] = []
        with self.queue.lock() as pending:
            # New tests are appended (the worker takes from the left): look from the
            # right up to the first one seen, so each look costs what arrived.
            for index in reversed(pending):
                if isinstance(index, int) and 0 <= index < len(items):
                    if items[index].nodeid in self.seen:
                        break
                    queued.append(items[index])
        queued.reverse()
        new = []
        for item in (*taken, *queued):
            if item is not None and item.nodeid not in self.seen:
                self.seen.add(item.nodeid)
                new.append(item)
        return new

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_protocol(self, item: pytest.Item, nextitem: pytest.Item | None) -> None:
        arrived = self.arrived(item, nextitem)
        if arrived:
            _warm(self.session, arrived)


def _worker_queue(config: pytest.Config) -> Any:
    """xdist's queue of the tests this worker is to run (None when not found)."""
    for plugin in config.pluginmanager.get_plugins():
        queue = getattr(plugin, "torun", None)
        if queue is not None and callable(getattr(queue, "lock", None)):
            return queue
    return None


def warm_pool(session: TestronautSession, collected: pytest.Session) -> None:
    """Start warming the pool for what the ``collected`` items will ask for (nothing
    without a pool, in ``--collect-only``, or when collection errors stop the run);
    in an xdist worker, for what arrives in its queue."""
    settings, option = session.settings, session.config.option
    if settings.pool_size <= 0 or settings.keep or option.collectonly or (
            collected.testsfailed and not option.continue_on_collection_errors):
        return
    if session.is_worker:
        queue = _worker_queue(session.config)
        if queue is not None:
            session.config.pluginmanager.register(
                WorkerWarmer(session, collected, queue), "testronaut-worker-warmer")
            return
    _warm(session, collected.items)
