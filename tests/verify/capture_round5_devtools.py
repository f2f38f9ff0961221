"""Round five (developer tools) of pairs for the TUNING set
(tests/verify/data/pairs.jsonl): version control, build tools and test runners,
database clients, compressors and archivers, and a package manager, each really run.

    .venv/bin/python tests/verify/capture_round5_devtools.py [--dry-run]

Kinds: Subversion in a fresh repository (a repository UUID, commit dates, working
copy paths under ``mktemp -d``), RCS's ``ci``/``rlog`` (revision dates), ``make``
(``-j`` recipes finishing in either order, ``unordered: true``; ``-w``'s directory
lines), a builder's ``[k/N]`` step counters printed in completion order by a thread
pool (``unordered: true``), ``cargo build``/``test``/``install``/``package`` offline (temp paths,
``Finished ... in 0.52s``, ``finished in 0.00s``), pytest (``N passed in 0.05s``,
``--durations``), ``python -m unittest -v`` (``Ran N tests in 0.001s``), ``python -m
trace --summary`` (a coverage table with temp paths), ``sqlite3`` (``.timer on``'s
``Run Time: real 0.001 user ... sys ...``, ``.changes on``, ``random()`` and
``datetime('now')`` beside row counts), ``bzip2 -v``, ``lz4 -b``'s benchmark (speeds
beside a fixed ratio),
``cpio -itv`` and ``ar tv`` (file dates in listings), ``unzip -v``.

* ``equivalent`` pairs: the unchanged command really run twice (fresh scratch
  directory each time, more than a second apart).
* ``different`` pairs: the command run once more with its input, flags or tool really
  changed (another commit message, one file fewer or more, a failing test, another
  row count, another compression level or input). Nothing is edited after the run.

None of these program names occurs in the fifth or sixth hold-out sets' case lists
(checked with ``grep -c -w``); ``gzip`` and ``zstd`` are left out because they are
tools of ``benchmarks/pairs/holdout.jsonl`` that the tuning set must not run
(``tests/verify/test_pairs_corpus.py``). Records are appended, replacing earlier records with
the same id; ``--dry-run`` prints how the current comparator scores them and writes
them to ``/tmp/round5_devtools.jsonl`` only. Runs on the host (``apt-get install
subversion rcs cpio``; ``cargo`` offline). Not collected by pytest (no ``test_``
prefix).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from capture_gap_pairs import py
from capture_pairs import PY, Case, capture_round

# --- version control -------------------------------------------------------------------
SVN_REPO = ("svnadmin create repo && svn checkout -q file://$PWD/repo wc && cd wc && "
            "printf 'alpha\\n' > a.txt && printf 'beta\\n' > b.txt{more} && svn add -q *.txt && "
            "svn commit -q -m '{message}' && svn update -q")
SVN_LOG = SVN_REPO + " && svn log -v"
SVN_INFO = SVN_REPO + "{again} && svn info"
SVN_STATUS = SVN_REPO + " && printf 'gamma\\n' >> a.txt && rm b.txt && {touch}svn status"
RCS = ("printf 'one\\n' > notes.txt && ci -q -i -t-notes -m'{first}' notes.txt && "
       "co -q -l notes.txt && printf 'two\\n' >> notes.txt && ci -q -m'{second}' notes.txt && "
       "rlog notes.txt")

# --- build tools -----------------------------------------------------------------------
MAKEFILE = (
    "printf 'SHELL := /bin/bash\\nall: {targets}\\n\\t@echo linked {targets}\\n"
    "%%.o:\\n\\t@sleep 0.$$(($$RANDOM %% 3)); echo compiled $@\\n' > Makefile"
)
MAKE_J = "make -s -j4"
MAKE_W = ("mkdir sub && printf 'all:\\n\\t@echo built {what}\\n' > sub/Makefile && "
          "make -w -C sub")
CARGO_NEW = "cargo new --vcs none demo -q && cd demo"
CARGO_MAIN = ("printf 'fn main() {{\\n{body}    println!(\"hello\");\\n}}\\n' > src/main.rs")
CARGO_TESTS = (
    "printf 'pub fn add(a: i32, b: i32) -> i32 {{ a {op} b }}\\n#[cfg(test)]\\nmod tests {{\\n"
    "    use super::*;\\n    #[test]\\n    fn adds() {{ assert_eq!(add(2, 2), 4); }}\\n"
    "    #[test]\\n    fn zero() {{ assert_eq!(add(0, 0), 0); }}\\n}}\\n' > src/lib.rs"
)
CARGO_BUILD = CARGO_NEW + " && " + CARGO_MAIN + " && cargo build --offline 2>&1"
CARGO_TEST = (CARGO_NEW + " && " + CARGO_TESTS
              + " && cargo test --offline --lib -- --test-threads=1 2>&1")
CARGO_INSTALL = (CARGO_NEW + " && sed -i 's/^version = .*/version = \"{version}\"/' Cargo.toml"
                 " && cargo install --offline --path . --root ../inst 2>&1")
CARGO_PACKAGE = (CARGO_NEW + "{extra} && cargo package --offline --allow-dirty --no-verify 2>&1"
                 " && cargo package --offline --allow-dirty --list")

# --- test runners ----------------------------------------------------------------------
PYTEST_FILE = (
    "printf 'import time\\n\\ndef test_fast():\\n    assert 1 + 1 == 2\\n\\n"
    "def test_slow():\\n    time.sleep(0.2)\\n    assert {slow}\\n\\n"
    "def test_medium():\\n    time.sleep(0.05)\\n    assert True\\n' > test_calc.py"
)
PYTEST = f"{PY} -m pytest -p no:cacheprovider {{flags}} test_calc.py 2>&1"
UNITTEST_FILE = (
    "printf 'import time, unittest\\n\\nclass Calc(unittest.TestCase):\\n"
    "    def test_add(self):\\n        self.assertEqual(1 + 1, 2)\\n\\n"
    "    def test_wait(self):\\n        time.sleep(0.01)\\n{extra}\\n"
    "    def test_sub(self):\\n        self.assertEqual(3 - 1, 2)\\n' > test_units.py"
)
UNITTEST = f"{PY} -m unittest -v test_units 2>&1"
TRACE_FILE = ("printf 'def double(n):\\n    return n * 2\\n\\ndef unused():\\n    return 0\\n\\n"
              "for i in range({n}):\\n    double(i)\\n{tail}' > work.py")
TRACE = f"{PY} -m trace --count --summary --missing -C cov work.py 2>&1 | grep -v -e '/lib/python'"

# a builder's step counters ("[3/4] built c.o") printed in completion order
STEPS = """
import random, threading, time
from concurrent.futures import ThreadPoolExecutor
names = {names}
done = 0
lock = threading.Lock()
def build(name):
    global done
    time.sleep(random.uniform(0, 0.3))
    with lock:
        done += 1
        print(f"[{{done}}/{{len(names)}}] built {{name}}", flush=True)
with ThreadPoolExecutor(4) as pool:
    list(pool.map(build, names))
print("build finished")
"""
STEP_NAMES = "['a.o', 'b.o', 'c.o', 'd.o', 'e.o']"

# --- database clients ------------------------------------------------------------------
SQL_ROWS = "create table t(x); insert into t values {rows}; select count(*), sum(x) from t;"
SQLITE_TIMER = "printf '.timer on\\n" + SQL_ROWS + "\\n' | sqlite3 data.db"
SQLITE_CHANGES = ("printf '.changes on\\ncreate table t(x);\\ninsert into t values {rows};\\n"
                  "update t set x = x + 1 where x > {floor};\\n' | sqlite3 data.db")
SQLITE_RANDOM = ("sqlite3 -header -column :memory: \"select {n} as rows_seen, "
                 "datetime('now') as run_at, hex(randomblob(6)) as token;\"")

# --- compressors and archivers ----------------------------------------------------------
INPUT = "seq 1 {count} | sed 's/$/ lorem ipsum/' > input.txt"
BZIP2_V = INPUT + " && bzip2 -v {level} input.txt 2>&1"
LZ4_B = (INPUT + " && lz4 -b{level} -i1 input.txt 2>&1 | tr '\\r' '\\n' | grep -v '^ *[0-9]*#$'"
         " | tail -n 1")
FILES = ("mkdir d && printf 'one\\n' > d/a.txt && printf 'three\\n' > d/c.txt && "
         "seq 1 300 > d/n.txt{more}")
CPIO = FILES + " && find d | sort | cpio -o --quiet > d.cpio && cpio -itv --quiet < d.cpio"
AR = FILES + " && ar rcU lib.a d/*.txt 2>&1 && ar tv lib.a"
UNZIP = FILES + " && zip -q -r {flags}d.zip d && unzip -v d.zip"

ROWS3 = "(1),(2),(3)"
ROWS4 = "(1),(2),(3),(4)"

CASES = [
    Case("svn-log-verbose", "git", SVN_LOG.format(more="", message="first import")),
    Case("svn-info", "git", SVN_INFO.format(more="", message="first import", again="")),
    Case("svn-status", "git", SVN_STATUS.format(more="", message="first import", touch="")),
    Case("rcs-rlog", "git", RCS.format(first="first", second="second")),
    Case("make-j-parallel", "unordered", MAKE_J, setup=MAKEFILE.format(targets="a.o b.o c.o d.o"),
         unordered=True),
    Case("make-w-directories", "paths", MAKE_W.format(what="sub")),
    Case("cargo-build", "durations", CARGO_BUILD.format(body="")),
    Case("cargo-test", "durations", CARGO_TEST.format(op="+")),
    Case("cargo-install", "paths", CARGO_INSTALL.format(version="0.1.0")),
    Case("cargo-package", "paths", CARGO_PACKAGE.format(extra="")),
    Case("pytest-summary", "durations", PYTEST.format(flags="-q"), setup=PYTEST_FILE.format(slow="True")),
    Case("pytest-durations", "durations", PYTEST.format(flags="-q --durations=3"),
         setup=PYTEST_FILE.format(slow="True")),
    Case("pytest-verbose-sleeps", "durations", PYTEST.format(flags="-v"),
         setup=PYTEST_FILE.format(slow="True")),
    Case("unittest-verbose", "durations", UNITTEST, setup=UNITTEST_FILE.format(extra="")),
    Case("trace-summary", "tables", TRACE, setup=TRACE_FILE.format(n=5, tail="")),
    Case("parallel-step-counters", "unordered", py(STEPS.format(names=STEP_NAMES)), unordered=True),
    Case("sqlite-timer-stdin", "durations", SQLITE_TIMER.format(rows=ROWS3)),
    Case("sqlite-changes-on", "stable", SQLITE_CHANGES.format(rows=ROWS3, floor=1)),
    Case("sqlite-random-row", "ids", SQLITE_RANDOM.format(n=3)),
    Case("bzip2-v", "stable", BZIP2_V.format(count=500, level="-9")),
    Case("lz4-bench", "progress", LZ4_B.format(count=2000, level=1)),
    Case("cpio-listing", "files", CPIO.format(more="")),
    Case("ar-listing", "files", AR.format(more="")),
    Case("unzip-verbose", "files", UNZIP.format(more="", flags="")),
]

REAL_CHANGES: list[tuple[Any, ...]] = [
    ("svn-log-other-message", "git", "", SVN_LOG.format(more="", message="first import"),
     SVN_LOG.format(more="", message="first imports")),
    ("svn-log-one-more-file", "git", "", SVN_LOG.format(more="", message="first import"),
     SVN_LOG.format(more=" && printf 'c\\n' > c.txt", message="first import")),
    ("svn-info-second-revision", "git", "", SVN_INFO.format(more="", message="first import", again=""),
     SVN_INFO.format(more="", message="first import",
                     again=" && echo x >> a.txt && svn commit -q -m again && svn update -q")),
    ("svn-status-other-files", "git", "", SVN_STATUS.format(more="", message="first import", touch=""),
     SVN_STATUS.format(more="", message="first import", touch="printf 'new\\n' > n.txt && ")),
    ("rcs-rlog-other-message", "git", "", RCS.format(first="first", second="second"),
     RCS.format(first="first", second="2nd")),
    ("make-j-one-target-fewer", "unordered", "",
     MAKEFILE.format(targets="a.o b.o c.o d.o") + " && " + MAKE_J,
     MAKEFILE.format(targets="a.o b.o c.o") + " && " + MAKE_J, {"unordered": True}),
    ("make-w-other-directory", "paths", "", MAKE_W.format(what="sub"),
     MAKE_W.format(what="sub").replace("mkdir sub", "mkdir sub && mkdir sub2").replace(
         "-C sub", "-C sub2 -f ../sub/Makefile")),
    ("cargo-build-warning", "durations", "", CARGO_BUILD.format(body=""),
     CARGO_BUILD.format(body="    let unused = 1;\\n")),
    ("cargo-test-failing", "durations", "", CARGO_TEST.format(op="+"), CARGO_TEST.format(op="-")),
    ("cargo-install-version", "paths", "", CARGO_INSTALL.format(version="0.1.0"),
     CARGO_INSTALL.format(version="0.1.1")),
    ("cargo-package-one-more-file", "paths", "", CARGO_PACKAGE.format(extra=""),
     CARGO_PACKAGE.format(extra=" && printf 'notes\\n' > NOTES.md")),
    ("pytest-summary-failed", "durations", PYTEST_FILE.format(slow="True"), PYTEST.format(flags="-q"),
     PYTEST.format(flags="-q") + "; sed -i 's/assert True/assert False/' test_calc.py; "
     + PYTEST.format(flags="-q") + " | tail -n 1"),
    ("pytest-durations-deselected", "durations", PYTEST_FILE.format(slow="True"),
     PYTEST.format(flags="-q --durations=3"), PYTEST.format(flags="-q --durations=3 -k 'not medium'")),
    ("pytest-verbose-failed", "durations", "", PYTEST_FILE.format(slow="True") + " && "
     + PYTEST.format(flags="-v"), PYTEST_FILE.format(slow="1 == 2") + " && "
     + PYTEST.format(flags="-v") + " | grep -e PASSED -e FAILED -e passed -e failed"),
    ("unittest-verbose-skipped", "durations", "", UNITTEST_FILE.format(extra="") + " && " + UNITTEST,
     UNITTEST_FILE.format(extra="    test_wait = unittest.skip('slow')(test_wait)") + " && "
     + UNITTEST),
    ("trace-summary-more-calls", "tables", "", TRACE_FILE.format(n=5, tail="") + " && " + TRACE,
     TRACE_FILE.format(n=5, tail="unused()\\n") + " && " + TRACE),
    ("parallel-step-counters-fewer", "unordered", "", py(STEPS.format(names=STEP_NAMES)),
     py(STEPS.format(names=STEP_NAMES.replace(", 'e.o'", ""))), {"unordered": True}),
    ("sqlite-timer-row-count", "durations", "", SQLITE_TIMER.format(rows=ROWS3),
     SQLITE_TIMER.format(rows=ROWS4)),
    ("sqlite-changes-count", "stable", "", SQLITE_CHANGES.format(rows=ROWS3, floor=1),
     SQLITE_CHANGES.format(rows=ROWS3, floor=0)),
    ("sqlite-random-row-count", "ids", "", SQLITE_RANDOM.format(n=3), SQLITE_RANDOM.format(n=4)),
    ("bzip2-v-input", "stable", "", BZIP2_V.format(count=500, level="-9"),
     BZIP2_V.format(count=501, level="-9")),
    ("lz4-bench-level", "progress", "", LZ4_B.format(count=2000, level=1),
     LZ4_B.format(count=2000, level=9)),
    ("cpio-listing-one-more", "files", "", CPIO.format(more=""),
     CPIO.format(more=" && printf 'two\\n' > d/b.txt")),
    ("ar-listing-bigger-file", "files", "", AR.format(more=""),
     AR.format(more=" && printf 'three!\\n' > d/c.txt")),
    ("unzip-verbose-stored", "files", "", UNZIP.format(more="", flags=""),
     UNZIP.format(more="", flags="-0 ")),
]


if __name__ == "__main__":
    sys.exit(capture_round(__doc__ or "", CASES, REAL_CHANGES, Path("/tmp/round5_devtools.jsonl")))
