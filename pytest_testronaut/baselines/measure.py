"""What one round of a step measured, and the statistics of several rounds."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..sandbox import RunResult

MEASURES = ("cpu", "memory", "wall")
UNITS = {"cpu": "seconds", "memory": "bytes", "wall": "seconds"}


@dataclass(frozen=True)
class Round:
    """One run of a step: the sums of its commands' CPU time and wall time, and the
    largest peak memory of any of them. ``None``: not measured (a command without the
    in-container measure)."""

    cpu: float | None
    memory: float | None
    wall: float
    commands: int

    def get(self, measure: str) -> float | None:
        value: float | None = getattr(self, measure)
        return value

    def as_dict(self) -> dict[str, Any]:
        return {"cpu": self.cpu, "memory": self.memory, "wall": self.wall,
                "commands": self.commands}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Round:
        return cls(data.get("cpu"), data.get("memory"), float(data["wall"]),
                   int(data.get("commands", 1)))


def rounds_from_results(results: Sequence[RunResult]) -> Round:
    """The round that ``results`` (every command of one run of a step) make."""
    cpu = [getattr(r, "cpu_time", None) for r in results]
    memory = [getattr(r, "peak_memory", None) for r in results]
    return Round(
        cpu=sum(c for c in cpu if c is not None) if cpu and None not in cpu else None,
        memory=float(max(m for m in memory if m is not None))
        if memory and None not in memory else None,
        wall=sum(r.duration for r in results),
        commands=len(results),
    )


def stats_of(values: Iterable[float]) -> dict[str, Any]:
    """pytest-benchmark's statistics (min, max, mean, median, stddev, iqr, ...) of
    ``values``, as stored in its JSON files."""
    from pytest_benchmark.stats import Stats

    stats = Stats()  # type: ignore[no-untyped-call]
    for value in values:
        stats.update(value)  # type: ignore[no-untyped-call]
    data: dict[str, Any] = stats.as_dict()  # type: ignore[no-untyped-call]
    return data
