"""The FIFTH hold-out part of the fault benchmark: five PyPI command-line tools and five
Debian tools of the base image, none in another part, in a tuning task or in the
generator's tests (a formatter of banners, two converters of markup, a Markdown formatter
with a check mode that rewrites files in place, a style checker whose answer is its exit
status; a splitter that writes files, a side-by-side comparer, a summarizer of file sizes,
an installer of files with modes, a three-way merge with a conflict status).

Every fault was written from the tool's ``--help`` only, BEFORE any plan was generated for
these tools, and frozen at 2026-12-01 16:13 UTC (FROZEN_AT), after ``--check-faults``
showed every fault and no leak, before the "before" figure was measured; after that no
fault changed. Whoever changes the generator must not open this file: it is hold-out
data. ``catalog.py`` merges it, so ``run.py`` and ``witness.sh`` see every fault.

A tool with a ``pip`` entry is a PyPI tool: plans for it install that requirement with a
``pip:`` install step (wheels built on the host, installed offline in the sandbox).
"""

from __future__ import annotations

FROZEN_AT = "2026-12-01 16:13 UTC"

TOOLS5: dict[str, dict[str, object]] = {
    # --- PyPI command-line tools (pinned: the hold-out must not move under us)
    "pyfiglet": {"pip": "pyfiglet==1.0.4", "value_shorts": "fDjwLc", "value_longs": [
        "--font", "--direction", "--justify", "--width", "--load", "--color"]},
    "html2text": {"pip": "html2text==2025.4.15", "value_shorts": "bi", "value_longs": [
        "--default-image-alt", "--body-width", "--google-list-indent", "--decode-errors",
        "--open-quote", "--close-quote"]},
    "markdown_py": {"pip": "markdown==3.11.3", "value_shorts": "feoxc", "value_longs": [
        "--file", "--encoding", "--output_format", "--extension", "--extension_configs"]},
    "mdformat": {"pip": "mdformat==1.0.0", "value_shorts": "", "value_longs": [
        "--wrap", "--end-of-line", "--extensions", "--codeformatters"]},
    "pycodestyle": {"pip": "pycodestyle==2.15.0", "value_shorts": "", "value_longs": [
        "--exclude", "--filename", "--select", "--ignore", "--max-line-length",
        "--max-doc-length", "--indent-size", "--format", "--config"]},
    # --- Debian tools of the base image in no other part
    "csplit": {"value_shorts": "bfn", "value_longs": [
        "--suffix-format", "--prefix", "--digits"]},
    "sdiff": {"value_shorts": "owI", "value_longs": [
        "--output", "--width", "--ignore-matching-lines", "--tabsize", "--diff-program"]},
    "du": {"value_shorts": "BdtX", "value_longs": [
        "--block-size", "--max-depth", "--threshold", "--exclude-from", "--exclude",
        "--files0-from", "--time-style"]},
    "install": {"value_shorts": "gmoSt", "value_longs": [
        "--group", "--mode", "--owner", "--strip-program", "--suffix",
        "--target-directory"]},
    "diff3": {"value_shorts": "L", "value_longs": ["--diff-program", "--label"]},
}


def _f(tool: str, name: str, description: str, kind: str, **params: object) -> dict:
    return {"id": f"{tool}.{name}", "tool": tool, "description": description,
            "kind": kind, **params}


FAULTS5: list[dict] = [
    # --- pyfiglet: a formatter of its text operands into banners
    _f("pyfiglet", "ignores-font", "-f/--font ignored (always standard)", "drop",
       flags=["-f", "--font"]),
    _f("pyfiglet", "width-off-by-one", "-w/--width N wraps at N+1 columns", "bump",
       flags=["-w", "--width"]),
    _f("pyfiglet", "ignores-reverse", "-r/--reverse ignored (no mirror image)", "drop",
       flags=["-r", "--reverse"]),
    _f("pyfiglet", "ignores-flip", "-F/--flip ignored (not flipped over)", "drop",
       flags=["-F", "--flip"]),
    _f("pyfiglet", "first-word-only", "only the first text operand is rendered", "operand",
       mode="first-only"),
    # --- html2text: a converter of HTML (a file or stdin) to Markdown
    _f("html2text", "ignores-ignore-links", "--ignore-links ignored (links kept)", "drop",
       flags=["--ignore-links"]),
    _f("html2text", "body-width-off-by-one", "-b/--body-width N wraps at N+1", "bump",
       flags=["-b", "--body-width"]),
    _f("html2text", "ignores-dash-unordered-list", "-d ignored (a star, not a dash)",
       "drop", flags=["-d", "--dash-unordered-list"]),
    _f("html2text", "ignores-pad-tables", "--pad-tables ignored (cells not padded)",
       "drop", flags=["--pad-tables"]),
    _f("html2text", "encoding-operand-ignored",
       "the encoding operand is ignored (read as UTF-8)", "operand", mode="drop-second"),
    # --- markdown_py (Python-Markdown): a converter of Markdown to HTML
    _f("markdown_py", "empty-input-fails", "an empty input exits 1 with an error", "input",
       mode="empty-fails"),
    _f("markdown_py", "ignores-extension", "-x/--extension ignored (not loaded)", "drop",
       flags=["-x", "--extension"]),
    _f("markdown_py", "html-format-as-xhtml", "-o/--output_format html is read as xhtml",
       "rewrite", flags=["-o", "--output_format"], pattern="^html$", replace="xhtml"),
    _f("markdown_py", "ignores-output-file",
       "-f/--file OUTPUT_FILE ignored (printed, no file written)", "drop",
       flags=["-f", "--file"]),
    _f("markdown_py", "drops-unterminated", "a last input line without newline is lost",
       "input", mode="drop-unterminated"),
    # --- mdformat: a Markdown formatter, files in place, a check mode
    _f("mdformat", "check-always-ok", "--check exits 0 on a file it would change", "exit",
       **{"from": 1, "to": 0}, when=["--check"]),
    _f("mdformat", "ignores-number", "--number ignored (ordered lists not renumbered)",
       "drop", flags=["--number"]),
    _f("mdformat", "wrap-off-by-one", "--wrap N wraps at N+1 columns", "bump",
       flags=["--wrap"]),
    _f("mdformat", "crlf-as-lf", "--end-of-line crlf is read as lf", "rewrite",
       flags=["--end-of-line"], pattern="^crlf$", replace="lf"),
    _f("mdformat", "second-file-ignored", "the second path is not formatted", "operand",
       mode="drop-second"),
    # --- pycodestyle: a style checker whose answer is its exit status
    _f("pycodestyle", "errors-exit-zero", "a file with errors exits 0 instead of 1", "exit",
       **{"from": 1, "to": 0}),
    _f("pycodestyle", "max-line-length-off-by-one",
       "--max-line-length N allows N+1 characters", "bump", flags=["--max-line-length"]),
    _f("pycodestyle", "ignores-count", "--count ignored (no total on stderr)", "drop",
       flags=["--count"]),
    _f("pycodestyle", "ignores-show-source", "--show-source ignored (no source line)",
       "drop", flags=["--show-source"]),
    _f("pycodestyle", "second-file-ignored", "the second input is not checked", "operand",
       mode="drop-second"),
    # --- csplit: stateful (the files it writes), byte counts on stdout
    _f("csplit", "ignores-quiet", "-s/--quiet/--silent ignored (counts printed)", "drop",
       flags=["-s", "--quiet", "--silent"]),
    _f("csplit", "digits-off-by-one", "-n/--digits N names pieces with N+1 digits", "bump",
       flags=["-n", "--digits"]),
    _f("csplit", "ignores-prefix", "-f/--prefix ignored (pieces named xx00...)", "drop",
       flags=["-f", "--prefix"]),
    _f("csplit", "ignores-elide-empty", "-z/--elide-empty-files ignored (empty pieces kept)",
       "drop", flags=["-z", "--elide-empty-files"]),
    _f("csplit", "last-count-missing", "the byte count of the last piece is not printed",
       "output", mode="drop-last-line"),
    # --- sdiff: a side-by-side comparer of two files, status 1 if they differ
    _f("sdiff", "ignores-suppress-common", "-s/--suppress-common-lines ignored", "drop",
       flags=["-s", "--suppress-common-lines"]),
    _f("sdiff", "width-off-by-one", "-w/--width N prints N+1 columns", "bump",
       flags=["-w", "--width"]),
    _f("sdiff", "ignores-left-column", "-l/--left-column ignored (both columns)", "drop",
       flags=["-l", "--left-column"]),
    _f("sdiff", "differences-exit-zero", "different inputs exit 0 instead of 1", "exit",
       **{"from": 1, "to": 0}),
    _f("sdiff", "ignores-ignore-case", "-i/--ignore-case ignored", "drop",
       flags=["-i", "--ignore-case"]),
    # --- du: a summarizer of the files and folders given
    _f("du", "no-total", "-c/--total: the grand total line is missing", "output",
       mode="drop-last-line", when=["-c", "--total"]),
    _f("du", "max-depth-off-by-one", "-d/--max-depth N shows N+1 levels", "bump",
       flags=["-d", "--max-depth"]),
    _f("du", "ignores-all", "-a/--all ignored (folders only)", "drop", flags=["-a", "--all"]),
    _f("du", "ignores-summarize", "-s/--summarize ignored (every subfolder)", "drop",
       flags=["-s", "--summarize"]),
    _f("du", "second-operand-ignored", "the second FILE is not summarized", "operand",
       mode="drop-second"),
    # --- install: stateful (the files, folders and modes it leaves)
    _f("install", "ignores-mode", "-m/--mode ignored (rwxr-xr-x left behind)", "drop",
       flags=["-m", "--mode"]),
    _f("install", "ignores-leading-dirs", "-D ignored (missing leading folders an error)",
       "drop", flags=["-D"]),
    _f("install", "ignores-backup", "-b/--backup ignored (no DEST~ backup)", "drop",
       flags=["-b", "--backup"]),
    _f("install", "middle-source-skipped", "of three or more operands, the middle ones are "
       "not installed", "operand", mode="drop-middle"),
    # --- diff3: a three-way comparison and merge, status 1 on conflicts
    _f("diff3", "conflicts-exit-zero", "conflicts exit 0 instead of 1", "exit",
       **{"from": 1, "to": 0}),
    _f("diff3", "ignores-merge", "-m/--merge ignored (no merged file)", "drop",
       flags=["-m", "--merge"]),
    _f("diff3", "ignores-label", "-L/--label ignored (file names shown)", "drop",
       flags=["-L", "--label"]),
    _f("diff3", "ignores-i", "-i ignored (no w and q appended to the ed script)", "drop",
       flags=["-i"]),
]
