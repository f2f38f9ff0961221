"""How many deliberate faults do generated plans catch?

    python benchmarks/mutation_score.py [--scope basic|comprehensive|exhaustive] [--keep DIR]

1. analyzes the example CLI (examples/notekeeper) in a sandbox and generates a plan
   with the deterministic generator (no LLM), exactly as ``testronaut generate`` does;
2. records it against the good build (``pytest --testronaut --testronaut-record``);
3. runs the recorded plan unchanged against each mutant of examples/mutants
   (``--testronaut-install pip:MUTANT`` overrides the plan's install step) and counts
   a mutant as caught when at least one case fails.

Prints one line per mutant and the share caught. Needs the Docker engine.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from mutants import DEFAULT_SOURCE, apply_mutant, load_mutants, outcome, run_plan

from pytest_testronaut.analysis.discover import discover
from pytest_testronaut.generation.authoring import author_plan, write_or_merge
from pytest_testronaut.sandbox import SandboxConfig, standalone_sandbox


def pytest_run(plan: Path, build: Path, *extra: str) -> tuple[int, str]:
    return run_plan(plan, f"--testronaut-install=pip:{build}", "-p", "no:randomly", *extra)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scope", default="comprehensive",
                        choices=("basic", "comprehensive", "exhaustive"))
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="testronaut-mutation-"))
    work.mkdir(parents=True, exist_ok=True)
    (work / "pytest.ini").write_text("[pytest]\n")
    good = work / "good" / "notekeeper"
    if good.exists():
        shutil.rmtree(good.parent)
    shutil.copytree(DEFAULT_SOURCE, good, ignore=shutil.ignore_patterns(
        "build", "*.egg-info", "__pycache__"))
    start = time.monotonic()

    config = SandboxConfig(install=(f"pip:{good}",))
    with standalone_sandbox(config) as sandbox:
        spec = discover(sandbox.run, "notekeeper")
    plan_path = work / "notekeeper.testronaut.yaml"
    plan_path.unlink(missing_ok=True)
    authored = author_plan(spec, scope=args.scope, install=config.install)
    write_or_merge(authored.plan, plan_path, lambda _: None)
    cases = len(authored.plan.cases)

    code, out = pytest_run(plan_path, good, "--testronaut-record")
    if code != 0:
        print(out[-3000:])
        print(f"recording on the good build failed (pytest exit {code})")
        return 2
    code, out = pytest_run(plan_path, good)
    if code != 0:
        print(out[-3000:])
        print(f"the recorded plan does not pass on the good build (pytest exit {code})")
        return 2

    caught = 0
    mutants = load_mutants()
    print(f"plan: {cases} generated cases (scope {args.scope}), recorded on the good build")
    for mutant in mutants:
        build = work / "mutants" / mutant.id / "notekeeper"
        if build.parent.exists():
            shutil.rmtree(build.parent)
        apply_mutant(mutant, DEFAULT_SOURCE, build)
        hit, detail = outcome(*pytest_run(plan_path, build))
        caught += hit
        print(f"  {'CAUGHT' if hit else 'missed'}  {mutant.id:32} {detail}")
    print(f"mutants caught: {caught}/{len(mutants)} = {caught / len(mutants):.0%} "
          f"in {time.monotonic() - start:.0f}s")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
