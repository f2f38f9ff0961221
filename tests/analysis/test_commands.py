"""``testronaut analyze``: the offline form and its argument errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pytest_testronaut.cli import main

HELP_DIR = Path(__file__).parent / "help"


def test_offline_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", "--help-file", str(HELP_DIR / "cargo.clap.txt"), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    verbose = next(o for o in data["options"] if o["flags"] == ["-v", "--verbose"])
    assert verbose["takes_value"] is False and verbose["choices"] is None
    assert verbose["required"] is False
    color = next(o for o in data["options"] if o["flags"] == ["--color"])
    assert color["choices"] == ["auto", "always", "never"] and color["value_type"] == "choice"
    assert "build" in data["subcommands"] and all(isinstance(s, str) for s in data["subcommands"])
    assert data["style"] == "clap" and isinstance(data["positionals"], list)


def test_offline_summary_to_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "venv.txt"
    code = main(["analyze", "--help-file", str(HELP_DIR / "venv.argparse.txt"),
                 "--name", "venv", "-o", str(out)])
    assert code == 0 and capsys.readouterr().out == ""
    text = out.read_text(encoding="utf-8")
    assert "venv  [argparse]" in text
    assert "--prompt <PROMPT>" in text
    assert "argument ENV_DIR" in text


def test_style_can_be_forced(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", "--help-file", str(HELP_DIR / "ls.gnu.txt"), "--json",
                 "--style", "clap"]) == 0
    assert json.loads(capsys.readouterr().out)["style"] == "clap"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["analyze"], "nothing to analyze"),
        (["analyze", "mytool", "--help-file", "x.txt"], "not both"),
        (["analyze", "--help-file", "/nonexistent/help.txt"], "no such file"),
        (["analyze", "mytool", "--max-depth", "-1"], "--max-depth"),
    ],
)
def test_argument_errors(argv: list[str], message: str,
                         capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    assert message in capsys.readouterr().err


def test_empty_help_file_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    assert main(["analyze", "--help-file", str(empty)]) == 2
    assert "is empty" in capsys.readouterr().err


def test_bad_style_is_rejected_by_argparse(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["analyze", "--help-file", "x", "--style", "cobol"])
    assert exc.value.code == 2
    assert "invalid choice" in capsys.readouterr().err
