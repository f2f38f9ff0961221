"""What judging a plan's plain-English expectations would ask a model: the requests a
cost estimate counts before running the plan (``testronaut estimate``; no model is
called)."""

from __future__ import annotations

from collections.abc import Iterator

from ..plans.model import Plan, Runnable
from ..verify.judge import JudgeRequest

# Stand-in for output not recorded yet: judges see about this much text per stream.
ASSUMED_OUTPUT = "x" * 2000


def judge_requests(plan: Plan) -> Iterator[JudgeRequest]:
    """One request per plain-English expectation, with recorded output when known."""
    runnables: list[Runnable] = [*plan.cases, *(s for w in plan.workflows for s in w.steps)]
    for runnable in runnables:
        command = runnable.command if isinstance(runnable.command, str) else " ".join(
            runnable.command)
        recorded = (runnable.stdout.equals if runnable.stdout else None) or ASSUMED_OUTPUT
        if runnable.expect:
            yield JudgeRequest(expectation=runnable.expect, actual=recorded, command=command)
        for stream in ("stdout", "stderr"):
            expectation = getattr(runnable, stream)
            if expectation is not None and expectation.expect:
                yield JudgeRequest(expectation=expectation.expect, stream=stream,
                                   actual=expectation.equals or ASSUMED_OUTPUT, command=command)
