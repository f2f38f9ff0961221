"""``testronaut compare`` through cli.main and once through the installed script."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from pytest_testronaut.cli import main

UUID_A = "5f0c9d7e-1a2b-4c3d-8e9f-0a1b2c3d4e5f"
UUID_B = "0b0e0a1c-2d3e-4f50-8a6b-7c8d9e0f1a2b"


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_equivalent_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    exp = write(tmp_path, "exp.txt", f"job {UUID_A} done in 0.5s\n")
    act = write(tmp_path, "act.txt", f"job {UUID_B} done in 0.7s\n")
    assert main(["compare", exp, act, "--no-llm"]) == 0
    assert capsys.readouterr().out.startswith("equivalent (decided by the normalized tier)")


def test_different_exits_1_with_tier_and_diff(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exp = write(tmp_path, "exp.txt", "3 files copied\n")
    act = write(tmp_path, "act.txt", "3 files skipped\n")
    assert main(["compare", exp, act, "--no-llm"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("different (decided by the normalized tier)")
    assert "-3 files copied" in out and "+3 files skipped" in out
    assert "not a proven difference" not in out


def test_changed_values_need_judgment_and_still_exit_1(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # 3 -> 4 might be a count that changed, or a value no rule knows is dynamic.
    exp = write(tmp_path, "exp.txt", "3 files\nok\n")
    act = write(tmp_path, "act.txt", "4 files\nok\n")
    assert main(["compare", exp, act, "--no-llm"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("needs judgment (the normalized tier found only values that differ")
    assert "this is not a proven difference" in out
    assert "run without --no-llm, with a judge configured" in out
    assert "-3 files" in out and "+4 files" in out
    assert main(["compare", exp, act, "--no-llm", "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert (data["verdict"], data["proven"], data["tier"], data["exit_code"]) == (
        "needs judgment", False, "normalized", 1)
    assert (data["outcome"], data["difference"], data["judge"]) == ("fail", "values", None)


@pytest.mark.parametrize(("expected", "actual", "verdict"), [
    ("row 12 of 40\n", "row 13 of 40\n", "needs judgment"),
    ("listening on port 8080\n", "listening on port 8081\n", "needs judgment"),
    ("      2       3      14\n", "2 3 14\n", "different"),  # padding is format
    ("a\nb\n", "a\n", "different"),  # a line lost
    ("status: ok\n", "status: failed\n", "different"),
    ("v1.2.3 ok\n", "v1.2.4 ok\n", "needs judgment"),
])
def test_three_way_verdicts(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                            expected: str, actual: str, verdict: str) -> None:
    exp, act = write(tmp_path, "e", expected), write(tmp_path, "a", actual)
    assert main(["compare", exp, act, "--no-llm", "--json", "--format", "text"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["verdict"] == verdict, data["explanation"]
    assert data["proven"] is (verdict == "different")


def test_json_names_the_tier_and_verdict_when_equivalent(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    exp = write(tmp_path, "exp.txt", f"job {UUID_A} done\n")
    act = write(tmp_path, "act.txt", f"job {UUID_B} done\n")
    assert main(["compare", exp, act, "--no-llm", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["verdict"], data["proven"], data["exit_code"]) == ("equivalent", True, 0)
    assert data["tier"] == "normalized"
    assert data["context"] == {"expect": None, "command": None}


def test_context_without_a_judge_says_it_is_unused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    exp = write(tmp_path, "exp.txt", "a\n")
    act = write(tmp_path, "act.txt", "a\n")
    assert main(["compare", exp, act, "--no-llm", "--expect", "prints a",
                 "--command", "echo a", "--json"]) == 0
    captured = capsys.readouterr()
    assert "--no-llm: --expect and --command are only read by the judge" in captured.err
    assert json.loads(captured.out)["context"] == {"expect": "prints a", "command": "echo a"}
    assert main(["compare", exp, act, "--no-llm", "--expect", "  "]) == 2
    assert "--expect is empty" in capsys.readouterr().err


def test_json_output_and_options(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    exp = write(tmp_path, "exp.txt", "b\na\n")
    act = write(tmp_path, "act.txt", "a\nb\n")
    assert main(["compare", exp, act, "--no-llm", "--unordered", "--json"]) == 0
    verdict = json.loads(capsys.readouterr().out)
    assert (verdict["outcome"], verdict["tier"]) == ("pass", "structural")
    assert main(["compare", exp, act, "--no-llm", "--format", "text", "--json"]) == 1
    assert json.loads(capsys.readouterr().out)["tier"] == "normalized"


def test_rule_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    exp = write(tmp_path, "exp.txt", "build-17 ok\n")
    act = write(tmp_path, "act.txt", "build-18 ok\n")
    assert main(["compare", exp, act, "--no-llm"]) == 1
    assert main(["compare", exp, act, "--no-llm", "--rule", r"build=build-\d+=>BUILD"]) == 0
    capsys.readouterr()
    assert main(["compare", exp, act, "--no-llm", "--rule", "oops"]) == 2
    assert "NAME=REGEX=>PLACEHOLDER" in capsys.readouterr().err


def test_missing_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    exp = write(tmp_path, "exp.txt", "x\n")
    assert main(["compare", exp, str(tmp_path / "nope.txt"), "--no-llm"]) == 2
    err = capsys.readouterr().err
    assert "ACTUAL_FILE" in err and "does not exist" in err
    assert main(["compare", str(tmp_path), exp, "--no-llm"]) == 2
    assert "is a directory" in capsys.readouterr().err


def test_without_no_llm_never_passes_a_difference(tmp_path: Path) -> None:
    # whatever judge the LLM layer provides (or none), 3 vs 4 files is not equivalent
    # unless that judge says so; the offline default must not.
    exp = write(tmp_path, "exp.txt", "3 files\n")
    act = write(tmp_path, "act.txt", "4 files\n")
    assert main(["compare", exp, act]) == 1


def test_without_a_model_the_deterministic_tier_decides(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TESTRONAUT_MODEL", raising=False)
    exp = write(tmp_path, "exp.txt", "3 files\n")
    act = write(tmp_path, "act.txt", "4 files\n")
    assert main(["compare", exp, act]) == 1
    out = capsys.readouterr().out
    assert out.startswith("needs judgment (the normalized tier")
    assert "configure a judge (TESTRONAUT_MODEL=PROVIDER:MODEL)" in out


def test_installed_console_script(tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("testronaut")
    if not script.exists():
        pytest.skip(f"console script not installed next to {sys.executable}")
    exp = write(tmp_path, "exp.json", '{"created": 1732690000, "count": 3}')
    act = write(tmp_path, "act.json", '{"count": 4, "created": 1732690042}')
    proc = subprocess.run([str(script), "compare", exp, act, "--no-llm"],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1, proc.stderr
    assert "different (decided by the structural tier)" in proc.stdout
    assert '+  "count": 4' in proc.stdout


def test_actual_from_stdin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    exp = write(tmp_path, "exp.txt", "took 0.31s, 3 files\n")
    monkeypatch.setattr("sys.stdin", io.StringIO("took 1.2s, 3 files\n"))
    assert main(["compare", exp, "-", "--no-llm"]) == 0
    assert main(["compare", "-", "-", "--no-llm"]) == 2


def test_nul_separated_output_is_shown_escaped(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    # `sort -z` output: NUL-separated records; nothing raw reaches the terminal.
    (tmp_path / "exp").write_bytes(b"a\x00b\x00c\x00")
    (tmp_path / "act").write_bytes(b"a\x00c\x00b\x00")
    assert main(["compare", str(tmp_path / "exp"), str(tmp_path / "act"), "--no-llm"]) == 1
    out = capsys.readouterr().out
    assert "\x00" not in out
    assert "-a\\x00b\\x00c\\x00" in out and "+a\\x00c\\x00b\\x00" in out


# --- holes in EXPECTED_FILE, as in a plan's `equals` ------------------------------------
HOLED = "created [tmp-path] with [int] bytes\nid [uuid:4]\ntotal 3 files\n"


def test_holes_take_values_of_their_kinds(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    exp = write(tmp_path, "exp.txt", HOLED)
    act = write(tmp_path, "act.txt",
                f"created /tmp/tmp.Xy12AbCd9Z with 2048 bytes\nid {UUID_A}\ntotal 3 files\n")
    assert main(["compare", exp, act, "--no-llm"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("equivalent (decided by the exact tier): The output fits the "
                          "recording; its 3 hole(s) hold values of their kinds.")
    assert (f"holes: [tmp-path] = '/tmp/tmp.Xy12AbCd9Z', [int] = '2048', "
            f"[uuid:4] = '{UUID_A}'") in out
    assert main(["compare", exp, act, "--no-llm", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["verdict"], data["tier"]) == ("equivalent", "exact")
    assert data["holes"] == {
        "count": 3, "fit": True, "problem": None, "decided": True,
        "values": [{"hole": "[tmp-path]", "value": "/tmp/tmp.Xy12AbCd9Z"},
                   {"hole": "[int]", "value": "2048"},
                   {"hole": "[uuid:4]", "value": UUID_A}]}


@pytest.mark.parametrize(("actual", "words"), [
    # a value not of its hole's kind: a UUID of version 1 where version 4 was recorded
    (f"created /tmp/tmp.Xy12AbCd9Z with 7 bytes\nid {UUID_A[:14]}1{UUID_A[15:]}\n"
     "total 3 files\n",
     "line 2, column 4: hole [uuid:4] does not fit '5f0c9d7e-1a2b-1c3d-8e9f-0a1b2c3d4e5f' "
     "(expected a version-4 UUID)"),
    ("created /tmp/tmp.Xy12AbCd9Z with many bytes\nid " + UUID_A + "\ntotal 3 files\n",
     "line 1, column 34: hole [int] does not fit 'many' (expected an integer)"),
    # the text beside a hole changed: a deterministic difference, caught
    ("created /tmp/tmp.Xy12AbCd9Z with 7 kB\nid " + UUID_A + "\ntotal 3 files\n",
     "(text beside hole [int] must stay as recorded)"),
])
def test_a_value_that_does_not_fit_its_hole_is_a_proven_difference(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], actual: str, words: str) -> None:
    exp, act = write(tmp_path, "exp.txt", HOLED), write(tmp_path, "act.txt", actual)
    assert main(["compare", exp, act, "--no-llm", "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert (data["verdict"], data["proven"]) == ("different", True), data["explanation"]
    holes = data["holes"]
    assert (holes["fit"], holes["decided"]) == (False, True)
    assert words in holes["problem"] and words in data["explanation"]
    assert main(["compare", exp, act, "--no-llm"]) == 1
    assert words in capsys.readouterr().out


def test_lines_without_holes_still_go_through_the_tiers(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    exp = write(tmp_path, "exp.txt", "took [int] ms\n3 files\n")
    act = write(tmp_path, "act.txt", "took 15 ms\n4 files\n")
    assert main(["compare", exp, act, "--no-llm", "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    # the hole fit; 3 -> 4 on a line without one may be dynamic: not proven either way
    assert (data["verdict"], data["tier"]) == ("needs judgment", "normalized")
    assert data["holes"]["fit"] is True and data["holes"]["decided"] is False
    assert data["holes"]["values"] == [{"hole": "[int]", "value": "15"}]
    act = write(tmp_path, "act.txt", "took 15 ms\n3 files   \n")
    assert main(["compare", exp, act, "--no-llm", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["tier"] == "normalized" and data["holes"]["decided"] is False


def test_literal_reads_brackets_as_text_and_escapes_work(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    usage = "usage: pad [int] [..]\n"
    exp, act = write(tmp_path, "exp.txt", usage), write(tmp_path, "act.txt", usage)
    # as holes, [int] does not fit the text "[int]"
    assert main(["compare", exp, act, "--no-llm"]) == 1
    capsys.readouterr()
    assert main(["compare", exp, act, "--no-llm", "--literal", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["tier"], data["holes"]) == ("exact", None)
    escaped = write(tmp_path, "escaped.txt", "usage: pad \\[int] \\[..]\n")
    assert main(["compare", escaped, act, "--no-llm"]) == 0
    assert "holes:" not in capsys.readouterr().out


def test_a_bad_hole_is_an_input_error_with_its_place(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    exp = write(tmp_path, "exp.txt", "ok\nkey [hex:abc]\n")
    act = write(tmp_path, "act.txt", "ok\nkey 12ab\n")
    assert main(["compare", exp, act, "--no-llm"]) == 2
    err = capsys.readouterr().err
    assert (f"EXPECTED_FILE {exp!r}, line 2, column 5: [hex:abc]: the length of a hex hole "
            "is a number, as in [hex:8]") in err
    assert "or give --literal to read the file as plain text" in err
    assert main(["compare", exp, act, "--no-llm", "--literal"]) == 1
