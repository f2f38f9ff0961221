"""The ``testronaut`` console script as a user runs it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pytest_testronaut import __version__
from pytest_testronaut.cli import main


def test_version_and_commands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out.strip() == f"testronaut {__version__}"
    assert main([]) == 2  # no command: the help, and a usage exit
    listing = capsys.readouterr().out
    for command in ("analyze", "generate", "check-plan", "estimate", "compare", "sweep",
                    "base-image"):
        assert command in listing


def test_the_installed_console_script_runs() -> None:
    script = shutil.which("testronaut") or str(
        __import__("pathlib").Path(sys.executable).with_name("testronaut"))
    done = subprocess.run([script, "--help"], capture_output=True, text=True, check=False)
    assert done.returncode == 0 and "AI-assisted end-to-end testing" in done.stdout


@pytest.mark.docker
def test_sweep_and_base_image(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sweep"]) == 0
    assert capsys.readouterr().out.rstrip().endswith("removed")
    assert main(["base-image"]) == 0  # the tag exists: nothing to do, quickly


def test_generate_reads_a_spec_with_the_input_limit(capsys: pytest.CaptureFixture[str],
                                                    monkeypatch: pytest.MonkeyPatch,
                                                    tmp_path: Path) -> None:
    monkeypatch.setenv("TESTRONAUT_MAX_INPUT_MB", "1")
    out = str(tmp_path / "plan.testronaut.yaml")
    assert main(["generate", "--spec", "/dev/zero", "-o", out]) == 2
    err = capsys.readouterr().err
    assert "the spec '/dev/zero' is larger than the input limit of 1 MB" in err
    assert "TESTRONAUT_MAX_INPUT_MB=MB" in err
    assert main(["generate", "--spec", str(tmp_path), "-o", out]) == 2
    assert "is a directory" in capsys.readouterr().err


@pytest.mark.parametrize(("install", "allow"), [("pip:./mytool", True), ("apt:jq", False)])
def test_generate_prints_the_record_command_the_plan_needs(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, install: str, allow: bool) -> None:
    """A plan with a `pip:` step runs pip on this machine, which pytest refuses from a
    plan file unless allowed: the command generate says to run next must allow it."""
    from pytest_testronaut.analysis.spec import CliSpec, Command, Option

    spec = CliSpec(tool="mytool", root=Command(name="mytool", path=["mytool"], options=[
        Option(flags=["-v", "--verbose"], description="say more")]))
    given = tmp_path / "spec.json"
    given.write_text(spec.model_dump_json())
    out = tmp_path / "mytool.testronaut.yaml"
    assert main(["generate", "--spec", str(given), "--install", install, "-o", str(out),
                 "--no-llm"]) == 0
    flags = "--testronaut --testronaut-allow-host-builds" if allow else "--testronaut"
    assert f"record expectations with: pytest {flags} --testronaut-record {out}" in (
        capsys.readouterr().err)


@pytest.mark.docker
def test_analyze_and_generate_refuse_a_tool_that_is_not_there(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, docker_client: object) -> None:
    """A typo in the name must not leave a plan of nothing behind (exit 0), as
    ``pytest --testronaut-tool`` would not either."""
    out = tmp_path / "sortt.testronaut.yaml"
    assert main(["analyze", "sortt", "-q"]) == 2
    err = capsys.readouterr().err
    assert "error: found no help for 'sortt' in testronaut-base:bookworm (`sortt` was not " \
           "found (exit 127)" in err and "check the tool's name and --image/--install" in err
    assert main(["generate", "sortt", "-o", str(out), "-q", "--no-llm"]) == 2
    assert "found no help for 'sortt'" in capsys.readouterr().err
    assert not out.exists() and not list(tmp_path.iterdir())
