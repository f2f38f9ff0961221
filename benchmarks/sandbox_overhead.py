"""What the sandbox costs, measured in one run so the ratios are comparable.

    python benchmarks/sandbox_overhead.py [--rounds N]

Prints the median latency of ``Sandbox.run("true")`` against docker-py's own
``exec_run`` on the same container (our timeout, stdin and tagging machinery vs the
bare call), the same run without the step supervisor (what images without python3
get, and what every run cost before it), and the cost of a fresh container per test
against reusing one.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

from pytest_testronaut.sandbox import SandboxConfig, SandboxManager


def _median_ms(fn: Callable[[], object], rounds: int) -> float:
    fn()  # warm-up
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--image", default="testronaut-base:bookworm")
    args = parser.parse_args()

    config = SandboxConfig(image=args.image)
    manager = SandboxManager()
    try:
        sandbox = manager.sandbox(config, "bench")
        container = manager.client.containers.get(sandbox.id)

        ours = _median_ms(lambda: sandbox.run("true"), args.rounds)
        ours_argv = _median_ms(lambda: sandbox.run(["true"]), args.rounds)
        raw = _median_ms(lambda: container.exec_run(["/bin/sh", "-c", "true"]), args.rounds)
        raw_argv = _median_ms(lambda: container.exec_run(["true"]), args.rounds)
        python, sandbox.python = sandbox.python, None
        unsupervised = _median_ms(lambda: sandbox.run("true"), args.rounds)
        sandbox.python = python

        fresh_rounds = max(5, args.rounds // 5)
        counter = iter(range(10**9))

        def fresh() -> None:
            key = f"fresh-{next(counter)}"
            manager.sandbox(config, key).run("true")
            manager.release(key)

        fresh_ms = _median_ms(fresh, fresh_rounds)
    finally:
        manager.close()

    print(f"rounds: {args.rounds} (fresh containers: {fresh_rounds})")
    print(f"run('true')            median {ours:7.1f} ms")
    print(f"exec_run(sh -c true)   median {raw:7.1f} ms   ratio ours/raw {ours / raw:5.2f}")
    print(f"run('true') unsupervised median {unsupervised:5.1f} ms   "
          f"supervisor adds {ours - unsupervised:5.1f} ms")
    print(f"run(['true'])          median {ours_argv:7.1f} ms")
    print(f"exec_run(['true'])     median {raw_argv:7.1f} ms   ratio ours/raw {ours_argv / raw_argv:5.2f}")
    print(f"fresh container + run  median {fresh_ms:7.1f} ms   "
          f"= {fresh_ms / ours:5.1f}x a run in a reused container")


if __name__ == "__main__":
    main()
