"""``--testronaut-tool`` after recording (issue #8, item 7): a recorded case whose
command generation changed is replaced and listed to be recorded again, and the hint
about cases without expectations reads the merged plan file, not the fresh plan."""

from __future__ import annotations

import pytest
import yaml


def _tool(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    return pytester.runpytest("--testronaut", *args, "-p", "no:cacheprovider")


@pytest.mark.docker
def test_regenerating_after_recording_reads_the_merged_plan(pytester: pytest.Pytester) -> None:
    pytester.makeconftest("")
    plan = pytester.path / "dirname.testronaut.yaml"
    first = _tool(pytester, "--testronaut-tool", "dirname")
    first.stdout.fnmatch_lines(["*some cases have no expectations yet*"])
    assert _tool(pytester, "--testronaut-record", str(plan)).ret == 0
    again = _tool(pytester, "--testronaut-tool", "dirname")
    again.stdout.fnmatch_lines(["*dirname.testronaut.yaml is up to date*"])
    again.stdout.no_fnmatch_line("*no expectations yet*")
    assert again.ret == 0
    # a recorded case whose command is not the one generation makes (as if the
    # generator changed): replaced by the new case, to be recorded again
    data = yaml.safe_load(plan.read_text())
    case = next(c for c in data["cases"] if c["id"] == "form-name-name")
    assert case["origin"] == "recorded"
    case["command"] = "dirname a/b c/d"
    plan.write_text(yaml.safe_dump(data, sort_keys=False))
    changed = _tool(pytester, "--testronaut-tool", "dirname")
    changed.stdout.fnmatch_lines(["*changed their command or inputs and must be recorded "
                                  "again (form-name-name)*",
                                  "*some cases have no expectations yet*"])
    data = yaml.safe_load(plan.read_text())
    case = next(c for c in data["cases"] if c["id"] == "form-name-name")
    assert case["command"] != "dirname a/b c/d" and "stdout" not in case
