"""The LLM layer: the only place that imports LangChain (lazily, inside functions)."""

from .agent import Agent, ModelAgent, OfflineAgent, build_agent
from .calls import BUDGET_SPENT, OFFLINE_MISS
from .config import TASKS, LLMConfig, build_chat_model
from .offline import OFFLINE_CANNOT_JUDGE
from .redact import REDACTED, redact
from .usage import DEFAULT_PRICES, PriceTable, Usage, approx_tokens, estimate_cost

__all__ = [
    "BUDGET_SPENT",
    "DEFAULT_PRICES",
    "OFFLINE_CANNOT_JUDGE",
    "OFFLINE_MISS",
    "REDACTED",
    "TASKS",
    "Agent",
    "LLMConfig",
    "ModelAgent",
    "OfflineAgent",
    "PriceTable",
    "Usage",
    "approx_tokens",
    "build_agent",
    "build_chat_model",
    "estimate_cost",
    "redact",
]
