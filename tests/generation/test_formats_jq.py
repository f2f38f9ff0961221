"""Generation for a tool reading a structured format, on the real ``jq`` 1.6 (its help as
``tests/analysis/user_day_help/`` keeps it) run by the prober's scripts on this machine
(:class:`tools.LocalRun`): the help's own example input first, JSON documents before
any text line, an invalid document for the error path, options shown on JSON. Also: a
few subcommand help cases only, and a case is ``nondeterministic`` only when two runs
that ended differed (a run cut short by a timeout is no evidence)."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from pytest_testronaut.analysis.parse import parse_help
from pytest_testronaut.analysis.spec import CliSpec, Command, Option
from pytest_testronaut.generation import generate_cases
from pytest_testronaut.generation.probe import Outcome, Probe
from pytest_testronaut.generation.settle import settle_order
from pytest_testronaut.plans.model import Case

from .tools import LocalRun

HELP = Path(__file__).parent.parent / "analysis" / "user_day_help" / "jq-1.6.txt"


@pytest.fixture(scope="module")
def jq_cases(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Case], list[str]]:
    if shutil.which("jq") is None and not os.environ.get("CI"):
        pytest.skip("jq is not installed on this machine")
    run = LocalRun(tmp_path_factory.mktemp("jq"))
    spec = CliSpec(tool="jq", root=parse_help(HELP.read_text(encoding="utf-8"), name="jq",
                                                path=["jq"]))
    findings: list[str] = []
    return generate_cases(spec, run=run, findings=findings), findings


def _parses(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return "\n" in text.strip() and all(_parses(line) for line in text.splitlines())
    return True


def test_the_help_example_input_is_the_first_run_and_json_comes_before_text(
        jq_cases: tuple[list[Case], list[str]]) -> None:
    cases, _ = jq_cases
    runs = [c for c in cases if c.id.startswith("run-")]
    assert runs[0].command == "jq ." and runs[0].stdin == '{"foo": 0}\n'
    stdin_runs = [c for c in runs if c.stdin is not None]
    json_runs = [c for c in stdin_runs if c.stdin and _parses(c.stdin)]
    assert len(json_runs) >= 3
    # every JSON document runs before the first text-line input
    first_text = next((i for i, c in enumerate(stdin_runs) if c.stdin and not _parses(
        c.stdin) and "invalid" not in c.description), len(stdin_runs))
    assert all(stdin_runs.index(c) < first_text for c in json_runs)
    assert any("invalid JSON" in c.description for c in runs)


def test_options_show_on_json_inputs(jq_cases: tuple[list[Case], list[str]]) -> None:
    cases, findings = jq_cases
    by_flag = {c.command.split()[1]: c for c in cases  # type: ignore[union-attr]
               if c.id[:2] in ("s-", "c-", "r-", "n-") and "no_observed_effect" not in c.tags}
    for flag in ("-S", "-c", "-s", "-n"):
        case = by_flag.get(flag) or next(c for c in cases if str(c.command).startswith(
            f"jq {flag} ") and "no_observed_effect" not in c.tags)
        assert "." in str(case.command).split()
        text = case.stdin or "".join(case.files.values())
        assert _parses(text.split("\n")[0]) or _parses(text), case
    sort_keys = next(c for c in cases if str(c.command).startswith("jq -S "))
    assert "keys out of order" in sort_keys.description or "example" in sort_keys.description
    assert not any("-S" in f or " -c " in f for f in findings)


def test_a_tool_with_many_subcommands_gets_a_few_help_cases() -> None:
    subs = [Command(name=f"sub{n}", path=["many", f"sub{n}"],
                    options=[Option(flags=[f"--opt{n}"])]) for n in range(12)]
    spec = CliSpec(tool="many", root=Command(name="many", path=["many"], subcommands=subs))
    cases = generate_cases(spec)
    helps = [c for c in cases if c.id.endswith("help")]
    assert helps[0].command == "many --help"
    assert 2 <= len(helps) <= 4
    assert len(cases) > len(helps) * 3  # the budget goes to the subcommands' own cases
    exhaustive = [c for c in generate_cases(spec, scope="exhaustive") if c.id.endswith("help")]
    assert len(exhaustive) == 13


class _Prober:
    """Re-runs give what ``answers`` says, in turn; the first run is in ``cache``."""

    def __init__(self, first: Outcome, answers: list[Outcome]) -> None:
        self.cache: dict[Probe, Outcome] = {}
        self.first, self.answers, self.broken = first, answers, None

    def rerun(self, probes: list[Probe]) -> list[Outcome]:
        return [self.answers.pop(0) for _ in probes]


@pytest.mark.parametrize(("first", "answers", "tagged"), [
    # the same error every time, one re-run cut short by the timeout: not random
    (Outcome(1, "", "Error: no such table"), [Outcome(137, "", ""),
                                               Outcome(1, "", "Error: no such table")], False),
    (Outcome(124, "", ""), [Outcome(1, "", "x"), Outcome(1, "", "x")], False),
    (Outcome(0, "b\na\n", ""), [Outcome(0, "a\nb\n", ""), Outcome(0, "b\na\n", "")], True),
])
def test_nondeterministic_only_when_runs_that_ended_differ(
        first: Outcome, answers: list[Outcome], tagged: bool) -> None:
    from pytest_testronaut.generation.cases import _Candidate, _Generator

    spec = CliSpec(tool="t", root=Command(name="t", path=["t"]))
    gen = _Generator(spec, "basic", __import__("random").Random(0))
    probe = Probe(("t",), "numbered", stdin=True)
    prober = _Prober(first, list(answers))
    prober.cache[probe] = first
    gen.prober = prober  # type: ignore[assignment]
    gen.candidates.append(_Candidate(1, 0, Case(id="t", command="t", origin="generated")))
    gen.probes[0] = probe
    settle_order(gen, 0)
    assert ("nondeterministic" in gen.candidates[0].case.tags) is tagged
