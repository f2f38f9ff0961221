"""The agent other layers talk to: :class:`Agent`, its offline and model-backed
forms, and :func:`build_agent`, which picks one for an :class:`LLMConfig`.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from ..analysis.spec import CliSpec, Enrichment
from ..verify.judge import Judgement, JudgeRequest
from .calls import Caller, Outcome, T
from .config import TASKS, LLMConfig, build_chat_model, make_rate_limiter
from .enrichment import combine, enrichment_from_answer
from .offline import offline_enrich, offline_judge, offline_propose
from .prompts import (
    EnrichAnswer,
    JudgeAnswer,
    Message,
    ProposeAnswer,
    enrich_messages,
    judge_messages,
    propose_messages,
)
from .redact import install_log_redaction, redact
from .usage import Usage, estimate_cost

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

log = logging.getLogger("pytest_testronaut.llm")


class Agent:
    """What judges, enriches and proposes. Never raises from :meth:`judge` for a
    provider failure, and never returns ``pass`` without evidence."""

    name: str = "agent"
    is_offline: bool = True

    def __init__(self) -> None:
        self.usage = Usage()
        # Why the last enrich/propose_cases call fell back (None when it did not).
        self.last_error: str | None = None

    def judge(self, request: JudgeRequest) -> Judgement:
        """Does ``request.actual`` satisfy ``request.expectation``?"""
        raise NotImplementedError

    def enrich(self, spec: CliSpec) -> Enrichment:
        """Purposes, risks, option examples and workflows for ``spec``, checked against
        it; an empty :class:`Enrichment` (and :attr:`last_error` set) on failure."""
        raise NotImplementedError

    def propose_cases(self, spec: CliSpec, context: str = "") -> list[dict[str, Any]]:
        """Raw case dicts; the plan layer validates them and falls back when invalid."""
        raise NotImplementedError

    def ask(self, task: str, messages: list[Message], schema: type[T], *,
            structured: bool = False) -> Outcome[T]:
        """Ask ``task``'s model for an answer of ``schema`` (a pydantic model) to
        ``messages``. The offline agent has no model: never an answer, and ``reason``
        says so."""
        del messages, schema, structured
        return Outcome(None, reason=f"no model configured for task {task}")

    def estimate_cost(self, requests: Iterable[JudgeRequest]) -> float:
        """Dry-run USD estimate of judging ``requests`` (0 for the offline agent)."""
        del requests
        return 0.0

    @contextmanager
    def label(self, name: str) -> Iterator[None]:
        """Account the calls made inside the block to ``name`` (e.g. a test node id)."""
        with self.usage.label(name):
            yield


class OfflineAgent(Agent):
    """The embedded deterministic agent (the default when no model is configured)."""

    name = "offline"
    is_offline = True

    def judge(self, request: JudgeRequest) -> Judgement:
        try:
            return offline_judge(request)
        except Exception as exc:  # a bug here must not crash a test run
            return _inconclusive(f"offline agent error: {exc}", "offline")

    def enrich(self, spec: CliSpec) -> Enrichment:
        try:
            return offline_enrich(spec)
        except Exception as exc:
            self.last_error = redact(f"offline enrichment failed: {exc}")
            return Enrichment()

    def propose_cases(self, spec: CliSpec, context: str = "") -> list[dict[str, Any]]:
        return offline_propose(spec, context)


def _inconclusive(reason: str, model: str | None, *, input_tokens: int = 0,
                  output_tokens: int = 0, cost: float = 0.0) -> Judgement:
    reason = redact(reason)
    return Judgement(verdict="inconclusive", confidence=0.0,
                     explanation=f"inconclusive: the LLM judge could not decide ({reason})",
                     reason=reason, model=model, input_tokens=input_tokens,
                     output_tokens=output_tokens, cost=cost)


class ModelAgent(Agent):
    """The agent backed by LangChain chat models (see :class:`LLMConfig`)."""

    is_offline = False

    def __init__(self, config: LLMConfig, factory: Callable[[str], BaseChatModel]) -> None:
        super().__init__()
        install_log_redaction()
        self.config = config
        self.name = config.model or next(iter(config.models.values()), "model")
        self.is_offline = config.offline
        self._caller = Caller(config, self.usage, factory)
        self._offline = OfflineAgent()
        self._offline.usage = self.usage

    def ask(self, task: str, messages: list[Message], schema: type[T], *,
            structured: bool = False) -> Outcome[T]:
        """Ask ``task``'s model (then its fallbacks) for an answer of ``schema``, through
        the answer cache, the cost budget, retries and the circuit breaker, like every
        question of this agent's; its tokens and cost go into :attr:`usage`. The
        outcome's ``answer`` is ``None`` (and ``reason`` says why) when there is none;
        an unexpected error of the provider's client is raised."""
        return self._caller.ask(task, messages, schema, structured=structured)

    def judge(self, request: JudgeRequest) -> Judgement:
        if self.config.model_for("verify") is None:
            return self._offline.judge(request)
        try:
            out = self._caller.ask("verify", judge_messages(request), JudgeAnswer,
                                   structured=True)
        except Exception as exc:  # NEVER raise out of judge for provider failures
            log.warning("LLM judge failed: %s", redact(str(exc)))
            return _inconclusive(f"internal error: {type(exc).__name__}: {exc}",
                                 self.config.model_for("verify"))
        if out.answer is None:
            return _inconclusive(out.reason or "no answer", out.model,
                                 input_tokens=out.input_tokens,
                                 output_tokens=out.output_tokens, cost=out.cost)
        answer = out.answer
        return Judgement(
            verdict=answer.verdict, confidence=answer.confidence,
            explanation=redact(answer.explanation),
            reason=None if answer.verdict != "inconclusive" else "the model was not sure",
            model=out.model, input_tokens=out.input_tokens,
            output_tokens=out.output_tokens, cost=out.cost, output_mode=out.output_mode,
        )

    def enrich(self, spec: CliSpec) -> Enrichment:
        base = self._offline.enrich(spec)
        if self.config.model_for("analyze") is None:
            return base
        try:
            out = self._caller.ask("analyze", enrich_messages(spec), EnrichAnswer)
            if out.answer is None:
                self.last_error = redact(out.reason or "no answer")
                return base
            merged = combine(base, enrichment_from_answer(spec, out.answer))
            self.last_error = None
            return merged
        except Exception as exc:  # invalid output: generation goes on without it
            self.last_error = redact(f"enrichment failed: {type(exc).__name__}: {exc}")
            log.warning("LLM enrichment failed, keeping the parsed spec: %s", self.last_error)
            return base

    def propose_cases(self, spec: CliSpec, context: str = "") -> list[dict[str, Any]]:
        if self.config.model_for("generate") is None:
            return []
        try:
            out = self._caller.ask("generate", propose_messages(spec, context), ProposeAnswer)
        except Exception as exc:
            self.last_error = redact(f"proposal failed: {type(exc).__name__}: {exc}")
            return []
        if out.answer is None:
            self.last_error = redact(out.reason or "no answer")
            return []
        self.last_error = None
        return [dict(case) for case in out.answer.cases]

    def estimate_cost(self, requests: Iterable[JudgeRequest]) -> float:
        model = self.config.model_for("verify")
        return 0.0 if model is None else estimate_cost(requests, model, self.config.prices)


def build_agent(config: LLMConfig, *, chat_model: BaseChatModel | None = None) -> Agent:
    """The agent for ``config``: offline unless a model is configured (or injected).

    ``chat_model`` replaces the main model (tests inject a LangChain fake). A
    configuration mistake (unknown provider, provider package missing, no API key)
    raises :class:`TestronautError` here, at setup, never later from
    :meth:`Agent.judge`.
    """
    if chat_model is not None and config.model is None:
        config = dataclasses.replace(config, model=f"injected:{type(chat_model).__name__}")
    if config.model is None and not config.models:
        return OfflineAgent()
    limiter = make_rate_limiter(config.requests_per_second)
    injected_as = config.model if chat_model is not None else None

    def build(model: str) -> BaseChatModel:
        if chat_model is not None and model == injected_as:
            return chat_model
        return build_chat_model(model, config, limiter)

    factory = _memo(build)

    if not config.offline:
        # Build every configured model now, so a missing package or key is reported at
        # setup with its fix, not as an inconclusive verdict on every test.
        for model in {config.model_for(t) for t in TASKS}:
            if model is not None:
                factory(model)
    return ModelAgent(config, factory)


def _memo(factory: Callable[[str], BaseChatModel]) -> Callable[[str], BaseChatModel]:
    built: dict[str, BaseChatModel] = {}

    def get(model: str) -> BaseChatModel:
        if model not in built:
            built[model] = factory(model)
        return built[model]
    return get
