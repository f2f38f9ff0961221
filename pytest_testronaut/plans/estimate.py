"""``testronaut estimate``: what judging a plan's plain-English expectations would
cost with a model, before running it (a dry run: no model is called)."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from typing import Any

from ..errors import TestronautError
from ..verify.judge import JudgeRequest
from .model import Plan, Runnable

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


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "estimate", help="estimate the LLM cost of judging plans (no model is called)",
        description="Count the plain-English expectations of PLAN files and estimate what "
                    "judging them once costs with MODEL (tokens ~ characters / 4; cached "
                    "answers would cost nothing).")
    parser.add_argument("plans", nargs="+", metavar="PLAN")
    parser.add_argument("--model", default=os.environ.get("TESTRONAUT_MODEL"),
                        help="PROVIDER:MODEL (default: $TESTRONAUT_MODEL)")
    parser.set_defaults(func=run_estimate)


def run_estimate(args: argparse.Namespace) -> int:
    from ..llm import estimate_cost
    from .loader import load_plan

    if not args.model:
        raise TestronautError("name a model: --model PROVIDER:MODEL (or set TESTRONAUT_MODEL)")
    total = 0.0
    count = 0
    for path in args.plans:
        requests = list(judge_requests(load_plan(path).plan))
        cost = estimate_cost(requests, args.model)
        print(f"{path}: {len(requests)} judged expectation(s), about ${cost:.4f}")
        total += cost
        count += len(requests)
    print(f"total: {count} judge call(s) with {args.model}, about ${total:.4f}", file=sys.stdout)
    return 0
