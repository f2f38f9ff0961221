"""One validation for every number testronaut reads: settings (command line, ini file,
environment), marker keywords, plan fields and the sandbox configuration.

A number is accepted when it is finite, inside its :class:`Range` and of the right kind;
a boolean is never a number here (``exit: true`` or ``timeout=True`` are mistakes, not 1).
Every refusal is a :class:`NumberError` (a ``ValueError``, so pydantic validators and the
settings' parsers report it like any other bad value) whose message names the value and
the accepted range; the caller adds the name of the setting or field.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

__all__ = [
    "BACKOFF", "COST", "CPUS", "EXIT_CODE", "MEMORY", "OUTPUT_LIMIT", "PIDS", "RATE",
    "RETRIES", "SEED", "TIMEOUT", "NumberError", "Range", "parse_size", "size_text",
]


class NumberError(ValueError):
    """A number (or size) outside what testronaut accepts; the message says what is."""


def _shown(value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 256:
        return f"a number of about {int(value.bit_length() * 0.30103)} digits"
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 40 else f"{text[:30]}... ({len(text)} characters)"


def _plain(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else str(number)


@dataclass(frozen=True)
class Range:
    """The accepted values of one kind of number: ``low`` (inclusive unless
    ``low_open``) to ``high`` (inclusive), whole numbers only when ``integer``."""

    low: float
    high: float
    integer: bool = False
    low_open: bool = False
    unit: str = ""
    words: str = ""  # the range in words, when the generic ones would not read well

    def describe(self) -> str:
        """The range in words, e.g. ``a number greater than 0 and at most 86400 (seconds)``."""
        if self.words:
            return self.words
        kind = "a whole number" if self.integer else "a number"
        low = f"greater than {_plain(self.low)}" if self.low_open else f"from {_plain(self.low)}"
        high = "and at most" if self.low_open else "to"
        unit = f" ({self.unit})" if self.unit else ""
        return f"{kind} {low} {high} {_plain(self.high)}{unit}"

    def check(self, value: Any) -> int | float:
        """``value`` itself when it is an accepted number, else :class:`NumberError`.
        Only real numbers pass: no booleans, no text (use :meth:`parse` for text)."""
        if isinstance(value, bool):
            raise NumberError(f"{value} is a boolean, not a number; expected {self.describe()}")
        if not isinstance(value, int | float):
            raise NumberError(f"{_shown(value)} is not a number; expected {self.describe()}")
        if isinstance(value, float) and not math.isfinite(value):
            raise NumberError(f"{_shown(value)} is not a finite number; expected "
                              f"{self.describe()}")
        number: int | float = value
        if self.integer and isinstance(value, float):
            if not value.is_integer():
                raise NumberError(f"{_shown(value)} is not a whole number; expected "
                                  f"{self.describe()}")
            number = int(value)
        too_low = number <= self.low if self.low_open else number < self.low
        if too_low or number > self.high:
            raise NumberError(f"{_shown(number)} is out of range; expected {self.describe()}")
        return number

    def parse(self, text: str) -> int | float:
        """The number written in ``text`` (a setting's value), checked."""
        stripped = text.strip()
        if len(stripped) > 40:
            raise NumberError(f"{_shown(stripped)} is too long for a number; expected "
                              f"{self.describe()}")
        if stripped.lower() in ("true", "false", "yes", "no", "on", "off"):
            raise NumberError(f"{stripped!r} is a boolean, not a number; expected "
                              f"{self.describe()}")
        try:
            value: int | float = int(stripped) if self.integer else float(stripped)
        except ValueError:
            try:  # 1.5 for a whole number: say that, not "not a number"
                value = float(stripped)
            except ValueError:
                raise NumberError(f"{_shown(text)} is not a number; expected "
                                  f"{self.describe()}") from None
        return self.check(value)


# The ranges of every number testronaut takes. Timeouts stop at a day: past that they are
# a mistake, and far past it (1e12) the platform's timers overflow.
TIMEOUT = Range(0, 86_400, low_open=True, unit="seconds")
CPUS = Range(0.01, 1_024, unit="CPUs")
PIDS = Range(1, 4_194_304, integer=True, unit="processes")  # the kernel's pid_max ceiling
OUTPUT_LIMIT = Range(1, 2**30, integer=True, unit="bytes")
EXIT_CODE = Range(0, 255, integer=True)
SEED = Range(0, 2**63 - 1, integer=True)
COST = Range(0, 1_000_000, unit="USD, 0 for no budget")
RETRIES = Range(0, 100, integer=True)
BACKOFF = Range(0, 3_600, unit="seconds")
RATE = Range(0, 10_000, unit="requests per second, 0 for no limit")
# Docker refuses less than 6 MiB of memory; a terabyte is past any sandbox's need.
MEMORY = Range(6 * 2**20, 2**40, integer=True,
               words="a size from 6m to 1024g, like 512m or 2g (0 is not 'no limit')")

_SIZE = re.compile(r"(\d{1,15})([bkmgt]?)")
_UNITS = {"": 1, "b": 1, "k": 2**10, "m": 2**20, "g": 2**30, "t": 2**40}


def parse_size(text: Any, limits: Range = MEMORY) -> int:
    """The bytes of a size written like ``512m`` or ``2g`` (b, k, m, g, t: powers of 1024;
    no unit: bytes),
    checked against ``limits`` (``memory=0`` is refused, not "no limit")."""
    if isinstance(text, bool) or not isinstance(text, str):
        raise NumberError(f"{_shown(text)} is not a size; expected {limits.describe()}")
    match = _SIZE.fullmatch(text.strip().lower())
    if match is None:
        raise NumberError(f"{_shown(text)} is not a size; expected {limits.describe()}")
    value = int(match.group(1)) * _UNITS[match.group(2)]
    if not limits.low <= value <= limits.high:
        raise NumberError(f"{_shown(text)} is out of range; expected {limits.describe()}")
    return value


def size_text(text: Any, limits: Range = MEMORY) -> str:
    """``text`` normalized (``' 512M '`` becomes ``'512m'``) once :func:`parse_size`
    accepts it."""
    parse_size(text, limits)
    return str(text).strip().lower()
