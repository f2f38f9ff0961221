"""Tuning faults of the sixth round (issue #8, T8b): tools whose work is files, exit
statuses and durations (rm, chmod, rmdir, shred, dd, timeout, sleep, mktemp).

Written from each tool's ``--help`` before any plan was generated for these tools;
merged by ``catalog.py``; the tools are in ``split.json``'s ``tuning`` list (they may
guide changes to the generator).
"""

from __future__ import annotations

TOOLS6B: dict[str, dict[str, object]] = {
    "rm": {"value_shorts": "", "value_longs": []},
    "chmod": {"value_shorts": "", "value_longs": []},
    "rmdir": {"value_shorts": "", "value_longs": []},
    "shred": {"value_shorts": "ns", "value_longs": ["--iterations", "--size",
                                                    "--random-source"]},
    "dd": {"value_shorts": "", "value_longs": []},
    "timeout": {"value_shorts": "sk", "value_longs": ["--signal", "--kill-after"],
                "options_end_at_operand": True},
    "sleep": {"value_shorts": "", "value_longs": []},
    "mktemp": {"value_shorts": "p", "value_longs": ["--suffix"]},
}


def _f(tool: str, name: str, description: str, kind: str, **params: object) -> dict:
    return {"id": f"{tool}.{name}", "tool": tool, "description": description,
            "kind": kind, **params}


FAULTS6B: list[dict] = [
    # --- rm
    _f("rm", "ignores-force", "-f/--force ignored (a missing file is an error)", "drop",
       flags=["-f", "--force"]),
    _f("rm", "ignores-dir", "-d/--dir ignored (an empty folder is refused)", "drop",
       flags=["-d", "--dir"]),
    _f("rm", "ignores-recursive", "-r/-R/--recursive ignored", "drop",
       flags=["-r", "-R", "--recursive"]),
    _f("rm", "first-file-only", "only the first FILE is removed", "operand",
       mode="first-only"),
    # --- chmod
    _f("chmod", "ignores-recursive", "-R/--recursive ignored", "drop",
       flags=["-R", "--recursive"]),
    _f("chmod", "ignores-reference", "--reference=RFILE ignored", "drop",
       flags=["--reference"]),
    _f("chmod", "ignores-changes", "-c/--changes ignored (no report)", "drop",
       flags=["-c", "--changes"]),
    _f("chmod", "middle-files-kept", "of three or more operands, the middle FILEs keep "
       "their mode", "operand", mode="drop-middle"),
    # --- rmdir
    _f("rmdir", "ignores-parents", "-p/--parents ignored", "drop",
       flags=["-p", "--parents"]),
    _f("rmdir", "ignores-fail-on-non-empty", "--ignore-fail-on-non-empty ignored", "drop",
       flags=["--ignore-fail-on-non-empty"]),
    _f("rmdir", "ignores-verbose", "-v/--verbose ignored", "drop",
       flags=["-v", "--verbose"]),
    # --- shred
    _f("shred", "ignores-remove", "-u/--remove ignored (the file stays)", "drop",
       flags=["-u", "--remove"]),
    _f("shred", "ignores-zero", "-z/--zero ignored", "drop", flags=["-z", "--zero"]),
    _f("shred", "size-off-by-one", "-s N shreds N+1 bytes", "bump", flags=["-s", "--size"]),
    _f("shred", "iterations-off-by-one", "-n N overwrites N+1 times", "bump",
       flags=["-n", "--iterations"]),
    # --- dd (operands KEY=VALUE)
    _f("dd", "ignores-conv", "conv=CONVS ignored", "operand", mode="drop-key", key="conv"),
    _f("dd", "count-off-by-one", "count=N copies N+1 blocks", "operand", mode="bump-key",
       key="count"),
    _f("dd", "ignores-skip", "skip=N ignored", "operand", mode="drop-key", key="skip"),
    _f("dd", "seek-off-by-one", "seek=N seeks N+1 blocks", "operand", mode="bump-key",
       key="seek"),
    # --- timeout
    _f("timeout", "ignores-preserve-status", "--preserve-status ignored", "drop",
       flags=["--preserve-status"]),
    _f("timeout", "ignores-signal", "-s/--signal ignored (TERM always)", "drop",
       flags=["-s", "--signal"]),
    _f("timeout", "expired-exit-one", "a timed-out command exits 1 instead of 124", "exit",
       **{"from": 124, "to": 1}),
    # --- sleep
    _f("sleep", "invalid-exit-zero", "an invalid or missing interval exits 0", "exit",
       **{"from": 1, "to": 0}),
    _f("sleep", "first-only", "of several NUMBERs only the first is slept", "operand",
       mode="first-only"),
    # --- mktemp
    _f("mktemp", "ignores-directory", "-d/--directory ignored (a file is made)", "drop",
       flags=["-d", "--directory"]),
    _f("mktemp", "ignores-tmpdir", "-p DIR/--tmpdir ignored", "drop",
       flags=["-p", "--tmpdir"]),
    _f("mktemp", "ignores-suffix", "--suffix ignored", "drop", flags=["--suffix"]),
    _f("mktemp", "ignores-quiet", "-q/--quiet ignored", "drop", flags=["-q", "--quiet"]),
]
