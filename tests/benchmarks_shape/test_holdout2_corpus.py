"""The SECOND hold-out pair corpus (benchmarks/pairs/holdout2.jsonl) is well-formed data.

Only its shape is checked (holdout_shape.py, shared by the hold-out sets' tests): fields,
labels, unique ids, both labels, tools that neither earlier set runs, and that it was made
by benchmarks/pairs/holdout2_cases.py from the cases it lists. No verdict or accuracy is
computed here; nothing in this test may become a reason to look at the pairs while
changing pytest_testronaut/verify/.
"""

from __future__ import annotations

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

HOLDOUT2 = HOLDOUTS[1]


@pytest.fixture(scope="module")
def pairs() -> list[dict[str, Any]]:
    return load(HOLDOUT2)


def test_every_pair_has_the_fields_and_a_known_label(pairs: list[dict[str, Any]]) -> None:
    assert field_problems(pairs) == []


def test_ids_are_unique_and_changes_start_from_their_first_run(pairs: list[dict[str, Any]]) -> None:
    assert pairing_problems(pairs) == []


def test_at_least_120_pairs_about_half_each(pairs: list[dict[str, Any]]) -> None:
    assert balance_problems(pairs, at_least=120) == []


def test_at_least_20_tools_neither_other_set_runs(pairs: list[dict[str, Any]]) -> None:
    unseen = new_tools(pairs, sets_before(HOLDOUT2))
    assert len(unseen) >= 20, f"only {len(unseen)} tools are new: {', '.join(unseen)}"


def test_the_data_is_what_holdout2_cases_makes(pairs: list[dict[str, Any]],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    problems = made_by_problems(pairs, cases_module("holdout2_cases", monkeypatch))
    assert problems == [], "run benchmarks/pairs/holdout2_cases.py:\n" + "\n".join(problems)
