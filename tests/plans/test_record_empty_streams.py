"""A stream every recording run left empty is recorded as an exact empty text
(``stderr: ''``), so a build that adds a warning on stderr, with the same stdout and
exit code, fails. Unit tests of ``recorded()``, then a real pytest run as a user."""

from __future__ import annotations

import pytest

from pytest_testronaut.plans import dump_plan, load_plan, parse_plan_text
from pytest_testronaut.plans.model import Case, StreamExpectation
from pytest_testronaut.plans.record import Recording, recorded


def _case(**fields: object) -> Case:
    return Case.model_validate({"id": "c", "command": "t", "origin": "generated", **fields})


def test_empty_stderr_in_every_run_is_recorded_as_an_exact_empty_text() -> None:
    rec = Recording("p", "c", None, 0, "out\n", "", more_stdout=("out\n",), more_stderr=("",),
                    more_exit_codes=(0,))
    new = recorded(_case(), rec)
    assert new.stderr == StreamExpectation(equals="")
    assert new.stdout == StreamExpectation(equals="out\n")
    assert new.exit == 0 and new.origin == "recorded"


def test_empty_stdout_in_every_run_is_recorded_as_an_exact_empty_text() -> None:
    rec = Recording("p", "c", None, 2, "", "t: bad option\n", more_stdout=("",),
                    more_stderr=("t: bad option\n",), more_exit_codes=(2,))
    new = recorded(_case(stderr={"regex": ["bad"]}), rec)
    assert new.stdout == StreamExpectation(equals="")
    assert new.stderr == StreamExpectation(equals="t: bad option\n", regex=["bad"])


def test_a_guessed_stderr_pattern_empty_runs_contradict_becomes_an_empty_text() -> None:
    new = recorded(_case(stderr={"regex": ["usage"], "not_contains": ["Traceback"]}),
                   Recording("p", "c", None, 0, "ok\n", ""))
    assert new.stderr == StreamExpectation(equals="", not_contains=["Traceback"])


def test_stderr_in_only_some_runs_is_recorded_as_the_first_run_with_a_note() -> None:
    rec = Recording("p", "c", None, 0, "ok\n", "", more_stdout=("ok\n",),
                    more_stderr=("note: cache warmed\n",), more_exit_codes=(0,))
    assert recorded(_case(), rec).stderr == StreamExpectation(equals="")
    assert any(n.startswith("stderr: the runs printed 1 or 2 lines") for n in rec.notes())


def test_re_recording_an_empty_stderr_changes_nothing() -> None:
    rec = Recording("p", "c", None, 0, "out\n", "")
    once = recorded(_case(), rec)
    assert recorded(once, rec) == once


def test_an_expected_empty_stream_is_written_short_and_reads_back() -> None:
    plan = parse_plan_text("""\
tool: t
cases:
  - id: c
    command: t
    stdout:
      equals: ''
    stderr: ''
  - id: d
    command: t
    stderr:
      equals: ''
      not_contains: [Traceback]
workflows:
  - id: w
    steps:
      - command: t
        stderr:
          equals: ''
""").plan
    text = dump_plan(plan, header=False)
    assert "    stdout: ''\n    stderr: ''\n" in text
    assert "        stderr: ''\n" in text
    assert "      equals: ''\n      not_contains: [Traceback]\n" in text
    assert parse_plan_text(text).plan == plan


def _build(warning: str = "") -> str:
    """An install step for a small tool, ``shout`` (upper-cases its input); with a
    ``warning``, a wrapper that also prints it on stderr."""
    extra = f"echo \"{warning}\" >&2\\n" if warning else ""
    return (f"shell:printf '#!/bin/sh\\n{extra}exec tr a-z A-Z \"$@\"\\n' > "
            "/usr/local/bin/shout && chmod 755 /usr/local/bin/shout")


@pytest.mark.docker
def test_a_warning_a_new_build_adds_on_stderr_fails_the_recorded_plan(
        pytester: pytest.Pytester) -> None:
    install = _build().replace("'", "''")  # in a single-quoted YAML text
    warning_build = _build("shout: warning: \\033[1mold")
    plan_file = pytester.makefile(".testronaut.yaml", shout=f"""\
tool: shout
install: ['{install}']
cases:
  - id: upper
    command: shout
    stdin: "abc\\n"
  - id: nothing
    command: shout
    stdin: ""
  - id: bad-option
    command: shout --bogus
    origin: generated
    exit: failure
""")
    pytester.runpytest("--testronaut", "--testronaut-record").assert_outcomes(passed=3)
    text = plan_file.read_text()
    assert "    stdout: ABC\n" in text or "equals: |\n        ABC\n" in text
    cases = {c.id: c for c in load_plan(plan_file).plan.cases}
    assert cases["upper"].stderr == StreamExpectation(equals="")
    assert cases["nothing"].stdout == StreamExpectation(equals="")
    assert cases["nothing"].stderr == StreamExpectation(equals="")
    bad = cases["bad-option"]
    assert bad.stdout == StreamExpectation(equals="")
    assert bad.stderr is not None and "--bogus" in (bad.stderr.equals or "")
    assert text.count("stderr: ''") == 2
    for _ in range(3):
        pytester.runpytest("--testronaut").assert_outcomes(passed=3)
    faulty = pytester.runpytest(
        "--testronaut", f"--testronaut-install={warning_build}")
    # bad-option already printed on stderr: its recorded text catches the new line too
    faulty.assert_outcomes(failed=3)
    faulty.stdout.fnmatch_lines([
        "*case 'upper' failed: stderr equals*",
        "*Line 1: expected '', got 'shout: warning: *old'*", "*+shout: warning: *old"])
    assert "\x1b" not in faulty.stdout.str()
