"""The prober's in-container protocol: one shell script runs a batch of candidates, one
text comes back (see :mod:`.probe`).

Per candidate, on the script's stdout: a marker line with its number, its stdout as it
comes, (for a watched candidate: a marker line and the changes to its folder,) a marker
line with its exit status. Its stderr goes to a file of its own; after the last
candidate, when any wrote to stderr, one ``wc -c`` gives the size of each such file and
one ``head -v -c`` an excerpt of each (two processes per batch, not per candidate:
process starts are what costs in a sandbox).

Candidates run in :data:`LANES`-like lanes at once (candidate ``n`` in lane ``n % lanes``,
one after the other there; a Python tool's interpreter start is what costs, and a
machine with two cores runs two at once), each in a fresh copy of its input's folder
made for it alone (``$X`` and its number: a path as long as the folder's own, which the
prober writes back as the folder's), so what one run writes no other run sees, in
whichever lane it ran: the answers are the same for any number of lanes. A lane writes
its candidates' reports to a file of its own; the files are printed in lane order once
every lane is done.

A candidate that may wait (``tail -f``) runs in the background under ``timeout``, with
the others that may, so that waiting ones wait together. Where the sandbox can tell
(``/proc`` and a fractional ``sleep``), a group of them is looked at every
:data:`POLL_SECONDS`: a candidate found asleep without using CPU time in
:data:`IDLE_POLLS` looks in a row, after at least :data:`MIN_POLLS` looks, is taken as
waiting forever and stopped (exit 137, as ``timeout -s KILL`` would have after
:data:`WAIT_SECONDS`; its answer says it was stopped, so a 137 or 124 the tool
gives itself, ``timeout 1 sleep 2``, is not taken for a stop), so a batch holding
``tail -f`` takes about half a second, not three. A candidate that works (running
or in a disk wait) goes on until the timeout.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from .folder_state import PROBE_ENTRIES

MARK = "@@testronaut-probe-7f3a@@"
WAIT_SECONDS = 3  # how long a waiting candidate may run
BACKGROUND_GROUP = 16  # waiting candidates at once (the sandbox limits processes)
POLL_SECONDS = 0.05  # between two looks at the waiting candidates
MIN_POLLS = 6  # no candidate is stopped before this many looks
IDLE_POLLS = 6  # looks in a row finding a candidate asleep, its CPU time unchanged
STDERR_EXCERPT = 1024  # bytes of each candidate's stderr that come back
RUN_DIGITS = 5  # a run's copy is at the probe root less its last 5 characters + 5 digits

# Options that may wait for more input or for time to pass.
WAITS = re.compile(r"^--?(f|F|follow|retry|pid|s|sleep|sleep-interval|wait|watch|interval|"
                   r"listen|serve|daemon|poll|monitor|interactive|i)(=|$)")
# A candidate that may write its input folder gets a fresh copy of it afterwards.
WRITES = re.compile(r"^(-o|--output|-i|--in-place|--inplace|-w|--write)(=|$)|^-[a-z]*i$")

# A candidate in a lane: a fresh copy of its folder, made for it alone ("${X}RUN", see
# ``run_base``), its stdout and markers to the lane's file; when the copy cannot be
# made it does not report (not run). ``{watch}``: a watched candidate's changes.
_LANED = (
    'if cp -Rp "$R/.pristine/{dataset}" "${{X}}{run}/" && cd "${{X}}{run}/{dataset}"; then '
    'printf \'\\n{mark} {number}\\n\'; {guard}{argv} <{stdin} 2>"$B/e{number}"; s=$?; '
    '{watch}printf \'\\n{mark}E %s\\n\' "$s"; fi'
)
# ``exec``: the candidate's pid is timeout's, which leads a process group of its own;
# it too runs in a copy of its folder of its own (its stdout file: it ran)
_BACKGROUND = (
    '( cp -Rp "$R/.pristine/{dataset}" "${{X}}{run}/" && cd "${{X}}{run}/{dataset}" && '
    'exec $G {argv} <{stdin} >"$B/{number}" 2>"$B/e{number}" ) &\n'
    'q{number}=$!; P="$P $!"\n'
)
_COLLECT = (
    '[ ! -e "$B/{number}" ] || {{ printf \'\n{mark} {number}\n\'; cat "$B/{number}"; '
    'printf \'\n{mark}E %s\n\' "$r{number}"; '
    '[ -z "$t{number}" ] || printf \'{mark}T {number}\\n\'; }}\n'
)
# A watched candidate (its command writes files: ``tee FILE``, ``mkdir DIR``) reports
# what changed in its folder against the listing written with the inputs (type, mode,
# size and name of each entry: lines only in the listing, then tab and lines only in
# the folder now); its copy of the folder is thrown away anyway.
_LIST = "find . ! -path . ! -path ./.stdin -printf '%y %m %s %p\\n' | LC_ALL=C sort"
_WATCH = (
    'printf \'\\n{mark}F\\n\'; c=$(' + _LIST + ' | LC_ALL=C comm -3 "$R/.list/{dataset}" -); '
    '[ -z "$c" ] || printf \'%s\\n\' "$c"; '
)
# A candidate in a folder-state setting (see .folder_state) runs in a fresh copy of
# its folder, taken from a pool of POOL copies (``$@``: the copies not used yet) that
# is made once by doubling and copied afresh in one ``cp`` when a batch needs more
# copies than are left; after the batch one ``find`` lists every copy used (each
# line after its copy's path, ``$W{{number}}`` the copy of a candidate): a run costs
# the candidate alone, not a listing, a removal and a copy. Copies live at
# ``$R/.pool/x../s`` (see ``pool_path``).
POOL_LEVELS = 7
POOL = 2 ** POOL_LEVELS
_POOL_GLOBS = " ".join('"$R/.pool"/' + "x*/" * level + "s" for level in range(POOL_LEVELS + 1))
_POOL_START = (
    '[ -d "$R/.pool-pristine" ] || {{ rm -rf "$R/.pp" "$R/.pq"; mkdir -p "$R/.pp" && '
    'cp -Rp "$R/.pristine/{dataset}" "$R/.pp/s" && for l in '
    + " ".join(str(level) for level in range(1, POOL_LEVELS + 1)) +
    '; do cp -Rp "$R/.pp" "$R/.pq" && mv "$R/.pq" "$R/.pp/x$l"; done; '
    'mv "$R/.pp" "$R/.pool-pristine"; rm -rf "$R/.pool"; }}\n'
    '[ -d "$R/.pool" ] || cp -Rp "$R/.pool-pristine" "$R/.pool"\n'
    'set -- ' + _POOL_GLOBS + '; if [ $# -ge {need} ]; then shift {used}; else '
    'rm -rf "$R/.pool"; cp -Rp "$R/.pool-pristine" "$R/.pool"; set -- ' + _POOL_GLOBS + '; fi\n'
    '[ -d "$1" ] || exit 3'
)
_STATE = (
    'cd "$1"; W{number}=$1; shift; '
    'printf \'\n{mark} {number}\n\'; {argv} </dev/null 2>"$B/e{number}"; '
    'printf \'\n{mark}E %s\n\' "$?"'
)
# After the batch: the copies left, each candidate's copy, the listing of those.
_POOL_END = (
    "printf '\\n{mark}K %s\\n' \"$#\"; printf '%s\\n' {pairs}; printf '{mark}L\\n'; "
    "find {folders} " + PROBE_ENTRIES.replace("{", "{{").replace("}", "}}")
    + "; printf '\\n{mark}M\\n'"
)


def run_base(root: str) -> str:
    """The start of the path of each run's copy (its number follows, ``RUN_DIGITS``
    digits): ``root`` less as many characters, so that ``/tmp/testronaut-00012/numbered``
    is as long as ``/tmp/testronaut-probe/numbered`` (a tool printing where it ran pads
    its columns the same); ``root-`` for a root too short for that."""
    return root[:-RUN_DIGITS] if len(root) > RUN_DIGITS else root + "-"


def run_path(root: str, text: str) -> str:
    """``text`` with the path of a run's copy written as its folder's (``root/NAME``),
    absolute or relative to any folder above it (``realpath --relative-base /tmp``
    prints ``testronaut-00012/numbered``): the copy's own name, wherever it stands,
    becomes the root's."""
    base = run_base(root)
    stem = base.rpartition("/")[2]
    if not stem:  # a root too short to share its name's start with the copies
        return text if base not in text else re.sub(
            re.escape(base) + rf"\d{{{RUN_DIGITS}}}(?=/|\b|$)", root, text)
    if stem not in text:
        return text
    name = root.rpartition("/")[2]
    return re.sub(rf"(?<![\w.-]){re.escape(stem)}\d{{{RUN_DIGITS}}}(?=/|\b|$)", name, text)


def pool_path(root: str, dataset: str, text: str) -> str:
    """``text`` with the path of a pool copy written as its folder's (``ROOT/state``):
    a command printing where it ran prints the same in every copy."""
    return re.sub(re.escape(root) + r"/\.pool(?:/x\d+)*/s\b", f"{root}/{dataset}", text)


# The listing of each input folder, for watched candidates.
LISTING = 'mkdir -p "$R/.list" && for d in $(ls); do (cd "$d" && ' + _LIST + \
    ') > "$R/.list/$d"; done'


def listing_of(quoted_name: str) -> str:
    """The listing of one input folder (``quoted_name``, shell-quoted) added later: the
    others' listings stay as they were written (re-listing every folder costs two
    processes a folder, in an exec of its own for each added input)."""
    return f'mkdir -p "$R/.list" && (cd "$R"/{quoted_name} && {_LIST}) > "$R/.list"/{quoted_name}'
# Whether the sandbox can watch waiting candidates (see the module).
CAN_SETTLE = "[ -r /proc/$$/stat ] && sleep 0.01 2>/dev/null && echo can-settle"

# Stops each candidate of $P (the pids of timeout, each leading its process group) that
# is asleep (state S: no process of its group running or in a disk wait) with its CPU
# time (utime + stime of its group) unchanged for IDLE_POLLS looks in a row; returns
# when none runs. Shell builtins only, but for one ``sleep`` per look.
_SETTLE = r"""_settle() {{
  i=0
  for p in $P; do eval "q$p=0 o$p=x"; done
  while [ $i -lt {polls} ]; do
    live=
    for p in $P; do
      read -r l 2>/dev/null </proc/$p/stat || continue
      set -- ${{l##*) }}
      [ "$1" = Z ] && continue
      live="$live $p"; eval "c$p=0 b$p=0"
      [ "$3" = "$p" ] || eval "b$p=1"
    done
    P=$live
    [ -z "$P" ] && return 0
    for f in /proc/[0-9]*/stat; do
      read -r l 2>/dev/null <"$f" || continue
      set -- ${{l##*) }}
      case " $P " in *" $3 "*) eval "c$3=\$((c$3 + ${{12}} + ${{13}}))"
        case $1 in R|D) eval "b$3=1";; esac;; esac
    done
    for p in $P; do
      eval "b=\$b$p c=\$c$p o=\$o$p q=\$q$p"
      if [ $b = 0 ] && [ "$c" = "$o" ]; then q=$((q + 1)); else q=0; fi
      eval "o$p=$c q$p=$q"
      if [ $i -ge {min_polls} ] && [ $q -ge {idle_polls} ]; then
        kill -s KILL -- -$p 2>/dev/null; eval "k$p=1"
      fi
    done
    sleep {poll}; i=$((i + 1))
  done
}}
"""
# After the last candidate: the size and an excerpt of each stderr that is not empty.
_STDERR = (
    'set --; for f in "$B"/e*; do [ -s "$f" ] && set -- "$@" "$f"; done; '
    '[ $# = 0 ] || {{ printf \'\\n{mark}S\\n\'; wc -c "$@"; printf \'\\n{mark}X\\n\'; '
    'head -v -c {excerpt} "$@"; }}\n'
)


class Candidate(Protocol):
    """What the script needs of a probe (see :class:`.probe.Probe`)."""

    @property
    def argv(self) -> tuple[str, ...]: ...
    @property
    def dataset(self) -> str: ...
    @property
    def stdin(self) -> bool: ...
    @property
    def watch(self) -> bool: ...
    @property
    def state(self) -> bool: ...


def batch_script(root: str, chunk: Sequence[Candidate], *, timeout: str, settle: bool,
                 guarded: bool, wait_seconds: float = WAIT_SECONDS, pool_used: int = POOL,
                 lanes: int = 1) -> tuple[str, int]:
    """The script running ``chunk`` in the probe folders under ``root``, and how many
    background groups it starts. ``timeout``: the ``timeout`` command line that bounds
    a waiting candidate ("" when the image has none: nothing then runs in the
    background); ``settle``: waiting groups are watched (see the module);
    ``guarded``: every candidate may wait; ``wait_seconds``: the timeout's;
    ``pool_used``: copies of the folder-state pool used before (POOL: unknown, the
    pool is copied afresh); ``lanes``: candidates run at once (see the module)."""
    if lanes < 1:
        raise ValueError("lanes must be 1 or more")
    # ``cd`` leaves OLDPWD the probe root, whichever candidate ran before (``env``
    # printed the previous candidate's folder: a difference no option made)
    script = ['cd() { command cd "$@" && OLDPWD=$R; }; '
              f'R={root}; G="{timeout}"; B="$R/.background"; P=; rm -rf "$B"; mkdir -p "$B"']
    background: list[int] = []
    group: list[int] = []
    laned: list[str] = []  # each lane candidate's line
    runs: list[str] = []  # the numbers of the run folders (see ``run_base``)

    def end_group() -> None:
        if settle:
            script.append("_settle")
        # ``t{n}``: set when _settle stopped it (a status of 137 is then not the tool's)
        script.append("; ".join(f'wait $q{n}; r{n}=$?; eval "t{n}=\\${{k$q{n}:-}}"'
                                for n in group) + "; P=")
        group.clear()

    pooled = [n for n, p in enumerate(chunk) if p.state]  # runs in folder-state copies
    if pooled:
        if len(pooled) > POOL:
            raise ValueError(f"at most {POOL} folder-state candidates a batch")
        script.append(_POOL_START.format(dataset=chunk[pooled[0]].dataset, used=pool_used,
                                         need=pool_used + len(pooled)))
    for number, probe in enumerate(chunk):
        if probe.state:
            if group:
                end_group()  # not under a running candidate
            waits = any(WAITS.search(word) for word in probe.argv[1:])
            argv = ("$G " if waits else "") + shlex.join(probe.argv)
            script.append(_STATE.format(argv=argv, mark=MARK, number=number))
            continue
        # an option that may wait (``--follow``) runs under timeout from the start,
        # in the background with the others that may (unless it writes its folder)
        waits = guarded or any(WAITS.search(word) for word in probe.argv[1:])
        writes = any(WRITES.match(word) for word in probe.argv[1:])
        fields = {"dataset": probe.dataset, "argv": shlex.join(probe.argv), "mark": MARK,
                  "number": number}
        run = f"{number:0{RUN_DIGITS}d}"
        stdin = f'"${{X}}{run}/{probe.dataset}/.stdin"' if probe.stdin else "/dev/null"
        runs.append(run)
        if waits and timeout and not writes and not probe.watch:
            script.append(_BACKGROUND.format(stdin=stdin, run=run, **fields))
            background.append(number)
            group.append(number)
            if len(group) == BACKGROUND_GROUP:
                end_group()
            continue
        watch = _WATCH.format(**fields) if probe.watch else ""
        laned.append(_LANED.format(run=run, stdin=stdin, watch=watch,
                                   guard="$G " if waits else "", **fields))
    if group:
        end_group()
    if pooled:  # the copies left for the next batch, and the state of those used
        script.append(_POOL_END.format(
            mark=MARK, pairs=" ".join(f'"{n} $W{n}"' for n in pooled),
            folders=" ".join(f'"$W{n}"' for n in pooled)))
    if laned:
        script.append(_lanes(laned, lanes))
    script += [_COLLECT.format(mark=MARK, number=n) for n in background]
    if runs:  # made first, removed last
        base = 'X=${R%' + "?" * RUN_DIGITS + '}' if len(root) > RUN_DIGITS else 'X="$R-"'
        every = '"$X"' + "[0-9]" * RUN_DIGITS
        script.insert(1, f'{base}; rm -rf {every}; mkdir -p '
                      + " ".join(f'"${{X}}{run}"' for run in runs) + " || exit 3")
        script.append(f"rm -rf {every}")
    script.append(_STDERR.format(mark=MARK, excerpt=STDERR_EXCERPT))
    if background and settle:
        script.insert(0, _SETTLE.format(polls=int(wait_seconds / POLL_SECONDS) + 5,
                                        min_polls=MIN_POLLS, idle_polls=IDLE_POLLS,
                                        poll=POLL_SECONDS))
    return "\n".join(script), -(-len(background) // BACKGROUND_GROUP)


def _lanes(laned: Sequence[str], lanes: int) -> str:
    """The part of the script running the ``laned`` candidates' lines in ``lanes``
    lanes at once, each lane in the background writing to its file, then, every lane
    done, the files in lane order."""
    part = ["L="]
    count = min(lanes, len(laned))
    for lane in range(count):
        lines = "\n".join(laned[lane::count])
        part.append(f'(\n{lines}\n) >"$B/l{lane}" &\nL="$L $!"')
    part.append("wait $L; cat " + " ".join(f'"$B/l{lane}"' for lane in range(count)))
    return "\n".join(part)


@dataclass(frozen=True)
class Answer:
    """What came back for one candidate."""

    exit_code: int
    stdout: str
    stderr: str = ""  # its first STDERR_EXCERPT bytes
    stderr_size: int = 0  # in bytes
    files: str = ""  # a watched candidate's changes (see ``Outcome.files``)
    state: str = ""  # a folder-state candidate's folder after its run (``Outcome.state``)
    stopped: bool = False  # stopped by the script (seen waiting), not ended by itself


_HEAD = re.compile(rf"\n{re.escape(MARK)} (\d+)\n")
_TAIL = re.compile(rf"\n{re.escape(MARK)}E (\d+)\n")
_FILES = f"\n{MARK}F\n"
_STOPPED = re.compile(rf"\n{re.escape(MARK)}T (\d+)\n")
_POOL_LEFT_MARK = re.compile(rf"\n{re.escape(MARK)}K (\d+)\n")
_POOL_LISTED = re.compile(rf"\n{re.escape(MARK)}K \d+\n(.*?){re.escape(MARK)}L\n(.*?)"
                          rf"\n{re.escape(MARK)}M\n", re.DOTALL)
_SIZES = f"\n{MARK}S\n"
_EXCERPTS = f"\n{MARK}X\n"
_SIZE = re.compile(r"^\s*(\d+) \S*/e(\d+)$", re.MULTILINE)
_EXCERPT_HEAD = re.compile(r"(?:^|\n)==> \S*/e(\d+) <==\n")


def parse_batch(text: str, count: int) -> list[Answer | None]:
    """The answer of each of ``count`` candidates in the script's stdout ``text``
    (None: it did not report, the script was cut short)."""
    text, _, trailer = text.partition(_SIZES)
    sizes_text, _, excerpts_text = trailer.partition(_EXCERPTS)
    sizes = {int(n): int(size) for size, n in _SIZE.findall(sizes_text)}
    parts = _EXCERPT_HEAD.split(excerpts_text)
    excerpts = {int(n): body for n, body in zip(parts[1::2], parts[2::2], strict=True)}
    found: list[Answer | None] = [None] * count
    stopped = {int(n) for n in _STOPPED.findall(text)}
    text, states = _states(text)
    for head in _HEAD.finditer(text):
        tail = _TAIL.search(text, head.end() - 1)
        number = int(head.group(1))
        if tail is None or number >= count:
            continue
        body = text[head.end():tail.start()]
        stdout, _, files = body.partition(_FILES) if _FILES in body else (body, "", "")
        found[number] = Answer(int(tail.group(1)), stdout, excerpts.get(number, ""),
                               sizes.get(number, 0), files.strip("\n"),
                               "\n".join(sorted(states.get(number, []))),
                               number in stopped)
    return found


def pool_left(text: str) -> int | None:
    """How many copies of the folder-state pool the batch left (None: not said)."""
    found = _POOL_LEFT_MARK.search(text)
    return int(found.group(1)) if found else None


def _states(text: str) -> tuple[str, dict[int, list[str]]]:
    """``text`` without the listing of the folder-state copies, and the lines of each
    candidate's copy (its path taken off)."""
    found = _POOL_LISTED.search(text)
    if found is None:
        return text, {}
    pairs = (line.split(" ", 1) for line in found.group(1).splitlines() if " " in line)
    number_of = {folder: int(number) for number, folder in pairs}
    states: dict[int, list[str]] = {}
    for line in found.group(2).splitlines():
        folder, _, entry = line.partition(" ")
        if folder in number_of:
            states.setdefault(number_of[folder], []).append(entry)
    return text[:found.start()] + "\n" + text[found.end():], states
