"""The THIRD hold-out pair corpus (benchmarks/pairs/holdout3.jsonl) is well-formed data.

Only its shape is checked, as for the other hold-out sets: fields, labels, unique ids,
both labels in about equal numbers, at least 20 tools that none of the other three sets
runs and none of the tools kept for the tuner, and that it was made by
benchmarks/pairs/holdout3_cases.py from the cases it lists. No verdict or accuracy is
computed here; nothing in this test may become a reason to look at the pairs while
changing pytest_testronaut/verify/.
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
PAIRS_DIR = ROOT / "benchmarks" / "pairs"
HOLDOUT3 = PAIRS_DIR / "holdout3.jsonl"
OTHER_SETS = (ROOT / "tests" / "verify" / "data" / "pairs.jsonl", PAIRS_DIR / "holdout.jsonl",
              PAIRS_DIR / "holdout2.jsonl")
# Tools kept for the tuning set: the third hold-out set must not run them.
RESERVED = {"openssl", "git", "make", "tar", "cpio", "stat", "findmnt", "lsblk", "lscpu", "getconf",
            "id", "who", "last", "hostname", "docker", "awk", "mawk", "busybox", "time", "ionice",
            "nice", "timeout", "watch", "node", "json.tool", "http.server", "zipfile", "tarfile",
            "trace"}

FIELDS: dict[str, type] = {
    "id": str, "label": str, "kind": str, "category": str, "tool": str, "where": str,
    "command": str, "setup": str, "unordered": bool, "fmt": str, "expected": str, "actual": str,
}
CHANGE_FIELDS: dict[str, type] = {"change": str, "command_b": str, "setup_b": str}


def load(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def words(row: dict[str, Any]) -> set[str]:
    text = " ".join(str(row.get(k, "")) for k in ("command", "setup", "command_b", "setup_b", "tool"))
    return set(re.findall(r"[A-Za-z][\w.+-]*", text))


@pytest.fixture(scope="module")
def pairs() -> list[dict[str, Any]]:
    return load(HOLDOUT3)


def test_every_pair_has_the_fields_and_a_known_label(pairs: list[dict[str, Any]]) -> None:
    problems = []
    for row in pairs:
        need = FIELDS | (CHANGE_FIELDS if row.get("label") == "different" else {})
        problems += [f"{row.get('id')}: {name} is {row.get(name)!r}" for name, kind in need.items()
                     if not isinstance(row.get(name), kind)]
        if (row.get("label"), row.get("kind")) not in {("equivalent", "rerun"),
                                                       ("different", "real-change")}:
            problems.append(f"{row.get('id')}: label {row.get('label')!r} with kind {row.get('kind')!r}")
        if row.get("where") not in {"sandbox", "host"}:
            problems.append(f"{row.get('id')}: where is {row.get('where')!r}")
    assert not problems, "\n".join(problems)


def test_ids_are_unique_and_changes_start_from_their_first_run(pairs: list[dict[str, Any]]) -> None:
    counts = Counter(row["id"] for row in pairs)
    assert [i for i, n in counts.items() if n > 1] == []
    reruns = {row["id"].split("/")[0]: row for row in pairs if row["label"] == "equivalent"}
    for row in pairs:
        if row["label"] == "different":
            assert row["expected"] == reruns[row["id"].split("/")[0]]["expected"], row["id"]
            assert row["expected"] != row["actual"], row["id"]


def test_at_least_100_pairs_about_half_each(pairs: list[dict[str, Any]]) -> None:
    labels = Counter(row["label"] for row in pairs)
    assert len(pairs) >= 100
    assert min(labels.values()) >= 0.4 * len(pairs), labels


def test_at_least_20_tools_no_other_set_runs(pairs: list[dict[str, Any]]) -> None:
    seen: set[str] = set()
    for path in OTHER_SETS:
        for row in load(path):
            seen |= words(row)
    tools = {row["tool"].split()[0] for row in pairs if not row["tool"].startswith("python3")}
    unseen = sorted(tools - seen)
    assert len(unseen) >= 20, f"only {len(unseen)} tools are new: {', '.join(unseen)}"


def invoked(row: dict[str, Any]) -> set[str]:
    """Program names in command position (line start, after | ; & ( $( do then else),
    behind optional VAR=value assignments, plus the modules run by ``python3 -m``."""
    text = "\n".join(str(row.get(k, "")) for k in ("command", "setup", "command_b", "setup_b"))
    names = set(re.findall(r"(?:^|[|;&(`]|\b(?:do|then|else|exec)\b)\s*(?:\w+=\S*\s+)*([\w./+-]+)",
                           text, re.MULTILINE))
    names |= set(re.findall(r"python3 -m ([\w.]+)", text))
    return {name.rsplit("/", 1)[-1] for name in names} | {row["tool"].split()[-1]}


def test_no_tool_kept_for_the_tuner_is_run(pairs: list[dict[str, Any]]) -> None:
    used = {row["id"]: sorted(invoked(row) & RESERVED) for row in pairs}
    assert {k: v for k, v in used.items() if v} == {}
    assert not any("/usr/bin/time" in row["command"] + row["setup"] for row in pairs)


def test_the_data_is_what_holdout3_cases_makes(pairs: list[dict[str, Any]],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(PAIRS_DIR))
    spec = importlib.util.spec_from_file_location("holdout3_cases", PAIRS_DIR / "holdout3_cases.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, module)
    spec.loader.exec_module(module)
    expected = {f"{c.id}/rerun" for c in module.CASES}
    expected |= {f"{c.id}/{change.name}" for c in module.CASES for change in c.changes}
    assert {row["id"] for row in pairs} == expected, (
        "holdout3.jsonl and holdout3_cases.py disagree: run benchmarks/pairs/holdout3_cases.py")
    by_id = {case.id: case for case in module.CASES}
    for row in pairs:
        case = by_id[row["id"].split("/")[0]]
        assert (row["command"], row["setup"], row["unordered"], row["tool"]) == (
            case.command, case.setup, case.unordered, case.tool), row["id"]
