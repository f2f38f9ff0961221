"""Plan files as pytest items: collection (one item per case, one per workflow step),
running a case in the session's sandbox and checking it, recording, and
``--testronaut-tool``. The only part of the plan flow that knows pytest."""

from typing import Any

from .failure import PlanCaseFailure
from .nodes import CaseItem, DisabledPlanFile, PlanFile, StepItem, WorkflowNode

__all__ = [
    "CaseItem",
    "CheckFailure",
    "DisabledPlanFile",
    "PlanCaseFailure",
    "PlanFile",
    "StepItem",
    "WorkflowNode",
]


def __getattr__(name: str) -> Any:
    # Lazily: execute imports verification, which collection does not need.
    if name == "CheckFailure":
        from .execute import CheckFailure

        return CheckFailure
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
