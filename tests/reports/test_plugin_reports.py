"""Real runs of plan files in Docker: the store fills up, the reports are written, the
terminal summary and the junit XML say what the reports say; under xdist too."""

from __future__ import annotations

import json
import sqlite3
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from pytest_testronaut.reports import schema

from .helpers import spec

pytestmark = pytest.mark.docker

PLAN = """\
version: 1
tool: sort
cases:
  - id: reverse
    command: printf 'a\\nb\\n' | sort -r
    exit: 0
    stdout:
      equals: "b\\na\\n"
  - id: plain
    command: printf 'b\\na\\n' | sort
    stdout:
      equals: "{plain}"
  - id: unknown-flag
    command: sort --no-such-flag
    exit: 0
workflows:
  - id: flow
    steps:
      - id: one
        command: echo hi
        stdout:
          contains: [hi]
      - id: two
        command: sort --version
        exit: 0
"""


def _run(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    return pytester.runpytest_subprocess("-p", "no:cacheprovider", "--testronaut", *args,
                                         timeout=180)


def test_two_runs_fill_the_store_and_the_second_report_names_the_regression(
        pytester: pytest.Pytester, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plan = pytester.path / "sort.testronaut.yaml"
    plan.write_text(PLAN.format(plain="a\\nb\\n"))
    first = _run(pytester, "--testronaut-report=out")
    first.assert_outcomes(passed=4, failed=1)
    # the expectation of `plain` changes: it passed before, it fails now
    plan.write_text(PLAN.format(plain="b\\na\\n"))
    spec_file = tmp_path / "sort.json"
    sort_spec = spec().model_copy(update={"tool": "sort"}).model_dump(mode="json")
    spec_file.write_text(json.dumps({"tool": "sort", "spec": sort_spec}))
    summary = tmp_path / "step-summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    second = _run(pytester, "--testronaut-report=out", f"--testronaut-report-spec={spec_file}",
                  "--junitxml=junit.xml")
    second.assert_outcomes(passed=3, failed=2)
    second.stdout.fnmatch_lines([
        "verdicts by tier: deterministic: 1 fail, 2 pass; exact: 1 pass; normalized: 1 fail",
        "regressions (passed in the previous run): 1",
        "  sort.testronaut.yaml::plain",
        "CLI coverage of sort: *%",
        "report: *report.html (also report.md, report.json)",
    ])

    with sqlite3.connect(pytester.path / ".testronaut" / "results.sqlite") as db:
        assert db.execute("SELECT COUNT(*), SUM(total), SUM(failed) FROM runs").fetchone() == (
            2, 10, 3)
        rows = db.execute("SELECT key, verdict, exit_code FROM cases ORDER BY rowid DESC "
                          "LIMIT 5").fetchall()
    assert ("sort.testronaut.yaml::unknown-flag", "fail", 2) in rows

    out = pytester.path / "out"
    report = json.loads((out / "report.json").read_text())
    jsonschema.validate(report, schema())
    assert report["totals"]["cases"] == 5 and report["totals"]["fail"] == 2
    assert report["regressions"] == ["sort.testronaut.yaml::plain"]
    assert [t["total"] for t in report["trend"]] == [5, 5]
    cases = {c["key"]: c for c in report["cases"]}
    plain = cases["sort.testronaut.yaml::plain"]
    assert plain["category"] == "output mismatch"
    assert plain["commands"][0]["stdout"] == "a\nb\n"
    assert "\n+a\n" in plain["checks"][0]["diff"]
    step = cases["sort.testronaut.yaml::flow::two"]
    assert (step["case_id"], step["step"], step["verdict"]) == ("flow", "two", "pass")
    assert report["run"]["tools"]["sort"]["image_id"].startswith("sha256:")
    assert cases["sort.testronaut.yaml::unknown-flag"]["category"] == "wrong exit code"
    assert report["coverage"][0]["tool"] == "sort"

    markdown = (out / "report.md").read_text()
    assert "❌ **5 cases**: 3 passed, 2 failed, 0 inconclusive, 0 errors, 0 skipped" in markdown
    assert "### Regressions (1)" in markdown
    assert summary.read_text() == markdown
    html = (out / "report.html").read_text()
    assert "Failures (2)" in html and "sort: unrecognized option" in html

    junit = ET.parse(pytester.path / "junit.xml")
    props = {(case.get("name"), p.get("name")): p.get("value")
             for case in junit.iter("testcase") for p in case.iter("property")}
    assert props[("plain", "testronaut_verdict")] == "fail"
    assert props[("plain", "testronaut_category")] == "output mismatch"
    assert props[("reverse", "testronaut_tier")] == "exact"
    assert props[("reverse", "testronaut_cost")] == "0.000000"


def test_workers_send_their_records_to_the_controller(pytester: pytest.Pytester) -> None:
    for name in ("one", "two"):
        (pytester.path / f"{name}.testronaut.yaml").write_text(
            PLAN.format(plain="a\\nb\\n").replace("id: flow", f"id: flow-{name}"))
    result = _run(pytester, "-n", "2", "--testronaut-report=out", "--testronaut-retention=0")
    result.assert_outcomes(passed=8, failed=2)
    report = json.loads((pytester.path / "out" / "report.json").read_text())
    assert report["totals"]["cases"] == 10
    assert {c["plan"] for c in report["cases"]} == {"one.testronaut.yaml", "two.testronaut.yaml"}
    assert report["trend"] == []  # no store: retention 0
    assert not (pytester.path / ".testronaut").exists()


def test_a_bad_spec_file_is_reported_not_fatal(pytester: pytest.Pytester) -> None:
    (pytester.path / "p.testronaut.yaml").write_text(
        "version: 1\ntool: echo\ncases:\n  - id: hi\n    command: echo hi\n    exit: 0\n")
    result = _run(pytester, "--testronaut-report=out", "--testronaut-report-spec=missing.json")
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["*results store and reports not written: "
                                 "--testronaut-report-spec missing.json: cannot read a CLI spec*"
                                 "testronaut analyze TOOL --json*"])


def test_steps_slower_than_the_baseline_are_in_the_report(pytester: pytest.Pytester) -> None:
    plan = pytester.path / "nap.testronaut.yaml"
    plan.write_text("version: 1\ntool: sleep\ncases:\n  - id: nap\n    command: sleep 0.05\n"
                    "    exit: 0\n")
    measure = ("--testronaut-baseline-rounds=1", "--testronaut-baseline-measures=wall")
    _run(pytester, "--testronaut-baseline-save=base", *measure).assert_outcomes(passed=1)
    plan.write_text(plan.read_text().replace("sleep 0.05", "sleep 1"))
    result = _run(pytester, "--testronaut-baseline-compare=base", *measure,
                  "--testronaut-report=out")
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["slower than the baseline: 1 step(s), nap.testronaut.yaml::nap"])
    report = json.loads((pytester.path / "out" / "report.json").read_text())
    [slower] = report["baseline_regressions"]
    assert (slower["case"], slower["metric"], slower["check"]) == (
        "nap.testronaut.yaml::nap", "wall", "median:20%")
    assert slower["change"].startswith("+")
    assert "### Slower than the baseline (1)" in (pytester.path / "out" / "report.md").read_text()
    # the store keeps the comparison with the run, beside the step's own timings
    with sqlite3.connect(pytester.path / ".testronaut" / "results.sqlite") as db:
        info = db.execute("SELECT info FROM runs ORDER BY id DESC LIMIT 1").fetchone()[0]
        timed = db.execute("SELECT duration FROM steps WHERE key = 'nap.testronaut.yaml::nap'"
                           " ORDER BY run DESC LIMIT 1").fetchone()[0]
    assert json.loads(info)["baseline_regressions"] == [slower]
    assert timed >= 1.0


def test_a_pass_after_a_rerun_is_flaky(pytester: pytest.Pytester) -> None:
    pytest.importorskip("pytest_rerunfailures")
    # Fails the first time (the sandbox is shared, so the marker file stays), then passes.
    (pytester.path / "once.testronaut.yaml").write_text(
        "version: 1\ntool: sh\ncases:\n  - id: second-time-lucky\n"
        "    command: test -e seen || { touch seen; exit 1; }\n    exit: 0\n")
    result = _run(pytester, "--reruns=1", "--testronaut-report=out", "--junitxml=junit.xml")
    assert result.parseoutcomes() == {"passed": 1, "rerun": 1}
    # each attempt's <testcase> carries the properties once, of its own attempt
    attempts = ET.parse(pytester.path / "junit.xml").getroot().iter("testcase")
    properties = [[(p.get("name"), p.get("value")) for p in case.iter("property")]
                  for case in attempts]
    assert [dict(p)["testronaut_verdict"] for p in properties] == ["fail", "pass"]
    assert all(len(p) == len(dict(p)) == 4 for p in properties), properties
    report = json.loads((pytester.path / "out" / "report.json").read_text())
    [case] = report["cases"]
    assert (case["verdict"], case["reruns"], case["flaky"]) == ("pass", 1, True)
    assert report["flaky"][0]["case"] == "once.testronaut.yaml::second-time-lucky"
    result.stdout.fnmatch_lines(["flaky cases: once.testronaut.yaml::second-time-lucky"])


def test_help_drift_between_two_runs_names_the_stale_case(pytester: pytest.Pytester,
                                                          tmp_path: Path) -> None:
    from pytest_testronaut.analysis.spec import CliSpec, Command, Option

    (pytester.path / "sort.testronaut.yaml").write_text(
        "version: 1\ntool: sort\ncases:\n  - id: reverse\n"
        "    command: printf 'a\\nb\\n' | sort --reverse\n    exit: 0\n")

    def spec_file(name: str, flag: str) -> str:
        spec = CliSpec(tool="sort", version=name, root=Command(name="sort", path=["sort"], options=[
            Option(flags=["-r", flag], description="reverse the result of comparisons"),
            Option(flags=["-u", "--unique"], description="output only the first of equal lines")]))
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps({"tool": "sort", "spec": spec.model_dump(mode="json")}))
        return f"--testronaut-report-spec={path}"

    _run(pytester, spec_file("1.0", "--reverse")).assert_outcomes(passed=1)
    _run(pytester, spec_file("2.0", "--descending"), "--testronaut-report=out").assert_outcomes(
        passed=1)
    report = json.loads((pytester.path / "out" / "report.json").read_text())
    [drift] = report["drift"]
    assert (drift["version_before"], drift["version_now"]) == ("1.0", "2.0")
    assert drift["options_renamed"] == [{"before": "sort --reverse", "now": "sort --descending"}]
    assert drift["stale_cases"] == [{"case": "sort.testronaut.yaml::reverse",
                                     "uses": ["sort --reverse"]}]
    [coverage] = report["coverage"]
    # today's help: `sort --reverse` is unknown, so only... nothing of it is exercised
    assert coverage["options"] == {"total": 2, "covered": 0, "percent": 0.0,
                                   "missing": ["sort --descending", "sort --unique"],
                                   "help_only": []}
    markdown = (pytester.path / "out" / "report.md").read_text()
    assert "- renamed: `sort --reverse` → `sort --descending`" in markdown


HAND_WRITTEN = """\
import pytest


def test_sort_reverses(testronaut_env):
    result = testronaut_env.run("printf 'a\\\\nb\\\\n' | sort -r")
    assert result.stdout == "b\\na\\n"


@pytest.mark.slow_tool
def test_sort_orders(testronaut_env):
    testronaut_env.run(["sort", "--version"])
    result = testronaut_env.run("printf 'b\\\\na\\\\n' | sort")
    assert result.stdout == "b\\na\\n", "sort did not keep the order this test wants"


def test_not_a_testronaut_test():
    assert True
"""


def test_hand_written_tests_are_stored_and_reported(pytester: pytest.Pytester,
                                                    tmp_path: Path) -> None:
    from pytest_testronaut.analysis.spec import CliSpec, Command, Option

    pytester.makepyfile(test_cli=HAND_WRITTEN)
    pytester.makeini("[pytest]\nmarkers =\n    slow_tool: a slow one\n")
    sort_spec = CliSpec(tool="sort", version="9", root=Command(name="sort", path=["sort"], options=[
        Option(flags=["-r", "--reverse"], description="reverse"),
        Option(flags=["--version"], description="print the version"),
        Option(flags=["-u", "--unique"], description="unique")]))
    spec_file = tmp_path / "sort.json"
    spec_file.write_text(json.dumps({"tool": "sort", "spec": sort_spec.model_dump(mode="json")}))
    # No --testronaut: asking for a report is enough to record hand-written tests.
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "--testronaut-report=out",
                                           f"--testronaut-report-spec={spec_file}", timeout=180)
    result.assert_outcomes(passed=2, failed=1)
    result.stdout.fnmatch_lines(["verdicts by tier: hand-written: 1 fail, 1 pass",
                                 "*slowest steps:*",
                                 "report: *report.html (also report.md, report.json)"])

    report = json.loads((pytester.path / "out" / "report.json").read_text())
    jsonschema.validate(report, schema())
    cases = {c["key"]: c for c in report["cases"]}
    assert set(cases) == {"test_cli.py::test_sort_reverses", "test_cli.py::test_sort_orders"}
    failed = cases["test_cli.py::test_sort_orders"]
    assert (failed["kind"], failed["verdict"], failed["category"], failed["tier"]) == (
        "test", "fail", "assertion failed", None)
    assert "sort did not keep the order this test wants" in failed["message"]
    assert [c["command"] for c in failed["commands"]] == [
        "sort --version", "printf 'b\\na\\n' | sort"]
    assert failed["commands"][1]["stdout"] == "a\nb\n"
    assert failed["tags"] == ["slow_tool"]
    assert failed["location"] == "test_cli.py:9"  # where pytest says it starts: the decorator
    assert cases["test_cli.py::test_sort_reverses"]["verdict"] == "pass"
    assert report["tiers"] == {"hand-written": {"pass": 1, "fail": 1}}
    # their commands count for the CLI coverage: -r and --version, not --unique
    [coverage] = report["coverage"]
    assert coverage["options"]["missing"] == ["sort --unique"]
    html = (pytester.path / "out" / "report.html").read_text()
    assert "2 are hand-written tests" in html and "sort did not keep the order" in html
    assert "(2 of them hand-written tests)" in (pytester.path / "out" / "report.md").read_text()

    with sqlite3.connect(pytester.path / ".testronaut" / "results.sqlite") as db:
        rows = db.execute("SELECT key, verdict, exit_code FROM cases ORDER BY key").fetchall()
        steps = db.execute("SELECT key, command FROM steps ORDER BY rowid").fetchall()
    assert rows == [("test_cli.py::test_sort_orders", "fail", 0),
                    ("test_cli.py::test_sort_reverses", "pass", 0)]
    assert ("test_cli.py::test_sort_orders", "sort --version") in steps


def test_help_drift_against_the_spec_the_plan_was_generated_from(
        pytester: pytest.Pytester, tmp_path: Path) -> None:
    from pytest_testronaut.analysis.spec import CliSpec, Command, Option
    from pytest_testronaut.cli import main

    def spec_file(version: str, reverse: str, *more: Option) -> Path:
        spec = CliSpec(tool="sort", version=version, root=Command(
            name="sort", path=["sort"], options=[
                Option(flags=["-r", reverse], description="reverse the result of comparisons"),
                Option(flags=["-u", "--unique"], description="output only the first of equal "
                                                             "lines"), *more]))
        path = tmp_path / f"{version}.json"
        path.write_text(json.dumps({"tool": "sort", "spec": spec.model_dump(mode="json")}))
        return path

    plan = pytester.path / "sort.testronaut.yaml"
    assert main(["generate", "--spec", str(spec_file("1.0", "--reverse")), "-o", str(plan),
                 "--no-llm", "-q"]) == 0
    assert "generated_from:\n  digest: " in plan.read_text()
    assert (pytester.path / "sort.testronaut.spec.json").is_file()
    # A run the previous-run comparison would see nothing in: the same help as now.
    today = spec_file("2.0", "--descending", Option(flags=["-z", "--zero-terminated"],
                                                     description="lines end with NUL"))
    for record in (["--testronaut-record"], []):  # as a user would: record, then test
        result = _run(pytester, "-k", "reverse or unique", f"--testronaut-report-spec={today}",
                      "--testronaut-report=out", *record)
        result.assert_outcomes(passed=2, deselected=4)
    assert "generated_from:\n  digest: " in plan.read_text()  # recording kept it
    result.stdout.fnmatch_lines([
        "help drift of sort since sort.testronaut.yaml was generated: 1 option(s) added, "
        "1 renamed",
        "  renamed: sort --reverse -> sort --descending",
        "  added: sort --zero-terminated",
        "  stale: sort.testronaut.yaml::reverse-numbers uses sort --reverse",
    ])
    report = json.loads((pytester.path / "out" / "report.json").read_text())
    jsonschema.validate(report, schema())
    [drift] = report["drift"]  # none against the previous run: it had today's help too
    assert (drift["against"], drift["plan"], drift["version_before"], drift["version_now"]) == (
        "plan", "sort.testronaut.yaml", "1.0", "2.0")
    assert drift["stale_cases"] == [{"case": "sort.testronaut.yaml::reverse-numbers",
                                     "uses": ["sort --reverse"]}]
    assert "### Help drift of `sort` since `sort.testronaut.yaml` was generated" in (
        pytester.path / "out" / "report.md").read_text()

    # A file beside the plan that is not the spec the plan names is refused, and the
    # results store's copy with the right digest serves once a run analyzed that help.
    (pytester.path / "sort.testronaut.spec.json").write_text(today.read_text())
    args = ("-k", "reverse", "--testronaut-report=out")
    result = _run(pytester, *args, f"--testronaut-report-spec={today}")
    result.stdout.fnmatch_lines([
        "sort.testronaut.spec.json does not match the digest * sort.testronaut.yaml records "
        "(generated_from): not used for help drift",
        "help drift of sort.testronaut.yaml: the spec it was generated from (digest *) is "
        "neither in sort.testronaut.spec.json beside it nor in the results store; regenerate "
        "the plan to save it"])
    _run(pytester, *args, f"--testronaut-report-spec={spec_file('1.0', '--reverse')}")
    result = _run(pytester, *args, f"--testronaut-report-spec={today}")
    result.stdout.fnmatch_lines(["help drift of sort since sort.testronaut.yaml was generated: *"])


def test_a_command_run_only_with_help_is_not_covered_but_help_only(
        pytester: pytest.Pytester, tmp_path: Path) -> None:
    from pytest_testronaut.analysis.spec import CliSpec, Command, Option

    # "sort" with two made-up subcommands; the real sort reads them as file names
    help_flag = Option(flags=["--help"], description="display this help and exit")
    sort_spec = CliSpec(tool="sort", version="9", root=Command(
        name="sort", path=["sort"], options=[help_flag], subcommands=[
            Command(name="merge", path=["sort", "merge"], options=[help_flag]),
            Command(name="check", path=["sort", "check"])]))
    spec_file = tmp_path / "sort.json"
    spec_file.write_text(json.dumps({"tool": "sort", "spec": sort_spec.model_dump(mode="json")}))
    (pytester.path / "sort.testronaut.yaml").write_text(
        "version: 1\ntool: sort\ncases:\n"
        "  - id: merge-help\n    command: sort merge --help\n    exit: 0\n"
        "  - id: check\n    command: sort check < /dev/null\n    exit: failure\n")
    result = _run(pytester, "--testronaut-report=out", f"--testronaut-report-spec={spec_file}")
    result.assert_outcomes(passed=2)
    result.stdout.fnmatch_lines(["CLI coverage of sort: * (help only: 1 command(s))"])
    report = json.loads((pytester.path / "out" / "report.json").read_text())
    jsonschema.validate(report, schema())
    [coverage] = report["coverage"]
    assert coverage["commands"] == {"total": 2, "covered": 1, "percent": 50.0,
                                    "missing": ["sort merge"], "help_only": ["sort merge"]}
    assert coverage["options"]["missing"] == ["sort --help"]  # merge's --help is covered
    markdown = (pytester.path / "out" / "report.md").read_text()
    assert "- commands: 1/2 (help only: 1); not exercised: `sort merge`" in markdown
