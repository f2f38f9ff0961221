"""``testronaut compare EXPECTED_FILE ACTUAL_FILE``: the verification tiers from a shell.

The answer is three-way: ``equivalent`` (exit 0), ``different`` (exit 1: a tier, or
the judge, proved a difference) or ``needs judgment`` (exit 1 too, but not a proven
difference: only values differ that may be dynamic and no judge was asked, or the
judge could not decide). Exit 2 on an input error. ``--expect`` and ``--command``
give the judge context; ``--json`` prints the answer for machines.

EXPECTED_FILE may hold holes, as a plan's ``equals`` does (``[int]``, ``[hex:N]``,
``[uuid:V]``, ``[tmp-path]``, ``[timestamp]``, ``[pad]``, ``[..]``: see
:mod:`pytest_testronaut.verify.holes`): each takes any value of its kind, and
``--json``'s ``holes`` says what they held and whether they decided. ``--literal``
reads EXPECTED_FILE as plain text (a raw capture whose brackets are text).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from ..errors import TestronautError
from ..verify.checks import escape_nonprintable
from ..verify.compare import compare_outputs
from ..verify.difference import difference_kind
from ..verify.holes import HoleSyntaxError, compare_recorded, parse_template
from ..verify.judge import Judge
from ..verify.rules import Rule
from ..verify.verdict import Judgment, Verdict, judgment_of
from .common import agent_from_env
from .inputs import add_limit_option, limit_bytes, read_input


def register(subparsers: Any) -> None:
    """Add the ``compare`` subcommand to the ``testronaut`` parser."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "compare",
        help="compare a recorded output with a new one, discounting dynamic content",
        description=(
            "Compare EXPECTED_FILE (a recorded output) with ACTUAL_FILE through the tiers "
            "exact, normalized, structural and, unless --no-llm, semantic (a judge, when "
            "TESTRONAUT_MODEL configures one). Holes in EXPECTED_FILE ([int], [num], [hex], "
            "[hex:N], [uuid], [uuid:V], [word], [word:N], [tmp-path], [timestamp], [pad], [..]; "
            "\\[int] is the text "
            "[int]) take any value of their kind, as in a plan's equals. The verdict is "
            "equivalent (exit 0), different (exit 1) or needs judgment (exit 1, but not a "
            "proven difference); exit 2 on an input error."
        ),
    )
    parser.add_argument("expected_file", metavar="EXPECTED_FILE", type=Path)
    parser.add_argument("actual_file", metavar="ACTUAL_FILE", type=Path,
                        help="the output to check; - reads it from stdin")
    parser.add_argument("--no-llm", action="store_true",
                        help="deterministic tiers only; never ask a judge")
    parser.add_argument("--json", action="store_true",
                        help="print the verdict as JSON: verdict (equivalent, different, "
                        "needs judgment), proven, tier, exit_code, explanation, diff, judge, "
                        "holes (what the holes of EXPECTED_FILE held; whether they decided)")
    parser.add_argument("--literal", action="store_true",
                        help="read EXPECTED_FILE as plain text: brackets such as [int] are "
                        "text, not holes (for a raw capture)")
    parser.add_argument("--expect", metavar="TEXT", default=None,
                        help="what the output must show, in plain English, for the judge "
                        "(e.g. 'the three file names and their sizes; timings may vary')")
    parser.add_argument("--command", metavar="COMMAND_LINE", default=None,
                        help="the command that printed the outputs, for the judge")
    parser.add_argument("--unordered", action="store_true",
                        help="line (and JSON/YAML array) order does not matter")
    parser.add_argument("--format", dest="fmt", default="auto",
                        choices=("auto", "text", "json", "yaml", "table"),
                        help="structure to compare as (default: auto-detect)")
    parser.add_argument("--rule", dest="rules", action="append", default=[],
                        metavar="NAME=REGEX=>PLACEHOLDER",
                        help="extra placeholder rule, e.g. 'build=build-\\d+=>BUILD' "
                        "(repeatable; runs before the default rules)")
    add_limit_option(parser)
    parser.set_defaults(func=run_compare)


def run_compare(args: argparse.Namespace) -> int:
    """Run ``testronaut compare`` with parsed ``args``; return the exit code."""
    rules = [Rule.parse(spec) for spec in args.rules]
    if str(args.expected_file) == str(args.actual_file) == "-":
        raise TestronautError("only one of EXPECTED_FILE and ACTUAL_FILE can be - (stdin)")
    for name, value in (("--expect", args.expect), ("--command", args.command)):
        if value is not None and not value.strip():
            raise TestronautError(f"{name} is empty; give the text or leave the option out")
    limit = limit_bytes(args.max_input_mb)
    expected = read_input(args.expected_file, "EXPECTED_FILE", limit=limit)
    actual = read_input(args.actual_file, "ACTUAL_FILE", limit=limit)
    judge = None if args.no_llm else _judge_from_env()
    context = args.expect is not None or args.command is not None
    if judge is None and context:
        why = "--no-llm" if args.no_llm else "no judge is configured (TESTRONAUT_MODEL)"
        print(f"testronaut: {why}: --expect and --command are only read by the judge",
              file=sys.stderr)
    tiers: dict[str, Any] = {
        "rules": rules, "unordered": args.unordered, "fmt": args.fmt, "judge": judge,
        "semantic": judge is not None, "expectation": args.expect, "command": args.command}
    if args.literal:
        verdict = compare_outputs(expected, actual, **tiers)
        holes = 0
    else:
        try:
            holes = parse_template(expected).holes
            verdict = compare_recorded(expected, actual, **tiers)
        except HoleSyntaxError as exc:
            raise TestronautError(
                f"EXPECTED_FILE {str(args.expected_file)!r}, line {exc.line}, column "
                f"{exc.column}: {exc.reason}; or give --literal to read the file as plain "
                "text") from None
    if (verdict.outcome == "fail" and verdict.tier == "normalized"
            and verdict.evidence.get("holes_fit", True)):
        # Text: values that differ may be dynamic content no rule knows. (A structure
        # names what a value is: a changed value there is a proven difference; so is
        # a value that does not fit its hole.)
        verdict.evidence["difference"] = difference_kind(verdict.diff)
    judgment = judgment_of(verdict)
    code = 0 if judgment == "equivalent" else 1
    if args.json:
        print(json.dumps(_as_json(verdict, judgment, code, args, holes), indent=2,
                         ensure_ascii=False))
    else:
        _print_text(verdict, judgment, no_llm=args.no_llm, judged=judge is not None)
    return code


def _holes_json(verdict: Verdict, count: int) -> dict[str, Any] | None:
    """What the holes of EXPECTED_FILE did (``None`` without holes): ``count``,
    ``values`` (hole and value of each line that fit), ``fit`` (every line with holes
    fit), ``problem`` (where the output did not fit a hole's line) and ``decided``:
    the holes alone gave the verdict (the output fit them exactly, or a value did
    not fit its hole)."""
    if not count:
        return None
    fit = bool(verdict.evidence.get("holes_fit", True))
    decided = (verdict.passed and verdict.tier == "exact") or not fit
    return {
        "count": count,
        "values": [{"hole": hole, "value": value}
                   for hole, value in verdict.evidence.get("holes", [])],
        "fit": fit,
        "problem": verdict.evidence.get("hole_problem"),
        "decided": decided,
    }


def _as_json(verdict: Verdict, judgment: Judgment, code: int,
             args: argparse.Namespace, holes: int) -> dict[str, Any]:
    """The machine-readable answer: the three-way verdict and the tier first, then
    the whole :class:`Verdict` (``outcome``, ``evidence``, ...)."""
    data = verdict.model_dump(mode="json")
    return {
        "verdict": judgment,
        "proven": judgment != "needs judgment",
        "tier": verdict.tier,
        "exit_code": code,
        "difference": verdict.evidence.get("difference"),
        "judge": verdict.evidence.get("judge"),
        # with a judge: what the deterministic tiers found before it was asked
        "deterministic": verdict.evidence.get("deterministic"),
        "holes": _holes_json(verdict, holes),
        "context": {"expect": args.expect, "command": args.command},
        **data,
    }


def _print_text(verdict: Verdict, judgment: Judgment, *, no_llm: bool, judged: bool) -> None:
    tier = verdict.tier or "no"
    # a judge's words may quote the output: escaped like the diff (NUL as \x00)
    verdict = verdict.model_copy(update={"explanation": escape_nonprintable(
        verdict.explanation)})
    if judgment == "needs judgment":
        if verdict.outcome == "inconclusive":
            why = f"the {tier} tier could not decide"
        else:
            why = (f"the {tier} tier found only values that differ, and they may be "
                   "dynamic content no rule knows")
        print(f"needs judgment ({why}; this is not a proven difference): "
              f"{verdict.explanation}")
        if not judged:
            how = ("run without --no-llm, with a judge configured (TESTRONAUT_MODEL)"
                   if no_llm else "configure a judge (TESTRONAUT_MODEL=PROVIDER:MODEL)")
            print(f"to decide: {how}, or add a --rule for values that are dynamic")
    else:
        print(f"{judgment} (decided by the {tier} tier): {verdict.explanation}")
    if verdict.passed and verdict.evidence.get("holes"):
        print("holes: " + ", ".join(f"{hole} = {escape_nonprintable(repr(value))}"
                                    for hole, value in verdict.evidence["holes"]))
    deterministic = verdict.evidence.get("deterministic")
    if deterministic:
        print(f"the {deterministic['tier']} tier found: "
              f"{escape_nonprintable(deterministic['explanation'])}")
    if verdict.diff and not verdict.passed:
        print(verdict.diff)


def _judge_from_env() -> Judge | None:
    # When the LLM setup cannot build a judge the comparison stays deterministic, and
    # says so.
    try:
        agent = agent_from_env()
    except Exception as exc:  # a broken LLM setup must not stop a deterministic answer
        print(f"testronaut: no judge ({type(exc).__name__}: {exc}); comparing "
              "deterministically", file=sys.stderr)
        return None
    if agent.is_offline:
        return None  # no model configured: the deterministic tiers have the last word
    return agent
