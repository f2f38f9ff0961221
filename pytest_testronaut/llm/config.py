"""Which models the agent uses and how it calls them, and building LangChain chat
models from ``PROVIDER:MODEL`` strings.

``PROVIDER:MODEL`` goes to ``langchain.chat_models.init_chat_model``: ``openai:gpt-4o-mini``,
``anthropic:claude-3-5-haiku-latest``, ``azure_openai:<deployment>``, ``ollama:llama3.1``;
an OpenAI-compatible server is ``openai:<its model name>`` with ``OPENAI_BASE_URL``
(and ``OPENAI_API_KEY``) in the environment, exactly as the OpenAI SDK reads them.
Each task (``analyze``, ``generate``, ``verify``, ``report``) may use its own model
(``--testronaut-model-verify``, ini ``testronaut_model_verify``, env
``TESTRONAUT_MODEL_VERIFY``, or ``models={"verify": ...}``), else the main one.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from pydantic import ValidationError

from ..errors import TestronautError
from .redact import redact
from .usage import PriceTable

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel
    from langchain_core.rate_limiters import BaseRateLimiter

# What an agent does; each task may use its own model (``LLMConfig.models``).
TASKS: tuple[str, ...] = ("analyze", "generate", "verify", "report")
# provider -> the pytest-testronaut extra that installs its LangChain integration
EXTRAS = {"openai": "openai", "azure_openai": "openai", "anthropic": "anthropic",
          "ollama": "ollama"}
# Providers whose LangChain class takes ``timeout`` and ``max_retries``; the agent
# retries itself (so it can count, back off and fall back), hence max_retries=0.
_CLIENT_RETRY_PROVIDERS = ("openai", "azure_openai", "anthropic")
# Reasoning models reject a temperature other than the default.
_NO_TEMPERATURE_PREFIXES = ("o1", "o3", "o4", "gpt-5")


@dataclass
class LLMConfig:
    """Everything the model-backed agent needs; build it with :meth:`build`, which
    checks the values (``pytest_testronaut.settings.llm_config`` converts settings)."""

    model: str | None = None
    models: dict[str, str] = field(default_factory=dict)
    fallbacks: list[str] = field(default_factory=list)
    offline: bool = False
    max_cost: float = 0.0  # USD; 0 means no cap
    cache_dir: Path | None = Path(".testronaut-cache") / "llm"
    timeout: float = 60.0  # seconds per request
    max_retries: int = 3  # retries of one request on 429, 5xx and timeouts
    backoff: float = 1.0  # first retry delay in seconds, doubled each time
    max_backoff: float = 30.0
    parse_retries: int = 1  # extra requests after a malformed answer
    requests_per_second: float | None = None  # client-side rate limit (None: off)
    prices: PriceTable = field(default_factory=PriceTable)
    # Questions in a row the provider may fail (unreachable, 5xx after the retries)
    # before the rest of the run stops asking it; 0 never stops.
    breaker: int = 3

    def model_for(self, task: str) -> str | None:
        """The model of ``task``, falling back to the main model."""
        return self.models.get(task) or self.model

    @classmethod
    def build(cls, *, model: str | None = None,
              task_models: Mapping[str, str] | None = None,
              fallbacks: Sequence[str] = (),
              offline: bool = False,
              max_cost: float = 0.0,
              cache_dir: str | Path | None = None,
              timeout: float = 60.0,
              retries: int = 3,
              backoff: float = 1.0,
              rps: float | None = None,
              prices_file: str | Path | None = None,
              prices: Mapping[str, Any] | None = None,
              breaker: int = 3) -> LLMConfig:
        """A checked configuration from plain values.

        ``task_models`` maps tasks (:data:`TASKS`) to ``PROVIDER:MODEL``; ``cache_dir``
        ``None`` turns the answer cache off; ``rps`` 0 or ``None`` means no rate limit.
        The price table is the built-in one, then ``prices_file`` (JSON), then
        ``prices``. ``breaker`` is how many questions in a row the provider may fail
        before the run stops asking it (0: never). A bad value is a
        :class:`TestronautError` naming it.
        """
        per_task = {task: name for task, name in (task_models or {}).items() if name}
        unknown = set(per_task) - set(TASKS)
        if unknown:
            raise TestronautError(
                f"unknown LLM task(s) {sorted(unknown)}: per-task models are for "
                f"{', '.join(TASKS)}"
            )
        for what, value in (("max_cost", max_cost), ("backoff", backoff),
                            ("retries", retries), ("rps", rps or 0),
                            ("breaker", breaker)):
            if value < 0:
                raise TestronautError(f"LLM {what} must be 0 or more, not {value!r}")
        if timeout <= 0:
            raise TestronautError(f"LLM timeout must be more than 0 seconds, not {timeout!r}")
        table = PriceTable.from_file(prices_file) if prices_file else PriceTable()
        if prices:
            table.update(prices)
        return cls(
            model=model or None,
            models=per_task,
            fallbacks=[f for f in fallbacks if f],
            offline=offline,
            max_cost=max_cost,
            cache_dir=Path(cache_dir) if cache_dir is not None else None,
            timeout=timeout,
            max_retries=retries,
            backoff=backoff,
            requests_per_second=rps or None,
            prices=table,
            breaker=breaker,
        )


def split_model(model: str) -> tuple[str | None, str]:
    """``"openai:gpt-4o"`` -> ``("openai", "gpt-4o")``; a bare name has no provider."""
    if ":" in model:
        provider, name = model.split(":", 1)
        if provider and name and "/" not in provider:
            return provider, name
    return None, model


def make_rate_limiter(requests_per_second: float | None) -> BaseRateLimiter | None:
    if not requests_per_second:
        return None
    from langchain_core.rate_limiters import InMemoryRateLimiter

    return InMemoryRateLimiter(requests_per_second=requests_per_second,
                               check_every_n_seconds=min(0.1, 1 / requests_per_second),
                               max_bucket_size=max(1.0, requests_per_second))


def _error(message: str) -> TestronautError:
    # The model string or a provider message may quote a key: redact the whole text.
    return TestronautError(redact(message))


def build_chat_model(model: str, config: LLMConfig,
                     rate_limiter: BaseRateLimiter | None = None) -> BaseChatModel:
    """A LangChain chat model for ``PROVIDER:MODEL`` at temperature 0.

    Raises :class:`TestronautError` naming the extra to install, or the setting to
    fix, instead of the provider's own exception (whose text is redacted).
    """
    provider, name = split_model(model)
    try:
        from langchain.chat_models import init_chat_model
    except ImportError:
        raise _error(
            f"the model {model!r} needs LangChain: pip install 'pytest-testronaut[llm]' "
            "(plus the provider extra, e.g. 'pytest-testronaut[openai]')"
        ) from None
    kwargs: dict[str, Any] = {}
    if not name.lower().startswith(_NO_TEMPERATURE_PREFIXES):
        kwargs["temperature"] = 0
    if rate_limiter is not None:
        kwargs["rate_limiter"] = rate_limiter
    if provider in _CLIENT_RETRY_PROVIDERS:
        kwargs["timeout"] = config.timeout
        kwargs["max_retries"] = 0
    if provider == "azure_openai":
        kwargs["azure_deployment"] = name
    if provider == "ollama":
        # ChatOllama takes no timeout, and its ollama client waits forever by default.
        kwargs["client_kwargs"] = {"timeout": config.timeout}
    token = os.environ.get("ANTHROPIC_AUTH_TOKEN")
    if provider == "anthropic" and token and not os.environ.get("ANTHROPIC_API_KEY"):
        # langchain-anthropic hands the SDK api_key="", so the SDK never reads the token.
        kwargs["default_headers"] = {"Authorization": f"Bearer {token}"}
    try:
        chat = init_chat_model(name, model_provider=provider, **kwargs)
    except ImportError as exc:
        extra = EXTRAS.get(provider or "")
        how = (f"pip install 'pytest-testronaut[{extra}]'" if extra
               else f"pip install langchain-{(provider or 'PROVIDER').replace('_', '-')}")
        raise _error(
            f"the model {model!r} needs the LangChain integration of provider "
            f"{provider or '(inferred)'!r}, which is not installed: {how}"
            f" ({exc})"
        ) from None
    except ValidationError as exc:  # the integration rejected its settings
        problems = "; ".join(str(e["msg"]).removeprefix("Value error, ")
                             for e in exc.errors()[:3])
        raise _error(
            f"cannot set up the model {model!r}: {problems.rstrip('.')}. Check the "
            "provider's environment variables (e.g. AZURE_OPENAI_ENDPOINT, "
            "AZURE_OPENAI_API_KEY, OPENAI_API_VERSION)"
        ) from None
    except ValueError as exc:
        raise _error(
            f"cannot use the model {model!r}: {str(exc).splitlines()[0].rstrip('.')}. Write it "
            "as PROVIDER:MODEL, e.g. openai:gpt-4o-mini, anthropic:claude-3-5-haiku-latest, "
            "ollama:llama3.1 (--testronaut-model / TESTRONAUT_MODEL)"
        ) from None
    except Exception as exc:  # e.g. openai.OpenAIError for a missing API key
        raise _error(
            f"cannot set up the model {model!r}: {str(exc).rstrip('.')}. Check the provider's "
            "environment variables (e.g. OPENAI_API_KEY, OPENAI_BASE_URL, "
            "ANTHROPIC_API_KEY, AZURE_OPENAI_ENDPOINT)"
        ) from None
    if provider == "anthropic":
        # Without a key the SDK sends an empty bearer header: a "connection error" on
        # every call, retried, then inconclusive. Say it at setup instead.
        key = getattr(chat, "anthropic_api_key", None)
        headers = getattr(chat, "default_headers", None) or {}
        if not (key is not None and key.get_secret_value()) and "Authorization" not in headers:
            raise _error(f"the model {model!r} needs an Anthropic API key: set "
                         "ANTHROPIC_API_KEY (or ANTHROPIC_AUTH_TOKEN for a gateway)")
    # With a model name init_chat_model returns the chat model itself, never a
    # configurable wrapper.
    return cast("BaseChatModel", chat)
