"""Every captured help text parses to the options and subcommands its tool defines.

Expectations come from the tool's own parser object (argparse, click, typer, optparse,
docopt) or were checked by hand (GNU, git, cobra, clap); see capture_corpus.py.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from pytest_testronaut.analysis import detect_style, parse_help

HELP_DIR = Path(__file__).parent / "help"
ENTRIES = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(HELP_DIR.glob("*.json"))]
STYLES = {"argparse", "click", "typer", "optparse", "gnu", "git", "cobra", "clap", "docopt"}


def _text(entry: dict[str, Any]) -> str:
    return (HELP_DIR / f"{entry['tool']}.{entry['style']}.txt").read_text(encoding="utf-8")


def _ratio(hit: int, total: int) -> float:
    return hit / total if total else 1.0


def test_corpus_covers_every_style_with_two_tools() -> None:
    per_style: dict[str, int] = {}
    for entry in ENTRIES:
        per_style[entry["style"]] = per_style.get(entry["style"], 0) + 1
    assert set(per_style) == STYLES
    assert all(n >= 2 for n in per_style.values()), per_style
    assert len(ENTRIES) >= 15


@pytest.mark.parametrize("entry", ENTRIES, ids=[f"{e['tool']}.{e['style']}" for e in ENTRIES])
def test_style_is_detected(entry: dict[str, Any]) -> None:
    assert detect_style(_text(entry)) == entry["style"]


@pytest.mark.parametrize("entry", ENTRIES, ids=[f"{e['tool']}.{e['style']}" for e in ENTRIES])
def test_flags_and_subcommands_match_expectations(entry: dict[str, Any]) -> None:
    cmd = parse_help(_text(entry))
    want = {f for o in entry["options"] for f in o["flags"]}
    got = {f for o in cmd.options for f in o.flags}
    assert _ratio(len(want & got), len(want)) >= 0.85, f"missed {sorted(want - got)}"
    assert _ratio(len(want & got), len(got)) >= 0.9, f"invented {sorted(got - want)}"

    want_subs, got_subs = set(entry["subcommands"]), {s.name for s in cmd.subcommands}
    assert _ratio(len(want_subs & got_subs), len(want_subs)) >= 0.9, sorted(want_subs - got_subs)
    assert got_subs <= want_subs, f"invented subcommands {sorted(got_subs - want_subs)}"

    # takes_value agrees on (nearly) every option found under its expected flags
    agree = total = 0
    for expected in entry["options"]:
        opt = next((o for o in cmd.options if set(o.flags) & set(expected["flags"])), None)
        if opt is not None:
            total += 1
            agree += opt.takes_value == expected["takes_value"]
    assert _ratio(agree, total) >= 0.95


def test_choices_from_each_syntax_are_found() -> None:
    by_tool = {e["tool"]: parse_help(_text(e)) for e in ENTRIES}
    # click [a|b], typer <a|b>, clap [possible values], clap long "Possible values: - a:",
    # GNU "WHEN is 'a', 'b', or 'c'", kubectl "One of: (a, b)"
    cases = {
        ("cookiecutter", "--accept-hooks"): ["yes", "ask", "no"],
        ("todo-add", "--priority"): ["low", "normal", "high"],
        ("cargo", "--color"): ["auto", "always", "never"],
        ("fd", "--color"): ["auto", "always", "never"],
        ("grep", "--color"): ["always", "never", "auto"],
    }
    for (tool, flag), choices in cases.items():
        opt = by_tool[tool].find_option(flag)
        assert opt is not None and opt.choices == choices, (tool, flag, opt)
    output = by_tool["kubectl-create"].find_option("-o")
    assert output is not None and output.choices and "jsonpath" in output.choices

