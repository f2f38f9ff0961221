"""Shape checks shared by the tests of the hold-out pair corpora (benchmarks/pairs/holdoutN.jsonl).

Each hold-out set's test calls these on its own file: the fields and labels of every
pair, unique ids, changes that start from their case's first run, the size and balance
of the set, the tools no earlier set runs, and that the file is what its ``*_cases.py``
script makes. Shape only: nothing here computes a verdict or a score, and nothing may
become a reason to look at the pairs while changing pytest_testronaut/verify/.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
PAIRS_DIR = ROOT / "benchmarks" / "pairs"
TUNING = ROOT / "tests" / "verify" / "data" / "pairs.jsonl"
# The hold-out sets in the order they were made; each new one avoids the tools of those before.
HOLDOUTS = tuple(PAIRS_DIR / f"holdout{n}.jsonl" for n in ("", "2", "3", "4", "5", "6", "7"))

FIELDS: dict[str, type] = {
    "id": str, "label": str, "kind": str, "category": str, "tool": str, "where": str,
    "command": str, "setup": str, "unordered": bool, "fmt": str, "expected": str, "actual": str,
}
CHANGE_FIELDS: dict[str, type] = {"change": str, "command_b": str, "setup_b": str}
KINDS = {("equivalent", "rerun"), ("different", "real-change")}


def load(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def sets_before(path: Path) -> tuple[Path, ...]:
    """The tuning set and the hold-out sets made before ``path``."""
    return (TUNING, *HOLDOUTS[: HOLDOUTS.index(path)])


def field_problems(pairs: list[dict[str, Any]]) -> list[str]:
    """Missing or mistyped fields, unknown label/kind pairs, unknown places to run."""
    problems = []
    for row in pairs:
        need = FIELDS | (CHANGE_FIELDS if row.get("label") == "different" else {})
        problems += [f"{row.get('id')}: {name} is {row.get(name)!r}" for name, kind in need.items()
                     if not isinstance(row.get(name), kind)]
        if (row.get("label"), row.get("kind")) not in KINDS:
            problems.append(f"{row.get('id')}: label {row.get('label')!r} with kind {row.get('kind')!r}")
        if row.get("where") not in {"sandbox", "host"}:
            problems.append(f"{row.get('id')}: where is {row.get('where')!r}")
    return problems


def pairing_problems(pairs: list[dict[str, Any]]) -> list[str]:
    """Repeated ids, changes without a rerun of their case, changes whose ``expected`` is not
    their case's first run, and changes that printed that first run again."""
    problems = [f"{i}: {n} times" for i, n in Counter(row["id"] for row in pairs).items() if n > 1]
    reruns = {row["id"].split("/")[0]: row for row in pairs if row["label"] == "equivalent"}
    for row in pairs:
        if row["label"] != "different":
            continue
        first = reruns.get(row["id"].split("/")[0])
        if first is None or row["expected"] != first["expected"]:
            problems.append(f"{row['id']}: expected is not its case's first run")
        if row["expected"] == row["actual"]:
            problems.append(f"{row['id']}: the changed tool printed the first run's output")
    return problems


def balance_problems(pairs: list[dict[str, Any]], at_least: int) -> list[str]:
    """Fewer than ``at_least`` pairs, or either label under 40% of them."""
    labels = Counter(row["label"] for row in pairs)
    problems = [f"{len(pairs)} pairs, fewer than {at_least}"] if len(pairs) < at_least else []
    problems += [f"{label}: {labels[label]} of {len(pairs)}" for label in ("equivalent", "different")
                 if labels[label] < 0.4 * len(pairs)]
    return problems


def recording_problems(pairs: list[dict[str, Any]]) -> list[str]:
    """Pairs without a recording (``expected2``, ``clock``, ``took``: the second run of the
    original case and the recording's clock), changes whose recording is not their case's,
    and changes that printed what the recording's second run printed."""
    problems = []
    reruns = {row["id"].split("/")[0]: row for row in pairs if row["label"] == "equivalent"}
    for row in pairs:
        if not isinstance(row.get("expected2"), str):
            problems.append(f"{row['id']}: no expected2")
            continue
        if not all(isinstance(row.get(k), float) and row[k] >= 0 for k in ("clock", "took")):
            problems.append(f"{row['id']}: clock or took is not a time")
        first = reruns.get(row["id"].split("/")[0])
        if row["label"] == "different" and first is not None and (
                row["expected2"], row["clock"]) != (first["expected2"], first["clock"]):
            problems.append(f"{row['id']}: its recording is not its case's")
        if row["label"] == "different" and row["actual"] == row["expected2"]:
            problems.append(f"{row['id']}: the changed tool printed the recording's second run")
    return problems


def words(row: dict[str, Any]) -> set[str]:
    """Every word of a pair's commands, setups and tool name."""
    text = " ".join(str(row.get(k, "")) for k in ("command", "setup", "command_b", "setup_b", "tool"))
    return set(re.findall(r"[A-Za-z][\w.+-]*", text))


def new_tools(pairs: list[dict[str, Any]], others: tuple[Path, ...]) -> list[str]:
    """The tools under test (first word of ``tool``; ``python3`` modules left out) that are
    no word of any pair of the ``others`` sets."""
    seen: set[str] = set()
    for path in others:
        for row in load(path):
            seen |= words(row)
    tools = {row["tool"].split()[0] for row in pairs if not row["tool"].startswith("python3")}
    return sorted(tools - seen)


def invoked(row: dict[str, Any]) -> set[str]:
    """Program names in command position (line start, after | ; & ( $( do then else),
    behind optional VAR=value assignments, plus the modules run by ``python3 -m``."""
    text = "\n".join(str(row.get(k, "")) for k in ("command", "setup", "command_b", "setup_b"))
    names = set(re.findall(r"(?:^|[|;&(`]|\b(?:do|then|else|exec)\b)\s*(?:\w+=\S*\s+)*([\w./+-]+)",
                           text, re.MULTILINE))
    names |= set(re.findall(r"python3 -m ([\w.]+)", text))
    return {name.rsplit("/", 1)[-1] for name in names} | {row["tool"].split()[-1]}


def cases_module(name: str, monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """Import ``benchmarks/pairs/<name>.py`` (its neighbours importable) for this test only."""
    monkeypatch.syspath_prepend(str(PAIRS_DIR))
    spec = importlib.util.spec_from_file_location(name, PAIRS_DIR / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, module)
    spec.loader.exec_module(module)
    return module


def made_by_problems(pairs: list[dict[str, Any]], module: ModuleType) -> list[str]:
    """Where the data and the ``CASES`` of the script that makes it disagree: other ids, or
    a pair whose command, setup, ``unordered`` or tool is not its case's."""
    expected = {f"{c.id}/rerun" for c in module.CASES}
    expected |= {f"{c.id}/{change.name}" for c in module.CASES for change in c.changes}
    found = {row["id"] for row in pairs}
    problems = [f"{i}: in the data, not in the cases" for i in sorted(found - expected)]
    problems += [f"{i}: in the cases, not in the data" for i in sorted(expected - found)]
    by_id = {case.id: case for case in module.CASES}
    for row in pairs:
        case = by_id.get(row["id"].split("/")[0])
        if case is not None and (row["command"], row["setup"], row["unordered"], row["tool"]) != (
                case.command, case.setup, case.unordered, case.tool):
            problems.append(f"{row['id']}: command, setup, unordered or tool differ from its case")
    return problems
