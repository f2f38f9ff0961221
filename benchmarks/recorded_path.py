"""The verdict a RECORDED plan gives a pair: ``verify_accuracy.py --recorded``.

A plan recorded with the default options ran each case twice
(``--testronaut-record-runs 2``) and stored what the runs printed, with holes where they
differed (:class:`pytest_testronaut.plans.record.Recording`: hole learning, then holes
for the recording's own clock). A later run is checked against that expectation as a
plan item checks it (:func:`pytest_testronaut.items.execute.compare_equals`: the holes,
then the tiers for the lines without holes), without a judge.

A pair with ``expected2`` (the case's second original run) goes that way: ``expected``
and ``expected2`` are the recording's runs, ``clock`` and ``took`` (when the recording
ended, how long its runs took; 0 when the pair does not say) its clock, and ``actual``
the later run. The expectation is made by the product's own functions
(:func:`~pytest_testronaut.plans.record.recorded` on a case whose stream says
``unordered`` when the pair does), so what is measured is what a user's plan holds. A
plan has no ``fmt``: the structural tiers see the text as ``auto`` does. Each pair's
output is one stream (stdout and stderr of a run, one after the other, as captured),
recorded and checked as a case's stdout. A pair without ``expected2`` is judged by the
comparator (``compare_outputs``), as the benchmark does without ``--recorded``.
"""

from __future__ import annotations

from typing import Any

from pytest_testronaut.plans.model import Case, StreamExpectation, plan_rules
from pytest_testronaut.plans.record import Recording, recorded
from pytest_testronaut.verify import Verdict, compare_outputs
from pytest_testronaut.verify.holes import compare_recorded

__all__ = ["COMPARATOR", "RECORDED", "evaluate_recorded", "recorded_expectation"]

RECORDED = "recorded"
COMPARATOR = "comparator"


def recorded_expectation(pair: dict[str, Any]) -> StreamExpectation:
    """The stdout expectation a plan holds after recording ``expected`` and
    ``expected2`` (the two runs of ``--testronaut-record-runs 2``)."""
    recording = Recording("benchmark.yaml", "case", None, 0, pair["expected"], "",
                          more_stdout=(pair["expected2"],), more_stderr=("",),
                          more_exit_codes=(0,), clock=float(pair.get("clock") or 0.0),
                          took=float(pair.get("took") or 0.0))
    case = Case(id="case", command="true",
                stdout=StreamExpectation(unordered=bool(pair.get("unordered", False))))
    stdout = recorded(case, recording, plan_rules([])).stdout
    assert stdout is not None and stdout.equals is not None
    return stdout


def recorded_verdict(pair: dict[str, Any]) -> Verdict:
    """How a plan item checks ``actual`` against the recorded expectation (the same
    call as :func:`pytest_testronaut.items.execute.compare_equals`)."""
    stream = recorded_expectation(pair)
    assert stream.equals is not None
    return compare_recorded(stream.equals, pair["actual"], rules=plan_rules([]),
                            unordered=stream.unordered)


def evaluate_recorded(pairs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every pair with its verdict and ``path``: ``recorded`` when it carries
    ``expected2``, else ``comparator``."""
    results = []
    for pair in pairs:
        if "expected2" in pair:
            results.append({**pair, "verdict": recorded_verdict(pair), "path": RECORDED})
            continue
        verdict = compare_outputs(pair["expected"], pair["actual"],
                                  unordered=pair.get("unordered", False),
                                  fmt=pair.get("fmt", "auto"))
        results.append({**pair, "verdict": verdict, "path": COMPARATOR})
    return results
