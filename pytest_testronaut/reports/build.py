"""The report document: one JSON-ready dict (version :data:`REPORT_VERSION`, described
by ``report.schema.json``) that the HTML, Markdown and JSON outputs all render."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..analysis.spec import CliSpec
from . import analysis
from .coverage import Coverage, Drift, Used, coverage_of, tool_argv, used_by
from .records import CaseRecord, RunInfo
from .store import Past, ResultsStore, StoredRun

REPORT_VERSION = 1
TREND_RUNS = 30  # runs the trend charts show
FLAKY_RUNS = 10  # recent runs looked at for flakiness
SLOWEST = 10


@dataclass
class ReportInputs:
    """Everything a report is made of."""

    run: RunInfo
    cases: list[CaseRecord]
    specs: dict[str, CliSpec] = field(default_factory=dict)  # tool: its help now
    plan_specs: dict[str, CliSpec] = field(default_factory=dict)  # tool: in the previous run
    # plan (as in CaseRecord.plan): the spec it was generated from (its generated_from)
    origin_specs: dict[str, CliSpec] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # what the report could not do, and why
    trend: list[StoredRun] = field(default_factory=list)
    history: dict[str, list[Past]] = field(default_factory=dict)
    # Steps slower than the baseline (--testronaut-baseline-compare): {"case", "metric",
    # "check", "baseline", "actual", "change"} each, values as text with their units.
    baseline_regressions: list[dict[str, Any]] = field(default_factory=list)


def gather(store: ResultsStore | None, run: RunInfo, cases: list[CaseRecord],
           specs: Mapping[str, CliSpec], *, stored: bool) -> ReportInputs:
    """Inputs from the store: the trend (this run included when ``stored``), earlier
    verdicts of these cases, the spec each tool had before this run."""
    inputs = ReportInputs(run, cases, dict(specs))
    if store is None:
        return inputs
    from .coverage import load_spec

    inputs.trend = store.runs(TREND_RUNS)
    inputs.history = store.history([c.key for c in cases], runs=FLAKY_RUNS,
                                   before=run.run_id if stored else None)
    for tool in specs:
        before = store.latest_spec(tool, before=run.run_id)
        if before is not None:
            inputs.plan_specs[tool] = load_spec(before)
    return inputs


def command_of(case: CaseRecord, used: Used | None = None) -> str:
    """The command and subcommand a case runs (``git remote add``): what it ``used``
    of the tool's spec when there is one, else the tool and its first word when that
    looks like a subcommand."""
    if used is not None:
        return max(used.commands, key=lambda n: len(n.split()))
    argv = tool_argv(case.argv or case.command, case.tool) if case.tool else None
    if argv is None:  # a command around the tool (a shell line): its first word
        return (case.command.split() or [case.tool or "(no command)"])[0]
    # Without a spec: a first word that looks like a name, before any option (after
    # one it may be the option's value: `sort --sort hello`, `sort -k 1K`).
    first = argv[0] if argv else ""
    if first[:1].isalpha() and first.replace("-", "").replace("_", "").isalnum():
        return f"{case.tool} {first}"
    return case.tool


def build_report(inputs: ReportInputs) -> dict[str, Any]:
    """The report document."""
    run = inputs.run
    # File order, not the order xdist workers happened to finish in.
    cases = inputs.cases = sorted(inputs.cases, key=_file_order)
    for case in cases:
        case.category = analysis.categorize(case)
    builds = {tool: run.build_of(tool) for tool in {c.tool for c in cases}}
    flaky = analysis.flaky_cases(cases, inputs.history, builds, run_id=run.run_id,
                                 started=run.started)
    flaky_keys = {f.key for f in flaky}
    regressions, fixed, new = analysis.changes(cases, inputs.history)
    coverages: list[Coverage] = []
    drifts: list[Drift] = []
    unknown: dict[str, list[str]] = {}
    uses: dict[str, Used] = {}  # case key: what it used of its tool's spec
    tests = [c for c in cases if c.kind == "test" and not c.tool]  # hand-written
    for tool, spec in sorted(inputs.specs.items()):
        mine = [c for c in cases if c.tool == tool]
        for case in mine:
            argv = tool_argv(case.argv or case.command, tool)
            if argv is not None:
                uses[case.key] = used_by(spec, argv)
        for case in tests:  # every command of theirs that runs the tool counts
            seen = [used_by(spec, argv) for argv in (tool_argv(r.command, tool)
                                                     for r in case.commands)
                    if argv is not None]
            if seen:
                uses[case.key] = _union(seen)
                mine.append(case)
        for case in mine:
            if case.key in uses and uses[case.key].unknown:
                unknown[case.key] = uses[case.key].unknown
        coverages.append(coverage_of(spec, (uses[c.key] for c in mine if c.key in uses)))
        # Help drift: each plan against the spec it was generated from; the other cases
        # against the spec the previous run of the tool analyzed.
        own = {plan: origin for plan, origin in inputs.origin_specs.items()
               if origin.tool == tool}
        for plan, origin in sorted(own.items()):
            found = analysis_drift(origin, spec, [c for c in mine if c.plan == plan])
            found.against, found.plan = "plan", plan
            if found:
                drifts.append(found)
        previous = inputs.plan_specs.get(tool)
        rest = [c for c in mine if c.plan not in own]
        if previous is not None and (rest or not own):
            found = analysis_drift(previous, spec, rest)
            if found:
                drifts.append(found)
    coverage_dicts = [c.as_dict() for c in coverages]
    verdicts = Counter(c.verdict for c in cases)
    tiers: dict[str, Counter[str]] = defaultdict(Counter)
    by_command: dict[str, Counter[str]] = defaultdict(Counter)
    durations: dict[str, float] = defaultdict(float)
    for case in cases:
        tiers[tier_of(case)][case.verdict] += 1
        name = command_of(case, uses.get(case.key))
        by_command[name][case.verdict] += 1
        durations[name] += case.duration
    slowest = sorted((c for c in cases if c.commands),
                     key=lambda c: -max(s.duration for s in c.commands))[:SLOWEST]
    inconclusive = [{"case": c.key, "reasons": [ch.explanation or ch.check for ch in c.checks
                                                if ch.inconclusive]}
                    for c in cases if any(ch.inconclusive for ch in c.checks)]
    llm = dict(run.llm) if run.llm else {}
    llm.pop("by_label", None)
    report = {
        "version": REPORT_VERSION,
        "run": {
            "id": run.run_id, "started": run.started, "finished": run.finished,
            "duration": round(run.duration, 3), "testronaut_version": run.testronaut_version,
            "tools": run.tools, "args": run.args, "workers": run.workers,
        },
        "totals": {"cases": len(cases), **{v: verdicts.get(v, 0) for v in
                                           ("pass", "fail", "inconclusive", "skip", "error")},
                   "duration": round(sum(c.duration for c in cases), 3)},
        "llm": {k: llm.get(k, 0) for k in ("calls", "cache_hits", "input_tokens",
                                           "output_tokens", "cost")},
        "tiers": {tier: dict(counts) for tier, counts in sorted(tiers.items())},
        "commands": [{"command": name, "pass": counts.get("pass", 0),
                      "fail": sum(counts[v] for v in ("fail", "error", "inconclusive")),
                      "skip": counts.get("skip", 0), "duration": round(durations[name], 3)}
                     for name, counts in sorted(by_command.items())],
        "categories": dict(Counter(c.category for c in cases if c.category)),
        "cases": [{**c.as_dict(), "flaky": c.key in flaky_keys} for c in cases],
        "groups": [g.as_dict() for g in analysis.group_failures(cases)],
        "regressions": regressions,
        "fixed": fixed,
        "new": new,
        "flaky": [f.as_dict() for f in flaky],
        "inconclusive": inconclusive,
        "slowest": [{"case": c.key, "command": (c.last.command if c.last else c.command),
                     "duration": round(max(s.duration for s in c.commands), 3)}
                    for c in slowest],
        "trend": [{"run": t.run_id, "started": t.started, "total": t.total,
                   "passed": t.passed, "failed": t.failed, "skipped": t.skipped,
                   "duration": round(t.duration, 3), "cost": t.cost} for t in inputs.trend],
        "coverage": coverage_dicts,
        "drift": [d.as_dict() for d in drifts],
        "findings": [f.as_dict() for f in analysis.tool_findings(cases, unknown)],
        "recommendations": [r for cov in coverage_dicts for r in analysis.recommendations(cov)],
        "baseline_regressions": list(inputs.baseline_regressions),
        "notes": list(inputs.notes),
    }
    # A model's written summary, when there is one, is added by the caller (the
    # reports know no LLM); until then the note says why there is none.
    report["summary"] = {"analysis": analysis.written_summary(report), "llm": None,
                         "note": "no model configured: the deterministic analysis alone"}
    return report


def _file_order(case: CaseRecord) -> tuple[str, int, str]:
    """A case's file, its line there, its key (workflow steps share a line)."""
    where, _, line = case.location.rpartition(":")
    if not line.isdigit():
        where, line = case.location, "0"
    return (where or case.plan, int(line), case.key)


def tier_of(case: CaseRecord) -> str:
    """The row of "verdicts by tier" a case counts in: its deciding tier; a
    hand-written test's asserts are its own."""
    return case.tier or ("hand-written" if case.kind == "test" else "none")


def _union(uses: Sequence[Used]) -> Used:
    # A test's `tool --help` covers nothing beside the commands it really runs; a test
    # that only asks for help is help only.
    real = [used for used in uses if not used.help_only]
    out = Used(help_only=not real)
    for used in real or uses:
        out.commands |= used.commands
        out.options |= used.options
        out.choices |= used.choices
        out.spelled |= used.spelled
    for used in uses:
        out.help_options |= used.help_options
        out.unknown += [u for u in used.unknown if u not in out.unknown]
    return out


def analysis_drift(before: CliSpec, now: CliSpec, cases: Sequence[CaseRecord]) -> Drift:
    from .coverage import drift

    return drift(before, now, {c.key: (c.argv or c.command) for c in cases})
