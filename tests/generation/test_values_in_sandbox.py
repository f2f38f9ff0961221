"""Generation in a real sandbox on a pure-Python argparse tool whose operands are
versions (as the PyPI tool ``semver``'s ``pysemver``): installed by a ``pip:`` step
(a local project built offline on this machine), analyzed, then generated with the
sandbox at hand. The cases must do the tool's real work: valid versions, a second
larger one, descriptions that say what runs, one case per command line, error
patterns that meet the real messages; an operand no value makes work is reported
with the values tried."""

from __future__ import annotations

import re
import shlex
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sandbox.local_project import make_local_project  # tests/sandbox (a package)

from pytest_testronaut.generation.authoring import Authored

from .tools import patient

VERTOOL = '''\
"""Version tool for :command:`vertool`. Each command is mapped to a ``cmd_`` function;
the :func:`main <vertool.main>` function parses and runs it."""
import argparse
import re
import sys

PATTERN = re.compile(r"^(\\d+)\\.(\\d+)\\.(\\d+)(?:-([0-9A-Za-z.]+))?$")


def parse(text, parser):
    match = PATTERN.match(text)
    if match is None:
        parser.error(f"{text!r} is not a valid version")
    major, minor, patch = (int(match.group(i)) for i in (1, 2, 3))
    return major, minor, patch, match.group(4)


def main():
    parser = argparse.ArgumentParser(prog="vertool", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    compare = commands.add_parser("compare", help="Compare two versions")
    compare.add_argument("version1", help="First version")
    compare.add_argument("version2", help="Second version")
    bump = commands.add_parser("bump", help="Bump a version")
    bump.add_argument("version", help="Version to bump")
    bump.add_argument("--part", choices=["major", "minor", "patch"], default="patch",
                      help="Part to bump")
    check = commands.add_parser("check", help="Check that a version is valid")
    check.add_argument("version", help="Version to check")
    unlock = commands.add_parser("unlock", help="Unlock with the secret code")
    unlock.add_argument("code", help="The secret code")
    args = parser.parse_args()
    if args.command == "compare":
        left, right = parse(args.version1, parser)[:3], parse(args.version2, parser)[:3]
        print((left > right) - (left < right))
    elif args.command == "bump":
        major, minor, patch, _ = parse(args.version, parser)
        if args.part == "major":
            major, minor, patch = major + 1, 0, 0
        elif args.part == "minor":
            minor, patch = minor + 1, 0
        else:
            patch += 1
        print(f"{major}.{minor}.{patch}")
    elif args.command == "check":
        parse(args.version, parser)
    elif args.code != "open-sesame-42":
        parser.error("wrong code")
    else:
        print("unlocked")
'''


def _project(folder: Path) -> Path:
    project = make_local_project(folder, "vertool", "pass")
    (project / "vertool.py").write_text(VERTOOL)
    return project


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Authored, Any]]:
    from pytest_testronaut.analysis.discover import discover
    from pytest_testronaut.generation.authoring import author_plan
    from pytest_testronaut.generation.cases import SEARCH_BOUNDS
    from pytest_testronaut.sandbox import SandboxConfig, standalone_sandbox

    base = tmp_path_factory.mktemp("vertool")
    _project(base / "vertool")
    config = SandboxConfig(install=("pip:./vertool",), base_dir=str(base))
    with standalone_sandbox(config) as sandbox, pytest.MonkeyPatch.context() as patch:
        # the run count bounds the search (deterministic); the time limit, a safety net
        # for slow tools, must not cut it short on a loaded machine
        runs, _ = SEARCH_BOUNDS["basic"]
        patch.setitem(SEARCH_BOUNDS, "basic", (runs, 600.0))
        spec = discover(sandbox.run, "vertool")
        authored = author_plan(spec, run=patient(sandbox.run), install=["pip:./vertool"])
        yield authored, sandbox


def _run(sandbox: Any, command: str) -> Any:
    return sandbox.run(["sh", "-c", f"cd /tmp && {command}"], timeout=60)


@pytest.mark.docker
def test_operands_get_versions_and_the_cases_do_the_real_work(
        generated: tuple[Authored, Any]) -> None:
    authored, sandbox = generated
    commands = [str(c.command) for c in authored.plan.cases]
    compare = next(c for c in authored.plan.cases if c.id == "compare-run-numbered-none")
    assert compare.command == "vertool compare 1.2.3 1.3.0", commands
    got = _run(sandbox, str(compare.command))
    assert (got.exit_code, got.stdout) == (0, "-1\n")  # the second version is larger
    for sub, expected in (("bump", "1.2.4\n"), ("check", "")):
        case = next(c for c in authored.plan.cases if c.id == f"{sub}-run-numbered-none")
        assert case.command == f"vertool {sub} 1.2.3"
        got = _run(sandbox, str(case.command))
        assert (got.exit_code, got.stdout) == (0, expected), got.stderr
    # an option on a working operand: its case shows what the option does
    part = next(c for c in authored.plan.cases if "--part" in str(c.command))
    got = _run(sandbox, str(part.command))
    assert got.exit_code == 0 and got.stdout in ("2.0.0\n", "1.3.0\n"), part.command


@pytest.mark.docker
def test_an_operand_no_value_makes_work_is_reported_with_the_values_tried(
        generated: tuple[Authored, Any]) -> None:
    authored, _ = generated
    note = next(n for n in authored.notes if "`vertool unlock`" in n)
    assert note.startswith("no working operand values") and "tried a;" in note
    unlock = next(c for c in authored.plan.cases if c.id == "unlock-run-numbered-none")
    assert "exits 2, no arguments found that work (tried: a; x; an;" in unlock.description
    assert not [n for n in authored.notes if "`vertool compare`" in n]


@pytest.mark.docker
def test_descriptions_are_true_and_each_run_has_one_case(
        generated: tuple[Authored, Any]) -> None:
    authored, _ = generated
    cases = authored.plan.cases
    for case in cases:
        assert "working arguments" not in case.description
        if "reading" in case.description:  # only a case that gives input says so
            assert case.stdin is not None or case.files, case
    keys = [repr((c.command, c.stdin, sorted(c.files.items()))) for c in cases]
    assert len(keys) == len(set(keys)), sorted(keys)
    description = authored.plan.description
    assert ":command:" not in description and "``" not in description
    assert description.endswith("Version tool for vertool.")


@pytest.mark.docker
def test_error_patterns_meet_the_real_messages_and_not_any_error(
        generated: tuple[Authored, Any]) -> None:
    authored, sandbox = generated
    errors = [c for c in authored.plan.cases if c.exit == "failure"]
    assert {c.id for c in errors} >= {"error-unknown-option", "error-unknown-command",
                                      "compare-error-missing-argument"}
    for case in errors:
        got = _run(sandbox, shlex.join(shlex.split(str(case.command))))
        assert got.exit_code != 0
        for pattern in case.stderr.regex if case.stderr else []:
            assert re.search(pattern, got.stderr), (case.command, pattern, got.stderr)
            assert not re.search(pattern, "usage: vertool [-h]\nvertool: error: try again")
