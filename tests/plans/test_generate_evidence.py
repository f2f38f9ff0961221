"""Generation with differential evidence: the prober's batches, and plans whose cases
can fail, from real tools (host coreutils through a local runner; the base image)."""

from __future__ import annotations

import itertools
import re
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from pytest_testronaut.analysis.parse import parse_help
from pytest_testronaut.analysis.spec import CliSpec
from pytest_testronaut.generation import author_plan, generate_plan
from pytest_testronaut.generation.differential import NO_EFFECT_TAG
from pytest_testronaut.generation.evidence import INPUT_TEXTS, probe_datasets
from pytest_testronaut.generation.probe import Probe, Prober
from pytest_testronaut.plans.model import Case


@dataclass
class _Result:
    exit_code: int
    stdout: str
    stderr: str


class LocalRun:
    """A ``Sandbox.run`` look-alike on this machine: runs the prober's scripts with sh,
    its scratch folder moved under ``root`` (the scripts name /tmp/testronaut-probe)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.calls: list[str] = []

    def __call__(self, cmd: Sequence[str], *, timeout: float | None = None,
                 **_: object) -> _Result:
        script = cmd[-1].replace("/tmp/testronaut-probe", str(self.root / "probe"))
        self.calls.append(script)
        proc = subprocess.run(["sh", "-c", script], capture_output=True, text=True,
                              timeout=timeout, check=False)
        return _Result(proc.returncode, proc.stdout, proc.stderr)


def local_run(root: Path) -> LocalRun:
    return LocalRun(root)


def _line(case: Case) -> str:
    assert isinstance(case.command, str)
    return case.command


def _spec(tool: str) -> CliSpec:
    text = subprocess.run([tool, "--help"], capture_output=True, text=True,
                          check=False).stdout
    return CliSpec(tool=tool, root=parse_help(text, name=tool, path=[tool]))


def test_prober_runs_candidates_in_batches_and_caches_them(tmp_path: Path) -> None:
    run = local_run(tmp_path)
    prober = Prober(run, probe_datasets())
    probes = [Probe(("sort", "-r"), "numbered", stdin=True),
              Probe(("sort",), "numbered", stdin=True),
              Probe(("sort", "input.txt", "input2.txt"), "numbered"),
              Probe(("sort", "--no-such-option"), "empty", stdin=True)]
    got = prober.outcomes(probes)
    lines = INPUT_TEXTS["numbered"].splitlines()
    assert got[0] is not None and got[0].stdout.splitlines() == sorted(lines, reverse=True)
    assert got[1] is not None and got[1].stdout.splitlines() == sorted(lines)
    assert got[2] is not None and got[2].ok and len(got[2].stdout.splitlines()) == 12
    assert got[3] is not None and got[3].exit_code == 2 and got[3].stdout == ""
    batches = len(run.calls)
    assert prober.outcomes(probes) == got  # from the cache: nothing runs again
    assert len(run.calls) == batches
    assert prober.runs == 4


def test_prober_keeps_an_output_without_final_newline_exact(tmp_path: Path) -> None:
    prober = Prober(local_run(tmp_path), probe_datasets())
    got = prober.outcome(Probe(("cat",), "no-newline", stdin=True))
    assert got is not None and got.stdout == INPUT_TEXTS["no-newline"]


def test_prober_stops_at_its_run_budget(tmp_path: Path) -> None:
    prober = Prober(local_run(tmp_path), probe_datasets(), max_runs=80)
    probes = [Probe(("head", "-n", str(n)), "numbered", stdin=True) for n in range(100)]
    got = prober.outcomes(probes)
    assert prober.exhausted
    assert got[79] is not None and got[80] is None


def test_each_uniq_option_case_shows_a_difference_on_its_input(tmp_path: Path) -> None:
    spec = _spec("uniq")
    run = local_run(tmp_path)
    findings: list[str] = []
    plan = generate_plan(spec, run=run, findings=findings)
    cases = {c.id: c for c in plan.cases}
    ignore_case = next(c for c in plan.cases if _line(c).startswith("uniq --ignore-case"))
    assert ignore_case.stdin is not None
    # the input has adjacent lines differing only in case, else -i would show nothing
    lines = ignore_case.stdin.splitlines()
    assert any(a != b and a.lower() == b.lower() for a, b in itertools.pairwise(lines))
    for case in plan.cases:
        if not _line(case).startswith("uniq --") or "error" in case.id:
            continue
        without = subprocess.run(["uniq"], input=case.stdin or "", capture_output=True,
                                 text=True, check=False).stdout
        with_it = subprocess.run(_line(case).split(), input=case.stdin or "",
                                 capture_output=True, text=True, check=False).stdout
        assert NO_EFFECT_TAG in case.tags or with_it != without, case.id
    assert "help" in cases


def test_an_option_with_no_effect_is_tagged_and_reported(tmp_path: Path) -> None:
    spec = _spec("cut")  # cut -n is documented as "(ignored)"
    findings: list[str] = []
    plan = generate_plan(spec, run=local_run(tmp_path), findings=findings)
    ignored = next(c for c in plan.cases if _line(c).split()[:2] == ["cut", "-n"])
    assert NO_EFFECT_TAG in ignored.tags
    assert ignored.description.startswith("no observed effect")
    assert any("no observed effect: `cut -n" in f for f in findings)
    # a separator needs the field picker to show: the search found that context
    delimiter = next(c for c in plan.cases if "--delimiter" in _line(c))
    assert "--fields" in _line(delimiter) and NO_EFFECT_TAG not in delimiter.tags


def test_a_check_mode_gets_passing_and_failing_input(tmp_path: Path) -> None:
    plan = generate_plan(_spec("sort"), run=local_run(tmp_path))
    checks = [c for c in plan.cases if _line(c).split()[1:2]
              and _line(c).split()[1].startswith("--check")]
    statuses = set()
    for case in checks:
        for name, content in case.files.items():
            (tmp_path / name).write_text(content)
        statuses.add(subprocess.run(_line(case).split(), input=case.stdin or "", text=True,
                                    capture_output=True, check=False, cwd=tmp_path).returncode)
    assert statuses == {0, 1}


def test_generation_with_evidence_is_deterministic(tmp_path: Path) -> None:
    spec = _spec("paste")
    first = author_plan(spec, run=local_run(tmp_path / "a"), seed=3).plan
    second = author_plan(spec, run=local_run(tmp_path / "b"), seed=3).plan
    assert first == second


@pytest.mark.docker
def test_generation_runs_the_tool_in_the_sandbox() -> None:
    from pytest_testronaut.analysis.discover import discover
    from pytest_testronaut.sandbox import SandboxConfig, standalone_sandbox

    said: list[str] = []
    with standalone_sandbox(SandboxConfig()) as sandbox:
        spec = discover(sandbox.run, "paste")
        authored = author_plan(spec, run=sandbox.run, say=said.append)
    assert any("looking for inputs on which each of" in line for line in said)
    assert any(line.startswith("evidence search:") for line in said)
    serial = next(c for c in authored.plan.cases if "--serial" in _line(c))
    assert NO_EFFECT_TAG not in serial.tags
    forms = {tuple(sorted(c.files)) for c in authored.plan.cases if c.id.startswith("run-")}
    assert ("input.txt",) in forms and ("input.txt", "input2.txt") in forms


def test_a_verify_mode_reads_the_tools_own_output(tmp_path: Path) -> None:
    """sha1sum --check needs a checksum list: the search makes one from the tool's own
    output, and one whose file changed, so the case passes and fails where it should."""
    plan = generate_plan(_spec("sha1sum"), run=local_run(tmp_path))
    checks = [c for c in plan.cases if _line(c).split()[1:2] == ["--check"]]
    statuses = set()
    for case in checks:
        assert case.stdin is not None and "input.txt" in case.stdin
        work = tmp_path / case.id
        work.mkdir()
        for name, content in case.files.items():
            (work / name).write_text(content)
        statuses.add(subprocess.run(["sha1sum", "--check"], input=case.stdin, text=True,
                                    capture_output=True, check=False, cwd=work).returncode)
    assert statuses == {0, 1}


def _stdout(argv: Sequence[str], case: Case, cwd: Path) -> str:
    for name, content in case.files.items():
        (cwd / name).write_text(content)
    return subprocess.run(list(argv), input=case.stdin or "", text=True, capture_output=True,
                          check=False, cwd=cwd).stdout


def test_a_number_gets_a_case_per_documented_form_and_at_zero(tmp_path: Path) -> None:
    """head documents ``--lines=[-]NUM``: besides the value the search chose, ``-N``
    (all but the last N) and 0 get cases, each differing from head without it."""
    plan = generate_plan(_spec("head"), run=local_run(tmp_path))
    # (cases of other options may carry a --lines value beside theirs: not these)
    cases = [c for c in plan.cases if _line(c).split()[:2] == ["head", "--lines"]
             and len(_line(c).split()) == 3]
    values = {_line(c).split()[2] for c in cases}
    assert "0" in values and any(v.startswith("-") for v in values), values
    for case in cases:
        assert _stdout(_line(case).split(), case, tmp_path) != \
            _stdout(["head"], case, tmp_path), case.id


def test_skipping_n_fields_differs_from_n_minus_one_and_n_plus_one(tmp_path: Path) -> None:
    plan = generate_plan(_spec("uniq"), run=local_run(tmp_path))
    case = next(c for c in plan.cases if _line(c).startswith("uniq --skip-fields "))
    n = int(_line(case).split()[2])
    outs = {k: _stdout(["uniq", "--skip-fields", str(k)], case, tmp_path)
            for k in (n - 1, n, n + 1)}
    assert outs[n] != outs[n - 1] and outs[n] != outs[n + 1], outs


def test_boundary_inputs_of_a_command_that_needs_an_option_use_one(tmp_path: Path) -> None:
    """bare ``cut`` only prints a usage error; its empty and unterminated inputs are
    read with an option that makes it work, so a lost last line would show."""
    plan = generate_plan(_spec("cut"), run=local_run(tmp_path))
    case = next(c for c in plan.cases if c.id.startswith("run-no-newline"))
    argv = _line(case).split()
    assert len(argv) > 1
    proc = subprocess.run(argv, input=case.stdin or "", text=True, capture_output=True,
                          check=False)
    assert proc.returncode == 0 and proc.stdout.strip()


def test_a_check_flag_written_with_literal_values_takes_no_value(tmp_path: Path) -> None:
    """``-C, --check=quiet, --check=silent``: -C is a flag (a check mode with a case
    on sorted and one on unsorted input), not ``-C silent``."""
    from pytest_testronaut.analysis._helpers import parse_flag_spec

    quiet = parse_flag_spec("-C, --check=quiet, --check=silent")
    assert quiet is not None and quiet.value_optional
    for spec in ("-o FILE, --output=FILE", "-w, --width=cols", "--format=posix"):
        parsed = parse_flag_spec(spec)
        assert parsed is not None and not parsed.value_optional, spec
    plan = generate_plan(_spec("sort"), run=local_run(tmp_path))
    statuses = set()
    for case in [c for c in plan.cases if _line(c).split()[1:2] == ["-C"]]:
        for name, content in case.files.items():
            (tmp_path / name).write_text(content)
        statuses.add(subprocess.run(_line(case).split(), input=case.stdin or "", text=True,
                                    capture_output=True, check=False, cwd=tmp_path).returncode)
    assert statuses == {0, 1}


def test_candidates_that_may_wait_run_together_in_the_background(tmp_path: Path) -> None:
    run = local_run(tmp_path)
    prober = Prober(run, probe_datasets())
    got = prober.outcomes([Probe(("tail", "-f", "input.txt"), "numbered"),
                           Probe(("tail", "--follow", "input.txt"), "one-line"),
                           Probe(("tail", "-n", "1", "input.txt"), "numbered")])
    assert got[0] is not None and got[0].timed_out
    assert got[1] is not None and got[1].timed_out
    assert got[2] is not None and got[2].stdout == "eight 8\n"
    assert run.calls[-1].count(") &\n") == 2  # both waiting ones in the background


def test_an_error_case_the_tool_contradicts_is_not_kept_as_a_guess(tmp_path: Path) -> None:
    """``nl --footer-numbering not-a-valid-choice`` succeeds (nl reads the style's
    first letter): generation runs its error cases and records that one like any case
    instead of writing a failure recording could never confirm."""
    findings: list[str] = []
    plan = generate_plan(_spec("nl"), scope="comprehensive", run=local_run(tmp_path),
                         findings=findings)
    for case in plan.cases:
        if case.exit != "failure":
            continue
        proc = subprocess.run(_line(case).split(), input=case.stdin or "", text=True,
                              capture_output=True, check=False, cwd=tmp_path)
        assert proc.returncode != 0, case.id
        for pattern in case.stderr.regex if case.stderr else []:
            assert re.search(pattern, proc.stderr), case.id
    accepted = [c for c in plan.cases if c.description.endswith("the tool accepted it (review)")]
    assert accepted and all(c.exit is None for c in accepted)
    assert any("expected it to be rejected" in f for f in findings)
