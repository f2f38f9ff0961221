"""Long case names in the report's charts, measured in headless Chromium: shortened in
the middle with an ellipsis, the whole name in a tooltip, nothing past the chart's
edge; and a skipped step says why in the table of all cases. A screenshot of the
chart is kept (under $ARTIFACTS_DIR, else artifacts/ in CI, else the test's tmp dir)."""

from __future__ import annotations

import re
from pathlib import Path

from pytest_testronaut.reports import CaseRecord, CommandRecord, build_report, gather, render_html
from pytest_testronaut.reports.render import middle

from .helpers import passed, run_info
from .test_html_in_browser import _artifacts, _browse, _console_errors, chromium

__all__ = ["chromium"]  # the fixture, shared with the page's other browser tests

LONG = ("plans/very/deeply/nested/folder/of/the/project/releases.testronaut.yaml::"
        "bump-a-prerelease-with-build-metadata-and-compare-it-to-the-last-one")
# Measures every text of the slowest-steps chart against the chart's own width.
MEASURE = """<script>
var svg = document.querySelector("svg.slowest"), width = svg.viewBox.baseVal.width;
var right = 0;
svg.querySelectorAll("text").forEach(function (t) {
  var box = t.getBBox(); right = Math.max(right, box.x + box.width); });
document.body.setAttribute("data-chart", width + " " + Math.ceil(right));
</script></body>"""


def _report() -> str:
    cases = [passed(f"{LONG}-{n}", "pysemver bump prerelease 1.0.0", duration=3.0 - n)
             for n in range(3)]
    skipped = CaseRecord("p.yaml::flow::check", "p.yaml::flow::check", "p.yaml", "flow",
                         step="check", tool="tool", command="tool check", verdict="skip",
                         kind="step", message="step p.yaml::flow::init failed")
    init = passed("flow::init")
    init.commands = [CommandRecord("tool init", 1, 0.1)]
    return render_html(build_report(gather(None, run_info("long"), [*cases, init, skipped],
                                           {}, stored=False)))


def test_middle_keeps_both_ends() -> None:
    assert middle("short", 10) == "short"
    cut = middle(LONG, 48)
    assert len(cut) == 48 and "…" in cut
    assert cut.startswith("plans/very/") and cut.endswith("compare-it-to-the-last-one")


def test_the_html_names_long_steps_in_full_in_a_tooltip_and_says_why_a_step_skipped() -> None:
    html = _report()
    full = f"p.yaml::{LONG}-0"  # the key: plan and case
    assert f"<title>{full} (3.00s)</title>" in html
    assert f">{middle(full, 48)}</text>" in html
    assert "skipped: step p.yaml::flow::init failed" in html


def test_long_names_fit_the_chart_in_chromium(chromium: str, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_text(_report().replace("</body>", MEASURE, 1), encoding="utf-8")
    dom = _browse(chromium, tmp_path, "--dump-dom", page.as_uri())
    assert _console_errors(dom.stderr) == []
    found = re.search(r'data-chart="([\d.]+) (\d+)"', dom.stdout)
    assert found, dom.stdout[:2000]
    width, right = float(found.group(1)), int(found.group(2))
    assert 0 < right <= width, (right, width)
    shot = _artifacts(tmp_path) / "report-slowest-steps.png"
    shot.unlink(missing_ok=True)
    # tall enough to hold the chart without scrolling (headless shots ignore anchors)
    done = _browse(chromium, tmp_path, f"--screenshot={shot}", "--window-size=1000,1400",
                   "--hide-scrollbars", page.as_uri())
    assert shot.exists(), done.stderr[-3000:]
