"""What loading the plugin costs every pytest run of every user.

    python benchmarks/import_cost.py [--rounds N] [--target RATIO]

pytest imports ``pytest_testronaut.plugin`` in every run, used or not. In fresh
interpreters, this times ``import pytest`` and then the plugin on top of it, prints the
medians and their ratio (the target is under 0.1), and lists the heavy modules the
plugin pulled in (there should be none). Exits 1 when either is off target.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile

# Run in each fresh interpreter; prints one JSON line.
PROBE = """
import json, sys, time
start = time.perf_counter()
import pytest
middle = time.perf_counter()
before = set(sys.modules)
import pytest_testronaut.plugin
end = time.perf_counter()
print(json.dumps({"pytest": middle - start, "plugin": end - middle,
                  "new": sorted(set(sys.modules) - before)}))
"""

# What the plugin must not load at import (see tests/plugin/test_inert.py).
HEAVY_TOP = ("pydantic", "pydantic_core", "filelock", "docker", "yaml", "tarfile")
HEAVY_OURS = ("sandbox", "llm", "plans", "verify", "analysis")


def heavy(names: list[str]) -> list[str]:
    """The names among ``names`` that count as heavy: libraries and our own layers."""
    found = []
    for name in names:
        parts = name.split(".")
        if (parts[0] in HEAVY_TOP or parts[0].startswith("langchain")
                or (parts[0] == "pytest_testronaut" and len(parts) > 1 and parts[1] in HEAVY_OURS)):
            found.append(name)
    return sorted(found)


def _round(env: dict[str, str]) -> tuple[float, float, list[str]]:
    """One fresh interpreter: seconds for pytest, seconds for the plugin, modules it added."""
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                          check=True, timeout=120, env=env)
    measured = json.loads(done.stdout.splitlines()[-1])
    return float(measured["pytest"]), float(measured["plugin"]), list(measured["new"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--target", type=float, default=0.1,
                        help="the largest acceptable plugin/pytest ratio (default 0.1)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="testronaut-import-cost-") as pycache:
        # Users run from byte-code (pip compiles on install); compiling source on every
        # import (PYTHONDONTWRITEBYTECODE) would triple both numbers. A scratch cache
        # keeps the working tree clean.
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = pycache
        _round(env)  # warm-up: fills the byte-code cache and the OS file cache
        rounds = [_round(env) for _ in range(args.rounds)]
    pytest_ms = statistics.median(r[0] for r in rounds) * 1000
    plugin_ms = statistics.median(r[1] for r in rounds) * 1000
    new = sorted({name for r in rounds for name in r[2]})
    loaded = heavy(new)
    ratio = plugin_ms / pytest_ms

    print(f"rounds: {args.rounds} (fresh interpreters, {sys.executable})")
    print(f"import pytest                     median {pytest_ms:7.1f} ms")
    print(f"import pytest_testronaut.plugin   median {plugin_ms:7.1f} ms   (on top of pytest)")
    print(f"ratio plugin/pytest {ratio:5.3f}   target < {args.target}")
    print(f"modules the plugin added ({len(new)}): {', '.join(new) or 'none'}")
    print(f"heavy modules loaded: {', '.join(loaded) or 'none'}")
    return 0 if ratio < args.target and not loaded else 1


if __name__ == "__main__":
    sys.exit(main())
