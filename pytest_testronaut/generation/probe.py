"""Running candidate command lines in one sandbox, many per exec, for the evidence search.

Generation asks "does this option change the output on this input?" hundreds of times;
one ``docker exec`` per question would take minutes. A :class:`Prober` writes every
input once into a scratch folder of the sandbox, then runs a batch of candidates in one
shell script: each candidate in a fresh copy of its input's folder (an option writing
a file cannot spoil the next), with its input on stdin or ``/dev/null``, under
``timeout`` when the image has it. Outputs come back between marker lines; answers are
cached, runs and time are bounded, and every answer is deterministic for the same tool.
"""

from __future__ import annotations

import re
import shlex
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

ROOT = "/tmp/testronaut-probe"
_MARK = "@@testronaut-probe-7f3a@@"
# Per candidate: a marker line with its number, its stdout as it comes, a marker line
# with its exit status; stderr is dropped (cases are told apart by exit and stdout),
# except for a probe that asks for it (``stderr``: it comes with stdout).
# One process per candidate (two when guarded by timeout): process starts are what costs.
_CANDIDATE = (
    'cd "$R/{dataset}"; printf \'\\n{mark} {number}\\n\'; '
    '$T {argv} <{stdin} 2>/dev/null; printf \'\\n{mark}E %s\\n\' "$?"\n'
)
# A candidate that may wait runs in the background, its output to files, so waiting
# ones wait together (``tail -f`` waits until killed: 3 s each, one after another,
# made one batch of a 13-option tool take 20 s).
_BACKGROUND = (
    '( cd "$R/{dataset}"; $G {argv} <{stdin} >"$B/{number}" 2>/dev/null; '
    'echo "$?" >"$B/{number}.rc" ) &\n'
)
_COLLECT = (
    'printf \'\n{mark} {number}\n\'; cat "$B/{number}"; '
    'printf \'\n{mark}E %s\n\' "$(cat "$B/{number}.rc")"\n'
)
BACKGROUND_GROUP = 16  # waiting candidates at once (the sandbox limits processes)
WAIT_SECONDS = 3  # how long a waiting candidate may run
# Options that may wait for more input or for time to pass.
_WAITS = re.compile(r"^--?(f|F|follow|retry|pid|s|sleep|sleep-interval|wait|watch|interval|"
                    r"listen|serve|daemon|poll|monitor|interactive|i)(=|$)")
# A candidate that may write its input folder gets a fresh copy of it afterwards.
_WRITES = re.compile(r"^(-o|--output|-i|--in-place|--inplace|-w|--write)(=|$)|^-[a-z]*i$")
# A watched candidate (its command writes files: ``tee FILE``, ``mkdir DIR``) reports
# what changed in its folder against the listing written with the inputs (type, mode,
# size and name of each entry: lines only in the listing, then tab and lines only in
# the folder now), and when something did, gets a fresh copy of the folder.
_LIST = "find . ! -path . ! -path ./.stdin -printf '%y %m %s %p\\n' | LC_ALL=C sort"
_WATCH = (
    'printf \'\n{mark}F\n\'; c=$(' + _LIST + ' | LC_ALL=C comm -3 "$R/.list/{dataset}" -); '
    '[ -z "$c" ] || {{ printf \'%s\\n\' "$c"; cd "$R"; rm -rf "$R/{dataset}"; '
    'cp -Rp "$R/.pristine/{dataset}" "$R/{dataset}"; }}\n'
)
# The listing of each input folder, for watched candidates.
_LISTING = 'mkdir -p "$R/.list" && for d in $(ls); do (cd "$d" && ' + _LIST + \
    ') > "$R/.list/$d"; done'


@dataclass(frozen=True)
class Probe:
    """One candidate: ``argv`` run in the folder of ``dataset``, reading it on stdin
    when ``stdin`` (else ``/dev/null``)."""

    argv: tuple[str, ...]
    dataset: str
    stdin: bool = False
    stderr: bool = False  # stderr comes with stdout (an error case's message)
    watch: bool = False  # report the files it writes (see ``Outcome.files``)


@dataclass(frozen=True)
class Outcome:
    exit_code: int
    stdout: str
    stderr: str
    # a watched probe's changes to its folder: "TYPE MODE SIZE ./NAME" lines as they
    # were, then as they are (after a tab)
    files: str = ""

    def written(self) -> list[str]:
        """The names of the entries a watched probe wrote, changed or removed."""
        return list(dict.fromkeys(line.strip("\t").split(" ", 3)[3]
                                  for line in self.files.splitlines()
                                  if line.strip("\t").count(" ") >= 3))

    @property
    def timed_out(self) -> bool:
        return self.exit_code in (124, 137)

    @property
    def ok(self) -> bool:
        return self.exit_code == 0

    def same(self, other: Outcome | None) -> bool:
        """Indistinguishable for a recorded case: same exit status, and stdouts the
        plan's comparison takes as equal (it discounts runs of spaces, a missing final
        newline, timestamps: a difference only there would not make a case fail)."""
        return other is not None and self.exit_code == other.exit_code and \
            self.files == other.files and equivalent(self.stdout, other.stdout)


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
                 progress: Callable[[str], None] | None = None) -> None:
        self._run = run
        self.datasets = datasets
        self.max_runs = max_runs
        self.deadline = time.monotonic() + time_budget
        self.runs = 0
        self.cache: dict[Probe, Outcome | None] = {}
        self.progress = progress or (lambda _: None)
        self._ready = False
        self._timeout = ""
        self.broken: str | None = None
        self.written: set[str] = set()  # what commands wrote when run bare (see .evidence)

    @property
    def exhausted(self) -> bool:
        return self.broken is not None or self.runs >= self.max_runs or \
            time.monotonic() > self.deadline

    def _setup(self) -> None:
        self._ready = True
        lines = [f"rm -rf {ROOT} && mkdir -p {ROOT} && cd {ROOT} || exit 3"]
        for name, files in self.datasets.items():
            lines.append(f"mkdir -p {shlex.quote(name)}")
            for path, content in files.items():
                lines.append(f"printf %s {shlex.quote(content)} > "
                             f"{shlex.quote(name)}/{shlex.quote(path)}")
        lines.append("mkdir -p .pristine && cp -Rp $(ls) .pristine/ 2>/dev/null; "
                     f"R={ROOT}; {_LISTING}; "
                     "command -v timeout >/dev/null 2>&1 && echo has-timeout")
        try:
            result = self._run(["sh", "-c", "\n".join(lines)], timeout=60)
        except Exception as exc:  # the sandbox is outside our control: say why, go on
            self.broken = f"cannot write the probe inputs: {exc}"
            return
        if result.exit_code != 0:
            self.broken = f"cannot write the probe inputs (exit {result.exit_code})"
            return
        self._timeout = f"timeout -s KILL {WAIT_SECONDS}" if "has-timeout" in result.stdout \
            else ""

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
        lines.append(f"cp -Rp {quoted} .pristine/{quoted} && R={ROOT} && {_LISTING}")
        try:
            result = self._run(["sh", "-c", "\n".join(lines)], timeout=60)
        except Exception:
            return False
        if result.exit_code != 0:
            return False
        self.datasets = {**self.datasets, name: dict(files)}
        return True

    def restore(self) -> None:
        """Put every input folder back as written (a command writing files may have
        changed them before it was known to)."""
        if not self._ready or self.broken:
            return
        script = (f'cd {ROOT} && for d in $(ls); do rm -rf "$d"; cp -Rp ".pristine/$d" "$d"; '
                  'done')
        try:
            self._run(["sh", "-c", script], timeout=60)
        except Exception as exc:  # the sandbox is outside our control: say why, go on
            self.broken = f"cannot restore the probe inputs: {exc}"

    def outcomes(self, probes: Sequence[Probe]) -> list[Outcome | None]:
        """The outcome of each probe (``None``: not run, the budget is spent)."""
        if not self._ready:
            self._setup()
        todo = [p for p in dict.fromkeys(probes) if p not in self.cache]
        for start in range(0, len(todo), 80):
            if self.exhausted:
                break
            chunk = todo[start:start + 80]
            self.cache.update(zip(chunk, self._batch(chunk), strict=True))
        return [self.cache.get(p) for p in probes]

    def rerun(self, probes: Sequence[Probe]) -> list[Outcome | None]:
        """Run ``probes`` again, past the cache and the run budget (to tell
        nondeterministic output)."""
        out: list[Outcome | None] = []
        for start in range(0, len(probes), 80):
            chunk = list(probes[start:start + 80])
            out += [None] * len(chunk) if self.broken else self._batch(chunk)
        return out

    def outcome(self, probe: Probe) -> Outcome | None:
        return self.outcomes([probe])[0]

    def _batch(self, chunk: Sequence[Probe], guarded: bool = False) -> list[Outcome | None]:
        """One exec for ``chunk``. Candidates run bare (a process start is what costs);
        when the batch hits its timeout (a candidate waits forever: ``tail -f``), the
        chunk runs again with each candidate under ``timeout``."""
        script = [f'R={ROOT}; G="{self._timeout}"; B="$R/.background"; '
                  'rm -rf "$B"; mkdir -p "$B"']
        background: list[int] = []
        for number, probe in enumerate(chunk):
            stdin = f'"$R/{probe.dataset}/.stdin"' if probe.stdin else "/dev/null"
            # an option that may wait (``--follow``) runs under timeout from the start,
            # in the background with the others that may (unless it writes its folder)
            waits = guarded or any(_WAITS.search(word) for word in probe.argv[1:])
            writes = any(_WRITES.match(word) for word in probe.argv[1:])
            fields = {"dataset": probe.dataset, "argv": shlex.join(probe.argv),
                      "stdin": stdin, "mark": _MARK, "number": number}
            if waits and self._timeout and not writes and not probe.watch:
                line = _BACKGROUND.format(**fields)
                script.append(line.replace("2>/dev/null", "2>&1") if probe.stderr else line)
                background.append(number)
                if len(background) % BACKGROUND_GROUP == 0:
                    script.append("wait")
                continue
            line = _CANDIDATE.format(**fields).replace("$T ", "$G " if waits else "")
            line = line.replace("2>/dev/null", "2>&1") if probe.stderr else line
            if probe.watch:  # its changes are reported before its exit status
                line = line.replace("; printf '\\n" + _MARK + "E",
                                    "; s=$?; " + _WATCH.format(**fields).rstrip("\n")
                                    + "; printf '\\n" + _MARK + "E").replace('"$?"', '"$s"')
            script.append(line)
            if writes and not probe.watch:
                script.append(f'rm -rf "$R/{probe.dataset}"; '
                              f'cp -R "$R/.pristine/{probe.dataset}" "$R/{probe.dataset}"')
        if background:
            script.append("wait")
            script += [_COLLECT.format(mark=_MARK, number=n) for n in background]
        if not guarded:
            self.runs += len(chunk)
        groups = -(-len(background) // BACKGROUND_GROUP)
        budget = (8.0 + 0.2 * len(chunk) + (WAIT_SECONDS + 1) * groups) if not guarded \
            else 15.0 + (WAIT_SECONDS + 1) * groups + 0.5 * len(chunk)
        try:
            result = self._run(["sh", "-c", "\n".join(script)], timeout=budget)
        except Exception as exc:
            self.broken = f"probe run failed: {exc}"
            return [None] * len(chunk)
        if getattr(result, "timed_out", False) and not guarded:
            if not self._timeout:
                return [Outcome(124, "", "")] * len(chunk)  # no `timeout` to tell which
            return self._batch(chunk, guarded=True)
        return _parse(result.stdout, len(chunk))


_HEAD = re.compile(rf"\n{re.escape(_MARK)} (\d+)\n")
_TAIL = re.compile(rf"\n{re.escape(_MARK)}E (\d+)\n")
_FILES = f"\n{_MARK}F\n"


def _parse(text: str, count: int) -> list[Outcome | None]:
    found: list[Outcome | None] = [None] * count
    for head in _HEAD.finditer(text):
        tail = _TAIL.search(text, head.end() - 1)
        number = int(head.group(1))
        if tail is None or number >= count:
            continue
        body = text[head.end():tail.start()]
        stdout, _, files = body.partition(_FILES) if _FILES in body else (body, "", "")
        found[number] = Outcome(int(tail.group(1)), stdout, "", files.strip("\n"))
    return found
