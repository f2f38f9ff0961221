"""What the sandbox costs, measured in one run so the ratios are comparable.

    python benchmarks/sandbox_overhead.py [--rounds N]

Prints the median latency of ``Sandbox.run("true")`` through the in-container runner
(the default) against docker-py's own ``exec_run`` on the same container and against
the plain exec path (``--testronaut-runner=exec``: one supervised Docker exec per step),
the exec path without the step supervisor (what images without python3 get), and the
cost of a fresh container per test (``isolation="test"``) against a step in a reused
one: without the warm pool (``--testronaut-pool-size=0``), and with it, where a test
takes a container started ahead of need and its removal happens in the background.
The pooled figure is what a test waits for while the pool keeps up (the pool refills
between tests, outside the timing); the back-to-back figure is a suite of tests that
run nothing but one step each, where only the engine's start rate counts. Samples of
the compared calls are interleaved, so a machine whose load changes during the run
skews none of them.
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


def _interleaved_ms(calls: dict[str, Callable[[], object]], rounds: int) -> dict[str, float]:
    """Median milliseconds of each call, sampled in turns."""
    samples: dict[str, list[float]] = {name: [] for name in calls}
    for fn in calls.values():
        fn()  # warm-up
    for _ in range(rounds):
        for name, fn in calls.items():
            start = time.perf_counter()
            fn()
            samples[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) * 1000 for name, values in samples.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=100)
    parser.add_argument("--image", default="testronaut-base:bookworm")
    parser.add_argument("--pool-size", type=int, default=2,
                        help="warm containers kept (the default of --testronaut-pool-size)")
    args = parser.parse_args()

    config = SandboxConfig(image=args.image)
    manager = SandboxManager()
    try:
        sandbox = manager.sandbox(config, "bench")
        container = manager.client.containers.get(sandbox.id)

        def through(mode: str, python: str | None) -> Callable[[str | list[str]], object]:
            def step(cmd: str | list[str]) -> object:
                sandbox.runner_mode, saved = mode, sandbox.python
                sandbox.python = python
                try:
                    return sandbox.run(cmd)
                finally:
                    sandbox.runner_mode, sandbox.python = "auto", saved
            return step

        runner = through("auto", sandbox.python)
        plain = through("exec", sandbox.python)
        bare = through("exec", None)
        medians = _interleaved_ms({
            "runner": lambda: runner("true"),
            "runner_argv": lambda: runner(["true"]),
            "raw": lambda: container.exec_run(["/bin/sh", "-c", "true"]),
            "raw_argv": lambda: container.exec_run(["true"]),
            "exec": lambda: plain("true"),
            "unsupervised": lambda: bare("true"),
        }, args.rounds)
        assert sandbox.runner_pid is not None, sandbox.runner_failure
        ours, ours_argv, raw, raw_argv = (medians[k] for k in ("runner", "runner_argv", "raw",
                                                               "raw_argv"))
        exec_path, unsupervised = medians["exec"], medians["unsupervised"]

        fresh_rounds = max(5, args.rounds // 5)
        counter = iter(range(10**9))

        def fresh() -> None:
            key = f"fresh-{next(counter)}"
            manager.sandbox(config, key).run("true")
            manager.release(key)

        fresh_ms = _median_ms(fresh, fresh_rounds)
    finally:
        manager.close()
    pooled_ms, back_to_back_ms, hits = _pooled(args.image, fresh_rounds, args.pool_size)

    print(f"rounds: {args.rounds} (fresh containers: {fresh_rounds})")
    print(f"run('true') via runner     median {ours:7.1f} ms")
    print(f"exec_run(sh -c true)       median {raw:7.1f} ms   ratio runner/raw  {ours / raw:5.2f}")
    print(f"run('true') via exec path  median {exec_path:7.1f} ms   ratio exec/raw    "
          f"{exec_path / raw:5.2f}   ratio runner/exec {ours / exec_path:5.2f}")
    print(f"exec path unsupervised     median {unsupervised:7.1f} ms   "
          f"supervisor adds {exec_path - unsupervised:5.1f} ms")
    print(f"run(['true']) via runner   median {ours_argv:7.1f} ms")
    print(f"exec_run(['true'])         median {raw_argv:7.1f} ms   ratio runner/raw  "
          f"{ours_argv / raw_argv:5.2f}")
    print(f"fresh container + run      median {fresh_ms:7.1f} ms   "
          f"= {fresh_ms / ours:5.1f}x a run in a reused container (via runner, no pool)")
    print(f"pooled container + run     median {pooled_ms:7.1f} ms   "
          f"= {pooled_ms / ours:5.1f}x a run in a reused container (target <= 3.0x; "
          f"pool of {args.pool_size}, {hits} warm hand-outs)")
    print(f"pooled, back to back       mean   {back_to_back_ms:7.1f} ms   "
          f"= {back_to_back_ms / ours:5.1f}x (tests of one step each: the engine's start "
          "rate decides)")


def _pooled(image: str, rounds: int, size: int) -> tuple[float, float, str]:
    """Median ms of take + run + release with the warm pool keeping up, and the mean
    per test of ``rounds`` such tests back to back."""
    config = SandboxConfig(image=image, isolation="test")
    manager = SandboxManager(pool_size=size)
    counter = iter(range(10**9))

    def one() -> None:
        key = f"pooled-{next(counter)}"
        manager.sandbox(config, key).run("true")
        manager.release(key)

    try:
        one()  # the pool learns what tests want
        samples = []
        for _ in range(rounds):
            if not manager.pool.wait_idle():
                raise SystemExit("the warm pool did not refill within 120 s")
            start = time.perf_counter()
            one()
            samples.append(time.perf_counter() - start)
        hits = f"{manager.pool.hits}/{manager.pool.hits + manager.pool.misses}"
        manager.pool.wait_idle()
        start = time.perf_counter()
        for _ in range(rounds):
            one()
        back_to_back = (time.perf_counter() - start) / rounds
    finally:
        manager.close()
    return statistics.median(samples) * 1000, back_to_back * 1000, hits

if __name__ == "__main__":
    main()
