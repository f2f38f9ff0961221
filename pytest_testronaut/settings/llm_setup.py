"""The LLM layer's configuration and agent from :class:`Settings`: the one place that
converts settings for :mod:`pytest_testronaut.llm`, which knows nothing of them. The
layer is imported inside the functions, so loading settings loads none of it.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .resolved import Settings

if TYPE_CHECKING:
    from ..llm import Agent, LLMConfig


def llm_config(settings: Settings, root: Path | None = None, *,
               models: Mapping[str, str] | None = None,
               prices: Mapping[str, Any] | None = None) -> LLMConfig:
    """The LLM layer's configuration from ``settings``.

    A relative cache folder is taken relative to ``root`` (the project root, so the cache
    a team commits is found wherever pytest runs). ``models`` (task -> model) and
    ``prices`` add to what the settings say. A bad value is a :class:`TestronautError`.
    """
    from ..llm.config import LLMConfig

    cache_dir: Path | None = None
    if settings.cache:
        cache = Path(settings.cache)
        if root is not None and not cache.is_absolute():
            cache = root / cache
        cache_dir = cache / "llm"
    return LLMConfig.build(
        model=settings.model, task_models={**settings.task_models, **(models or {})},
        fallbacks=settings.fallbacks, offline=settings.offline, max_cost=settings.max_cost,
        cache_dir=cache_dir, timeout=settings.llm_timeout, retries=settings.llm_retries,
        backoff=settings.llm_backoff, rps=settings.llm_rps, prices_file=settings.prices,
        prices=prices, breaker=settings.llm_breaker)


def agent_from_settings(settings: Settings, root: Path | None = None, *,
                        chat_model: Any = None,
                        models: Mapping[str, str] | None = None,
                        prices: Mapping[str, Any] | None = None) -> Agent:
    """The agent for ``settings`` (see :func:`llm_config`): offline unless a model is
    configured. ``chat_model`` replaces the main model (tests inject a LangChain fake)."""
    from ..llm import build_agent

    return build_agent(llm_config(settings, root, models=models, prices=prices),
                       chat_model=chat_model)
