"""The deterministic checks shared by ``RunResult.assert_*`` and plan cases: pure
functions, tested without Docker."""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Any

import pytest

import pytest_testronaut.verify as verify
from pytest_testronaut.verify import (
    Verdict,
    check_contains,
    check_exit,
    check_json,
    check_json_equal,
    check_json_subset,
    check_not_contains,
    check_regex,
    escape_nonprintable,
    excerpt,
    exit_matches,
    json_equal,
    json_subset,
    regex_search,
    unified_diff,
    validate_exit,
)
from pytest_testronaut.verify.checks import NO_NEWLINE


# --- exit code ------------------------------------------------------------------------
@pytest.mark.parametrize(("expected", "code", "ok"), [
    (0, 0, True), (0, 1, False), (3, 3, True), (3, 2, False),
    ("success", 0, True), ("success", 2, False),
    ("failure", 1, True), ("failure", 137, True), ("failure", 0, False),
])
def test_exit_code(expected: int | str, code: int, ok: bool) -> None:
    verdict = check_exit(expected, code)
    assert verdict.passed is ok and exit_matches(expected, code) is ok
    assert verdict.tier == "deterministic" and verdict.confidence == 1.0
    assert verdict.expected == str(expected) and verdict.actual == str(code)


def test_exit_failure_explains() -> None:
    assert check_exit(0, 3).explanation == "exited 3, expected 0"
    assert check_exit("success", 3).explanation == "exited 3, expected success"
    assert check_exit("failure", 0).explanation == "exited 0, expected failure"


@pytest.mark.parametrize("bad", [True, False, "ok", "0", "Success", None, 1.0, [0]])
def test_exit_rejects_what_is_not_an_exit_expectation(bad: Any) -> None:
    # True == 1 in Python: a bool must not quietly mean exit code 1 (or 0).
    with pytest.raises(ValueError, match="exit code, 'success' or 'failure'"):
        validate_exit(bad)
    with pytest.raises(ValueError):
        check_exit(bad, 1)
    with pytest.raises(ValueError):
        exit_matches(bad, 0)


# --- text -------------------------------------------------------------------------------
def test_contains() -> None:
    ok = check_contains("alpha beta", ["alpha", "beta"])
    assert ok.passed and ok.tier == "deterministic"
    bad = check_contains("alpha beta", ["alpha", "delta", "omega"])
    assert not bad.passed
    assert bad.explanation == "lacks ['delta', 'omega']"
    assert bad.evidence["missing"] == ["delta", "omega"]
    assert bad.expected == "['alpha', 'delta', 'omega']" and bad.actual == "alpha beta"
    single = check_contains("x", "needle")  # a lone string is one needle, not characters
    assert single.expected == "'needle'" and single.evidence["missing"] == ["needle"]
    assert check_contains("anything", []).passed


def test_not_contains() -> None:
    assert check_not_contains("alpha", ["beta"]).passed
    bad = check_not_contains("alpha beta", ["beta", "gamma"])
    assert not bad.passed and bad.explanation == "contains ['beta']"
    assert bad.expected == "no ['beta', 'gamma']" and bad.evidence["found"] == ["beta"]
    assert check_not_contains("abc", "b").expected == "no 'b'"


def test_regex_is_multiline() -> None:
    text = "version 1.24.3\nwarn: x\n"
    assert check_regex(text, r"^warn:").passed
    assert check_regex(text, r"3$").passed
    match = regex_search(r"version (\d+)\.(\d+)", text)
    assert match is not None and match.groups() == ("1", "24")
    verdict = check_regex(text, r"(\d+)\.(\d+)")
    assert verdict.evidence["match"] == "1.24" and verdict.evidence["span"] == [8, 12]
    bad = check_regex(text, r"release \d+")
    assert not bad.passed and bad.explanation == r"does not match /release \d+/"
    assert bad.expected == r"/release \d+/" and "version 1.24.3" in (bad.actual or "")
    assert check_regex(text, re.compile(r"^warn", re.MULTILINE)).passed


def test_text_evidence_is_an_escaped_excerpt() -> None:
    verdict = check_contains("a\x00b\x1b[31m", "z")
    assert verdict.actual == "a\\x00b\\x1b[31m"


# --- JSON -------------------------------------------------------------------------------
DOC = {"name": "tool", "items": [{"id": 1, "tags": ["a", "b"]}, {"id": 2, "tags": []}],
       "meta": {"version": "1.0", "flags": {"debug": False}}, "count": 2}


@pytest.mark.parametrize("subset", [
    {},
    {"name": "tool"},
    {"meta": {"flags": {}}},
    {"meta": {"flags": {"debug": False}}},
    {"items": [{"id": 2}]},
    {"items": [{"id": 2}, {"id": 1, "tags": ["b"]}]},  # list order does not matter
    {"items": []},
    {"count": 2.0},  # JSON has one number type
])
def test_json_subset_matches(subset: dict[str, Any]) -> None:
    assert json_subset(subset, DOC)
    verdict = check_json_subset(subset, DOC)
    assert verdict.passed and verdict.tier == "structural"


@pytest.mark.parametrize(("subset", "where"), [
    ({"name": "other"}, "$.name='tool', expected 'other'"),
    ({"missing": 1}, "$.missing is missing, expected 1"),
    ({"meta": {"flags": {"debug": True}}}, "$.meta.flags.debug=False, expected True"),
    ({"items": [{"id": 3}]}, "no item of $.items matches expected item [0] {'id': 3}"),
    ({"items": [{"id": 1, "tags": ["c"]}]}, "no item of $.items matches"),
    ({"items": {"id": 1}}, "$.items.id is missing ($.items is a list, not an object)"),
    ({"count": True}, "$.count=2, expected True"),
    ({"meta": {"flags": {"debug": 0}}}, "$.meta.flags.debug=False, expected 0"),
    ({"meta": ["version"]}, "expected a list"),
])
def test_json_subset_mismatches(subset: dict[str, Any], where: str) -> None:
    assert not json_subset(subset, DOC)
    verdict = check_json_subset(subset, DOC)
    assert not verdict.passed and verdict.tier == "structural"
    assert where in verdict.explanation
    assert verdict.diff and verdict.diff.startswith("--- expected\n+++ actual")
    assert verdict.expected is not None and '"tool"' in (verdict.actual or "")


def test_json_subset_of_a_non_object() -> None:
    verdict = check_json_subset({"k": "v"}, [1, 2])
    assert not verdict.passed
    assert verdict.explanation == "$.k is missing ($ is a list, not an object), expected 'v'"
    assert json_subset([2], [1, 2]) and not json_subset([3], [1, 2])
    assert json_subset("x", "x") and not json_subset("x", "y")
    assert json_subset(None, None) and not json_subset(None, 0)


def test_json_keys_that_are_not_identifiers_are_quoted() -> None:
    verdict = check_json_subset({"a b": {"x.y": 1}}, {"a b": {"x.y": 2}})
    assert verdict.explanation == "$['a b']['x.y']=2, expected 1"


def test_json_equality() -> None:
    assert json_equal(DOC, DOC) and check_json_equal(DOC, DOC).passed
    assert json_equal({"n": 1}, {"n": 1.0})
    assert not json_equal({"n": 1}, {"n": True})  # true is not 1
    assert not json_equal([False], [0])
    assert not json_equal([1, 2], [2, 1])  # equality keeps list order
    extra = check_json_equal({"name": "tool"}, DOC)
    assert not extra.passed and "unexpected keys" in extra.explanation
    length = check_json_equal([1], [1, 2])
    assert "$ has 2 items, expected 1" in length.explanation
    nested = check_json_equal({"a": [{"b": 1}]}, {"a": [{"b": 2}]})
    assert nested.explanation == "$.a[0].b=2, expected 1"
    assert nested.diff is not None and '-      "b": 1' in nested.diff


def test_check_json_parses_text() -> None:
    assert check_json('{"a": 1, "b": [1, 2]}', {"b": [2]}).passed
    assert check_json(b'{"a": 1}', {"a": 1}, match="equal").passed
    assert not check_json('{"a": 1, "b": 2}', {"a": 1}, match="equal").passed
    bad = check_json("not json\x00", {"a": 1})
    assert not bad.passed and bad.tier == "structural"
    assert bad.explanation.startswith("is not JSON (") and bad.expected == "valid JSON"
    assert bad.actual == "not json\\x00" and "error" in bad.evidence
    with pytest.raises(ValueError, match="'equal' or 'subset'"):
        check_json("{}", {}, match="exact")  # type: ignore[arg-type]


# --- excerpt and diff -------------------------------------------------------------------
def test_escape_nonprintable() -> None:
    assert escape_nonprintable("plain\ttext\n") == "plain\ttext\n"
    assert escape_nonprintable("a\x00b\rc\x1bd\x7f") == "a\\x00b\\rc\\x1bd\\x7f"
    assert escape_nonprintable("evil\u202eeman") == "evil\\u202eeman"
    assert escape_nonprintable("a\nb", keep="") == "a\\x0ab"
    assert escape_nonprintable("héllo ✓") == "héllo ✓"


def test_excerpt() -> None:
    assert excerpt("short") == "short"
    text = "".join(f"{n}\n" for n in range(1, 100_001))
    cut = excerpt(text)
    assert len(cut) < 2100 and "characters ...]" in cut
    assert cut.startswith("1\n2\n") and cut.endswith("100000\n")
    assert excerpt("x" * 50, limit=10) == "xxxxx\n[... 40 characters ...]\nxxxxx"
    assert excerpt("\x00" * 3) == "\\x00" * 3


def test_unified_diff() -> None:
    assert unified_diff("same\n", "same\n") == ""
    diff = unified_diff("a\nb\nc\n", "a\nB\nc\n")
    assert diff.split("\n") == ["--- expected", "+++ actual", "@@ -1,3 +1,3 @@",
                                " a", "-b", "+B", " c"]
    assert unified_diff("a\n", "b\n", fromfile="recorded", tofile="now").startswith(
        "--- recorded\n+++ now\n")


def test_unified_diff_notes_a_missing_final_newline() -> None:
    diff = unified_diff("a\n", "a")
    assert diff.split("\n")[-3:] == ["-a", "+a", NO_NEWLINE]
    assert NO_NEWLINE == "\\ no newline at end"
    assert unified_diff("", "a").split("\n")[-2:] == ["+a", NO_NEWLINE]
    # Both texts without a final newline: the lines still match, no note.
    diff = unified_diff("b\na", "a\nb")
    assert NO_NEWLINE not in diff and diff.split("\n")[3:] == ["+a", " b", "-a"]


def test_unified_diff_escapes_nul_and_control_bytes() -> None:
    diff = unified_diff("row\x00one\nok\n", "row\x00two\r\nok\n")
    assert "\x00" not in diff and "\r" not in diff
    assert "-row\\x00one" in diff and "+row\\x00two\\r" in diff
    # \x0b and \x1c are content, not line breaks (str.splitlines would split on them).
    assert unified_diff("a\x0bb\n", "a\x1cb\n").split("\n")[3:] == ["-a\\x0bb", "+a\\x1cb"]
    # A difference only in an invisible byte is still visible.
    assert "+x\\x1b" in unified_diff("x\n", "x\x1b\n")


def test_unified_diff_is_cut() -> None:
    expected = "".join(f"{n}\n" for n in range(1000))
    diff = unified_diff(expected, "", max_lines=50)
    lines = diff.split("\n")
    assert len(lines) == 51 and re.fullmatch(r"\.\.\. \(\d+ more diff lines\)", lines[-1])


# --- one implementation, exported -------------------------------------------------------
def test_exported_from_verify() -> None:
    for name in ("check_exit", "check_contains", "check_not_contains", "check_regex",
                 "check_json", "check_json_equal", "check_json_subset", "excerpt",
                 "unified_diff", "escape_nonprintable"):
        assert name in verify.__all__
    from pytest_testronaut.verify import checks, compare

    assert compare.unified_diff is checks.unified_diff


def test_checks_import_no_higher_layer() -> None:
    # verify is below sandbox, plans and llm, and never imports pytest.
    source = Path(verify.__file__).with_name("checks.py").read_text(encoding="utf-8")
    imported: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            imported.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            imported.add("." * node.level + (node.module or ""))
    assert imported <= {"__future__", "difflib", "json", "re", "collections.abc", "typing",
                        ".verdict"}


def test_verdict_stays_compatible() -> None:
    old_style = Verdict(outcome="pass", tier="exact", confidence=1.0, explanation="same")
    assert old_style.expected is None and old_style.actual is None
    assert check_exit(0, 1).summary() == "fail (deterministic): exited 1, expected 0"
