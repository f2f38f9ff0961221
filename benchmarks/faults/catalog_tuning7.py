"""Tuning faults of the seventh round (issue #8, T8 "modes"): mode-driven tools (an
encoder/decoder pair and a compressor whose mode is an operand) and tools whose
``--help`` exits non-zero or prints its usage on stderr.

- base58 (PyPI): encodes by default, ``-d`` decodes, ``-c`` adds a checksum;
- cramjam-cli (PyPI): ``cramjam-cli CODEC compress|decompress``, the mode an operand;
- basenc (Debian): one of ``--base64``, ``--base32``, ... must be given, ``-d`` decodes;
- infocmp (Debian): ``--help`` exits 1 with its usage on stderr;
- which (Debian): ``--help`` exits 2.

Written from each tool's ``--help`` before any plan was generated for these tools;
merged by ``catalog.py``; the tools are in ``split.json``'s ``tuning`` list (they may
guide changes to the generator).
"""

from __future__ import annotations

TOOLS7: dict[str, dict[str, object]] = {
    "base58": {"pip": "base58==2.1.1", "value_shorts": "", "value_longs": []},
    "cramjam-cli": {"pip": "cramjam-cli==0.1.1", "value_shorts": "lio",
                    "value_longs": ["--level", "--input", "--output"]},
    "basenc": {"value_shorts": "w", "value_longs": ["--wrap"]},
    "infocmp": {"value_shorts": "vsQRwAB", "value_longs": []},
    "which": {"value_shorts": "", "value_longs": []},
}


def _f(tool: str, name: str, description: str, kind: str, **params: object) -> dict:
    return {"id": f"{tool}.{name}", "tool": tool, "description": description,
            "kind": kind, **params}


FAULTS7: list[dict] = [
    # --- base58
    _f("base58", "ignores-decode", "-d/--decode ignored (the input is encoded)", "drop",
       flags=["-d", "--decode"]),
    _f("base58", "ignores-check", "-c/--check ignored (no checksum)", "drop",
       flags=["-c", "--check"]),
    _f("base58", "always-check", "a checksum is always added", "add", args=["-c"]),
    _f("base58", "drops-unterminated", "an input's last line without newline is lost",
       "input", mode="drop-unterminated"),
    _f("base58", "bad-input-exit-zero", "a failing run exits 0 instead of 1", "exit",
       **{"from": 1, "to": 0}),
    # --- cramjam-cli
    _f("cramjam-cli", "ignores-level", "-l/--level ignored", "drop",
       flags=["-l", "--level"], value=True),
    _f("cramjam-cli", "level-off-by-one", "-l/--level N read as N+1", "bump",
       flags=["-l", "--level"]),
    _f("cramjam-cli", "ignores-input", "-i/--input ignored (stdin is read)", "drop",
       flags=["-i", "--input"], value=True),
    _f("cramjam-cli", "ignores-output", "-o/--output ignored (stdout is written)", "drop",
       flags=["-o", "--output"], value=True),
    _f("cramjam-cli", "ignores-quiet", "-q/--quiet ignored", "drop",
       flags=["-q", "--quiet"]),
    # --- basenc
    _f("basenc", "ignores-decode", "-d/--decode ignored (the input is encoded)", "drop",
       flags=["-d", "--decode"]),
    _f("basenc", "ignores-ignore-garbage", "-i/--ignore-garbage ignored", "drop",
       flags=["-i", "--ignore-garbage"]),
    _f("basenc", "wrap-off-by-one", "-w/--wrap COLS wraps at COLS+1", "bump",
       flags=["-w", "--wrap"]),
    _f("basenc", "ignores-base16", "--base16 ignored (missing encoding type)", "drop",
       flags=["--base16"]),
    _f("basenc", "ignores-base2msbf", "--base2msbf ignored (missing encoding type)", "drop",
       flags=["--base2msbf"]),
    # --- infocmp
    _f("infocmp", "ignores-one-column", "-1 ignored (fields are packed)", "drop",
       flags=["-1"]),
    _f("infocmp", "ignores-termcap", "-C ignored (terminfo format)", "drop", flags=["-C"]),
    _f("infocmp", "ignores-long-names", "-L ignored (short names)", "drop", flags=["-L"]),
    _f("infocmp", "width-off-by-one", "-w WIDTH read as WIDTH+1", "bump", flags=["-w"]),
    _f("infocmp", "ignores-second-terminal", "the second termname is ignored", "operand",
       mode="drop-second"),
    # --- which
    _f("which", "ignores-all", "-a ignored (only the first match)", "drop", flags=["-a"]),
    _f("which", "ignores-silent", "-s ignored (paths printed)", "drop", flags=["-s"]),
    _f("which", "missing-exit-zero", "a command not found exits 0 instead of 1", "exit",
       **{"from": 1, "to": 0}),
    _f("which", "first-only", "only the first operand is looked up", "operand",
       mode="first-only"),
]
