"""A spec's digest survives the spec model gaining fields, and a spec saved by the
previous model shape (before ``exit_statuses``) still serves the plan it names."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from pytest_testronaut.analysis.spec import CliSpec, Command, Option, spec_digest
from pytest_testronaut.reports.origins import origin_specs


def _spec(flag: str = "--reverse") -> CliSpec:
    return CliSpec(tool="sort", version="1.0", root=Command(
        name="sort", path=["sort"], options=[Option(flags=["-r", flag], description="reverse"),
                                             Option(flags=["-u", "--unique"])]))


class _GrownCommand(Command):
    """The command model after a release that added a field (with its default)."""

    tested_by: list[str] = []


class _GrownSpec(CliSpec):
    root: _GrownCommand
    checked_at: str | None = None


def test_the_digest_is_stable_across_model_growth_and_follows_the_content() -> None:
    spec = _spec()
    grown = _GrownSpec.model_validate(spec.model_dump())
    assert "tested_by" in grown.model_dump()["root"]  # the dump did grow
    assert spec_digest(grown) == spec_digest(spec)
    assert spec_digest(_spec("--descending")) != spec_digest(spec)
    with_statuses = _spec()
    with_statuses.root.exit_statuses = {2: "bad usage"}
    assert spec_digest(with_statuses) != spec_digest(spec)


def _previous_shape(spec: CliSpec) -> dict[str, Any]:
    """The whole dump as the model before ``exit_statuses`` wrote it."""
    def strip(command: dict[str, Any]) -> dict[str, Any]:
        command.pop("exit_statuses", None)
        command["subcommands"] = [strip(c) for c in command["subcommands"]]
        return command

    data = spec.model_dump(mode="json")
    data["root"] = strip(data["root"])
    return data


def test_a_spec_saved_by_the_previous_model_shape_serves_its_plan(tmp_path: Path) -> None:
    saved = _previous_shape(_spec())
    # the digest the previous version recorded in the plan: SHA-256 of the whole dump
    old_digest = hashlib.sha256(json.dumps(saved, sort_keys=True).encode()).hexdigest()[:16]
    assert old_digest != spec_digest(_spec())
    plan = tmp_path / "sort.testronaut.yaml"
    (tmp_path / "sort.testronaut.spec.json").write_text(
        json.dumps({"tool": "sort", "spec": saved}, indent=1, sort_keys=True))
    plans = {"sort.testronaut.yaml": {"tool": "sort", "path": str(plan), "digest": old_digest}}
    found, notes = origin_specs(plans, {"sort": _spec("--descending")}, None)
    assert notes == []
    assert found["sort.testronaut.yaml"].root.find_option("--reverse") is not None

    # a plan generated today records today's digest, which the same file also matches
    plans["sort.testronaut.yaml"]["digest"] = spec_digest(_spec())
    assert origin_specs(plans, {"sort": _spec()}, None)[1] == []

    # a file that is not the spec the plan names is still refused
    plans["sort.testronaut.yaml"]["digest"] = spec_digest(_spec("--descending"))
    found, notes = origin_specs(plans, {"sort": _spec()}, None)
    assert found == {} and "does not match the digest" in notes[0]
