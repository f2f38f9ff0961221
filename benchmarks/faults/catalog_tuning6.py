"""TUNING faults for checkers, linters and converters of source code and markup (issue #8,
sixth round): Python linters and formatters, JavaScript and CSS beautifiers, a Markdown
converter. PyPI tools, each installed by its plan's ``pip:`` step (pinned).

These tools may guide changes to the generator (``split.json``'s ``tuning`` list); each
fault was written from the tool's ``--help`` before any plan was generated for it.
``catalog.py`` merges this file.
"""

from __future__ import annotations

TOOLS6: dict[str, dict[str, object]] = {
    "flake8": {"pip": "flake8==7.5.0", "value_shorts": "j", "value_longs": [
        "--output-file", "--append-config", "--config", "--enable-extensions",
        "--require-plugins", "--color", "--exclude", "--extend-exclude", "--filename",
        "--stdin-display-name", "--format", "--ignore", "--extend-ignore",
        "--per-file-ignores", "--max-line-length", "--max-doc-length", "--indent-size",
        "--select", "--extend-select", "--builtins", "--max-complexity", "--jobs",
        "--tee", "--benchmark", "--bug-report", "--exit-zero"]},
    "pyflakes": {"pip": "pyflakes==4.1.0", "value_shorts": "", "value_longs": []},
    "yapf": {"pip": "yapf==0.43.0", "value_shorts": "le", "value_longs": [
        "--lines", "--exclude", "--style"]},
    "black": {"pip": "black==26.10.1", "value_shorts": "clt", "value_longs": [
        "--code", "--line-length", "--target-version", "--python-cell-magics",
        "--enable-unstable-feature", "--line-ranges", "--required-version", "--exclude",
        "--extend-exclude", "--force-exclude", "--stdin-filename", "--include",
        "--workers", "--config", "--cache-dir"]},
    "js-beautify": {"pip": "jsbeautifier==2.0.3", "value_shorts": "sceboOwlm",
                    "value_longs": [
                        "--indent-size", "--indent-char", "--eol", "--brace-style",
                        "--outfile", "--max-preserve-newlines", "--operator-position",
                        "--wrap-line-length", "--templating", "--indent-level"]},
    "css-beautify": {"pip": "cssbeautifier==2.0.3", "value_shorts": "sceb0",
                     "value_longs": ["--indent-size", "--indent-char", "--eol",
                                     "--brace-style", "--outfile"]},
    "markdown2": {"pip": "markdown2==2.5.5", "value_shorts": "sx", "value_longs": [
        "--encoding", "--safe", "--extras", "--use-file-vars", "--link-patterns-file",
        "--output"]},
    "docformatter": {"pip": "docformatter==1.7.8", "value_shorts": "ens", "value_longs": [
        "--exclude", "--non-cap", "--style", "--rest-section-adorns", "--wrap-summaries",
        "--wrap-descriptions", "--tab-width", "--range", "--docstring-length",
        "--config"]},
    "pydocstyle": {"pip": "pydocstyle==6.3.0", "value_shorts": "", "value_longs": [
        "--config", "--match", "--match-dir", "--ignore-decorators",
        "--property-decorators", "--select", "--ignore", "--convention", "--add-select",
        "--add-ignore"]},
    "pyupgrade": {"pip": "pyupgrade==3.22.0", "value_shorts": "", "value_longs": []},
}


def _f(tool: str, name: str, description: str, kind: str, **params: object) -> dict:
    return {"id": f"{tool}.{name}", "tool": tool, "description": description,
            "kind": kind, **params}


FAULTS6: list[dict] = [
    # --- flake8: a checker whose answer is its report and exit status
    _f("flake8", "ignores-select", "--select ignored", "drop", flags=["--select"]),
    _f("flake8", "ignores-ignore", "--ignore ignored", "drop", flags=["--ignore"]),
    _f("flake8", "max-line-length-off-by-one", "--max-line-length N allows N+1",
       "bump", flags=["--max-line-length"]),
    _f("flake8", "ignores-count", "--count ignored", "drop", flags=["--count"]),
    _f("flake8", "violations-exit-zero", "violations found exit 0 instead of 1", "exit",
       **{"from": 1, "to": 0}),
    # --- pyflakes
    _f("pyflakes", "ignores-second-path", "the second path is not checked", "operand",
       mode="drop-second"),
    _f("pyflakes", "problems-exit-zero", "problems found exit 0 instead of 1", "exit",
       **{"from": 1, "to": 0}),
    # --- yapf: a formatter
    _f("yapf", "ignores-diff", "-d/--diff ignored", "drop", flags=["-d", "--diff"]),
    _f("yapf", "ignores-style", "--style ignored", "drop", flags=["--style"]),
    _f("yapf", "lines-off-by-one", "-l START-END starts one line later", "bump",
       flags=["-l", "--lines"]),
    # --- black: a formatter with a check mode
    _f("black", "line-length-off-by-one", "-l/--line-length N allows N+1", "bump",
       flags=["-l", "--line-length"]),
    _f("black", "check-exit-zero", "--check exits 0 when a file would be reformatted",
       "exit", when=["--check"], **{"from": 1, "to": 0}),
    _f("black", "ignores-skip-string-normalization", "-S ignored", "drop",
       flags=["-S", "--skip-string-normalization"]),
    # --- js-beautify
    _f("js-beautify", "indent-size-off-by-one", "-s/--indent-size N indents N+1", "bump",
       flags=["-s", "--indent-size"]),
    _f("js-beautify", "ignores-space-in-paren", "-P/--space-in-paren ignored", "drop",
       flags=["-P", "--space-in-paren"]),
    _f("js-beautify", "brace-expand-as-collapse", "-b expand is read as collapse",
       "rewrite", flags=["-b", "--brace-style"], pattern="^expand", replace="collapse"),
    # --- css-beautify
    _f("css-beautify", "indent-size-off-by-one", "-s/--indent-size N indents N+1", "bump",
       flags=["-s", "--indent-size"]),
    _f("css-beautify", "ignores-space-around-combinator", "--space-around-combinator ignored",
       "drop", flags=["--space-around-combinator"]),
    # --- markdown2: a converter
    _f("markdown2", "ignores-extras", "-x/--extras ignored", "drop", flags=["-x", "--extras"]),
    _f("markdown2", "ignores-html4tags", "--html4tags ignored", "drop",
       flags=["--html4tags"]),
    _f("markdown2", "unterminated-last-line-lost", "a last line without newline is lost",
       "input", mode="drop-unterminated"),
    # --- docformatter
    _f("docformatter", "ignores-wrap-summaries", "--wrap-summaries ignored", "drop",
       flags=["--wrap-summaries"]),
    _f("docformatter", "check-exit-zero", "--check exits 0 on badly formatted files",
       "exit", when=["-c", "--check"], **{"from": 3, "to": 0}),
    # --- pydocstyle
    _f("pydocstyle", "ignores-select", "--select ignored", "drop", flags=["--select"]),
    _f("pydocstyle", "errors-exit-zero", "errors found exit 0 instead of 1", "exit",
       **{"from": 1, "to": 0}),
    # --- pyupgrade: rewrites files in place
    _f("pyupgrade", "ignores-py36-plus", "--py36-plus ignored", "drop",
       flags=["--py36-plus"]),
    _f("pyupgrade", "ignores-exit-zero", "--exit-zero-even-if-changed ignored", "drop",
       flags=["--exit-zero-even-if-changed"]),
]
