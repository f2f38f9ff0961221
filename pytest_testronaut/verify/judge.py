"""The contract between verification and whatever judges meaning (an LLM or the
embedded offline agent). Verification depends on this protocol only; the LLM layer
implements it."""

from __future__ import annotations

from typing import Literal, Protocol, runtime_checkable

from pydantic import BaseModel, Field

JudgeVerdict = Literal["pass", "fail", "inconclusive"]


class JudgeRequest(BaseModel):
    """What the judge is asked: does ``actual`` satisfy ``expectation``?

    ``expectation`` is plain English ("prints a greeting naming the user"), or, when
    ``expected_output`` is given, the question is whether ``actual`` is equivalent to
    that recorded output apart from dynamic content.
    """

    expectation: str
    actual: str
    expected_output: str | None = None
    command: str | None = None
    stream: str = "stdout"
    exit_code: int | None = None


class Judgement(BaseModel):
    verdict: JudgeVerdict
    confidence: float = Field(ge=0.0, le=1.0)
    explanation: str
    # Why the judge could not decide (provider down, budget spent, cache miss, ...)
    reason: str | None = None
    model: str | None = None
    input_tokens: int = 0
    output_tokens: int = 0
    cost: float = 0.0
    # How a model gave the answer: "function_calling" or "json_schema" (structured
    # output), "text" (a reply parsed as JSON), "cache" (replayed); None otherwise.
    output_mode: str | None = None


@runtime_checkable
class Judge(Protocol):
    """Anything that can judge a :class:`JudgeRequest`. Must never raise for a
    provider failure: such failures are an ``inconclusive`` judgement with a reason."""

    def judge(self, request: JudgeRequest) -> Judgement: ...
