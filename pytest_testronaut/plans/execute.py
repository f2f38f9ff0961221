"""Run one plan case (or workflow step) in a sandbox and check its expectations.

Cheap deterministic checks (exit code, contains, regex, JSON) are done here; recorded
output (``equals``) goes through verification's tiered comparison, plain-English
``expect`` through the judge. Each failed check becomes a :class:`CheckFailure`
carrying the evidence a report needs.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..verify import Rule, check_expectation, compare_outputs
from .model import VARIABLE, NormalizationRule, Plan, Runnable, Step, StreamExpectation

if TYPE_CHECKING:
    from ..sandbox import RunResult, Sandbox

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


def run_runnable(sandbox: Sandbox, runnable: Runnable, *, timeout: float | None) -> RunResult:
    """Create the case's files, then run its command with its stdin and env."""
    for path, content in runnable.files.items():
        sandbox.put_file(path, content)
    command: str | list[str] = runnable.command
    return sandbox.run(command, stdin=runnable.stdin, env=runnable.env or None,
                       timeout=runnable.timeout or timeout)


def captured(step: Step, result: RunResult) -> tuple[dict[str, str], list[CheckFailure]]:
    """Values a step captures from its stdout, and a failure for each regex that missed."""
    values: dict[str, str] = {}
    failures: list[CheckFailure] = []
    for name, pattern in step.capture.items():
        match = re.search(pattern, result.stdout, re.MULTILINE)
        if match is None:
            failures.append(CheckFailure(f"capture {name}", f"stdout matching /{pattern}/",
                                         _excerpt(result.stdout)))
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
    if runnable.exit is not None and not exit_matches(runnable.exit, result.exit_code):
        failures.append(CheckFailure("exit", str(runnable.exit), str(result.exit_code)))
    rules = (*plan_rules(plan.settings.normalize), *extra_rules)
    for stream in ("stdout", "stderr"):
        expectation: StreamExpectation | None = getattr(runnable, stream)
        if expectation is not None:
            failures.extend(_check_stream(stream, expectation, getattr(result, stream),
                                          result, rules, judge))
    if runnable.expect:
        actual = result.stdout if not result.stderr else (
            f"{result.stdout}\n--- stderr ---\n{result.stderr}")
        failures.extend(_judge(runnable.expect, actual, "output", result, judge))
    return failures


def exit_matches(expected: int | str, code: int) -> bool:
    if expected == "success":
        return code == 0
    if expected == "failure":
        return code != 0
    return code == expected


def _check_stream(stream: str, exp: StreamExpectation, text: str, result: RunResult,
                  rules: Sequence[Rule], judge: JudgeProvider | None,
                  ) -> list[CheckFailure]:
    out: list[CheckFailure] = []
    for needle in exp.contains:
        if needle not in text:
            out.append(CheckFailure(f"{stream} contains", repr(needle), _excerpt(text)))
    for needle in exp.not_contains:
        if needle in text:
            out.append(CheckFailure(f"{stream} not_contains", f"no {needle!r}", _excerpt(text)))
    for pattern in exp.regex:
        if re.search(pattern, text, re.MULTILINE) is None:
            out.append(CheckFailure(f"{stream} regex", f"/{pattern}/", _excerpt(text)))
    if exp.json_value is not None:
        out.extend(_check_json(stream, exp, text))
    if exp.equals is not None:
        failure = compare_equals(stream, exp.equals, text, rules, unordered=exp.unordered)
        if failure is not None:
            out.append(failure)
    if exp.expect:
        out.extend(_judge(exp.expect, text, stream, result, judge))
    return out


def _check_json(stream: str, exp: StreamExpectation, text: str) -> list[CheckFailure]:
    try:
        data = json.loads(text)
    except ValueError as exc:
        return [CheckFailure(f"{stream} json", "valid JSON", f"not JSON ({exc}): "
                             + _excerpt(text), tier="structural")]
    expected = exp.json_value
    ok = data == expected if exp.json_match == "equal" else json_subset(expected, data)
    if ok:
        return []
    want = json.dumps(expected, indent=2, sort_keys=True)
    got = json.dumps(data, indent=2, sort_keys=True)
    return [CheckFailure(f"{stream} json ({exp.json_match})", want, got,
                         diff=unified(want, got), tier="structural")]


def json_subset(expected: Any, actual: Any) -> bool:
    """True when every key/item of ``expected`` is present (recursively) in ``actual``."""
    if isinstance(expected, dict):
        return isinstance(actual, dict) and all(
            k in actual and json_subset(v, actual[k]) for k, v in expected.items())
    if isinstance(expected, list):
        # Each expected item must match some actual item (order is not required).
        return isinstance(actual, list) and all(
            any(json_subset(e, a) for a in actual) for e in expected)
    return bool(expected == actual)


def compare_equals(stream: str, expected: str, actual: str, rules: Sequence[Rule],
                   *, unordered: bool = False) -> CheckFailure | None:
    """Recorded output vs actual, through verification's tiers."""
    verdict = compare_outputs(expected, actual, rules=rules, unordered=unordered)
    if verdict.passed:
        return None
    return CheckFailure(
        f"{stream} equals", expected, actual, diff=verdict.diff or unified(expected, actual),
        tier=str(verdict.tier), explanation=verdict.explanation,
        inconclusive=verdict.outcome == "inconclusive",
    )


def plan_rules(rules: Sequence[NormalizationRule]) -> tuple[Rule, ...]:
    """The plan's rules as verification's :class:`Rule` values."""
    return tuple(Rule(name=r.name, pattern=r.pattern, placeholder=r.placeholder) for r in rules)


def _judge(expectation: str, actual: str, stream: str, result: RunResult,
           judge: JudgeProvider | None) -> list[CheckFailure]:
    if judge is None:
        return [CheckFailure(f"{stream} expect", expectation, _excerpt(actual), tier="semantic",
                             explanation="no judge is available to check plain-English "
                                         "expectations", inconclusive=True)]
    verdict = check_expectation(expectation, actual, judge=judge(), command=result.command_line,
                                stream=stream, exit_code=result.exit_code)
    if verdict.passed:
        return []
    return [CheckFailure(
        f"{stream} expect", expectation, _excerpt(actual), diff=verdict.diff or "",
        tier=str(verdict.tier),
        explanation=f"{verdict.explanation} (confidence {verdict.confidence:.2f})",
        inconclusive=verdict.outcome == "inconclusive",
    )]


def unified(expected: str, actual: str) -> str:
    """A unified diff of two texts, expected first."""
    lines = difflib.unified_diff(expected.splitlines(keepends=True),
                                 actual.splitlines(keepends=True),
                                 "expected", "actual", n=2)
    return "".join(line if line.endswith("\n") else line + "\n\\ no newline\n"
                   for line in lines)


def _excerpt(text: str, limit: int = 2000) -> str:
    if len(text) <= limit:
        return text
    return text[: limit // 2] + f"\n[... {len(text) - limit} characters ...]\n" + text[-limit // 2:]
