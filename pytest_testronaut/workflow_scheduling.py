"""An xdist scheduler that keeps each workflow on one worker.

xdist's ``loadgroup`` would do it through ``xdist_group`` marks, but it renames node
ids, which pytest 9.2's structured node ids no longer allow. This is ``load`` with
workflows as units: every worker writes which of its tests belong to which workflow
(``workflow_steps.pytest_collection_finish``), and the scheduler, once all workers
have collected, sends each workflow's steps to one worker, in order. Every other test
is a unit of its own. A run without workflows gets xdist's own ``load`` scheduler: the
choice is made when all workers have collected. Imported only under xdist.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from xdist.scheduler import (  # type: ignore[import-untyped]
    LoadScheduling,
    LoadScopeScheduling,
)


class WorkflowScheduling(LoadScopeScheduling):  # type: ignore[misc]
    """``--dist load`` that keeps each workflow's steps together."""

    def __init__(self, config: pytest.Config, log: Any, folder: Path) -> None:
        super().__init__(config, log)
        self.folder = folder
        self._groups: dict[str, str] | None = None

    @property
    def groups(self) -> dict[str, str]:
        # Read once, at the first split: by then every worker has collected.
        if self._groups is None:
            groups: dict[str, str] = {}
            for path in sorted(self.folder.glob("*.json")):
                groups.update(json.loads(path.read_text(encoding="utf-8")))
            self._groups = groups
        return self._groups

    def _split_scope(self, nodeid: str) -> str:
        group = self.groups.get(nodeid)
        return f"workflow:{group}" if group is not None else nodeid


class WorkflowAwareScheduling:
    """xdist's ``load`` until the collections are in; then, if any worker found a
    workflow, :class:`WorkflowScheduling`. Both see every node and collection until
    the choice, which ``schedule`` makes."""

    def __init__(self, config: pytest.Config, log: Any, folder: Path) -> None:
        self.plain = LoadScheduling(config, log)
        self.grouped = WorkflowScheduling(config, log, folder)
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
        self.chosen = self.grouped if self.grouped.groups else self.plain
        self.chosen.schedule()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.chosen if self.chosen is not None else self.plain, name)


def make_scheduler(config: pytest.Config, log: Any, folder: Path) -> WorkflowAwareScheduling:
    return WorkflowAwareScheduling(config, log, folder)
