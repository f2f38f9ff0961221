"""Several command lines in one exec, for help discovery.

Discovery asks the tool for one help text per subcommand; :class:`BatchRunner` puts a
whole level of those calls into one POSIX ``sh`` script run through the same
``run(argv, timeout=...)`` callable (``Sandbox.run``), so a level costs one round trip
to the sandbox instead of one per subcommand. The calls run in ``jobs`` lanes at once
(call ``n`` in lane ``n % jobs``, one after the other there: a Python tool's start is
what costs, and on a shared machine several at once get more of it), each with its
stdin on ``/dev/null`` (as ``Sandbox.run`` without stdin), its stdout, stderr and exit
status in files of its own, and, when the image has a working ``timeout``, under
``timeout -k 2 CALL_TIMEOUT`` so that a call that waits holds up only its lane. When
every lane is done the script prints, per call in order, its stdout, its stderr and
its exit status between marker lines carrying a random token made for that batch (a
tool cannot print it by chance).

A call the batch cannot answer for sure is given back as ``None`` and the caller runs
it alone, so the answers are those of one run per call: a call cut short (the exec's
output limit or timeout), and one whose status is 124 or more (its per-call timeout,
``timeout``'s own failures, a command not found or not executable, a signal: the
shell and the sandbox word these differently). A batch that brings back no answer at
all (a runner that runs no scripts: a test's fake, an image without ``sh`` or a
writable ``/tmp``; or one out of time) is noted, and no batch is tried again.
"""

from __future__ import annotations

import re
import secrets
import shlex
import time
from collections.abc import Callable, Sequence
from typing import Any

from ..sandbox.result import RunResult

CALL_TIMEOUT = 10.0  # seconds a call may take in a batch before it is run alone
JOBS = 4  # calls at once (lanes)
UNSURE_STATUS = 124  # this status and above: the call is run alone (see the module)


def batch_script(token: str, argvs: Sequence[Sequence[str]], *, jobs: int,
                 call_timeout: float) -> str:
    """The ``sh`` script running ``argvs`` in ``jobs`` lanes; see the module."""
    seconds = f"{call_timeout:g}"
    # names of our own (``_tr_``): a variable the tool's environment exports keeps its value
    lines = [f"_tr_k={token}",
             '_tr_d=$(mktemp -d 2>/dev/null) || exit 3',
             f"_tr_g=; timeout -k 2 {seconds} true 2>/dev/null && "
             f"_tr_g='timeout -k 2 {seconds}'"]
    for lane in range(min(jobs, len(argvs))):
        calls = [f'$_tr_g {shlex.join(argvs[n])} </dev/null >"$_tr_d/o{n}" '
                 f'2>"$_tr_d/e{n}"; echo $? >"$_tr_d/s{n}"'
                 for n in range(lane, len(argvs), jobs)]
        lines.append("(\n" + "\n".join(calls) + "\n) &")
    lines.append("wait")
    for n in range(len(argvs)):  # ``[``, ``read`` and ``printf`` are builtins
        lines.append(
            f"printf '\\n%s O {n}\\n' \"$_tr_k\"; "
            f"[ -s \"$_tr_d/o{n}\" ] && cat \"$_tr_d/o{n}\"; "
            f"printf '\\n%s E {n}\\n' \"$_tr_k\"; "
            f"[ -s \"$_tr_d/e{n}\" ] && cat \"$_tr_d/e{n}\"; "
            f"_tr_s=; read -r _tr_s <\"$_tr_d/s{n}\"; "
            f"printf '\\n%s S {n} %s\\n' \"$_tr_k\" \"$_tr_s\"")
    lines.append('rm -rf "$_tr_d"')
    return "\n".join(lines)


def parse_batch(token: str, argvs: Sequence[Sequence[str]], stdout: bytes,
                duration: float) -> list[RunResult | None]:
    """Each call's :class:`RunResult` from the script's ``stdout`` (``None``: not
    reported in full, or a status the batch cannot vouch for). ``duration`` is the
    exec's, shared out evenly: a batch does not time its calls one by one."""
    mark = re.escape(token.encode())
    found: list[RunResult | None] = [None] * len(argvs)
    share = duration / max(len(argvs), 1)
    pattern = re.compile(rb"\n" + mark + rb" O (\d+)\n(.*?)\n" + mark + rb" E \1\n(.*?)\n"
                         + mark + rb" S \1 (\d+)\n", re.DOTALL)
    for match in pattern.finditer(stdout):
        number, status = int(match.group(1)), int(match.group(4))
        if number >= len(argvs) or status >= UNSURE_STATUS:
            continue
        found[number] = RunResult(command=tuple(argvs[number]), exit_code=status,
                                  stdout_bytes=match.group(2), stderr_bytes=match.group(3),
                                  duration=share)
    return found


class BatchRunner:
    """Runs a list of argvs through ``run`` in one exec (see the module).

    ``run`` is called as ``run(["sh", "-c", SCRIPT], timeout=SECONDS)``; ``jobs`` calls
    run at once; ``call_timeout`` bounds each call inside the batch. ``available``
    turns false when a batch came back without a single framed answer (``note`` says
    why), and later batches are not tried.
    """

    def __init__(self, run: Callable[..., Any], *, jobs: int = JOBS,
                 call_timeout: float = CALL_TIMEOUT) -> None:
        if jobs < 1 or call_timeout <= 0:
            raise ValueError("jobs must be 1 or more and call_timeout positive")
        self.run, self.jobs, self.call_timeout = run, jobs, call_timeout
        self.available = True
        self.execs = 0  # batches run
        self.note: str | None = None  # why batches stopped, once they did

    def run_all(self, argvs: Sequence[Sequence[str]], *,
                time_left: float | None = None) -> list[RunResult | None]:
        """The result of each argv, or ``None`` for those the caller must run alone
        (all of them once the runner is found unable). ``time_left`` bounds the exec."""
        if not argvs or not self.available:
            return [None] * len(argvs)
        token = f"@@testronaut-help-{secrets.token_hex(12)}@@"
        script = batch_script(token, argvs, jobs=self.jobs, call_timeout=self.call_timeout)
        per_lane = -(-len(argvs) // self.jobs)
        timeout = 10.0 + per_lane * (self.call_timeout + 3.0)
        if time_left is not None:
            timeout = max(1.0, min(timeout, time_left))
        start = time.monotonic()
        self.execs += 1
        try:
            result = self.run(["sh", "-c", script], timeout=timeout)
        except Exception as exc:  # the runner's own failure: every call runs alone
            self._give_up(f"batched help calls could not run ({exc}); one call per exec")
            return [None] * len(argvs)
        raw = getattr(result, "stdout_bytes", b"")
        found = parse_batch(token, argvs, raw if isinstance(raw, bytes) else b"",
                            time.monotonic() - start)
        if token.encode() not in (raw if isinstance(raw, bytes) else b""):
            why = ("ran out of time" if getattr(result, "timed_out", False) else
                   f"are not answered by this runner (exit {getattr(result, 'exit_code', '?')})")
            self._give_up(f"batched help calls {why}; one call per exec from now on")
        return found

    def _give_up(self, why: str) -> None:
        self.available = False
        self.note = why
