"""The parsers of setting values: each takes the text a user wrote (on the command line,
in the ini file or the environment) and returns the value, or raises :class:`ValueError`
saying what is accepted; :mod:`.sources` turns that into the error naming the source.

Numbers go through :mod:`pytest_testronaut.numbers` (finite, in range, no booleans).
Nothing heavy is imported here: the plugin's start-up loads this module.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from .. import numbers
from ..errors import TestronautError


def boolean(text: str) -> bool:
    low = text.strip().lower()
    if low in ("1", "true", "yes", "on"):
        return True
    if low in ("0", "false", "no", "off", ""):
        return False
    raise ValueError("expected true/false (or 1/0, yes/no, on/off)")


def finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError("expected a finite number")
    return value


def in_range(limits: numbers.Range) -> Callable[[str], Any]:
    """The parser of a number in ``limits`` (numbers.py: finite, in range, no booleans)."""
    def parse(text: str) -> Any:
        return limits.parse(text)

    return parse


def memory_size(text: str) -> str:
    return numbers.size_text(text, numbers.MEMORY)


def non_negative_float(text: str) -> float:
    value = finite(text)
    if value < 0:
        raise ValueError("expected a number of 0 or more")
    return value


def size(text: str) -> str:
    value = text.strip().lower()
    digits = value.rstrip("bkmg")
    if not digits.isdigit() or len(value) - len(digits) > 1:
        raise ValueError("expected a size like 512m or 2g")
    return value


def positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise ValueError("expected a whole number greater than 0") from None
    if value <= 0:
        raise ValueError("expected a whole number greater than 0")
    return value


def non_negative_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise ValueError("expected a whole number of 0 or more") from None
    if value < 0:
        raise ValueError("expected a whole number of 0 or more")
    return value


MAX_RECORD_RUNS = 20


def record_runs(text: str) -> int:
    value = positive_int(text)
    if value > MAX_RECORD_RUNS:
        raise ValueError(f"expected at most {MAX_RECORD_RUNS} runs")
    return value


def choice(*allowed: str) -> Callable[[str], str]:
    def parse(text: str) -> str:
        if text not in allowed:
            raise ValueError(f"expected one of {', '.join(allowed)}")
        return text

    parse.choices = allowed  # type: ignore[attr-defined]  # shown by --help
    return parse


def plain_text(text: str) -> str:
    return text


def optional_text(text: str) -> str | None:
    return text or None


def rule_line(text: str) -> str:
    """A normalization rule line; checked here so a bad one stops the run at start-up."""
    name, sep, rest = text.partition("=")
    pattern, arrow, placeholder = rest.rpartition("=>")
    if not sep or not arrow or not name.strip() or not pattern or not placeholder.strip():
        raise ValueError("expected NAME=REGEX=>PLACEHOLDER")
    import re
    import string

    try:
        compiled = re.compile(pattern)
    except re.error as exc:
        raise ValueError(f"the pattern {pattern!r} is not a regular expression ({exc})") from None
    if any(m.start() == m.end() for text in ("", string.printable)
           for m in compiled.finditer(text)):
        raise ValueError(f"the pattern {pattern!r} matches the empty text, so it would put its "
                         "placeholder between every character; make it match at least one")
    return text


# --- baselines -------------------------------------------------------------------
BASELINE_MEASURES = ("cpu", "memory", "wall")
# pytest-benchmark's --benchmark-compare-fail grammar (pytest_benchmark.utils), repeated
# here so that a bad expression stops the run at start-up without importing it.
_COMPARE_FAIL = r"^(min|max|mean|median|stddev|iqr):([0-9]+%|[0-9]*\.?[0-9]+([eE][-+]?[0-9]+)?)$"


def compare_fail(text: str) -> str:
    import re

    if not re.match(_COMPARE_FAIL, text.strip()):
        raise ValueError("expected FIELD:PERCENT% or FIELD:DIFFERENCE, FIELD one of min, max, "
                         "mean, median, stddev, iqr (e.g. median:20% or min:0.05)")
    return text.strip()


def measures(text: str) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(p.strip() for p in text.split(",") if p.strip()))
    wrong = [m for m in chosen if m not in BASELINE_MEASURES]
    if wrong or not chosen:
        raise ValueError(f"expected a comma-separated list of {', '.join(BASELINE_MEASURES)}")
    return chosen


def docker_hosts(text: str) -> tuple[str, ...]:
    hosts = tuple(dict.fromkeys(h.strip() for h in text.split(",") if h.strip()))
    if not hosts:
        return ()
    from ..sandbox.engine import check_host  # only when the setting is given

    try:
        return tuple(check_host(host) for host in hosts)
    except TestronautError as exc:
        raise ValueError(str(exc)) from None


def min_difference(text: str) -> str:
    measure, sep, value = text.partition("=")
    measure, value = measure.strip(), value.strip().lower()
    if not sep or measure not in BASELINE_MEASURES:
        raise ValueError(f"expected MEASURE=VALUE, MEASURE one of {', '.join(BASELINE_MEASURES)}"
                         " (e.g. cpu=0.02, wall=0.1, memory=2m)")
    try:
        if measure == "memory":
            size(value)
        else:
            non_negative_float(value.removesuffix("s"))
    except ValueError:
        unit = "a size like 2m" if measure == "memory" else "seconds like 0.05"
        raise ValueError(f"{text!r}: expected {unit}") from None
    return f"{measure}={value}"


def baseline_name(text: str) -> str | None:
    import re

    name = text.strip()
    if not name:
        return None
    if not re.match(r"^[A-Za-z0-9_.-]+$", name) or name.endswith((".py", ".yaml", ".yml")):
        raise ValueError("expected a baseline name (letters, digits, '.', '_', '-'); a bare "
                         "option followed by a test path takes the path as the name: write "
                         "--testronaut-baseline-save=NAME, or put the bare option last")
    return name
