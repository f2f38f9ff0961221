"""The report document and its HTML, Markdown and JSON, from a store of several runs."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from pytest_testronaut.analysis.spec import Option
from pytest_testronaut.reports import (
    REPORT_VERSION,
    ReportInputs,
    ResultsStore,
    build_report,
    gather,
    render_html,
    render_markdown,
    schema,
    write_reports,
)

from .helpers import failed, passed, run_info, spec


@pytest.fixture
def report(tmp_path: Path) -> dict[str, Any]:
    """Three runs of one build; the third is reported, with the help changed since."""
    store = ResultsStore(tmp_path / "s.sqlite")
    old = spec()
    store.add_run(run_info("r1", started=1000.0), [passed("a", "tool run"), passed("b"),
                                                   passed("flip")], specs={"tool": old.model_dump()})
    store.add_run(run_info("r2", started=2000.0), [passed("a", "tool run"), passed("b"),
                                                   failed("flip")])
    now = spec().model_copy(deep=True)
    now.root.options = [Option(flags=["--loud"], description="say more"),
                        *now.root.options[1:]]
    cases = [passed("a", "tool run -n", duration=1.5),
             failed("b", "tool --verbose remote add x", stderr="tool: no <remote>\n",
                    check="stdout equals", expected="x\n", actual="y\n",
                    diff="--- expected\n+++ actual\n@@ -1 +1 @@\n-x\n+y\n"),
             passed("flip"),
             failed("judged", "tool --color never", inconclusive=True)]
    run = run_info("r3", started=3000.0, cost=0.0123)
    store.add_run(run, cases, specs={"tool": now.model_dump()})
    inputs = gather(store, run, cases, {"tool": now}, stored=True)
    inputs.baseline_regressions = [{"case": "p.yaml::a", "metric": "cpu", "check": "median:20%",
                                    "baseline": "10.0ms", "actual": "25.0ms",
                                    "change": "+150.0%"}]
    return build_report(inputs)


def test_the_document_matches_its_published_schema(report: dict[str, Any]) -> None:
    assert report["version"] == REPORT_VERSION
    jsonschema.validate(report, schema())
    broken = {**report, "totals": {**report["totals"], "pass": "two"}}
    with pytest.raises(jsonschema.ValidationError, match="'two' is not of type 'integer'"):
        jsonschema.validate(broken, schema())
    assert schema()["properties"]["version"]["const"] == REPORT_VERSION


def test_the_document_says_what_changed(report: dict[str, Any]) -> None:
    assert report["totals"] == {"cases": 4, "pass": 2, "fail": 1, "inconclusive": 1,
                                "skip": 0, "error": 0, "duration": 2.0}
    assert report["regressions"] == ["p.yaml::b"]
    assert report["fixed"] == ["p.yaml::flip"]
    assert report["new"] == ["p.yaml::judged"]
    assert [f["case"] for f in report["flaky"]] == ["p.yaml::flip"]
    assert [t["run"] for t in report["trend"]] == ["r1", "r2", "r3"]
    assert report["categories"] == {"output mismatch": 1, "judge inconclusive": 1}
    assert report["inconclusive"] == [{"case": "p.yaml::judged",
                                       "reasons": ["the judge could not tell"]}]
    [drift] = report["drift"]
    assert drift["options_renamed"] == [{"before": "tool --verbose", "now": "tool --loud"}]
    assert drift["stale_cases"] == [{"case": "p.yaml::b", "uses": ["tool --verbose"]}]
    by_command = {c["command"]: (c["pass"], c["fail"]) for c in report["commands"]}
    assert by_command == {"tool run": (2, 0), "tool remote add": (0, 1), "tool": (0, 1)}
    [cov] = report["coverage"]
    assert cov["commands"] == {"total": 3, "covered": 3, "percent": 100.0, "missing": [],
                               "help_only": []}
    assert "tool --loud" in cov["options"]["missing"]
    # under today's help --verbose is unknown, and the case using it exited 1
    assert report["recommendations"][0] == "add a case using `tool --loud`"
    assert report["llm"]["cost"] == 0.0123


def test_markdown_counts_failures_and_coverage(report: dict[str, Any]) -> None:
    text = render_markdown(report)
    assert "❌ **4 cases**: 2 passed, 1 failed, 1 inconclusive, 0 errors, 0 skipped" in text
    # why: the check and what it saw, not the check's name alone
    assert ("| `p.yaml::b` | output mismatch | `tool --verbose remote add x` | stdout equals: "
            "expected 'x', got 'y' |") in text
    assert "| `p.yaml::judged` | judge inconclusive | `tool --color never` | exit: " \
        "the judge could not tell |" in text
    assert "### Regressions (1)\n\n- `p.yaml::b`" in text
    assert "- `p.yaml::flip`: pass → fail → pass" in text
    assert re.search(r"### CLI coverage of `tool`: \d+\.\d%", text)
    assert "- renamed: `tool --verbose` → `tool --loud`" in text
    assert "- `p.yaml::a` cpu: 10.0ms → 25.0ms (+150.0%, median:20%)" in text


def test_html_is_self_contained_and_shows_the_failures(report: dict[str, Any]) -> None:
    html = render_html(report)
    assert "<link" not in html and not re.search(r"(src|href)=\"(https?:)?//", html)
    assert "Failures (2)" in html
    failure = html[html.index('id="failures"'):html.index('id="commands"')]
    assert "p.yaml::b" in failure and "tool: no &lt;remote&gt;" in failure  # escaped
    assert '<span class="del">-x</span>' in failure and '<span class="add">+y</span>' in failure
    assert html.count("<polyline") == 3  # passed, failed and duration trends
    # the charts' scale, and their numbers as a table for reading without a chart
    assert "cases per run (from 0 at the bottom to 3 at the top)" in html
    assert "<td><code>r2</code></td><td>1970-01-01 00:33:20 UTC</td><td class=\"num\">3</td>" \
        "<td class=\"num\">2</td><td class=\"num\">1</td>" in html
    assert "option renamed: <code>tool --verbose</code>" in html
    assert html.count('data-v="pass"') == 2
    assert "<td>median:20%</td><td class=\"num\">10.0ms</td>" in html


def test_files_are_written_and_the_step_summary_appended(report: dict[str, Any],
                                                         tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n")
    files = write_reports(report, tmp_path / "out", step_summary=str(summary))
    assert sorted(p.name for p in files.values()) == [
        "report.html", "report.json", "report.md", "report.schema.json"]
    written = json.loads(files["json"].read_text())
    jsonschema.validate(written, json.loads(files["schema"].read_text()))
    assert summary.read_text().startswith("earlier step\n## testronaut\n")


def test_a_test_that_ran_no_command_is_named_so_by_command() -> None:
    from pytest_testronaut.reports import CaseRecord, ReportInputs

    idle = CaseRecord("t.py::test_idle", "t.py::test_idle", "t.py", "test_idle", kind="test",
                      verdict="error", message="install step failed")
    report = build_report(ReportInputs(run_info("r1"), [idle, passed("a")]))
    assert {c["command"] for c in report["commands"]} == {"(no command)", "tool run"}


def test_cases_are_in_file_order_whichever_worker_finished_first() -> None:
    from pytest_testronaut.reports import CaseRecord, ReportInputs

    cases = [passed("c"), passed("a"), passed("b")]
    for case, line in zip(cases, (30, 4, 12), strict=True):
        case.location = f"p.yaml:{line}"
    idle = CaseRecord("t.py::test_idle", "t.py::test_idle", "t.py", "test_idle", kind="test",
                      verdict="error", message="install step failed", location="t.py:3")
    report = build_report(ReportInputs(run_info("r1"), [idle, *cases]))
    assert [c["case_id"] for c in report["cases"]] == ["a", "b", "c", "test_idle"]
    assert "| `t.py::test_idle` | infrastructure | (no command) | install step failed |" \
        in render_markdown(report)


def test_passed_and_failed_share_one_scale_in_the_trend() -> None:
    from pytest_testronaut.reports.store import StoredRun

    trend = [StoredRun("r1", 1.0, 99, 96, 3, 0, 10.0, 0.0),
             StoredRun("r2", 2.0, 99, 96, 3, 0, 12.0, 0.0)]
    html = render_html(build_report(ReportInputs(run_info("r2"), [passed("a")], trend=trend)))
    # 96 passed at the top, 3 failed near the bottom (0 at y=114, 96 at y=6)
    assert '<polyline points="6.0,6.0 594.0,6.0" fill="none" stroke="#1a7f37"' in html
    assert '<polyline points="6.0,110.6 594.0,110.6" fill="none" stroke="#cf222e"' in html
    assert "(from 0 at the bottom to 96 at the top)" in html


def test_help_only_commands_are_shown_apart_from_covered_ones(report: dict[str, Any]) -> None:
    [cov] = report["coverage"]
    cov["commands"].update(covered=1, percent=33.3, missing=["tool remote", "tool run"],
                           help_only=["tool run"])
    assert "- commands: 1/3 (help only: 1); not exercised: `tool remote`, `tool run`" \
        in render_markdown(report)
    html = render_html(report)
    coverage = html[html.index('id="coverage"'):html.index('id="analysis"')]
    assert "<th class=\"num\" title=\"not covered: only a command line with --help or " \
        "--version named it\">help only</th>" in coverage
    assert "<td>commands</td><td class=\"num\">1</td><td class=\"num\">3</td>" \
        "<td class=\"num\">33.3</td><td class=\"num\">1</td>" in coverage
    assert "<li><code>tool run</code> (help only)</li>" in coverage
    assert "<li><code>tool remote</code></li>" in coverage
    jsonschema.validate(report, schema())
