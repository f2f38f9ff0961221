"""The answer of every verification: outcome, the tier that decided, and why."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

Outcome = Literal["pass", "fail", "inconclusive"]
# "deterministic": a plain check (exit code, contains, regex) that needs no tier of the
# comparator; JSON checks are "structural".
Tier = Literal["deterministic", "exact", "normalized", "structural", "semantic"]

# The three-way answer of a comparison: a pass; a difference proven by the tier that
# decided (or by a judge); a difference no tier could prove or dismiss.
Judgment = Literal["equivalent", "different", "needs judgment"]

__all__ = ["Judgment", "Outcome", "Tier", "Verdict", "judgment_of"]


class Verdict(BaseModel):
    """Whether an output satisfied its expectation.

    ``tier`` names the cheapest tier that decided (``None`` when none could, e.g. a
    plain-English expectation without a judge). ``confidence`` is 1.0 for the
    deterministic tiers. ``diff`` is a unified diff of (normalized) expected versus
    actual when one helps; ``expected`` and ``actual`` show what was wanted and what
    was seen (an excerpt, escaped for a terminal) when the check has such a pair;
    ``evidence`` holds what a report may show (placeholders and the values they
    replaced, the judge's model and tokens, ...).
    """

    outcome: Outcome
    tier: Tier | None
    confidence: float = Field(ge=0.0, le=1.0)
    explanation: str
    diff: str | None = None
    expected: str | None = None
    actual: str | None = None
    evidence: dict[str, Any] = Field(default_factory=dict)

    @property
    def passed(self) -> bool:
        """True only for a ``pass``: an inconclusive verdict is never a pass."""
        return self.outcome == "pass"

    def summary(self) -> str:
        """One line for a terminal: outcome, tier and explanation."""
        tier = self.tier or "no tier"
        return f"{self.outcome} ({tier}): {self.explanation}"


def judgment_of(verdict: Verdict) -> Judgment:
    """``equivalent`` for a pass; ``different`` for a fail a judge gave, or a
    deterministic fail whose difference is in content (``evidence["difference"]``
    not ``"values"``); ``needs judgment`` for an inconclusive verdict and for a
    deterministic fail where only values differ that might be dynamic."""
    if verdict.outcome == "pass":
        return "equivalent"
    if verdict.outcome == "inconclusive":
        return "needs judgment"
    if verdict.tier != "semantic" and verdict.evidence.get("difference") == "values":
        return "needs judgment"
    return "different"
