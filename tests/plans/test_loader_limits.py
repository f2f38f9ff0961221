"""Hostile plan files: the loader's limits (aliases, depth, size, characters, numbers) and
``check-plan`` validating what would otherwise fail only when the plan runs."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest

from pytest_testronaut.cli import main
from pytest_testronaut.plans import PlanError, load_plan, parse_plan_text
from pytest_testronaut.plans.yaml_reading import MAX_DEPTH, MAX_PLAN_BYTES

PLAN = "tool: sort\ncases:\n  - id: a\n    command: sort\n"
# Nine levels of nine aliases: 9**9 (387 million) values once expanded, in 284 bytes.
BOMB = ("[&a [l,l,l,l,l,l,l,l,l]," + "".join(
    f"&{b} [{','.join([f'*{a}'] * 9)}]," for a, b in zip("abcdefgh", "bcdefghi", strict=True))
    + "*i]\n")


def error_of(text: str) -> PlanError:
    with pytest.raises(PlanError) as info:
        parse_plan_text(text, "p.testronaut.yaml")
    return info.value


# --- aliases -----------------------------------------------------------------------------
def test_billion_laughs_fails_fast_in_little_memory() -> None:
    assert len(BOMB.encode()) <= 311
    tracemalloc.start()
    started = time.monotonic()
    try:
        error = error_of(BOMB)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert time.monotonic() - started < 2
    assert peak < 20 * 2**20, peak
    assert str(error).startswith("p.testronaut.yaml:1: aliases expand to more than 10000 values")


def test_billion_laughs_through_check_plan_and_collection(tmp_path: Path,
                                                          pytester: pytest.Pytester) -> None:
    bomb = tmp_path / "bomb.testronaut.yaml"
    bomb.write_text(BOMB, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "pytest_testronaut.cli", "check-plan",
                           str(bomb)], capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 2
    assert f"{bomb}:1: aliases expand to more than 10000 values" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout

    pytester.makefile(".testronaut.yaml", bomb=BOMB)
    result = pytester.runpytest("--testronaut", "-p", "no:cacheprovider")
    result.stdout.fnmatch_lines(["*invalid testronaut plan:*",
                                 "*bomb.testronaut.yaml:1: aliases expand to more than 10000*"])
    assert "MemoryError" not in result.stdout.str()


def test_aliases_that_share_a_few_values_still_load() -> None:
    loaded = parse_plan_text(
        "tool: sort\nenv: &shared {LC_ALL: C}\ncases:\n"
        "  - {id: a, command: sort, env: *shared}\n  - {id: b, command: sort, env: *shared}\n")
    assert [c.env for c in loaded.plan.cases] == [{"LC_ALL": "C"}, {"LC_ALL": "C"}]


@pytest.mark.parametrize("cycle", ["loop: &a [*a]", "loop: &a {self: *a}",
                                   "loop: &a [1, [2, {x: *a}]]"])
def test_recursive_aliases_are_refused(cycle: str) -> None:
    error = error_of(PLAN + cycle + "\n")
    assert error.line == 5
    assert "alias *a refers to a value that contains it (a recursive alias)" in str(error)


# --- depth and size ----------------------------------------------------------------------------
@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 1_000, 100_000])
def test_deep_flow_nesting_is_refused(depth: int) -> None:
    error = error_of(PLAN + f"deep: {'[' * depth}1{']' * depth}\n")
    assert error.line == 5 and f"nested more than {MAX_DEPTH} levels deep" in str(error)


def test_deep_block_nesting_is_refused() -> None:
    nested = "".join(f"{' ' * (i + 1)}k{i}:\n" for i in range(2_000))
    error = error_of(PLAN + "deep:\n" + nested + " " * 2_001 + "v\n")
    assert error.line is not None and f"more than {MAX_DEPTH} levels" in str(error)


def test_nesting_within_the_limit_loads() -> None:
    depth = MAX_DEPTH - 8
    loaded = parse_plan_text(
        PLAN.replace("command: sort", "command: sort\n    stdout: {json: "
                     + "[" * depth + "1" + "]" * depth + "}"))
    assert loaded.plan.cases[0].stdout is not None


def test_a_plan_larger_than_the_limit_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.testronaut.yaml"
    big.write_bytes(PLAN.encode() + b"#" * MAX_PLAN_BYTES)
    with pytest.raises(PlanError, match=r"big.testronaut.yaml: the plan is larger than 16 MiB"):
        load_plan(big)


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_an_endless_file_is_read_only_up_to_the_limit() -> None:
    started = time.monotonic()
    with pytest.raises(PlanError, match="larger than 16 MiB"):
        load_plan("/dev/zero")
    assert time.monotonic() - started < 5


def test_a_folder_is_not_a_plan(tmp_path: Path) -> None:
    with pytest.raises(PlanError, match=r": cannot read the plan: Is a directory"):
        load_plan(tmp_path)


# --- characters ----------------------------------------------------------------------------------
@pytest.mark.parametrize(("char", "shown"), [("\x00", "U+0000"), ("\x07", "U+0007"),
                                             ("\x1b", "U+001B"), ("\x7f", "U+007F"),
                                             ("\x9f", "U+009F"), ("\ufffe", "U+FFFE")])
def test_control_characters_are_refused_at_their_line(char: str, shown: str) -> None:
    error = error_of(PLAN.replace("command: sort", f"command: so{char}rt"))
    assert error.line == 4
    assert f"character {shown} at column 16 is not allowed in YAML" in str(error)


def test_tabs_newlines_and_unicode_text_are_fine() -> None:
    loaded = parse_plan_text(PLAN + '    stdin: "a\\tb\\u00e9\\x07"\n    description: ünïcödé ✓\n')
    assert loaded.plan.cases[0].stdin == "a\tbé\x07"


def test_bytes_that_are_not_utf8_name_their_line(tmp_path: Path) -> None:
    plan = tmp_path / "latin1.testronaut.yaml"
    plan.write_bytes(PLAN.encode() + "    description: caf\xe9\n".encode("latin-1"))
    with pytest.raises(PlanError, match=r"latin1.testronaut.yaml:5: byte 0xe9 is not UTF-8"):
        load_plan(plan)


# --- values yaml cannot or should not build ----------------------------------------------
@pytest.mark.parametrize("digits", [101, 4_000, 5_000])
def test_huge_integers_are_refused(digits: int) -> None:
    error = error_of(PLAN + f"    exit: {'9' * digits}\n")
    assert error.line == 5
    assert f"has {digits} characters; numbers in plans have at most 100" in str(error)


@pytest.mark.parametrize(("value", "expected"), [
    ("2001-13-45", "cannot read the value '2001-13-45': month must be in 1..12"),
    ("!!python/object:os.system ls", "could not determine a constructor"),
    ("!!float nope", "cannot read the value 'nope'"),
    ("!!binary a", "failed to decode base64 data"),
])
def test_values_yaml_cannot_build_are_plan_errors(value: str, expected: str) -> None:
    error = error_of(PLAN + f"    description: {value}\n")
    assert error.line == 5 and expected in str(error)


@pytest.mark.parametrize("value", ["!!binary aGVsbG8=", "2001-12-14", "[1, !!binary aGVsbG8=]",
                                   ".nan", "{1: x}", "{a: [.inf]}"])
def test_expected_json_holds_only_json(value: str) -> None:
    error = error_of(PLAN + f"    stdout: {{json: {value}}}\n")
    assert error.field == "cases[0].stdout.json" and error.line == 5


# --- numbers and values checked before anything runs ----------------------------------------
@pytest.mark.parametrize(("where", "value", "field", "message"), [
    ("settings", ".inf", "settings.timeout", "inf is not a finite number; expected a number "
                                             "greater than 0 and at most 86400 (seconds)"),
    ("settings", "1e12", "settings.timeout", "1000000000000.0 is out of range; expected a "
                                             "number greater than 0 and at most 86400"),
    ("settings", "true", "settings.timeout", "True is a boolean, not a number"),
    ("settings", "0", "settings.timeout", "0 is out of range"),
    ("case", ".nan", "cases[0].timeout", "nan is not a finite number"),
    ("case", "1.0e12", "cases[0].timeout", "out of range"),
    ("case", "true", "cases[0].timeout", "True is a boolean, not a number"),
])
def test_timeouts_must_be_finite_numbers_in_range(where: str, value: str, field: str,
                                                  message: str) -> None:
    text = (PLAN + f"settings: {{timeout: {value}}}\n" if where == "settings"
            else PLAN + f"    timeout: {value}\n")
    error = error_of(text)
    assert error.field == field and message in error.message


@pytest.mark.parametrize(("value", "message"), [
    ("true", "true is a boolean; write an exit code from 0 to 255"),
    ("false", "false is a boolean"),
    ("256", "256 is out of range; expected a whole number from 0 to 255"),
    ("-1", "-1 is out of range"),
])
def test_exit_codes_are_numbers_not_booleans(value: str, message: str) -> None:
    error = error_of(PLAN + f"    exit: {value}\n")
    assert error.field == "cases[0].exit" and message in error.message


def test_exit_codes_and_words_still_load() -> None:
    plan = parse_plan_text(PLAN + "    exit: 3\n").plan
    assert plan.cases[0].exit == 3
    assert parse_plan_text(PLAN + "    exit: failure\n").plan.cases[0].exit == "failure"


@pytest.mark.parametrize(("value", "message"), [
    ("true", "True is a boolean, not a number; expected a whole number from 1 to 1000"),
    (".inf", "inf is not a finite number"),
    ("2.5", "2.5 is not a whole number"),
    ("0", "0 is out of range"),
])
def test_benchmark_rounds_are_whole_numbers(value: str, message: str) -> None:
    error = error_of(PLAN + f"    benchmark: {{rounds: {value}}}\n")
    assert error.field == "cases[0].benchmark.rounds" and message in error.message


@pytest.mark.parametrize("pattern", ["''", "'a*'", "'(x)?'", "'\\b'"])
def test_normalize_patterns_must_match_something(pattern: str) -> None:
    error = error_of(PLAN + f"settings: {{normalize: [{{name: n, pattern: {pattern}}}]}}\n")
    assert error.field == "settings.normalize[0].pattern"
    assert "matches the empty text" in error.message


def test_version_true_is_not_version_1() -> None:
    error = error_of("version: true\n" + PLAN)
    assert error.field == "version" and "unsupported plan version True" in error.message


@pytest.mark.parametrize(("line", "message"), [
    ("install: 'foo:bar'", "install step 'foo:bar' is not KIND:VALUE with KIND one of pip, "
                           "apt, script, shell"),
    ("install: ['pip:']", "install step 'pip:' is not KIND:VALUE"),
    ("install: 'pip:--index-url=http://evil.example/'",
     "'--index-url=http://evil.example/' is a pip option, not a requirement"),
    ("image: ''", "image is empty"),
    ("image: Upper/Case", "not a valid image reference (repository names are lower case)"),
    ("image: 'has space:1'", "not a valid image reference (it contains spaces)"),
    ("image: 'a:b:c'", "not a valid image reference"),
    ("image: -x", "not a valid image reference"),
])
def test_install_steps_and_images_follow_their_grammar(line: str, message: str) -> None:
    error = error_of(line + "\n" + PLAN)
    assert error.line == 1 and message in error.message


@pytest.mark.parametrize("image", ["debian:bookworm", "testronaut-base:bookworm",
                                   "ghcr.io/org/tool:1.2", "localhost:5000/a/b_c:v-1",
                                   "python@sha256:" + "a" * 64, "registry.example.com/x"])
def test_valid_image_references_load(image: str) -> None:
    assert parse_plan_text(f"image: {image}\n" + PLAN).plan.image == image


# --- check-plan -------------------------------------------------------------------------------
def test_check_plan_checks_every_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = {"bomb": BOMB, "good": PLAN, "deep": PLAN + "x: " + "[" * 500 + "]" * 500 + "\n",
             "control": PLAN + "# \x01\n", "also-good": PLAN, "image": "image: ''\n" + PLAN}
    paths = []
    for name, text in files.items():
        path = tmp_path / f"{name}.testronaut.yaml"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    assert main(["check-plan", *paths, str(tmp_path / "missing.yaml")]) == 2
    out, err = capsys.readouterr()
    assert out.count(": ok (1 cases, 0 workflows)") == 2
    for name in ("bomb", "deep", "control", "image"):
        assert f"{tmp_path / name}.testronaut.yaml:" in err
    assert "missing.yaml: cannot read the plan: No such file or directory" in err


def test_check_plan_finds_missing_install_files(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    plan = tmp_path / "p.testronaut.yaml"
    plan.write_text("tool: t\ninstall: ['script:setup.sh', 'apt:jq']\n" + PLAN.split("\n", 1)[1],
                    encoding="utf-8")
    assert main(["check-plan", str(plan)]) == 2
    assert f"{plan}:2: install: install script 'setup.sh' not found" in capsys.readouterr().err
    (tmp_path / "setup.sh").write_text("true\n", encoding="utf-8")
    assert main(["check-plan", str(plan)]) == 0


def test_check_plan_warns_about_host_builds(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "pkg").mkdir()
    plan = tmp_path / "p.testronaut.yaml"
    plan.write_text("tool: t\ninstall: pip:./pkg\n" + PLAN.split("\n", 1)[1], encoding="utf-8")
    assert main(["check-plan", str(plan)]) == 0
    out, err = capsys.readouterr()
    assert "ok (1 cases" in out
    assert f"{plan}:2: warning: install: 'pip:./pkg' asks for a host build" in err
    assert "--testronaut-allow-host-builds" in err

    (tmp_path / "pkg").rmdir()
    assert main(["check-plan", str(plan)]) == 2
    assert "install path './pkg' does not exist" in capsys.readouterr().err
