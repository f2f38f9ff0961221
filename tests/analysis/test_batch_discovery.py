"""Discovery with batched help calls finds in a real sandbox the same spec as one exec
per call (issue #8, generation time), on an argparse tool with nested groups, aliases,
a word its help lists that is no command, a help only ``-h`` prints, a help on stderr,
and a subcommand whose ``--help`` waits forever; in far fewer execs."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from typing import Any

import pytest

NEST = '''\
#!/usr/bin/python3
"""nest: a tool of nested command groups for the discovery tests."""
import argparse
import sys
import time

def main():
    args = sys.argv[1:]
    if args == ["slow", "--help"]:
        time.sleep(3600)  # waits: its batch call is stopped, then it runs alone
    if args == ["legacy", "--help"]:
        sys.exit("legacy: use -h")  # only -h prints this command's help
    if args[:1] == ["ghost"]:  # listed in the help, refused when asked
        sys.exit("nest: error: argument command: invalid choice: 'ghost'")
    if args == ["quiet", "--help"]:
        sys.stderr.write("usage: nest quiet [-h] [--level N]\\n\\noptions:\\n"
                         "  --level N  how quiet\\n")
        sys.exit(1)
    parser = argparse.ArgumentParser(prog="nest", description="Nested groups.")
    parser.add_argument("--version", action="version", version="nest 2.7.1")
    groups = parser.add_subparsers(dest="command", title="commands")
    remote = groups.add_parser("remote", aliases=["r"], help="manage remotes")
    inner = remote.add_subparsers(dest="action", title="commands")
    add = inner.add_parser("add", aliases=["a"], help="add a remote")
    add.add_argument("--fetch", action="store_true", help="fetch after adding")
    add.add_argument("name", help="remote name")
    seturl = inner.add_parser("set-url", help="change a remote's address")
    deeper = seturl.add_subparsers(dest="which", title="commands")
    push = deeper.add_parser("push", help="the push address")
    push.add_argument("--all", action="store_true", help="every push address")
    deeper.add_parser("fetch", help="the fetch address")
    inner.add_parser("show", help="show remotes")
    build = groups.add_parser("build", aliases=["b"], help="build things")
    build.add_argument("--mode", choices=["fast", "safe"], default="safe", help="how")
    build.add_argument("target", nargs="+", help="what to build")
    for name in ("slow", "legacy", "quiet", "ghost"):
        groups.add_parser(name, help=f"the {name} command").add_argument(
            "--level", type=int, help="a level")
    parser.parse_args()


main()
'''


@pytest.fixture(scope="module")
def sandbox() -> Iterator[Any]:
    from pytest_testronaut.sandbox import SandboxConfig, standalone_sandbox

    program = base64.b64encode(NEST.encode()).decode()
    install = (f"shell:echo {program} | base64 -d > /usr/local/bin/nest && "
               "chmod 755 /usr/local/bin/nest",)
    # a short timeout: ``nest slow --help`` waits that long when it runs alone
    with standalone_sandbox(SandboxConfig(install=install, timeout=4)) as box:
        yield box


def _counted(run: Any) -> tuple[Any, list[list[str]]]:
    execs: list[list[str]] = []

    def counted(argv: list[str], **kw: Any) -> Any:
        execs.append(list(argv))
        return run(argv, **kw)

    return counted, execs


@pytest.mark.docker
def test_batched_discovery_finds_the_same_spec_in_fewer_execs(sandbox: Any) -> None:
    from pytest_testronaut.analysis.batch_runs import BatchRunner
    from pytest_testronaut.analysis.discover import discover

    one_by_one, single_execs = _counted(sandbox.run)
    alone = discover(one_by_one, "nest", batch=False)
    batched_run, batch_execs = _counted(sandbox.run)
    runner = BatchRunner(batched_run, call_timeout=2)
    progress: list[str] = []
    batched = discover(batched_run, "nest", batch=runner, progress=progress.append)

    assert batched.model_dump() == alone.model_dump()
    # the spec has what the batches had to get right
    assert batched.version == "2.7.1"
    names = {" ".join(c.path): c for c in batched.root.walk()}
    assert {"nest remote add", "nest remote set-url push", "nest remote set-url fetch",
            "nest build"} <= set(names)
    assert names["nest remote"].aliases == ["r"] and names["nest remote add"].aliases == ["a"]
    assert names["nest legacy"].help_source == "-h"
    assert names["nest quiet"].find_option("--level") is not None  # its help on stderr
    assert names["nest slow"].help_source == "-h"
    assert "nest ghost" not in names
    assert any("`nest ghost` is not a subcommand" in n for n in batched.notes)
    assert any("`nest slow --help` timed out" in n for n in batched.notes)
    # the root alone, a level per exec (three levels: seven, three and two calls), and
    # alone what a batch left: `slow --help` (stopped in its batch), `slow -h` and
    # `legacy -h` (the next probes of the first level: one call is no batch)
    assert len(single_execs) == 15, single_execs
    assert [len(argv) if argv[0] == "nest" else "batch" for argv in batch_execs] == [
        2, "batch", 3, 3, 3, "batch", "batch"], batch_execs
    assert runner.available and runner.execs >= 3
    assert any("in one run" in line for line in progress)


@pytest.mark.docker
def test_batches_respect_the_time_budget(sandbox: Any) -> None:
    from pytest_testronaut.analysis.batch_runs import BatchRunner
    from pytest_testronaut.analysis.discover import discover

    # `slow --help` waits in the first level's batch; the budget ends during it
    spec = discover(sandbox.run, "nest", batch=BatchRunner(sandbox.run, call_timeout=30),
                    time_budget=3)
    assert any("time budget of 3s used up" in n for n in spec.notes)

