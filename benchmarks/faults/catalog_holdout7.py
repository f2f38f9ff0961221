"""The SEVENTH hold-out part of the fault benchmark: five PyPI command-line tools and five
Debian tools of the base image, none in another part, in a tuning task or in the
generator's tests (a spelling checker of files whose answer is partly its exit status and
that can fix files in place, a formatter of numbers, sizes and tables from option values,
a bumper of version strings in the files it rewrites, a filter of JSON by a Python
expression, a converter of JSON5 with quoting and indentation choices; a script-driven
text processor, a query of terminal capabilities with parameters and exit statuses, a
runner of the scripts in a folder, a consolidator of duplicate files into hard links
with a summary, and a query of the package database with a format of its own).

Every fault was written from the tool's ``--help`` only, BEFORE any plan was generated for
these tools, and frozen at 2026-12-01 22:27 UTC (FROZEN_AT), after ``--check-faults``
showed every fault and no leak, before the "before" figure was measured; after that no
fault changed. Whoever changes the generator must not open this file: it is hold-out
data. ``catalog.py`` merges it, so ``run.py`` and ``witness.sh`` see every fault.

A tool with a ``pip`` entry is a PyPI tool: plans for it install that requirement with a
``pip:`` install step (wheels built on the host, installed offline in the sandbox).
"""

from __future__ import annotations

FROZEN_AT = "2026-12-01 22:27 UTC"

TOOLS_HOLDOUT7: dict[str, dict[str, object]] = {
    # --- PyPI command-line tools (pinned: the hold-out must not move under us)
    "codespell": {"pip": "codespell==2.4.1", "value_shorts": "DILrSxiqABC", "value_longs": [
        "--dictionary", "--builtin", "--ignore-regex", "--ignore-multiline-regex",
        "--ignore-words", "--ignore-words-list", "--uri-ignore-words-list", "--regex",
        "--uri-regex", "--skip", "--exclude-file", "--interactive", "--quiet-level",
        "--after-context", "--before-context", "--context", "--config", "--toml"]},
    # humanfriendly's own options end at its first operand (the command of -c)
    "humanfriendly": {"pip": "humanfriendly==10.0", "value_shorts": "dlnst", "value_longs": [
        "--delimiter", "--format-length", "--format-number", "--format-size",
        "--format-timespan", "--parse-length", "--parse-size"],
                      "options_end_at_operand": True},
    "bump2version": {"pip": "bump2version==1.0.1", "value_shorts": "m", "value_longs": [
        "--config-file", "--parse", "--serialize", "--search", "--replace",
        "--current-version", "--new-version", "--tag-name", "--tag-message", "--message",
        "--commit-args"]},
    # jello: -q takes a query file; -f makes every following word an input file (operands)
    "jello": {"pip": "jello==1.6.0,pygments==2.21.0", "value_shorts": "q", "value_longs": []},
    "pyjson5": {"pip": "json5==0.12.0", "value_shorts": "c", "value_longs": [
        "--indent", "--quote-style"]},
    # --- Debian tools of the base image in no other part
    "awk": {"value_shorts": "fFvW", "value_longs": []},
    "tput": {"value_shorts": "T", "value_longs": []},
    "run-parts": {"value_shorts": "ua", "value_longs": ["--regex", "--umask", "--arg"]},
    "hardlink": {"value_shorts": "yxisSbr", "value_longs": [
        "--method", "--exclude", "--include", "--minimum-size", "--maximum-size", "--io-size",
        "--cache-size"]},
    "dpkg-query": {"value_shorts": "f", "value_longs": ["--showformat", "--admindir",
                                                         "--root"]},
}


def _f(tool: str, name: str, description: str, kind: str, **params: object) -> dict:
    return {"id": f"{tool}.{name}", "tool": tool, "description": description,
            "kind": kind, **params}


FAULTS_HOLDOUT7: list[dict] = [
    # --- codespell: a checker of files (or stdin) for misspellings; can fix them (-w)
    _f("codespell", "ignores-write-changes", "-w/--write-changes ignored (file not fixed)",
       "drop", flags=["-w", "--write-changes"]),
    _f("codespell", "ignores-ignore-words-list",
       "-L/--ignore-words-list ignored (listed words still reported)", "drop",
       flags=["-L", "--ignore-words-list"]),
    _f("codespell", "misspelling-exit-zero", "misspellings found exit 0 instead of 65",
       "exit", **{"from": 65, "to": 0}),
    _f("codespell", "context-off-by-one", "-C/--context LINES prints LINES+1 around",
       "bump", flags=["-C", "--context"]),
    _f("codespell", "second-file-ignored", "the second FILE is not checked", "operand",
       mode="drop-second"),
    # --- humanfriendly: formats and parses numbers, sizes, lengths, spans given as values
    _f("humanfriendly", "ignores-binary", "-b/--binary ignored (decimal multiples)", "drop",
       flags=["-b", "--binary"]),
    _f("humanfriendly", "format-size-off-by-one", "-s/--format-size BYTES formats BYTES+1",
       "bump", flags=["-s", "--format-size"]),
    _f("humanfriendly", "parse-size-off-by-one",
       "--parse-size: the number of bytes printed one too high", "output",
       mode="bump-first-int", when=["--parse-size"]),
    _f("humanfriendly", "ignores-delimiter",
       "-d/--delimiter ignored (--format-table splits on whitespace)", "drop",
       flags=["-d", "--delimiter"]),
    _f("humanfriendly", "run-command-exit-zero",
       "-c/--run-command: a failing command's status 1 is not propagated (exit 0)", "exit",
       when=["-c", "--run-command"], **{"from": 1, "to": 0}),
    # --- bump2version: stateful (rewrites the version string in the files it is given)
    _f("bump2version", "ignores-dry-run", "-n/--dry-run ignored (files rewritten)", "drop",
       flags=["-n", "--dry-run"]),
    _f("bump2version", "ignores-new-version",
       "--new-version ignored (the bumped part's version written)", "drop",
       flags=["--new-version"]),
    _f("bump2version", "ignores-list", "--list ignored (no current_version=/new_version= "
       "lines)", "drop", flags=["--list"]),
    _f("bump2version", "middle-files-ignored",
       "with two FILEs or more after the part, only the last FILE is rewritten", "operand",
       mode="drop-middle"),
    _f("bump2version", "version-not-found-exit-zero",
       "a FILE without the current version exits 0 instead of 1", "exit",
       **{"from": 1, "to": 0}),
    # --- jello: a filter of JSON (stdin or -f files) by a Python expression
    _f("jello", "ignores-compact", "-c ignored (pretty JSON printed)", "drop", flags=["-c"]),
    _f("jello", "ignores-raw", "-r ignored (strings printed quoted)", "drop", flags=["-r"]),
    _f("jello", "ignores-lines", "-l ignored (JSON printed, not lines)", "drop", flags=["-l"]),
    _f("jello", "ignores-schema", "-s ignored (JSON printed, not the schema)", "drop",
       flags=["-s"]),
    _f("jello", "second-operand-ignored",
       "with -f, the second operand (a second file, or the first file after a QUERY) is "
       "not read", "operand", mode="drop-second", when=["-f"]),
    # --- pyjson5 (json5): a converter of JSON5 to JSON5 or JSON with quoting choices
    _f("pyjson5", "indent-off-by-one", "--indent N indents by N+1", "bump",
       flags=["--indent"]),
    _f("pyjson5", "ignores-as-json", "--as-json ignored (JSON5 printed)", "drop",
       flags=["--as-json"]),
    _f("pyjson5", "ignores-quote-keys", "--quote-keys ignored (identifier keys unquoted)",
       "drop", flags=["--quote-keys"]),
    _f("pyjson5", "ignores-no-trailing-commas",
       "--no-trailing-commas ignored (trailing commas kept)", "drop",
       flags=["--no-trailing-commas"]),
    _f("pyjson5", "single-as-double", "--quote-style always_single is read as always_double",
       "rewrite", flags=["--quote-style"], pattern="^always_single$",
       replace="always_double"),
    # --- awk (mawk): a script-driven text processor, program operand then FILEs
    _f("awk", "ignores-field-separator", "-F value ignored (fields split on blanks)", "drop",
       flags=["-F"]),
    _f("awk", "ignores-assignment", "-v var=value ignored (var unset)", "drop",
       flags=["-v"]),
    _f("awk", "middle-operands-ignored",
       "of three operands or more (a program, then FILEs), only the first and last are "
       "read: with two FILEs the first is skipped", "operand", mode="drop-middle"),
    _f("awk", "drops-unterminated", "a last input line without newline is lost", "input",
       mode="drop-unterminated"),
    _f("awk", "error-exit-zero",
       "a program that does not parse or a FILE it cannot open exits 0 instead of 2",
       "exit", **{"from": 2, "to": 0}),
    # --- tput: prints a terminal capability (with parameters); statuses for booleans
    _f("tput", "ignores-term", "-T TERM ignored ($TERM used)", "drop", flags=["-T"]),
    _f("tput", "numbers-off-by-one",
       "the first number of each output line one too high (cols 80 -> 81)", "output",
       mode="bump-first-int"),
    _f("tput", "middle-parameters-dropped",
       "of a capability's parameters only the last is kept (cup 5 10 read as cup 10)",
       "operand", mode="drop-middle"),
    _f("tput", "false-boolean-exit-zero", "a boolean capability that is false exits 0 "
       "instead of 1", "exit", **{"from": 1, "to": 0}),
    _f("tput", "ignores-stdin-commands", "-S ignored (commands on stdin not read)", "drop",
       flags=["-S"]),
    # --- run-parts: runs (or lists) the scripts of a DIRECTORY in order
    _f("run-parts", "ignores-test", "--test ignored (scripts run, not listed)", "drop",
       flags=["--test"]),
    _f("run-parts", "ignores-reverse", "--reverse ignored (usual order)", "drop",
       flags=["--reverse"]),
    _f("run-parts", "ignores-regex", "--regex=PATTERN ignored (usual name rules)", "drop",
       flags=["--regex"]),
    _f("run-parts", "ignores-arg", "-a/--arg ARGUMENT ignored (scripts get no argument)",
       "drop", flags=["-a", "--arg"]),
    _f("run-parts", "script-failure-exit-zero",
       "a script that fails: run-parts exits 0 instead of 1", "exit",
       **{"from": 1, "to": 0}),
    # --- hardlink: stateful (replaces duplicate files by hard links), a summary of counts
    _f("hardlink", "ignores-dry-run", "-n/--dry-run ignored (files linked)", "drop",
       flags=["-n", "--dry-run"]),
    _f("hardlink", "ignores-respect-name",
       "-f/--respect-name ignored (files of other names linked)", "drop",
       flags=["-f", "--respect-name"]),
    _f("hardlink", "minimum-size-off-by-one",
       "-s/--minimum-size SIZE reads SIZE+1 (files of SIZE bytes skipped)", "bump",
       flags=["-s", "--minimum-size"]),
    _f("hardlink", "ignores-exclude", "-x/--exclude REGEX ignored (matching files linked)",
       "drop", flags=["-x", "--exclude"]),
    _f("hardlink", "second-operand-ignored", "the second DIRECTORY or FILE is ignored",
       "operand", mode="drop-second"),
    # --- dpkg-query: queries the package database; -f/--showformat of its own
    _f("dpkg-query", "showformat-width-off-by-one",
       "-f/--showformat: the first ${var;width} is one wider", "bump",
       flags=["-f", "--showformat"]),
    _f("dpkg-query", "left-align-lost",
       "-f/--showformat: a negative width (left-aligned) is read as positive", "rewrite",
       flags=["-f", "--showformat"], pattern=r";-(\d)", replace=r";\1"),
    _f("dpkg-query", "not-found-exit-zero",
       "a package or pattern that matches nothing exits 0 instead of 1", "exit",
       **{"from": 1, "to": 0}),
    _f("dpkg-query", "second-package-ignored", "the second package (or pattern) is ignored",
       "operand", mode="drop-second"),
    _f("dpkg-query", "list-last-line-missing", "-l/--list: the last package line is missing",
       "output", mode="drop-last-line", when=["-l", "--list"]),
]
