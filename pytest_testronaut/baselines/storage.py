"""Baselines on disk, in pytest-benchmark's format and layout.

``DIR/<machine id>/NNNN_<name>.json``: the machine id is pytest-benchmark's
(``Linux-CPython-3.11-64bit``), files are numbered in order and indented so a person
can diff them, and each holds ``machine_info``, ``commit_info``, ``datetime``,
``version`` and one ``benchmarks`` entry per step and measure (group ``cpu``,
``memory`` or ``wall``; ``stats`` as pytest-benchmark computes them; the raw rounds
in ``data``). ``pytest-benchmark --storage DIR compare`` lists and compares them.
"""

from __future__ import annotations

import json
import os
import platform
import re
from collections.abc import Mapping, Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from ..errors import TestronautError
from .measure import UNITS, stats_of

FORMAT = "testronaut-baseline/1"
_NUMBERED = re.compile(r"^(\d{4})_(.+)\.json$")


class BaselineError(TestronautError):
    """A baseline that cannot be found, read or written."""


def machine_id() -> str:
    """pytest-benchmark's machine id: system, Python implementation and version, bits."""
    from pytest_benchmark.utils import get_machine_id

    return str(get_machine_id())  # type: ignore[no-untyped-call]


def machine_info() -> dict[str, Any]:
    """pytest-benchmark's ``machine_info`` keys, with a light ``cpu`` (count and model,
    from /proc/cpuinfo) instead of py-cpuinfo's slow probe."""
    brand = ""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            brand = next((line.split(":", 1)[1].strip() for line in fh
                          if line.startswith("model name")), "")
    except OSError:
        pass
    return {
        "node": platform.node(),
        "processor": platform.processor(),
        "machine": platform.machine(),
        "python_compiler": platform.python_compiler(),
        "python_implementation": platform.python_implementation(),
        "python_implementation_version": platform.python_version(),
        "python_version": platform.python_version(),
        "python_build": list(platform.python_build()),
        "release": platform.release(),
        "system": platform.system(),
        "cpu": {"count": os.cpu_count(), "brand_raw": brand or platform.processor()},
    }


def commit_info(root: Path) -> dict[str, Any]:
    """pytest-benchmark's ``commit_info`` of the project at ``root`` (git or hg)."""
    from pytest_benchmark.utils import get_commit_info

    here = Path.cwd()
    try:
        os.chdir(root)
        info: dict[str, Any] = get_commit_info()  # type: ignore[no-untyped-call]
    finally:
        os.chdir(here)
    return info


def build_document(entries: Sequence[Mapping[str, Any]], *, rounds: int,
                   machine: Mapping[str, Any], commit: Mapping[str, Any]) -> dict[str, Any]:
    """A baseline file's content. Each entry: ``fullname`` (the node id), ``name``,
    ``measure``, ``data`` (one value per round), optional ``extra_info``."""
    from pytest_benchmark import __version__

    benchmarks = []
    for entry in sorted(entries, key=lambda e: (e["measure"], e["fullname"])):
        measure = entry["measure"]
        benchmarks.append({
            "group": measure,
            "name": entry["name"],
            "fullname": entry["fullname"],
            "params": None,
            "param": None,
            "extra_info": {"measure": measure, "unit": UNITS[measure],
                           **dict(entry.get("extra_info") or {})},
            "options": {"timer": f"testronaut {measure}", "rounds": len(entry["data"]),
                        "iterations": 1, "disable_gc": False, "warmup": False},
            "stats": {**stats_of(entry["data"]), "iterations": 1},
            "data": list(entry["data"]),
        })
    return {
        "machine_info": dict(machine),
        "commit_info": dict(commit),
        "benchmarks": benchmarks,
        "datetime": datetime.now(timezone.utc).isoformat(),
        "version": __version__,
        "testronaut": {"format": FORMAT, "rounds": rounds},
    }


class BaselineStore:
    """The baselines under one folder; files of this machine id are the default."""

    def __init__(self, path: Path, machine: str | None = None) -> None:
        self.path = path
        self.machine = machine or machine_id()

    def files(self, machine: str | None = None) -> list[Path]:
        """Numbered baseline files of ``machine`` (``"*"``: of every machine), oldest
        first."""
        folders = (sorted(p for p in self.path.glob("*") if p.is_dir()) if machine == "*"
                   else [self.path / (machine or self.machine)])
        found = [f for folder in folders if folder.is_dir() for f in folder.glob("*.json")
                 if _NUMBERED.match(f.name)]
        return sorted(found, key=lambda f: (_NUMBERED.match(f.name).group(1), str(f)))  # type: ignore[union-attr]

    def save(self, document: Mapping[str, Any], name: str) -> Path:
        """Write ``document`` as the next numbered file; returns its path."""
        folder = self.path / self.machine
        folder.mkdir(parents=True, exist_ok=True)
        numbers = [int(_NUMBERED.match(f.name).group(1)) for f in self.files()]  # type: ignore[union-attr]
        target = folder / f"{max(numbers, default=0) + 1:04d}_{name}.json"
        text = json.dumps(document, indent=4, sort_keys=False, ensure_ascii=True) + "\n"
        tmp = target.with_suffix(".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(target)
        return target

    def find(self, which: str) -> Path:
        """``latest``, a number (``0003`` or ``3``) or a name: the newest matching file
        of this machine, else of any machine (the comparison then says so)."""
        for machine in (self.machine, "*"):
            candidates = [f for f in self.files(machine) if _matches(f.name, which)]
            if candidates:
                return candidates[-1]
        saved = ", ".join(f"{f.parent.name}/{f.name}" for f in self.files("*")) or "none"
        raise BaselineError(
            f"no baseline {'at all' if which == 'latest' else repr(which)} in {self.path} "
            f"(saved: {saved}); save one first with --testronaut-baseline-save[=NAME]")

    @staticmethod
    def load(path: Path) -> dict[str, Any]:
        try:
            data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise BaselineError(f"cannot read baseline {path}: {exc}") from None
        if not isinstance(data, dict) or not isinstance(data.get("benchmarks"), list):
            raise BaselineError(f"{path} is no baseline: it has no 'benchmarks' list")
        return data


def _matches(filename: str, which: str) -> bool:
    match = _NUMBERED.match(filename)
    if match is None:
        return False
    if which == "latest":
        return True
    if which.isdigit():
        return int(match.group(1)) == int(which)
    return match.group(2) == which or filename.startswith(which)
