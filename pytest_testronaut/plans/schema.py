"""The JSON Schema of plan files, generated from the model.

The committed copy (``plan.schema.json`` beside this module) lets editors validate
and complete plans; a test keeps it equal to what :func:`plan_json_schema` returns.
Regenerate it with ``python -m pytest_testronaut.plans.schema``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .model import Plan

SCHEMA_PATH = Path(__file__).with_name("plan.schema.json")


def plan_json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a plan file."""
    schema = Plan.model_json_schema(by_alias=True, mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://github.com/pytest-testronaut/pytest-testronaut/plan.schema.json",
        **schema,
    }


def plan_schema_text() -> str:
    """The schema as the committed file holds it."""
    return json.dumps(plan_json_schema(), indent=2, sort_keys=False) + "\n"


def write_plan_schema(path: str | Path = SCHEMA_PATH) -> Path:
    """Write the schema file; returns its path."""
    path = Path(path)
    path.write_text(plan_schema_text(), encoding="utf-8")
    return path


if __name__ == "__main__":  # pragma: no cover
    print(write_plan_schema())
