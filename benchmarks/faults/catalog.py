"""The faults of the fault-injection benchmark and the tuning/hold-out split.

Every fault was written from the tool's documentation, BEFORE looking at any plan the
project generates for it; each bends ONE behaviour of the real tool (see
``wrapper.py`` for what each ``kind`` does). ``split.json`` says which tools may guide
changes to the generator (``tuning``) and which may not (``holdout``).

    python benchmarks/faults/catalog.py        # list tools, faults and the split
"""

from __future__ import annotations

import json
from pathlib import Path

from catalog_holdout4 import FAULTS4, TOOLS4
from catalog_holdout5 import FAULTS5, TOOLS5
from catalog_holdout6 import FAULTS6 as FAULTS_HOLDOUT6
from catalog_holdout6 import TOOLS6 as TOOLS_HOLDOUT6
from catalog_holdout7 import FAULTS_HOLDOUT7, TOOLS_HOLDOUT7
from catalog_tuning6 import FAULTS6, TOOLS6
from catalog_tuning6b import FAULTS6B, TOOLS6B
from catalog_tuning7 import FAULTS7, TOOLS7
from catalog_tuning7b import FAULTS7B, TOOLS7B

HERE = Path(__file__).resolve().parent

# How each tool's arguments parse: short options taking a value (``-k2``, ``-k 2``),
# long options taking one as the next word, and whether ``-5`` is an option.
TOOLS: dict[str, dict[str, object]] = {
    "sort": {"value_shorts": "kotST", "value_longs": [
        "--key", "--output", "--field-separator", "--buffer-size", "--temporary-directory",
        "--batch-size", "--compress-program", "--files0-from", "--parallel", "--sort",
        "--random-source"]},
    "uniq": {"value_shorts": "fsw", "value_longs": [
        "--skip-fields", "--skip-chars", "--check-chars"]},
    "cut": {"value_shorts": "bcdf", "value_longs": [
        "--bytes", "--characters", "--delimiter", "--fields", "--output-delimiter"]},
    "head": {"value_shorts": "cn", "value_longs": ["--bytes", "--lines"],
             "digit_options": True},
    "wc": {"value_shorts": "", "value_longs": ["--files0-from", "--total"]},
    "nl": {"value_shorts": "bdfhilnsvw", "value_longs": [
        "--body-numbering", "--section-delimiter", "--footer-numbering",
        "--header-numbering", "--line-increment", "--join-blank-lines", "--number-format",
        "--number-separator", "--starting-line-number", "--number-width"]},
    "tr": {"value_shorts": "", "value_longs": []},
    "paste": {"value_shorts": "d", "value_longs": ["--delimiters"]},
    "tail": {"value_shorts": "cns", "value_longs": [
        "--bytes", "--lines", "--sleep-interval", "--pid", "--max-unchanged-stats"],
             "digit_options": True},
    "fold": {"value_shorts": "w", "value_longs": ["--width"], "digit_options": True},
    "fmt": {"value_shorts": "wpg", "value_longs": ["--width", "--prefix", "--goal"],
            "digit_options": True},
    "join": {"value_shorts": "aejotv12", "value_longs": []},
    "comm": {"value_shorts": "", "value_longs": ["--output-delimiter"]},
    "seq": {"value_shorts": "fs", "value_longs": ["--format", "--separator"]},
    "expand": {"value_shorts": "t", "value_longs": ["--tabs"], "digit_options": True},
    "tac": {"value_shorts": "s", "value_longs": ["--separator"]},
    "base64": {"value_shorts": "w", "value_longs": ["--wrap"]},
    "numfmt": {"value_shorts": "d", "value_longs": [
        "--delimiter", "--field", "--format", "--from", "--from-unit", "--to", "--to-unit",
        "--padding", "--round", "--suffix", "--invalid"]},
    "grep": {"value_shorts": "efmABCdD", "value_longs": [
        "--regexp", "--file", "--max-count", "--after-context", "--before-context",
        "--context", "--label", "--include", "--exclude", "--exclude-dir", "--binary-files",
        "--devices", "--directories", "--group-separator"], "digit_options": True},
    "rev": {"value_shorts": "", "value_longs": []},
    "md5sum": {"value_shorts": "", "value_longs": []},
    "diff": {"value_shorts": "CUFIxXSDL", "value_longs": [
        "--context", "--unified", "--show-function-line", "--ignore-matching-lines",
        "--exclude", "--exclude-from", "--starting-file", "--ifdef", "--label",
        "--line-format", "--width", "--tabsize", "--from-file", "--to-file",
        "--horizon-lines", "--palette"]},
    "od": {"value_shorts": "AjNSt", "value_longs": [
        "--address-radix", "--skip-bytes", "--read-bytes", "--format"]},
    # The second hold-out (added before any plan was generated for these tools).
    "pr": {"value_shorts": "DhlNowW", "optional_shorts": "einsS", "value_longs": [
        "--date-format", "--header", "--length", "--first-line-number", "--indent",
        "--width", "--page-width", "--columns", "--pages"],
           "digit_options": True, "plus_options": True},
    "unexpand": {"value_shorts": "t", "value_longs": ["--tabs"]},
    "factor": {"value_shorts": "", "value_longs": []},
    "tsort": {"value_shorts": "", "value_longs": []},
    "sha1sum": {"value_shorts": "", "value_longs": []},
    "split": {"value_shorts": "abClnt", "value_longs": [
        "--suffix-length", "--additional-suffix", "--bytes", "--line-bytes", "--filter",
        "--lines", "--number", "--separator"], "digit_options": True},
    "basename": {"value_shorts": "s", "value_longs": ["--suffix"]},
    "cmp": {"value_shorts": "in", "value_longs": ["--ignore-initial", "--bytes"]},
    # Tuning tools added in the third round of issue #8 (faults written before any plan).
    "dirname": {"value_shorts": "", "value_longs": []},
    "cat": {"value_shorts": "", "value_longs": []},
    "base32": {"value_shorts": "w", "value_longs": ["--wrap"]},
    "sum": {"value_shorts": "", "value_longs": []},
    "ptx": {"value_shorts": "FMSWbgiow", "value_longs": [
        "--flag-truncation", "--macro-name", "--sentence-regexp", "--word-regexp",
        "--break-file", "--gap-size", "--ignore-file", "--only-file", "--width"]},
    "realpath": {"value_shorts": "", "value_longs": ["--relative-to", "--relative-base"]},
    "truncate": {"value_shorts": "rs", "value_longs": ["--reference", "--size"]},
    # The third hold-out (added before any plan was generated for these tools).
    "sed": {"value_shorts": "efl", "optional_shorts": "i", "value_longs": [
        "--expression", "--file", "--line-length"]},
    "gzip": {"value_shorts": "S", "value_longs": ["--suffix"], "digit_options": True},
    "tee": {"value_shorts": "", "value_longs": []},
    "pathchk": {"value_shorts": "", "value_longs": []},
    "xargs": {"value_shorts": "adEILnPs", "optional_shorts": "eil", "value_longs": [
        "--arg-file", "--delimiter", "--max-lines", "--max-args", "--max-procs",
        "--process-slot-var", "--max-chars"], "options_end_at_operand": True},
    "cksum": {"value_shorts": "al", "value_longs": ["--algorithm", "--length"]},
    "iconv": {"value_shorts": "fto", "value_longs": ["--from-code", "--to-code", "--output"]},
    "mkdir": {"value_shorts": "m", "value_longs": ["--mode"]},
    "expr": {"value_shorts": "", "value_longs": []},
}


def _f(tool: str, name: str, description: str, kind: str, **params: object) -> dict:
    return {"id": f"{tool}.{name}", "tool": tool, "description": description,
            "kind": kind, **params}


FAULTS: list[dict] = [
    # --- sort
    _f("sort", "ignores-reverse", "-r/--reverse accepted but ignored", "drop",
       flags=["-r", "--reverse"]),
    _f("sort", "key-off-by-one", "-k N sorts on field N+1", "bump", flags=["-k", "--key"]),
    _f("sort", "check-always-sorted", "-c/--check exits 0 on unsorted input", "exit",
       **{"from": 1, "to": 0}),
    # --- uniq
    _f("uniq", "ignores-ignore-case", "-i/--ignore-case ignored", "drop",
       flags=["-i", "--ignore-case"]),
    _f("uniq", "count-off-by-one", "-c prints counts one too high", "output",
       mode="bump-first-int", when=["-c", "--count"]),
    _f("uniq", "ignores-repeated", "-d/--repeated ignored", "drop", flags=["-d", "--repeated"]),
    # --- cut
    _f("cut", "field-off-by-one", "-f N cuts field N+1", "bump", flags=["-f", "--fields"]),
    _f("cut", "ignores-only-delimited", "-s/--only-delimited ignored", "drop",
       flags=["-s", "--only-delimited"]),
    _f("cut", "ignores-complement", "--complement ignored", "drop", flags=["--complement"]),
    # --- head
    _f("head", "lines-off-by-one", "-n N prints N-1 lines", "bump", flags=["-n", "--lines"],
       delta=-1),
    _f("head", "bytes-off-by-one", "-c N prints N+1 bytes", "bump", flags=["-c", "--bytes"]),
    _f("head", "no-headers", "several files print no ==> name <== headers", "add",
       args=["-q"]),
    # --- wc
    _f("wc", "no-total", "several files: the total line is missing", "output",
       mode="drop-last-line", min_operands=2),
    _f("wc", "ignores-words", "-w/--words ignored", "drop", flags=["-w", "--words"]),
    _f("wc", "ignores-max-line-length", "-L ignored", "drop",
       flags=["-L", "--max-line-length"]),
    # --- nl
    _f("nl", "ignores-start", "-v/--starting-line-number ignored", "drop",
       flags=["-v", "--starting-line-number"]),
    _f("nl", "ignores-body-style", "-b/--body-numbering ignored", "drop",
       flags=["-b", "--body-numbering"]),
    _f("nl", "width-off-by-one", "-w N pads to N+1", "bump", flags=["-w", "--number-width"]),
    # --- tr
    _f("tr", "ignores-delete", "-d/--delete ignored", "drop", flags=["-d", "--delete"]),
    _f("tr", "ignores-squeeze", "-s/--squeeze-repeats ignored", "drop",
       flags=["-s", "--squeeze-repeats"]),
    _f("tr", "ignores-complement", "-c/-C/--complement ignored", "drop",
       flags=["-c", "-C", "--complement"]),
    # --- paste
    _f("paste", "ignores-delimiters", "-d/--delimiters ignored", "drop",
       flags=["-d", "--delimiters"]),
    _f("paste", "ignores-serial", "-s/--serial ignored", "drop", flags=["-s", "--serial"]),
    _f("paste", "ignores-second-file", "the second FILE is ignored", "operand",
       mode="drop-second"),
    # --- more tuning faults, added while improving the generator (issue #8's categories)
    _f("head", "zero-lines-prints-one", "-n 0 is read as -n 1", "rewrite",
       flags=["-n", "--lines"], pattern=r"^0$", replace="1"),
    _f("head", "all-but-last-as-first", "-n -N (all but the last N) is read as -n N",
       "rewrite", flags=["-n", "--lines"], pattern=r"^-", replace=""),
    _f("cut", "open-range-closed", "an open range N- is read as the single field N",
       "rewrite", flags=["-f", "--fields", "-b", "--bytes", "-c", "--characters"],
       pattern=r"^(\d+)-$", replace=r"\1"),
    _f("cut", "drops-unterminated", "a last line without newline is lost", "input",
       mode="drop-unterminated"),
    _f("nl", "loses-padding", "line numbers lose their padding", "output",
       mode="strip-padding"),
    _f("nl", "increment-off-by-one", "-i N counts in steps of N+1", "bump",
       flags=["-i", "--line-increment"]),
    _f("uniq", "skip-fields-off-by-one", "-f N skips N+1 fields", "bump",
       flags=["-f", "--skip-fields"]),
    _f("uniq", "check-chars-off-by-one", "-w N compares N+1 characters", "bump",
       flags=["-w", "--check-chars"]),
    _f("uniq", "empty-input-fails", "an empty input is an error", "input",
       mode="empty-fails"),
    _f("wc", "ignores-second-file", "the second FILE is ignored", "operand",
       mode="drop-second"),
    _f("sort", "check-quiet-always-ok", "-C (--check=quiet) exits 0 on unsorted input",
       "exit", **{"from": 1, "to": 0}, when=["-C"]),
    _f("paste", "drops-unterminated", "a last line without newline is lost", "input",
       mode="drop-unterminated"),
    # --- tail
    _f("tail", "lines-off-by-one", "-n N prints N+1 lines", "bump", flags=["-n", "--lines"]),
    _f("tail", "plus-as-minus", "-n +N is taken as -n N", "unsign", flags=["-n", "--lines"]),
    _f("tail", "no-headers", "several files print no ==> name <== headers", "add",
       args=["-q"]),
    # --- fold
    _f("fold", "width-off-by-one", "-w N folds at N+1", "bump", flags=["-w", "--width"]),
    _f("fold", "ignores-spaces", "-s/--spaces ignored", "drop", flags=["-s", "--spaces"]),
    _f("fold", "drops-unterminated", "a last line without newline is lost", "input",
       mode="drop-unterminated"),
    # --- fmt
    _f("fmt", "ignores-width", "-w/--width ignored", "drop", flags=["-w", "--width"]),
    _f("fmt", "ignores-uniform-spacing", "-u/--uniform-spacing ignored", "drop",
       flags=["-u", "--uniform-spacing"]),
    _f("fmt", "ignores-split-only", "-s/--split-only ignored", "drop",
       flags=["-s", "--split-only"]),
    # --- join
    _f("join", "ignores-ignore-case", "-i/--ignore-case ignored", "drop",
       flags=["-i", "--ignore-case"]),
    _f("join", "ignores-unpaired", "-a FILENUM ignored", "drop", flags=["-a"]),
    _f("join", "ignores-field-2", "-2 FIELD ignored", "drop", flags=["-2"]),
    # --- comm
    _f("comm", "ignores-1", "-1 ignored", "drop", flags=["-1"]),
    _f("comm", "ignores-3", "-3 ignored", "drop", flags=["-3"]),
    _f("comm", "second-is-first", "FILE2 is read as FILE1", "operand",
       mode="second-is-first"),
    # --- seq
    _f("seq", "last-excluded", "the LAST number is not printed", "output",
       mode="drop-last-line"),
    _f("seq", "ignores-equal-width", "-w/--equal-width ignored", "drop",
       flags=["-w", "--equal-width"]),
    _f("seq", "ignores-separator", "-s/--separator ignored", "drop",
       flags=["-s", "--separator"]),
    # --- expand
    _f("expand", "ignores-tabs", "-t/--tabs ignored", "drop", flags=["-t", "--tabs"]),
    _f("expand", "ignores-initial", "-i/--initial ignored", "drop",
       flags=["-i", "--initial"]),
    _f("expand", "tabs-off-by-one", "-t N stops every N+1", "bump", flags=["-t", "--tabs"]),
    # --- tac
    _f("tac", "drops-unterminated", "a last line without newline is lost", "input",
       mode="drop-unterminated"),
    _f("tac", "ignores-separator", "-s/--separator ignored", "drop",
       flags=["-s", "--separator"]),
    _f("tac", "ignores-before", "-b/--before ignored", "drop", flags=["-b", "--before"]),
    # --- base64
    _f("base64", "wrap-off-by-one", "-w N wraps at N+1", "bump", flags=["-w", "--wrap"]),
    _f("base64", "ignores-ignore-garbage", "-i/--ignore-garbage ignored", "drop",
       flags=["-i", "--ignore-garbage"]),
    _f("base64", "no-final-newline", "the output lacks its final newline", "output",
       mode="drop-final-newline"),
    # --- numfmt
    _f("numfmt", "ignores-to", "--to ignored", "drop", flags=["--to"]),
    _f("numfmt", "loses-padding", "--padding and aligned columns lose their padding",
       "output", mode="strip-padding"),
    _f("numfmt", "field-off-by-one", "--field N converts field N+1", "bump",
       flags=["--field"]),
    # --- grep
    _f("grep", "ignores-invert", "-v/--invert-match ignored", "drop",
       flags=["-v", "--invert-match"]),
    _f("grep", "count-off-by-one", "-c prints counts one too high", "output",
       mode="bump-first-int", when=["-c", "--count"]),
    _f("grep", "no-match-succeeds", "no match exits 0 instead of 1", "exit",
       **{"from": 1, "to": 0}),
    # --- rev
    _f("rev", "drops-unterminated", "a last line without newline is lost", "input",
       mode="drop-unterminated"),
    _f("rev", "drops-empty-lines", "empty lines are lost", "output",
       mode="drop-empty-lines"),
    # --- md5sum
    _f("md5sum", "check-always-ok", "-c/--check exits 0 on a mismatch", "exit",
       **{"from": 1, "to": 0}, when=["-c", "--check"]),
    _f("md5sum", "first-file-only", "only the first FILE is summed", "operand",
       mode="first-only"),
    _f("md5sum", "ignores-tag", "--tag ignored", "drop", flags=["--tag"]),
    # --- diff
    _f("diff", "differences-exit-zero", "differing files exit 0 instead of 1", "exit",
       **{"from": 1, "to": 0}),
    _f("diff", "ignores-ignore-case", "-i/--ignore-case ignored", "drop",
       flags=["-i", "--ignore-case"]),
    _f("diff", "ignores-unified", "-u/--unified ignored", "drop", flags=["-u"]),
    # --- od
    _f("od", "read-bytes-off-by-one", "-N N reads N+1 bytes", "bump",
       flags=["-N", "--read-bytes"]),
    _f("od", "ignores-address-radix", "-A/--address-radix ignored", "drop",
       flags=["-A", "--address-radix"]),
    _f("od", "ignores-skip-bytes", "-j/--skip-bytes ignored", "drop",
       flags=["-j", "--skip-bytes"]),
    # === The second hold-out: written from each tool's --help before any plan existed.
    # --- pr
    _f("pr", "ignores-double-space", "-d/--double-space ignored", "drop",
       flags=["-d", "--double-space"]),
    _f("pr", "ignores-omit-header", "-t/--omit-header ignored", "drop",
       flags=["-t", "--omit-header"]),
    _f("pr", "first-line-number-off-by-one", "-N NUMBER starts counting at NUMBER+1",
       "bump", flags=["-N", "--first-line-number"]),
    # --- unexpand
    _f("unexpand", "ignores-all", "-a/--all ignored", "drop", flags=["-a", "--all"]),
    _f("unexpand", "tabs-off-by-one", "-t N puts tabs N+1 apart", "bump",
       flags=["-t", "--tabs"]),
    _f("unexpand", "drops-unterminated", "a last line without newline is lost", "input",
       mode="drop-unterminated"),
    # --- factor
    _f("factor", "first-number-only", "only the first NUMBER operand is factored",
       "operand", mode="first-only"),
    _f("factor", "drops-unterminated", "a last number on stdin without newline is lost",
       "input", mode="drop-unterminated"),
    _f("factor", "invalid-exit-zero", "an invalid number exits 0 instead of 1", "exit",
       **{"from": 1, "to": 0}),
    # --- tsort
    _f("tsort", "drops-unterminated", "a last line without newline is lost", "input",
       mode="drop-unterminated"),
    _f("tsort", "loop-exit-zero", "input containing a loop exits 0 instead of 1", "exit",
       **{"from": 1, "to": 0}),
    _f("tsort", "drops-last-item", "the last item of the order is not printed", "output",
       mode="drop-last-line"),
    # --- sha1sum
    _f("sha1sum", "check-always-ok", "-c/--check exits 0 on a mismatch", "exit",
       **{"from": 1, "to": 0}, when=["-c", "--check"]),
    _f("sha1sum", "ignores-zero", "-z/--zero ignored", "drop", flags=["-z", "--zero"]),
    _f("sha1sum", "ignores-second-file", "the second FILE is ignored", "operand",
       mode="drop-second"),
    # --- split
    _f("split", "lines-off-by-one", "-l N puts N+1 lines per file", "bump",
       flags=["-l", "--lines"]),
    _f("split", "ignores-numeric-suffixes", "-d ignored (alphabetic suffixes)", "drop",
       flags=["-d"]),
    _f("split", "suffix-length-off-by-one", "-a N makes suffixes of length N+1", "bump",
       flags=["-a", "--suffix-length"]),
    # --- basename
    _f("basename", "ignores-second-operand",
       "the second operand (SUFFIX, or a second NAME with -a) is ignored", "operand",
       mode="drop-second"),
    _f("basename", "ignores-multiple", "-a/--multiple ignored", "drop",
       flags=["-a", "--multiple"]),
    _f("basename", "ignores-zero", "-z/--zero ignored", "drop", flags=["-z", "--zero"]),
    # --- cmp
    _f("cmp", "differ-exit-zero", "differing files exit 0 instead of 1", "exit",
       **{"from": 1, "to": 0}),
    _f("cmp", "ignores-silent", "-s/--quiet/--silent ignored", "drop",
       flags=["-s", "--quiet", "--silent"]),
    _f("cmp", "bytes-off-by-one", "-n LIMIT compares LIMIT+1 bytes", "bump",
       flags=["-n", "--bytes"]),
    # === Tuning, third round of issue #8: written from each tool's --help before any
    # plan was generated for it (several operands, formatting, case, numeric values).
    _f("sort", "ignores-ignore-case", "-f/--ignore-case ignored", "drop",
       flags=["-f", "--ignore-case"]),
    # --- dirname
    _f("dirname", "first-name-only", "only the first NAME operand is printed", "operand",
       mode="first-only"),
    _f("dirname", "ignores-zero", "-z/--zero ignored", "drop", flags=["-z", "--zero"]),
    # --- cat
    _f("cat", "number-loses-padding", "-n/-b line numbers lose their padding", "output",
       mode="strip-padding", when=["-n", "--number", "-b", "--number-nonblank"]),
    _f("cat", "ignores-number-nonblank", "-b/--number-nonblank ignored", "drop",
       flags=["-b", "--number-nonblank"]),
    _f("cat", "ignores-show-ends", "-E/--show-ends ignored", "drop",
       flags=["-E", "--show-ends"]),
    _f("cat", "ignores-squeeze-blank", "-s/--squeeze-blank ignored", "drop",
       flags=["-s", "--squeeze-blank"]),
    _f("cat", "ignores-second-file", "the second FILE is ignored", "operand",
       mode="drop-second"),
    # --- base32
    _f("base32", "wrap-off-by-one", "-w COLS wraps after COLS+1 characters", "bump",
       flags=["-w", "--wrap"]),
    _f("base32", "ignores-ignore-garbage", "-i/--ignore-garbage ignored", "drop",
       flags=["-i", "--ignore-garbage"]),
    _f("base32", "empty-input-fails", "an empty input is an error", "input",
       mode="empty-fails"),
    # --- sum
    _f("sum", "ignores-sysv", "-s/--sysv ignored (BSD sums)", "drop", flags=["-s", "--sysv"]),
    _f("sum", "ignores-second-file", "the second FILE is ignored", "operand",
       mode="drop-second"),
    # --- ptx
    _f("ptx", "ignores-ignore-case", "-f/--ignore-case ignored", "drop",
       flags=["-f", "--ignore-case"]),
    _f("ptx", "width-off-by-one", "-w NUMBER makes lines NUMBER+1 wide", "bump",
       flags=["-w", "--width"]),
    _f("ptx", "gap-size-off-by-one", "-g NUMBER puts NUMBER+1 columns between fields",
       "bump", flags=["-g", "--gap-size"]),
    # --- realpath
    _f("realpath", "first-file-only", "only the first FILE operand is resolved", "operand",
       mode="first-only"),
    _f("realpath", "ignores-relative-to", "--relative-to=DIR ignored", "drop",
       flags=["--relative-to"]),
    _f("realpath", "existing-exit-zero", "-e: a missing component exits 0 instead of 1",
       "exit", **{"from": 1, "to": 0}, when=["-e", "--canonicalize-existing"]),
    # --- truncate (a tool whose work is only in the files it writes)
    _f("truncate", "size-off-by-one", "-s SIZE makes files of SIZE+1 bytes", "bump",
       flags=["-s", "--size"]),
    _f("truncate", "ignores-no-create", "-c/--no-create ignored (missing files created)",
       "drop", flags=["-c", "--no-create"]),
    _f("truncate", "first-file-only", "only the first FILE is truncated", "operand",
       mode="first-only"),
    # === The third hold-out: written from each tool's --help before any plan existed.
    # --- sed
    _f("sed", "ignores-quiet", "-n/--quiet/--silent ignored", "drop",
       flags=["-n", "--quiet", "--silent"]),
    _f("sed", "ignores-in-place", "-i/--in-place ignored (prints, file unchanged)", "drop",
       flags=["-i", "--in-place"]),
    _f("sed", "line-length-off-by-one", "-l N wraps the l command at N+1", "bump",
       flags=["-l", "--line-length"]),
    _f("sed", "drops-unterminated", "a last stdin line without newline is lost", "input",
       mode="drop-unterminated", stdin_only=True),
    # --- gzip
    _f("gzip", "ignores-keep", "-k/--keep ignored (the input file is deleted)", "drop",
       flags=["-k", "--keep"]),
    _f("gzip", "test-always-ok", "-t/--test exits 0 on a corrupt file", "exit",
       **{"from": 1, "to": 0}, when=["-t", "--test"]),
    _f("gzip", "ignores-suffix", "-S/--suffix ignored (.gz used)", "drop",
       flags=["-S", "--suffix"]),
    _f("gzip", "list-size-off-by-one", "-l reports compressed sizes one too high",
       "output", mode="bump-first-int", when=["-l", "--list"]),
    # --- tee
    _f("tee", "ignores-append", "-a/--append ignored (FILEs overwritten)", "drop",
       flags=["-a", "--append"]),
    _f("tee", "ignores-second-file", "the second FILE is not written", "operand",
       mode="drop-second"),
    _f("tee", "write-error-exit-zero", "an unwritable FILE exits 0 instead of 1", "exit",
       **{"from": 1, "to": 0}),
    _f("tee", "drops-unterminated", "a last input line without newline is lost", "input",
       mode="drop-unterminated", stdin_only="always"),
    # --- pathchk
    _f("pathchk", "invalid-exit-zero", "an invalid NAME exits 0 instead of 1", "exit",
       **{"from": 1, "to": 0}),
    _f("pathchk", "ignores-p", "-p (most POSIX systems) ignored", "drop", flags=["-p"]),
    _f("pathchk", "ignores-P", "-P (empty names, leading -) ignored", "drop", flags=["-P"]),
    _f("pathchk", "first-name-only", "only the first NAME is checked", "operand",
       mode="first-only"),
    # --- xargs
    _f("xargs", "max-args-off-by-one", "-n MAX-ARGS passes MAX-ARGS+1 per command",
       "bump", flags=["-n", "--max-args"]),
    _f("xargs", "ignores-no-run-if-empty", "-r/--no-run-if-empty ignored", "drop",
       flags=["-r", "--no-run-if-empty"]),
    _f("xargs", "ignores-null", "-0/--null ignored", "drop", flags=["-0", "--null"]),
    _f("xargs", "ignores-replace", "-I R / -i / --replace ignored", "drop",
       flags=["-I", "-i", "--replace"]),
    # --- cksum
    _f("cksum", "ignores-algorithm", "-a/--algorithm ignored (CRC)", "drop",
       flags=["-a", "--algorithm"]),
    _f("cksum", "check-always-ok", "-c/--check exits 0 on a mismatch", "exit",
       **{"from": 1, "to": 0}, when=["-c", "--check"]),
    _f("cksum", "length-off-by-one", "-l BITS uses one byte more (BITS+8)", "bump",
       flags=["-l", "--length"], delta=8),
    _f("cksum", "ignores-untagged", "--untagged ignored", "drop", flags=["--untagged"]),
    # --- iconv
    _f("iconv", "ignores-omit-invalid", "-c ignored (invalid input is an error)", "drop",
       flags=["-c"]),
    _f("iconv", "ignores-output", "-o/--output ignored (written to stdout)", "drop",
       flags=["-o", "--output"]),
    _f("iconv", "ignores-second-file", "the second FILE is ignored", "operand",
       mode="drop-second"),
    _f("iconv", "invalid-exit-zero", "an invalid input exits 0 instead of 1", "exit",
       **{"from": 1, "to": 0}),
    # --- mkdir
    _f("mkdir", "ignores-parents", "-p/--parents ignored", "drop",
       flags=["-p", "--parents"]),
    _f("mkdir", "ignores-verbose", "-v/--verbose ignored", "drop",
       flags=["-v", "--verbose"]),
    _f("mkdir", "ignores-mode", "-m/--mode ignored", "drop", flags=["-m", "--mode"]),
    _f("mkdir", "ignores-second-directory", "the second DIRECTORY is not created",
       "operand", mode="drop-second"),
    # --- expr
    _f("expr", "null-exit-zero", "a null or 0 result exits 0 instead of 1", "exit",
       **{"from": 1, "to": 0}),
    _f("expr", "syntax-error-exit-one", "an invalid EXPRESSION exits 1 instead of 2",
       "exit", **{"from": 2, "to": 1}),
    _f("expr", "number-off-by-one", "numeric results (sum, length, index) one too high",
       "output", mode="bump-first-int"),
]


# The fourth and fifth hold-out parts live in their own files (hold-out data: not for the
# tuner's eyes).
TOOLS.update(TOOLS4)
TOOLS.update(TOOLS5)
FAULTS += FAULTS4 + FAULTS5
# Tuning faults of the sixth round (T8b: files, exit statuses, durations).
TOOLS.update(TOOLS6B)
FAULTS += FAULTS6B
# Tuning faults of the sixth round (T8a: linters, formatters, converters of code).
TOOLS.update(TOOLS6)
FAULTS += FAULTS6
# Tuning faults of the seventh round (T8 features: converters, value operands,
# document + expression tools).
TOOLS.update(TOOLS7B)
FAULTS += FAULTS7B
# Tuning faults of the seventh round (T8 modes: mode-driven tools, help exiting non-zero).
TOOLS.update(TOOLS7)
FAULTS += FAULTS7
# The sixth hold-out part (catalog_holdout6.py: hold-out data, not for the tuner's eyes).
TOOLS.update(TOOLS_HOLDOUT6)
FAULTS += FAULTS_HOLDOUT6
# The seventh hold-out part (catalog_holdout7.py: hold-out data, not for the tuner's eyes).
TOOLS.update(TOOLS_HOLDOUT7)
FAULTS += FAULTS_HOLDOUT7
HOLDOUT_PARTS = ("second_holdout", "third_holdout", "fourth_holdout", "fifth_holdout",
                 "sixth_holdout", "seventh_holdout")


def pip_requirement(tool: str) -> str | None:
    """The PyPI requirement a plan for ``tool`` installs (``pip:`` step), or None."""
    return TOOLS.get(tool, {}).get("pip")  # type: ignore[return-value]


def split() -> dict[str, list[str]]:
    """``{"tuning": [...], "holdout": [...]}`` from split.json."""
    return json.loads((HERE / "split.json").read_text())


def table() -> dict[str, object]:
    """What the in-container wrapper reads: tools' argument syntax and faults by id."""
    return {"tools": TOOLS, "faults": {f["id"]: f for f in FAULTS}}


def faults_of(tool: str) -> list[dict]:
    return [f for f in FAULTS if f["tool"] == tool]


def _check() -> None:
    tools = split()
    every = tools["tuning"] + tools["holdout"]
    assert not set(tools["tuning"]) & set(tools["holdout"]), "a tool is in both sets"
    for tool in every:
        assert tool in TOOLS, f"{tool} has no argument syntax in TOOLS"
        assert faults_of(tool), f"{tool} has no faults"
    for part in HOLDOUT_PARTS:
        assert set(tools.get(part, [])) <= set(tools["holdout"]), \
            f"{part} names a tool that is not in holdout"


if __name__ == "__main__":
    _check()
    for part, names in split().items():
        if part in HOLDOUT_PARTS:
            print(f"{part} (part of holdout): {', '.join(names)}")
            continue
        print(f"{part}: {len(names)} tools, "
              f"{sum(len(faults_of(t)) for t in names)} faults")
        for tool in names:
            for fault in faults_of(tool):
                print(f"  {fault['id']:36} {fault['description']}")
