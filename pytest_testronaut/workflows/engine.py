"""The state of one workflow run in one process, and the rules every workflow obeys.

A workflow is an ordered list of steps. Each step has a role: ``setup`` steps run
first, ``teardown`` steps last and always (even after a failure, so they can clean
up), plain ``step`` steps in between. When a setup or plain step fails, every later
non-teardown step is *blocked*: the glue reports it as skipped with the reason
"step X failed". Values captured from a step's output become ``${name}`` in later
steps; background services started by a step are stopped when the run finishes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..plans.model import VARIABLE

if TYPE_CHECKING:
    from .services import Service

ROLES = ("setup", "step", "teardown")


class UnknownValueError(KeyError):
    """A ``${name}`` no earlier step captured. A ``KeyError`` whose message reads as
    written (``KeyError`` itself shows its message quoted, as a dict key)."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


@dataclass(frozen=True)
class StepInfo:
    """One step as the engine sees it: a name, a role and where it is written."""

    name: str
    role: str = "step"
    location: str = ""  # file:line, for messages

    def __post_init__(self) -> None:
        if self.role not in ROLES:
            raise ValueError(f"step {self.name!r}: role {self.role!r} is not one of "
                             f"{', '.join(ROLES)}")

    @property
    def label(self) -> str:
        return f"{self.name} ({self.location})" if self.location else self.name


def ordered(steps: Sequence[StepInfo]) -> list[StepInfo]:
    """Setup steps first, teardown steps last, each group in written order."""
    return sorted(steps, key=lambda s: ROLES.index(s.role))


@dataclass
class WorkflowRun:
    """One run of one workflow: what ran, what failed, captured values, services."""

    name: str
    steps: list[StepInfo]
    variables: dict[str, str] = field(default_factory=dict)
    done: set[str] = field(default_factory=set)
    failed: StepInfo | None = None
    services: list[Service] = field(default_factory=list)
    finished: bool = False

    def __post_init__(self) -> None:
        names = [s.name for s in self.steps]
        twice = sorted({n for n in names if names.count(n) > 1})
        if twice:
            raise ValueError(f"workflow {self.name!r}: step name(s) used twice: "
                             f"{', '.join(twice)}")
        self.steps = ordered(self.steps)

    # --- order ------------------------------------------------------------------------
    def index(self, name: str) -> int:
        for number, step in enumerate(self.steps):
            if step.name == name:
                return number
        raise KeyError(f"workflow {self.name!r} has no step {name!r}")

    def step(self, name: str) -> StepInfo:
        return self.steps[self.index(name)]

    def needed_before(self, name: str) -> list[StepInfo]:
        """The steps that must have run before ``name``: every earlier setup and plain
        step (a teardown step needs nothing: it runs whatever happened)."""
        target = self.step(name)
        if target.role == "teardown":
            return []
        return [s for s in self.steps[:self.index(name)] if s.role != "teardown"]

    def missing_before(self, name: str) -> list[StepInfo]:
        """Needed steps that have not run yet."""
        return [s for s in self.needed_before(name) if s.name not in self.done]

    def teardown_steps(self) -> list[StepInfo]:
        return [s for s in self.steps if s.role == "teardown"]

    # --- outcomes ---------------------------------------------------------------------
    def blocked(self, name: str) -> str | None:
        """Why ``name`` must not run ("step X failed"), or ``None`` when it may."""
        if self.failed is not None and self.step(name).role != "teardown":
            return f"step {self.failed.label} failed"
        return None

    def started(self, name: str) -> None:
        self.done.add(name)

    def retry(self, name: str) -> bool:
        """A rerun (pytest-rerunfailures) of ``name``: when it is the step that failed,
        it may run again where it failed, and later steps wait for its new outcome.
        Whether it was."""
        if self.failed is None or self.failed.name != name:
            return False
        self.failed = None
        return True

    def failure(self, name: str) -> None:
        """Note that ``name`` failed: later non-teardown steps are blocked."""
        self.done.add(name)
        if self.failed is None:
            self.failed = self.step(name)

    # --- values -----------------------------------------------------------------------
    def capture(self, values: Mapping[str, str]) -> None:
        self.variables.update(values)

    def substitute(self, text: str) -> str:
        """``${name}`` replaced with captured values; ``$${`` stands for a literal
        ``${``. An unknown name is an error naming the values there are."""
        __tracebackhide__ = True  # pytest shows the caller's line (a hand-written step)
        unknown = sorted({m.group(1) for m in VARIABLE.finditer(text)
                          if m.group(1) not in self.variables})
        if unknown:
            known = ", ".join(sorted(self.variables)) or "none yet"
            raise UnknownValueError(
                f"workflow {self.name!r}: no captured value named {', '.join(unknown)} "
                f"(captured so far: {known}); capture it in an earlier step, or write "
                "$${ for a literal ${")
        text = VARIABLE.sub(lambda m: self.variables[m.group(1)], text)
        return text.replace("$${", "${")

    # --- the end ----------------------------------------------------------------------
    def add_service(self, service: Service) -> None:
        self.services.append(service)

    def finish(self, on_error: Callable[[str], None] | None = None) -> list[str]:
        """Stop every service (the newest first), once. Returns what could not be
        stopped cleanly (also passed to ``on_error``)."""
        problems: list[str] = []
        if self.finished:
            return problems
        self.finished = True
        for service in reversed(self.services):
            try:
                service.stop()
            except Exception as exc:  # a dead container must not hide the other stops
                problems.append(f"service {service.name!r}: {exc}")
        self.services.clear()
        if on_error is not None:
            for problem in problems:
                on_error(problem)
        return problems
