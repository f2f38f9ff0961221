"""The SIXTH hold-out part of the fault benchmark: five PyPI command-line tools and five
Debian tools of the base image, none in another part, in a tuning task or in the
generator's tests (a highlighter of source code that can write its output to a file, a
fixer of broken Unicode that can write a file, a converter of HTML to Markdown with many
options, a resolver of JSON pointers over several files, a converter of numbers to words
with choices; an archiver with 30+ options that writes, extracts and compares archives, a
renamer of files by a substring, a rotator of log files, a resolver of symbolic links and a
parser of command lines whose answer is partly its exit status).

Every fault was written from the tool's ``--help`` only, BEFORE any plan was generated for
these tools, and frozen at 2026-12-01 19:17 UTC (FROZEN_AT), after ``--check-faults``
showed every fault and no leak (50/50 observable; one tool first chosen, chgrp, was
replaced by rename.ul before the freeze: the sandbox lets no one change a file's group),
before the "before" figure was measured; after that no fault changed. Whoever changes the
generator must not open this file: it is hold-out data. ``catalog.py`` merges it, so
``run.py`` and ``witness.sh`` see every fault.

A tool with a ``pip`` entry is a PyPI tool: plans for it install that requirement with a
``pip:`` install step (wheels built on the host, installed offline in the sandbox).
"""

from __future__ import annotations

FROZEN_AT = "2026-12-01 19:17 UTC"

TAR_VALUE_LONGS = [
    "--listed-incremental", "--hole-detection", "--level", "--sparse-version", "--add-file",
    "--directory", "--exclude", "--exclude-ignore", "--exclude-ignore-recursive",
    "--exclude-tag", "--exclude-tag-all", "--exclude-tag-under", "--files-from",
    "--exclude-from", "--to-command", "--group", "--group-map", "--mode", "--mtime",
    "--owner", "--owner-map", "--sort", "--xattrs-exclude", "--xattrs-include", "--file",
    "--info-script", "--tape-length", "--rmt-command", "--rsh-command", "--volno-file",
    "--blocking-factor", "--record-size", "--format", "--label", "--use-compress-program",
    "--starting-file", "--newer-mtime", "--newer", "--after-date", "--suffix",
    "--strip-components", "--transform", "--xform", "--checkpoint-action", "--index-file",
    "--no-quote-chars", "--quote-chars", "--quoting-style", "--warning"]

TOOLS6: dict[str, dict[str, object]] = {
    # --- PyPI command-line tools (pinned: the hold-out must not move under us)
    "pygmentize": {"pip": "pygments==2.21.0", "value_shorts": "lFfOPoSaNH",
                   "value_longs": []},
    "ftfy": {"pip": "ftfy==6.3.1", "value_shorts": "oen", "value_longs": [
        "--output", "--encoding", "--normalization"]},
    # soupsieve pinned too: its newest release needs Python 3.11.5, the image has 3.11.2
    "markdownify": {"pip": "markdownify==1.2.3,soupsieve==2.8", "value_shorts": "scbi",
                    "value_longs": [
        "--strip", "--convert", "--heading-style", "--bullets", "--strong-em-symbol",
        "--sub-symbol", "--sup-symbol", "--newline-style", "--code-language",
        "--keep-inline-images-in", "--wrap-width", "--bs4-options"]},
    "jsonpointer": {"pip": "jsonpointer==3.12", "value_shorts": "fp", "value_longs": [
        "--pointer-file", "--pointer", "--indent"]},
    "num2words": {"pip": "num2words==0.5.14", "value_shorts": "lt", "value_longs": [
        "--lang", "--to"]},
    # --- Debian tools of the base image in no other part
    "tar": {"value_shorts": "fCTXbgKLNVHIF", "value_longs": TAR_VALUE_LONGS},
    "rename.ul": {"value_shorts": "", "value_longs": []},
    "savelog": {"value_shorts": "mugcrDx", "value_longs": []},
    "readlink": {"value_shorts": "", "value_longs": []},
    # getopt's own options end at its first operand (the optstring of its first form);
    # what follows are the parameters it parses, never its own options.
    "getopt": {"value_shorts": "lnos", "value_longs": [
        "--longoptions", "--name", "--options", "--shell"],
               "options_end_at_operand": True},
}


def _f(tool: str, name: str, description: str, kind: str, **params: object) -> dict:
    return {"id": f"{tool}.{name}", "tool": tool, "description": description,
            "kind": kind, **params}


FAULTS6: list[dict] = [
    # --- pygmentize: a highlighter of a file or stdin, output to stdout or -o FILE
    _f("pygmentize", "ignores-lexer", "-l LEXER ignored (lexer guessed, plain text)",
       "drop", flags=["-l"]),
    _f("pygmentize", "ignores-output-file", "-o OUTPUTFILE ignored (printed, no file)",
       "drop", flags=["-o"]),
    _f("pygmentize", "ignores-options", "-O OPTION=value,... ignored", "drop",
       flags=["-O"]),
    _f("pygmentize", "ignores-style-arg", "-a ARG ignored (-S style rules unprefixed)",
       "drop", flags=["-a"]),
    _f("pygmentize", "drops-unterminated", "a last input line without newline is lost",
       "input", mode="drop-unterminated"),
    # --- ftfy: a fixer of mojibake, a file or stdin to stdout or -o OUTPUT
    _f("ftfy", "ignores-output", "-o/--output ignored (printed, no file written)", "drop",
       flags=["-o", "--output"]),
    _f("ftfy", "ignores-preserve-entities", "--preserve-entities ignored (decoded)",
       "drop", flags=["--preserve-entities"]),
    _f("ftfy", "none-as-nfc", "-n/--normalization none is read as NFC", "rewrite",
       flags=["-n", "--normalization"], pattern="(?i)^none$", replace="NFC"),
    _f("ftfy", "ignores-encoding", "-e/--encoding ignored (read as UTF-8)", "drop",
       flags=["-e", "--encoding"]),
    _f("ftfy", "empty-fails", "an empty input exits 1 with an error", "input",
       mode="empty-fails"),
    # --- markdownify: a converter of HTML (a file or stdin) to Markdown
    _f("markdownify", "atx-as-underlined", "--heading-style atx is read as underlined",
       "rewrite", flags=["--heading-style"], pattern="^atx$", replace="underlined"),
    _f("markdownify", "wrap-width-off-by-one", "--wrap-width N wraps at N+1", "bump",
       flags=["--wrap-width"]),
    _f("markdownify", "ignores-bullets", "-b/--bullets ignored (default bullets)", "drop",
       flags=["-b", "--bullets"]),
    _f("markdownify", "ignores-no-escape-asterisks",
       "--no-escape-asterisks ignored (* still escaped)", "drop",
       flags=["--no-escape-asterisks"]),
    _f("markdownify", "drops-unterminated", "a last input line without newline is lost",
       "input", mode="drop-unterminated"),
    # --- jsonpointer: resolves one pointer on each of several JSON files
    _f("jsonpointer", "indent-off-by-one", "--indent N indents by N+1 spaces", "bump",
       flags=["--indent"]),
    _f("jsonpointer", "pointer-option-second-file-ignored",
       "with -p/-f, the second FILE is not resolved", "operand", mode="drop-second",
       when=["-p", "--pointer", "-f", "--pointer-file"]),
    _f("jsonpointer", "ignores-continue-on-error",
       "--continue-on-error ignored (stops at a file that does not parse)", "drop",
       flags=["--continue-on-error"]),
    _f("jsonpointer", "unresolved-exit-zero",
       "a pointer that does not resolve (or a file that does not parse) exits 0, not 1",
       "exit", **{"from": 1, "to": 0}),
    _f("jsonpointer", "drops-unterminated", "a FILE's last line without newline is lost",
       "input", mode="drop-unterminated"),
    # --- num2words: a converter of a number to words, language and converter choices
    _f("num2words", "ignores-lang", "-l/--lang ignored (English)", "drop",
       flags=["-l", "--lang"]),
    _f("num2words", "ordinal-as-cardinal", "--to ordinal is read as cardinal", "rewrite",
       flags=["-t", "--to"], pattern="^ordinal$", replace="cardinal"),
    _f("num2words", "ordinal-num-off-by-one", "--to: digits in the result one too high "
       "(ordinal_num 3 -> 4rd)", "output", mode="bump-first-int", when=["-t", "--to"]),
    _f("num2words", "last-language-missing", "-L/--list-languages: the last is missing",
       "output", mode="drop-last-line", when=["-L", "--list-languages"]),
    _f("num2words", "error-exit-zero",
       "a number, language or converter it cannot use exits 0 instead of 1", "exit",
       **{"from": 1, "to": 0}),
    # --- tar: stateful (the archives it writes, the files it extracts), 30+ options
    _f("tar", "ignores-directory", "-C/--directory ignored (works in the current folder)",
       "drop", flags=["-C", "--directory"]),
    _f("tar", "strip-components-off-by-one", "--strip-components N strips N+1", "bump",
       flags=["--strip-components"]),
    _f("tar", "ignores-exclude", "--exclude PATTERN ignored (archived anyway)", "drop",
       flags=["--exclude"]),
    _f("tar", "compare-exit-zero", "-d/--diff/--compare: differences exit 0 instead of 1",
       "exit", when=["-d", "--diff", "--compare"], **{"from": 1, "to": 0}),
    _f("tar", "ignores-keep-old-files", "-k/--keep-old-files ignored (files overwritten)",
       "drop", flags=["-k", "--keep-old-files"]),
    # --- rename.ul (util-linux rename): stateful (the names it gives files), status 4 if
    # nothing was renamed
    _f("rename.ul", "ignores-no-act", "-n/--no-act ignored (files renamed)", "drop",
       flags=["-n", "--no-act"]),
    _f("rename.ul", "ignores-all", "-a/--all ignored (only the first occurrence replaced)",
       "drop", flags=["-a", "--all"]),
    _f("rename.ul", "ignores-last", "-l/--last ignored (the first occurrence replaced)",
       "drop", flags=["-l", "--last"]),
    _f("rename.ul", "ignores-no-overwrite", "-o/--no-overwrite ignored (file overwritten)",
       "drop", flags=["-o", "--no-overwrite"]),
    _f("rename.ul", "nothing-renamed-exit-zero", "nothing renamed exits 0 instead of 4",
       "exit", **{"from": 4, "to": 0}),
    # --- savelog: stateful (rotates log files: FILE.0, FILE.1.gz, ...)
    _f("savelog", "cycle-off-by-one", "-c cycle N keeps N+1 versions", "bump",
       flags=["-c"]),
    _f("savelog", "ignores-quiet", "-q ignored (rotation message printed)", "drop",
       flags=["-q"]),
    _f("savelog", "ignores-no-compress", "-l ignored (older versions compressed)", "drop",
       flags=["-l"]),
    _f("savelog", "ignores-touch", "-t ignored (no new empty log file)", "drop",
       flags=["-t"]),
    _f("savelog", "second-file-ignored", "the second log file is not rotated", "operand",
       mode="drop-second"),
    # --- readlink: a resolver of links and names, several FILEs
    _f("readlink", "ignores-canonicalize", "-f/--canonicalize ignored", "drop",
       flags=["-f", "--canonicalize"]),
    _f("readlink", "ignores-no-newline", "-n/--no-newline ignored (newline printed)",
       "drop", flags=["-n", "--no-newline"]),
    _f("readlink", "ignores-zero", "-z/--zero ignored (newline, not NUL)", "drop",
       flags=["-z", "--zero"]),
    _f("readlink", "missing-exit-zero", "-e on a name that does not exist exits 0, not 1",
       "exit", when=["-e", "--canonicalize-existing"], **{"from": 1, "to": 0}),
    _f("readlink", "second-file-ignored", "the second FILE is not resolved", "operand",
       mode="drop-second"),
    # --- getopt: a parser of command lines, status 1 on a parameter it rejects
    _f("getopt", "ignores-unquoted", "-u/--unquoted ignored (output quoted)", "drop",
       flags=["-u", "--unquoted"]),
    _f("getopt", "ignores-quiet", "-q/--quiet ignored (errors reported)", "drop",
       flags=["-q", "--quiet"]),
    _f("getopt", "ignores-name", "-n/--name ignored (errors say getopt)", "drop",
       flags=["-n", "--name"]),
    _f("getopt", "ignores-quiet-output", "-Q/--quiet-output ignored (output printed)",
       "drop", flags=["-Q", "--quiet-output"]),
    _f("getopt", "parse-error-exit-zero", "parameters it rejects exit 0 instead of 1",
       "exit", **{"from": 1, "to": 0}),
]
