"""The tuning pairs with a recording (tests/verify/data/recorded_pairs.jsonl) are
well-formed, and ``verify_accuracy.py --recorded`` judges a pair as a recorded plan does.

The corpus's shape only: fields, labels, unique ids, a second original run and the
recording's clock on every pair, enough pairs in every category. Its score is the
benchmark's job (``benchmarks/verify_accuracy.py --recorded --set recorded``)."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from pytest_testronaut.items.execute import compare_equals
from pytest_testronaut.plans import load_plan

ROOT = Path(__file__).resolve().parents[2]
RECORDED = ROOT / "tests" / "verify" / "data" / "recorded_pairs.jsonl"
sys.path.insert(0, str(ROOT / "benchmarks"))

import recorded_path  # type: ignore[import-not-found]  # noqa: E402  (benchmarks/)

FIELDS: dict[str, type] = {
    "id": str, "label": str, "kind": str, "category": str, "command": str, "setup": str,
    "unordered": bool, "fmt": str, "expected": str, "expected2": str, "actual": str,
    "clock": float, "took": float,
}


def _rows() -> list[dict[str, Any]]:
    return [json.loads(line) for line in RECORDED.read_text("utf-8").splitlines() if line]


def test_every_pair_carries_a_recording_of_two_runs() -> None:
    rows = _rows()
    assert len(rows) >= 200
    assert len({r["id"] for r in rows}) == len(rows)
    for row in rows:
        for name, kind in FIELDS.items():
            assert isinstance(row[name], kind), (row["id"], name)
        assert row["label"] in ("equivalent", "different")
        assert (row["label"] == "equivalent") == (row["kind"] == "rerun"), row["id"]
        assert row["clock"] > 1.7e9 and row["took"] >= 0
    labels = Counter(r["label"] for r in rows)
    assert labels["equivalent"] >= 100 and labels["different"] >= 100
    categories = Counter(r["category"] for r in rows)
    assert len(categories) >= 10


def test_no_pair_of_the_later_hold_out_sets_is_in_it() -> None:
    held = {"holdout5", "holdout6", "holdout7"}
    for row in _rows():
        assert not any(name in json.dumps(row) for name in held), row["id"]


PLAN = """\
version: 1
tool: sh
cases:
  - id: case
    command: "true"
    stdout:
      equals: {equals}
      unordered: {unordered}
"""


@pytest.mark.parametrize("pair", [
    {"expected": "id 12 ok\n", "expected2": "id 345 ok\n", "actual": "id 6 ok\n"},
    {"expected": "id 12 ok\n", "expected2": "id 345 ok\n", "actual": "id 6 bad\n"},
    {"expected": "b 1\na 2\n", "expected2": "a 3\nb 4\n", "actual": "a 5\nb 6\n"},
    {"expected": "took 0.5 s\n", "expected2": "took 0.7 s\n", "actual": "took 1.25 s\n"},
])
def test_the_recorded_path_is_the_plans(pair: dict[str, str],
                                        tmp_path: Path) -> None:
    """The benchmark's verdict is the one a plan item gives once the expectation is
    written to a plan and read back."""
    stream = recorded_path.recorded_expectation(pair)
    plan = tmp_path / "p.testronaut.yaml"
    plan.write_text(PLAN.format(equals=json.dumps(stream.equals),
                                unordered=str(stream.unordered).lower()))
    loaded = load_plan(plan).plan.cases[0].stdout
    assert loaded is not None and loaded.equals is not None
    assert loaded.equals == stream.equals
    failure = compare_equals("stdout", loaded.equals, pair["actual"], (),
                             unordered=loaded.unordered)
    [result] = recorded_path.evaluate_recorded([pair])
    assert result["path"] == recorded_path.RECORDED
    assert result["verdict"].passed == (failure is None)


def test_a_pair_without_a_second_run_goes_to_the_comparator() -> None:
    [result] = recorded_path.evaluate_recorded([{"expected": "a 1\n", "actual": "a 2\n"}])
    assert result["path"] == recorded_path.COMPARATOR and not result["verdict"].passed
