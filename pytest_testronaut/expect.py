"""Glue between fixtures, verification and the agent: ``result.should(...)`` and
``result.assert_equivalent(...)`` in hand-written tests.

A :class:`ResultChecker` is bound to every sandbox the fixtures hand out; it judges
with the session's agent, applies the session's normalization rules and turns an
inconclusive verdict into a failure, a skip or a warning per ``--testronaut-inconclusive``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from .llm import Agent
    from .sandbox.result import RunResult
    from .verify import Rule, Verdict


class ResultChecker:
    """Judges run results for one session."""

    __test__ = False

    def __init__(self, agent: Callable[[], Agent], rules: Callable[[], Sequence[Rule]],
                 inconclusive: str = "fail",
                 passed_inconclusive: Callable[[str], None] | None = None) -> None:
        self._agent = agent
        self.rules = rules
        self.inconclusive = inconclusive
        # Told about every inconclusive check the "pass" policy let through (a warning
        # would turn into an error under -W error / filterwarnings = error).
        self.passed_inconclusive = passed_inconclusive

    def should(self, result: RunResult, expectation: str, *, stream: str = "stdout") -> Verdict:
        """Assert ``result`` satisfies a plain-English expectation (the LLM judge)."""
        __tracebackhide__ = True
        from .verify import check_expectation

        verdict = check_expectation(
            expectation, result.text(stream), judge=self._agent(),
            command=result.command_line, stream=stream, exit_code=result.exit_code)
        return self._enforce(verdict, f"`{result.command_line}`, expected to: {expectation}")

    def assert_equivalent(self, result: RunResult, recorded: str, *, stream: str = "stdout",
                          unordered: bool = False, fmt: str = "auto",
                          semantic: bool = False, rules: Sequence[Rule] = ()) -> Verdict:
        """Assert ``result``'s output is equivalent to ``recorded``, dynamic content
        (timestamps, ids, durations, ...) discounted. ``semantic`` lets the judge decide
        differences the deterministic tiers cannot."""
        __tracebackhide__ = True
        from .verify import compare_outputs

        verdict = compare_outputs(
            recorded, result.text(stream), rules=(*rules, *self.rules()),
            unordered=unordered, fmt=fmt,  # type: ignore[arg-type]
            judge=self._agent() if semantic else None, semantic=semantic)
        return self._enforce(verdict, f"{stream} of `{result.command_line}` is not equivalent "
                                      "to the recorded output")

    def _enforce(self, verdict: Verdict, what: str) -> Verdict:
        __tracebackhide__ = True
        if verdict.outcome == "pass":
            return verdict
        tier = f" [decided by the {verdict.tier} tier]" if verdict.tier else ""
        message = f"{what}{tier}: {verdict.explanation}"
        if verdict.diff:
            message += "\n" + verdict.diff
        if verdict.outcome == "fail":
            raise AssertionError(message)
        message = "inconclusive: " + message
        if self.inconclusive == "skip":
            pytest.skip(message)
        if self.inconclusive == "pass":
            if self.passed_inconclusive is not None:
                self.passed_inconclusive(message)
            return verdict
        raise AssertionError(message + "\n(inconclusive fails by default; see "
                                       "--testronaut-inconclusive)")


# --- session state kept in the stash -------------------------------------------------
AGENT_KEY = pytest.StashKey["Agent"]()
CHECKER_KEY = pytest.StashKey[ResultChecker]()
PASSED_INCONCLUSIVE_KEY = pytest.StashKey[list[str]]()


def note_inconclusive_pass(config: pytest.Config, message: str) -> None:
    """Remember a check the ``pass`` policy let through; the summary lists them."""
    test = os.environ.get("PYTEST_CURRENT_TEST", "").rsplit(" (", 1)[0]
    line = message.splitlines()[0] if message else ""
    config.stash.setdefault(PASSED_INCONCLUSIVE_KEY, []).append(
        f"{test}: {line}" if test else line)


def session_agent(config: pytest.Config) -> Agent:
    """The session's agent (offline unless a model is configured), built on first use."""
    agent = config.stash.get(AGENT_KEY, None)
    if agent is None:
        import dataclasses
        from pathlib import Path

        from .llm import agent_from_settings
        from .settings import get_settings

        settings = get_settings(config)
        if settings.cache and not Path(settings.cache).is_absolute():
            # The cache a team commits lives at the project root, wherever pytest runs.
            settings = dataclasses.replace(settings, cache=str(config.rootpath / settings.cache))
        agent = agent_from_settings(settings)
        config.stash[AGENT_KEY] = agent
    return agent


def session_rules(config: pytest.Config) -> list[Rule]:
    """Normalization rules from the ini key ``testronaut_rules`` (lines of
    ``NAME=REGEX=>PLACEHOLDER``) and the ``pytest_testronaut_normalizer_rules`` hook."""
    from .verify import Rule, RuleError

    rules: list[Any] = []
    for line in config.getini("testronaut_rules"):
        try:
            rules.append(Rule.parse(line))
        except RuleError as exc:
            raise pytest.UsageError(f"testronaut: ini testronaut_rules line {line!r}: {exc}. "
                                    "Write NAME=REGEX=>PLACEHOLDER") from None
    for chunk in config.hook.pytest_testronaut_normalizer_rules(config=config):
        rules.extend(chunk or ())
    return rules


def session_checker(config: pytest.Config) -> ResultChecker:
    checker = config.stash.get(CHECKER_KEY, None)
    if checker is None:
        from .settings import get_settings

        cached: list[Sequence[Rule]] = []

        def rules() -> Sequence[Rule]:
            if not cached:
                cached.append(session_rules(config))
            return cached[0]

        checker = ResultChecker(lambda: session_agent(config), rules,
                                get_settings(config).inconclusive,
                                lambda message: note_inconclusive_pass(config, message))
        config.stash[CHECKER_KEY] = checker
    return checker
