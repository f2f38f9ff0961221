"""Deterministic failure analysis: why each case failed, which failures share a cause,
which cases are flaky or regressed, what the tool itself does wrong, and which cases to
add. No model is needed; every conclusion comes from the records."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from .records import CaseRecord
from .store import Past

KILLED_BY = {137: "SIGKILL (out of memory, or killed)", 139: "SIGSEGV (segmentation fault)",
             134: "SIGABRT (aborted)", 143: "SIGTERM", 130: "SIGINT"}
TRACEBACK = re.compile(r"Traceback \(most recent call last\)|panicked at |"
                       r"Exception in thread \"|^\s+at [\w$.]+\([\w.]+:\d+\)|"
                       r"Segmentation fault|core dumped", re.MULTILINE)
ERROR_WORDS = re.compile(r"\b(?:error|invalid|unknown|unrecognized|not found|no such)\b|"
                         r"\busage:", re.IGNORECASE)
_NUMBER = re.compile(r"0x[0-9a-f]+|\b[0-9a-f]{8,}\b|\d+", re.IGNORECASE)
_QUOTED = re.compile(r"(['\"`]).*?\1")
_UNKNOWN_OPTION_ID = re.compile(r"(?:^|-)unknown-option(?:-\d+)?$")


def categorize(case: CaseRecord) -> str | None:
    """Why ``case`` failed; ``None`` when it did not."""
    if not case.failed:
        return None
    if case.verdict == "error":
        return "infrastructure"
    checks = case.checks
    last = case.last
    if any(c.check == "timeout" for c in checks) or (last is not None and last.timed_out):
        return "timeout"
    if last is not None and last.limit_reached:
        return "killed"  # by the sandbox's memory or disk limit, which it names
    if last is not None and last.exit_code is not None and last.exit_code in KILLED_BY \
            and any(c.check == "exit" for c in checks):
        return "killed"
    if case.verdict == "inconclusive" or (checks and all(c.inconclusive for c in checks)):
        return "judge inconclusive"
    if not checks and "no expectation" in case.message:
        return "no expectation"
    if not checks and case.kind == "test" and case.verdict == "fail":
        return "assertion failed"  # a hand-written test's own assert or pytest.fail
    if any(c.check == "exit" for c in checks):
        return "wrong exit code"
    if checks:
        return "output mismatch"
    return "infrastructure"


def signature(case: CaseRecord) -> str:
    """What failures with a common cause share: the category and the first line of
    the error the tool printed (or of the message), numbers and quoted words blanked."""
    last = case.last
    text = ""
    if case.category in ("infrastructure", "assertion failed"):
        text = case.message  # the engine's error; a hand-written test's own assert
    elif last is not None:
        text = last.stderr or (last.stdout if last.exit_code else "")
    if not text and case.checks:
        first = case.checks[0]
        text = f"{first.check}: expected {first.expected[:80]}"
        if first.check == "exit":
            text += f", got {first.actual[:40]}"
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    line = _NUMBER.sub("N", _QUOTED.sub("'…'", line))[:160]
    return f"{case.category}: {line}" if line else str(case.category)


@dataclass
class FailureGroup:
    signature: str
    category: str
    cases: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"signature": self.signature, "category": self.category, "cases": self.cases}


def group_failures(cases: Iterable[CaseRecord]) -> list[FailureGroup]:
    """Failures by common cause, the biggest group first."""
    groups: dict[str, FailureGroup] = {}
    for case in cases:
        if not case.failed:
            continue
        sig = signature(case)
        group = groups.setdefault(sig, FailureGroup(sig, str(case.category)))
        group.cases.append(case.key)
    return sorted(groups.values(), key=lambda g: (-len(g.cases), g.signature))


# --- across runs -------------------------------------------------------------------
@dataclass
class Flaky:
    key: str
    history: list[dict[str, Any]]
    reruns: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {"case": self.key, "reruns": self.reruns, "history": self.history}


def flaky_cases(cases: Sequence[CaseRecord], history: Mapping[str, Sequence[Past]],
                builds: Mapping[str, str], *, run_id: str = "", started: float = 0.0,
                ) -> list[Flaky]:
    """Cases whose verdict changed and changed again across the recent runs of the same
    tool build (this run included), or that passed here only after pytest-rerunfailures
    reran them."""
    found: list[Flaky] = []
    for case in cases:
        build = builds.get(case.tool, "")
        past = [p for p in history.get(case.key, ()) if p.build == build]
        seen = [{"run": p.run_id, "started": p.started, "verdict": p.verdict} for p in past]
        seen += [{"run": run_id, "started": started, "verdict": verdict}  # reruns, then last
                 for verdict in (*case.attempts, case.verdict)]
        decided = [s["verdict"] for s in seen if s["verdict"] in ("pass", "fail", "inconclusive")]
        flips = sum(a != b for a, b in pairwise(decided))
        # One change is a regression or a fix; a change and back again is flakiness.
        if flips >= 2 or (case.reruns and case.verdict == "pass"):
            found.append(Flaky(case.key, seen, case.reruns))
    return found


def changes(cases: Sequence[CaseRecord], history: Mapping[str, Sequence[Past]],
            ) -> tuple[list[str], list[str], list[str]]:
    """Regressions (passed last time, fail now), fixes (the other way round) and new
    cases (never seen before), against each case's most recent earlier run."""
    regressions, fixed, new = [], [], []
    for case in cases:
        past = history.get(case.key)
        if not past:
            new.append(case.key)
            continue
        before = past[-1].verdict
        if before == "pass" and case.failed:
            regressions.append(case.key)
        elif before in ("fail", "error", "inconclusive") and case.verdict == "pass":
            fixed.append(case.key)
    return regressions, fixed, new


# --- about the tool -------------------------------------------------------------------
@dataclass(frozen=True)
class Finding:
    kind: str
    case: str
    command: str
    detail: str

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "case": self.case, "command": self.command,
                "detail": self.detail}


def tool_findings(cases: Iterable[CaseRecord],
                  unknown_options: Mapping[str, list[str]] | None = None) -> list[Finding]:
    """What the runs show about the tool itself: help that exits non-zero, errors
    printed on stdout, an unknown option accepted, a traceback or crash.
    ``unknown_options``: per case key, option words the tool's spec does not know."""
    found: list[Finding] = []
    for case in cases:
        for run in case.commands:
            words = run.command.split()
            helps = "--help" in words or "-h" in words
            if helps and run.exit_code not in (0, None):
                found.append(Finding("help exits non-zero", case.key, run.command,
                                     f"exit code {run.exit_code}"))
            # (help on stdout is where help belongs, whatever words it holds)
            if not helps and run.exit_code not in (0, None) and not run.stderr.strip() \
                    and ERROR_WORDS.search(run.stdout):
                line = next(ln for ln in run.stdout.splitlines() if ERROR_WORDS.search(ln))
                found.append(Finding("error printed on stdout", case.key, run.command,
                                     line.strip()[:200]))
            for stream in (run.stderr, run.stdout):
                match = TRACEBACK.search(stream)
                if match:
                    found.append(Finding("traceback or crash", case.key, run.command,
                                         match.group(0).strip()))
                    break
            unknown = (unknown_options or {}).get(case.key, [])
            if run.exit_code == 0 and (_unknown_option_case(case) or unknown):
                what = ", ".join(unknown) or "an unknown option"
                found.append(Finding("unknown option accepted", case.key, run.command,
                                     f"{what} and exit code 0"))
    return list(dict.fromkeys(found))


def _unknown_option_case(case: CaseRecord) -> bool:
    """A case written to pass an unknown option: generation names it ``unknown-option``
    (``remote-unknown-option`` for a subcommand, ``-2`` and on when repeated); a
    person may tag one ``unknown_option`` (tags are marker names: no ``-``)."""
    return ("unknown_option" in case.tags or "unknown-option" in case.tags
            or _UNKNOWN_OPTION_ID.search(case.case_id) is not None)


def recommendations(coverage: Mapping[str, Any] | None, limit: int = 25) -> list[str]:
    """Cases to add: one line for each subcommand, option and choice no case uses."""
    if not coverage:
        return []
    out = [f"add a case running `{name}`" for name in coverage["commands"]["missing"]]
    out += [f"add a case using `{name}`" for name in coverage["options"]["missing"]]
    out += [f"add a case with `{name}`" for name in coverage["choices"]["missing"]]
    more = len(out) - limit
    return out[:limit] + ([f"... and {more} more (see the coverage section)"] if more > 0 else [])


# --- in words ---------------------------------------------------------------------------
ANALYSIS_LABEL = "Deterministic analysis"


def written_summary(report: Mapping[str, Any]) -> dict[str, Any]:
    """The run in a few sentences, from the report document's own facts (no model):
    what failed and why, the biggest common causes, what to look at first."""
    t = report["totals"]
    failed = t["fail"] + t["error"] + t["inconclusive"]
    if not t["cases"]:
        text = "The run recorded no cases."
    elif not failed:
        text = f"All {t['cases'] - t['skip']} cases that ran passed" + (
            f" ({t['skip']} skipped)." if t["skip"] else ".")
    else:
        kinds = ", ".join(f"{n} {cat}" for cat, n in sorted(report["categories"].items(),
                                                            key=lambda kv: -kv[1]))
        text = f"{failed} of {t['cases']} cases failed" + (f" ({kinds})." if kinds else ".")
        groups = [g for g in report["groups"] if len(g["cases"]) > 1]
        if groups:
            top = groups[0]
            text += (f" The largest common cause covers {len(top['cases'])} cases: "
                     f"{top['signature']}.")
    extra = []
    for key, what in (("regressions", "regression(s) since the previous run"),
                      ("flaky", "flaky case(s)"), ("findings", "finding(s) about the tool"),
                      ("baseline_regressions", "step(s) slower than the baseline")):
        if report[key]:
            extra.append(f"{len(report[key])} {what}")
    stale = sum(len(d["stale_cases"]) for d in report["drift"])
    if stale:
        extra.append(f"{stale} case(s) stale after the tool's help changed")
    if extra:
        text += " " + "; ".join(extra).capitalize() + "."
    # a cause of one failure is not a common one: its case is in the failures already
    causes = [f"{len(g['cases'])} cases: {g['signature']}" for g in report["groups"][:5]
              if len(g["cases"]) > 1]
    steps: list[str] = []
    if report["regressions"]:
        steps.append("look at the regressions first: " + ", ".join(
            f"`{k}`" for k in report["regressions"][:3]))
    steps += [f"{f['kind']} in `{f['command']}`: {f['detail']}" for f in report["findings"][:3]]
    for drift in report["drift"]:
        for stale_case in drift["stale_cases"][:3]:
            steps.append(f"update `{stale_case['case']}`: it uses "
                         + ", ".join(f"`{u}`" for u in stale_case["uses"]))
    steps += list(report["recommendations"][:3])
    return {"source": "analysis", "label": ANALYSIS_LABEL, "text": text, "causes": causes,
            "next_steps": steps, "model": None}
