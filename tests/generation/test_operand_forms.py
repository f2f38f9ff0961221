"""Generation exercises every arity of the operands and sees options from more sides:
two operands where the usage has ``NAME...``, the second operand of ``NAME [SUFFIX]``
where it changes the output, options tried with those operands and with the options
their help refers to, numbers against both neighbours, each bare short flag, files
differing only in case. Real tools: small scripts (``tools.py``) and coreutils, run on
this machine through the prober."""

from __future__ import annotations

import shlex
from collections.abc import Callable
from pathlib import Path

import pytest

from pytest_testronaut.generation import generate_plan
from pytest_testronaut.generation.differential import NO_EFFECT_TAG
from pytest_testronaut.plans.model import Plan

from .tools import LocalRun, case_argv


@pytest.fixture
def run(tmp_path: Path) -> LocalRun:
    return LocalRun(tmp_path)


def _plan(run: LocalRun, tool: str) -> Plan:
    return generate_plan(run.spec(tool), run=run)


Plans = Callable[[str], Plan]


@pytest.fixture(scope="module")
def plans(tmp_path_factory: pytest.TempPathFactory) -> Plans:
    """A tool's plan, generated once for the whole module: several tests read the same
    plan (none changes it), and a search takes seconds."""
    made: dict[str, Plan] = {}

    def plan(tool: str) -> Plan:
        if tool not in made:
            made[tool] = _plan(LocalRun(tmp_path_factory.mktemp(tool)), tool)
        return made[tool]

    return plan


def test_a_variadic_operand_is_given_twice(plans: Plans) -> None:
    plan = plans("dirname")
    two = [c for c in plan.cases if c.id.startswith("form-") and len(case_argv(c)) == 3]
    assert two, [c.command for c in plan.cases]
    assert "two NAME operands" in two[0].description


def test_an_optional_operand_gets_a_value_where_it_changes_the_output(
        plans: Plans, run: LocalRun, tmp_path: Path) -> None:
    plan = plans("trimname")
    form = next(c for c in plan.cases if c.id == "form-name-suffix")
    argv = case_argv(form)
    assert len(argv) == 3 and "differs from the run without it" in form.description
    with_suffix = run.case_output(form, argv, tmp_path / "a")
    without = run.case_output(form, argv[:2], tmp_path / "b")
    assert with_suffix != without  # trimname an n -> "a", trimname an -> "an"


def test_an_option_that_shows_only_with_several_operands_is_tried_there(
        plans: Plans, run: LocalRun, tmp_path: Path) -> None:
    plan = plans("trimname")
    multiple = next(c for c in plan.cases if "--multiple" in case_argv(c))
    assert NO_EFFECT_TAG not in multiple.tags
    argv = case_argv(multiple)
    assert len([w for w in argv if not w.startswith("-")]) >= 3  # tool and two names
    without = [w for w in argv if w != "--multiple"]
    assert run.case_output(multiple, argv, tmp_path / "a") != \
        run.case_output(multiple, without, tmp_path / "b")


def test_an_option_is_tried_with_the_option_its_help_refers_to(plans: Plans) -> None:
    plan = plans("numlines")
    first = next(c for c in plan.cases if "--first" in case_argv(c))
    assert NO_EFFECT_TAG not in first.tags
    assert "--number" in case_argv(first)  # "(see -n)": alone it changes nothing


def test_a_number_option_shows_against_the_neighbour_on_each_side(
        plans: Plans, run: LocalRun, tmp_path: Path) -> None:
    plan = plans("numlines")
    cuts = [c for c in plan.cases if "--cut" in case_argv(c)]
    sides = set()
    for number, case in enumerate(cuts):
        argv = case_argv(case)
        at = argv.index("--cut") + 1
        value = int(argv[at])
        mine = run.case_output(case, argv, tmp_path / f"{number}")
        for step in (1, -1):
            other = [*argv[:at], str(value + step), *argv[at + 1:]]
            if run.case_output(case, other, tmp_path / f"{number}-{step}") != mine:
                sides.add(step)
    # --cut 4 prints like --cut 5: one value differs from N+1, another from N-1
    assert sides == {1, -1}, [c.command for c in cuts]


def test_each_bare_short_flag_of_an_option_gets_a_case(plans: Plans) -> None:
    plan = plans("numlines")
    commands = [case_argv(c) for c in plan.cases]
    # (``--upper`` or ``--upper=N``: an optional number is tried attached too)
    assert any(w.split("=")[0] == "--upper" for argv in commands for w in argv)
    assert any("-u" in argv for argv in commands)  # "-u, -U NUM, --upper[=NUM]"


def test_a_case_option_of_a_two_file_tool_gets_files_differing_only_in_case(
        plans: Plans, run: LocalRun, tmp_path: Path) -> None:
    plan = plans("samefile")
    ignore = next(c for c in plan.cases if "--ignore-case" in case_argv(c))
    assert NO_EFFECT_TAG not in ignore.tags
    first, second = (ignore.files[name] for name in sorted(ignore.files))
    assert first != second and first.lower() == second.lower()
    assert run.case_output(ignore, case_argv(ignore), tmp_path)[0] == 0


def test_generation_with_operand_forms_is_deterministic(plans: Plans, tmp_path: Path) -> None:
    assert plans("trimname") == _plan(LocalRun(tmp_path), "trimname")  # a second search


def test_a_tool_that_writes_files_shows_them_and_its_options_effect_on_them(
        plans: Plans, run: LocalRun, tmp_path: Path) -> None:
    plan = plans("savelines")
    append = next(c for c in plan.cases if "--append" in str(c.command))
    assert NO_EFFECT_TAG not in append.tags
    assert isinstance(append.command, str) and "stat -c" in append.command
    (tmp_path / "input.txt").write_text(append.files.get("input.txt", ""))
    got = run.tool(["sh", "-c", append.command], stdin=append.stdin or "", cwd=tmp_path)
    assert got.returncode == 0 and "regular file" in got.stdout and "input.txt" in got.stdout


def test_an_option_that_shows_only_on_a_missing_file_is_tried_on_one(plans: Plans) -> None:
    plan = plans("realpath")  # -e: "all components of the path must exist"
    existing = next(c for c in plan.cases if "--canonicalize-existing" in case_argv(c))
    assert NO_EFFECT_TAG not in existing.tags
    named = [w for w in case_argv(existing)[2:] if not w.startswith("-")]
    assert named and not any(name in existing.files for name in named)


def test_the_probe_reports_what_a_command_writes_and_removes(run: LocalRun) -> None:
    from pytest_testronaut.generation.evidence import probe_datasets
    from pytest_testronaut.generation.probe import Probe, Prober

    prober = Prober(run, probe_datasets())
    made, moved, plain = prober.outcomes([
        Probe(("mkdir", "-m", "700", "made"), "numbered", watch=True),
        Probe(("mv", "input.txt", "moved.txt"), "numbered", watch=True),
        Probe(("cat", "input.txt"), "numbered", watch=True)])
    assert made is not None and made.written() == ["./made"] and "d 700" in made.files
    assert moved is not None and sorted(moved.written()) == ["./input.txt", "./moved.txt"]
    assert plain is not None and plain.files == "" and plain.stdout.startswith("one 1")
    # each ran in a fresh copy of its folder: the file mv took away is back
    again = prober.outcome(Probe(("cat", "input.txt"), "numbered"))
    assert again is not None and again.ok


def test_a_command_that_writes_only_with_an_option_shows_the_files(
        plans: Plans, run: LocalRun, tmp_path: Path) -> None:
    plan = plans("truncate")  # `truncate FILE` fails; `truncate --size 2 FILE` writes
    size = next(c for c in plan.cases if str(c.command).startswith("truncate --size ")
                and shlex.split(str(c.command))[2].isdigit())
    assert isinstance(size.command, str) and "; s=$?; stat -c" in size.command
    for name, content in size.files.items():
        (tmp_path / name).write_text(content)
    got = run.tool(["sh", "-c", size.command], cwd=tmp_path)
    value = shlex.split(size.command)[shlex.split(size.command).index("--size") + 1]
    assert got.returncode == 0 and f"regular file 644 {value} input.txt" in got.stdout
    no_create = next(c for c in plan.cases if "--no-create" in str(c.command))
    assert NO_EFFECT_TAG not in no_create.tags  # shown on a file that is not there


def test_inputs_of_a_command_that_needs_an_option_are_also_read_with_it(plans: Plans) -> None:
    plan = plans("truncate")  # `truncate input.txt input2.txt` fails bare
    two = [case_argv(c) for c in plan.cases if c.id.startswith("run-numbered-two-files")]
    assert any(argv[1].startswith("--") and "input2.txt" in argv for argv in two), two


def test_generation_for_a_tool_that_writes_files_is_deterministic(
        plans: Plans, tmp_path: Path) -> None:
    assert plans("truncate") == _plan(LocalRun(tmp_path), "truncate")  # a second search
