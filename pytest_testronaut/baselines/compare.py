"""Current measures against a baseline: what regressed, by how much, and why that
might be the machine rather than the code.

A regression needs both: a check of pytest-benchmark's ``--benchmark-compare-fail``
syntax fails (``median:20%`` — the median grew by more than 20 %; ``min:0.05`` — the
minimum grew by more than 0.05), and the absolute change of that field is at least
the measure's minimum difference (so 2 ms more on a 5 ms step is not a regression).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import TestronautError

# The smallest change that counts, per measure (seconds, bytes, seconds).
DEFAULT_MIN_DIFF = {"cpu": 0.02, "memory": 2 * 1024 * 1024, "wall": 0.1}
# machine_info fields whose change makes measures incomparable, in a note's order.
_MACHINE_FIELDS = ("node", "machine", "system", "release", "python_version")


@dataclass(frozen=True)
class Check:
    """One ``FIELD:PERCENT%`` or ``FIELD:DIFFERENCE`` expression."""

    text: str
    field: str
    percent: bool
    threshold: float
    impl: Any  # pytest-benchmark's RegressionCheck

    def change(self, current: Mapping[str, Any], baseline: Mapping[str, Any]) -> float:
        value: float = self.impl.compute(current, baseline)
        return value


def parse_checks(expressions: Iterable[str]) -> list[Check]:
    """pytest-benchmark's ``parse_compare_fail`` for each expression; a bad one is a
    :class:`TestronautError` naming it."""
    from pytest_benchmark.utils import PercentageRegressionCheck, parse_compare_fail

    checks = []
    for text in expressions:
        try:
            impl = parse_compare_fail(text)  # type: ignore[no-untyped-call]
        except Exception:
            raise TestronautError(f"baseline check {text!r}: expected FIELD:PERCENT% or "
                                  "FIELD:DIFFERENCE (e.g. median:20%)") from None
        percent = isinstance(impl, PercentageRegressionCheck)
        checks.append(Check(text, impl.field, percent, float(impl.threshold), impl))
    return checks


def min_differences(settings: Iterable[str]) -> dict[str, float]:
    """``MEASURE=VALUE`` lines over the defaults (memory sizes like ``2m``)."""
    found = dict(DEFAULT_MIN_DIFF)
    for line in settings:
        measure, _, value = line.partition("=")
        value = value.strip().lower()
        if measure == "memory":
            units = {"b": 1, "k": 1024, "m": 1024 ** 2, "g": 1024 ** 3}
            unit = value[-1] if value[-1:] in units else "b"
            found[measure] = float(value.rstrip("bkmg")) * units[unit]
        else:
            found[measure] = float(value.removesuffix("s"))
    return found


@dataclass
class Comparison:
    """One step's measure now against the baseline, under one check."""

    fullname: str
    name: str
    measure: str
    check: Check
    baseline: Mapping[str, Any]  # pytest-benchmark stats of the baseline
    current: Mapping[str, Any]  # and of this run
    min_difference: float
    regressed: bool = False
    reason: str = ""

    @property
    def before(self) -> float:
        return float(self.baseline[self.check.field])

    @property
    def now(self) -> float:
        return float(self.current[self.check.field])

    @property
    def percent(self) -> float:
        return (self.now / self.before * 100 - 100) if self.before else float("inf")

    def decide(self) -> Comparison:
        """Apply the check and the minimum difference (a hook may decide otherwise)."""
        change = self.check.change(self.current, self.baseline)
        absolute = self.now - self.before
        if change <= self.check.threshold:
            self.regressed, self.reason = False, "within the check"
        elif absolute < self.min_difference:
            self.regressed = False
            self.reason = (f"+{format_value(self.measure, absolute)} is below the minimum "
                           f"difference {format_value(self.measure, self.min_difference)}")
        else:
            self.regressed, self.reason = True, f"{self.check.text} exceeded"
        return self


@dataclass
class Outcome:
    """All comparisons of a run, and what could not be compared."""

    comparisons: list[Comparison]
    new: list[str]  # steps of this run the baseline does not have
    unmeasured: list[str]  # measures the baseline has, this run could not measure

    @property
    def regressions(self) -> list[Comparison]:
        return [c for c in self.comparisons if c.regressed]


def compare(current: Sequence[Mapping[str, Any]], baseline: Sequence[Mapping[str, Any]], *,
            measures: Sequence[str], checks: Sequence[Check],
            min_diff: Mapping[str, float]) -> Outcome:
    """Compare ``benchmarks`` entries of two baseline documents (matched by fullname
    and measure) under every check; ``checks`` empty means ``median:20%``."""
    checks = list(checks) or parse_checks(["median:20%"])
    before = {(b["fullname"], b["group"]): b for b in baseline}
    now = {(b["fullname"], b["group"]): b for b in current}
    comparisons: list[Comparison] = []
    new: list[str] = []
    unmeasured: list[str] = []
    for (fullname, measure), entry in sorted(now.items()):
        if measure not in measures:
            continue
        old = before.get((fullname, measure))
        if old is None:
            new.append(f"{fullname} [{measure}]")
            continue
        for check in checks:
            comparisons.append(Comparison(
                fullname, entry["name"], measure, check, old["stats"], entry["stats"],
                min_diff.get(measure, 0.0)).decide())
    for (fullname, measure) in sorted(before):
        if measure in measures and (fullname, measure) not in now and any(
                f == fullname for f, _ in now):
            unmeasured.append(f"{fullname} [{measure}]")
    return Outcome(comparisons, new, unmeasured)


def machine_differences(baseline: Mapping[str, Any], current: Mapping[str, Any]) -> list[str]:
    """What differs between two ``machine_info`` values, one ``field: a -> b`` each."""
    out = []
    for name in _MACHINE_FIELDS:
        if baseline.get(name) != current.get(name):
            out.append(f"{name}: {baseline.get(name)} -> {current.get(name)}")
    cpu_a, cpu_b = baseline.get("cpu") or {}, current.get("cpu") or {}
    for name in ("brand_raw", "count"):
        if cpu_a.get(name) != cpu_b.get(name):
            out.append(f"cpu {name}: {cpu_a.get(name)} -> {cpu_b.get(name)}")
    return out


def format_value(measure: str, value: float) -> str:
    if measure == "memory":
        for unit, size in (("GiB", 1024 ** 3), ("MiB", 1024 ** 2), ("KiB", 1024)):
            if abs(value) >= size:
                return f"{value / size:.1f} {unit}"
        return f"{value:.0f} B"
    if abs(value) < 1:
        return f"{value * 1000:.1f} ms"
    return f"{value:.3f} s"


def table(comparisons: Sequence[Comparison]) -> list[str]:
    """Rows a person reads: step, measure, field, baseline, now, change."""
    header = ("step", "measure", "check", "baseline", "now", "change")
    rows = [header] + [(c.fullname, c.measure, c.check.text,
                        format_value(c.measure, c.before), format_value(c.measure, c.now),
                        f"{c.percent:+.1f}%") for c in comparisons]
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    return ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
            for row in rows]
