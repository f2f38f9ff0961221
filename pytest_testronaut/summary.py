"""The terminal section of a ``--testronaut`` run, merged across xdist workers.

Registered as a plugin only when testronaut is enabled. Workers send their counts
through ``config.workeroutput``; only the controller prints.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from .sandbox.manager import MANAGER_KEY

OUTPUT_KEY = "testronaut_summary"


class TestronautSummary:
    """Counts sandboxes and plan outcomes and prints one section at the end."""

    __test__ = False

    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        self.counts: Counter[str] = Counter()
        self.plan_outcomes: Counter[str] = Counter()

    def _local_counts(self) -> Counter[str]:
        counts: Counter[str] = Counter()
        manager = self.config.stash.get(MANAGER_KEY, None)
        if manager is not None:
            counts["sandboxes"] += manager.created
            for what, n in manager.swept.items():
                counts[f"swept {what}"] += n
        return counts

    @pytest.hookimpl
    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        counted = report.when == "call" or report.outcome != "passed"
        if counted and report.nodeid.split("::")[0].endswith((".yaml", ".yml")):
            self.plan_outcomes[report.outcome] += 1

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        workeroutput = getattr(self.config, "workeroutput", None)
        if workeroutput is not None:
            workeroutput[OUTPUT_KEY] = dict(self._local_counts())
        else:
            self.counts.update(self._local_counts())

    @pytest.hookimpl(optionalhook=True)
    def pytest_testnodedown(self, node: Any, error: Any) -> None:
        self.counts.update(getattr(node, "workeroutput", {}).get(OUTPUT_KEY, {}))

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        if getattr(self.config, "workeroutput", None) is not None:
            return
        tr = terminalreporter
        tr.write_sep("-", "testronaut")
        plans = ", ".join(f"{n} {what}" for what, n in sorted(self.plan_outcomes.items()))
        tr.write_line(f"plan cases: {plans or 'none collected'}")
        tr.write_line(f"sandboxes started: {self.counts.get('sandboxes', 0)}")
        swept = {k[6:]: v for k, v in self.counts.items() if k.startswith("swept ") and v}
        if swept:
            tr.write_line("removed leftovers of dead runs: "
                          + ", ".join(f"{n} {w}" for w, n in swept.items()), yellow=True)
