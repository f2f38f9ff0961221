"""How a failed plan case or workflow step reads: :class:`PlanCaseFailure` and its
plain-text report (xdist flattens failure reprs with ``str()``), naming the case, the
command, expected versus actual, the deciding tier, the exit code's meaning and
``file:line``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..sandbox import RunResult
    from .execute import CheckFailure


class PlanCaseFailure(Exception):
    """A plan case or step that did not meet its expectations (or could not run)."""

    def __init__(self, name: str, location: str, *, command: str | None = None,
                 result: RunResult | None = None, failures: list[CheckFailure] | None = None,
                 message: str | None = None) -> None:
        super().__init__(message or name)
        self.name = name
        self.location = location
        self.command = command
        self.result = result
        self.failures = failures or []
        self.message = message

    def render(self) -> str:
        from .execute import NO_EXPECTATION

        what = ", ".join(dict.fromkeys(f.check for f in self.failures)) or (
            "no expectation" if self.message == NO_EXPECTATION else "error")
        lines = [f"{self.location}: {self.name} failed: {what}"]
        if self.command is not None:
            lines.append(f"command: {_cut(self.command, 600)}")
        if self.result is not None:
            r = self.result
            lines.append(f"exit code: {r.exit_code}" + _exit_meaning(r.exit_code)
                         + (" (timed out)" if r.timed_out else "") + f", {r.duration:.2f}s"
                         + (f"; {r.limit_reached}" if r.limit_reached else ""))
        if self.message:
            lines.append(_cut(self.message, 600))
        for failure in self.failures:
            lines.extend(_render_failure(failure))
        # the stdout, unless a failed stdout check shows it already (its diff, or the
        # output it looked at)
        stdout_shown = any(f.check.startswith("stdout") and (f.diff or f.actual)
                           for f in self.failures)
        if self.result is not None and not stdout_shown:
            lines.append("--- stdout ---")
            lines.append(_cut(self.result.stdout).rstrip("\n") or "(empty)")
        # Whatever failed, the stderr often says why (exit 127, "not found"): shown
        # when not empty, unless a failed stderr check shows it already, and, when the
        # exit code was not the expected one, even when empty (which says something too).
        stderr_shown = any(f.check.startswith("stderr") for f in self.failures)
        exit_failed = any(f.check in ("exit", "timeout") for f in self.failures)
        if self.result is not None and not stderr_shown and (self.result.stderr or exit_failed):
            lines.append("--- stderr ---")
            lines.append(_cut(self.result.stderr).rstrip("\n") or "(empty)")
        return "\n".join(lines)


# What a shell's exit codes say (a plan's commands run under sh -c).
_EXIT_MEANINGS = {126: "found but not executable", 127: "command not found"}
_SIGNALS = {2: "SIGINT", 6: "SIGABRT", 9: "SIGKILL", 11: "SIGSEGV", 13: "SIGPIPE",
            15: "SIGTERM"}


def _exit_meaning(code: int) -> str:
    if code in _EXIT_MEANINGS:
        return f" ({_EXIT_MEANINGS[code]})"
    if 128 < code <= 128 + 64:
        name = _SIGNALS.get(code - 128, f"signal {code - 128}")
        return f" (killed by {name})"
    return ""


def _render_failure(f: CheckFailure) -> list[str]:
    state = "inconclusive" if f.inconclusive else "failed"
    out = [f"* {f.check} {state} [tier: {f.tier}]"]
    if f.explanation:  # a judge's words, or a quoted value: escaped like the output
        out.append(f"  {_cut(f.explanation, 1200)}")
    if f.diff:
        out.extend("  " + line for line in f.diff.rstrip("\n").split("\n"))
    else:
        # An empty side says so: a blank after "actual:" reads like a cut-off line.
        out.append(f"  expected: {_one_value(f.expected)}")
        out.append(f"  actual:   {_one_value(f.actual)}")
    return out


def _one_value(text: str) -> str:
    """An expected or actual value after its label: ``(empty)`` when it is, without
    the final line break (which would print as a blank line)."""
    shown = _cut(text, 600)
    if not shown:
        return "(empty)"
    return shown.removesuffix("\n") or repr(shown)


def _cut(text: str, limit: int = 3000) -> str:
    """What a failure report shows of an output: an excerpt, non-printables escaped."""
    from ..verify import excerpt

    return excerpt(text, limit)
