"""Runs that settle generated cases before they are written: each case run again
(output that changes between runs is compared as a set of lines, or flagged), and
error cases run to check their guessed failure and message."""

from __future__ import annotations

import re
import shlex
from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING, Any

from ..plans.model import StreamExpectation
from . import samples as S
from .evidence import INPUT_FILE, STDIN
from .probe import Probe

if TYPE_CHECKING:
    from .cases import _Candidate, _Generator


# Runs of each case besides the first: a random order that comes out the same twice
# by chance (1 in 24 for four distinct lines) rarely does three times.
SETTLE_RUNS = 2


def settle_kept(gen: _Generator, kept: Sequence[_Candidate]) -> None:
    """Settle the cases the budget kept, once the plan's cases are chosen (cases the
    budget cuts cost no runs): error cases first, then every case run again, in as
    few execs as the prober's batches allow; a tool with many commands (see
    ``cases.option_quota``) runs each case once more, not twice (recording runs each
    case twice more)."""
    ids = {id(c) for c in kept}
    only = {index for index, c in enumerate(gen.candidates) if id(c) in ids}
    settle_errors(gen, 0, only)
    settle_order(gen, 0, only, runs=1 if gen.quota is not None else SETTLE_RUNS)


def settle_order(gen: _Generator, start: int, only: Collection[int] | None = None,
                 runs: int = SETTLE_RUNS) -> None:
    """Run every case added since ``start`` (of ``only`` when given) again, ``runs``
    times: one whose output changes between runs is compared as a set of lines
    (shuffles, random sorts). Runs even when the search budget is spent: a recorded
    case must pass its re-runs."""
    if gen.prober is None or gen.prober.broken:
        return
    chosen = [(index, probe) for index, probe in gen.probes.items() if index >= start
              and (only is None or index in only)]
    probes = [probe for _, probe in chosen]
    # every re-run in one list: the prober's batches hold as many as an exec may
    again = gen.prober.rerun(probes * runs)
    reruns = [again[n * len(probes):(n + 1) * len(probes)] for n in range(runs)]
    for number, (index, probe) in enumerate(chosen):
        first = gen.prober.cache.get(probe)
        # a run cut short (a slow start under load, past the prober's timeout) says
        # nothing of the output: only runs that ended are compared
        others = [got for run in reruns if (got := run[number]) is not None
                  and not got.timed_out]
        second = next((o for o in others if first is not None and not first.same(o)), None)
        if first is None or first.timed_out or second is None:
            continue
        candidate = gen.candidates[index]
        lines_equal = sorted(first.stdout.splitlines()) == sorted(second.stdout.splitlines())
        update: dict[str, Any] = {"tags": sorted({*candidate.case.tags, "nondeterministic"})}
        if lines_equal:
            update["stdout"] = StreamExpectation(unordered=True)
        elif candidate.case.stdout is not None:
            update["stdout"] = None  # a regex on exact lines would not hold either
        gen.findings.append(f"`{candidate.case.command}` printed differently on two runs"
                            + (": its output is compared as a set of lines" if lines_equal
                               else ": review its recorded output"))
        candidate.case = candidate.case.model_copy(update=update)


def settle_errors(gen: _Generator, start: int, only: Collection[int] | None = None) -> None:
    """Run the error cases added since ``start`` (of ``only`` when given; stderr too):
    one the tool accepts (exit 0) loses its guessed failure and is recorded like any
    case, reported for review; one whose message the guessed pattern does not meet
    keeps only its exit status. A guess recording would contradict is never written."""
    if gen.prober is None or gen.prober.broken:
        return
    chosen = [c for index, c in enumerate(gen.candidates) if index >= start
              and (only is None or index in only) and c.case.exit == "failure"]
    if not chosen or ("error-input" not in gen.prober.datasets
                      and not gen.prober.add_dataset("error-input", {
                          STDIN: S.DATASETS["words"], INPUT_FILE: S.DATASETS["words"]})):
        return
    probes = [Probe(tuple(shlex.split(str(c.case.command))), "error-input",
                    stdin=c.case.stdin is not None) for c in chosen]
    for candidate, outcome in zip(chosen, gen.prober.rerun(probes), strict=True):
        if outcome is None or outcome.timed_out:
            continue
        case = candidate.case
        if outcome.ok:
            gen.findings.append(f"`{case.command}` succeeded although the case expected it "
                                "to be rejected: recorded as it is, review it")
            candidate.case = case.model_copy(update={
                "exit": None, "stderr": None,
                "description": f"{case.description}: the tool accepted it (review)"})
        elif case.stderr is not None and not all(
                re.search(p, outcome.stdout + outcome.stderr) for p in case.stderr.regex):
            candidate.case = case.model_copy(update={"stderr": None})
