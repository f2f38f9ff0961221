"""How many faults of a standard filter tool do generated plans catch? (GNU sort)

    python benchmarks/filter_mutation_score.py [--scope basic|comprehensive|exhaustive]

The companion of ``mutation_score.py`` for a tool that reads input, where a plan only
tests something when its cases feed data on which options make a difference:

1. analyzes ``sort`` in the base image and generates a plan with the deterministic
   generator (no LLM), as ``testronaut generate`` does;
2. records it against the real ``sort`` and checks that it passes there;
3. runs the recorded plan unchanged with each mutant installed over the real tool
   (``--testronaut-install shell:...`` puts a wrapper at /usr/bin/sort that bends
   arguments or output, see ``WRAPPER``) and counts a mutant as caught when at least
   one case fails.

Prints one line per mutant and the share caught. Needs the Docker engine.
"""

from __future__ import annotations

import argparse
import base64
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from mutants import outcome, run_plan

from pytest_testronaut.analysis.discover import discover
from pytest_testronaut.generation.authoring import author_plan, write_or_merge
from pytest_testronaut.sandbox import SandboxConfig, standalone_sandbox

# Put over /usr/bin/sort (the real one moves to /usr/bin/sort.real). MUTANT picks the
# fault; each is a realistic bug: an option ignored, an off-by-one, a lost line, a
# wrong exit status.
WRAPPER = r'''#!/usr/bin/python3
import subprocess, sys
MUTANT = "@MUTANT@"
args = sys.argv[1:]


def without(short, long, takes_value=False):
    out, skip = [], False
    for a in args:
        if skip:
            skip = False
            continue
        if a == long or (long.endswith("=") and a.startswith(long)):
            continue
        if a == long.rstrip("=") and takes_value:
            skip = True
            continue
        if a.startswith("-") and not a.startswith("--") and short in a[1:]:
            head, _, tail = a[1:].partition(short)
            if takes_value:
                skip = not tail
                a = "-" + head if head else ""
            else:
                a = "-" + head + tail if head + tail else ""
            if not a:
                continue
        out.append(a)
    return out


if MUTANT == "ignores-reverse":
    args = without("r", "--reverse")
elif MUTANT == "ignores-numeric":
    args = without("n", "--numeric-sort")
elif MUTANT == "ignores-unique":
    args = without("u", "--unique")
elif MUTANT == "ignores-ignore-case":
    args = without("f", "--ignore-case")
elif MUTANT == "ignores-field-separator":
    args = without("t", "--field-separator=", takes_value=True)
elif MUTANT == "always-unique":
    args = ["-u"] + args
elif MUTANT == "key-off-by-one":
    fixed, bump = [], False
    for a in args:
        if bump and a[:1].isdigit():
            a = str(int(a.split(",")[0].split(".")[0]) + 1)
        bump = a in ("-k", "--key")
        if a.startswith("--key=") and a[6:7].isdigit():
            a = "--key=" + str(int(a[6:].split(",")[0].split(".")[0]) + 1)
        fixed.append(a)
    args = fixed
# argv[0] stays "sort": help and error messages must not give the wrapper away
proc = subprocess.run(["sort"] + args, executable="/usr/bin/sort.real", capture_output=True)
out = proc.stdout
if MUTANT == "drops-last-line" and out.count(b"\n") > 1:
    out = out[:out.rstrip(b"\n").rfind(b"\n") + 1]
elif MUTANT == "extra-blank-line" and out:
    out += b"\n"
code = proc.returncode
if MUTANT == "errors-exit-zero" and code == 2:
    code = 0
elif MUTANT == "check-always-succeeds" and code == 1:
    code = 0
sys.stdout.buffer.write(out)
sys.stderr.buffer.write(proc.stderr)
sys.exit(code)
'''
MUTANTS = {
    "ignores-reverse": "-r/--reverse accepted but ignored",
    "ignores-numeric": "-n/--numeric-sort accepted but ignored",
    "ignores-unique": "-u/--unique accepted but ignored",
    "ignores-ignore-case": "-f/--ignore-case accepted but ignored",
    "ignores-field-separator": "-t/--field-separator accepted but ignored",
    "always-unique": "duplicates always dropped",
    "key-off-by-one": "-k N sorts on field N+1",
    "drops-last-line": "the last output line is lost",
    "extra-blank-line": "an empty line after the output",
    "errors-exit-zero": "usage errors exit 0 instead of 2",
    "check-always-succeeds": "-c/--check says sorted when it is not",
}


def install_step(mutant: str) -> str:
    script = base64.b64encode(WRAPPER.replace("@MUTANT@", mutant).encode()).decode()
    return (f"shell:mv /usr/bin/sort /usr/bin/sort.real && echo {script} | base64 -d "
            "> /usr/bin/sort && chmod 755 /usr/bin/sort")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scope", default="basic",
                        choices=("basic", "comprehensive", "exhaustive"))
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="testronaut-filter-mutation-"))
    (work / "pytest.ini").write_text("[pytest]\n")
    start = time.monotonic()
    with standalone_sandbox(SandboxConfig()) as sandbox:
        spec = discover(sandbox.run, "sort")
    plan_path = work / "sort.testronaut.yaml"
    authored = author_plan(spec, scope=args.scope)
    write_or_merge(authored.plan, plan_path, lambda _: None)
    for extra, what in ((("--testronaut-record",), "recording"), ((), "the recorded plan")):
        code, out = run_plan(plan_path, *extra)
        if code != 0:
            print(out[-3000:])
            print(f"{what} failed on the real sort (pytest exit {code})")
            return 2
    print(f"plan: {len(authored.plan.cases)} generated cases (scope {args.scope}), "
          "recorded on the real sort")
    caught = 0
    for mutant, description in MUTANTS.items():
        hit, detail = outcome(*run_plan(plan_path,
                                          f"--testronaut-install={install_step(mutant)}"))
        caught += hit
        print(f"  {'CAUGHT' if hit else 'missed'}  {mutant:24} {description:44} {detail}")
    print(f"mutants caught: {caught}/{len(MUTANTS)} = {caught / len(MUTANTS):.0%} "
          f"in {time.monotonic() - start:.0f}s")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
