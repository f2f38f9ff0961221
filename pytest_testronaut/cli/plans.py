"""``testronaut generate``, ``check-plan`` and ``estimate``: plans from a shell.

``generate TOOL --image IMAGE`` analyzes the tool in a sandbox, generates a plan and
writes it; ``generate --spec SPEC.json`` does the same offline from a saved
analysis. When the output file exists, the new plan is merged into it (a person's
cases are kept) and the diff is printed. ``estimate`` counts what judging a plan's
plain-English expectations would cost with a model, without calling one.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import TestronautError
from ..generation.cases import SCOPES
from .common import agent_from_env, progress_printer, require_help

if TYPE_CHECKING:
    from ..analysis.spec import CliSpec


def register(subparsers: Any) -> None:
    """Add the plan subcommands to the console script's parser."""
    gen = subparsers.add_parser(
        "generate", help="analyze a tool and write a YAML test plan",
        description="Analyze TOOL in a sandbox (or read --spec) and write a test plan. "
                    "An existing plan is merged: edited and reviewed cases are kept, and "
                    "the diff is printed.",
    )
    gen.add_argument("tool", nargs="?", help="the command to analyze, as run in the image")
    gen.add_argument("--spec", metavar="SPEC.json",
                     help="generate offline from a CliSpec JSON (testronaut analyze --json)")
    gen.add_argument("--image", help="image the tool is installed in "
                                     "(default: testronaut-base:bookworm)")
    gen.add_argument("--install", action="append", default=[], metavar="SPEC",
                     help="install step: pip:REQ, apt:PKG, script:FILE or shell:COMMAND "
                          "(repeatable)")
    gen.add_argument("--scope", choices=SCOPES, default="basic",
                     help="how many cases to write (default: basic)")
    gen.add_argument("--budget", type=int, metavar="N", help="at most N cases")
    gen.add_argument("--seed", type=int, default=0, help="seed of generation (default: 0)")
    gen.add_argument("-o", "--output", required=True, metavar="PLAN.testronaut.yaml",
                     help="plan file to write (merged when it exists)")
    gen.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    gen.add_argument("--no-llm", action="store_true",
                     help="do not ask a configured model (TESTRONAUT_MODEL) for proposals")
    gen.set_defaults(func=run_generate)

    check = subparsers.add_parser("check-plan", help="validate plan files",
                                  description="Validate plan files; errors read file:line.")
    check.add_argument("plans", nargs="+", metavar="PLAN", help="plan files")
    check.set_defaults(func=run_check_plan)

    estimate = subparsers.add_parser(
        "estimate", help="estimate the LLM cost of judging plans (no model is called)",
        description="Count the plain-English expectations of PLAN files and estimate what "
                    "judging them once costs with MODEL (tokens ~ characters / 4; cached "
                    "answers would cost nothing).")
    estimate.add_argument("plans", nargs="+", metavar="PLAN")
    estimate.add_argument("--model", default=os.environ.get("TESTRONAUT_MODEL"),
                          help="PROVIDER:MODEL (default: $TESTRONAUT_MODEL)")
    estimate.set_defaults(func=run_estimate)


def load_spec_json(path: str | Path) -> CliSpec:
    """A :class:`CliSpec` from a JSON file: what ``testronaut analyze --json`` wrote
    (explored or ``--help-file``), or a spec saved beside a generated plan."""
    from ..analysis.spec_json import spec_from_json
    from .inputs import limit_bytes, read_input

    text = read_input(path, "the spec", limit=limit_bytes(None), with_option=False)
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise TestronautError(f"cannot read the spec {path}: not JSON ({exc}); write one "
                              "with `testronaut analyze TOOL --json`") from None
    try:
        return spec_from_json(data)
    except ValueError as exc:
        raise TestronautError(f"--spec {path}: {exc}") from None


def _sandbox_config(args: argparse.Namespace) -> Any:
    from ..sandbox import SandboxConfig
    from ..settings import DEFAULT_IMAGE

    try:
        return SandboxConfig(image=args.image or DEFAULT_IMAGE, install=tuple(args.install),
                             base_dir=str(Path.cwd()))
    except ValueError as exc:
        raise TestronautError(f"invalid sandbox settings: {exc}") from None


def run_generate(args: argparse.Namespace) -> int:
    """Entry point of ``testronaut generate``.

    With TOOL, analysis and generation share one sandbox: generation runs the tool
    there to find inputs on which each option makes a difference. With ``--spec``
    nothing runs: cases use the fixed sample inputs.
    """
    from ..generation.authoring import author_plan, write_or_merge

    say = progress_printer(args.quiet)
    if bool(args.tool) == bool(args.spec):
        raise TestronautError("give either TOOL (analyzed in a sandbox) or --spec SPEC.json")
    if args.budget is not None and args.budget < 1:
        raise TestronautError("--budget must be 1 or more")
    agent = None if args.no_llm else agent_from_env()
    options = {"scope": args.scope, "budget": args.budget, "seed": args.seed,
               "image": args.image, "install": args.install, "agent": agent, "say": say}
    if args.spec:
        spec = load_spec_json(args.spec)
        authored = author_plan(spec, **options)
    else:
        from ..analysis.discover import discover
        from ..generation.probe import for_generation
        from ..sandbox import standalone_sandbox

        config = for_generation(_sandbox_config(args))  # candidates run in lanes
        with standalone_sandbox(config, progress=say) as sandbox:
            say(f"analyzing {args.tool} in {config.image}")
            spec = discover(sandbox.run, args.tool, progress=say)
            require_help(spec, config.image)
            authored = author_plan(spec, run=sandbox.run, **options)
    for note in authored.notes:
        say(note)
    output = Path(args.output)
    summary, diff = write_or_merge(authored.plan, output, say, spec=spec)
    if diff and not args.quiet:
        sys.stdout.write(diff)
    if not diff and "wrote" in summary:
        from ..sandbox.install import is_host_build

        # A `pip:` step in the plan runs pip on this machine: pytest refuses it unless
        # allowed, so the command to copy says so.
        allow = (" --testronaut-allow-host-builds"
                 if any(is_host_build(step) for step in authored.plan.install) else "")
        summary += ("; review it, then record expectations with: "
                    f"pytest --testronaut{allow} --testronaut-record {output}")
    say(summary)
    return 0


def run_check_plan(args: argparse.Namespace) -> int:
    """Entry point of ``testronaut check-plan``: every file is checked, whatever the
    earlier ones gave; exit 2 when any is wrong."""
    status = 0
    for name in args.plans:
        try:
            problems, warnings, summary = check_plan_file(name)
        except Exception as exc:  # a bug of ours must not hide the other files' verdicts
            problems, warnings, summary = [
                f"{name}: unexpected error while checking the plan "
                f"({type(exc).__name__}: {exc}); please report it"], [], ""
        for warning in warnings:
            print(warning, file=sys.stderr)
        for problem in problems:
            print(problem, file=sys.stderr)
        if problems:
            status = 2
        else:
            print(f"{name}: ok ({summary})")
    return status


def check_plan_file(name: str) -> tuple[list[str], list[str], str]:
    """``(problems, warnings, summary)`` of the plan file ``name``: what the loader
    refuses, and what would fail only when the plan runs (install files that are
    missing, sandbox values the sandbox refuses); warnings name host builds."""
    from pydantic import ValidationError

    from ..plans.errors import PlanError
    from ..plans.loader import load_plan
    from ..sandbox.config import SandboxConfig
    from ..sandbox.install import HOST_BUILDS_HOW_TO_ALLOW, is_host_build, missing_install_file

    try:
        loaded = load_plan(name)
    except PlanError as exc:
        return str(exc).splitlines(), [], ""
    plan = loaded.plan
    install_at = f"{name}:{loaded.line_of('install')}"
    problems = [f"{install_at}: install: {missing}" for missing in
                (missing_install_file(step, Path(name).parent) for step in plan.install)
                if missing]
    values = {"image": plan.image, "install": tuple(plan.install), "env": plan.env,
              "timeout": plan.settings.timeout, "isolation": plan.settings.isolation,
              **{key: getattr(plan.settings, key) for key in ("disk",)
                 if hasattr(plan.settings, key)}}
    given = {k: v for k, v in values.items() if v is not None and k in SandboxConfig.model_fields}
    try:
        SandboxConfig(**given)
    except ValidationError as exc:
        problems += [f"{name}:{loaded.line_of(*_plan_loc(str(err['loc'][0])))}: "
                     f"{err['loc'][0]}: {str(err['msg']).removeprefix('Value error, ')}"
                     for err in exc.errors()]
    builds = [step for step in plan.install if is_host_build(step)]
    warnings = [f"{install_at}: warning: install: {', '.join(repr(b) for b in builds)} asks "
                "for a host build: pip runs on this machine, and building a project runs its "
                "setup code as you, outside any sandbox. pytest refuses it unless you "
                f"{HOST_BUILDS_HOW_TO_ALLOW}"] if builds else []
    summary = f"{len(plan.cases)} cases, {len(plan.workflows)} workflows"
    return problems, warnings, summary


def _plan_loc(field: str) -> tuple[str, ...]:
    return ("settings", field) if field in ("timeout", "isolation", "disk") else (field,)


def run_estimate(args: argparse.Namespace) -> int:
    """Entry point of ``testronaut estimate``."""
    from ..generation.estimate import judge_requests
    from ..llm import estimate_cost
    from ..plans.loader import load_plan

    if not args.model:
        raise TestronautError("name a model: --model PROVIDER:MODEL (or set TESTRONAUT_MODEL)")
    total = 0.0
    count = 0
    for path in args.plans:
        requests = list(judge_requests(load_plan(path).plan))
        cost = estimate_cost(requests, args.model)
        print(f"{path}: {len(requests)} judged expectation(s), about ${cost:.4f}")
        total += cost
        count += len(requests)
    print(f"total: {count} judge call(s) with {args.model}, about ${total:.4f}")
    return 0
