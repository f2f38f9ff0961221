"""One validation for numbers (``pytest_testronaut.numbers``), and every door a number
comes in through: options, ini keys, environment, markers, plans (tests/plans), the
sandbox configuration. Infinite, NaN, huge, boolean and zero-means-unlimited values are
refused with a message naming the setting, the value and the accepted range."""

from __future__ import annotations

import pytest

from pytest_testronaut import numbers
from pytest_testronaut.errors import TestronautError
from pytest_testronaut.numbers import NumberError, parse_size
from pytest_testronaut.sandbox import SandboxConfig
from pytest_testronaut.settings import SPECS, from_environ


# --- the one check ----------------------------------------------------------------------------
@pytest.mark.parametrize(("value", "message"), [
    (float("inf"), "inf is not a finite number"),
    (float("-inf"), "-inf is not a finite number"),
    (float("nan"), "nan is not a finite number"),
    (1e12, "1000000000000.0 is out of range"),
    (0, "0 is out of range"),
    (-1, "-1 is out of range"),
    (True, "True is a boolean, not a number"),
    ("5", "'5' is not a number"),
    (None, "None is not a number"),
    pytest.param(10**5000, "a number of about 5000 digits is out of range", id="huge"),
])
def test_timeouts_refused(value: object, message: str) -> None:
    with pytest.raises(NumberError) as info:
        numbers.TIMEOUT.check(value)
    assert str(info.value) == (f"{message}; expected a number greater than 0 and at most "
                               "86400 (seconds)")


def test_numbers_in_range_pass_unchanged() -> None:
    assert numbers.TIMEOUT.check(0.5) == 0.5
    assert numbers.TIMEOUT.check(86_400) == 86_400
    assert numbers.EXIT_CODE.check(255) == 255
    assert numbers.PIDS.check(64.0) == 64 and isinstance(numbers.PIDS.check(64.0), int)
    assert numbers.COST.check(0) == 0


@pytest.mark.parametrize(("limits", "text", "message"), [
    (numbers.RATE, "nan", "nan is not a finite number; expected a number from 0 to 10000"),
    (numbers.COST, "nan", "nan is not a finite number; expected a number from 0 to 1000000"),
    (numbers.TIMEOUT, "inf", "inf is not a finite number"),
    (numbers.TIMEOUT, "1e12", "1000000000000.0 is out of range"),
    (numbers.TIMEOUT, "true", "'true' is a boolean, not a number"),
    (numbers.PIDS, "1.5", "1.5 is not a whole number; expected a whole number from 1"),
    (numbers.PIDS, "lots", "'lots' is not a number"),
    (numbers.SEED, "9" * 5000, "is too long for a number"),
    (numbers.CPUS, "0", "0.0 is out of range; expected a number from 0.01 to 1024 (CPUs)"),
])
def test_text_is_parsed_then_checked(limits: numbers.Range, text: str, message: str) -> None:
    with pytest.raises(NumberError) as info:
        limits.parse(text)
    assert message in str(info.value)


def test_text_numbers_in_range() -> None:
    assert numbers.TIMEOUT.parse(" 2.5 ") == 2.5
    assert numbers.PIDS.parse("300") == 300
    assert numbers.RATE.parse("0") == 0


@pytest.mark.parametrize(("text", "size"), [("512m", 512 * 2**20), ("2G", 2 * 2**30),
                                            (" 6m ", 6 * 2**20), ("1t", 2**40)])
def test_sizes(text: str, size: int) -> None:
    assert parse_size(text) == size


@pytest.mark.parametrize(("text", "message"), [
    ("0", "'0' is out of range; expected a size from 6m to 1024g"),
    ("1k", "'1k' is out of range"),
    ("2t", "'2t' is out of range"),
    ("lots", "'lots' is not a size"),
    ("-5m", "'-5m' is not a size"),
    (0, "0 is not a size"),
    (True, "True is not a size"),
])
def test_bad_sizes(text: object, message: str) -> None:
    with pytest.raises(NumberError) as info:
        parse_size(text)
    assert message in str(info.value) and "(0 is not 'no limit')" in str(info.value)


# --- settings: every numeric one goes through the check -----------------------------------------
NUMERIC = {"timeout", "cpus", "pids", "output_limit", "seed", "max_cost", "llm_timeout",
           "llm_retries", "llm_backoff", "llm_rps"}


@pytest.mark.parametrize("name", sorted(NUMERIC))
@pytest.mark.parametrize("text", ["nan", "inf", "-inf", "1e30", "true"])
def test_every_numeric_setting_refuses_non_finite_huge_and_boolean(name: str, text: str) -> None:
    variable = f"TESTRONAUT_{name.upper()}"
    with pytest.raises(TestronautError) as info:
        from_environ({variable: text})
    message = str(info.value)
    assert message.startswith(f"{variable}={text!r} is not valid: ")
    assert "; expected a" in message  # the accepted range follows
    assert " to " in message or " at most " in message


def test_the_numeric_settings_are_all_known() -> None:
    """A new numeric setting must be added to NUMERIC (and so to the checks above)."""
    numeric = {s.name for s in SPECS if isinstance(s.default, int | float)
               and not isinstance(s.default, bool)}
    assert numeric >= NUMERIC
    unchecked = numeric - NUMERIC
    for name in unchecked:  # other engineers' settings: at least finite and not negative
        with pytest.raises(TestronautError):
            from_environ({f"TESTRONAUT_{name.upper()}": "nan"})


@pytest.mark.parametrize("variable", ["TESTRONAUT_MEMORY"])
@pytest.mark.parametrize("text", ["0", "0m", "5"])
def test_memory_zero_is_not_unlimited(variable: str, text: str) -> None:
    with pytest.raises(TestronautError, match=r"out of range; expected a size from 6m"):
        from_environ({variable: text})


@pytest.mark.parametrize("rule", ["empty=a*=>X", "edge=\\b=>X", "maybe=(x)?=>X"])
def test_rules_matching_the_empty_text_are_refused(rule: str) -> None:
    with pytest.raises(TestronautError, match="matches the empty text"):
        from_environ({"TESTRONAUT_RULES": rule})


@pytest.mark.parametrize(("option", "expected"), [
    ("--testronaut-llm-rps=nan", "--testronaut-llm-rps='nan' is not valid: nan is not a "
                                 "finite number; expected a number from 0 to 10000*"),
    ("--testronaut-max-cost=nan", "--testronaut-max-cost='nan' is not valid: nan is not a "
                                  "finite number; expected a number from 0 to 1000000*"),
    ("--testronaut-timeout=inf", "--testronaut-timeout='inf' is not valid: inf is not a finite "
                                 "number; expected a number greater than 0 and at most 86400*"),
    ("--testronaut-timeout=1e12", "--testronaut-timeout='1e12' is not valid: 1000000000000.0 "
                                  "is out of range*"),
    ("--testronaut-cpus=inf", "--testronaut-cpus='inf' is not valid: inf is not a finite*"),
    ("--testronaut-memory=0", "--testronaut-memory='0' is not valid: '0' is out of range*"),
])
def test_bad_numbers_on_the_command_line_stop_the_run(pytester: pytest.Pytester, option: str,
                                                      expected: str) -> None:
    pytester.makepyfile(test_nothing="def test_nothing():\n    pass\n")
    result = pytester.runpytest("-p", "no:cacheprovider", option)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines([f"ERROR: testronaut: {expected}"])


def test_bad_numbers_in_the_ini_file_stop_the_run(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\ntestronaut_timeout = .inf\n")
    pytester.makepyfile(test_nothing="def test_nothing():\n    pass\n")
    result = pytester.runpytest("-p", "no:cacheprovider")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*ini testronaut_timeout='.inf' is not valid: '.inf' is not a "
                                 "number; expected a number greater than 0 and at most 86400*"])


# --- the sandbox configuration, and markers ------------------------------------------------
@pytest.mark.parametrize(("keywords", "message"), [
    ({"timeout": float("inf")}, "inf is not a finite number"),
    ({"timeout": 1e12}, "out of range"),
    ({"timeout": True}, "True is a boolean, not a number"),
    ({"cpus": float("inf")}, "inf is not a finite number; expected a number from 0.01"),
    ({"cpus": float("nan")}, "nan is not a finite number"),
    ({"pids": 0}, "0 is out of range"),
    ({"output_limit": 0}, "0 is out of range"),
    ({"memory": "0"}, "memory '0' is out of range; expected a size from 6m"),
    ({"memory": 0}, "memory 0 is not a size"),
    ({"cap_add": 5}, "cap_add 5 is not a capability name or a list of them"),
    ({"cap_add": ["NET_ADMIN; rm"]}, "is not a Linux capability name"),
    ({"image": ""}, "image is empty"),
    ({"image": "Has Space"}, "not a valid image reference"),
    ({"install": ("foo:bar",)}, "install step 'foo:bar' is not KIND:VALUE"),
])
def test_sandbox_config_refuses(keywords: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError) as info:
        SandboxConfig(**keywords)  # type: ignore[arg-type]
    assert message in str(info.value)


def test_sandbox_config_normalizes_what_it_accepts() -> None:
    config = SandboxConfig(memory=" 1G ", cap_add=("net_admin", "CAP_SYS_PTRACE"), cpus=2)
    assert config.memory == "1g" and config.cap_add == ("NET_ADMIN", "SYS_PTRACE")
    assert config.cpus == 2


@pytest.mark.parametrize(("keywords", "expected"), [
    ("cap_add=5", "cap_add=5: cap_add 5 is not a capability name*"),
    ("timeout=float('inf')", "timeout=inf: inf is not a finite number; expected a number "
                             "greater than 0 and at most 86400 (seconds)*"),
    ("timeout=True", "timeout=True: True is a boolean, not a number*"),
    ("cpus=float('inf')", "cpus=inf: inf is not a finite number*"),
    ("memory='0'", "memory='0': memory '0' is out of range*"),
    ("image=''", "image='': image is empty*"),
])
def test_marker_values_fail_the_test_clearly(pytester: pytest.Pytester, keywords: str,
                                             expected: str) -> None:
    pytester.makepyfile(test_marked=f"""
import pytest

@pytest.mark.testronaut({keywords})
def test_it(testronaut_env):
    pass
""")
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines([f"*test_marked.py::test_it: @pytest.mark.testronaut: "
                                 f"{expected}"])
    assert "Traceback" not in result.stdout.str()
