"""One engine for end-to-end workflows, YAML (``workflows:`` in a plan) and Python
(``@pytest.mark.testronaut_workflow``): steps in order in one shared sandbox, later
steps skipped after a failure, captured values as ``${name}``, setup and teardown
steps, background services stopped when the workflow ends. Knows no pytest: the glue
(``items/`` for plans, ``workflow_steps`` for markers) turns its answers into skips."""

from .engine import ROLES, StepInfo, UnknownValueError, WorkflowRun
from .services import Service, ServiceError

__all__ = ["ROLES", "Service", "ServiceError", "StepInfo", "UnknownValueError", "WorkflowRun"]
