"""Running candidate command lines in one sandbox, many per exec, for the evidence search.

Generation asks "does this option change the output on this input?" hundreds of times;
one ``docker exec`` per question would take minutes. A :class:`Prober` writes every
input once into a scratch folder of the sandbox, then runs a batch of candidates in one
shell script (:mod:`.probe_script`), :data:`LANES` at once: each candidate in a fresh
copy of its input's folder made for it alone (an option writing a file cannot spoil
another run, in whichever lane), with its input on stdin or ``/dev/null``, under
``timeout`` when the image has it. Its exit status, stdout and
stderr (size and first bytes) come back from that one run; answers are cached, runs
and time are bounded, and every answer is deterministic for the same tool.

The search is bounded in runs, counted the same whatever the machine's speed (a
candidate run ahead counts once asked for, as if run then) and whatever the number of
lanes it ran in, so the plan for a seed does not depend on timing or lanes. The
seconds are a safety net on top: the limit grows with the measured cost of a run (a
Python tool starting an interpreter per run gets up to :data:`TIME_SCALE` times the
time a fast one gets, so its runs fit), it never stops
the search before :data:`MIN_RUNS` runs (the first pass over every option does not
depend on speed), and when it stops it, :meth:`Prober.spent` says so (the options it
left are named in the plan and the terminal as not searched).
"""

from __future__ import annotations

import shlex
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .folder_state import PRELUDE, STATE
from .probe_script import (
    CAN_SETTLE,
    LISTING,
    POOL,
    WAIT_SECONDS,
    WAITS,
    Answer,
    batch_script,
    listing_of,
    parse_batch,
    pool_left,
    pool_path,
    run_path,
)

if TYPE_CHECKING:
    from ..sandbox.config import SandboxConfig

ROOT = "/tmp/testronaut-probe"
CHUNK = 80  # candidates per exec
MIN_RUNS = 200  # runs the time limit never cuts: the first pass, whatever the speed
SLOW_RUN = 2.0  # seconds per candidate an exec's allowance grows to at most
TIME_SCALE = 3.0  # the time limit grows with the cost of a run, up to this many times
LANES = 2  # candidates run at once in an exec (see .probe_script)
# The CPU limit of the sandbox generation runs the tool in: LANES candidates at once
# need as many CPUs (a sandbox's default, 1.0, runs two Python starts one after the
# other); the engine's own count when it has fewer (see ``sandbox.manager``).
GENERATION_CPUS = 2.0


def for_generation(config: SandboxConfig) -> SandboxConfig:
    """A sandbox's config (``SandboxConfig``) as generation runs the tool in it: a CPU
    limit of at least :data:`GENERATION_CPUS`; memory, pids and network as they were."""
    return config.model_copy(update={"cpus": max(config.cpus, GENERATION_CPUS)})


@dataclass(frozen=True)
class Probe:
    """One candidate: ``argv`` run in the folder of ``dataset``, reading it on stdin
    when ``stdin`` (else ``/dev/null``)."""

    argv: tuple[str, ...]
    dataset: str
    stdin: bool = False
    watch: bool = False  # report the files it writes (see ``Outcome.files``)
    state: bool = False  # report its folder's state after the run (see .folder_state)


@dataclass(frozen=True)
class Outcome:
    exit_code: int
    stdout: str
    stderr: str  # its first bytes (``probe_script.STDERR_EXCERPT``)
    # a watched probe's changes to its folder: "TYPE MODE SIZE ./NAME" lines as they
    # were, then as they are (after a tab)
    files: str = ""
    stderr_size: int = 0  # in bytes: 0 when it wrote nothing there
    # a folder-state probe's folder after the run (``folder_state.LISTING``)
    state: str = ""
    # stopped by the prober (see ``timed_out``; None: not known, told by the status)
    stopped: bool | None = None

    def written(self) -> list[str]:
        """The names of the entries a watched probe wrote, changed or removed."""
        return list(dict.fromkeys(line.strip("\t").split(" ", 3)[3]
                                  for line in self.files.splitlines()
                                  if line.strip("\t").count(" ") >= 3))

    @property
    def timed_out(self) -> bool:
        """Whether the prober stopped the run (it waited, or outlasted the exec): its
        status is then the prober's, not the tool's. ``timeout 1 sleep 2`` exiting 124
        by itself is the tool's answer (see ``Prober._batch``)."""
        if self.stopped is not None:
            return self.stopped
        return self.exit_code in (124, 137)

    @property
    def ok(self) -> bool:
        return self.exit_code == 0

    def same(self, other: Outcome | None) -> bool:
        """Indistinguishable for a recorded case: same exit status, and stdouts the
        plan's comparison takes as equal (it discounts runs of spaces, a missing final
        newline, timestamps: a difference only there would not make a case fail);
        the same state of the folder (a case in the folder prints it)."""
        return other is not None and self.exit_code == other.exit_code and \
            self.files == other.files and equivalent(self.stdout, other.stdout) and \
            equivalent(self.state, other.state)


@lru_cache(maxsize=65536)
def equivalent(expected: str, actual: str) -> bool:
    """What a recorded ``stdout: equals`` decides (the verify layer's comparison)."""
    if expected == actual:
        return True
    from ..verify import compare_outputs

    return compare_outputs(expected, actual).passed


class Prober:
    """Runs :class:`Probe` batches through ``run`` (a ``Sandbox.run``-like callable)."""

    def __init__(self, run: Callable[..., Any], datasets: Mapping[str, Mapping[str, str]], *,
                 max_runs: int = 1500, time_budget: float = 45.0,
                 progress: Callable[[str], None] | None = None,
                 wait_seconds: int = WAIT_SECONDS, ahead_room: int | None = None,
                 preludes: Mapping[str, str] | None = None, min_runs: int | None = None,
                 clock: Callable[[], float] = time.monotonic, lanes: int | None = None
                 ) -> None:
        self._run = run
        # candidates at once in an exec (None: LANES); the answers do not depend on it
        self.lanes = LANES if lanes is None else lanes
        if self.lanes < 1:
            raise ValueError("lanes must be 1 or more")
        self.datasets = datasets
        # shell lines run in an input folder once its files are written (the folder
        # of .folder_state: modes, times, symlinks, folders)
        self.preludes = {STATE: PRELUDE} if preludes is None else dict(preludes)
        self.max_runs = max_runs
        self.clock = clock
        self.time_budget = time_budget
        self.deadline = clock() + time_budget
        # the time limit stops nothing before this many runs (default: MIN_RUNS)
        self.min_runs = MIN_RUNS if min_runs is None else min_runs
        self.runs = 0
        self.timed_out_at: int | None = None  # runs when the time limit stopped the search
        self._spent_seconds = 0.0  # in execs of candidates that do not wait
        self._spent_runs = 0  # the candidates of those execs
        self.cache: dict[Probe, Outcome | None] = {}
        self.ahead: dict[Probe, Outcome | None] = {}  # run ahead, not yet asked for
        # how many may run ahead in an exec (None: as many as cost what an exec does)
        self.ahead_room = ahead_room
        self._times: list[tuple[int, float]] = []  # (candidates, seconds) of each exec
        self.progress = progress or (lambda _: None)
        self._ready = False
        self._timeout = ""
        self._settle = False  # waiting candidates are watched (see .probe_script)
        self.wait_seconds = wait_seconds  # how long a candidate that may wait may run
        self.broken: str | None = None
        self.written: set[str] = set()  # what commands wrote when run bare (see .evidence)
        # copies of the folder-state pool used (see .probe_script; POOL: not known)
        self._pool_used = 0

    @property
    def exhausted(self) -> bool:
        """Whether no more candidates run: the sandbox broke, the runs are spent, or
        the time limit (see :meth:`extension`) passed after :attr:`min_runs` runs."""
        if self.broken is not None or self.runs >= self.max_runs:
            return True
        if self.runs >= self.min_runs and self.clock() > self.deadline + self.extension():
            if self.timed_out_at is None:
                self.timed_out_at = self.runs
            return True
        return False

    def run_cost(self) -> float:
        """Seconds a candidate's run has cost so far, measured in the execs of
        candidates that do not wait (0 before any)."""
        return self._spent_seconds / self._spent_runs if self._spent_runs else 0.0

    def extension(self) -> float:
        """Seconds the time limit grows by for this tool: what the run budget would
        take at the measured cost of a run, beyond the limit, at most
        ``TIME_SCALE - 1`` times the limit (a fast tool: none)."""
        if not self._spent_runs:
            return 0.0
        projected = self.run_cost() * self.max_runs
        return min(max(projected - self.time_budget, 0.0),
                   (TIME_SCALE - 1) * self.time_budget)

    def spent(self) -> str:
        """Why the search stopped, for the plan and the terminal: the time limit (a
        safety net: the options left were not searched on this machine) or the runs."""
        if self.broken:
            return self.broken
        if self.timed_out_at is not None:
            limit = self.time_budget + self.extension()
            return (f"not searched: the search's time limit ({limit:.0f} s, a safety net) "
                    f"stopped it after {self.timed_out_at} runs")
        return f"the search budget was spent ({self.max_runs} runs)"

    def _setup(self) -> None:
        self._ready = True
        lines = [f"rm -rf {ROOT} && mkdir -p {ROOT} && cd {ROOT} || exit 3"]
        for name, files in self.datasets.items():
            lines.append(f"mkdir -p {shlex.quote(name)}")
            for path, content in files.items():
                lines.append(f"printf %s {shlex.quote(content)} > "
                             f"{shlex.quote(name)}/{shlex.quote(path)}")
            if name in self.preludes:
                quoted = shlex.quote(name)  # a sandbox without what it needs goes on
                lines.append(f"(cd {quoted} && {self.preludes[name]}) >/dev/null 2>&1 || "
                             f"{{ rm -rf {quoted}; echo no-prelude:{quoted}; }}")
        lines.append("mkdir -p .pristine && cp -Rp $(ls) .pristine/ 2>/dev/null; "
                     f"R={ROOT}; {LISTING}; "
                     "command -v timeout >/dev/null 2>&1 && echo has-timeout; "
                     f"{CAN_SETTLE}")
        try:
            result = self._run(["sh", "-c", "\n".join(lines)], timeout=60)
        except Exception as exc:  # the sandbox is outside our control: say why, go on
            self.broken = f"cannot write the probe inputs: {exc}"
            return
        if result.exit_code != 0:
            self.broken = f"cannot write the probe inputs (exit {result.exit_code})"
            return
        self._pool_used = 0  # the folder was made afresh: the pool will be
        self._timeout = f"timeout -s KILL {self.wait_seconds}" \
            if "has-timeout" in result.stdout else ""
        self._settle = "can-settle" in result.stdout
        self.datasets = {name: files for name, files in self.datasets.items()
                         if f"no-prelude:{name}" not in result.stdout.split()}

    def add_dataset(self, name: str, files: Mapping[str, str]) -> bool:
        """Write one more input folder (an input made from the tool's own output)."""
        if not self._ready:
            self._setup()
        if self.broken:
            return False
        quoted = shlex.quote(name)
        lines = [f"cd {ROOT} && rm -rf {quoted} .pristine/{quoted} && mkdir -p {quoted}"]
        lines += [f"printf %s {shlex.quote(content)} > {quoted}/{shlex.quote(path)}"
                  for path, content in files.items()]
        lines.append(f"cp -Rp {quoted} .pristine/{quoted} && R={ROOT} && {listing_of(quoted)}")
        try:
            result = self._run(["sh", "-c", "\n".join(lines)], timeout=60)
        except Exception:
            return False
        if result.exit_code != 0:
            return False
        self.datasets = {**self.datasets, name: dict(files)}
        return True

    def outcomes(self, probes: Sequence[Probe], ahead: Sequence[Probe] = ()
                 ) -> list[Outcome | None]:
        """The outcome of each probe (``None``: not run, the budget is spent).
        ``ahead``: probes likely asked for next (the next settings of an option's
        search); when ``probes`` need an exec, they run in it too (an exec costs
        more than a few candidates), and count as runs only once asked for."""
        if not self._ready:
            self._setup()
        # which probes run is decided first, by the runs alone, chunk by chunk, the
        # same whether one was run ahead or not (the plan must not depend on timing)
        pending = [p for p in dict.fromkeys(probes) if p not in self.cache]
        allowed: list[Probe] = []
        for start in range(0, len(pending), CHUNK):
            if self.exhausted:
                break
            chunk = pending[start:start + CHUNK]
            self.runs += len(chunk)
            allowed += chunk
        todo: list[Probe] = []
        for probe in allowed:
            if probe in self.ahead:
                self.cache[probe] = self.ahead.pop(probe)
            else:
                todo.append(probe)
        spare = [p for p in dict.fromkeys(ahead) if p not in self.cache
                 and p not in self.ahead and p not in todo] if todo else []
        for start in range(0, len(todo), CHUNK):
            if self.broken:
                break
            chunk = todo[start:start + CHUNK]
            # with a candidate that may wait, the exec takes that long anyway
            waits = self._timeout and any(WAITS.search(w) for p in chunk for w in p.argv[1:])
            room = CHUNK - len(chunk) if waits else min(CHUNK - len(chunk), self._room())
            extra = spare[:room] if start + CHUNK >= len(todo) else []
            got = self._batch([*chunk, *extra])
            self.cache.update(zip(chunk, got, strict=False))
            self.ahead.update(zip(extra, got[len(chunk):], strict=True))
        return [self.cache.get(p) for p in probes]

    def rerun(self, probes: Sequence[Probe]) -> list[Outcome | None]:
        """Run ``probes`` again, past the cache and the run budget (to tell
        nondeterministic output)."""
        out: list[Outcome | None] = []
        for start in range(0, len(probes), CHUNK):
            chunk = list(probes[start:start + CHUNK])
            if self.broken:
                out += [None] * len(chunk)
                continue
            self.runs += len(chunk)
            out += self._batch(chunk)
        return out

    def outcome(self, probe: Probe) -> Outcome | None:
        return self.outcomes([probe])[0]

    def _room(self) -> int:
        """How many probes may run ahead in an exec: ``ahead_room``, else as many as
        take the time an exec's own cost is (``T = E + c n`` fitted to the last
        execs' times): many for a tool that answers in milliseconds, none for one that
        starts a Python interpreter, none before the first execs are timed."""
        if self.ahead_room is not None:
            return self.ahead_room
        times = self._times[-200:]
        if len(times) < 5:
            return 0
        mean_n = sum(n for n, _ in times) / len(times)
        mean_t = sum(t for _, t in times) / len(times)
        spread = sum((n - mean_n) ** 2 for n, _ in times)
        if spread == 0:
            return 0
        per_candidate = sum((n - mean_n) * (t - mean_t) for n, t in times) / spread
        per_exec = mean_t - per_candidate * mean_n
        if per_exec <= 0:
            return 0
        return CHUNK if per_candidate <= 0 else int(per_exec / per_candidate + 1e-6)

    def exec_allowance(self, candidates: int, groups: int, guarded: bool = False) -> float:
        """Seconds one exec of ``candidates`` may take before it counts as waiting:
        a fixed part, the waiting groups' waits, and per candidate twice the measured
        cost of a run (at least 0.2 s, at most :data:`SLOW_RUN` s), so a loaded machine
        or a slow interpreter does not send working candidates to the guarded rerun,
        where each is killed after 3 s."""
        wait = (self.wait_seconds + 1) * groups
        if guarded:
            return 15.0 + wait + 0.5 * candidates
        return 8.0 + wait + candidates * min(max(0.2, 2 * self.run_cost()), SLOW_RUN)

    def _batch(self, chunk: Sequence[Probe], guarded: bool = False) -> list[Outcome | None]:
        """One exec for ``chunk``. Candidates run bare (a process start is what costs);
        when the batch hits its timeout (a candidate waits forever: ``tail -f``), the
        chunk runs again with each candidate under ``timeout``."""
        script, groups = batch_script(ROOT, chunk, timeout=self._timeout,
                                      settle=self._settle, guarded=guarded,
                                      wait_seconds=self.wait_seconds,
                                      pool_used=self._pool_used, lanes=self.lanes)
        budget = self.exec_allowance(len(chunk), groups, guarded)
        try:
            start = time.monotonic()
            result = self._run(["sh", "-c", script], timeout=budget)
            took = time.monotonic() - start
            if not groups:  # waiting candidates would time the wait, not the exec
                self._times.append((len(chunk), time.monotonic() - start))
                self._spent_seconds += time.monotonic() - start
                self._spent_runs += len(chunk)
        except Exception as exc:
            self.broken = f"probe run failed: {exc}"
            return [None] * len(chunk)
        left = pool_left(result.stdout)
        if any(p.state for p in chunk):  # not said: cut short, the pool is copied afresh
            self._pool_used = POOL if left is None else POOL - left
        if getattr(result, "timed_out", False) and not guarded:
            if not self._timeout:  # no `timeout` to tell which
                return [Outcome(124, "", "", stopped=True)] * len(chunk)
            return self._batch(chunk, guarded=True)
        def own(probe: Probe, text: str) -> str:  # a copy's path as its folder's
            return pool_path(ROOT, probe.dataset, text) if probe.state else \
                run_path(ROOT, text)

        def stopped(probe: Probe, answer: Answer) -> bool:
            """Whether the prober stopped it: seen waiting (the script says so), or
            under the prober's ``timeout -s KILL`` (which kills itself too: 137) in an
            exec that lasted its timeout. A candidate run bare, or one ending 137
            sooner, gave its status itself (``timeout -s KILL 1 sleep 2``)."""
            guard = bool(self._timeout) and (guarded or any(
                WAITS.search(word) for word in probe.argv[1:]))
            return answer.stopped or (guard and answer.exit_code == 137
                                      and took >= self.wait_seconds)

        return [None if a is None else Outcome(
            a.exit_code, own(p, a.stdout), own(p, a.stderr), a.files, a.stderr_size,
            own(p, a.state), stopped(p, a))
                for p, a in zip(chunk, parse_batch(result.stdout, len(chunk)), strict=True)]
