"""Accuracy of the deterministic (no-LLM) verification path over the labelled pairs.

    .venv/bin/python benchmarks/verify_accuracy.py [--verbose] [--recorded] [--set SET] [PAIRS.jsonl]

SET is one of tuning, recorded, holdout, holdout2, holdout3, holdout4, holdout5, holdout6,
holdout7, both (the default: every set).

``--set tuning`` scores only the TUNING set (the one to run while changing
pytest_testronaut/verify/: it prints nothing of the hold-out sets); ``--set holdout``
only the first HOLD-OUT set (benchmarks/pairs/holdout.jsonl), ``--set holdout2`` only the
second (benchmarks/pairs/holdout2.jsonl, made from other tools again), ``--set holdout3``
only the third (benchmarks/pairs/holdout3.jsonl, other tools again), ``--set holdout4``
only the fourth (benchmarks/pairs/holdout4.jsonl: build tools, debuggers, database
clients, test runners, disk images, the docker CLI), ``--set holdout5`` only the fifth
(benchmarks/pairs/holdout5.jsonl: build tools, linters, servers' startup lines, git-like
tools, compression, database clients, Python and Node command lines, /proc readers),
``--set holdout6`` only the sixth (benchmarks/pairs/holdout6.jsonl: profilers, test runners,
linters, backup tools, disk images, checksums, servers' startup lines, dates in zones,
package managers), ``--set holdout7`` only the seventh (benchmarks/pairs/holdout7.jsonl:
timing lines, servers, /proc readers, dates, checksums, shells; every pair also carries
``expected2``, the recording's second run, for ``--recorded``). No hold-out set is read
while changing pytest_testronaut/verify/; the first four have been read and are tuning
data now (see benchmarks/pairs/README.md), they keep their names here. Without a path,
or with ``--set both``, the seven hold-out sets come first, then the TUNING set
(tests/verify/data/pairs.jsonl, the one the rules were tuned on). For the hold-out sets
only the false accepts are named; ``--verbose`` also names its false rejects and shows
diffs. A false accept is a ``different`` pair that passed (the worst outcome); a false
reject is an ``equivalent`` pair that did not pass. Exit status 1 on any false accept.

``--recorded`` judges each pair that carries ``expected2`` (a second run of the original
case) as a RECORDED plan does (``benchmarks/recorded_path.py``): the expectation learned
from ``expected`` and ``expected2`` by recording (holes where they differed), then
``actual`` checked against it as a plan item checks it. Pairs without ``expected2`` go
to the comparator and are reported apart. ``--set recorded`` scores the TUNING pairs
that carry a recording (tests/verify/data/recorded_pairs.jsonl, made by
tests/verify/capture_recorded_pairs.py); without ``--recorded`` the comparator judges
them, which is the figure to set beside.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from pytest_testronaut.verify import compare_outputs

sys.path.insert(0, str(Path(__file__).resolve().parent))
from recorded_path import evaluate_recorded

DEFAULT_PAIRS = Path(__file__).resolve().parent.parent / "tests" / "verify" / "data" / "pairs.jsonl"
RECORDED_PAIRS = DEFAULT_PAIRS.with_name("recorded_pairs.jsonl")
HOLDOUT_PAIRS = Path(__file__).resolve().parent / "pairs" / "holdout.jsonl"
HOLDOUT2_PAIRS = Path(__file__).resolve().parent / "pairs" / "holdout2.jsonl"
HOLDOUT3_PAIRS = Path(__file__).resolve().parent / "pairs" / "holdout3.jsonl"
HOLDOUT4_PAIRS = Path(__file__).resolve().parent / "pairs" / "holdout4.jsonl"
HOLDOUT5_PAIRS = Path(__file__).resolve().parent / "pairs" / "holdout5.jsonl"
HOLDOUT6_PAIRS = Path(__file__).resolve().parent / "pairs" / "holdout6.jsonl"
HOLDOUT7_PAIRS = Path(__file__).resolve().parent / "pairs" / "holdout7.jsonl"


def load_pairs(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def evaluate(pairs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Run every pair through ``compare_outputs`` without a judge."""
    results = []
    for pair in pairs:
        verdict = compare_outputs(
            pair["expected"], pair["actual"], unordered=pair.get("unordered", False),
            fmt=pair.get("fmt", "auto"),
        )
        results.append({**pair, "verdict": verdict})
    return results


def _rates(rows: list[dict[str, Any]]) -> tuple[int, float, float, float]:
    positives = [r for r in rows if r["label"] == "equivalent"]
    negatives = [r for r in rows if r["label"] == "different"]
    correct = sum(r["verdict"].passed == (r["label"] == "equivalent") for r in rows)
    false_accepts = sum(r["verdict"].passed for r in negatives)
    false_rejects = sum(not r["verdict"].passed for r in positives)
    far = false_accepts / len(negatives) if negatives else 0.0
    frr = false_rejects / len(positives) if positives else 0.0
    return len(rows), correct / len(rows), far, frr


_SETS = ("tuning", "recorded", "holdout", "holdout2", "holdout3", "holdout4", "holdout5", "holdout6",
         "holdout7", "both")


def main(argv: list[str]) -> int:
    argv = list(argv)
    which = "both"
    if "--set" in argv:
        at = argv.index("--set")
        if at + 1 >= len(argv) or argv[at + 1] not in _SETS:
            print(f"--set takes one of {', '.join(_SETS)}", file=sys.stderr)
            return 2
        which = argv[at + 1]
        del argv[at : at + 2]
    verbose = "--verbose" in argv
    judged = evaluate_recorded if "--recorded" in argv else evaluate
    paths = [a for a in argv if not a.startswith("--")]
    if paths:
        return report(judged(load_pairs(Path(paths[0]))), verbose, name_all=True)
    if which == "recorded":
        print(f"TUNING set with recordings ({RECORDED_PAIRS.name}: a tuning score)")
        return report(judged(load_pairs(RECORDED_PAIRS)), verbose, name_all=True)
    if which == "tuning":
        print(f"TUNING set ({DEFAULT_PAIRS.name}: the rules were tuned on it; a tuning score)")
        return report(judged(load_pairs(DEFAULT_PAIRS)), verbose, name_all=True)
    held_out = 0
    for path in (HOLDOUT_PAIRS, HOLDOUT2_PAIRS, HOLDOUT3_PAIRS, HOLDOUT4_PAIRS, HOLDOUT5_PAIRS,
                 HOLDOUT6_PAIRS, HOLDOUT7_PAIRS):
        if which not in ("both", path.stem):
            continue
        if which == "both" and path is not HOLDOUT_PAIRS:
            print()
        if path in (HOLDOUT5_PAIRS, HOLDOUT6_PAIRS, HOLDOUT7_PAIRS):
            print(f"HOLD-OUT set ({path.name}: not to be read while changing verify/)")
        else:
            print(f"Former HOLD-OUT set ({path.name}: read since it was made; a tuning score)")
        held_out = report(judged(load_pairs(path)), verbose, name_all=verbose) or held_out
    if which != "both":
        return held_out
    print(f"\nTUNING set ({DEFAULT_PAIRS.name}: the rules were tuned on it)")
    tuning = report(judged(load_pairs(DEFAULT_PAIRS)), verbose, name_all=True)
    return held_out or tuning


def report(results: list[dict[str, Any]], verbose: bool, *, name_all: bool) -> int:
    """Print the scores of one set; 1 if it has a false accept. ``name_all`` names the
    false rejects too (with explanations), not only the false accepts. Results of
    ``--recorded`` are reported in two parts: the pairs judged as a recorded plan judges
    them, and those the comparator judged (no ``expected2``)."""
    paths = sorted({row["path"] for row in results if "path" in row})
    if paths:
        status = 0
        for path in sorted(paths, reverse=True):  # recorded first
            rows = [row for row in results if row["path"] == path]
            print(f"[{path}: {len(rows)} pairs"
                  + (" with expected2, judged as a recorded plan judges them]" if path ==
                     "recorded" else " without expected2, judged by the comparator]"))
            status = _report(rows, verbose, name_all=name_all) or status
        return status
    return _report(results, verbose, name_all=name_all)


def _report(results: list[dict[str, Any]], verbose: bool, *, name_all: bool) -> int:
    by_category: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in results:
        by_category[row["category"]].append(row)
    header = f"{'category':<12} {'pairs':>5} {'accuracy':>9} {'false-accept':>13} {'false-reject':>13}"
    print(header)
    print("-" * len(header))
    for name in sorted(by_category):
        n, acc, far, frr = _rates(by_category[name])
        print(f"{name:<12} {n:>5} {acc:>9.1%} {far:>13.1%} {frr:>13.1%}")
    n, acc, far, frr = _rates(results)
    print("-" * len(header))
    print(f"{'overall':<12} {n:>5} {acc:>9.1%} {far:>13.1%} {frr:>13.1%}")
    tiers: dict[str, int] = defaultdict(int)
    for row in results:
        tiers[f"{row['verdict'].outcome}/{row['verdict'].tier}"] += 1
    print("deciding tiers: " + ", ".join(f"{k}={v}" for k, v in sorted(tiers.items())))
    wrong = [r for r in results if r["verdict"].passed != (r["label"] == "equivalent")]
    accepted = [r["id"] for r in wrong if r["verdict"].passed]
    print(f"false accepts ({len(accepted)}): {', '.join(accepted) or 'none'}")
    if not name_all:
        print(f"false rejects: {len(wrong) - len(accepted)} (named with --verbose)")
        return 1 if accepted else 0
    for row in wrong:
        kind = "FALSE ACCEPT" if row["verdict"].passed else "false reject"
        print(f"{kind}: {row['id']}: {row['verdict'].explanation}")
        if verbose and row["verdict"].diff:
            print(row["verdict"].diff)
    return 1 if any(r["verdict"].passed for r in wrong) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
