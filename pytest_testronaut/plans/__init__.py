"""YAML test plans: the model, loading with file:line errors, saving, deterministic
generation, merging on regeneration, record mode and plan files as pytest items."""

from .dump import dump_plan, save_plan
from .execute import CheckFailure
from .generate import SCOPES, generate_cases, generate_plan
from .loader import LoadedPlan, PlanError, load_plan, parse_plan_text
from .merge import MergeResult, merge_plans, plan_diff
from .model import Case, NormalizationRule, Plan, PlanSettings, Step, StreamExpectation, Workflow
from .record import Recording, apply_recordings, write_recordings
from .schema import plan_json_schema, write_plan_schema

__all__ = [
    "SCOPES",
    "Case",
    "CheckFailure",
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
    "generate_cases",
    "generate_plan",
    "load_plan",
    "merge_plans",
    "parse_plan_text",
    "plan_diff",
    "plan_json_schema",
    "save_plan",
    "write_plan_schema",
    "write_recordings",
]
