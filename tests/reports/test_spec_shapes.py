"""Every JSON ``testronaut analyze --json`` writes (explored in a sandbox, or one help
text with ``--help-file``) and a plan's saved spec are read by ``testronaut generate
--spec`` and by ``--testronaut-report-spec``; any other file is refused, saying what
was expected."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pytest_testronaut.analysis.spec import CliSpec, Command, Option
from pytest_testronaut.analysis.spec_json import spec_from_json
from pytest_testronaut.cli import main
from pytest_testronaut.cli.analyze import spec_json

SORT_HELP = """\
Usage: sort [OPTION]... [FILE]...
Write sorted concatenation of all FILE(s) to standard output.

Options:
  -r, --reverse   reverse the result of comparisons
  -u, --unique    output only the first of an equal run
"""

TOOL_HELP = """\
usage: tool [-h] [-v] {run,stop} ...

positional arguments:
  {run,stop}
    run          run it
    stop         stop it

options:
  -h, --help     show this help message and exit
  -v, --verbose  say more
"""


def _analyze_offline(tmp_path: Path, help_text: str, name: str) -> Path:
    """What a user gets from `testronaut analyze --help-file FILE --json -o OUT`."""
    help_file = tmp_path / f"{name}.help.txt"
    help_file.write_text(help_text)
    out = tmp_path / f"{name}.analyze.json"
    assert main(["analyze", "--help-file", str(help_file), "--json", "-o", str(out)]) == 0
    return out


def _explored() -> CliSpec:
    return CliSpec(tool="sort", version="9.1", root=Command(name="sort", path=["sort"], options=[
        Option(flags=["-r", "--reverse"], description="reverse the result of comparisons"),
        Option(flags=["-u", "--unique"], description="output only the first of an equal run")]))


def test_the_help_file_form_becomes_a_spec_named_after_its_command(tmp_path: Path) -> None:
    spec = spec_from_json(json.loads(_analyze_offline(tmp_path, TOOL_HELP, "tool").read_text()))
    assert (spec.tool, spec.root.path, spec.root.help_style) == ("tool", ["tool"], "argparse")
    assert [o.flags for o in spec.root.options] == [["-h", "--help"], ["-v", "--verbose"]]
    assert [(s.name, s.path) for s in spec.root.subcommands] == [("run", ["tool", "run"]),
                                                                  ("stop", ["tool", "stop"])]
    assert spec.find_command(["run"]) is not None


def test_the_explored_form_and_a_saved_spec_read_the_same() -> None:
    explored = _explored()
    assert spec_from_json(spec_json(explored)) == explored  # `analyze TOOL --json`
    assert spec_from_json(explored.model_dump(mode="json")) == explored  # beside a plan


@pytest.mark.parametrize(("data", "said"), [
    ({"tool": "x"}, "not a CLI spec (it has tool); expected the JSON of `testronaut analyze"),
    ([1, 2], "a JSON list is not a CLI spec; expected"),
    ({"tool": "x", "root": {"path": []}}, "a CLI spec is not valid: root.name: Field required"),
    ({"name": "t", "path": [], "style": "gnu", "options": [{"flag": "-x"}], "positionals": [],
      "subcommands": []},
     "the command of `analyze --help-file --json` is not valid: options.0.flags"),
])
def test_neither_shape_says_what_was_expected(data: object, said: str) -> None:
    with pytest.raises(ValueError) as caught:
        spec_from_json(data)
    assert said in str(caught.value)


@pytest.mark.parametrize("shape", ["help-file", "explored", "saved"])
def test_generate_reads_every_shape(tmp_path: Path, shape: str) -> None:
    if shape == "help-file":
        source = _analyze_offline(tmp_path, SORT_HELP, "sort")
    else:
        source = tmp_path / "spec.json"
        spec = _explored()
        source.write_text(json.dumps(spec_json(spec) if shape == "explored"
                                     else spec.model_dump(mode="json")))
    plan = tmp_path / "sort.testronaut.yaml"
    assert main(["generate", "--spec", str(source), "-o", str(plan), "--quiet"]) == 0
    text = plan.read_text()
    assert "tool: sort" in text and "--reverse" in text


def test_generate_refuses_a_file_of_neither_shape(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    report = tmp_path / "report.json"
    report.write_text(json.dumps({"version": 1, "cases": []}))
    assert main(["generate", "--spec", str(report), "-o", str(tmp_path / "p.yaml")]) == 2
    err = capsys.readouterr().err
    assert f"--spec {report}: not a CLI spec (it has cases, version); expected the JSON of " \
        "`testronaut analyze TOOL --json`" in err


PLAN = """\
version: 1
tool: sort
cases:
  - id: reverse
    command: printf 'a\\nb\\n' | sort -r
    exit: 0
"""


@pytest.mark.docker
def test_the_report_reads_analyze_help_file_json(pytester: pytest.Pytester,
                                                 tmp_path: Path) -> None:
    (pytester.path / "sort.testronaut.yaml").write_text(PLAN)
    source = _analyze_offline(tmp_path, SORT_HELP, "sort")
    result = pytester.runpytest_subprocess(
        "-p", "no:cacheprovider", "--testronaut", "--testronaut-report=out",
        f"--testronaut-report-spec={source}", timeout=180)
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["CLI coverage of sort: 50.0%"])
    [coverage] = json.loads((pytester.path / "out" / "report.json").read_text())["coverage"]
    assert coverage["options"]["missing"] == ["sort --unique"]


@pytest.mark.docker
def test_the_report_says_what_a_wrong_spec_file_is(pytester: pytest.Pytester) -> None:
    (pytester.path / "sort.testronaut.yaml").write_text(PLAN)
    (pytester.path / "junk.json").write_text('{"hello": "world"}')
    result = pytester.runpytest_subprocess(
        "-p", "no:cacheprovider", "--testronaut", "--testronaut-report=out",
        "--testronaut-report-spec=junk.json", timeout=180)
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines([
        "*results store and reports not written: --testronaut-report-spec junk.json: not a "
        "CLI spec (it has hello); expected the JSON of `testronaut analyze TOOL --json`*"])
