"""Throughput of learning holes from two runs, and of checking a later run against them.

    .venv/bin/python benchmarks/holes_speed.py [--lines N] [--seed N]

Makes three runs of a log of N lines (default 50,000) in which every line carries
random values (a UUID, a duration, a hex id, a temporary path) beside fixed text,
learns the expected text from the first two (``learn_holes``) and checks the third
against it (``compare_recorded``). Prints the MB/s of each by this process's CPU time
(the fair figure on a busy machine), how many holes were learned, and whether the
third run fit: it must, or learning missed a span that differs.
"""

from __future__ import annotations

import argparse
import random
import string
import time
import uuid

from pytest_testronaut.verify.hole_learning import learn_holes
from pytest_testronaut.verify.holes import compare_recorded


def _run(lines: int, rng: random.Random) -> str:
    def name() -> str:
        return "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(10))

    return "".join(
        f"{n:>6} job {uuid.UUID(int=rng.getrandbits(128), version=4)} took "
        f"{rng.randint(1, 999)} ms, id {rng.getrandbits(32):08x}, tmp /tmp/tmp.{name()}, ok\n"
        for n in range(lines))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lines", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    first, second, third = (_run(args.lines, rng) for _ in range(3))
    mb = len(first) / 1e6
    start = time.process_time()
    learned = learn_holes([first, second])
    learn_s = time.process_time() - start
    start = time.process_time()
    verdict = compare_recorded(learned.text, third)
    check_s = time.process_time() - start
    print(f"{args.lines} lines, {mb:.1f} MB per run")
    print(f"learn: {mb * 2 / learn_s:.2f} MB/s of runs ({learn_s:.2f}s CPU), "
          f"{learned.holes} holes ({learned.holes / args.lines:.1f} per line)")
    print(f"check: {mb / check_s:.2f} MB/s ({check_s:.2f}s CPU), third run fits: "
          f"{verdict.passed}")
    if not verdict.passed:
        raise SystemExit(f"the third run does not fit: {verdict.explanation[:300]}")


if __name__ == "__main__":
    main()
