"""The testronaut terminal section sized to the verbosity, from the processes' states."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pytest_testronaut.summary import write_summary

from .helpers import failed, passed


class Terminal:
    """What the summary writes, line by line (the terminal reporter's two methods)."""

    def __init__(self, verbosity: int) -> None:
        self.verbosity = verbosity
        self.lines: list[str] = []

    def write_sep(self, sep: str, title: str) -> None:
        self.lines.append(f"--- {title}")

    def write_line(self, line: str, **markup: Any) -> None:
        self.lines.append(line)


def _states() -> list[dict[str, Any]]:
    cases = [passed(f"p{n}", f"tool p{n}", duration=n / 10) for n in range(8)]
    cases.append(failed("judged", "tool ask", inconclusive=True))
    worker = {"report": {"cases": {c.nodeid: c.as_dict() for c in cases[4:]}}}
    controller = {"report": {"cases": {c.nodeid: c.as_dict() for c in cases[:4]},
                             "outcome": {"regressions": ["p.yaml::p1"], "flaky": ["p.yaml::p2"],
                                         "coverage": [["tool", 42.5, 3]],
                                         "files": {"html": "out/report.html"},
                                         "stored": ".testronaut/results.sqlite",
                                         "baseline_regressions": []}},
                  "usage": {"calls": 3, "cache_hits": 2, "input_tokens": 10,
                            "output_tokens": 5, "cost": 0.5, "by_label": {}}}
    return [controller, worker]


def _lines(verbosity: int) -> list[str]:
    tr = Terminal(verbosity)
    write_summary(tr, _states(), plan_outcomes={"passed": 8}, written={}, recordings=[],
                  rootpath=Path("."))
    return tr.lines


def test_the_section_says_what_the_run_and_its_reports_found() -> None:
    lines = _lines(0)
    assert "verdicts by tier: deterministic: 1 inconclusive; exact: 8 pass" in lines
    assert "llm: 3 calls, 2 answered from the cache, 10 input / 5 output tokens, $0.5000" \
        in lines
    assert lines[lines.index("inconclusive checks: 1") + 1] == \
        "  p.yaml::judged: the judge could not tell"
    slow = lines.index("slowest steps:")
    assert lines[slow + 1].split() == ["0.70s", "tool", "p7", "(p.yaml::p7)"]
    assert not lines[slow + 4].startswith("  ")  # three at the default verbosity
    assert "regressions (passed in the previous run): 1" in lines
    assert "flaky cases: p.yaml::p2" in lines
    assert "CLI coverage of tool: 42.5% (help only: 3 command(s))" in lines
    assert "report: out/report.html (also report.md, report.json)" in lines
    assert not any(line.startswith("results stored in") for line in lines)


@pytest.mark.parametrize(("verbosity", "slowest"), [(-1, 0), (1, 9), (2, 9)])
def test_more_or_fewer_lines_with_the_verbosity(verbosity: int, slowest: int) -> None:
    lines = _lines(verbosity)
    if slowest:
        start = lines.index("slowest steps:") + 1
        shown = [line for line in lines[start:start + 12] if line.startswith("   ")]
        assert len(shown) == slowest  # all nine commands, up to 10 with -v
        assert "results stored in .testronaut/results.sqlite" in lines
    else:
        assert "slowest steps:" not in lines and "inconclusive checks: 1" not in lines


def test_a_store_or_report_error_is_one_red_line() -> None:
    states = [{"report": {"cases": {}, "outcome": {"error": "cannot write the report"}}}]
    tr = Terminal(0)
    write_summary(tr, states, plan_outcomes={}, written={}, recordings=[], rootpath=Path("."))
    assert "results store and reports not written: cannot write the report" in tr.lines
