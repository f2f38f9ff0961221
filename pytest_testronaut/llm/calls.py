"""One question to a model, asked carefully: cache first, then budget, then the
model with retries and backoff (as structured output first when asked for, see
:mod:`.structured`, then as text parsed as JSON), then the fallbacks; the answer
validated against a schema. Never raises for a provider problem: a failed
:class:`Outcome` carries the reason instead.
"""

from __future__ import annotations

import logging
import threading
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from pydantic import BaseModel

from .cache import ResponseCache, cache_key
from .config import LLMConfig
from .prompts import (
    AnswerError,
    Message,
    correction_message,
    looks_like_refusal,
    parse_answer,
)
from .redact import redact
from .structured import (
    TEXT,
    read_reply,
    reply_text,
    structured_runnable,
    unsupported,
)
from .usage import Tally, Usage, approx_tokens

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel
    from langchain_core.messages import BaseMessage
    from langchain_core.runnables import Runnable

log = logging.getLogger("pytest_testronaut.llm")
T = TypeVar("T", bound=BaseModel)

OFFLINE_MISS = "offline cache miss"
BUDGET_SPENT = "budget spent"
PROVIDER_DOWN = "provider down"


class CacheWriteWarning(UserWarning):
    """The LLM response cache could not be written; answers are kept, not cached."""


@dataclass
class Outcome(Generic[T]):
    """The validated answer, or why there is none (``reason``)."""

    answer: T | None
    model: str | None = None
    reason: str | None = None
    input_tokens: int = 0
    output_tokens: int = 0
    cost: float = 0.0
    cached: bool = False
    # The provider itself failed (unreachable, 5xx after retries, an error answer), as
    # opposed to a refusal or a malformed answer: what the circuit breaker counts.
    provider_failed: bool = False
    # How the answer came: "function_calling" or "json_schema" (structured output),
    # "text" (prompt and parse), "cache"; None without an answer.
    output_mode: str | None = None


class _Fatal(Exception):
    """A failure retrying the same model cannot fix (refusal, bad request, auth)."""

    def __init__(self, message: str, *, provider: bool = False,
                 status: int | None = None) -> None:
        super().__init__(message)
        self.provider = provider
        self.status = status


def is_transient(exc: BaseException) -> bool:
    """Rate limits (429), server errors (5xx), timeouts and dropped connections.

    Decided from the HTTP status when the exception carries one, else from the
    exception's class names, so every provider SDK is covered without importing it.
    """
    status = getattr(exc, "status_code", None)
    if not isinstance(status, int):
        status = getattr(getattr(exc, "response", None), "status_code", None)
    if isinstance(status, int):
        return status in (408, 409, 429) or status >= 500
    if isinstance(exc, TimeoutError | ConnectionError):
        return True
    names = " ".join(cls.__name__ for cls in type(exc).__mro__)
    return any(word in names for word in ("Timeout", "RateLimit", "Connection",
                                          "ServiceUnavailable", "Overloaded",
                                          "InternalServer", "NetworkError",
                                          "RemoteProtocolError"))


def _status(exc: BaseException) -> int | None:
    status = getattr(exc, "status_code", None)
    if not isinstance(status, int):
        status = getattr(getattr(exc, "response", None), "status_code", None)
    return status if isinstance(status, int) else None


def _retry_after(exc: BaseException) -> float | None:
    headers = getattr(getattr(exc, "response", None), "headers", None)
    try:
        value = headers.get("retry-after") if headers is not None else None
        return float(value) if value is not None else None
    except (TypeError, ValueError, AttributeError):
        return None


def _describe(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return redact(f"{type(exc).__name__}: {text[:300]}" if text else type(exc).__name__)


def _to_langchain(messages: list[Message]) -> list[BaseMessage]:
    from langchain_core.messages import AIMessage, HumanMessage, SystemMessage

    kinds: dict[str, Callable[[str], BaseMessage]] = {
        "system": lambda c: SystemMessage(content=c),
        "user": lambda c: HumanMessage(content=c),
        "assistant": lambda c: AIMessage(content=c),
    }
    return [kinds[role](content) for role, content in messages]


class Caller:
    """Asks one task's model (and its fallbacks) questions, with every safeguard."""

    def __init__(self, config: LLMConfig, usage: Usage,
                 factory: Callable[[str], BaseChatModel],
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.config = config
        self.usage = usage
        self._factory = factory
        self._models: dict[str, BaseChatModel] = {}
        self._cache = ResponseCache(config.cache_dir) if config.cache_dir else None
        self._sleep = sleep
        self._cache_warned = False
        # The circuit breaker: consecutive questions the provider failed, and once they
        # reach config.breaker, the reason every later question is refused at once.
        self._failures = 0
        self._open: str | None = None
        self._lock = threading.Lock()
        # Models that could not be asked for structured output: asked as text from then on.
        self._text_only: set[str] = set()
        # The structured runnable of each (model, schema), built once.
        self._structured: dict[tuple[str, type[BaseModel]], tuple[Runnable[Any, Any], str]] = {}

    @property
    def breaker_open(self) -> str | None:
        """Why the provider is no longer asked (None while it still is)."""
        return self._open

    def _chat(self, model: str) -> BaseChatModel:
        if model not in self._models:
            self._models[model] = self._factory(model)
        return self._models[model]

    def ask(self, task: str, messages: list[Message], schema: type[T], *,
            structured: bool = False) -> Outcome[T]:
        """Ask ``task``'s model (then its fallbacks) for an answer of ``schema``.

        With ``structured`` the model is first asked through LangChain's structured
        output (:mod:`.structured`); the prompt-and-parse path answers when that is
        not supported or brings no valid answer.
        """
        primary = self.config.model_for(task)
        if primary is None:
            return Outcome(None, reason="no model configured for task " + task)
        chain = [primary] + [m for m in self.config.fallbacks if m != primary]
        params = {"task": task, "temperature": 0, "schema": schema.__name__}
        # Any model of the chain that answered before answers again for free.
        for model in chain:
            hit = self._from_cache(model, messages, params, schema)
            if hit is not None:
                return hit
        if self.config.offline:
            return Outcome(None, model=primary, reason=OFFLINE_MISS)
        if self._open is not None:
            return Outcome(None, model=primary, reason=self._open, provider_failed=True)
        reasons: list[str] = []
        all_down = True
        spent = (0, 0, 0.0)  # what the failed models' requests cost
        for model in chain:
            outcome = self._ask_model(task, model, messages, params, schema, structured)
            if outcome.answer is not None or outcome.reason == BUDGET_SPENT:
                self._count(provider_failed=False, reasons=[])
                return outcome
            all_down = all_down and outcome.provider_failed
            reasons.append(f"{model}: {outcome.reason}")
            spent = (spent[0] + outcome.input_tokens, spent[1] + outcome.output_tokens,
                     spent[2] + outcome.cost)
            if len(chain) > 1:
                log.warning("LLM %s failed (%s); trying the next model", model, outcome.reason)
        self._count(provider_failed=all_down, reasons=reasons)
        return Outcome(None, model=primary, reason=redact("; ".join(reasons)),
                       provider_failed=all_down, input_tokens=spent[0],
                       output_tokens=spent[1], cost=spent[2])

    def _count(self, *, provider_failed: bool, reasons: list[str]) -> None:
        """Count a question the provider failed; open the breaker at the limit."""
        with self._lock:
            if not provider_failed:
                self._failures = 0
                return
            self._failures += 1
            limit = self.config.breaker
            if not limit or self._failures < limit or self._open is not None:
                return
            last = reasons[-1] if reasons else "no answer"
            self._open = redact(
                f"{PROVIDER_DOWN}: {self._failures} questions in a row failed at the provider "
                f"(last: {last}); the rest of the run's judged checks are inconclusive "
                "without asking it (--testronaut-llm-breaker)")
        log.warning("LLM circuit breaker open: %s", self._open)
        warnings.warn(self._open, RuntimeWarning, stacklevel=2)

    def _from_cache(self, model: str, messages: list[Message], params: dict[str, Any],
                    schema: type[T]) -> Outcome[T] | None:
        if self._cache is None:
            return None
        cached = self._cache.get(cache_key(model, messages, params))
        if cached is None:
            return None
        try:
            answer = parse_answer(cached.text, schema)
        except AnswerError:
            return None  # an entry that no longer validates is asked again
        self.usage.record(Tally(cache_hits=1))
        return Outcome(answer, model=model, cached=True, output_mode="cache")

    def _over_budget(self, model: str, messages: list[Message]) -> bool:
        if self.config.max_cost <= 0:
            return False
        prompt = sum(approx_tokens(c) for _, c in messages)
        next_call = self.config.prices.cost(model, prompt, 120)
        return self.usage.cost + next_call > self.config.max_cost

    def _ask_model(self, task: str, model: str, messages: list[Message],
                   params: dict[str, Any], schema: type[T], structured: bool) -> Outcome[T]:
        try:
            chat = self._chat(model)
        except Exception as exc:  # a fallback that cannot be built is one more failure
            return Outcome(None, model=model, reason=_describe(exc))
        spent_in, spent_out, cost = 0, 0, 0.0
        if structured and model not in self._text_only:
            first = self._ask_structured(task, model, chat, messages, params, schema)
            if first.answer is not None or first.reason is not None:
                return first  # answered, or failed in a way the text path would share
            spent_in, spent_out, cost = first.input_tokens, first.output_tokens, first.cost
        convo = list(messages)
        for attempt in range(self.config.parse_retries + 1):
            if self._over_budget(model, convo):
                return Outcome(None, model=model, reason=BUDGET_SPENT,
                               input_tokens=spent_in, output_tokens=spent_out, cost=cost)
            try:
                reply = self._invoke(chat, model, convo)
            except _Fatal as exc:
                return Outcome(None, model=model, reason=str(exc),
                               input_tokens=spent_in, output_tokens=spent_out, cost=cost,
                               provider_failed=exc.provider)
            text, tokens_in, tokens_out, call_cost = reply
            spent_in, spent_out, cost = spent_in + tokens_in, spent_out + tokens_out, \
                cost + call_cost
            try:
                answer = parse_answer(text, schema)
            except AnswerError as exc:
                if looks_like_refusal(text):
                    return Outcome(None, model=model, reason=redact(f"model refused: {text[:200]}"),
                                   input_tokens=spent_in, output_tokens=spent_out, cost=cost)
                log.info("LLM %s gave a malformed answer (attempt %d): %s",
                         model, attempt + 1, exc)
                if attempt == self.config.parse_retries:
                    return Outcome(None, model=model, reason=redact(f"malformed output: {exc}"),
                                   input_tokens=spent_in, output_tokens=spent_out, cost=cost)
                convo = [*messages, ("assistant", text), correction_message(str(exc))]
                continue
            self._store(cache_key(model, messages, params), model=model, task=task,
                        messages=messages, response=text,
                        input_tokens=tokens_in, output_tokens=tokens_out)
            return Outcome(answer, model=model, input_tokens=spent_in,
                           output_tokens=spent_out, cost=cost, output_mode=TEXT)
        raise AssertionError("unreachable")  # pragma: no cover

    def _ask_structured(self, task: str, model: str, chat: BaseChatModel,
                        messages: list[Message], params: dict[str, Any],
                        schema: type[T]) -> Outcome[T]:
        """One structured request. An outcome with neither answer nor reason means
        "ask as text" (its tokens and cost are what this request spent)."""
        built = self._structured.get((model, schema))
        if built is None:
            built = structured_runnable(chat, model, schema)
            if built is not None:
                self._structured[(model, schema)] = built
        if built is None:
            self._text_only.add(model)
            log.info("LLM %s cannot give structured output; asking for JSON text", model)
            return Outcome(None, model=model)
        runnable, method = built
        if self._over_budget(model, messages):
            return Outcome(None, model=model, reason=BUDGET_SPENT)
        try:
            output = self._request(runnable, model, messages)
        except _Fatal as exc:
            if exc.provider or not unsupported(exc.status, str(exc)):
                return Outcome(None, model=model, reason=str(exc),
                               provider_failed=exc.provider)
            # The server does not take tools or a schema: ask it as text from now on.
            self._text_only.add(model)
            log.info("LLM %s rejected the %s request (%s); asking for JSON text",
                     model, method, exc)
            return Outcome(None, model=model)
        reply = read_reply(output, schema)
        if reply.raw is None:
            log.info("LLM %s: %s; asking for JSON text", model, reply.error)
            return Outcome(None, model=model)
        try:
            text, tokens_in, tokens_out, cost = self._account(model, messages, reply.raw)
        except _Fatal as exc:  # an explicit refusal: asking again will not change it
            return Outcome(None, model=model, reason=str(exc))
        if reply.answer is None:
            if looks_like_refusal(text):
                return Outcome(None, model=model, reason=redact(f"model refused: {text[:200]}"),
                               input_tokens=tokens_in, output_tokens=tokens_out, cost=cost)
            log.info("LLM %s gave no valid %s answer (%s); asking for JSON text",
                     model, method, reply.error)
            return Outcome(None, model=model, input_tokens=tokens_in,
                           output_tokens=tokens_out, cost=cost)
        self._store(cache_key(model, messages, params), model=model, task=task,
                    messages=messages, response=reply.answer.model_dump_json(),
                    input_tokens=tokens_in, output_tokens=tokens_out)
        return Outcome(reply.answer, model=model, input_tokens=tokens_in,
                       output_tokens=tokens_out, cost=cost,
                       output_mode=TEXT if reply.from_text else method)

    def _store(self, key: str, **entry: Any) -> None:
        """Cache an answer; a cache that cannot be written warns once and keeps the
        answer (a read-only checkout or a full disk must not cost a valid verdict)."""
        if self._cache is None:
            return
        try:
            self._cache.put(key, **entry)
        except Exception as exc:  # OSError, or the file lock timing out
            if self._cache_warned:
                return
            self._cache_warned = True
            message = redact(
                f"cannot write the LLM response cache in {self._cache.root} "
                f"({type(exc).__name__}: {exc}); answers are kept but not cached, so a "
                "re-run asks the model again. Make the folder writable or point "
                "--testronaut-cache elsewhere")
            log.warning("%s", message)
            warnings.warn(message, CacheWriteWarning, stacklevel=2)

    def _invoke(self, chat: BaseChatModel, model: str,
                messages: list[Message]) -> tuple[str, int, int, float]:
        """One text request with retries on transient errors: (text, in, out, cost)."""
        return self._account(model, messages, self._request(chat, model, messages))

    def _request(self, runnable: Runnable[Any, Any], model: str,
                 messages: list[Message]) -> Any:
        """``runnable.invoke(messages)`` with retries on transient errors; a failure
        that retrying cannot fix is a :class:`_Fatal`."""
        attempts = self.config.max_retries + 1
        for attempt in range(attempts):
            started = time.monotonic()
            try:
                return runnable.invoke(_to_langchain(messages))
            except Exception as exc:
                self.usage.record(Tally(calls=1))
                reason = _describe(exc)
                if not is_transient(exc):
                    # A refused key, an unknown model or no HTTP answer at all fails every
                    # later question too; a bad request (a prompt too long) is this one's.
                    status = _status(exc)
                    raise _Fatal(f"provider error: {reason}", status=status,
                                 provider=status is None or status in (401, 403, 404)) from None
                if attempt == attempts - 1:
                    raise _Fatal(f"provider unavailable after {attempts} attempts: "
                                 f"{reason}", provider=True) from None
                delay = min(self.config.backoff * 2 ** attempt, self.config.max_backoff)
                delay = max(delay, min(_retry_after(exc) or 0.0, self.config.max_backoff))
                log.warning("LLM %s: %s after %.1fs; retry %d of %d in %.2fs", model, reason,
                            time.monotonic() - started, attempt + 1, attempts - 1, delay)
                self._sleep(delay)
        raise AssertionError("unreachable")  # pragma: no cover

    def _account(self, model: str, messages: list[Message],
                 reply: BaseMessage) -> tuple[str, int, int, float]:
        text = reply_text(reply)
        meta = getattr(reply, "usage_metadata", None) or {}
        tokens_in = int(meta.get("input_tokens") or sum(approx_tokens(c) for _, c in messages))
        tokens_out = int(meta.get("output_tokens") or approx_tokens(text))
        priced = self.config.prices.lookup(model) is not None
        cost = self.config.prices.cost(model, tokens_in, tokens_out)
        self.usage.record(Tally(calls=1, input_tokens=tokens_in, output_tokens=tokens_out,
                                cost=cost, unpriced_calls=0 if priced else 1))
        refusal = getattr(reply, "additional_kwargs", {}).get("refusal")
        if refusal:
            raise _Fatal(redact(f"model refused: {str(refusal)[:200]}"))
        return text, tokens_in, tokens_out, cost
