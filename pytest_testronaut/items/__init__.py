"""Plan files as pytest items: collection (one item per case, one per workflow step),
running a case in the session's sandbox and checking it, recording, and
``--testronaut-tool``. The only part of the plan flow that knows pytest."""

from .execute import CheckFailure
from .nodes import CaseItem, DisabledPlanFile, PlanCaseFailure, PlanFile, StepItem, WorkflowNode

__all__ = [
    "CaseItem",
    "CheckFailure",
    "DisabledPlanFile",
    "PlanCaseFailure",
    "PlanFile",
    "StepItem",
    "WorkflowNode",
]
