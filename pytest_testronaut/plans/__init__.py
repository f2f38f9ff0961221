"""The plan format: the YAML plan model, loading with ``file:line`` errors, saving, a
JSON Schema, merging on regeneration and applying recordings. Generation lives in
:mod:`pytest_testronaut.generation`, running plans as pytest items in
:mod:`pytest_testronaut.items`."""

from .dump import dump_plan, save_plan
from .errors import PlanError
from .loader import LoadedPlan, load_plan, parse_plan_text
from .merge import MergeResult, merge_plans, plan_diff
from .model import (
    Case,
    NormalizationRule,
    Plan,
    PlanSettings,
    Step,
    StreamExpectation,
    Workflow,
    plan_rules,
)
from .record import Recording, apply_recordings, write_recordings
from .schema import plan_json_schema, write_plan_schema

__all__ = [
    "Case",
    "LoadedPlan",
    "MergeResult",
    "NormalizationRule",
    "Plan",
    "PlanError",
    "PlanSettings",
    "Recording",
    "Step",
    "StreamExpectation",
    "Workflow",
    "apply_recordings",
    "dump_plan",
    "load_plan",
    "merge_plans",
    "parse_plan_text",
    "plan_diff",
    "plan_json_schema",
    "plan_rules",
    "save_plan",
    "write_plan_schema",
    "write_recordings",
]
