"""``RunResult.assert_*`` on plain values (no engine): the same checks, with the same
meaning, as a plan's expectations (``verify.checks``)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from pytest_testronaut.sandbox import RunResult


def _result(stdout: str | bytes = "", stderr: str | bytes = "", exit_code: int = 0,
            *, timed_out: bool = False) -> RunResult:
    out = stdout.encode() if isinstance(stdout, str) else stdout
    err = stderr.encode() if isinstance(stderr, str) else stderr
    return RunResult(command=("tool", "run"), exit_code=exit_code, stdout_bytes=out,
                     stderr_bytes=err, duration=0.25, timed_out=timed_out)


def _failure(call: Callable[[], Any]) -> str:
    with pytest.raises(AssertionError) as info:
        call()
    return str(info.value)


def test_assert_exit_shows_the_streams_as_evidence() -> None:
    result = _result("partial\n", "boom: no such file\n", exit_code=3)
    assert result.assert_exit(3) is result and result.assert_exit("failure") is result
    message = _failure(lambda: result.assert_exit(0))
    assert message.startswith("`tool run` exited 3, expected 0")
    assert "--- stdout ---\npartial" in message
    assert "--- stderr ---\nboom: no such file" in message
    assert "expected success" in _failure(lambda: result.assert_exit("success"))


@pytest.mark.parametrize("bad", [True, False, "ok", None, 0.0])
def test_assert_exit_rejects_bools_and_other_words(bad: Any) -> None:
    with pytest.raises(ValueError, match="'success' or 'failure', not "):
        _result().assert_exit(bad)


def test_assert_exit_on_a_timeout() -> None:
    message = _failure(lambda: _result("started\n", timed_out=True, exit_code=137)
                       .assert_exit("failure"))
    assert "timed out after 0.2s" in message and "started" in message


def test_stream_failures_show_stderr_escaped() -> None:
    result = _result("alpha beta\n", "warn\x00ing \x1b[31mred\x1b[0m\n")
    message = _failure(lambda: result.assert_contains("alpha", "delta"))
    assert message.startswith("stdout of `tool run` lacks ['delta']")
    assert "--- stdout ---\nalpha beta" in message
    assert "--- stderr ---\nwarn\\x00ing \\x1b[31mred\\x1b[0m" in message
    assert "\x00" not in message and "\x1b" not in message
    message = _failure(lambda: result.assert_not_contains("beta"))
    assert "contains ['beta']" in message and "--- stderr ---" in message
    message = _failure(lambda: result.assert_matches(r"^gamma$"))
    assert "does not match /^gamma$/" in message and "warn\\x00ing" in message


def test_a_stderr_check_shows_stderr_first() -> None:
    result = _result("out\n", "err\n")
    message = _failure(lambda: result.assert_contains("nope", stream="stderr"))
    assert message.index("--- stderr ---") < message.index("--- stdout ---")


def test_an_empty_stream_is_said_to_be_empty() -> None:
    message = _failure(lambda: _result("", "").assert_contains("x", stream="stderr"))
    assert "--- stderr ---\n(empty)" in message


def test_assert_matches_is_multiline_and_returns_the_match() -> None:
    result = _result("version 1.2.3\n", "warn: x\n")
    assert result.assert_matches(r"^version (\d+)").group(1) == "1"
    assert result.assert_matches(r"x$", stream="stderr").group(0) == "x"


DOC = {"name": "tool", "items": [{"id": 1, "tags": ["a"]}, {"id": 2}], "ok": True}


def test_assert_json_subset_is_recursive_and_ignores_list_order() -> None:
    result = _result(json.dumps(DOC))
    assert result.assert_json(DOC) == DOC
    assert result.assert_json(name="tool") == DOC
    assert result.assert_json(items=[{"id": 2}, {"tags": ["a"]}]) == DOC
    message = _failure(lambda: result.assert_json(items=[{"id": 3}]))
    assert "does not contain the expected subset" in message
    assert "no item of $.items matches expected item [0] {'id': 3}" in message
    assert "name='tool', expected 'other'" in _failure(lambda: result.assert_json(name="other"))
    # true is not 1, in a test as in a plan
    assert "$.ok=True, expected 1" in _failure(lambda: result.assert_json(ok=1))


def test_assert_json_equality_shows_a_diff() -> None:
    result = _result(json.dumps(DOC))
    message = _failure(lambda: result.assert_json({**DOC, "name": "other"}))
    assert message.startswith("JSON from `tool run` differs: $.name='tool', expected 'other'")
    assert '-  "name": "other"' in message and '+  "name": "tool"' in message


def test_assert_json_on_text_that_is_not_json() -> None:
    message = _failure(lambda: _result("not json\n", "oops\n", exit_code=1).assert_json())
    assert "stdout of `tool run` is not JSON" in message
    assert "not json" in message and "oops" in message
    message = _failure(lambda: _result("[1, 2]").assert_json(k="v"))
    assert "$.k is missing ($ is a list, not an object), expected 'v'" in message
    assert "+[\n+  1,\n+  2\n+]" in message and "no newline" not in message
