"""The THIRD hold-out pair corpus (benchmarks/pairs/holdout3.jsonl) is well-formed data.

Only its shape is checked (holdout_shape.py, shared by the hold-out sets' tests): fields,
labels, unique ids, both labels in about equal numbers, at least 20 tools that none of
the earlier sets runs and none of the tools kept for the tuner, and that it was made by
benchmarks/pairs/holdout3_cases.py from the cases it lists. No verdict or accuracy is
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
    invoked,
    load,
    made_by_problems,
    new_tools,
    pairing_problems,
    sets_before,
)

HOLDOUT3 = HOLDOUTS[2]
# Tools kept for the tuning set: the third hold-out set must not run them.
RESERVED = {"openssl", "git", "make", "tar", "cpio", "stat", "findmnt", "lsblk", "lscpu", "getconf",
            "id", "who", "last", "hostname", "docker", "awk", "mawk", "busybox", "time", "ionice",
            "nice", "timeout", "watch", "node", "json.tool", "http.server", "zipfile", "tarfile",
            "trace"}


@pytest.fixture(scope="module")
def pairs() -> list[dict[str, Any]]:
    return load(HOLDOUT3)


def test_every_pair_has_the_fields_and_a_known_label(pairs: list[dict[str, Any]]) -> None:
    assert field_problems(pairs) == []


def test_ids_are_unique_and_changes_start_from_their_first_run(pairs: list[dict[str, Any]]) -> None:
    assert pairing_problems(pairs) == []


def test_at_least_100_pairs_about_half_each(pairs: list[dict[str, Any]]) -> None:
    assert balance_problems(pairs, at_least=100) == []


def test_at_least_20_tools_no_other_set_runs(pairs: list[dict[str, Any]]) -> None:
    unseen = new_tools(pairs, sets_before(HOLDOUT3))
    assert len(unseen) >= 20, f"only {len(unseen)} tools are new: {', '.join(unseen)}"


def test_no_tool_kept_for_the_tuner_is_run(pairs: list[dict[str, Any]]) -> None:
    used = {row["id"]: sorted(invoked(row) & RESERVED) for row in pairs}
    assert {k: v for k, v in used.items() if v} == {}
    assert not any("/usr/bin/time" in row["command"] + row["setup"] for row in pairs)


def test_the_data_is_what_holdout3_cases_makes(pairs: list[dict[str, Any]],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    problems = made_by_problems(pairs, cases_module("holdout3_cases", monkeypatch))
    assert problems == [], "run benchmarks/pairs/holdout3_cases.py:\n" + "\n".join(problems)
