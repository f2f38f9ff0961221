"""Warming the pool before the first test: once a process has collected its tests,
the sandboxes of ``isolation="test"`` that they will ask for start in the background.

Under xdist a worker collects, then waits until every worker has collected before the
first test arrives; a serial run goes straight on. Either way the first such test finds
its container started (or starting) instead of paying for it alone. Only pooled
configurations are warmed (``--testronaut-pool-size`` above 0), and only those of the
collected items: independent plan cases and hand-written tests that use
``testronaut_env`` with ``isolation="test"``.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING

import pytest

from .. import markers
from ..errors import TestronautError
from .nodes import CaseItem

if TYPE_CHECKING:
    from ..sandbox import SandboxConfig
    from ..session import TestronautSession


def configs_to_warm(session: TestronautSession, items: Sequence[pytest.Item],
                    ) -> list[SandboxConfig]:
    """The distinct ``isolation="test"`` configurations ``items`` will ask for, in the
    order of their first item (each passed through ``pytest_testronaut_sandbox_config``
    with that item, as when it runs). A configuration that is invalid is left out: its
    test reports it."""
    found: dict[SandboxConfig, None] = {}
    seen_plans: set[object] = set()
    for item in items:
        try:
            if isinstance(item, CaseItem):
                if item.plan_file in seen_plans or not item.independent_case:
                    continue
                seen_plans.add(item.plan_file)
                config = item.plan_file.sandbox_config()
            elif ("testronaut_env" in getattr(item, "fixturenames", ())
                  and item.get_closest_marker(markers.WORKFLOW_MARKER) is None):
                config = session.sandbox_config(markers.marker_overrides(item),
                                                base_dir=markers.base_dir(item))
                if config.isolation != "test" or config in found:
                    continue
            else:
                continue
        except (TestronautError, pytest.fail.Exception, pytest.UsageError):
            continue
        found.setdefault(session.hooked_config(item, config), None)
    return [c for c in found if c.isolation == "test"]


def warm_pool(session: TestronautSession, collected: pytest.Session) -> None:
    """Start warming the pool for what the ``collected`` items will ask for (nothing
    without a pool, in ``--collect-only``, or when collection errors stop the run)."""
    settings, option = session.settings, session.config.option
    if settings.pool_size <= 0 or settings.keep or option.collectonly or (
            collected.testsfailed and not option.continue_on_collection_errors):
        return
    try:
        configs = configs_to_warm(session, collected.items)
        if configs:
            session.manager.warm_up(configs)
    except Exception as exc:  # only a head start: the tests that ask report any failure
        logging.getLogger(__name__).warning("warming the sandbox pool failed: %s", exc)
