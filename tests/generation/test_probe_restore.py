"""Putting the input folders back (after a command that writes files) is done at the
start of the next exec, not in an exec of its own: ten restores cost `pysemver`'s
generation about a second (issue #8, generation time). The next candidate still sees
the folder as written, and nothing runs in the sandbox until a candidate must."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pytest_testronaut.generation.evidence import probe_datasets
from pytest_testronaut.generation.probe import Probe, Prober

from .tools import LocalRun, Result


class CountingRun(LocalRun):
    """A :class:`LocalRun` that keeps the scripts it ran."""

    def __init__(self, root: Path) -> None:
        super().__init__(root)
        self.scripts: list[str] = []

    def __call__(self, cmd: Sequence[str], *, timeout: float | None = None,
                 **options: object) -> Result:
        self.scripts.append(cmd[-1])
        return super().__call__(cmd, timeout=timeout, **options)


def test_a_restore_runs_first_in_the_next_exec(tmp_path: Path) -> None:
    run = CountingRun(tmp_path)
    prober = Prober(run, probe_datasets())
    first = prober.outcomes([Probe(("rm", "input.txt"), "numbered")])[0]
    assert first is not None and first.ok  # it spoiled its folder, unwatched
    execs = len(run.scripts)
    prober.restore()
    assert len(run.scripts) == execs  # put off
    got = prober.outcomes([Probe(("cat", "input.txt"), "numbered")])[0]
    assert len(run.scripts) == execs + 1
    assert got is not None and got.stdout == probe_datasets()["numbered"]["input.txt"]
    # done once: the exec after it does not restore again
    prober.outcomes([Probe(("true",), "numbered")])
    assert ".pristine" in run.scripts[-2] and ".pristine" not in run.scripts[-1]


def test_a_restore_before_an_added_input_runs_with_it(tmp_path: Path) -> None:
    run = CountingRun(tmp_path)
    prober = Prober(run, probe_datasets())
    prober.outcomes([Probe(("rm", "input.txt"), "keys")])
    prober.restore()
    assert prober.add_dataset("own-output", {"input.txt": "x\n"})
    got = prober.outcomes([Probe(("cat", "input.txt"), "keys"),
                           Probe(("cat", "input.txt"), "own-output")])
    assert [o.stdout if o else None for o in got] == [
        probe_datasets()["keys"]["input.txt"], "x\n"]


def test_a_restore_before_any_exec_is_nothing_to_do(tmp_path: Path) -> None:
    run = CountingRun(tmp_path)
    prober = Prober(run, probe_datasets())
    prober.restore()  # nothing written yet: nothing to put back
    prober.outcomes([Probe(("true",), "numbered")])
    assert len(run.scripts) == 2 and all(".pristine/$d" not in s for s in run.scripts)
