"""The whole way for a tool with faulty builds, in a real sandbox: an install step that
writes the real tool and each faulty build, a plan generated with the sandbox at hand,
then (through pytester) the plan recorded, re-run on the real tool, and run once per
faulty build; what comes back is the recorded plan and the cases each build failed."""

from __future__ import annotations

import base64
import shlex
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import pytest

from pytest_testronaut.analysis.spec import Command
from pytest_testronaut.plans.model import Plan

from .tools import patient

# the image's PATH, with a faulty build's folder first
FAULT_PATH = "/opt/fault-{name}:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"


def faulty_builds_install(tool: str, real: str, faults: dict[str, str]) -> str:
    """A ``shell:`` install step writing ``real`` as ``/usr/local/bin/TOOL`` and each
    fault's text as ``/opt/fault-NAME/TOOL`` (a plan whose PATH starts there runs it)."""
    def write(path: str, text: str) -> str:
        data = base64.b64encode(text.encode()).decode()
        return (f"mkdir -p {shlex.quote(str(Path(path).parent))} && echo {data} | base64 -d "
                f"> {shlex.quote(path)} && chmod 755 {shlex.quote(path)}")

    return "shell:" + " && ".join(
        [write(f"/usr/local/bin/{tool}", real)]
        + [write(f"/opt/fault-{name}/{tool}", text) for name, text in faults.items()])


def generate_in_sandbox(tool: str, install: str,
                        shape: Callable[[Command], None] | None = None) -> Plan:
    """The plan generated for ``tool`` (its ``--help`` read in a sandbox built with
    ``install``), with that sandbox running the evidence search; ``shape`` may change
    the parsed command first (keep a few options, say)."""
    from pytest_testronaut.analysis.parse import parse_help
    from pytest_testronaut.analysis.spec import CliSpec
    from pytest_testronaut.generation.cases import generate_plan
    from pytest_testronaut.sandbox import SandboxConfig, standalone_sandbox

    with standalone_sandbox(SandboxConfig(install=(install,))) as sandbox:
        root = parse_help(sandbox.run([tool, "--help"]).stdout, name=tool, path=[tool])
        if shape is not None:
            shape(root)
        return generate_plan(CliSpec(tool=tool, root=root), install=[install],
                             run=patient(sandbox.run))


@dataclass(frozen=True)
class FaultRun:
    """What :func:`record_and_run_faulty_builds` found."""

    plan_file: Path  # the plan as recorded, in pytester's folder
    recorded: Plan
    failed: dict[str, list[str]]  # per faulty build, the ids of the cases it failed


def _run(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    return pytester.runpytest("--testronaut", *args, "-p", "no:cacheprovider")


def record_and_run_faulty_builds(pytester: pytest.Pytester, plan: Plan,
                                 faults: Iterable[str], reruns: int = 3) -> FaultRun:
    """Save ``plan`` in pytester's folder and record it (recording must pass), then in
    one more session run the recorded plan ``reruns`` times on the real tool (each of
    those runs must pass) and once per faulty build in ``faults`` (its
    ``/opt/fault-NAME`` first on PATH): one session for all of them, not one each
    (a session's start costs seconds: six sessions took 54 s, the one 37 s)."""
    from pytest_testronaut.plans import load_plan
    from pytest_testronaut.plans.dump import save_plan

    plan_file = pytester.path / f"{plan.tool}.testronaut.yaml"
    save_plan(plan, plan_file)
    pytester.makefile(".ini", pytest="[pytest]\n")
    recorded = _run(pytester, "--testronaut-record")
    assert recorded.ret == 0, recorded.stdout.str()
    recorded_plan = load_plan(plan_file).plan
    runs = pytester.path / "runs"
    runs.mkdir()
    for number in range(reruns):  # the recorded file itself, as recording wrote it
        shutil.copyfile(plan_file, runs / f"again-{number}.testronaut.yaml")
    names = list(faults)
    for name in names:
        env = {"PATH": FAULT_PATH.format(name=name)}
        save_plan(recorded_plan.model_copy(update={"env": env}),
                  runs / f"fault-{name}.testronaut.yaml")
    result = _run(pytester, str(runs))
    failed: dict[str, list[str]] = {}
    for line in result.outlines:
        if line.startswith("FAILED ") and "::" in line:
            where, _, rest = line.removeprefix("FAILED ").partition("::")
            failed.setdefault(Path(where).name.split(".")[0], []).append(rest.split()[0])
    assert not [run for run in failed if run.startswith("again-")], result.stdout.str()
    counts = result.parseoutcomes()
    assert counts.get("passed", 0) + counts.get("failed", 0) == \
        len(recorded_plan.cases) * (reruns + len(names)), result.stdout.str()
    return FaultRun(plan_file, recorded_plan,
                    {name: failed.get(f"fault-{name}", []) for name in names})
