"""The report document as files: a self-contained HTML page (jinja2 templates shipped
with the package, inline CSS and SVG, a little optional inline JavaScript), Markdown
for a pull request or a CI step summary, and JSON checked against its schema."""

from __future__ import annotations

import functools
import json
import os
import time
from collections.abc import Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import TestronautError

if TYPE_CHECKING:
    from jinja2 import Environment

SCHEMA_FILE = "report.schema.json"
MARKDOWN_FAILURES = 15  # failures a Markdown summary lists


def schema() -> dict[str, Any]:
    """The published JSON Schema of the report document."""
    text = resources.files(__package__).joinpath(SCHEMA_FILE).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


# --- charts: numbers for the SVG the template draws -------------------------------------
def bar_rows(rows: Sequence[Mapping[str, Any]], width: float = 320.0) -> list[dict[str, Any]]:
    """Stacked pass/fail/skip bars, scaled to the largest row."""
    top = max((r["pass"] + r["fail"] + r["skip"] for r in rows), default=0) or 1
    out = []
    for row in rows:
        p, f, s = (width * row[k] / top for k in ("pass", "fail", "skip"))
        out.append({**row, "w_pass": round(p, 1), "w_fail": round(f, 1), "w_skip": round(s, 1)})
    return out


def line_points(values: Sequence[float], width: float = 600.0, height: float = 120.0,
                pad: float = 6.0, top: float | None = None) -> str:
    """SVG polyline points of ``values`` spread over the width, 0 at the bottom and
    ``top`` (default: the largest value) at the top."""
    if not values:
        return ""
    top = (max(values) if top is None else top) or 1.0
    step = (width - 2 * pad) / max(1, len(values) - 1)
    return " ".join(f"{pad + i * step:.1f},{height - pad - (height - 2 * pad) * v / top:.1f}"
                    for i, v in enumerate(values))


def _most(trend: Sequence[Mapping[str, Any]]) -> float:
    return float(max((max(t["passed"], t["failed"]) for t in trend), default=0))


def diff_lines(diff: str) -> list[tuple[str, str]]:
    """A unified diff as (css class, line) pairs."""
    out = []
    for line in diff.splitlines():
        kind = ("hunk" if line.startswith("@@") else "head" if line.startswith(("---", "+++"))
                else "add" if line.startswith("+") else "del" if line.startswith("-") else "")
        out.append((kind, line))
    return out


def _codes(text: str) -> Any:
    """Text with `quoted` parts as <code>, escaped: HTML for a template."""
    from markupsafe import Markup, escape

    parts = str(text).split("`")
    return Markup("").join(escape(p) if i % 2 == 0 else Markup("<code>%s</code>") % p
                           for i, p in enumerate(parts))


def middle(text: str, width: int) -> str:
    """``text`` shortened to ``width`` characters in the middle, with an ellipsis: the
    start (the plan) and the end (the case) of a long name both stay readable."""
    text = str(text)
    if len(text) <= width:
        return text
    head = (width - 1) * 2 // 5
    return f"{text[:head]}…{text[len(text) - (width - 1 - head):]}"


def _when(stamp: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime(stamp)) if stamp else ""


# --- the three outputs ---------------------------------------------------------------------
@functools.cache
def _environment() -> Environment:
    """The template environment. Compiling the template costs about as much as
    rendering 5,000 rows, so the compiled code is kept in jinja2's bytecode cache (a
    folder of the user's own under the temporary directory) when it can be."""
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
    from jinja2.bccache import BytecodeCache, FileSystemBytecodeCache

    cache: BytecodeCache | None
    try:
        cache = FileSystemBytecodeCache()
    except (OSError, RuntimeError):  # no private folder to be had: compile each time
        cache = None
    env = Environment(loader=PackageLoader(__package__, "templates"),
                      autoescape=select_autoescape(["html", "j2"], default=True),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                      bytecode_cache=cache)
    env.filters["when"] = _when
    env.filters["diff_lines"] = diff_lines
    env.filters["codes"] = _codes
    env.filters["middle"] = middle
    env.tests["length_above_1"] = lambda value: len(value) > 1
    return env


def render_html(report: Mapping[str, Any]) -> str:
    template = _environment().get_template("report.html.j2")
    trend = report["trend"]
    failed = [c for c in report["cases"] if c["verdict"] in ("fail", "error", "inconclusive")]
    return template.render(
        r=report,
        failed=failed,
        # The table of every case, as plain tuples: the biggest part of a big report.
        rows=[(c["key"], c["flaky"], c.get("kind") == "test", c["command"], c["verdict"],
               c["tier"] or "", len(c["commands"]), f"{c['duration']:.2f}",
               f"{c['llm']['cost']:.4f}" if c["llm"].get("cost") else "",
               # why it did not run (an earlier step of its workflow failed, ...)
               (c.get("message") or "") if c["verdict"] == "skip" else "")
              for c in report["cases"]],
        tests=sum(c.get("kind") == "test" for c in report["cases"]),
        bars=bar_rows(report["commands"]),
        # passed and failed on one scale, as the caption says
        trend_pass=line_points([t["passed"] for t in trend], top=_most(trend)),
        trend_fail=line_points([t["failed"] for t in trend], top=_most(trend)),
        trend_time=line_points([t["duration"] for t in trend]),
        slow_top=max((s["duration"] for s in report["slowest"]), default=0.0) or 1.0,
        css=resources.files(__package__).joinpath("templates/report.css").read_text("utf-8"),
        js=resources.files(__package__).joinpath("templates/report.js").read_text("utf-8"),
    )


def render_markdown(report: Mapping[str, Any]) -> str:
    """Short: counts, failures, regressions, flaky cases, coverage, drift, findings."""
    t = report["totals"]
    lines = ["## testronaut", ""]
    icon = "✅" if not (t["fail"] or t["error"] or t["inconclusive"]) else "❌"
    lines.append(f"{icon} **{t['cases']} cases**: {t['pass']} passed, {t['fail']} failed, "
                 f"{t['inconclusive']} inconclusive, {t['error']} errors, {t['skip']} skipped "
                 f"in {report['run']['duration']:.1f}s")
    tests = sum(c.get("kind") == "test" for c in report["cases"])
    if tests:
        lines.append(f"({tests} of them hand-written tests)")
    summary = report["summary"]
    for part in (summary["llm"], summary["analysis"]):
        if part:
            lines += ["", f"**{part['label']}**: {part['text']}"]
    if not summary["llm"] and summary["note"]:
        lines.append(f"({summary['note']})")
    llm = report["llm"]
    if llm["calls"] or llm["cache_hits"]:
        lines.append(f"LLM: {llm['calls']} calls, {llm['cache_hits']} cache hits, "
                     f"{llm['input_tokens'] + llm['output_tokens']} tokens, ${llm['cost']:.4f}")
    failed = [c for c in report["cases"] if c["verdict"] in ("fail", "error", "inconclusive")]
    if failed:
        lines += ["", "### Failures", "", "| case | category | command | why |", "|---|---|---|---|"]
        for case in failed[:MARKDOWN_FAILURES]:
            command = f"`{_md(case['command'])}`" if case["command"] else "(no command)"
            tries = case.get("attempts") or ()
            tried = f" ({len(tries) + 1} attempts)" if tries else ""
            lines.append(f"| `{_md(case['key'])}`{tried} | {case['category'] or ''} | "
                         f"{command} | {_md(_why(case))} |")
        if len(failed) > MARKDOWN_FAILURES:
            lines.append(f"\n… and {len(failed) - MARKDOWN_FAILURES} more (see the HTML report)")
    for title, keys in (("Regressions", report["regressions"]), ("Fixed", report["fixed"])):
        if keys:
            lines += ["", f"### {title} ({len(keys)})", ""]
            lines += [f"- `{_md(k)}`" for k in keys[:MARKDOWN_FAILURES]]
    if report["flaky"]:
        lines += ["", f"### Flaky ({len(report['flaky'])})", ""]
        for flaky in report["flaky"][:MARKDOWN_FAILURES]:
            seen = " → ".join(h["verdict"] for h in flaky["history"])
            lines.append(f"- `{_md(flaky['case'])}`: {seen}")
    if report["baseline_regressions"]:
        lines += ["", f"### Slower than the baseline ({len(report['baseline_regressions'])})", ""]
        for reg in report["baseline_regressions"][:MARKDOWN_FAILURES]:
            lines.append(f"- `{_md(reg['case'])}` {reg['metric']}: {reg['baseline']} → "
                         f"{reg['actual']} ({reg['change']}, {reg['check']})")
    for cov in report["coverage"]:
        lines += ["", f"### CLI coverage of `{cov['tool']}`: {_pct(cov['percent'])}", ""]
        for part in ("commands", "options", "choices"):
            data = cov[part]
            if data["total"]:
                missing = ", ".join(f"`{_md(m)}`" for m in data["missing"][:8])
                more = len(data["missing"]) - 8
                helped = len(data.get("help_only", ()))
                lines.append(f"- {part}: {data['covered']}/{data['total']}"
                             + (f" (help only: {helped})" if helped else "")
                             + (f"; not exercised: {missing}" if missing else "")
                             + (f" and {more} more" if more > 0 else ""))
    for drift in report["drift"]:
        since = (f"since `{_md(drift['plan'])}` was generated" if drift.get("against") == "plan"
                 else "since the previous run")
        lines += ["", f"### Help drift of `{drift['tool']}` {since}", ""]
        for key, label in (("options_added", "added"), ("options_removed", "removed"),
                           ("commands_added", "commands added"),
                           ("commands_removed", "commands removed")):
            if drift[key]:
                lines.append(f"- {label}: " + ", ".join(f"`{_md(x)}`" for x in drift[key][:10]))
        for pair in drift["options_renamed"]:
            lines.append(f"- renamed: `{_md(pair['before'])}` → `{_md(pair['now'])}`")
        if drift["stale_cases"]:
            lines.append("- stale cases: " + ", ".join(
                f"`{_md(s['case'])}`" for s in drift["stale_cases"][:10]))
    if report["findings"]:
        lines += ["", "### Findings about the tool", ""]
        lines += [f"- {f['kind']}: `{_md(f['command'])}` ({_md(f['detail'])})"
                  for f in report["findings"][:10]]
    return "\n".join(lines) + "\n"


def _why(case: Mapping[str, Any], limit: int = 160) -> str:
    """One line on why a case failed: its first check with its explanation, or with
    what it expected and got; else the first line of its message."""
    def line(text: str) -> str:
        return next((ln.strip() for ln in str(text).splitlines() if ln.strip()), "")

    if not case["checks"]:
        return line(case["message"])[:limit]
    check = case["checks"][0]
    if check["explanation"]:
        text = f"{check['check']}: {line(check['explanation'])}"
    else:
        plain = check["check"] in ("exit", "timeout")  # a code, a sentence: no quotes
        shown = [line(check[k]) for k in ("expected", "actual")]
        shown = [(v if plain else f"'{v}'") if v else "(empty)" for v in shown]
        text = f"{check['check']}: expected {shown[0]}, got {shown[1]}"
    more = len(case["checks"]) - 1
    text = text if len(text) <= limit else text[:limit - 1] + "…"
    return text + (f" (and {more} more check(s))" if more else "")


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("`", "'").replace("\n", " ")


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1f}%"


def render_json(report: Mapping[str, Any]) -> str:
    # Compact: with no indent the encoder written in C does the work (5,000 cases).
    return json.dumps(report, separators=(",", ":"), ensure_ascii=False) + "\n"


def write_reports(report: Mapping[str, Any], directory: Path | str, *,
                  step_summary: str | None = None) -> dict[str, Path]:
    """``report.html``, ``report.md``, ``report.json`` and ``report.schema.json`` in
    ``directory``; the Markdown is also appended to ``step_summary`` (GitHub's
    ``$GITHUB_STEP_SUMMARY``) when given."""
    folder = Path(directory)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        markdown = render_markdown(report)
        files = {"html": folder / "report.html", "markdown": folder / "report.md",
                 "json": folder / "report.json", "schema": folder / SCHEMA_FILE}
        files["html"].write_text(render_html(report), encoding="utf-8")
        files["markdown"].write_text(markdown, encoding="utf-8")
        files["json"].write_text(render_json(report), encoding="utf-8")
        files["schema"].write_text(json.dumps(schema(), indent=2) + "\n", encoding="utf-8")
        if step_summary:
            with open(step_summary, "a", encoding="utf-8") as fh:
                fh.write(markdown)
    except OSError as exc:
        raise TestronautError(f"cannot write the report to {os.fspath(folder)}: {exc}; "
                              "give --testronaut-report a writable folder") from None
    return files
