"""Run one plan case (or workflow step) in a sandbox and check its expectations.

The deterministic checks (exit code, contains, regex, JSON) are verification's
``verify.checks``, the same functions behind ``RunResult.assert_*``; recorded output
(``equals``) goes through verification's tiered comparison, plain-English ``expect``
through the judge. Each failed check's :class:`Verdict` becomes a :class:`CheckFailure`
carrying the evidence a report needs.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from ..plans.model import VARIABLE, Plan, Runnable, Step, StreamExpectation, plan_rules
from ..verify import (
    Rule,
    Verdict,
    check_contains,
    check_exit,
    check_expectation,
    check_json,
    check_not_contains,
    check_regex,
    excerpt,
    exit_matches,
    json_subset,
    regex_search,
    unified_diff,
)
from ..verify.difference import difference_kind
from ..verify.holes import compare_recorded

if TYPE_CHECKING:
    from ..sandbox import RunResult, Sandbox

__all__ = [
    "NO_EXPECTATION",
    "CheckFailure",
    "captured",
    "check",
    "compare_equals",
    "exit_matches",
    "json_subset",
    "resolved",
    "run_runnable",
    "substitute",
    "unified",
]

NO_EXPECTATION = (
    "no expectation yet: run with --testronaut-record to store what the command prints "
    "and returns, or write `exit`, `stdout`, `stderr` or `expect` for this case"
)


@dataclass(frozen=True)
class CheckFailure:
    """One expectation a run did not meet."""

    check: str  # "exit", "stdout equals", "stderr regex", "expect", "capture x", ...
    expected: str
    actual: str
    diff: str = ""
    tier: str = "deterministic"
    explanation: str = ""
    inconclusive: bool = False

    @classmethod
    def from_verdict(cls, check: str, verdict: Verdict, *, expected: str | None = None,
                     actual: str | None = None) -> CheckFailure:
        """The failure a failed (or inconclusive) verdict stands for; ``expected`` and
        ``actual`` replace the verdict's own when given."""
        return cls(
            check,
            expected if expected is not None else verdict.expected or "",
            actual if actual is not None else verdict.actual or "",
            diff=verdict.diff or "",
            tier=str(verdict.tier),
            explanation=verdict.explanation,
            inconclusive=verdict.outcome == "inconclusive",
        )


# --- running ------------------------------------------------------------------------
def substitute(text: str, variables: Mapping[str, str]) -> str:
    """Replace ``${name}`` with captured values; ``$${`` stands for a literal ``${``."""
    text = VARIABLE.sub(lambda m: variables.get(m.group(1), m.group(0)), text)
    return text.replace("$${", "${")


def resolved(runnable: Runnable, variables: Mapping[str, str] | None) -> Runnable:
    """``runnable`` with workflow variables filled in (unchanged for plain cases)."""
    if variables is None:
        return runnable
    data = runnable.model_dump(by_alias=True)

    def fill(value: Any) -> Any:
        if isinstance(value, str):
            return substitute(value, variables)
        if isinstance(value, list):
            return [fill(v) for v in value]
        if isinstance(value, dict):
            return {k: fill(v) for k, v in value.items()}
        return value

    for key in ("command", "stdin", "env", "files"):
        data[key] = fill(data[key])
    for stream in ("stdout", "stderr"):
        if data[stream] is not None:
            for key in ("equals", "contains", "not_contains"):
                data[stream][key] = fill(data[stream][key])
    return type(runnable).model_validate(data)


def run_runnable(sandbox: Sandbox, runnable: Runnable, *, timeout: float | None,
                 track_files: bool | list[str] = False) -> RunResult:
    """Create the case's files, then run its command with its stdin and env (with
    ``track_files``, the result lists the files it changed: see ``Sandbox.run``)."""
    for path, content in runnable.files.items():
        sandbox.put_file(path, content)
    command: str | list[str] = runnable.command
    return sandbox.run(command, stdin=runnable.stdin, env=runnable.env or None,
                       timeout=runnable.timeout or timeout, track_files=track_files)


def captured(step: Step, result: RunResult) -> tuple[dict[str, str], list[CheckFailure]]:
    """Values a step captures from its stdout, and a failure for each regex that missed."""
    values: dict[str, str] = {}
    failures: list[CheckFailure] = []
    for name, pattern in step.capture.items():
        match = regex_search(pattern, result.stdout)
        if match is None:
            failures.append(CheckFailure.from_verdict(
                f"capture {name}", check_regex(result.stdout, pattern),
                expected=f"stdout matching /{pattern}/"))
        else:
            values[name] = match.group(1)
    return values, failures


# --- checking -----------------------------------------------------------------------
JudgeProvider = Callable[[], Any]


def check(runnable: Runnable, result: RunResult, plan: Plan, *,
          judge: JudgeProvider | None = None, extra_rules: Sequence[Rule] = ()
          ) -> list[CheckFailure]:
    """Every expectation of ``runnable`` that ``result`` does not meet. ``extra_rules``
    (the session's ini and hook rules) apply after the plan's own."""
    failures: list[CheckFailure] = []
    if result.timed_out:
        failures.append(CheckFailure("timeout", "the command finishes",
                                     f"stopped after {result.duration:.1f}s"))
        return failures
    if runnable.exit is not None:
        verdict = check_exit(runnable.exit, result.exit_code)
        if not verdict.passed:
            failures.append(CheckFailure.from_verdict("exit", verdict))
    rules = (*plan_rules(plan.settings.normalize), *extra_rules)
    for stream in ("stdout", "stderr"):
        expectation: StreamExpectation | None = getattr(runnable, stream)
        if expectation is not None:
            failures.extend(_check_stream(stream, expectation, getattr(result, stream),
                                          result, rules, judge,
                                          exact_values=runnable.origin == "edited"))
    if runnable.expect:
        actual = result.stdout if not result.stderr else (
            f"{result.stdout}\n--- stderr ---\n{result.stderr}")
        failures.extend(_judge(runnable.expect, actual, "output", result, judge))
    return failures


def _check_stream(stream: str, exp: StreamExpectation, text: str, result: RunResult,
                  rules: Sequence[Rule], judge: JudgeProvider | None, *,
                  exact_values: bool = False) -> list[CheckFailure]:
    # One verdict per needle and pattern, so a report names each one that failed.
    verdicts = [(f"{stream} contains", check_contains(text, needle))
                for needle in exp.contains]
    verdicts += [(f"{stream} not_contains", check_not_contains(text, needle))
                 for needle in exp.not_contains]
    verdicts += [(f"{stream} regex", check_regex(text, pattern)) for pattern in exp.regex]
    if exp.json_value is not None:
        verdicts.append((f"{stream} json ({exp.json_match})",
                         check_json(text, exp.json_value, match=exp.json_match)))
    out = [CheckFailure.from_verdict(name, v) for name, v in verdicts if not v.passed]
    if exp.equals is not None:
        failure = compare_equals(stream, exp.equals, text, rules, unordered=exp.unordered,
                                 exact_values=exact_values)
        if failure is not None:
            out.append(failure)
    if exp.expect:
        out.extend(_judge(exp.expect, text, stream, result, judge))
    return out


def compare_equals(stream: str, expected: str, actual: str, rules: Sequence[Rule],
                   *, unordered: bool = False, exact_values: bool = False
                   ) -> CheckFailure | None:
    """Recorded output vs actual: its holes must hold values of their kinds, the rest
    goes through verification's tiers (:func:`~pytest_testronaut.verify.holes.compare_recorded`).
    ``exact_values``: a person wrote ``expected`` (``origin: edited``), so a changed value
    is a proven difference, not one that may only drift from run to run."""
    verdict = compare_recorded(expected, actual, rules=rules, unordered=unordered)
    if verdict.passed:
        return None
    failure = CheckFailure.from_verdict(f"{stream} equals", verdict, expected=expected,
                                        actual=actual)
    if not failure.diff:
        failure = replace(failure, diff=unified_diff(expected, actual))
    if (not exact_values and verdict.tier == "normalized"
            and difference_kind(failure.diff) == "values"):
        failure = replace(failure, explanation=(
            f"{failure.explanation} Only values differ, which is not a proven difference: "
            "if they change from run to run, re-record the case (--testronaut-record) or "
            "write a hole such as [int] in their place.").strip())
    return failure


def _judge(expectation: str, actual: str, stream: str, result: RunResult,
           judge: JudgeProvider | None) -> list[CheckFailure]:
    if judge is None:
        return [CheckFailure(f"{stream} expect", expectation, excerpt(actual), tier="semantic",
                             explanation="no judge is available to check plain-English "
                                         "expectations", inconclusive=True)]
    verdict = check_expectation(expectation, actual, judge=judge(), command=result.command_line,
                                stream=stream, exit_code=result.exit_code)
    if verdict.passed:
        return []
    failure = CheckFailure.from_verdict(f"{stream} expect", verdict, expected=expectation,
                                        actual=excerpt(actual))
    return [replace(failure, explanation=f"{verdict.explanation} "
                                         f"(confidence {verdict.confidence:.2f})")]


# Kept for callers of the former names; the one implementation is in verify.checks.
unified = unified_diff
