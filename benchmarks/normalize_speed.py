"""Throughput of normalization with the built-in rules, on realistic tool output.

    .venv/bin/python benchmarks/normalize_speed.py [--mb N] [--seed N]

Generates N MB (default 16) of output of the kind a command-line tool prints: log
lines with ISO and syslog timestamps, UUIDs, hashes, PIDs, temporary paths, addresses
and durations, interleaved with plain text, a process table and progress bars. Prints
the MB/s of ``normalize`` (the default rules), of ``compare_outputs`` on two runs of
the same output (timestamps, ids and durations differ, so the normalized tier
decides) and the peak resident memory of the process.
"""

from __future__ import annotations

import random
import resource
import sys
import time
import uuid

from pytest_testronaut.verify import compare_outputs
from pytest_testronaut.verify.normalize import normalize

_WORDS = ("build", "install", "request", "cache", "module", "config", "user", "item",
          "worker", "token", "session", "file", "record", "query", "index", "update")
_LEVELS = ("INFO", "DEBUG", "WARN", "ERROR")


def _line(rng: random.Random, n: int) -> str:
    """One line of output; ``rng`` makes the dynamic parts differ between runs."""
    kind = n % 12
    stamp = f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T" \
            f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}." \
            f"{rng.randint(0, 999):03d}Z"
    ident = str(uuid.UUID(int=rng.getrandbits(128)))
    word = _WORDS[n % len(_WORDS)]
    if kind == 0:
        return f"{stamp} {_LEVELS[n % 4]} [{word}-{n % 7}] request {ident} done in " \
               f"{rng.randint(1, 900)}.{rng.randint(0, 9)}ms"
    if kind == 1:
        return f"Nov {rng.randint(1, 28):2d} {rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:" \
               f"{rng.randint(0, 59):02d} web sshd[{rng.randint(100, 99999)}]: Accepted " \
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
               f"{rng.randint(32768, 60999)} (pid {rng.randint(100, 99999)})"
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


def _table(rng: random.Random) -> str:
    rows = ["  PID TTY          TIME CMD"]
    for n in range(4):
        rows.append(f"{rng.randint(100, 99999):>5} pts/0    00:00:0{n} {_WORDS[n]}")
    return "\n".join(rows) + "\n\n"


def sample_output(megabytes: float, seed: int) -> str:
    """About ``megabytes`` MB of output; ``seed`` picks the dynamic values."""
    rng = random.Random(seed)
    target = int(megabytes * 1_000_000)
    parts: list[str] = []
    size = 0
    n = 0
    while size < target:
        if n % 500 == 0:
            block = _table(rng)
        else:
            block = _line(rng, n) + "\n"
        parts.append(block)
        size += len(block.encode("utf-8"))
        n += 1
    return "".join(parts)


def _rate(megabytes: float, seconds: float) -> str:
    return f"{megabytes / seconds:8.2f} MB/s  ({megabytes:.1f} MB in {seconds:.2f} s)"


def main(argv: list[str]) -> int:
    megabytes, seed = 16.0, 1
    args = list(argv)
    while args:
        flag = args.pop(0)
        if flag == "--mb" and args:
            megabytes = float(args.pop(0))
        elif flag == "--seed" and args:
            seed = int(args.pop(0))
        else:
            print(__doc__, file=sys.stderr)
            return 2
    expected = sample_output(megabytes, seed)
    actual = sample_output(megabytes, seed + 1)
    size = len(expected.encode("utf-8")) / 1_000_000
    print(f"sample: {size:.1f} MB, {expected.count(chr(10))} lines "
          "(log lines, syslog, paths, hashes, uuids, tables, progress bars, plain text)")

    started = time.perf_counter()
    normalized = normalize(expected)
    took = time.perf_counter() - started
    print(f"normalize (default rules): {_rate(size, took)}, "
          f"{len(normalized.replacements)} replacements")

    started = time.perf_counter()
    verdict = compare_outputs(expected, actual)
    took = time.perf_counter() - started
    print(f"compare_outputs (2 x {size:.1f} MB): {_rate(2 * size, took)}, "
          f"verdict {verdict.outcome}/{verdict.tier}")

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(f"peak resident memory: {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
