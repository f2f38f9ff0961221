"""Precision and recall of the help-text parsers over the captured corpus.

    python benchmarks/parser_accuracy.py [HELP_DIR]

For every ``<tool>.<style>.txt`` with a ``.json`` expectation beside it (see
``tests/analysis/capture_corpus.py``) the help is parsed *with style detection*, as
discovery would, and four sets are compared with the expected ones:

- flags: every option flag (``-v``, ``--verbose``);
- takes_value: the flags of options that take a value;
- choices: (flag, choice) pairs;
- subcommands: subcommand names.

Counts are summed per style and overall (micro-averaged). Detection accuracy is
printed too. A second table scores the values corpus (``tests/analysis/help_values``,
see ``capture_values.py``) against its parser objects: options taking several values
(flag, count), operands (name, required), operand choices and subcommands.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pytest_testronaut.analysis import detect_style, parse_help  # noqa: E402

METRICS = ("flags", "takes_value", "choices", "subcommands")


def expected_sets(data: dict[str, Any]) -> dict[str, set[Any]]:
    opts = data["options"]
    return {
        "flags": {f for o in opts for f in o["flags"]},
        "takes_value": {f for o in opts if o["takes_value"] for f in o["flags"]},
        "choices": {(f, c) for o in opts for f in o["flags"] for c in (o["choices"] or [])},
        "subcommands": set(data["subcommands"]),
    }


def parsed_sets(text: str) -> dict[str, set[Any]]:
    cmd = parse_help(text)
    return {
        "flags": {f for o in cmd.options for f in o.flags},
        "takes_value": {f for o in cmd.options if o.takes_value for f in o.flags},
        "choices": {(f, c) for o in cmd.options for f in o.flags for c in (o.choices or [])},
        "subcommands": {s.name for s in cmd.subcommands},
    }


def corpus(help_dir: Path) -> list[tuple[str, str, str, dict[str, Any]]]:
    """(tool, style, help text, expectation) for every captured help text."""
    out = []
    for txt in sorted(help_dir.glob("*.txt")):
        expect = txt.with_suffix(".json")
        if not expect.exists():
            continue
        data = json.loads(expect.read_text(encoding="utf-8"))
        out.append((data["tool"], data["style"], txt.read_text(encoding="utf-8"), data))
    return out


def score(help_dir: Path, metrics: tuple[str, ...] = METRICS,
          expected: Callable[[dict[str, Any]], dict[str, set[Any]]] = expected_sets,
          parsed: Callable[[str], dict[str, set[Any]]] = parsed_sets,
          ) -> tuple[dict[str, dict[str, list[int]]], dict[str, list[int]]]:
    """Per-style [true positives, predicted, expected] for each metric; detection counts."""
    counts: dict[str, dict[str, list[int]]] = defaultdict(lambda: {m: [0, 0, 0] for m in metrics})
    detection: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for _tool, style, text, data in corpus(help_dir):
        want, got = expected(data), parsed(text)
        for metric in metrics:
            for bucket in (style, "overall"):
                c = counts[bucket][metric]
                c[0] += len(want[metric] & got[metric])
                c[1] += len(got[metric])
                c[2] += len(want[metric])
        for bucket in (style, "overall"):
            detection[bucket][0] += detect_style(text) == style
            detection[bucket][1] += 1
    return counts, detection


def _ratio(num: int, den: int) -> str:
    return f"{num / den:6.3f}" if den else "    - "


# The values corpus (``tests/analysis/capture_values.py``): what each option's and
# operand's parser object says about values.
VALUE_METRICS = ("several_values", "positionals", "operand_choices", "subcommands")


def expected_values(data: dict[str, Any]) -> dict[str, set[Any]]:
    return {
        "several_values": {(f, o["arity"]) for o in data["options"] if o["arity"] >= 2
                           for f in o["flags"]},
        "positionals": {(p["name"].lower(), p["required"]) for p in data["positionals"]},
        "operand_choices": {(p["name"].lower(), c) for p in data["positionals"]
                            for c in p["choices"] or []},
        "subcommands": set(data["subcommands"]),
    }


def parsed_values(text: str) -> dict[str, set[Any]]:
    cmd = parse_help(text)
    return {
        "several_values": {(f, len(o.value_names)) for o in cmd.options
                           if len(getattr(o, "value_names", [])) >= 2 for f in o.flags},
        "positionals": {(p.name.lower(), p.required) for p in cmd.positionals},
        "operand_choices": {(p.name.lower(), c) for p in cmd.positionals
                            for c in p.choices or []},
        "subcommands": {s.name for s in cmd.subcommands},
    }


def _table(counts: dict[str, dict[str, list[int]]], metrics: tuple[str, ...],
           detection: dict[str, list[int]]) -> None:
    print("style     files detect " + " ".join(f"{m[:11]:>11}_P {m[:11]:>11}_R"
                                             for m in metrics))
    for bucket in sorted(counts, key=lambda b: (b == "overall", b)):
        row = counts[bucket]
        cells = " ".join(f"{_ratio(row[m][0], row[m][1]):>13} {_ratio(row[m][0], row[m][2]):>13}"
                         for m in metrics)
        det = detection[bucket]
        print(f"{bucket:<9} {det[1]:>5} {_ratio(det[0], det[1])} {cells}")


def main() -> int:
    help_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "tests" / "analysis" / "help"
    counts, detection = score(help_dir)
    _table(counts, METRICS, detection)
    values_dir = ROOT / "tests" / "analysis" / "help_values"
    if len(sys.argv) <= 1 and values_dir.is_dir():
        counts, detection = score(values_dir, VALUE_METRICS, expected_values, parsed_values)
        print(f"\nvalues corpus ({values_dir.relative_to(ROOT)}): options taking several "
              "values, operands (name, required), operand choices, subcommands")
        _table(counts, VALUE_METRICS, detection)
    return 0


if __name__ == "__main__":
    sys.exit(main())
