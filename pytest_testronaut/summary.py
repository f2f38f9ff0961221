"""The terminal section of a ``--testronaut`` run, merged across xdist workers.

Registered as a plugin only when testronaut is enabled. Workers send their counts
through ``config.workeroutput``; only the controller prints.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest

from .sandbox.manager import MANAGER_KEY

OUTPUT_KEY = "testronaut_summary"
USAGE_KEY = "testronaut_llm_usage"
PASSED_KEY = "testronaut_passed_inconclusive"


class TestronautSummary:
    """Counts sandboxes and plan outcomes and prints one section at the end."""

    __test__ = False

    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        self.counts: Counter[str] = Counter()
        self.plan_outcomes: Counter[str] = Counter()
        self.worker_usage: list[dict[str, Any]] = []
        self.worker_passed: list[str] = []

    def _agent(self, create: bool) -> Any:
        from .errors import TestronautError
        from .expect import AGENT_KEY, session_agent

        if not create:
            return self.config.stash.get(AGENT_KEY, None)
        try:
            return session_agent(self.config)
        except TestronautError:
            return None  # reported by the fixture or item that needs the agent

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_call(self, item: pytest.Item) -> Iterator[None]:
        # Attribute LLM calls (tokens, cost) to the test that made them.
        agent = self._agent(create=True)
        if agent is None:
            return (yield)
        with agent.label(item.nodeid):
            return (yield)

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
        agent = self._agent(create=False)
        if workeroutput is not None:
            workeroutput[OUTPUT_KEY] = dict(self._local_counts())
            if agent is not None:
                workeroutput[USAGE_KEY] = agent.usage.as_dict()
            workeroutput[PASSED_KEY] = self._passed_here()
        else:
            self.counts.update(self._local_counts())

    @pytest.hookimpl(optionalhook=True)
    def pytest_testnodedown(self, node: Any, error: Any) -> None:
        output = getattr(node, "workeroutput", {})
        self.counts.update(output.get(OUTPUT_KEY, {}))
        if USAGE_KEY in output:
            self.worker_usage.append(output[USAGE_KEY])
        self.worker_passed.extend(output.get(PASSED_KEY, []))

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        if getattr(self.config, "workeroutput", None) is not None:
            return
        tr = terminalreporter
        tr.write_sep("-", "testronaut")
        if self.plan_outcomes:
            tr.write_line("plan cases: " + ", ".join(
                f"{n} {what}" for what, n in sorted(self.plan_outcomes.items())))
        tr.write_line(f"sandboxes started: {self.counts.get('sandboxes', 0)}")
        self._write_usage(tr)
        passed = [*self._passed_here(), *self.worker_passed]
        if passed:
            tr.write_line(f"{len(passed)} inconclusive check(s) passed by "
                          "--testronaut-inconclusive=pass:", yellow=True)
            for line in passed[:10]:
                tr.write_line(f"  {line}")
        swept = {k[6:]: v for k, v in self.counts.items() if k.startswith("swept ") and v}
        if swept:
            tr.write_line("removed leftovers of dead runs: "
                          + ", ".join(f"{n} {w}" for w, n in swept.items()), yellow=True)

    def _passed_here(self) -> list[str]:
        from .expect import PASSED_INCONCLUSIVE_KEY

        found: list[str] = self.config.stash.get(PASSED_INCONCLUSIVE_KEY, [])
        return list(found)

    def _write_usage(self, tr: Any) -> None:
        from .llm import Usage

        usage = Usage()
        agent = self._agent(create=False)
        if agent is not None:
            usage.merge(agent.usage.as_dict())
        for data in self.worker_usage:
            usage.merge(data)
        total = usage.as_dict()
        if not total["calls"] and not total["cache_hits"]:
            return
        tr.write_line(
            f"llm: {total['calls']} calls, {total['cache_hits']} answered from the cache, "
            f"{total['input_tokens']} input / {total['output_tokens']} output tokens, "
            f"${total['cost']:.4f}")
        costly = sorted(total["by_label"].items(), key=lambda kv: -kv[1]["cost"])[:3]
        for label, tally in costly:
            if tally["cost"] > 0:
                tr.write_line(f"  ${tally['cost']:.4f}  {label}")
