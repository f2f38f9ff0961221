"""An xdist scheduler that keeps each workflow on one worker.

xdist's ``loadgroup`` would do it through ``xdist_group`` marks, but it renames node
ids, which pytest 9.2's structured node ids no longer allow. This is ``load`` with
workflows as units: every worker writes which of its tests belong to which workflow
(``workflow_steps.pytest_collection_finish``), and the scheduler, once all workers
have collected, sends each workflow's steps to one worker, in order. Every other test
is a unit of its own, spread as ``load`` spreads them. Imported only under xdist.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from xdist.scheduler import LoadScopeScheduling  # type: ignore[import-untyped]


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


def make_scheduler(config: pytest.Config, log: Any, folder: Path) -> WorkflowScheduling:
    return WorkflowScheduling(config, log, folder)
