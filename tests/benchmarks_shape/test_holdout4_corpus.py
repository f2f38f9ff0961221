"""The FOURTH hold-out pair corpus (benchmarks/pairs/holdout4.jsonl) is well-formed data.

Only its shape is checked (holdout_shape.py, shared by the hold-out sets' tests): fields,
labels, unique ids, both labels in about equal numbers, at least 25 tools that neither the
tuning set nor an earlier hold-out set runs, that every docker object it makes carries
its label and is removed again, and that it was made by benchmarks/pairs/holdout4_cases.py
from the cases it lists. No verdict or accuracy is computed here; nothing in this test
may become a reason to look at the pairs while changing pytest_testronaut/verify/.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from holdout_shape import (
    HOLDOUTS,
    balance_problems,
    cases_module,
    field_problems,
    load,
    made_by_problems,
    new_tools,
    pairing_problems,
    sets_before,
)

HOLDOUT4 = HOLDOUTS[3]
LABEL = "org.testronaut.holdout4=1"


@pytest.fixture(scope="module")
def pairs() -> list[dict[str, Any]]:
    return load(HOLDOUT4)


def test_every_pair_has_the_fields_and_a_known_label(pairs: list[dict[str, Any]]) -> None:
    assert field_problems(pairs) == []


def test_ids_are_unique_and_changes_start_from_their_first_run(pairs: list[dict[str, Any]]) -> None:
    assert pairing_problems(pairs) == []


def test_at_least_120_pairs_about_half_each(pairs: list[dict[str, Any]]) -> None:
    assert balance_problems(pairs, at_least=120) == []


def test_at_least_25_tools_no_earlier_set_runs(pairs: list[dict[str, Any]]) -> None:
    unseen = new_tools(pairs, sets_before(HOLDOUT4))
    assert len(unseen) >= 25, f"only {len(unseen)} tools are new: {', '.join(unseen)}"


def docker_problems(script: str) -> list[str]:
    """Docker objects a script makes without the set's label, or does not remove."""
    problems = []
    if re.search(r"docker (run|create|build)\b", script) and LABEL not in script:
        problems.append(f"a docker object without the label {LABEL}")
    if re.search(r"docker run\b", script) and "--rm" not in script:
        problems.append("docker run without --rm")
    if re.search(r"docker create\b", script) and not re.search(r"docker rm\b", script):
        problems.append("docker create without docker rm")
    if re.search(r"docker build\b", script) and not re.search(r"docker rmi\b", script):
        problems.append("docker build without docker rmi")
    return problems


def test_docker_objects_are_labelled_and_removed(pairs: list[dict[str, Any]]) -> None:
    found = {}
    for row in pairs:
        for key in ("command", "command_b"):
            script = "\n".join((row.get(key, ""), row.get("setup", "")))
            if problems := docker_problems(script):
                found[f"{row['id']} {key}"] = problems
    assert found == {}
    assert any("docker" in row["command"] for row in pairs)


def test_the_data_is_what_holdout4_cases_makes(pairs: list[dict[str, Any]],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    problems = made_by_problems(pairs, cases_module("holdout4_cases", monkeypatch))
    assert problems == [], "run benchmarks/pairs/holdout4_cases.py:\n" + "\n".join(problems)
