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
    """One ``testronaut`` section (and ``testronaut record`` when plans were written)."""
    counts: Counter[str] = Counter()
    passed: list[str] = []
    for state in states:
        counts.update(state.get("counts", {}))
        passed.extend(state.get("passed_inconclusive", []))
    tr.write_sep("-", "testronaut")
    if plan_outcomes:
        tr.write_line("plan cases: " + ", ".join(
            f"{n} {what}" for what, n in sorted(plan_outcomes.items())))
    tr.write_line(f"sandboxes started: {counts.get('sandboxes', 0)}")
    _write_usage(tr, [s["usage"] for s in states if s.get("usage")])
    if passed:
        tr.write_line(f"{len(passed)} inconclusive check(s) passed by "
                      "--testronaut-inconclusive=pass:", yellow=True)
        for line in passed[:10]:
            tr.write_line(f"  {line}")
    swept = {k[6:]: v for k, v in counts.items() if k.startswith("swept ") and v}
    if swept:
        tr.write_line("removed leftovers of dead runs: "
                      + ", ".join(f"{n} {w}" for w, n in swept.items()), yellow=True)
    if written:
        _write_recorded(tr, written, recordings, rootpath)


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
    proposed = sorted({r for rec in recordings for r in rec.rules})
    if proposed:
        tr.write_line("runs differed: placeholder rules added to the plan's settings.normalize "
                      "for review:", yellow=True)
        for name, pattern, placeholder in proposed:
            tr.write_line(f"  {name}: /{pattern}/ -> {placeholder}")
    for path, count in written.items():
        where = Path(path)
        if where.is_relative_to(rootpath):
            where = where.relative_to(rootpath)
        tr.write_line(f"{where}: {count} expectation(s) recorded" if count
                      else f"{where}: nothing to record (all cases reviewed or edited)")
