"""CLI surface coverage and help drift against an analyzed spec."""

from __future__ import annotations

from pytest_testronaut.analysis.spec import CliSpec, Option
from pytest_testronaut.reports import coverage, drift, load_spec
from pytest_testronaut.reports.coverage import tool_argv, used_by

from .helpers import spec


def test_an_argv_uses_subcommands_options_and_choices() -> None:
    used = used_by(spec(), ["--color", "never", "remote", "add", "--fetch", "-v", "origin"])
    assert used.commands == {"tool", "tool remote", "tool remote add"}
    # --fetch belongs to `remote add`, -v to the tool itself (found through the parents)
    assert used.options == {("tool", "--color"), ("tool remote add", "--fetch"),
                            ("tool", "--verbose")}
    assert used.choices == {("tool", "--color", "never")}
    assert used.unknown == []


def test_equals_values_clusters_and_unknown_options() -> None:
    used = used_by(spec(), ["--color=auto", "run", "-nv", "--bogus", "--", "--verbose"])
    assert ("tool", "--color", "auto") in used.choices
    assert {("tool run", "--dry-run"), ("tool", "--verbose")} <= used.options
    assert used.unknown == ["--bogus"]  # and nothing after "--" counts as an option


def test_the_tool_is_found_in_a_shell_line_or_by_its_path() -> None:
    assert tool_argv("printf 'x' | /usr/bin/tool run -n", "tool") == ["run", "-n"]
    assert tool_argv(["tool", "--verbose"], "tool") == ["--verbose"]
    assert tool_argv("echo hi", "tool") is None


def test_coverage_counts_what_was_exercised_and_lists_the_rest() -> None:
    found = coverage(spec(), ["tool run -n", "tool --color never", "echo unrelated"]).as_dict()
    assert found["commands"] == {"total": 3, "covered": 1, "percent": 33.3,
                                 "missing": ["tool remote", "tool remote add"], "help_only": []}
    assert found["options"]["covered"] == 2  # --dry-run, --color
    assert found["options"]["missing"] == ["tool --verbose", "tool remote add --fetch"]
    assert found["choices"] == {"total": 2, "covered": 1, "percent": 50.0,
                                "missing": ["tool --color=auto"], "help_only": []}
    assert found["percent"] == round(100 * 4 / 9, 1)


def _with_help(*options: Option) -> CliSpec:
    found = spec()
    root = found.root.model_copy(update={"options": [*found.root.options, *options]})
    return found.model_copy(update={"root": root})


def test_a_help_flag_covers_only_the_help_and_the_rest_is_help_only() -> None:
    helped = _with_help(Option(flags=["-h", "--help"], description="show this help"),
                        Option(flags=["-V"], description="print the version"))
    assert used_by(helped, ["run", "--help"]).help_only
    assert used_by(helped, ["-V"]).help_only
    assert used_by(spec(), ["remote", "--help"]).help_only  # not in the spec: by its flag
    assert not used_by(helped, ["run", "-n"]).help_only
    found = coverage(helped, ["tool run --help", "tool remote add --fetch -h",
                              "tool --color never --help", "tool remote -V",
                              "tool remote add --help"]).as_dict()
    # no command really ran: none is covered, all three are help only
    assert found["commands"]["covered"] == 0
    assert found["commands"]["help_only"] == ["tool remote", "tool remote add", "tool run"]
    assert found["options"]["help_only"] == ["tool --color", "tool remote add --fetch"]
    assert found["choices"]["help_only"] == ["tool --color=never"]
    assert "tool --help" not in found["options"]["missing"]  # asking for help covers it
    assert "tool -V" not in found["options"]["missing"]
    # one real case covers its command; help only lists what no real case ran
    found = coverage(helped, ["tool run --help", "tool run -n", "tool remote --help"]).as_dict()
    assert found["commands"]["covered"] == 1
    assert found["commands"]["help_only"] == ["tool remote"]
    assert found["options"]["help_only"] == []


def test_a_short_flag_that_is_not_help_is_a_real_case() -> None:
    # `sort -h` is --human-numeric-sort, `grep -V` could be anything the help says
    human = _with_help(Option(flags=["-h"], description="compare human readable numbers"))
    used = used_by(human, ["run", "-h"])
    assert not used.help_only
    assert coverage(human, ["tool run -h"]).as_dict()["commands"]["covered"] == 1


def test_drift_names_added_removed_renamed_and_stale_cases() -> None:
    before = spec()
    now = spec().model_copy(deep=True)
    now.version = "2.0"
    root = now.root
    # --verbose renamed to --loud (same description); --color removed; --quiet added
    root.options = [Option(flags=["--loud"], description="say more"),
                    Option(flags=["-q", "--quiet"], description="say less")]
    root.subcommands = [s for s in root.subcommands if s.name != "remote"]
    found = drift(before, now, {"p::colored": "tool --color never run",
                                "p::remote": "tool remote add x", "p::fine": "tool run -n"})
    assert found.options_renamed == [("tool --verbose", "tool --loud")]
    assert found.options_removed == ["tool --color"]
    assert found.options_added == ["tool --quiet"]
    assert found.commands_removed == ["tool remote", "tool remote add"]
    assert found.stale_cases == {"p::colored": ["tool --color"],
                                 "p::remote": ["tool remote", "tool remote add"]}
    assert found.as_dict()["version_before"] == "1.0"
    assert not drift(before, spec())


def test_a_spec_loads_from_analyze_json_or_a_plain_dump() -> None:
    dumped = spec().model_dump(mode="json")
    assert load_spec({"tool": "tool", "spec": dumped}) == spec()
    assert load_spec(dumped) == spec()


def test_a_long_flag_renamed_beside_its_short_one_is_a_rename() -> None:
    now = spec().model_copy(deep=True)
    run = now.root.subcommands[0]
    run.options = [Option(flags=["-n", "--simulate"], description="pretend")]
    found = drift(spec(), now, {"p::dry": "tool run --dry-run", "p::short": "tool run -n"})
    assert found.options_renamed == [("tool run --dry-run", "tool run --simulate")]
    assert found.options_removed == [] and found.options_added == []
    # -n still works: only the case that wrote --dry-run is stale
    assert found.stale_cases == {"p::dry": ["tool run --dry-run"]}
