"""The prober's answers carry stderr (its size and first bytes) from the one run of each
candidate, so the option search no longer runs a form a second time with stderr on
stdout to see whether it wrote an error (issue #8). Real tools, run through the
prober's in-container script on this machine (``tools.LocalRun``) and in the sandbox."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from pytest_testronaut.generation.evidence import Search, normal_status, probe_datasets
from pytest_testronaut.generation.probe import Probe, Prober
from pytest_testronaut.generation.probe_script import STDERR_EXCERPT

from .tools import LocalRun


class Counted:
    """``run`` that counts its calls (each one exec of the sandbox)."""

    def __init__(self, run: Any) -> None:
        self.run = run
        self.calls = 0

    def __call__(self, cmd: Sequence[str], **options: Any) -> Any:
        self.calls += 1
        return self.run(cmd, **options)


@pytest.fixture
def run(tmp_path: Path) -> Counted:
    return Counted(LocalRun(tmp_path))


def test_an_outcome_carries_stdout_stderr_and_status_of_one_run(run: Counted) -> None:
    prober = Prober(run, probe_datasets())
    probes = [Probe(("sh", "-c", "echo out; echo oops >&2; exit 3"), "numbered"),
              Probe(("cat",), "numbered", stdin=True),
              Probe(("sh", "-c", "printf 'no newline' >&2"), "numbered"),
              Probe(("cat", "missing.txt"), "numbered")]
    mixed, plain, unterminated, missing = prober.outcomes(probes)
    assert run.calls == 2  # the inputs written, then one batch
    assert prober.runs == 4
    assert mixed is not None and (mixed.exit_code, mixed.stdout) == (3, "out\n")
    assert (mixed.stderr, mixed.stderr_size) == ("oops\n", 5)
    assert plain is not None and plain.ok and plain.stdout.startswith("one 1\n")
    assert (plain.stderr, plain.stderr_size) == ("", 0)
    assert unterminated is not None and unterminated.stdout == ""
    assert (unterminated.stderr, unterminated.stderr_size) == ("no newline", 10)
    assert missing is not None and missing.exit_code == 1
    assert "missing.txt" in missing.stderr and missing.stderr_size == len(missing.stderr)


def test_a_long_stderr_comes_back_cut_with_its_whole_size(run: Counted) -> None:
    prober = Prober(run, probe_datasets())
    noisy, after = prober.outcomes([
        Probe(("sh", "-c", "i=0; while [ $i -lt 500 ]; do echo 'error line' >&2; "
               "i=$((i + 1)); done; echo done"), "numbered"),
        Probe(("sh", "-c", "echo next; echo quiet >&2"), "numbered")])
    assert noisy is not None and noisy.stdout == "done\n"
    assert noisy.stderr_size == 500 * len("error line\n")
    assert len(noisy.stderr) == STDERR_EXCERPT
    assert noisy.stderr == ("error line\n" * 500)[:STDERR_EXCERPT]
    # the next candidate's answer is its own
    assert after is not None and (after.stdout, after.stderr) == ("next\n", "quiet\n")


def test_background_and_watched_candidates_carry_stderr_too(run: Counted) -> None:
    prober = Prober(run, probe_datasets())
    follow, watched = prober.outcomes([
        Probe(("tail", "-f", "absent.txt"), "numbered"),  # may wait: in the background
        Probe(("sh", "-c", "echo made > new.txt; echo warned >&2"), "numbered", watch=True)])
    assert follow is not None and follow.exit_code == 1
    assert "absent.txt" in follow.stderr and follow.stderr_size > 0
    assert watched is not None and watched.ok and watched.written() == ["./new.txt"]
    assert watched.stderr == "warned\n"


def test_the_option_search_runs_each_form_once(run: Counted) -> None:
    """``differ`` (``tools.py``) exits 1 with the differences of two files: that form is
    where options are searched, found from one run of each form."""
    prober = Prober(run, probe_datasets())
    search = Search(prober, ["differ"], [], False, 1)
    search.order_forms()
    forms = ["file", "two-files", "missing"]
    assert prober.runs == len(forms)  # not twice: no second run with stderr merged
    assert run.calls == 2  # the inputs written, then one batch
    assert search.forms() == ["two-files", "file", "missing"]
    assert search.normal_codes == {1}
    one_file = prober.cache[search.probe([], "numbered", "file")]
    assert one_file is not None and one_file.exit_code == 2 and one_file.stderr_size > 0
    assert not normal_status(one_file)  # "missing operand" on stderr: an error


@pytest.mark.docker
def test_in_the_sandbox_each_form_runs_once_and_stderr_comes_back() -> None:
    from pytest_testronaut.sandbox import SandboxConfig, standalone_sandbox

    with standalone_sandbox(SandboxConfig()) as sandbox:
        execs: list[Any] = []
        sandbox.observers.append(lambda _, result: execs.append(result))
        prober = Prober(sandbox.run, probe_datasets())
        search = Search(prober, ["diff"], [], False, 2)
        search.order_forms()
        missing = prober.cache[search.probe([], "numbered", "missing")]
    assert len(execs) == 2 and prober.runs == 3  # inputs, then one batch of 3 forms
    assert search.forms()[0] == "two-files" and search.normal_codes == {1}
    assert missing is not None and missing.exit_code == 2
    assert "diff: missing operand after 'missing.txt'" in missing.stderr
    assert missing.stderr_size == len(missing.stderr.encode())
