"""Tools whose answer is a timeout or a name made afresh each run (issue #8 leftovers,
GNU ``timeout`` and ``mktemp`` of this machine, run through the prober):

- ``timeout``: what it does when the time runs out (124; 143 with ``--preserve-status``,
  137 with ``--signal KILL``) shows only on a command that outlasts the duration, and
  only when the prober does not read the tool's own 124 as its own timeout;
- ``mktemp``: its random name is the run, not an option's effect (no case pins the
  letters of one run); ``-d`` and ``-u`` show in what is at the path it prints.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from pytest_testronaut.generation import generate_plan
from pytest_testronaut.generation.differential import NO_EFFECT_TAG
from pytest_testronaut.generation.discounted import telling_pattern
from pytest_testronaut.generation.printed_paths import printed_path
from pytest_testronaut.generation.probe import Outcome
from pytest_testronaut.generation.random_names import random_line, random_only
from pytest_testronaut.generation.runner import OUTLASTING
from pytest_testronaut.plans.model import Case

from .tools import LocalRun


@pytest.fixture
def run(tmp_path: Path) -> LocalRun:
    return LocalRun(tmp_path)


def _argv(case: Case) -> list[str]:
    return shlex.split(str(case.command))


def test_timeout_options_show_on_a_command_that_outlasts_the_duration(run: LocalRun) -> None:
    plan = generate_plan(run.spec("timeout"), run=run)
    outlasting = [c for c in plan.cases if _argv(c)[-len(OUTLASTING):] == list(OUTLASTING)]
    plain = next(c for c in outlasting if c.id.startswith("command-outlasting"))
    assert "exits 124" in plain.description
    preserve = next(c for c in plan.cases if "--preserve-status" in _argv(c))
    assert NO_EFFECT_TAG not in preserve.tags and preserve in outlasting
    # a timeout ignoring --preserve-status exits as the plain case does: the case fails
    assert run.tool(_argv(preserve)).returncode == 143
    assert run.tool(_argv(plain)).returncode == 124
    # ``--signal KILL`` (or 9): the status tells KILL from the default TERM
    signal = next(c for c in plan.cases if "--signal" in _argv(c))
    assert NO_EFFECT_TAG not in signal.tags and signal in outlasting
    assert run.tool(_argv(signal)).returncode in (137, -9)  # killed itself: by KILL


def test_mktemp_random_names_are_not_evidence_and_options_show_at_the_path(
        run: LocalRun) -> None:
    plan = generate_plan(run.spec("mktemp"), run=run)
    for case in plan.cases:  # no case pins the random letters of one run
        for pattern in (case.stdout.regex if case.stdout is not None else []):
            assert not re.search(r"tmp\\\.[A-Za-z0-9]{6,}", pattern), case
    by_option = {flag: c for c in plan.cases for flag in ("--directory", "--dry-run")
                 if f"$(mktemp {flag})" in str(c.command)}
    for flag, kind in (("--directory", "d 700"), ("--dry-run", "nothing there")):
        case = by_option[flag]
        assert NO_EFFECT_TAG not in case.tags and f"`{kind}`" in case.description
        got = run.tool(_argv(case))
        assert got.returncode == 0 and got.stdout.splitlines()[-1] == kind
        # mktemp ignoring the option leaves a file there: the case fails
        without = run.tool([w.replace(f"mktemp {flag}", "mktemp") for w in _argv(case)])
        assert without.stdout.splitlines()[-1] == "f 600"


def test_names_differing_only_in_random_letters() -> None:
    assert random_line("/tmp/tmp.0JAB5lEqiP", "/tmp/tmp.k6BlrtnSnA")
    assert random_only("/tmp/tmp.0JAB5lEqiP\n", "/tmp/tmp.k6BlrtnSnA\n")
    # a different name, a shifted number, a changed word: data, not a new random name
    assert not random_line("/tmp/build-1", "/tmp/build-2")
    assert not random_line("count 123456", "count 123457")
    assert not random_only('{"a": 1, "b": 2}', '{"b": 2, "a": 1}')
    assert not random_only("/tmp/tmp.0JAB5lEqiP\n", "/tmp/tmp.0JAB5lEqiP,\n")
    assert not random_only("same\n", "same\n")
    # the random letters would make a telling pattern no other run meets
    assert telling_pattern("/tmp/tmp.0JAB5lEqiP\n", "/tmp/tmp.k6BlrtnSnA\n") is not None


def test_a_printed_path_is_one_line_naming_a_path() -> None:
    assert printed_path(Outcome(0, "/tmp/tmp.0JAB5lEqiP\n", ""))
    assert printed_path(Outcome(0, "./tmp.abc123\n", ""))
    assert not printed_path(Outcome(0, "two words\n", ""))
    assert not printed_path(Outcome(0, "/tmp/a\n/tmp/b\n", ""))
    assert not printed_path(Outcome(1, "/tmp/a\n", ""))
