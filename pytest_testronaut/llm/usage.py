"""Token and cost accounting: a price table, per-call records, per-label and per-run
totals, and the dry-run estimate.

Prices are USD per one million tokens, ``{"model": {"input": 0.15, "output": 0.6}}``.
A model is priced by its exact name, else by the longest known prefix (dated
snapshots such as ``gpt-4o-mini-2024-07-18`` share their family's price). Unknown
models cost 0 and are counted as ``unpriced_calls`` so a report can say so.
"""

from __future__ import annotations

import contextvars
import json
import os
import threading
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import TestronautError
from ..verify.judge import JudgeRequest

# USD per 1M tokens (input, output); published list prices, override with
# TESTRONAUT_PRICES=path.json or ``prices=...``.
DEFAULT_PRICES: dict[str, tuple[float, float]] = {
    "gpt-4o-mini": (0.15, 0.60),
    "gpt-4o": (2.50, 10.00),
    "gpt-4.1-nano": (0.10, 0.40),
    "gpt-4.1-mini": (0.40, 1.60),
    "gpt-4.1": (2.00, 8.00),
    "gpt-5-nano": (0.05, 0.40),
    "gpt-5-mini": (0.25, 2.00),
    "gpt-5": (1.25, 10.00),
    "o3-mini": (1.10, 4.40),
    "o4-mini": (1.10, 4.40),
    "claude-3-haiku": (0.25, 1.25),
    "claude-3-5-haiku": (0.80, 4.00),
    "claude-haiku-4": (1.00, 5.00),
    "claude-3-5-sonnet": (3.00, 15.00),
    "claude-3-7-sonnet": (3.00, 15.00),
    "claude-sonnet-4": (3.00, 15.00),
    "claude-opus-4": (15.00, 75.00),
}
# Tokens a judgement answer takes, for the estimate before any call is made.
ESTIMATED_OUTPUT_TOKENS = 120
DEFAULT_LABEL = "(run)"

_current_label: contextvars.ContextVar[str] = contextvars.ContextVar(
    "testronaut_llm_label", default=DEFAULT_LABEL
)


def approx_tokens(text: str) -> int:
    """Rough token count (about four characters per token), at least 1 for any text."""
    return (len(text) + 3) // 4 if text else 0


class PriceTable:
    """Prices in USD per 1M tokens, by model name with longest-prefix matching."""

    def __init__(self, prices: Mapping[str, Any] | None = None) -> None:
        self._prices: dict[str, tuple[float, float]] = dict(DEFAULT_PRICES)
        if prices:
            self.update(prices)

    def update(self, prices: Mapping[str, Any]) -> None:
        for name, value in prices.items():
            self._prices[str(name)] = _parse_price(str(name), value)

    @classmethod
    def from_file(cls, path: str | os.PathLike[str]) -> PriceTable:
        """Defaults overridden by a JSON file ``{"model": {"input": X, "output": Y}}``."""
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise TestronautError(
                f"cannot read the LLM price table {os.fspath(path)!r}: {exc}. Give a JSON "
                'file like {"gpt-4o-mini": {"input": 0.15, "output": 0.6}} (USD per 1M tokens).'
            ) from None
        if not isinstance(data, dict):
            raise TestronautError(f"the LLM price table {os.fspath(path)!r} must be a JSON object")
        return cls(data)

    def lookup(self, model: str) -> tuple[float, float] | None:
        """(input, output) USD per 1M tokens, or None for an unknown model."""
        name = model.split(":", 1)[1] if ":" in model else model
        if name in self._prices:
            return self._prices[name]
        best = max((k for k in self._prices if name.startswith(k)), key=len, default=None)
        return self._prices[best] if best else None

    def cost(self, model: str, input_tokens: int, output_tokens: int) -> float:
        price = self.lookup(model)
        if price is None:
            return 0.0
        return (input_tokens * price[0] + output_tokens * price[1]) / 1_000_000


def _parse_price(name: str, value: Any) -> tuple[float, float]:
    try:
        if isinstance(value, Mapping):
            return float(value["input"]), float(value["output"])
        inp, out = value
        return float(inp), float(out)
    except (KeyError, TypeError, ValueError):
        raise TestronautError(
            f"price of {name!r} must be {{\"input\": X, \"output\": Y}} or [X, Y] "
            f"(USD per 1M tokens), not {value!r}"
        ) from None


@dataclass
class Tally:
    """Counters of one label (one test) or of the whole run."""

    calls: int = 0
    cache_hits: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    cost: float = 0.0
    unpriced_calls: int = 0

    def add(self, other: Tally) -> None:
        self.calls += other.calls
        self.cache_hits += other.cache_hits
        self.input_tokens += other.input_tokens
        self.output_tokens += other.output_tokens
        self.cost += other.cost
        self.unpriced_calls += other.unpriced_calls

    def as_dict(self) -> dict[str, Any]:
        return {
            "calls": self.calls,
            "cache_hits": self.cache_hits,
            "input_tokens": self.input_tokens,
            "output_tokens": self.output_tokens,
            "cost": round(self.cost, 6),
            "unpriced_calls": self.unpriced_calls,
        }


@dataclass
class Usage:
    """Model calls, cache hits, tokens and USD cost of a run, with a per-label breakdown.

    A label is usually a test's node id: wrap the work in ``with usage.label(nodeid):``
    (or ``agent.label(nodeid)``). Thread safe; merge the dicts of xdist workers with
    :meth:`merge`.
    """

    total: Tally = field(default_factory=Tally)
    by_label: dict[str, Tally] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    @property
    def calls(self) -> int:
        return self.total.calls

    @property
    def cache_hits(self) -> int:
        return self.total.cache_hits

    @property
    def input_tokens(self) -> int:
        return self.total.input_tokens

    @property
    def output_tokens(self) -> int:
        return self.total.output_tokens

    @property
    def cost(self) -> float:
        return self.total.cost

    @contextmanager
    def label(self, name: str) -> Iterator[None]:
        """Attribute calls made inside the block to ``name`` (e.g. a test node id)."""
        token = _current_label.set(name)
        try:
            yield
        finally:
            _current_label.reset(token)

    @staticmethod
    def current_label() -> str:
        return _current_label.get()

    def record(self, tally: Tally, label: str | None = None) -> None:
        with self._lock:
            self.total.add(tally)
            key = label or _current_label.get()
            self.by_label.setdefault(key, Tally()).add(tally)

    def merge(self, data: Mapping[str, Any]) -> None:
        """Add the counters of another ``as_dict()`` (an xdist worker's usage)."""
        with self._lock:
            self.total.add(_tally_from(data))
            for name, sub in dict(data.get("by_label", {})).items():
                self.by_label.setdefault(name, Tally()).add(_tally_from(sub))

    def as_dict(self) -> dict[str, Any]:
        with self._lock:
            out = self.total.as_dict()
            out["by_label"] = {k: v.as_dict() for k, v in sorted(self.by_label.items())}
            return out


def _tally_from(data: Mapping[str, Any]) -> Tally:
    return Tally(
        calls=int(data.get("calls", 0)),
        cache_hits=int(data.get("cache_hits", 0)),
        input_tokens=int(data.get("input_tokens", 0)),
        output_tokens=int(data.get("output_tokens", 0)),
        cost=float(data.get("cost", 0.0)),
        unpriced_calls=int(data.get("unpriced_calls", 0)),
    )


def estimate_cost(
    requests: Iterable[JudgeRequest], model: str, prices: PriceTable | None = None
) -> float:
    """Dry-run USD estimate of judging ``requests`` with ``model`` (no call is made).

    Counts prompt tokens as characters / 4 of the prompt the judge would send, plus
    :data:`ESTIMATED_OUTPUT_TOKENS` per answer; cache hits are not predicted.
    """
    from .prompts import judge_messages

    table = prices or PriceTable()
    total = 0.0
    for request in requests:
        text = "".join(content for _, content in judge_messages(request))
        total += table.cost(model, approx_tokens(text), ESTIMATED_OUTPUT_TOKENS)
    return total
