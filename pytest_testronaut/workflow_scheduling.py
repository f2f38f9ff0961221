"""An xdist scheduler that keeps each workflow on one worker and spreads plan files.

xdist's ``loadgroup`` would do it through ``xdist_group`` marks, but it renames node
ids, which pytest 9.2's structured node ids no longer allow. This is ``load`` with
workflows as units: every worker writes which of its tests belong to which workflow,
and which plan cases are independent (``workflow_steps.pytest_collection_finish``),
and the scheduler, once all workers have collected, sends each workflow's steps to
one worker, in order. Every other test is a unit of its own (``load``) or goes with
its file (``loadfile``). Plan files (``*.testronaut.yaml``): each plan workflow is one
unit; the cases of a plan that gives each case a sandbox of its own (``isolation:
test``) go out in groups, so a big plan spreads over the workers under ``load`` and
``loadfile`` alike; the cases of a plan that share one sandbox (the default: state
carries from case to case, in file order) stay together on one worker, as serial
runs them. A run without workflows or plans gets xdist's own scheduler: the choice is
made when all workers have collected. Imported only under xdist.

Units go out longest first, each to the worker that frees up first. How long a unit
takes comes from the results store (``.testronaut/results.sqlite``, the newest runs'
durations of its tests; a test without one counts as the average of those with one);
without a store, xdist's order: the units with the most tests first. A big unit that
starts last would otherwise keep one worker busy while the other waits.
"""

from __future__ import annotations

import fnmatch
import json
from collections.abc import Collection
from pathlib import Path
from typing import Any

import pytest
from xdist.scheduler import (  # type: ignore[import-untyped]
    LoadFileScheduling,
    LoadScheduling,
    LoadScopeScheduling,
)


class WorkflowScheduling(LoadScopeScheduling):  # type: ignore[misc]
    """``--dist load`` (or ``loadfile``) that keeps each workflow's steps together and
    spreads a plan file's independent cases.

    A big plan of independent cases must not pin one worker: its cases go out in
    groups (about :data:`GROUPS_PER_WORKER` per worker, in plan order); a plan whose
    cases share a sandbox is one unit; each plan workflow is one unit. Under
    ``loadfile`` every other test keeps to its file; under ``load`` every other test
    is a unit of its own."""

    def __init__(self, config: pytest.Config, log: Any, folder: Path, *,
                 plans: str = "*.testronaut.yaml", by_file: bool = False) -> None:
        super().__init__(config, log)
        self.folder = folder
        self.plans = plans
        self.by_file = by_file
        self._groups: dict[str, str] | None = None
        self._independent: set[str] = set()
        self._plan_units: dict[str, str] | None = None

    def is_plan_item(self, nodeid: str) -> bool:
        return "::" in nodeid and fnmatch.fnmatch(
            nodeid.split("::", 1)[0].rsplit("/", 1)[-1], self.plans)

    @property
    def plan_units(self) -> dict[str, str]:
        """The unit of each plan item: its workflow, its plan (cases that share a
        sandbox) or its group of independent cases."""
        if self._plan_units is None:
            self.groups  # noqa: B018 - reads the workers' files, independent cases too
            collection: Any = getattr(self, "collection", None)  # set by the distribution
            if collection is None:  # asked before it (schedule orders the units first)
                collection = next(iter(self.registered_collections.values()), ())
            self._plan_units = plan_units(
                [n for n in collection if self.is_plan_item(n)],
                max(1, len(self.nodes)), independent=self._independent)
        return self._plan_units

    @property
    def groups(self) -> dict[str, str]:
        # Read once, at the first split: by then every worker has collected.
        if self._groups is None:
            groups: dict[str, str] = {}
            for path in sorted(self.folder.glob("*.json")):
                written = json.loads(path.read_text(encoding="utf-8"))
                groups.update(written.get("workflows", {}))
                self._independent.update(written.get("independent", ()))
            self._groups = groups
        return self._groups

    def schedule(self) -> None:
        """xdist's first distribution, with the units ordered by their past duration
        when the results store has one (see :func:`unit_order`); later calls, and a
        run without history, are xdist's own."""
        scheduled: Any = getattr(self, "collection", None)  # set by the first distribution
        if scheduled is not None or not self.registered_collections:
            return super().schedule()  # type: ignore[no-any-return]
        collection = list(next(iter(self.registered_collections.values())))
        units: dict[str, dict[str, bool]] = {}
        for nodeid in collection:
            units.setdefault(self._split_scope(nodeid), {})[nodeid] = False
        order = unit_order(units, past_durations(self.config.rootpath, collection))
        if order is None or not self._check_nodes_have_same_collection():
            return super().schedule()  # type: ignore[no-any-return]
        self.collection = collection
        for scope in order:
            self.workqueue[scope] = units[scope]
        for _ in range(max(0, len(self.nodes) - len(self.workqueue))):  # more workers than work
            unused, _assigned = self.assigned_work.popitem()
            unused.shutdown()
        for node in self.nodes:
            self._assign_work_unit(node)
        for node in self.nodes:
            self._reschedule(node)
        if not self.workqueue:
            for node in self.nodes:
                node.shutdown()
        return None

    def _split_scope(self, nodeid: str) -> str:
        group = self.groups.get(nodeid)
        if group is not None:
            return f"workflow:{group}"
        unit = self.plan_units.get(nodeid)
        if unit is not None:
            return unit
        return nodeid.split("::", 1)[0] if self.by_file else nodeid


GROUPS_PER_WORKER = 4


def plan_units(nodeids: list[str], workers: int, *,
               independent: Collection[str] = ()) -> dict[str, str]:
    """Plan items (``file::case`` or ``file::workflow::step``) to the unit each is sent
    in: a workflow's steps share one; the cases in ``independent`` (each has a sandbox
    of its own) are cut, per file and in order, into about ``GROUPS_PER_WORKER *
    workers`` groups of equal size; every other case goes with its file, whose cases
    share a sandbox and may depend on what an earlier one left in it."""
    units: dict[str, str] = {}
    cases: dict[str, list[str]] = {}
    for nodeid in nodeids:
        parts = nodeid.split("::")
        if len(parts) > 2:  # a workflow step: the workflow is the unit
            units[nodeid] = f"plan-workflow:{parts[0]}::{parts[1]}"
        elif nodeid in independent:
            cases.setdefault(parts[0], []).append(nodeid)
        else:
            units[nodeid] = f"plan:{parts[0]}"
    for path, ids in cases.items():
        size = -(-len(ids) // min(len(ids), GROUPS_PER_WORKER * workers))
        for index, nodeid in enumerate(ids):
            units[nodeid] = f"plan-cases:{path}::{index // size}"
    return units


# The newest runs of the results store whose durations order the units.
HISTORY_RUNS = 5


def past_durations(rootpath: Path, nodeids: Collection[str]) -> dict[str, float]:
    """The duration of each of ``nodeids`` in the newest of the last
    :data:`HISTORY_RUNS` runs of the results store under ``rootpath`` that ran it
    (empty without a store, or when it cannot be read: only an order depends on it)."""
    from .reports.store import recent_durations

    wanted = set(nodeids)
    return {nodeid: seconds for nodeid, seconds in
            recent_durations(rootpath, HISTORY_RUNS).items() if nodeid in wanted}


def unit_order(units: dict[str, dict[str, bool]], durations: dict[str, float],
               ) -> list[str] | None:
    """``units`` (scope to its node ids), longest first by ``durations`` (a test
    without one counts as the average of those with one); ties keep collection order.
    None when no test of the run has a duration."""
    if not durations:
        return None
    average = sum(durations.values()) / len(durations)
    cost = {scope: sum(durations.get(n, average) for n in nodeids)
            for scope, nodeids in units.items()}
    return sorted(units, key=lambda scope: -cost[scope])


class WorkflowAwareScheduling:
    """xdist's ``load`` (or ``loadfile``) until the collections are in; then, if any
    worker found a workflow or a plan case, :class:`WorkflowScheduling`. Both see every
    node and collection until the choice, which ``schedule`` makes."""

    def __init__(self, config: pytest.Config, log: Any, folder: Path, *,
                 plans: str = "*.testronaut.yaml", by_file: bool = False) -> None:
        self.plain = (LoadFileScheduling if by_file else LoadScheduling)(config, log)
        self.grouped = WorkflowScheduling(config, log, folder, plans=plans, by_file=by_file)
        self.chosen: Any = None

    def add_node(self, node: Any) -> None:
        self.plain.add_node(node)
        self.grouped.add_node(node)

    def add_node_collection(self, node: Any, collection: Any) -> None:
        self.plain.add_node_collection(node, collection)
        self.grouped.add_node_collection(node, collection)

    def remove_node(self, node: Any) -> Any:
        if self.chosen is not None:
            return self.chosen.remove_node(node)
        self.grouped.remove_node(node)
        return self.plain.remove_node(node)

    def schedule(self) -> None:
        if self.chosen is None:
            collections = self.grouped.registered_collections.values()
            has_plans = any(self.grouped.is_plan_item(n) for c in collections for n in c)
            self.chosen = self.grouped if self.grouped.groups or has_plans else self.plain
        self.chosen.schedule()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.chosen if self.chosen is not None else self.plain, name)


def make_scheduler(config: pytest.Config, log: Any, folder: Path, *,
                   plans: str = "*.testronaut.yaml", by_file: bool = False,
                   ) -> WorkflowAwareScheduling:
    """The scheduler for ``--dist load`` (``by_file=False``) or ``loadfile``; ``plans``
    is the glob of plan file names (``--testronaut-plans``)."""
    return WorkflowAwareScheduling(config, log, folder, plans=plans, by_file=by_file)
