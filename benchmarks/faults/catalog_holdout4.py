"""The FOURTH hold-out part of the fault benchmark: PyPI command-line tools and Debian
tools of kinds the other parts lack (a converter of dates, a command runner, tools whose
work is the files they write).

Every fault was written from the tool's ``--help`` and documentation, BEFORE any plan was
generated for these tools, and frozen before the "before" figure was measured. Whoever
changes the generator must not open this file: it is hold-out data. ``catalog.py`` merges
it, so ``run.py`` and ``witness.sh`` see every fault.

A tool with a ``pip`` entry is a PyPI tool: plans for it install that requirement with a
``pip:`` install step (wheels built on the host, installed offline in the sandbox).
"""

from __future__ import annotations

TOOLS4: dict[str, dict[str, object]] = {
    # --- PyPI command-line tools (pinned: the hold-out must not move under us)
    "sqlformat": {"pip": "sqlparse==0.6.1", "value_shorts": "okil", "value_longs": [
        "--outfile", "--keywords", "--identifiers", "--language", "--indent_width",
        "--wrap_after", "--comma_first", "--compact", "--encoding"]},
    "tabulate": {"pip": "tabulate==0.10.0", "value_shorts": "osFIf", "value_longs": [
        "--output", "--sep", "--float", "--int", "--format"]},
    "slugify": {"pip": "python-slugify==9.2.0", "value_shorts": "", "value_longs": [
        "--max-length", "--separator", "--regex-pattern", "--algorithm", "--backend",
        "--replacement-stage"]},
    "toml-sort": {"pip": "toml-sort==0.26.0", "value_shorts": "o", "value_longs": [
        "--output", "--sort-first", "--spaces-before-inline-comment",
        "--spaces-indent-inline-array"]},
    "yamllint": {"pip": "yamllint==1.38.0", "value_shorts": "cdf", "value_longs": [
        "--config-file", "--config-data", "--format"]},
    # --- Debian tools of the base image in no other part
    "date": {"value_shorts": "dfrs", "optional_shorts": "I", "value_longs": [
        "--date", "--file", "--reference", "--set", "--rfc-3339"]},
    "cp": {"value_shorts": "St", "value_longs": [
        "--suffix", "--target-directory", "--sparse", "--no-preserve"]},
    "ln": {"value_shorts": "St", "value_longs": ["--suffix", "--target-directory"]},
    "env": {"value_shorts": "uCS", "value_longs": ["--unset", "--chdir", "--split-string"],
            "options_end_at_operand": True},
}


def _f(tool: str, name: str, description: str, kind: str, **params: object) -> dict:
    return {"id": f"{tool}.{name}", "tool": tool, "description": description,
            "kind": kind, **params}


FAULTS4: list[dict] = [
    # --- sqlformat (sqlparse): a formatter, files in place
    _f("sqlformat", "keywords-upper-as-capitalize",
       "-k/--keywords upper is read as capitalize", "rewrite",
       flags=["-k", "--keywords"], pattern="^upper$", replace="capitalize"),
    _f("sqlformat", "ignores-reindent", "-r/--reindent ignored", "drop",
       flags=["-r", "--reindent"]),
    _f("sqlformat", "indent-width-off-by-one", "--indent_width N indents N+1 spaces",
       "bump", flags=["--indent_width"]),
    _f("sqlformat", "ignores-strip-comments", "--strip-comments ignored", "drop",
       flags=["--strip-comments"]),
    _f("sqlformat", "ignores-in-place", "--in-place ignored (printed, the file unchanged)",
       "drop", flags=["--in-place"]),
    # --- tabulate: a converter of whitespace- or SEP-separated data to tables
    _f("tabulate", "ignores-header", "-1/--header ignored (first row is data)", "drop",
       flags=["-1", "--header"]),
    _f("tabulate", "ignores-format", "-f/--format ignored (always simple)", "drop",
       flags=["-f", "--format"]),
    _f("tabulate", "ignores-sep", "-s/--sep ignored (whitespace separates)", "drop",
       flags=["-s", "--sep"]),
    _f("tabulate", "float-digits-off-by-one", "-F/--float .Nf prints N+1 digits", "bump",
       flags=["-F", "--float"]),
    _f("tabulate", "ignores-second-file", "the second FILE is ignored", "operand",
       mode="drop-second"),
    # --- slugify (python-slugify): a converter of its operands
    _f("slugify", "max-length-off-by-one", "--max-length N keeps N+1 characters", "bump",
       flags=["--max-length"]),
    _f("slugify", "ignores-separator", "--separator ignored (always -)", "drop",
       flags=["--separator"]),
    _f("slugify", "ignores-no-lowercase", "--no-lowercase ignored (lower-cased)", "drop",
       flags=["--no-lowercase"]),
    _f("slugify", "ignores-word-boundary", "--word-boundary ignored", "drop",
       flags=["--word-boundary"]),
    _f("slugify", "first-word-only", "only the first input_string is slugified", "operand",
       mode="first-only"),
    # --- toml-sort: a formatter with a check mode, files in place
    _f("toml-sort", "ignores-in-place", "-i/--in-place ignored (printed, the file unchanged)",
       "drop", flags=["-i", "--in-place"]),
    _f("toml-sort", "check-always-ok", "--check exits 0 on a file it would change", "exit",
       **{"from": 1, "to": 0}, when=["--check"]),
    _f("toml-sort", "ignores-ignore-case", "-I/--ignore-case ignored", "drop",
       flags=["-I", "--ignore-case"]),
    _f("toml-sort", "ignores-all", "-a/--all ignored (table keys stay unsorted)", "drop",
       flags=["-a", "--all"]),
    _f("toml-sort", "ignores-no-comments", "--no-comments ignored", "drop",
       flags=["--no-comments"]),
    # --- yamllint: a linter whose answer is its exit status
    _f("yamllint", "ignores-strict", "-s/--strict ignored (warnings exit 0)", "drop",
       flags=["-s", "--strict"]),
    _f("yamllint", "ignores-no-warnings", "--no-warnings ignored", "drop",
       flags=["--no-warnings"]),
    _f("yamllint", "errors-exit-zero", "a file with errors exits 0 instead of 1", "exit",
       **{"from": 1, "to": 0}),
    _f("yamllint", "ignores-format", "-f/--format ignored (standard format)", "drop",
       flags=["-f", "--format"]),
    _f("yamllint", "second-file-ignored", "the second FILE_OR_DIR is not checked",
       "operand", mode="drop-second"),
    # --- date: a converter of a given time (never 'now' in a witness)
    _f("date", "ignores-date", "-d/--date ignored (prints now)", "drop",
       flags=["-d", "--date"]),
    _f("date", "ignores-iso-8601", "-I/--iso-8601 ignored (default format)", "drop",
       flags=["-I", "--iso-8601"]),
    _f("date", "ignores-rfc-email", "-R/--rfc-email ignored (default format)", "drop",
       flags=["-R", "--rfc-email"]),
    _f("date", "ignores-reference", "-r/--reference FILE ignored (prints now)", "drop",
       flags=["-r", "--reference"]),
    _f("date", "invalid-exit-zero", "an invalid date exits 0 instead of 1", "exit",
       **{"from": 1, "to": 0}),
    # --- cp: stateful (the files it writes)
    _f("cp", "ignores-no-clobber", "-n/--no-clobber ignored (overwrites)", "drop",
       flags=["-n", "--no-clobber"]),
    _f("cp", "ignores-recursive", "-r/-R/--recursive ignored", "drop",
       flags=["-r", "-R", "--recursive"]),
    _f("cp", "ignores-verbose", "-v/--verbose ignored", "drop", flags=["-v", "--verbose"]),
    _f("cp", "ignores-backup", "-b ignored (no DEST~ backup)", "drop", flags=["-b"]),
    _f("cp", "middle-source-skipped", "of three or more operands, the middle ones are not "
       "copied", "operand", mode="drop-middle"),
    # --- ln: stateful (the links it makes)
    _f("ln", "ignores-symbolic", "-s/--symbolic ignored (hard links)", "drop",
       flags=["-s", "--symbolic"]),
    _f("ln", "ignores-force", "-f/--force ignored (an existing LINK_NAME is an error)",
       "drop", flags=["-f", "--force"]),
    _f("ln", "ignores-relative", "-r/--relative ignored (target as given)", "drop",
       flags=["-r", "--relative"]),
    _f("ln", "middle-target-skipped", "of three or more operands, the middle ones are not "
       "linked", "operand", mode="drop-middle"),
    # --- env: a command runner
    _f("env", "ignores-ignore-environment", "-i/--ignore-environment ignored", "drop",
       flags=["-i", "--ignore-environment"]),
    _f("env", "ignores-unset", "-u/--unset NAME ignored", "drop", flags=["-u", "--unset"]),
    _f("env", "ignores-chdir", "-C/--chdir DIR ignored", "drop", flags=["-C", "--chdir"]),
    _f("env", "not-found-exit-126", "a COMMAND that is not found exits 126 instead of 127",
       "exit", **{"from": 127, "to": 126}),
]
