"""Glue between fixtures, verification and the agent: ``result.should(...)`` and
``result.assert_equivalent(...)`` in hand-written tests.

The testronaut session binds its :class:`ResultChecker` to every sandbox it starts; it
judges with the session's agent, applies the session's normalization rules and settles
an inconclusive verdict through the session's one ``--testronaut-inconclusive`` policy.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .llm import Agent
    from .sandbox.result import RunResult
    from .verify import Rule, Verdict


class ResultChecker:
    """Judges run results for one session."""

    __test__ = False

    def __init__(self, agent: Callable[[], Agent], rules: Callable[[], Sequence[Rule]],
                 settle_inconclusive: Callable[[str], bool]) -> None:
        self._agent = agent
        self.rules = rules
        # The session's policy: skips, or returns True when the check may pass.
        self.settle_inconclusive = settle_inconclusive

    def should(self, result: RunResult, expectation: str, *, stream: str = "stdout") -> Verdict:
        """Assert ``result`` satisfies a plain-English expectation (the LLM judge)."""
        __tracebackhide__ = True
        from .verify import check_expectation

        verdict = check_expectation(
            expectation, result.text(stream), judge=self._agent(),
            command=result.command_line, stream=stream, exit_code=result.exit_code)
        return self._enforce(verdict, f"`{result.command_line}`, expected to: {expectation}",
                             result.evidence(stream))

    def assert_equivalent(self, result: RunResult, recorded: str, *, stream: str = "stdout",
                          unordered: bool = False, fmt: str = "auto",
                          semantic: bool = False, rules: Sequence[Rule] = ()) -> Verdict:
        """Assert ``result``'s output is equivalent to ``recorded``, dynamic content
        (timestamps, ids, durations, ...) discounted. Holes in ``recorded`` (``[int]``,
        ``[hex:N]``, ``[uuid:V]``, ``[tmp-path]``, ``[timestamp]``, ``[..]``) take any
        value of their kind, as in a plan's ``equals``; a failure names the hole and the
        value that did not fit. ``semantic`` lets the judge decide differences the
        deterministic tiers cannot."""
        __tracebackhide__ = True
        from .verify.holes import HoleSyntaxError, compare_recorded

        try:
            verdict = compare_recorded(
                recorded, result.text(stream), rules=(*rules, *self.rules()),
                unordered=unordered, fmt=fmt,  # type: ignore[arg-type]
                judge=self._agent() if semantic else None, semantic=semantic,
                command=result.command_line)
        except HoleSyntaxError as exc:
            raise ValueError(f"assert_equivalent: bad hole in the recorded text: {exc}; "
                             "pytest_testronaut.verify.holes.escape(text) writes a text "
                             "whose brackets are all literal") from None
        return self._enforce(verdict, f"{stream} of `{result.command_line}` is not equivalent "
                                      "to the recorded output", result.stderr_evidence(stream))

    def _enforce(self, verdict: Verdict, what: str, evidence: str = "") -> Verdict:
        """Pass ``verdict`` through, or fail with it; ``evidence`` (the exit code and
        streams that explain a failure, escaped) ends the message."""
        __tracebackhide__ = True
        if verdict.outcome == "pass":
            return verdict
        from .verify import escape_nonprintable

        tier = f" [decided by the {verdict.tier} tier]" if verdict.tier else ""
        message = escape_nonprintable(f"{what}{tier}: {verdict.explanation}")
        if verdict.diff:
            message += "\n" + verdict.diff
        message += evidence
        if verdict.outcome == "fail":
            raise AssertionError(message)
        message = "inconclusive: " + message
        if self.settle_inconclusive(message):
            return verdict
        raise AssertionError(message + "\n(inconclusive fails by default; see "
                                       "--testronaut-inconclusive)")
