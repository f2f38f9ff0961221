"""Candidates of one exec run in lanes at once, each in a copy of its input's folder made
for it alone (issue #8, generation within a minute): the answers, the runs counted and
the plan are the same for one lane and for several; what one run writes no other run
sees, in whichever lane it ran."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pytest_testronaut.analysis.parse import parse_help
from pytest_testronaut.analysis.spec import CliSpec
from pytest_testronaut.generation import author_plan, probe
from pytest_testronaut.generation.evidence import probe_datasets
from pytest_testronaut.generation.probe import Probe, Prober
from pytest_testronaut.generation.probe_script import batch_script, run_path
from pytest_testronaut.plans.dump import save_plan

from .tools import LocalRun

# Runs that write, remove and list files in their folder, and runs that read it after.
SPOILERS = [
    Probe(("rm", "input.txt"), "numbered"),
    Probe(("cat", "input.txt"), "numbered"),
    Probe(("sh", "-c", "echo more >> input.txt; cat input.txt"), "numbered"),
    Probe(("cat", "input.txt"), "numbered", stdin=True),
    Probe(("sh", "-c", "touch new.txt; ls"), "numbered", watch=True),
    Probe(("ls",), "numbered"),
    Probe(("sh", "-c", "mkdir made && ls -d made"), "keys"),
    Probe(("ls",), "keys"),
    Probe(("cat",), "keys", stdin=True),
]


Answer = tuple[int, str, str, str]  # exit status, stdout, stderr, files written


def _answers(tmp_path: Path, lanes: int) -> tuple[list[Answer], int]:
    prober = Prober(LocalRun(tmp_path / f"lanes{lanes}"), probe_datasets(), lanes=lanes)
    got = prober.outcomes(SPOILERS)
    assert all(o is not None for o in got)  # every one ran
    return [(o.exit_code, o.stdout, o.stderr, o.files) for o in got if o is not None], \
        prober.runs


def test_a_run_that_spoils_its_folder_spoils_no_other_in_any_lane(tmp_path: Path) -> None:
    one, runs_one = _answers(tmp_path, 1)
    for lanes in (2, 3, 4):
        assert _answers(tmp_path, lanes) == (one, runs_one)  # answers and runs counted
    numbered = probe_datasets()["numbered"]["input.txt"]
    assert one[1][1] == numbered and one[3][1] == numbered  # not removed, not appended to
    assert one[2][1] == numbered + "more\n"
    assert one[4][3] == "\tf 644 0 ./new.txt" and "new.txt" not in one[5][1]
    assert "made" not in one[7][1]
    assert not [p for p in tmp_path.glob("lanes*/*") if p.name not in ("bin", "probe")]


def test_a_run_prints_where_it_ran_as_its_folder_of_the_same_length(tmp_path: Path) -> None:
    prober = Prober(LocalRun(tmp_path), probe_datasets(), lanes=2)
    first, second = prober.outcomes([Probe(("pwd",), "numbered"), Probe(("pwd",), "keys")])
    assert first is not None and second is not None
    # its copy's path (``.../00000/numbered``) is as long as the folder's own (the local
    # runner writes it back as the folder's, as the prober does in the sandbox)
    assert first.stdout.strip() == str(tmp_path / "probe" / "numbered")
    assert second.stdout.strip() == str(tmp_path / "probe" / "keys")
    # in the sandbox (the probe root the prober knows) it is written back as the folder's
    assert run_path("/tmp/testronaut-probe", "/tmp/testronaut-00012/keys/a.txt\n") == \
        "/tmp/testronaut-probe/keys/a.txt\n"
    assert run_path("/tmp/testronaut-probe", "/tmp/testronaut-probes") == \
        "/tmp/testronaut-probes"
    # relative to a folder above it (``realpath --relative-base /tmp``) as well
    assert run_path("/tmp/testronaut-probe", "testronaut-00012/keys ../testronaut-00003\n") \
        == "testronaut-probe/keys ../testronaut-probe\n"
    assert run_path("/tmp/testronaut-probe", "mytestronaut-00012 testronaut-000123") == \
        "mytestronaut-00012 testronaut-000123"


def test_lanes_run_at_once(tmp_path: Path) -> None:
    """One candidate waits for what the other writes into a named pipe: only when the
    two run at once do both finish (no clock involved)."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    prober = Prober(LocalRun(tmp_path), probe_datasets(), lanes=2)
    reader, writer = prober.outcomes([Probe(("sh", "-c", f"cat {fifo}"), "numbered"),
                                      Probe(("sh", "-c", f"echo hi > {fifo}"), "numbered")])
    assert reader is not None and reader.stdout == "hi\n" and writer is not None


def test_the_script_has_as_many_lanes_as_asked_and_no_more_than_candidates() -> None:
    chunk = [Probe(("true",), "numbered")] * 3
    for lanes, expected in ((1, 1), (2, 2), (8, 3)):
        script, _ = batch_script("/tmp/testronaut-probe", chunk, timeout="", settle=False,
                                 guarded=False, lanes=lanes)
        assert script.count(') >"$B/l') == expected
    with pytest.raises(ValueError):
        Prober(lambda *a, **k: None, {}, lanes=0)


def _spec(tool: str, run: LocalRun) -> CliSpec:
    text = run.tool([tool, "--help"]).stdout
    return CliSpec(tool=tool, root=parse_help(text, name=tool, path=[tool]))


@pytest.mark.parametrize("tool", ["paste", "savelines"])
def test_the_plan_is_the_same_byte_for_byte_with_one_lane_and_with_several(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tool: str) -> None:
    """``paste`` reads files and stdin; ``savelines`` writes the file it is given (each
    run's writes stay in its copy)."""
    written: list[bytes] = []
    for lanes in (1, 3):
        run = LocalRun(tmp_path / f"lanes{lanes}")
        monkeypatch.setattr(probe, "LANES", lanes)
        plan = author_plan(_spec(tool, run), run=run, seed=5).plan
        path = tmp_path / f"lanes{lanes}.testronaut.yaml"
        save_plan(plan, path)
        written.append(path.read_bytes())
    assert written[0] == written[1]


@pytest.mark.docker
def test_in_the_sandbox_the_plan_is_the_same_with_one_lane_and_with_two(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pytest_testronaut.analysis.discover import discover
    from pytest_testronaut.sandbox import SandboxConfig, standalone_sandbox

    written: list[bytes] = []
    with standalone_sandbox(SandboxConfig(cpus=2.0)) as sandbox:
        spec = discover(sandbox.run, "paste")
        for lanes in (1, 2):
            monkeypatch.setattr(probe, "LANES", lanes)
            plan = author_plan(spec, run=sandbox.run, seed=1).plan
            path = tmp_path / f"lanes{lanes}.testronaut.yaml"
            save_plan(plan, path)
            written.append(path.read_bytes())
    assert written[0] == written[1]

