"""Discovery against a fake tool built from the corpus, and against a real subprocess."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

from pytest_testronaut.analysis.discover import discover, looks_like_help
from pytest_testronaut.sandbox.result import RunResult

HELP_DIR = Path(__file__).parent / "help"


def _result(argv: list[str], code: int, out: str = "", err: str = "") -> RunResult:
    return RunResult(command=tuple(argv), exit_code=code, stdout_bytes=out.encode(),
                     stderr_bytes=err.encode(), duration=0.01)


class FakeTool:
    """Answers argv with captured help texts; records every call."""

    def __init__(self, answers: dict[tuple[str, ...], tuple[int, str, str]]) -> None:
        self.answers = answers
        self.calls: list[list[str]] = []

    def __call__(self, argv: list[str]) -> RunResult:
        self.calls.append(list(argv))
        code, out, err = self.answers.get(tuple(argv), (1, "", f"no canned answer for {argv}\n"))
        return _result(argv, code, out, err)


def _help(name: str) -> str:
    return (HELP_DIR / name).read_text(encoding="utf-8")


def test_discovers_docker_tree_and_version() -> None:
    tool = FakeTool({
        ("docker", "--help"): (0, _help("docker.cobra.txt"), ""),
        ("docker", "image", "--help"): (0, _help("docker-image.cobra.txt"), ""),
        ("docker", "run", "--help"): (0, _help("docker-run.cobra.txt"), ""),
        ("docker", "--version"): (0, "Docker version 27.3.1, build ce12230\n", ""),
    })
    progress: list[str] = []
    spec = discover(tool, "docker", max_depth=2, progress=progress.append)
    assert spec.version == "27.3.1"
    assert spec.root.help_style == "cobra" and spec.root.help_source == "--help"
    run = next(c for c in spec.root.subcommands if c.name == "run")
    assert run.path == ["docker", "run"] and run.find_option("--rm") is not None
    assert run.summary == "Create and run a new container from an image"
    image = next(c for c in spec.root.subcommands if c.name == "image")
    assert "prune" in [s.name for s in image.subcommands]
    # docker image prune had no canned help: recorded, not fatal
    assert any("docker image prune" in n for n in spec.notes)
    assert ["docker", "image", "prune", "--help"] in tool.calls
    assert any("exploring docker run" in p for p in progress)


def test_help_on_stderr_with_nonzero_exit_and_git_help_subcommand() -> None:
    tool = FakeTool({
        ("git", "--help"): (0, _help("git.git.txt"), ""),
        # `git help commit` answers where `git commit --help` and `-h` do not
        ("git", "help", "commit"): (129, "", _help("git-commit.git.txt")),
    })
    spec = discover(tool, "git", max_depth=1, max_commands=15)
    commit = next(c for c in spec.root.subcommands if c.name == "commit")
    assert commit.help_source == "help" and commit.find_option("--amend") is not None
    assert any("max commands 15" in n for n in spec.notes)


def test_bare_run_counts_only_when_it_looks_like_help() -> None:
    tool = FakeTool({("pipreqs",): (1, "", _help("pipreqs.docopt.txt"))})
    spec = discover(tool, "pipreqs")
    assert spec.root.help_source == "bare" and spec.root.find_option("--savepath")

    missing = discover(FakeTool({("nope", "--help"): (127, "", "nope: not found\n")}), "nope")
    assert "not found (exit 127)" in missing.notes[0]

    silent = FakeTool({("quiet",): (0, "did something\n", "")})
    empty = discover(silent, "quiet")
    assert empty.root.options == [] and "no help found" in empty.notes[0]


def test_cycles_aliases_and_depth_are_limited() -> None:
    root = ("Usage: loop [OPTIONS] COMMAND [ARGS]...\n\nOptions:\n  --help  Show this message "
            "and exit.\n\nCommands:\n  again  Same again.\n  other  Another.\n")
    # `loop again --help` prints the root help (a tool ignoring unknown words)
    tool = FakeTool({("loop", "--help"): (0, root, ""),
                     ("loop", "again", "--help"): (0, root.replace("loop", "loop again"), ""),
                     ("loop", "other", "--help"): (0, root.replace("loop", "loop other"), "")})
    spec = discover(tool, "loop", max_depth=5)
    assert any("same help" in n for n in spec.notes)
    assert len(tool.calls) < 20  # no runaway recursion

    nested = "Usage: deep [OPTIONS] COMMAND\n\nCommands:\n  down  Go down.\n"
    answers: dict[tuple[str, ...], tuple[int, str, str]] = {("deep", "--help"): (0, nested, "")}
    path = ["deep"]
    for level in range(6):
        path = [*path, "down"]
        answers[tuple([*path, "--help"])] = (0, nested + f"\nLevel {level}.\n", "")
    deep = discover(FakeTool(answers), "deep", max_depth=2)
    assert any("max depth 2" in n for n in deep.notes)
    assert max(len(c.path) for c in deep.root.walk()) == 4  # root + 2 levels + 1 listed


def test_time_budget_stops_exploration() -> None:
    def slow(argv: list[str]) -> RunResult:
        time.sleep(0.05)
        return _result(argv, 0, _help("docker.cobra.txt"))

    spec = discover(slow, "docker", time_budget=0.2)
    assert any("time budget" in n for n in spec.notes)


def test_looks_like_help() -> None:
    assert looks_like_help(_help("ls.gnu.txt"))
    assert not looks_like_help("hello world\n")
    assert not looks_like_help("")


def test_real_subprocess_argparse_tool(tmp_path: Path) -> None:
    script = tmp_path / "mini.py"
    script.write_text(textwrap.dedent('''
        import argparse
        parser = argparse.ArgumentParser(prog="mini", description="A tiny tool.")
        parser.add_argument("--version", action="version", version="mini 1.4.2")
        parser.add_argument("-v", "--verbose", action="store_true", help="say more")
        subs = parser.add_subparsers(dest="cmd", title="commands")
        build = subs.add_parser("build", help="build it")
        build.add_argument("--mode", choices=["fast", "safe"], default="safe")
        build.add_argument("target", help="what to build")
        subs.add_parser("clean", help="clean up")
        parser.parse_args()
    '''), encoding="utf-8")

    def run(argv: list[str]) -> RunResult:
        cmd = [sys.executable, str(script), *argv[1:]]
        start = time.monotonic()
        proc = subprocess.run(cmd, capture_output=True, timeout=30, env={"COLUMNS": "80"})
        return RunResult(command=tuple(argv), exit_code=proc.returncode,
                         stdout_bytes=proc.stdout, stderr_bytes=proc.stderr,
                         duration=time.monotonic() - start)

    spec = discover(run, "mini")
    assert spec.version == "1.4.2"
    assert spec.root.help_style == "argparse"
    assert [s.name for s in spec.root.subcommands] == ["build", "clean"]
    build = spec.root.subcommands[0]
    mode = build.find_option("--mode")
    assert mode is not None and mode.choices == ["fast", "safe"] and mode.takes_value
    assert [p.name for p in build.positionals] == ["target"]
