"""Inputs of the console script are read with a limit: endless and huge inputs are
refused at once with a message naming the limit, directories and binary help files
with a message saying what they are."""

from __future__ import annotations

import io
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from pytest_testronaut.cli import main
from pytest_testronaut.cli.inputs import DEFAULT_MAX_INPUT_MB, looks_binary

HELP = """usage: greet [-h] [--loud] NAME

positional arguments:
  NAME        who to greet

options:
  -h, --help  show this help message and exit
  --loud      shout
"""


@pytest.fixture(autouse=True)
def _no_limit_in_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TESTRONAUT_MAX_INPUT_MB", raising=False)


def test_an_endless_input_stops_at_the_limit(capsys: pytest.CaptureFixture[str],
                                            tmp_path: Path) -> None:
    small = tmp_path / "small.txt"
    small.write_text("hello\n")
    started = time.monotonic()
    assert main(["compare", str(small), "/dev/zero", "--no-llm", "--max-input-mb", "2"]) == 2
    assert time.monotonic() - started < 5
    err = capsys.readouterr().err
    assert "ACTUAL_FILE '/dev/zero' is larger than the input limit of 2 MB" in err
    assert "--max-input-mb" in err and "TESTRONAUT_MAX_INPUT_MB" in err


def test_a_file_over_the_default_limit_is_answered_in_seconds(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    big = tmp_path / "big.log"
    with big.open("wb") as handle:  # 200 MB, sparse: no disk space taken
        handle.truncate(200 * 1_000_000)
    small = tmp_path / "small.txt"
    small.write_text("hello\n")
    started = time.monotonic()
    assert main(["compare", str(big), str(small), "--no-llm"]) == 2
    assert time.monotonic() - started < 10
    assert f"input limit of {DEFAULT_MAX_INPUT_MB:g} MB" in capsys.readouterr().err


def test_the_limit_comes_from_the_environment(capsys: pytest.CaptureFixture[str],
                                             tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    one = tmp_path / "one.txt"
    one.write_text("x" * 3000 + "\n")
    monkeypatch.setenv("TESTRONAUT_MAX_INPUT_MB", "0.001")
    assert main(["compare", str(one), str(one), "--no-llm"]) == 2
    assert "input limit of 0.001 MB" in capsys.readouterr().err
    # the option beats the environment
    assert main(["compare", str(one), str(one), "--no-llm", "--max-input-mb", "1"]) == 0
    monkeypatch.setenv("TESTRONAUT_MAX_INPUT_MB", "lots")
    assert main(["compare", str(one), str(one), "--no-llm"]) == 2
    assert "TESTRONAUT_MAX_INPUT_MB='lots' is not valid" in capsys.readouterr().err


@pytest.mark.parametrize("value", ["0", "-1", "nan", "inf", "many"])
def test_a_bad_limit_is_a_usage_error(value: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["compare", "a", "b", "--max-input-mb", value])
    assert info.value.code == 2
    assert "--max-input-mb" in capsys.readouterr().err


def test_standard_input_is_limited_too(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    small = tmp_path / "small.txt"
    small.write_text("hello\n")
    stream = SimpleNamespace(buffer=io.BytesIO(b"y\n" * 1_000_000))
    monkeypatch.setattr(sys, "stdin", stream)
    assert main(["compare", str(small), "-", "--no-llm", "--max-input-mb", "1"]) == 2
    assert "ACTUAL_FILE standard input is larger than the input limit of 1 MB" in \
        capsys.readouterr().err


def test_help_file_that_is_a_directory_says_so(capsys: pytest.CaptureFixture[str],
                                               tmp_path: Path) -> None:
    assert main(["analyze", "--help-file", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "is a directory" in err and "no such file" not in err


@pytest.mark.parametrize("content", [
    b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 4,  # an executable's head
    b"usage: x\x00\x00\x00",  # NUL bytes
    bytes([1, 2, 3, 4, 5, 6]) * 200,  # control characters
])
def test_binary_help_file_is_refused(content: bytes, capsys: pytest.CaptureFixture[str],
                                     tmp_path: Path) -> None:
    path = tmp_path / "help.bin"
    path.write_bytes(content)
    assert main(["analyze", "--help-file", str(path)]) == 2
    assert "is a binary file, not text" in capsys.readouterr().err


def test_a_binary_executable_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", "--help-file", sys.executable]) == 2
    assert "binary file" in capsys.readouterr().err


def test_help_file_over_the_limit_is_refused(capsys: pytest.CaptureFixture[str],
                                             tmp_path: Path) -> None:
    path = tmp_path / "help.txt"
    path.write_text(HELP * 2000)
    assert main(["analyze", "--help-file", str(path), "--max-input-mb", "0.1"]) == 2
    assert "--help-file" in capsys.readouterr().err


def test_a_text_help_file_with_colours_and_non_utf8_is_still_read(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "help.txt"
    path.write_bytes(HELP.replace("shout", "\x1b[1mshout\x1b[0m \xe9").encode("latin-1"))
    assert main(["analyze", "--help-file", str(path), "--json"]) == 0
    assert "--loud" in capsys.readouterr().out


def test_looks_binary() -> None:
    assert not looks_binary(b"")
    assert not looks_binary(HELP.encode() + b"\x1b[0m\t\r\n\x0c\x08")
    assert looks_binary(b"abc\x00def")
