"""``testronaut compare EXPECTED_FILE ACTUAL_FILE``: the verification tiers from a shell.

Exit 0 when equivalent, 1 when different (or undecidable), 2 on an input error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..errors import TestronautError
from ..verify.compare import compare_outputs
from ..verify.judge import Judge
from ..verify.rules import Rule
from .common import agent_from_env
from .inputs import add_limit_option, limit_bytes, read_input


def register(subparsers: Any) -> None:
    """Add the ``compare`` subcommand to the ``testronaut`` parser."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "compare",
        help="compare a recorded output with a new one, discounting dynamic content",
        description=(
            "Compare EXPECTED_FILE (a recorded output) with ACTUAL_FILE through the tiers "
            "exact, normalized, structural and, unless --no-llm, semantic. Exit 0 when "
            "equivalent, 1 when different or undecided, 2 on an input error."
        ),
    )
    parser.add_argument("expected_file", metavar="EXPECTED_FILE", type=Path)
    parser.add_argument("actual_file", metavar="ACTUAL_FILE", type=Path,
                        help="the output to check; - reads it from stdin")
    parser.add_argument("--no-llm", action="store_true",
                        help="deterministic tiers only; never ask a judge")
    parser.add_argument("--json", action="store_true", help="print the verdict as JSON")
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
    limit = limit_bytes(args.max_input_mb)
    expected = read_input(args.expected_file, "EXPECTED_FILE", limit=limit)
    actual = read_input(args.actual_file, "ACTUAL_FILE", limit=limit)
    judge = None if args.no_llm else _judge_from_env()
    verdict = compare_outputs(
        expected, actual, rules=rules, unordered=args.unordered, fmt=args.fmt,
        judge=judge, semantic=judge is not None,
    )
    if args.json:
        print(verdict.model_dump_json(indent=2))
    else:
        if verdict.outcome == "inconclusive":
            print(f"undecided ({verdict.tier or 'no'} tier could not decide): "
                  f"{verdict.explanation}")
        else:
            word = "equivalent" if verdict.passed else "different"
            print(f"{word} (decided by the {verdict.tier} tier): {verdict.explanation}")
        deterministic = verdict.evidence.get("deterministic")
        if deterministic:
            print(f"the {deterministic['tier']} tier found: {deterministic['explanation']}")
        if verdict.diff and not verdict.passed:
            print(verdict.diff)
    return 0 if verdict.passed else 1


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
