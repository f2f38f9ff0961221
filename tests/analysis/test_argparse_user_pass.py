"""What a new user met analyzing an argparse tool with nested subparsers (the shape of
``pysemver``): wrapped help lines, subparsers under a section of any title, choices
listed in prose, and ordinals that name no unit."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

from pytest_testronaut.analysis._helpers import extract_choices
from pytest_testronaut.analysis.discover import discover
from pytest_testronaut.analysis.spec import infer_value_type
from pytest_testronaut.sandbox.result import RunResult

TOOL = '''
    import argparse
    parser = argparse.ArgumentParser(prog="ver")
    subs = parser.add_subparsers(dest="cmd")
    compare = subs.add_parser("compare", help="Compare two versions")
    compare.add_argument("version1", help="First version")
    compare.add_argument("version2", help="Second version")
    bump = subs.add_parser("bump", help="Bumps a version")
    parts = bump.add_subparsers(title="Bump commands", dest="part")
    for part in ("major", "minor", "patch"):
        parts.add_parser(part, help=f"Bump the {part} part of the version").add_argument(
            "version", help="Version to raise")
    nextver = subs.add_parser("nextver", help="Determines the next version, taking "
                              "prereleases into account.")
    nextver.add_argument("version", help="Version to raise")
    nextver.add_argument("part", help="One of 'major', 'minor', 'patch', or 'prerelease'")
    parser.parse_args()
'''


def _runner(script: Path) -> Callable[[list[str]], RunResult]:
    def run(argv: list[str]) -> RunResult:
        start = time.monotonic()
        proc = subprocess.run([sys.executable, str(script), *argv[1:]], capture_output=True,
                              timeout=30, env={"COLUMNS": "80"})
        return RunResult(command=tuple(argv), exit_code=proc.returncode,
                         stdout_bytes=proc.stdout, stderr_bytes=proc.stderr,
                         duration=time.monotonic() - start)
    return run


def test_nested_subparsers_wrapped_help_and_prose_choices(tmp_path: Path) -> None:
    script = tmp_path / "ver.py"
    script.write_text(textwrap.dedent(TOOL), encoding="utf-8")
    spec = discover(_runner(script), "ver")
    # "account." (nextver's help wrapped onto its own line) is no subcommand
    assert [c.name for c in spec.root.subcommands] == ["compare", "bump", "nextver"]
    nextver = spec.root.subcommands[2]
    assert nextver.summary == ("Determines the next version, taking prereleases into "
                               "account.")
    # "Bump commands:" is a subparsers section whatever its title
    bump = spec.root.subcommands[1]
    assert [c.name for c in bump.subcommands] == ["major", "minor", "patch"]
    assert [p.name for p in bump.subcommands[0].positionals] == ["version"]
    compare = spec.root.subcommands[0]
    assert [(p.name, p.value_type) for p in compare.positionals] == [
        ("version1", "string"), ("version2", "string")]
    part = nextver.positionals[1]
    assert (part.choices, part.value_type) == (
        ["major", "minor", "patch", "prerelease"], "choice")
    assert not any("not a subcommand" in n for n in spec.notes)


def _result(argv: list[str], code: int, out: str = "", err: str = "") -> RunResult:
    return RunResult(command=tuple(argv), exit_code=code, stdout_bytes=out.encode(),
                     stderr_bytes=err.encode(), duration=0.01)


def test_a_word_the_tool_refuses_as_a_command_is_dropped_with_a_note() -> None:
    root = ("Usage: box [OPTIONS] COMMAND\n\nCommands:\n  start  Start it\n  stop   Stop it\n"
            "  etc\n\nOptions:\n  --help  Show this message and exit.\n")
    sub = "Usage: box {name} [OPTIONS]\n\nOptions:\n  --help  Show this message and exit.\n"
    answers = {("box", "--help"): (0, root, ""),
               ("box", "start", "--help"): (0, sub.format(name="start"), ""),
               ("box", "stop", "--help"): (0, sub.format(name="stop"), ""),
               ("box", "etc", "--help"): (2, "", root.split("\n\n")[0] +
                                          "\nError: No such command 'etc'.\n")}

    def run(argv: list[str]) -> RunResult:
        code, out, err = answers.get(tuple(argv), (1, "", "no canned answer\n"))
        return _result(argv, code, out, err)

    spec = discover(run, "box")
    assert [c.name for c in spec.root.subcommands] == ["start", "stop"]
    assert any("`box etc` is not a subcommand" in n and "dropped" in n for n in spec.notes)


def test_conjunctions_are_never_choices_and_ordinals_no_durations() -> None:
    assert extract_choices("One of 'major', 'minor', 'patch', or 'prerelease'") == [
        "major", "minor", "patch", "prerelease"]
    assert extract_choices("must be one of red, green, and blue") == ["red", "green", "blue"]
    assert infer_value_type("version2", None, "Second version") == "string"
    assert infer_value_type("wait", None, "how long to wait, in seconds") == "duration"
    assert infer_value_type("rate", None, "retries per second") == "duration"
