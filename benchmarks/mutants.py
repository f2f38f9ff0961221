"""Deliberately broken builds of the example tool notekeeper, for fault-detection studies.

The mutants are listed in ``examples/mutants/mutants.json``: each is one text
substitution (``find`` -> ``replace`` in ``file``) applied to a copy of
``examples/notekeeper``. This module applies them and checks, with the host's Python
and no Docker, that each one really changes what the tool does::

    python benchmarks/mutants.py list
    python benchmarks/mutants.py apply ID DEST [--src DIR]
    python benchmarks/mutants.py check [--verbose]

``check`` runs one scripted scenario against the good build and every mutant, masks
uuids, timestamps and durations, and prints the first step where each mutant's
transcript differs. It exits 1 when a mutant cannot be applied or is not observable.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = ROOT / "examples" / "notekeeper"
DEFAULT_MUTANTS = ROOT / "examples" / "mutants" / "mutants.json"
_IGNORED = shutil.ignore_patterns("build", "dist", "*.egg-info", "__pycache__", "*.pyc",
                                  ".pytest_cache", "*.json.tmp")


@dataclass(frozen=True)
class Mutant:
    """One broken variant: replace the single occurrence of ``find`` in ``file``."""

    id: str
    description: str
    file: str
    find: str
    replace: str

    @classmethod
    def from_dict(cls, data: Mapping[str, str]) -> Mutant:
        missing = [k for k in ("id", "description", "file", "find", "replace") if k not in data]
        if missing:
            raise ValueError(f"mutant {data.get('id', data)!r} lacks {', '.join(missing)}")
        return cls(data["id"], data["description"], data["file"], data["find"], data["replace"])


def load_mutants(path: str | Path = DEFAULT_MUTANTS) -> list[Mutant]:
    """Every mutant of the JSON list at ``path``; ids must be unique."""
    mutants = [Mutant.from_dict(item) for item in json.loads(Path(path).read_text("utf-8"))]
    ids = [m.id for m in mutants]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ValueError(f"{path}: duplicate mutant ids {', '.join(duplicates)}")
    return mutants


def get_mutant(mutant_id: str, path: str | Path = DEFAULT_MUTANTS) -> Mutant:
    """The mutant called ``mutant_id``; a ``KeyError`` lists the known ids."""
    for mutant in load_mutants(path):
        if mutant.id == mutant_id:
            return mutant
    known = ", ".join(m.id for m in load_mutants(path))
    raise KeyError(f"no mutant {mutant_id!r} in {path}; known: {known}")


def apply_mutant(mutant: Mutant | Mapping[str, str], src_dir: str | Path,
                 dest_dir: str | Path) -> Path:
    """Copy the project ``src_dir`` to ``dest_dir`` (which must not exist) and break the
    copy as ``mutant`` says. Returns ``dest_dir``. The source is never modified.

    Raises ``ValueError`` when ``find`` does not occur exactly once in the file, so a
    mutant that no longer matches the code fails loudly instead of producing a good build.
    """
    chosen = mutant if isinstance(mutant, Mutant) else Mutant.from_dict(mutant)
    dest = Path(dest_dir)
    if dest.exists():
        raise FileExistsError(f"{dest} exists; give a new folder for the mutant copy")
    shutil.copytree(src_dir, dest, ignore=_IGNORED)
    target = dest / chosen.file
    text = target.read_text("utf-8")
    count = text.count(chosen.find)
    if count != 1:
        shutil.rmtree(dest)
        raise ValueError(f"mutant {chosen.id}: {chosen.find!r} occurs {count} times in "
                         f"{chosen.file}, expected exactly once")
    target.write_text(text.replace(chosen.find, chosen.replace), "utf-8")
    return dest


# --- the observability check ------------------------------------------------------------
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_TIMESTAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?([+-]\d\d:\d\d|Z)?")
_DURATION = re.compile(r"\b\d+\.\d+s\b")


class _Normalizer:
    """Masks dynamic values; uuids get stable names in order of first appearance."""

    def __init__(self) -> None:
        self.ids: dict[str, str] = {}

    def __call__(self, text: str) -> str:
        def name(match: re.Match[str]) -> str:
            return self.ids.setdefault(match.group(0), f"<ID{len(self.ids) + 1}>")

        text = _UUID.sub(name, text)
        for full, label in self.ids.items():  # the scenario also names notes by id prefix
            text = text.replace(full[:8], f"{label}[:8]")
        return _DURATION.sub("<DURATION>", _TIMESTAMP.sub("<TIMESTAMP>", text))


def run_scenario(project: Path) -> list[str]:
    """Run the scripted scenario against ``project`` (not installed: ``python -m``) in a
    scratch folder; return one normalized transcript entry per step."""
    normalize = _Normalizer()
    transcript: list[str] = []
    ids: list[str] = []
    env = {**os.environ, "PYTHONPATH": str(project), "NOTEKEEPER_DB": "notes.json"}
    with tempfile.TemporaryDirectory(prefix="notekeeper-check-") as scratch:

        def step(*argv: str) -> str:
            proc = subprocess.run([sys.executable, "-m", "notekeeper", *argv], cwd=scratch,
                                  env=env, capture_output=True, text=True, timeout=30,
                                  check=False)
            shown = " ".join(normalize(a) for a in argv)
            transcript.append(f"$ notekeeper {shown}\n[exit {proc.returncode}]\n"
                              f"{normalize(proc.stdout)}--- stderr\n{normalize(proc.stderr)}")
            return proc.stdout

        def add(*argv: str) -> None:
            found = _UUID.search(step("add", *argv))
            ids.append(found.group(0) if found else "00000000-0000-4000-8000-000000000000")

        step("--version")
        step("list")
        add("buy milk", "--tag", "home", "--priority", "high")
        add("file taxes", "--tag", "admin")
        add("water plants", "--tag", "home", "--priority", "low")
        add("call bob")
        first, second, third, _ = ids
        for extra in ([], ["--limit", "2"], ["--sort", "priority"], ["--format", "csv"],
                      ["--tag", "home"], ["--format", "json", "--tag", "admin"]):
            step("list", *extra)
        step("show", first[:8])
        step("show", first, "--json")
        step("show", "0000dead")
        step("done", second)
        step("show", second)
        step("stats")
        step("stats", "--json")
        step("delete", third)
        step("list")
        step("export", "backup.json")
        transcript.append("backup.json:\n" + normalize(Path(scratch, "backup.json").read_text()
                                                       if Path(scratch, "backup.json").exists()
                                                       else "(missing)"))
        step("--db", "other.json", "import", "backup.json")
        step("--db", "other.json", "import", "backup.json")
        step("--db", "other.json", "list")
        step("add", "x", "--priority", "urgent")
    return transcript


def check(mutants: Sequence[Mutant], src_dir: Path, verbose: bool = False) -> int:
    """Print which mutants the scenario observes; 0 when all of them are observed."""
    good = run_scenario(src_dir)
    if run_scenario(src_dir) != good:  # masking must make the good build reproducible
        print("the good build's transcript differs between two runs: fix the masking")
        return 1
    failures = 0
    with tempfile.TemporaryDirectory(prefix="notekeeper-mutants-") as work:
        copies: dict[str, Path] = {}
        for mutant in mutants:
            try:
                copies[mutant.id] = apply_mutant(mutant, src_dir, Path(work, mutant.id))
            except ValueError as exc:
                print(f"BROKEN      {mutant.id}: {exc}")
                failures += 1
        # Each scenario is a few dozen short subprocesses: run the mutants side by side.
        with ThreadPoolExecutor(max_workers=min(8, os.cpu_count() or 1)) as pool:
            transcripts = dict(zip(copies, pool.map(run_scenario, copies.values()), strict=True))
    for mutant in mutants:
        got = transcripts.get(mutant.id)
        if got is None:
            continue
        diff = next((i for i, (a, b) in enumerate(zip(good, got, strict=False)) if a != b), None)
        if diff is None and len(got) == len(good):
            print(f"UNOBSERVED  {mutant.id}: {mutant.description}")
            failures += 1
            continue
        index = diff if diff is not None else min(len(good), len(got))
        command = (good[index] if index < len(good) else got[index]).splitlines()[0]
        print(f"observed    {mutant.id}: step {index + 1} `{command}`")
        if verbose:
            print(f"  expected:\n    {good[index]!r}\n  got:\n    {got[index]!r}")
    print(f"{len(mutants) - failures}/{len(mutants)} mutants observable")
    return 1 if failures else 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="mutants.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--mutants", default=str(DEFAULT_MUTANTS), help="the mutants JSON file")
    parser.add_argument("--src", default=str(DEFAULT_SOURCE), help="the good project folder")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("list", help="print each mutant's id and description")
    apply = sub.add_parser("apply", help="write a broken copy of the project")
    apply.add_argument("id")
    apply.add_argument("dest")
    checking = sub.add_parser("check", help="run good and mutant builds locally, compare")
    checking.add_argument("--verbose", action="store_true", help="show the differing step")
    args = parser.parse_args(argv)

    mutants = load_mutants(args.mutants)
    if args.command == "list":
        width = max(len(m.id) for m in mutants)
        for mutant in mutants:
            print(f"{mutant.id:<{width}}  {mutant.description}")
        return 0
    if args.command == "apply":
        try:
            dest = apply_mutant(get_mutant(args.id, args.mutants), args.src, args.dest)
        except (KeyError, ValueError, FileExistsError) as exc:
            print(f"mutants.py: error: {exc.args[0]}", file=sys.stderr)
            return 1
        print(dest)
        return 0
    return check(mutants, Path(args.src), verbose=args.verbose)


if __name__ == "__main__":
    sys.exit(main())


def outcome(code: int, out: str) -> tuple[bool, str]:
    """Whether a pytest run of a recorded plan against a mutant caught it (some case
    failed: exit 1), and a line saying which cases did."""
    failed = [line.split("::")[1].split(" ")[0] for line in out.splitlines()
              if line.startswith("FAILED ") and "::" in line]
    if code == 1:
        return True, f"{len(failed)} case(s) failed, e.g. {', '.join(failed[:3])}"
    return False, "no case failed" if code == 0 else f"pytest exit {code}: {out[-500:]}"


def run_plan(plan: Path, *extra: str) -> tuple[int, str]:
    """``pytest --testronaut PLAN *extra`` in the plan's folder: exit code and output."""
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "--testronaut", "-p", "no:cacheprovider", "-q",
         "--rootdir", str(plan.parent), "-c", str(plan.parent / "pytest.ini"), str(plan),
         *extra],
        capture_output=True, text=True, check=False, cwd=plan.parent)
    return proc.returncode, proc.stdout + proc.stderr

