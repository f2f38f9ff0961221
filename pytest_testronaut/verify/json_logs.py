"""Keys of JSON logs whose values a run measures: a time taken, named by its unit.

Structured loggers name a measured time by the unit it is in (``took_seconds``,
``queued_ms``, ``ran_us``, ``renderMs``, or the short ``took``, ``dur``, ``rt``) or
put it under a key that names a time taken (``"elapsed": {"repr": ..., "seconds":
...}``). Such values are measured anew
by every run. A key with a unit that names a setting (``timeout_ms``,
``retry_interval_s``, ``ttl_seconds``, ``max_wait_ms``) holds configuration, and is
data. :func:`measured_key` says which keys are measured; the structural tier keeps
only the type of their values (:mod:`.structural`).
"""

from __future__ import annotations

import re

__all__ = ["measured_key"]

# a time unit at the end of a key: snake_case, kebab-case or camelCase
_UNIT_SUFFIX = re.compile(
    r"(?:[_-](?:ms|us|ns|s|sec|secs|seconds|millis|micros|nanos)"
    r"|(?<=[a-z])(?:Ms|Us|Ns|Sec|Secs|Seconds|Millis|Micros|Nanos))$")
# keys that name a time taken, whatever unit follows (took, tookMs, dur, rt, rtt_ms)
_TAKEN = re.compile(r"^(?:[Tt]ook|[Dd]ur|[Rr]tt?)(?:$|[_-]|[A-Z])")
# keys of a mapping whose members are all a measured time (loguru's "elapsed")
_TIME_TAKEN_PARENT = re.compile(r"(?i)^(?:elapsed|duration|latency|took|timings?|uptime)$")
# words of a key that name a setting, not a measurement
_SETTING_WORDS = frozenset({
    "timeout", "interval", "ttl", "delay", "wait", "limit", "max", "min", "period",
    "retry", "retries", "backoff", "deadline", "budget", "expiry", "expires", "expire",
    "grace", "poll", "sleep", "cache", "age", "window", "threshold", "default", "config",
    "keepalive", "lease"})
_WORDS = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")


def measured_key(key: str, parent: str | None = None) -> bool:
    """Whether the value of ``key`` (in a mapping under ``parent``, if any) is a time a
    run measured."""
    if parent is not None and _TIME_TAKEN_PARENT.match(parent):
        return True
    if not (_UNIT_SUFFIX.search(key) or _TAKEN.match(key)):
        return False
    return not any(word.lower() in _SETTING_WORDS for word in _WORDS.findall(key))
