"""The HOLD-OUT pair corpus (benchmarks/pairs/holdout.jsonl) is well-formed data.

Only its shape is checked here: fields, labels, unique ids, enough distinct tools, both
labels, and that it was made by benchmarks/pairs/capture.py from the cases it lists. No
verdict or accuracy is computed: the score is benchmarks/verify_accuracy.py's job, and
nothing in this test may become a reason to look at the pairs while changing verify/.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
HOLDOUT = ROOT / "benchmarks" / "pairs" / "holdout.jsonl"
TUNING = ROOT / "tests" / "verify" / "data" / "pairs.jsonl"
CASES_MODULE = ROOT / "benchmarks" / "pairs" / "holdout_cases.py"

FIELDS: dict[str, type] = {
    "id": str, "label": str, "kind": str, "category": str, "tool": str, "where": str,
    "command": str, "setup": str, "unordered": bool, "fmt": str, "expected": str, "actual": str,
}
CHANGE_FIELDS: dict[str, type] = {"change": str, "command_b": str, "setup_b": str}


def load(path: Path) -> list[dict[str, Any]]:
    rows = []
    for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            pytest.fail(f"{path.name}:{number}: not JSON ({exc}); regenerate it with "
                        "benchmarks/pairs/capture.py")
        if not isinstance(row, dict):
            pytest.fail(f"{path.name}:{number}: a {type(row).__name__}, not a JSON object")
        rows.append(row)
    return rows


@pytest.fixture(scope="module")
def pairs() -> list[dict[str, Any]]:
    return load(HOLDOUT)


def first_word(tool: str) -> str:
    return re.sub(r"\d+$", "", tool.split()[0])


def test_every_pair_has_the_fields_and_a_known_label(pairs: list[dict[str, Any]]) -> None:
    problems = []
    for row in pairs:
        need = FIELDS | (CHANGE_FIELDS if row.get("label") == "different" else {})
        for name, kind in need.items():
            if not isinstance(row.get(name), kind):
                problems.append(f"{row.get('id')}: {name} is {row.get(name)!r}, not a {kind.__name__}")
        if (row.get("label"), row.get("kind")) not in {("equivalent", "rerun"),
                                                       ("different", "real-change")}:
            problems.append(f"{row.get('id')}: label {row.get('label')!r} with kind {row.get('kind')!r}")
        if row.get("where") not in {"sandbox", "host"}:
            problems.append(f"{row.get('id')}: where is {row.get('where')!r}")
    assert not problems, "\n".join(problems)


def test_ids_are_unique_and_name_their_case(pairs: list[dict[str, Any]]) -> None:
    counts = Counter(row["id"] for row in pairs)
    assert [i for i, n in counts.items() if n > 1] == []
    assert all(re.fullmatch(r"[\w.+-]+/[\w.+-]+", row["id"]) for row in pairs)
    reruns = {row["id"].split("/")[0]: row for row in pairs if row["label"] == "equivalent"}
    for row in pairs:
        if row["label"] == "different":
            # a regression is compared with the first run of its own case, and changes it
            case = reruns[row["id"].split("/")[0]]
            assert row["expected"] == case["expected"], row["id"]
            assert row["expected"] != row["actual"], row["id"]


def test_both_labels_roughly_half_each(pairs: list[dict[str, Any]]) -> None:
    labels = Counter(row["label"] for row in pairs)
    assert set(labels) == {"equivalent", "different"}
    assert len(pairs) >= 100
    assert min(labels.values()) >= 0.4 * len(pairs), labels


def test_at_least_20_tools_and_20_the_tuning_set_never_runs(pairs: list[dict[str, Any]]) -> None:
    tools = {row["tool"] for row in pairs}
    assert len(tools) >= 20, sorted(tools)
    tuning_words = set()
    for row in load(TUNING):
        for text in (row.get("command", ""), row.get("command_b", ""), row.get("setup", "")):
            tuning_words |= {re.sub(r"\d+$", "", w) for w in re.findall(r"[A-Za-z][\w.+-]*", text)}
    unseen = sorted({first_word(t) for t in tools} - tuning_words)
    assert len(unseen) >= 20, (
        f"only {len(unseen)} hold-out tools are absent from {TUNING.name} ({', '.join(unseen)}): "
        "the hold-out set no longer measures unseen tools; add new tools to "
        "benchmarks/pairs/holdout_cases.py and re-capture, rather than moving them")


def test_the_data_is_what_capture_py_makes(pairs: list[dict[str, Any]],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    spec = importlib.util.spec_from_file_location("holdout_cases", CASES_MODULE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, module)  # dataclasses look their module up
    spec.loader.exec_module(module)
    expected_ids = set()
    for case in module.CASES:
        expected_ids.add(f"{case.id}/rerun")
        expected_ids |= {f"{case.id}/{change.name}" for change in case.changes}
    assert {row["id"] for row in pairs} == expected_ids, (
        "holdout.jsonl and holdout_cases.py disagree: run benchmarks/pairs/capture.py")
    by_id = {case.id: case for case in module.CASES}
    for row in pairs:
        case = by_id[row["id"].split("/")[0]]
        assert (row["command"], row["setup"], row["unordered"], row["tool"]) == (
            case.command, case.setup, case.unordered, case.tool), row["id"]
