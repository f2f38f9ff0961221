"""Tuning faults of the seventh round (issue #8, T8 "features"): text converters and
transliterators, value operands and document + expression tools (unidecode, jp.py,
roman, normalizer, jsonpath_ng, hjson). PyPI tools, each installed by its plan's
``pip:`` step (pinned).

Written from each tool's ``--help`` before any plan was generated for these tools;
merged by ``catalog.py``; the tools are in ``split.json``'s ``tuning`` list (they may
guide changes to the generator).
"""

from __future__ import annotations

TOOLS7B: dict[str, dict[str, object]] = {
    "unidecode": {"pip": "unidecode==1.4.0", "value_shorts": "ec",
                  "value_longs": ["--encoding"]},
    "jp.py": {"pip": "jmespath==1.1.0", "value_shorts": "f", "value_longs": ["--filename"]},
    "roman": {"pip": "roman==5.2", "value_shorts": "", "value_longs": []},
    "normalizer": {"pip": "charset-normalizer==3.5.2", "value_shorts": "t",
                   "value_longs": ["--threshold"]},
    "jsonpath_ng": {"pip": "jsonpath-ng==1.16.0", "value_shorts": "", "value_longs": []},
    "hjson": {"pip": "hjson==3.1.0", "value_shorts": "", "value_longs": []},
}


def _f(tool: str, name: str, description: str, kind: str, **params: object) -> dict:
    return {"id": f"{tool}.{name}", "tool": tool, "description": description,
            "kind": kind, **params}


FAULTS7B: list[dict] = [
    # --- unidecode: a transliterator reading TEXT, a FILE or stdin
    _f("unidecode", "ignores-text", "-c TEXT ignored (stdin or FILE is read instead)",
       "drop", flags=["-c"]),
    _f("unidecode", "ignores-encoding", "-e/--encoding ignored (always UTF-8)", "drop",
       flags=["-e", "--encoding"]),
    _f("unidecode", "unterminated-last-line-lost", "a last line without newline is lost",
       "input", mode="drop-unterminated"),
    _f("unidecode", "loses-indentation", "leading spaces of each line are lost", "output",
       mode="strip-padding"),
    _f("unidecode", "empty-fails", "an empty input is an error", "input",
       mode="empty-fails"),
    # --- jp.py: an expression (a value operand) into a JSON document
    _f("jp.py", "ignores-ast", "--ast ignored (the data is searched)", "drop",
       flags=["--ast"]),
    _f("jp.py", "index-off-by-one", "the first number in the expression is one higher "
       "(a[0] read as a[1])", "operand", mode="bump-nth", index=0),
    _f("jp.py", "ignores-filename", "-f/--filename ignored (stdin is read)", "drop",
       flags=["-f", "--filename"]),
    _f("jp.py", "drops-last-line", "the last line of the result is lost", "output",
       mode="drop-last-line"),
    _f("jp.py", "invalid-exit-zero", "an invalid expression exits 0 instead of 1", "exit",
       **{"from": 1, "to": 0}),
    # --- roman: a number (a value operand) to a numeral and back
    _f("roman", "ignores-reverse", "-r/--reverse ignored", "drop", flags=["-r", "--reverse"]),
    _f("roman", "number-off-by-one", "the number converted is one higher", "operand",
       mode="bump-nth", index=0),
    _f("roman", "arabic-off-by-one", "-r prints a number one too high", "output",
       mode="bump-first-int", when=["-r", "--reverse"]),
    _f("roman", "invalid-exit-zero", "an invalid value exits 0 instead of 1", "exit",
       **{"from": 1, "to": 0}),
    # --- normalizer: a charset detector over files
    _f("normalizer", "ignores-minimal", "-m/--minimal ignored (JSON report)", "drop",
       flags=["-m", "--minimal"]),
    _f("normalizer", "ignores-alternative", "-a/--with-alternative ignored", "drop",
       flags=["-a", "--with-alternative"]),
    _f("normalizer", "ignores-no-preemptive", "-i/--no-preemptive ignored (a charset "
       "declaration still hints)", "drop", flags=["-i", "--no-preemptive"]),
    _f("normalizer", "second-file-ignored", "the second file is not analysed", "operand",
       mode="drop-second"),
    _f("normalizer", "ignores-normalize", "-n/--normalize ignored (nothing written)",
       "drop", flags=["-n", "--normalize"]),
    # --- jsonpath_ng: an expression (a value operand) into JSON files or stdin
    _f("jsonpath_ng", "index-off-by-one", "the first number in the expression is one "
       "higher ($.a[0] read as $.a[1])", "operand", mode="bump-nth", index=0),
    _f("jsonpath_ng", "second-file-ignored", "the second FILE is not searched", "operand",
       mode="drop-nth", index=2),
    _f("jsonpath_ng", "drops-last-line", "the last line of the matches is lost", "output",
       mode="drop-last-line"),
    _f("jsonpath_ng", "invalid-exit-zero", "an invalid expression exits 0 instead of 1",
       "exit", **{"from": 1, "to": 0}),
    # (the wrapper takes the EXPRESSION operand for a file: stdin is never cut)
    _f("jsonpath_ng", "unterminated-last-line-lost", "a FILE's last line without "
       "newline is lost", "input", mode="drop-unterminated"),
    # --- hjson: a converter between Hjson and JSON
    _f("hjson", "ignores-j", "-j ignored (Hjson is printed)", "drop", flags=["-j"]),
    _f("hjson", "ignores-c", "-c ignored (Hjson is printed)", "drop", flags=["-c"]),
    _f("hjson", "loses-indentation", "leading spaces of each line are lost", "output",
       mode="strip-padding"),
    _f("hjson", "unterminated-last-line-lost", "a last line without newline is lost",
       "input", mode="drop-unterminated"),
    _f("hjson", "drops-last-line", "the last line of the output is lost", "output",
       mode="drop-last-line"),
]
