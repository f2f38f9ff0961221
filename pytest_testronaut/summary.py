"""The terminal section of a ``--testronaut`` run, written by the controller from the
states of every process (its own and each xdist worker's), merged here."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .plans.record import Recording


def write_summary(tr: Any, states: Sequence[Mapping[str, Any]], *,
                  plan_outcomes: Mapping[str, int], written: Mapping[str, int],
                  recordings: Sequence[Recording], rootpath: Path) -> None:
    """One ``testronaut`` section (and ``testronaut record`` when plans were written).

    ``plan_outcomes``: how many plan items ended with each outcome (``passed``,
    ``failed``...), each item once, and under ``rerun`` how many attempts
    pytest-rerunfailures made again."""
    counts: Counter[str] = Counter()
    passed: list[str] = []
    for state in states:
        counts.update(state.get("counts", {}))
        passed.extend(state.get("passed_inconclusive", []))
    tr.write_sep("-", "testronaut")
    cases = {what: n for what, n in plan_outcomes.items() if what != "rerun"}
    if cases:
        reruns = plan_outcomes.get("rerun", 0)
        tr.write_line("plan cases: " + ", ".join(
            f"{n} {what}" for what, n in sorted(cases.items()))
            + (f" ({reruns} rerun{'s' if reruns != 1 else ''})" if reruns else ""))
    tr.write_line(f"sandboxes started: {counts.get('sandboxes', 0)}")
    _write_usage(tr, [s["usage"] for s in states if s.get("usage")])
    if passed:
        tr.write_line(f"{len(passed)} inconclusive check(s) passed by "
                      "--testronaut-inconclusive=pass:", yellow=True)
        for line in passed[:10]:
            tr.write_line(f"  {line}")
        _write_more(tr, len(passed), 10)
    _write_results(tr, states, recording=bool(written or recordings))
    swept = {k[6:]: v for k, v in counts.items() if k.startswith("swept ") and v}
    if swept:
        tr.write_line("removed leftovers of dead runs: "
                      + ", ".join(f"{n} {w}" for w, n in swept.items()), yellow=True)
    if written:
        _write_recorded(tr, written, recordings, rootpath)


def _write_more(tr: Any, total: int, shown: int) -> None:
    """``  ... and N more`` under a list cut to ``shown`` of its ``total`` lines."""
    if total > shown:
        tr.write_line(f"  ... and {total - shown} more")


def _listed(names: Sequence[str], shown: int) -> str:
    """``a, b, c`` or ``a, b and 3 more``: a list on one line, cut to ``shown``."""
    more = len(names) - shown
    return ", ".join(names[:shown]) + (f" and {more} more" if more > 0 else "")


def _write_results(tr: Any, states: Sequence[Mapping[str, Any]], *,
                   recording: bool = False) -> None:
    """Verdicts by deciding tier, inconclusive checks, the slowest steps, and what the
    results store and the reports say; more lines with -v, fewer with -q. A list cut
    short says how many more it has. ``recording``: cases no check decided were
    recorded (``--testronaut-record``)."""
    cases: dict[str, Mapping[str, Any]] = {}
    outcome: Mapping[str, Any] = {}
    for state in states:
        report = state.get("report") or {}
        cases.update(report.get("cases", {}))
        outcome = report.get("outcome") or outcome
    verbosity = int(getattr(tr, "verbosity", 0))
    lines = 3 if verbosity <= 0 else 10 if verbosity == 1 else 50
    if cases:
        tiers: dict[str, Counter[str]] = {}
        for case in cases.values():
            tier = case.get("tier") or ("hand-written" if case.get("kind") == "test"
                                        else "recorded" if recording else "no tier")
            tiers.setdefault(tier, Counter())[case["verdict"]] += 1
        # "exact: 3 pass; recorded: 16 pass": the tier, then what it decided
        tr.write_line("verdicts by tier: " + "; ".join(
            f"{tier}: " + ", ".join(f"{n} {v}" for v, n in sorted(c.items()))
            for tier, c in sorted(tiers.items())))
        undecided = [(key, [ch.get("explanation") or ch["check"] for ch in case["checks"]
                            if ch.get("inconclusive")]) for key, case in cases.items()]
        undecided = [(key, why) for key, why in undecided if why]
        if undecided and verbosity >= 0:
            tr.write_line(f"inconclusive checks: {len(undecided)}", yellow=True)
            for key, why in undecided[:lines]:
                tr.write_line(f"  {key}: {'; '.join(why)[:200]}")
            _write_more(tr, len(undecided), lines)
        steps = sorted(((run["duration"], run["command"], key) for key, case in cases.items()
                        for run in case.get("commands", ())), reverse=True)[:lines]
        if steps and verbosity >= 0:
            from .verify.checks import escape_nonprintable

            tr.write_line("slowest steps:")
            for duration, command, key in steps:
                shown = escape_nonprintable(command[:80])  # a NUL or ESC is no terminal's
                tr.write_line(f"  {duration:7.2f}s  {shown}  ({key})")
    if not outcome:
        return
    if outcome.get("error"):
        tr.write_line(f"results store and reports not written: {outcome['error']}", red=True)
        return
    slower = outcome.get("baseline_regressions", [])
    if slower:  # the table is the "testronaut baselines" section's
        tr.write_line(f"slower than the baseline: {len(slower)} step(s), "
                      f"{_listed(sorted({r['case'] for r in slower}), lines)}", yellow=True)
    if outcome.get("regressions"):
        tr.write_line(f"regressions (passed in the previous run): {len(outcome['regressions'])}",
                      red=True)
        for key in outcome["regressions"][:lines]:
            tr.write_line(f"  {key}")
        _write_more(tr, len(outcome["regressions"]), lines)
    if outcome.get("flaky"):
        tr.write_line(f"flaky cases: {_listed(outcome['flaky'], lines)}", yellow=True)
    for tool, percent, *helped in outcome.get("coverage", []):
        if percent is not None:
            help_only = f" (help only: {helped[0]} command(s))" if helped and helped[0] else ""
            tr.write_line(f"CLI coverage of {tool}: {percent:.1f}%{help_only}")
    for drift in outcome.get("drift") or ():
        _write_drift(tr, drift, lines)
    for note in outcome.get("notes", ()):
        tr.write_line(note, yellow=True)
    if outcome.get("files"):
        tr.write_line(f"report: {outcome['files']['html']} (also report.md, report.json)")
    if outcome.get("summary"):
        tr.write_line(outcome["summary"])
    if outcome.get("stored") and verbosity > 0:
        tr.write_line(f"results stored in {outcome['stored']}")


def _write_drift(tr: Any, drift: Mapping[str, Any], lines: int) -> None:
    """What changed in the tool's help, and the cases it made stale."""
    since = (f"since {drift['plan']} was generated" if drift.get("against") == "plan"
             else "since the previous run")
    parts = [f"{len(drift[key])} {what}" for key, what in (
        ("options_added", "option(s) added"), ("options_removed", "option(s) removed"),
        ("options_renamed", "renamed"), ("commands_added", "command(s) added"),
        ("commands_removed", "command(s) removed")) if drift[key]]
    tr.write_line(f"help drift of {drift['tool']} {since}: {', '.join(parts)}", yellow=True)
    for pair in drift["options_renamed"][:lines]:
        tr.write_line(f"  renamed: {pair['before']} -> {pair['now']}")
    _write_more(tr, len(drift["options_renamed"]), lines)
    for key, what in (("options_removed", "removed"), ("options_added", "added")):
        for name in drift[key][:lines]:
            tr.write_line(f"  {what}: {name}")
        _write_more(tr, len(drift[key]), lines)
    for stale in drift["stale_cases"][:lines]:
        tr.write_line(f"  stale: {stale['case']} uses {', '.join(stale['uses'])}")
    _write_more(tr, len(drift["stale_cases"]), lines)


def _write_usage(tr: Any, usages: Sequence[Mapping[str, Any]]) -> None:
    from .llm import Usage

    usage = Usage()
    for data in usages:
        usage.merge(dict(data))
    total = usage.as_dict()
    if not total["calls"] and not total["cache_hits"]:
        return
    tr.write_line(
        f"llm: {total['calls']} calls, {total['cache_hits']} answered from the cache, "
        f"{total['input_tokens']} input / {total['output_tokens']} output tokens, "
        f"${total['cost']:.4f}")
    costly = sorted(total["by_label"].items(), key=lambda kv: -kv[1]["cost"])[:3]
    for label, tally in costly:
        if tally["cost"] > 0:
            tr.write_line(f"  ${tally['cost']:.4f}  {label}")


def _write_recorded(tr: Any, written: Mapping[str, int], recordings: Sequence[Recording],
                    rootpath: Path) -> None:
    tr.write_sep("-", "testronaut record")
    # What each case's own runs taught (holes) or could not settle (notes), per case.
    learned = [rec for rec in recordings if rec.runs > 1 and (rec.holes or rec.notes())]
    if learned:
        runs = max(rec.runs for rec in recordings)
        tr.write_line(f"runs differed ({runs} runs per case): holes learned per case, "
                      "for review:", yellow=True)
        for rec in learned[:20]:
            where = rec.item_id if rec.step is None else f"{rec.item_id} step {rec.step + 1}"
            clock = (f" ({rec.clock_holes} the recording's own time)"
                     if rec.clock_holes else "")
            tr.write_line(f"  {where}: {rec.holes} hole(s){clock}"
                          + "".join(f"; {note}" for note in rec.notes()))
        if len(learned) > 20:
            tr.write_line(f"  ... and {len(learned) - 20} more")
    for path, count in written.items():
        plan = Path(path)
        if plan.is_relative_to(rootpath):
            plan = plan.relative_to(rootpath)
        tr.write_line(f"{plan}: {count} expectation(s) recorded" if count
                      else f"{plan}: nothing to record (all cases reviewed or edited)")
