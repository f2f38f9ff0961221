"""Help discovery with batched help calls against one exec per call, in one run.

    python benchmarks/discovery_speed.py                         # sqlite-utils (PyPI)
    python benchmarks/discovery_speed.py --tool sort --install "" --rounds 3
    python benchmarks/discovery_speed.py --jobs 1,4              # several batch widths

In one sandbox (the tool installed once), ``discover`` runs in turns with
``batch=False`` (one exec per help call, as before issue #8's batching) and with a
:class:`~pytest_testronaut.analysis.batch_runs.BatchRunner` of each ``--jobs`` width
(calls at once in a batch), so a machine whose load changes during the run skews none
of them more than the others. Prints each way's median seconds and execs, the ratio
of one exec per call to each batched way (round by round, then the median), and
whether every way found the same spec (it must).
"""

from __future__ import annotations

import argparse
import statistics
import time
from typing import Any

from pytest_testronaut.analysis.batch_runs import BatchRunner
from pytest_testronaut.analysis.discover import discover
from pytest_testronaut.sandbox import SandboxConfig, standalone_sandbox


class _Counted:
    """``Sandbox.run`` counting its execs."""

    def __init__(self, run: Any) -> None:
        self.run, self.execs = run, 0

    def __call__(self, argv: list[str], **kw: Any) -> Any:
        self.execs += 1
        return self.run(argv, **kw)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tool", default="sqlite-utils")
    parser.add_argument("--install", default="pip:sqlite-utils==4.2.1",
                        help="install step ('' for a tool of the base image)")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--jobs", default="4", help="comma-separated batch widths")
    args = parser.parse_args()
    widths = [int(j) for j in args.jobs.split(",")]
    install = (args.install,) if args.install else ()
    ways = ["one exec per call", *(f"batched, {j} at once" for j in widths)]
    seconds: dict[str, list[float]] = {w: [] for w in ways}
    execs: dict[str, int] = {}
    specs: dict[str, str] = {}
    with standalone_sandbox(SandboxConfig(install=install)) as sandbox:
        for _ in range(args.rounds):
            for way in ways:
                run = _Counted(sandbox.run)
                batch: BatchRunner | bool = False if way == ways[0] else \
                    BatchRunner(run, jobs=widths[ways.index(way) - 1])
                start = time.monotonic()
                spec = discover(run, args.tool, batch=batch)
                seconds[way].append(time.monotonic() - start)
                execs[way] = run.execs
                specs[way] = spec.model_dump_json()
    commands = len(list(spec.root.walk()))
    print(f"{args.tool}: {commands} commands, {args.rounds} round(s)")
    for way in ways:
        print(f"  {way:<22} median {statistics.median(seconds[way]):6.1f} s  "
              f"({execs[way]} execs)")
    for way in ways[1:]:
        ratios = [a / b for a, b in zip(seconds[ways[0]], seconds[way], strict=True)]
        print(f"  one exec per call / {way}: "
              f"{' '.join(f'{r:.2f}' for r in ratios)} (median {statistics.median(ratios):.2f})")
    same = len(set(specs.values())) == 1
    print(f"  same spec every way: {'yes' if same else 'NO'}")
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
