"""A model's written summary of a run's failures, for the report (the ``report`` task).

The model reads the facts the deterministic analysis already has (counts, categories,
failures with a common cause, findings, regressions, flakiness, help drift, and the
first failures' evidence, clipped and redacted) and answers one JSON object: a short
summary, the likely causes and what to do next. The question goes through
:meth:`.agent.ModelAgent.ask`, so the answer cache, the cost budget, retries, fallbacks and
the circuit breaker apply as to every other question. Without a model for the task
(the embedded offline agent) nothing is asked and the report keeps the deterministic
analysis alone.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from .agent import Agent, ModelAgent
from .calls import BUDGET_SPENT
from .prompts import Message
from .redact import redact
from .usage import approx_tokens

TASK = "report"
LABEL = "testronaut report summary"  # what the usage tally names the call by
MAX_FAILURES = 12  # failures whose evidence the model sees
MAX_EVIDENCE = 500  # characters of each piece of evidence
MAX_ITEMS = 8  # causes and next steps kept of the answer
MAX_TEXT = 1500  # characters of the summary kept
ANSWER_TOKENS = 400  # what the answer is expected to cost, for the budget check

_SYSTEM = """\
You summarize the failures of an end-to-end test run of a command-line tool for the
developer who has to fix them. Use only the facts given: the counts, the failure
categories, the groups of failures sharing a cause, the findings about the tool, the
regressions, the flaky cases, the help drift and the evidence of the first failures.
Do not invent commands, options, cases or numbers. Say which failures look like bugs in
the tool and which look like wrong or stale expectations, when the facts show it.
Answer with exactly one JSON object and nothing else:
{"summary": "<3 to 6 sentences>", "causes": ["<likely cause, naming the cases>", ...],
 "next_steps": ["<one concrete action>", ...]}"""


class SummaryAnswer(BaseModel):
    """The model's reply."""

    model_config = ConfigDict(extra="ignore")

    summary: str = Field(min_length=1)
    causes: list[str] = Field(default_factory=list)
    next_steps: list[str] = Field(default_factory=list)


@dataclass
class Written:
    """The summary for the report (``summary`` is ``None`` when there is none, and
    ``note`` says why), and what asking cost."""

    summary: dict[str, Any] | None
    note: str
    calls: int = 0
    cache_hits: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    cost: float = 0.0


def _clip(text: str, limit: int = MAX_EVIDENCE) -> str:
    text = str(text or "")
    return text if len(text) <= limit else text[: limit - 15] + " …[clipped]"


def failure_facts(report: Mapping[str, Any]) -> dict[str, Any]:
    """What the model is shown: the report's analysis and the first failures."""
    failures: list[dict[str, Any]] = []
    for case in report["cases"]:
        if case["verdict"] not in ("fail", "error", "inconclusive"):
            continue
        if len(failures) == MAX_FAILURES:
            break
        last = case["commands"][-1] if case["commands"] else {}
        failures.append({
            "case": case["key"], "kind": case.get("kind", "plan"),
            "verdict": case["verdict"], "category": case["category"],
            "command": _clip(case["command"], 300), "message": _clip(case["message"]),
            "exit_code": last.get("exit_code"), "stderr": _clip(last.get("stderr", "")),
            "checks": [{"check": ch["check"], "tier": ch["tier"],
                        "expected": _clip(ch["expected"]), "actual": _clip(ch["actual"]),
                        "diff": _clip(ch["diff"]), "explanation": _clip(ch["explanation"])}
                       for ch in case["checks"][:3]],
        })
    return {
        # no durations: the same failures ask the same question, which the cache answers
        "totals": {k: v for k, v in report["totals"].items() if k != "duration"},
        "categories": report["categories"],
        "groups": [{"cause": g["signature"], "cases": len(g["cases"]),
                    "examples": g["cases"][:5]} for g in report["groups"][:10]],
        "regressions": report["regressions"][:10],
        "flaky": [f["case"] for f in report["flaky"][:10]],
        "findings": report["findings"][:10],
        "help_drift": [{k: d[k] for k in ("tool", "options_added", "options_removed",
                                          "options_renamed", "commands_removed")}
                       | {"stale_cases": d["stale_cases"][:10]} for d in report["drift"]],
        "slower_than_baseline": report["baseline_regressions"][:10],
        "failures": failures,
    }


def summary_messages(report: Mapping[str, Any]) -> list[Message]:
    facts = json.dumps(failure_facts(report), ensure_ascii=False, indent=1)
    return [("system", _SYSTEM), ("user", redact(f"FACTS OF THE RUN:\n{facts}"))]


def write_summary(agent: Agent, report: Mapping[str, Any], *, spent: float = 0.0) -> Written:
    """Ask ``agent``'s model of the ``report`` task for a summary of ``report``'s
    failures. ``spent``: what the run's LLM calls cost so far in every process (an
    xdist worker's calls are not in this process's usage), counted against the
    budget. Never raises for a provider problem: the note says what went wrong."""
    model = agent.config.model_for(TASK) if isinstance(agent, ModelAgent) else None
    if model is None or not isinstance(agent, ModelAgent):
        return Written(None, "no model configured (the embedded offline agent): the "
                             "deterministic analysis alone")
    messages = summary_messages(report)
    config = agent.config
    if config.max_cost > 0 and not config.offline:
        prompt = sum(approx_tokens(content) for _, content in messages)
        upcoming = config.prices.cost(model, prompt, ANSWER_TOKENS)
        if max(spent, agent.usage.cost) + upcoming > config.max_cost:
            return Written(None, f"no written summary: the LLM budget (${config.max_cost:.4f}, "
                                 f"--testronaut-max-cost) is spent: ${spent:.4f} so far, "
                                 f"about ${upcoming:.4f} more needed")
    before = agent.usage.total.as_dict()
    reason = ""
    with agent.label(LABEL):
        try:
            outcome = agent.ask(TASK, messages, SummaryAnswer)
        except Exception as exc:  # a report must never break the run it reports on
            outcome = None
            reason = f"{type(exc).__name__}: {exc}"
    after = agent.usage.total.as_dict()
    spent_now = {k: after[k] - before[k] for k in ("calls", "cache_hits", "input_tokens",
                                                    "output_tokens", "cost")}
    if outcome is not None and outcome.answer is None:
        reason = outcome.reason or "no answer"
    if outcome is None or outcome.answer is None:
        if reason == BUDGET_SPENT:
            reason = f"the LLM budget (${config.max_cost:.4f}, --testronaut-max-cost) is spent"
        return Written(None, redact(f"no written summary ({reason}): the deterministic "
                                    "analysis alone"), **spent_now)
    answer = outcome.answer
    text = redact(answer.summary.strip())
    written = {
        "source": "llm", "model": outcome.model or model,
        "label": f"Written by {outcome.model or model}"
                 + (" (from the answer cache)" if outcome.cached else ""),
        "text": _clip(text, MAX_TEXT),
        "causes": [redact(_clip(c, 300)) for c in answer.causes[:MAX_ITEMS] if c.strip()],
        "next_steps": [redact(_clip(s, 300)) for s in answer.next_steps[:MAX_ITEMS]
                       if s.strip()],
    }
    return Written(written, "", **spent_now)
