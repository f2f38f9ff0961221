"""An input added during the search (the tool's own output, the error input) gets a
listing of its own folder only: each ``add_dataset`` re-listed every input folder (two
processes a folder, some thirty folders, 37 times for `pysemver`), about a tenth of a
second an exec (issue #8, generation time). Watched candidates still report what
they write in the added folder, and nothing when they write nothing."""

from __future__ import annotations

from pathlib import Path

from pytest_testronaut.generation.evidence import probe_datasets
from pytest_testronaut.generation.probe import Probe, Prober

from .tools import LocalRun


def _prober(tmp_path: Path) -> Prober:
    prober = Prober(LocalRun(tmp_path), probe_datasets())
    assert prober.outcomes([Probe(("true",), "numbered")])[0] is not None
    return prober


def test_an_added_input_is_listed_alone(tmp_path: Path) -> None:
    prober = _prober(tmp_path)
    listings = tmp_path / "probe" / ".list"
    before = {p.name: p.stat().st_mtime_ns for p in listings.iterdir()}
    assert "numbered" in before
    assert prober.add_dataset("own-output", {"input.txt": "b\na\n", "other.txt": "x\n"})
    after = {p.name: p.stat().st_mtime_ns for p in listings.iterdir()}
    assert set(after) == {*before, "own-output"}
    assert {name: after[name] for name in before} == before  # the others not re-listed
    lines = (listings / "own-output").read_text().splitlines()
    assert sorted(line.rsplit(" ", 1)[1] for line in lines) == ["./input.txt", "./other.txt"]


def test_watched_candidates_on_an_added_input_report_their_writes(tmp_path: Path) -> None:
    prober = _prober(tmp_path)
    assert prober.add_dataset("own-output", {"input.txt": "b\na\n"})
    quiet, writer = prober.outcomes([
        Probe(("cat", "input.txt"), "own-output", watch=True),
        Probe(("cp", "input.txt", "copy.txt"), "own-output", watch=True)])
    assert quiet is not None and quiet.stdout == "b\na\n" and quiet.files == ""
    assert writer is not None and writer.written() == ["./copy.txt"]
    # the folder was put back: the copy is gone for the next candidate
    again = prober.outcomes([Probe(("ls",), "own-output")])[0]
    assert again is not None and again.stdout.split() == ["input.txt"]
