"""Fault-injection benchmark: do generated plans catch real regressions in tools nobody
tuned the generator for?

    python benchmarks/faults/run.py [--set all|holdout|first-holdout|second-holdout|
                                           third-holdout|fourth-holdout|fifth-holdout|
                                           sixth-holdout|seventh-holdout|
                                           tuning]
                                    [--tools a,b] [--scopes basic,comprehensive,exhaustive]
                                    [--reruns N] [--generate-only] [--keep DIR] [--json FILE]

For each tool of ``split.json`` (the set asked for) and each scope asked for (default:
basic, the default of ``testronaut generate``):

1. analyzes the ORIGINAL tool in a sandbox of the base image and generates a plan at the
   scope, no LLM, exactly as ``testronaut generate`` does (timed: "gen s");
2. records it (``pytest --testronaut --testronaut-record``) and re-runs it on the
   unchanged tool (it must pass; ``--reruns`` times, default 3);
3. runs the recorded plan once per faulty build of ``catalog.py``: the image carries
   every fault as ``/opt/testronaut-faults/FAULT/TOOL`` (see ``wrapper.py``), and a copy
   of the plan whose ``env`` puts that folder first on PATH runs the faulty build.
   A fault is caught when any case of its copy fails that passed every re-run.

Prints one line per tool and scope (cases, generation time, faults caught; fault by fault
for the tuning set only, so hold-out results cannot guide changes by accident), then the
totals per scope, hold-out first (its first to seventh part, then together).
A PyPI tool (``pip`` in its catalogue entry) is installed by a ``pip:`` step of its
plan (wheels built on the host, installed offline; the plan runs allow host builds).
``--generate-only`` stops after step 1 (cases and generation time, for profiling).
``--check-faults`` runs ``witness.sh`` instead: one command per fault on which the
faulty build differs from the real one (with ``--set`` or ``--tools``: only those tools'
faults). Needs the Docker engine and the base image.
"""

from __future__ import annotations

import argparse
import base64
import io
import json
import re
import shutil
import sys
import tarfile
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
from catalog import HOLDOUT_PARTS, faults_of, pip_requirement, split, table  # noqa: E402
from mutants import run_plan  # noqa: E402

from pytest_testronaut.analysis.discover import discover  # noqa: E402
from pytest_testronaut.generation.authoring import author_plan, write_or_merge  # noqa: E402
from pytest_testronaut.generation.cases import SCOPES  # noqa: E402
from pytest_testronaut.generation.probe import for_generation  # noqa: E402
from pytest_testronaut.plans.dump import save_plan  # noqa: E402
from pytest_testronaut.plans.loader import load_plan  # noqa: E402
from pytest_testronaut.sandbox import SandboxConfig, standalone_sandbox  # noqa: E402

FAULT_ROOT = "/opt/testronaut-faults"
BASE_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"


def install_step() -> str:
    """One shell install step putting the wrapper, the fault table and one folder per
    fault into the image (cached by content, so built once)."""
    buffer = io.BytesIO()
    faults = table()

    def add(name: str, text: str, mode: int = 0o644) -> None:
        data = text.encode()
        info = tarfile.TarInfo(name)
        info.size, info.mode, info.mtime = len(data), mode, 0
        archive.addfile(info, io.BytesIO(data))

    with tarfile.open(fileobj=buffer, mode="w:gz", compresslevel=9) as archive:
        add("wrapper.py", (HERE / "wrapper.py").read_text(), 0o755)
        add("faults.json", json.dumps(faults, indent=1, sort_keys=True))
        for fault_id, fault in sorted(faults["faults"].items()):  # type: ignore[union-attr]
            add(f"{fault_id}/{fault['tool']}",
                f'#!/bin/sh\nexec python3 {FAULT_ROOT}/wrapper.py {fault_id} '
                f'{fault["tool"]} "$@"\n', 0o755)
    payload = base64.b64encode(buffer.getvalue()).decode()
    return (f"shell:mkdir -p {FAULT_ROOT} && echo {payload} | base64 -d "
            f"| tar -xz -C {FAULT_ROOT}")


def tool_steps(tool: str, step: str) -> tuple[str, ...]:
    """The install steps of a plan for ``tool``: the faults, and its PyPI package if any."""
    requirement = pip_requirement(tool)
    return (step, f"pip:{requirement}") if requirement else (step,)


def check_faults(step: str, tools: list[str] | None = None) -> int:
    """Run witness.sh in the benchmark image: every fault must show on its command.

    With ``tools`` (``--set``/``--tools`` other than all), only their faults' witnesses and
    not-triggered runs are run (the shared set-up lines always are): a part is checked in
    minutes on a busy machine. A fault counts as observable only when its ``diff`` line
    was printed, so a script cut short by its time limit cannot pass."""
    faults = {i: f for i, f in table()["faults"].items()  # type: ignore[attr-defined]
              if tools is None or f["tool"] in tools}
    lines = (HERE / "witness.sh").read_text().splitlines(keepends=True)
    script = "".join(line for line in lines if tools is None or not (
        match := re.match(r"(?:w|same) (\S+) ", line)) or match.group(1) in faults)
    witnessed = set(re.findall(r"^w (\S+)", script, re.MULTILINE))
    missing = sorted(set(faults) - witnessed)
    requirements = sorted({r for f in faults.values() if (r := pip_requirement(f["tool"]))})
    install = (step, "pip:" + ",".join(requirements)) if requirements else (step,)
    with standalone_sandbox(SandboxConfig(install=install)) as sandbox:
        result = sandbox.run(["sh"], stdin=script, timeout=1200)
    print(result.stdout + result.stderr, end="")
    same = [line for line in result.stdout.splitlines() if line.startswith(("SAME", "LEAK"))]
    shown = set(re.findall(r"^diff  (\S+)", result.stdout, re.MULTILINE))
    not_run = sorted(witnessed - shown - {line.split()[1].rstrip(":") for line in same})
    for fault_id in missing:
        print(f"NO WITNESS  {fault_id}")
    for fault_id in not_run:
        print(f"NOT RUN     {fault_id}")
    print(f"{len(shown & set(faults))}/{len(faults)} faults observable")
    return 1 if same or missing or not_run else 0


def failed_by_file(out: str) -> dict[str, list[str]]:
    """Failed case ids per plan file name, from pytest's short summary."""
    found: dict[str, list[str]] = {}
    for line in out.splitlines():
        match = re.match(r"(?:FAILED|ERROR) (\S+?)::(\S+)", line)
        if match:
            found.setdefault(Path(match.group(1)).name, []).append(match.group(2))
    return found


def generate(tool: str, scope: str, step: str) -> tuple[Any, float]:
    """Analyze and generate as ``testronaut generate`` does: (authored, seconds)."""
    config = for_generation(SandboxConfig(install=tool_steps(tool, step)))
    start = time.monotonic()
    with standalone_sandbox(config) as sandbox:
        spec = discover(sandbox.run, tool)
        authored = author_plan(spec, scope=scope, install=config.install, run=sandbox.run)
    return authored, time.monotonic() - start


def bench_tool(tool: str, work: Path, scope: str, reruns: int, step: str,
               verbose: bool, generate_only: bool = False) -> dict[str, object]:
    folder = work / scope / tool
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    (folder / "pytest.ini").write_text("[pytest]\n")
    authored, gen_seconds = generate(tool, scope, step)
    plan_path = folder / f"{tool}.testronaut.yaml"
    write_or_merge(authored.plan, plan_path, lambda _: None)
    cases = authored.plan.cases
    result: dict[str, object] = {
        "tool": tool, "scope": scope, "cases": len(cases), "gen_seconds": round(gen_seconds, 1),
        "no_effect": sum("no_observed_effect" in c.tags for c in cases), "faults": {},
        "notes": authored.notes}
    if generate_only:
        return result
    # a PyPI tool's plan has a pip: install step, which plan files may run only when allowed
    allow = ("--testronaut-allow-host-builds",) if pip_requirement(tool) else ()
    code, out = run_plan(plan_path, "--testronaut-record", *allow)
    if code != 0:
        result["error"] = f"recording failed (pytest exit {code}): {out[-1500:]}"
        return result
    recorded = load_plan(plan_path).plan
    copies = folder / "runs"
    copies.mkdir()
    for number in range(reruns):
        save_plan(recorded, copies / f"unchanged-{number}.testronaut.yaml")
    for fault in faults_of(tool):
        env = {**recorded.env, "PATH": f"{FAULT_ROOT}/{fault['id']}:{BASE_PATH}"}
        save_plan(recorded.model_copy(update={"env": env}),
                  copies / f"fault-{fault['id']}.testronaut.yaml")
    (copies / "pytest.ini").write_text("[pytest]\n")
    code, out = run_plan(copies / "pytest.ini", str(copies), *allow)
    if code not in (0, 1):
        result["error"] = f"the plan runs failed (pytest exit {code}): {out[-1500:]}"
        return result
    failed = failed_by_file(out)
    unstable = [f"{name}: {', '.join(ids[:5])}" for name, ids in failed.items()
                if name.startswith("unchanged-")]
    result["reruns_passed"] = reruns - len(unstable)
    if unstable:
        result["error"] = "the recorded plan fails on the unchanged tool: " + "; ".join(unstable)
    # a case that fails on the unchanged tool too catches nothing
    flaky = {case for name, ids in failed.items() if name.startswith("unchanged-")
             for case in ids}
    for fault in faults_of(tool):
        cases_failed = failed.get(f"fault-{fault['id']}.testronaut.yaml", [])
        result["faults"][fault["id"]] = [c for c in cases_failed if c not in flaky]  # type: ignore[index]
    if verbose:
        (folder / "pytest-output.txt").write_text(out)
    return result


def chosen_tools(parser: argparse.ArgumentParser, args: argparse.Namespace) -> list[str]:
    sets = split()
    later = {t for part in HOLDOUT_PARTS for t in sets.get(part, [])}
    first = [t for t in sets["holdout"] if t not in later]
    wanted = {"tuning": sets["tuning"], "holdout": sets["holdout"], "first-holdout": first,
              "second-holdout": sets.get("second_holdout", []),
              "third-holdout": sets.get("third_holdout", []),
              "fourth-holdout": sets.get("fourth_holdout", []),
              "fifth-holdout": sets.get("fifth_holdout", []),
              "sixth-holdout": sets.get("sixth_holdout", []),
              "seventh-holdout": sets.get("seventh_holdout", []),
              "all": sets["holdout"] + sets["tuning"]}[args.set]
    if args.tools:
        chosen = args.tools.split(",")
        unknown = [t for t in chosen if t not in sets["tuning"] + sets["holdout"]]
        if unknown:
            parser.error(f"not in split.json: {', '.join(unknown)}")
        wanted = [t for t in wanted if t in chosen]
    return wanted


def print_result(result: dict[str, object], show_faults: bool, generate_only: bool) -> None:
    tool, part = str(result["tool"]), str(result["set"])
    faults = result["faults"]
    caught = sum(bool(v) for v in faults.values())  # type: ignore[attr-defined]
    line = (f"{part:8} {tool:9} {result['scope']:13} cases {result['cases']:4} "
            f"(no effect {result['no_effect']:2})  gen {result['gen_seconds']:5.1f}s")
    if not generate_only:
        line += (f"  reruns {result.get('reruns_passed', 0)}/{result['reruns']}"
                 f"  caught {caught}/{len(faults_of(tool))}")
    if result.get("error"):
        line += f"  ERROR: {str(result['error'])[:300]}"
    print(line, flush=True)
    if show_faults and not generate_only:
        for fault in faults_of(tool):
            hit = faults.get(fault["id"], [])  # type: ignore[attr-defined]
            print(f"    {'CAUGHT' if hit else 'missed'}  {fault['id']:34} "
                  f"{', '.join(hit[:3])}", flush=True)


def print_totals(results: list[dict[str, object]], scopes: list[str]) -> None:
    sets = split()
    later = {t for part in HOLDOUT_PARTS for t in sets.get(part, [])}

    def in_part(part: str) -> Callable[[dict[str, object]], bool]:
        return lambda r: r["set"] == "holdout" and r["tool"] in sets.get(part, [])

    groups: list[tuple[str, Callable[[dict[str, object]], bool]]] = [
              ("hold-out, first part",
               lambda r: r["set"] == "holdout" and r["tool"] not in later),
              ("hold-out, second part", in_part("second_holdout")),
              ("hold-out, third part", in_part("third_holdout")),
              ("hold-out, fourth part", in_part("fourth_holdout")),
              ("hold-out, fifth part", in_part("fifth_holdout")),
              ("hold-out, sixth part", in_part("sixth_holdout")),
              ("hold-out, seventh part", in_part("seventh_holdout")),
              ("hold-out, together", lambda r: r["set"] == "holdout"),
              ("tuning", lambda r: r["set"] == "tuning")]
    for scope in scopes:
        for name, belongs in groups:
            mine = [r for r in results if r["scope"] == scope and belongs(r)]
            if not mine:
                continue
            caught = sum(bool(v) for r in mine for v in r["faults"].values())  # type: ignore
            total = sum(len(faults_of(str(r["tool"]))) for r in mine)
            broken = [str(r["tool"]) for r in mine if r.get("error")]
            cases = sum(int(r["cases"]) for r in mine)  # type: ignore[call-overload]
            slowest = max(mine, key=lambda r: float(r["gen_seconds"]))  # type: ignore
            print(f"{scope} {name}: {caught}/{total} faults caught = {caught / total:.0%} over "
                  f"{len(mine)} tools, {cases} cases, slowest generation "
                  f"{slowest['gen_seconds']}s ({slowest['tool']})"
                  + (f"; plans failing: {', '.join(broken)}" if broken else ""))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", default="all", choices=(
        "all", "holdout", "first-holdout", "second-holdout", "third-holdout",
        "fourth-holdout", "fifth-holdout", "sixth-holdout", "seventh-holdout",
        "tuning"))
    parser.add_argument("--tools", help="comma-separated tools (default: the whole set)")
    parser.add_argument("--scopes", default="basic",
                        help="comma-separated scopes, or 'all' (default: basic)")
    parser.add_argument("--scope", dest="scopes", help=argparse.SUPPRESS)
    parser.add_argument("--reruns", type=int, default=3,
                        help="runs of the recorded plan on the unchanged tool (default: 3)")
    parser.add_argument("--generate-only", action="store_true",
                        help="only generate: cases and generation time per tool")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    parser.add_argument("--json", type=Path, help="also write the results as JSON here")
    parser.add_argument("--show-holdout-faults", action="store_true",
                        help="print hold-out results fault by fault (not while tuning!)")
    parser.add_argument("--check-faults", action="store_true",
                        help="only check that every fault is observable (witness.sh)")
    args = parser.parse_args()
    if args.check_faults:
        everything = args.set == "all" and not args.tools
        return check_faults(install_step(),
                            None if everything else chosen_tools(parser, args))
    scopes = list(SCOPES) if args.scopes == "all" else args.scopes.split(",")
    if unknown := [s for s in scopes if s not in SCOPES]:
        parser.error(f"unknown scope {', '.join(unknown)}: choose from {', '.join(SCOPES)}")
    wanted = chosen_tools(parser, args)
    sets = split()
    work = args.keep or Path(tempfile.mkdtemp(prefix="testronaut-faults-"))
    work.mkdir(parents=True, exist_ok=True)
    step = install_step()
    results: list[dict[str, object]] = []
    start = time.monotonic()
    for tool in wanted:
        part = "holdout" if tool in sets["holdout"] else "tuning"
        for scope in scopes:
            result = bench_tool(tool, work, scope, args.reruns, step, bool(args.keep),
                                args.generate_only)
            result["set"], result["reruns"] = part, args.reruns
            results.append(result)
            print_result(result, part == "tuning" or args.show_holdout_faults,
                         args.generate_only)
    print()
    if not args.generate_only:
        print_totals(results, scopes)
    print(f"total time {time.monotonic() - start:.0f}s")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
