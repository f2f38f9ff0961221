"""Options whose only effect is on the files a command leaves (issue #8: ``cp -p``,
``cp -n``, ``cp -s`` printed nothing, so 31 of cp's 38 options showed "no observed
effect"): the option search also runs such a command in a folder built to make them
show (a file of mode 640 and an old time, an existing destination, a symlink, a
folder), compares the folder's state after each run, and the case builds that folder,
runs the command and lists what the folder holds, so a build ignoring the option
fails it. The copying tool here is a wrapper of the real ``cp``; its faulty builds
each drop one option."""

from __future__ import annotations

import shlex
import subprocess
from pathlib import Path

import pytest

from pytest_testronaut.generation import folder_state
from pytest_testronaut.generation.differential import NO_EFFECT_TAG
from pytest_testronaut.generation.probe_script import MARK, batch_script, parse_batch, pool_path

from .faulty_builds import faulty_builds_install, generate_in_sandbox, record_and_run_faulty_builds
from .tools import LocalRun

TOOL = "copyit"
HELP = """Usage: copyit [OPTION]... SOURCE DEST
Copy SOURCE to DEST.

  -p, --preserve       keep the mode and the times of SOURCE
  -n, --no-clobber     do not overwrite an existing DEST
  -s, --symbolic-link  make a symbolic link instead of copying
      --help           display this help and exit
"""
REAL = f"""#!/bin/sh
if [ "$1" = --help ]; then printf '%s' '{HELP}'; exit 0; fi
exec cp "$@"
"""


def _dropping(*flags: str) -> str:
    """A faulty build: the real one with ``flags`` taken off its command line."""
    cases = "|".join(flags)
    return ('#!/bin/sh\nn=$#\nfor a; do case $a in ' + cases + ') ;; *) set -- "$@" "$a";; '
            'esac; done\nshift $n\nexec cp "$@"\n')


FAULTS = {"preserve": _dropping("-p", "--preserve"),
          "no-clobber": _dropping("-n", "--no-clobber"),
          "symbolic": _dropping("-s", "--symbolic-link")}
FLAG_OF = {"preserve": "--preserve", "no-clobber": "--no-clobber", "symbolic": "--symbolic-link"}


def _shell(command: str, files: dict[str, str], folder: Path, path: str = "") -> tuple[int, str]:
    """Exit status and stdout of a case's shell line run with its files in ``folder``."""
    for name, content in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(content)
    env = {"PATH": f"{path}:/usr/local/bin:/usr/bin:/bin" if path else "/usr/local/bin:/usr/bin:/bin"}
    got = subprocess.run(["sh", "-c", command], cwd=folder, capture_output=True, text=True,
                         check=False, env=env)
    return got.returncode, got.stdout


def test_the_listing_is_the_same_on_every_run_and_shows_what_an_option_changes(
        tmp_path: Path) -> None:
    runs = {}
    for name, argv in [("plain", ["cp", "input.txt", "input2.txt"]),
                       ("again", ["cp", "input.txt", "input2.txt"]),
                       ("preserve", ["cp", "-p", "input.txt", "input2.txt"]),
                       ("link", ["cp", "-P", "link.txt", "new.txt"])]:
        (tmp_path / name).mkdir()
        runs[name] = _shell(folder_state.case_command(argv), folder_state.case_files(),
                            tmp_path / name)
    assert runs["plain"] == runs["again"]  # no time, inode or owner in it
    status, listing = runs["preserve"]
    assert status == 0 and runs["plain"][0] == 0
    # the copy keeps the source's mode and old time with -p, not without
    assert "-rw-r----- 1 56 2001-02-03 ./input2.txt" in listing.splitlines()
    assert "-rw-r--r-- 1 56 now ./input2.txt" in runs["plain"][1].splitlines()
    assert "lrwxrwxrwx 1 9 now ./new.txt -> input.txt" in runs["link"][1].splitlines()
    assert not list(tmp_path.glob("*/state"))  # the case removes its folder


def test_each_run_comes_back_with_the_state_of_its_own_folder() -> None:
    class Run:
        def __init__(self, argv: tuple[str, ...], state: bool) -> None:
            self.argv, self.dataset, self.stdin, self.watch, self.state = \
                argv, "state", False, False, state

    chunk = [Run(("cp", "-p", "a", "b"), True), Run(("cat",), False),
             Run(("cp", "a", "b"), True)]
    script, _ = batch_script("/r", chunk, timeout="", settle=False, guarded=False,
                             pool_used=5)
    assert script.count("find ") == 1  # one listing for the whole batch
    assert "shift 5" in script and "-ge 7" in script  # copies used before, and needed
    text = (f"\n{MARK} 0\n\n{MARK}E 0\n\n{MARK} 1\nhello\n\n{MARK}E 0\n\n{MARK} 2\n\n"
            f"{MARK}E 1\n\n{MARK}K 120\n0 /r/.pool/x3/s\n2 /r/.pool/x3/x1/s\n{MARK}L\n"
            "/r/.pool/x3/s -rw-r----- 1 8 2001-02-03 ./b\n"
            "/r/.pool/x3/x1/s -rw-r--r-- 1 8 now ./b\n"
            "/r/.pool/x3/s -rw-r----- 1 8 2001-02-03 ./a\n"
            f"\n{MARK}M\n")
    first, second, third = parse_batch(text, 3)
    assert first is not None and first.state == ("-rw-r----- 1 8 2001-02-03 ./a\n"
                                                 "-rw-r----- 1 8 2001-02-03 ./b")
    assert second is not None and second.stdout == "hello\n" and second.state == ""
    assert third is not None and third.exit_code == 1 and \
        third.state == "-rw-r--r-- 1 8 now ./b"
    # a command printing where it ran prints the folder's own path, whichever copy
    assert pool_path("/r", "state", "in /r/.pool/x3/x1/s/dir and /r/.pool/s") == \
        "in /r/state/dir and /r/state"


@pytest.fixture
def local(tmp_path: Path) -> LocalRun:
    """The prober on this machine, with the copying tool and its faulty builds."""
    run = LocalRun(tmp_path)
    for folder, text in [("bin", REAL), *[(f"fault-{n}", t) for n, t in FAULTS.items()]]:
        path = tmp_path / folder / TOOL
        path.parent.mkdir(exist_ok=True)
        path.write_text(text)
        path.chmod(0o755)
    run.env["PATH"] = f"{tmp_path / 'bin'}:{run.env['PATH']}"
    return run


def test_an_option_that_only_changes_files_gets_a_case_that_can_fail(
        local: LocalRun, tmp_path: Path) -> None:
    from pytest_testronaut.generation import generate_plan

    findings: list[str] = []
    plan = generate_plan(local.spec(TOOL), run=local, findings=findings)
    for fault, flag in FLAG_OF.items():
        case = next(c for c in plan.cases if flag in shlex.split(str(c.command)))
        assert NO_EFFECT_TAG not in case.tags, (case.command, findings)
        assert "the case lists what the folder holds" in case.description
        assert set(case.files) == {"state/input.txt", "state/input2.txt", "state/.setup"}
        assert not set(shlex.split(str(case.command))) & {"ln", "mkdir", "chmod", "touch"}
        command = str(case.command)
        outputs = []
        for number, path in enumerate([tmp_path / "bin", tmp_path / "bin",
                                       tmp_path / f"fault-{fault}"]):
            folder = tmp_path / f"run-{fault}-{number}"
            folder.mkdir()
            outputs.append(_shell(command, case.files, folder, str(path)))
        assert outputs[0] == outputs[1], command  # the same on every run
        assert outputs[0] != outputs[2], command  # the build ignoring it fails


# --- the whole way, in a sandbox: generate, record, re-run, and the faulty builds ----
INSTALL = faulty_builds_install(TOOL, REAL, FAULTS)


@pytest.mark.docker
def test_a_build_ignoring_an_option_on_files_fails_its_recorded_case(
        pytester: pytest.Pytester) -> None:
    plan = generate_in_sandbox(TOOL, INSTALL)
    cases = {fault: next(c for c in plan.cases if flag in shlex.split(str(c.command)))
             for fault, flag in FLAG_OF.items()}
    for case in cases.values():
        assert NO_EFFECT_TAG not in case.tags, case.command
    run = record_and_run_faulty_builds(pytester, plan, FAULTS)
    # the listing is recorded: the mode and old time -p keeps
    kept = next(c for c in run.recorded.cases if c.id == cases["preserve"].id)
    assert kept.stdout is not None and "-rw-r----- 1 56 2001-02-03" in str(kept.stdout.equals)
    for name, case in cases.items():
        assert case.id in run.failed[name], run.failed
