"""Fuzzing the plan loader: hundreds of mutated plans (``fuzz_plans``), each loaded by the
loader and checked by ``check-plan``; every outcome is a plan or a ``file:line`` error of
our own, never a traceback, a hang or a memory blow-up.

Before the loader's limits, 86 of these 315 mutants gave tracebacks (RecursionError,
yaml's ReaderError, ValueError) or ran out of time and memory (alias bombs).
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from pytest_testronaut.plans import PlanError, load_plan

from .fuzz_plans import MUTATORS, PER_MUTATOR_AND_SEED, seeds, write_mutants


@pytest.fixture(scope="module")
def mutant_paths(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return write_mutants(tmp_path_factory.mktemp("mutants"))


def test_the_mutants_are_many_and_deterministic(mutant_paths: list[Path], tmp_path: Path) -> None:
    assert len(mutant_paths) == len(seeds()) * len(MUTATORS) * PER_MUTATOR_AND_SEED >= 300
    again = write_mutants(tmp_path)
    assert [p.read_bytes() for p in again] == [p.read_bytes() for p in mutant_paths]


@pytest.fixture(scope="module")
def outcomes(mutant_paths: list[Path]) -> dict[Path, BaseException | None]:
    """Each mutant loaded once: None when it is a valid plan, else what was raised."""
    found: dict[Path, BaseException | None] = {}
    for path in mutant_paths:
        started = time.monotonic()
        try:
            load_plan(path)
            found[path] = None
        except BaseException as exc:  # what the tests count is exactly these
            found[path] = exc
        assert time.monotonic() - started < 10, f"{path.name} took too long"
    return found


def test_the_loader_never_gives_a_traceback(outcomes: dict[Path, BaseException | None]) -> None:
    tracebacks = [f"{path.name}: {type(exc).__name__}: {str(exc)[:200]}"
                  for path, exc in outcomes.items()
                  if exc is not None and not isinstance(exc, PlanError)]
    assert tracebacks == []
    refused = [exc for exc in outcomes.values() if isinstance(exc, PlanError)]
    for path, exc in outcomes.items():
        if exc is not None:
            assert str(exc).startswith(f"{path}:"), str(exc)
    # Most mutants are broken; the few that still parse are valid plans.
    assert len(refused) > len(outcomes) * 0.7


def test_errors_name_a_line_when_the_file_has_one(
        outcomes: dict[Path, BaseException | None]) -> None:
    """Only file-wide problems (empty, unreadable, too big) may come without a line."""
    for exc in outcomes.values():
        if isinstance(exc, PlanError) and exc.line is None:
            assert any(word in exc.message for word in ("empty", "YAML error",
                                                        "larger than")), str(exc)


def test_plans_that_would_fail_at_run_time_are_all_refused(
        outcomes: dict[Path, BaseException | None]) -> None:
    traps = {path: exc for path, exc in outcomes.items() if "-trap-" in path.name}
    assert traps
    assert all(isinstance(exc, PlanError) for exc in traps.values()), traps


def test_check_plan_in_its_own_process(mutant_paths: list[Path]) -> None:
    """The console script, as a user runs it: one process, every file, no traceback, no
    "unexpected error" (its guard for bugs)."""
    done = subprocess.run([sys.executable, "-m", "pytest_testronaut.cli", "check-plan",
                           *map(str, mutant_paths)],
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 2
    assert "Traceback" not in done.stdout + done.stderr
    assert "unexpected error" not in done.stderr
    checked = {line.split(": ok (")[0] for line in done.stdout.splitlines()}
    checked |= {line.split(":")[0] for line in done.stderr.splitlines()}
    assert {str(p) for p in mutant_paths} <= checked
