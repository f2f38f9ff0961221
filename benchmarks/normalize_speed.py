"""Throughput of normalization with the built-in rules, on realistic tool output.

    .venv/bin/python benchmarks/normalize_speed.py [--mb N] [--seed N] [--large N]

Generates N MB (default 16) of output of the kind a command-line tool prints, in two
mixes: ``dense``, a log whose every line carries dynamic content (ISO and syslog
timestamps, UUIDs, hashes, PIDs, temporary paths, addresses, ports, durations,
progress bars, a process table); and ``typical``, where one line in four is such a
log line and the rest plain text (messages, file lists, counts). For each it prints
the MB/s of ``normalize`` (the default rules) and of ``compare_outputs`` on two runs
of the output whose dynamic values differ as a re-run's do (timestamps a couple of
minutes later, other random ids, so the normalized tier decides; the dense mix fails
there, on an address after "from" that no default rule covers), both by the wall
clock and by this process's CPU time (the fair figure on a busy machine), and the
peak resident memory of the process so far.

``--large N`` instead times one ``compare_outputs`` of two ``typical`` outputs of N MB
each (say 100: the issue's "comparing 100 MB takes seconds"), and the memory it takes
beyond the two inputs.
"""

from __future__ import annotations

import gc
import importlib
import itertools
import random
import resource
import sys
import time
import uuid
from collections.abc import Callable
from functools import partial
from typing import Any, TypeVar

from pytest_testronaut.verify import compare_outputs
from pytest_testronaut.verify.normalize import normalize

# normalize's memory of the last long outputs (absent in older versions, which the
# benchmark also runs against, with PYTHONPATH, to compare)
_RECENT: dict[Any, Any] = getattr(importlib.import_module(normalize.__module__), "_recent", {})

_WORDS = ("build", "install", "request", "cache", "module", "config", "user", "item",
          "worker", "token", "session", "file", "record", "query", "index", "update")
_LEVELS = ("INFO", "DEBUG", "WARN", "ERROR")
T = TypeVar("T")


# The clock of the first run (2025-12-01, UTC); a run with another seed starts some
# minutes later, as a re-run does.
_CLOCK = 1_764_547_200.0


def _line(rng: random.Random, n: int, pid: Callable[[], int], clock: float) -> str:
    """One line of output; ``rng`` makes the dynamic parts differ between runs, ``pid``
    gives process ids (unique within a run, as a run's processes are), ``clock`` is
    the run's time when it prints the line."""
    kind = n % 12
    when = time.gmtime(clock)
    stamp = time.strftime("%Y-%m-%dT%H:%M:%S", when) + f".{rng.randint(0, 999):03d}Z"
    ident = str(uuid.UUID(int=rng.getrandbits(128), version=4))
    word = _WORDS[n % len(_WORDS)]
    if kind == 0:
        return f"{stamp} {_LEVELS[n % 4]} [{word}-{n % 7}] request {ident} done in " \
               f"{rng.randint(1, 900)}.{rng.randint(0, 9)}ms"
    if kind == 1:
        return time.strftime("%b %e %H:%M:%S", when) + f" web sshd[{pid()}]: Accepted " \
               f"publickey for alice from 10.0.{n % 200}.{rng.randint(1, 254)} port " \
               f"{rng.randint(32768, 60999)} ssh2"
    if kind == 2:
        return f"writing /tmp/tmp.{rng.getrandbits(40):010x}/{word}_{n % 50}.json " \
               f"({n % 4096} bytes)"
    if kind == 3:
        return f"commit {rng.getrandbits(160):040x}"
    if kind == 4:
        return f"Processing {word}s in src/{word}/part_{n % 97}.py: {n % 300} lines, " \
               f"{n % 5} warnings, exit code {n % 3}"
    if kind == 5:
        return f"  {word:<12} {n % 1000:>6}  {n % 37:>4} KiB  ok"
    if kind == 6:
        return f"[{word}] connected to 192.168.{n % 250}.{rng.randint(1, 254)}:" \
               f"{rng.randint(32768, 60999)} (pid {pid()})"
    if kind == 7:
        return f"Downloading {word}.tar.gz ━━━━━━━━━━━━━━━━━━━━ {rng.randint(1, 99)}.{n % 10} " \
               f"MB/s eta 0:00:0{n % 10}"
    if kind == 8:
        return f"object at 0x{rng.getrandbits(48):012x} released; sha256:" \
               f"{rng.getrandbits(256):064x}"
    if kind == 9:
        return f"The {word} step finished; {n % 9} of 9 checks passed and nothing else " \
               "changed in the working tree."
    if kind == 10:
        return f"{word}: took {rng.randint(1, 59)}s, {rng.randint(1, 59)} minutes ago"
    return f"user={word} host: web-{n % 4} level={_LEVELS[n % 4].lower()} msg=\"{word} ok\""


def _plain(n: int) -> str:
    """A line without dynamic content: what most of a tool's output is."""
    word = _WORDS[n % len(_WORDS)]
    kind = n % 5
    if kind == 0:
        return f"Checking {word} definitions in the {_WORDS[(n + 3) % 16]} section"
    if kind == 1:
        return f"  src/{word}/{_WORDS[(n + 5) % 16]}_{n % 40}.py"
    if kind == 2:
        return f"{n % 120} {word}s processed, {n % 7} skipped, {n % 3} failed"
    if kind == 3:
        return ""
    return f"note: the {word} option is deprecated; use --{_WORDS[(n + 1) % 16]} instead"


def _table(pid: Callable[[], int]) -> str:
    rows = ["  PID TTY          TIME CMD"]
    for n in range(4):
        rows.append(f"{pid():>5} pts/0    00:00:0{n} {_WORDS[n]}")
    return "\n".join(rows) + "\n\n"


def sample_output(megabytes: float, seed: int, mix: str = "dense",
                  blocks: int | None = None) -> str:
    """About ``megabytes`` MB of output; ``seed`` picks the dynamic values; ``mix`` is
    ``dense`` (every line dynamic) or ``typical`` (one line in four). ``blocks`` (lines
    and tables) instead of a size gives two runs the same lines whatever their values."""
    rng = random.Random(seed)
    counter = itertools.count()

    def pid() -> int:  # 7919 and 89999 are coprime: no repeats within 89999 ids
        return 10000 + (next(counter) * 7919 + seed * 104729) % 89999

    target = int(megabytes * 1_000_000)
    parts: list[str] = []
    size = 0
    n = 0
    while (size < target) if blocks is None else (n < blocks):
        if n % 500 == 0:
            block = _table(pid)
        elif mix == "typical" and n % 4:
            block = _plain(n) + "\n"
        else:
            block = _line(rng, n, pid, _CLOCK + 137.0 * seed + 0.003 * n) + "\n"
        parts.append(block)
        size += len(block.encode("utf-8"))
        n += 1
    return "".join(parts)


def _rate(megabytes: float, wall: float, cpu: float) -> str:
    return (f"{megabytes / wall:7.2f} MB/s wall, {megabytes / cpu:7.2f} MB/s CPU  "
            f"({megabytes:.1f} MB in {wall:.2f} s, {cpu:.2f} s CPU)")


def _timed(work: Callable[[], T]) -> tuple[T, float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = work()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _pair(megabytes: float, seed: int, mix: str) -> tuple[str, str]:
    """Two runs of one output: the same lines, other dynamic values."""
    expected = sample_output(megabytes, seed, mix)
    blocks = expected.count("\n") - 5 * expected.count("  PID TTY")  # a table: 6 lines
    return expected, sample_output(megabytes, seed + 1, mix, blocks=blocks)


def _status_mb(field: str) -> float | None:
    """``VmRSS`` (now) or ``VmHWM`` (peak) of this process, from Linux's /proc."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def _reset_peak() -> bool:
    """Start the peak (VmHWM) over from the memory held now (Linux)."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as refs:
            refs.write("5")
    except OSError:
        return False
    return True


def large(megabytes: float, seed: int) -> None:
    expected, actual = _pair(megabytes, seed, "typical")
    size = len(expected.encode("utf-8")) / 1_000_000
    gc.collect()
    before = _status_mb("VmRSS") or _peak_mb()
    exact = _reset_peak()  # else the peak may be that of generating the inputs
    print(f"large typical pair: 2 x {size:.1f} MB, {expected.count(chr(10))} lines each "
          f"(the process holds {before:.0f} MB with both inputs)")
    verdict, wall, cpu = _timed(partial(compare_outputs, expected, actual))
    print(f"  compare_outputs (2 inputs):  {_rate(2 * size, wall, cpu)}, "
          f"verdict {verdict.outcome}/{verdict.tier}")
    print(f"  comparing {size:.0f} MB against {size:.0f} MB took {wall:.1f} s "
          f"({cpu:.1f} s of CPU time; target: seconds, at least 20 MB/s)")
    peak = (_status_mb("VmHWM") if exact else None) or _peak_mb()
    print(f"  peak resident memory: {peak:.0f} MB, {peak - before:.0f} MB beyond the inputs "
          f"({(peak - before) / (2 * size):.1f}x their size)")


def main(argv: list[str]) -> int:
    megabytes, seed, large_mb = 16.0, 1, 0.0
    args = list(argv)
    while args:
        flag = args.pop(0)
        if flag == "--mb" and args:
            megabytes = float(args.pop(0))
        elif flag == "--seed" and args:
            seed = int(args.pop(0))
        elif flag == "--large" and args:
            large_mb = float(args.pop(0))
        else:
            print(__doc__, file=sys.stderr)
            return 2
    if large_mb:
        large(large_mb, seed)
        return 0
    for mix in ("dense", "typical"):
        expected, actual = _pair(megabytes, seed, mix)
        size = len(expected.encode("utf-8")) / 1_000_000
        print(f"{mix}: {size:.1f} MB, {expected.count(chr(10))} lines")
        normalized, wall, cpu = _timed(partial(normalize, expected))
        print(f"  normalize (default rules):  {_rate(size, wall, cpu)}, "
              f"{len(normalized.replacements)} replacements")
        _RECENT.clear()  # no head start from the normalization above
        verdict, wall, cpu = _timed(partial(compare_outputs, expected, actual))
        print(f"  compare_outputs (2 inputs): {_rate(2 * size, wall, cpu)}, "
              f"verdict {verdict.outcome}/{verdict.tier}")
        del expected, actual, normalized, verdict
        print(f"  peak resident memory so far: {_peak_mb():.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
