"""Deterministic generation on hand-built specs: same input, same plan; broad coverage."""

from __future__ import annotations

import re
import shlex

import pytest

from pytest_testronaut.generation import SCOPES, generate_cases, generate_plan
from pytest_testronaut.generation.samples import DATASETS, INJECTED
from pytest_testronaut.plans import dump_plan, parse_plan_text

from .specs import git_spec, sort_spec


@pytest.mark.parametrize("scope", ["basic", "comprehensive", "exhaustive"])
def test_same_spec_scope_seed_same_plan(scope: str) -> None:
    first = dump_plan(generate_plan(sort_spec(), scope=scope, seed=3))  # type: ignore[arg-type]
    again = dump_plan(generate_plan(sort_spec(), scope=scope, seed=3))  # type: ignore[arg-type]
    assert first == again
    # and the saved text is a valid plan
    assert parse_plan_text(first).plan.cases


def test_scopes_grow_and_budget_cuts_lowest_tiers_first() -> None:
    sizes = [len(generate_cases(git_spec(), scope=s)) for s in SCOPES]
    assert sizes[0] < sizes[1] < sizes[2]
    small = generate_cases(git_spec(), scope="exhaustive", budget=8)
    assert len(small) == 8
    assert {c.id for c in small} >= {"help", "version"}
    assert not any("fuzz" in c.tags or "security" in c.tags for c in small)


def test_filter_tool_gets_inputs_where_options_matter() -> None:
    cases = {c.id: c for c in generate_cases(sort_spec(), scope="comprehensive")}
    assert all(c.origin == "generated" for c in cases.values())
    assert cases["help"].command == "sort --help"
    assert cases["version"].command == "sort --version"
    # each option is exercised, on data that makes it visible
    assert cases["numeric-sort-numbers"].stdin == DATASETS["numbers"]
    assert cases["unique-duplicates"].stdin == DATASETS["duplicates"]
    assert cases["ignore-case-mixed-case"].stdin == DATASETS["mixed-case"]
    assert cases["field-separator-csv"].command == "sort --field-separator , --key 2"
    # file input as well as stdin
    file_cases = [c for c in cases.values() if c.files]
    assert file_cases and all("input.txt" in shlex.split(str(c.command)) for c in file_cases)
    assert {c.stdin for c in cases.values()} >= {"", DATASETS["words"], DATASETS["unicode"]}
    # generated cases wait for recording, except errors
    assert cases["reverse-numbers"].has_expectation() is False


def test_choices_boundaries_and_error_cases() -> None:
    cases = {c.id: c for c in generate_cases(sort_spec(), scope="comprehensive")}
    for choice in ("human-numeric", "month", "numeric"):
        assert cases[f"sort-{choice}"].command == f"sort --sort {choice}"
    assert cases["parallel-zero"].command == "sort --parallel 0"
    assert cases["parallel-huge"].command == "sort --parallel 2147483648"
    errors = [c for c in cases.values() if c.id.startswith("error")]
    assert {c.id for c in errors} >= {
        "error-unknown-option", "error-sort-bad-choice", "error-parallel-not-a-number",
        "error-key-no-value",
    }
    for case in errors:
        assert case.exit == "failure"
        assert case.stderr is not None and len(case.stderr.regex) == 1
        # a pattern naming the error, not one any error text meets
        assert not re.search(case.stderr.regex[0], "sort: error, try again; usage: sort")


def test_subcommands_get_help_runs_options_and_errors() -> None:
    cases = {c.id: c for c in generate_cases(git_spec(), scope="comprehensive")}
    assert cases["commit-help"].command == "gitish commit --help"
    assert cases["commit-message"].command == "gitish commit --message hello"
    assert cases["log-max-count"].command == "gitish log --max-count 2 example"
    assert cases["log-error-missing-argument"].command == "gitish log"
    assert cases["error-unknown-command"].command == "gitish testronaut-no-such-command"
    assert cases["commit-error-cleanup-bad-choice"].exit == "failure"
    assert cases["c"].command == "gitish -C /tmp"
    assert len(cases) == len(set(cases))


def test_exhaustive_adds_tagged_fuzz_and_security() -> None:
    cases = generate_cases(sort_spec(), scope="exhaustive")
    fuzz = [c for c in cases if "fuzz" in c.tags]
    security = [c for c in cases if "security" in c.tags]
    assert fuzz and security
    assert not [c for c in generate_cases(sort_spec(), scope="comprehensive") if c.tags]
    injected = [c for c in security if c.stdout and c.stdout.not_contains == [INJECTED]]
    assert injected and all(INJECTED not in str(c.command) for c in injected)
    assert any("../" in str(c.command) for c in security)


def test_seed_changes_only_the_seeded_choices() -> None:
    a = generate_cases(git_spec(), scope="basic", seed=1)
    b = generate_cases(git_spec(), scope="basic", seed=2)
    assert [c.id for c in a] == [c.id for c in b]  # git-like: no seeded input choice
    sort_ids = {str(s): [c.id for c in generate_cases(sort_spec(), scope="exhaustive", seed=s)]
                for s in range(4)}
    assert len({tuple(v) for v in sort_ids.values()}) > 1


def test_unknown_scope_is_rejected() -> None:
    with pytest.raises(ValueError, match="scope must be one of"):
        generate_cases(sort_spec(), scope="huge")  # type: ignore[arg-type]


def test_numbers_are_recognised_by_flag_and_description_too() -> None:
    from pytest_testronaut.analysis.spec import Option
    from pytest_testronaut.generation.samples import is_numeric, sample_value

    by = Option(flags=["--by"], takes_value=True, value_name="BY", description="add this much")
    start = Option(flags=["--start"], takes_value=True, value_name="START",
                   description="first value")
    many = Option(flags=["--copies"], takes_value=True, value_name="C",
                  description="how many copies to make")
    name = Option(flags=["--name"], takes_value=True, value_name="NAME", description="who")
    assert [is_numeric(o) for o in (by, start, many, name)] == [True, True, True, False]
    assert sample_value(by) == "2" and sample_value(name) != "2"


CUT_HELP = """Usage: cut OPTION... [FILE]...
Print selected parts of lines from each FILE to standard output.

  -c, --characters=LIST   select only these characters
  -d, --delimiter=DELIM   use DELIM instead of TAB for field delimiter
  -f, --fields=LIST       select only these fields
      --help     display this help and exit
"""


def test_a_separator_comes_with_the_option_that_picks_a_field() -> None:
    """`cut -d ,` alone is an error and `sort -t ,` alone changes nothing: the case for
    the separator also picks field 2, of data whose columns each order differently."""
    from pytest_testronaut.analysis import parse_help
    from pytest_testronaut.analysis.spec import CliSpec

    spec = CliSpec(tool="cut", root=parse_help(CUT_HELP, name="cut"))
    cases = {c.id: c for c in generate_cases(spec, scope="basic")}
    assert cases["delimiter-csv"].command == "cut --delimiter , --fields 2"
    assert cases["delimiter-csv"].stdin == DATASETS["csv"]
    rows = [line.split(",") for line in DATASETS["csv"].splitlines()[1:]]
    orders = {tuple(sorted(range(len(rows)), key=lambda i: rows[i][col])) for col in range(3)}
    assert len(orders) == 3  # each column sorts the rows its own way
    assert cases["characters-long-line"].command == "cut --characters 2"  # no companion


def test_sample_values_prefer_usable_examples_then_choices_then_the_type() -> None:
    from pytest_testronaut.analysis.spec import Option, Positional
    from pytest_testronaut.generation.samples import boundary_values, sample_value

    mode = Option(flags=["--mode"], takes_value=True, choices=["fast", "safe"])
    assert sample_value(mode) == "fast"
    assert sample_value(mode, ["reckless", "safe"]) == "safe"  # only among the choices
    count = Option(flags=["--count"], takes_value=True, value_name="N")
    assert sample_value(count) == "2" and sample_value(count, ["7"]) == "7"
    assert sample_value(Positional(name="URL")) == "http://127.0.0.1:9/"
    ratio = Option(flags=["--ratio"], takes_value=True, value_name="RATIO")
    assert boundary_values(ratio)["negative"] == "-1.5"  # inferred float
    assert boundary_values(count)["huge"] == "2147483648"


def test_enrichment_examples_and_purposes_are_used_by_generation() -> None:
    from pytest_testronaut.analysis.spec import Enrichment

    enrichment = Enrichment(purposes={"log": "Show the commit history."},
                            option_examples={"commit --cleanup": ["verbatim"],
                                             "log --max-count": ["5", "9"],
                                             "log revision": ["HEAD~1"]})
    cases = generate_cases(git_spec(), scope="comprehensive", enrichment=enrichment)
    commands = [str(c.command) for c in cases]
    assert "gitish commit --cleanup verbatim" in commands
    # every other choice once, the sampled one not twice
    assert [c for c in commands if c.startswith("gitish commit --cleanup ")].count(
        "gitish commit --cleanup verbatim") == 1
    assert "gitish commit --cleanup strip" in commands
    assert "gitish log --max-count 5 'HEAD~1'" in commands
    assert "gitish log --max-count 9 'HEAD~1'" in commands  # a further example: its own case
    plan = generate_plan(git_spec(), enrichment=enrichment)
    assert plan.cases == generate_cases(git_spec(), enrichment=enrichment)
    assert generate_cases(git_spec(), enrichment=Enrichment()) == generate_cases(git_spec())
