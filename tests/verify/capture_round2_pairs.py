"""Second round of pairs for the TUNING set (tests/verify/data/pairs.jsonl): real
programs whose reports carry dynamic values the first rounds did not cover.

    .venv/bin/python tests/verify/capture_round2_pairs.py [--dry-run]

Kinds: certificate fingerprints, serials and validity dates (openssl), ``SHA256:``
key fingerprints, pointer-width addresses in ``make -d``, profiler tables (Python's
``profile``), perl's Benchmark, ``/usr/bin/time -v`` reports, ``tar --totals``
rates, ``stat -f`` and ``lscpu`` reports, http.server request logs, logging with
thread ids, node's memory figures, docker volumes, git plumbing.

* ``equivalent`` pairs: the unchanged command really run twice (fresh scratch
  directory each time, more than a second apart).
* ``different`` pairs: the command run once more with the tool or its input really
  changed (a wrapper first on ``PATH`` that bends one behaviour, another argument).
  Nothing is edited after the run.

Records are appended, replacing earlier records with the same id; ``--dry-run``
prints how the current comparator scores them and writes them to
``/tmp/round2_pairs.jsonl`` only. Not collected by pytest (no ``test_`` prefix).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from capture_gap_pairs import node, py, sed_wrapper, wrapper
from capture_pairs import IMAGE, Case, capture_round

CERT = ("openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes "
        "-keyout k.pem -out c.pem -subj /CN={cn} -days {days} 2>/dev/null")
X509_REPORT = ("openssl x509 -in c.pem -noout -subject -serial -fingerprint -sha256 "
               "-startdate -enddate")
KEY_FP = ("echo \"256 SHA256:$(openssl pkey -in k.pem -pubout -outform DER | "
          "openssl dgst -sha256 -binary | openssl base64 -A | tr -d =) capture@host (ECDSA)\"")
FILES = ("mkdir d && printf 'a\\n' > d/a.txt && printf 'bb\\n' > d/b.txt && "
         "head -c 300000 /dev/urandom > d/c.bin")
MAKE_D = ("printf 'all: a b\\na b:\\n\\t@true\\n' > Makefile && "
          "make -d 2>&1 | grep -E '^(Live|Reaping|Removing) child'")
PROFILE_PY = r"""
import profile
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
def main():
    return sum(fib(12) for _ in range(3))
profile.run("main()", sort="calls")
"""
PERL_BENCH = ("perl -MBenchmark=timethis -e 'timethis({n}, sub {{ my $s = 0; "
              "$s += $_ for 1 .. 2000 }}, \"sum\")' 2>&1")
TIME_V = ("env time -v sh -c 'seq 1 200000 | sort -n > /dev/null' 2>&1 | "
          "grep -vE 'Command being|Exit status'; echo status done")
TAR_TOTALS = "tar -cf a.tar --totals d 2>&1; tar -tf a.tar | LC_ALL=C sort"
HTTP_LOG = (
    "python3 -u -m http.server 0 --bind 127.0.0.1 > log 2>&1 & sleep 1; "
    "port=$(grep -o 'port [0-9]*' log | cut -d' ' -f2); "
    "python3 -c \"import urllib.request as u; u.urlopen('http://127.0.0.1:$port/{path}')\" "
    "2>/dev/null; sleep 0.3; kill $!; wait $! 2>/dev/null; cat log"
)
THREAD_LOG_PY = r"""
import logging, threading
logging.basicConfig(format="%(asctime)s [%(threadName)s/%(thread)d] %(levelname)s %(message)s",
                    level=logging.INFO)
def work(n):
    logging.info("job %d finished", n)
t = threading.Thread(target=work, args=(1,), name="worker-1"); t.start(); t.join()
logging.info("all %d jobs finished", 1)
"""
NODE_MEM_JS = r"""
const m = process.memoryUsage();
console.log(`heap used: ${(m.heapUsed / 1048576).toFixed(2)} MB`);
console.log(`rss: ${(m.rss / 1048576).toFixed(2)} MB`);
console.log('argv length', process.argv.length);
"""
DOCKER_VOLUME = ("v=$(docker volume create); echo \"created volume $v\"; "
                 "docker volume inspect --format '{{.Driver}} {{.Name}} {{.CreatedAt}}' \"$v\"; "
                 "docker volume rm \"$v\" >/dev/null")
DOCKER_STATS = (f"docker run -d --name r2-stats-$$ --network none {IMAGE} sleep 20 >/dev/null; "
                "docker stats --no-stream --format "
                "'{{.Name}} cpu={{.CPUPerc}} mem={{.MemPerc}} pids={{.PIDs}}' "
                "r2-stats-$$ | sed 's/r2-stats-[0-9]*/r2-stats/'; docker rm -f r2-stats-$$ >/dev/null")
GIT_REPO = (
    "git init -q -b main repo && cd repo && printf 'one\\n' > a.txt && git add a.txt && "
    "git commit -q -m 'first commit'"
)
PY_SOCKET = (
    "python3 -c 'import socket; s = socket.socket(); s.bind((\"127.0.0.1\", 0)); s.listen(); "
    "h, p = s.getsockname(); print(f\"tcp LISTEN {h}:{p} backlog 128\"); s.close()'"
)
PY_SOCKET_REPR = (
    "python3 -c 'import socket; s = socket.socket(); s.bind((\"127.0.0.1\", 0)); "
    "print(s); s.close()'"
)
PY_IDS = ("python3 -c 'import threading; o = object(); "
          "print(\"object\", type(o).__name__, \"id\", id(o)); "
          "print(\"main thread ident\", threading.main_thread().ident)'")
NODE_TEST_JS = r"""
const test = require('node:test');
const assert = require('node:assert');
test('adds', () => { assert.strictEqual(1 + 1, 2); });
test('loops', () => { let s = 0; for (let i = 0; i < 1e5; i++) s += i; assert.ok(s > 0); });
"""
TIMEDELTA_PY = r"""
import datetime, time
start = datetime.datetime.now()
time.sleep(0.05)
print("step done, elapsed", datetime.datetime.now() - start)
print("steps: 1")
"""
PKEY_TEXT = "openssl pkey -in k.pem -noout -text | head -4"
SLEEP_RATE_PY = r"""
import time
n, t = 0, time.perf_counter()
while time.perf_counter() - t < 0.2:
    n += 1
rate = n / (time.perf_counter() - t)
print(f"checked {1000} items, {rate / 1e6:.2f} M loops/s, {rate / 1e3:.1f} kops/s")
"""

CASES = [
    # --- certificates and keys ----------------------------------------------------------
    Case("openssl-x509-report", "ids", X509_REPORT, setup=CERT.format(cn="svc", days=30)),
    Case("openssl-key-fingerprint", "ids", KEY_FP, setup=CERT.format(cn="svc", days=30)),
    Case("openssl-rand-hex", "ids", "echo \"session key: $(openssl rand -hex 16)\""),
    Case("openssl-x509-serial-upper", "ids",
         "openssl x509 -in c.pem -noout -serial -fingerprint -sha1",
         setup=CERT.format(cn="svc", days=30)),
    # --- addresses ------------------------------------------------------------------------
    Case("make-debug-children", "processes", MAKE_D),
    # --- profilers and benchmarks ---------------------------------------------------------
    Case("python-profile", "durations", py(PROFILE_PY, then="> out; head -12 out")),
    Case("perl-benchmark", "durations", PERL_BENCH.format(n=20000)),
    Case("usr-bin-time-v", "durations", TIME_V),
    Case("py-rates", "durations", py(SLEEP_RATE_PY)),
    # --- totals and rates -------------------------------------------------------------------
    Case("tar-totals", "files", TAR_TOTALS, setup=FILES),
    # --- filesystem and cpu reports ---------------------------------------------------------
    Case("stat-f", "files", "stat -f -c 'type=%T block=%s namelen=%l' . && stat -c '%n %s %F' d/a.txt",
         setup=FILES),
    Case("lscpu-mhz", "processes",
         "lscpu | grep -E '^(Architecture|CPU\\(s\\)|Model name|Thread|CPU max|CPU min"
         "|CPU MHz|CPU\\(s\\) scaling)'"),
    # --- servers and logs ---------------------------------------------------------------------
    Case("http-server-log", "network", HTTP_LOG.format(path="")),
    Case("thread-logging", "ids", py(THREAD_LOG_PY, then="2>&1")),
    Case("socket-listing", "network", PY_SOCKET),
    Case("node-memory", "processes", node(NODE_MEM_JS)),
    # --- docker ------------------------------------------------------------------------------
    Case("docker-volume", "docker", DOCKER_VOLUME, docker=True),
    Case("docker-stats", "docker", DOCKER_STATS, docker=True),
    # --- git plumbing --------------------------------------------------------------------------
    Case("git-cat-file", "git", "git cat-file -p HEAD", setup=GIT_REPO),
    Case("git-for-each-ref", "git",
         "git for-each-ref --format='%(objectname:short) %(refname) %(committerdate:iso8601)'",
         setup=GIT_REPO),
    # --- dates and seeds -------------------------------------------------------------------------
    Case("awk-srand", "datetime", "awk 'BEGIN { srand(); print \"seeded with\", srand() }'"),
    Case("date-plus-days", "datetime", "echo \"expires $(date -d '+30 days' '+%Y-%m-%d')\""),
    Case("socket-repr", "network", PY_SOCKET_REPR),
    Case("python-ids", "ids", PY_IDS),
    Case("node-test-runner", "durations",
         "cat > t.test.js <<'EOF'\n" + NODE_TEST_JS + "\nEOF\nnode --test t.test.js 2>&1"),
    Case("python-timedelta", "durations", py(TIMEDELTA_PY)),
    Case("openssl-pkey-text", "ids", PKEY_TEXT, setup=CERT.format(cn="svc", days=30)),
    Case("openssl-x509-text", "ids",
         "openssl x509 -in c.pem -noout -text | grep -E -A1 'Serial Number|Not Before'",
         setup=CERT.format(cn="svc", days=30)),
    Case("python-zipfile-list", "files", "python3 -m zipfile -c a.zip d && python3 -m zipfile -l a.zip",
         setup=FILES),
    Case("python-tarfile-list", "files",
         "python3 -m tarfile -c a.tar d && python3 -m tarfile -v -l a.tar | LC_ALL=C sort -k6",
         setup=FILES),
    Case("stat-full", "files", "stat d/a.txt", setup=FILES),
    Case("perl-hires", "durations",
         "perl -MTime::HiRes=time,sleep -e '$t = time; sleep 0.02; "
         "printf \"slept for %.4f seconds\\n\", time - $t'"),
    Case("docker-inspect-times", "docker",
         f"c=$(docker run -d --network none {IMAGE} sleep 5); "
         "docker inspect --format 'started {{.State.StartedAt}} running={{.State.Running}} "
         "ip={{.NetworkSettings.IPAddress}}' $c; docker rm -f $c >/dev/null", docker=True),
]

REAL_CHANGES: list[tuple[Any, ...]] = [
    # certificates: subject, validity and the kind of digest are data
    ("openssl-x509-subject", "ids", "", CERT.format(cn="svc", days=30) + " && " + X509_REPORT,
     CERT.format(cn="svd", days=30) + " && " + X509_REPORT),
    ("openssl-x509-days", "ids", "", CERT.format(cn="svc", days=30) + " && " + X509_REPORT,
     CERT.format(cn="svc", days=365) + " && " + X509_REPORT),
    ("openssl-digest-kind", "ids", CERT.format(cn="svc", days=30),
     "openssl x509 -in c.pem -noout -fingerprint -sha256",
     "openssl x509 -in c.pem -noout -fingerprint -sha1"),
    ("openssl-key-fp-truncated", "ids", CERT.format(cn="svc", days=30), KEY_FP,
     KEY_FP.replace("tr -d =)", "tr -d = | cut -c1-40)")),
    ("openssl-key-fp-type", "ids", CERT.format(cn="svc", days=30), KEY_FP,
     KEY_FP.replace("(ECDSA)", "(RSA)")),
    ("openssl-rand-shorter", "ids", "", "echo \"session key: $(openssl rand -hex 16)\"",
     "echo \"session key: $(openssl rand -hex 12)\""),
    ("openssl-fp-separator", "ids", CERT.format(cn="svc", days=30),
     "openssl x509 -in c.pem -noout -fingerprint -sha256",
     sed_wrapper("openssl", "s/:/-/2g") + "openssl x509 -in c.pem -noout -fingerprint -sha256"),
    # addresses: the words beside them are data
    ("make-debug-target", "processes", "", MAKE_D, MAKE_D.replace("a b:", "a c:")
     .replace("all: a b", "all: a c")),
    # profilers: the call counts and function names are data
    ("python-profile-calls", "durations", "", py(PROFILE_PY, then="> out; head -12 out"),
     py(PROFILE_PY.replace("range(3)", "range(4)"), then="> out; head -12 out")),
    ("python-profile-depth", "durations", "", py(PROFILE_PY, then="> out; head -12 out"),
     py(PROFILE_PY.replace("fib(12)", "fib(11)"), then="> out; head -12 out")),
    ("perl-benchmark-count", "durations", "", PERL_BENCH.format(n=20000),
     PERL_BENCH.format(n=30000)),
    ("perl-benchmark-label", "durations", "", PERL_BENCH.format(n=20000),
     PERL_BENCH.format(n=20000).replace('"sum"', '"total"')),
    ("time-v-exit", "durations", "", TIME_V.replace("grep -vE 'Command being|Exit status'",
                                                    "grep -E 'Exit status|Elapsed'"),
     TIME_V.replace("sort -n > /dev/null'", "sort -n > /dev/null; exit 3'")
     .replace("grep -vE 'Command being|Exit status'", "grep -E 'Exit status|Elapsed'")),
    ("time-v-swaps-word", "durations", "", TIME_V,
     wrapper("time", '"$REAL" "$@" 2>&1 | sed "s/Swaps:/Swapped:/"') + TIME_V),
    ("py-rates-count", "durations", "", py(SLEEP_RATE_PY),
     py(SLEEP_RATE_PY.replace("{1000}", "{1001}"))),
    ("py-rates-unit", "durations", "", py(SLEEP_RATE_PY),
     py(SLEEP_RATE_PY.replace("kops/s", "ops/ms"))),
    # totals: the byte count is data
    ("tar-totals-more", "files", FILES, TAR_TOTALS,
     "printf 'ccc\\n' > d/d.txt && " + TAR_TOTALS),
    ("tar-totals-member-lost", "files", FILES, TAR_TOTALS,
     TAR_TOTALS.replace("--totals d", "--totals --exclude=b.txt d")),
    # reports: the keys and fixed figures are data
    ("stat-f-type", "files", FILES,
     "stat -f -c 'type=%T block=%s namelen=%l' . && stat -c '%n %s %F' d/a.txt",
     "stat -f -c 'type=%T block=%s namelen=%l' /proc && stat -c '%n %s %F' d/a.txt"),
    ("lscpu-arch-word", "processes", "", "lscpu | grep -E '^(Architecture|CPU\\(s\\)|CPU MHz)'",
     sed_wrapper("lscpu", "s/^Architecture:/Arch:        /") +
     "lscpu | grep -E '^(Arch|CPU\\(s\\)|CPU MHz)'"),
    # servers: the path and the status are data
    ("http-server-404", "network", "", HTTP_LOG.format(path=""),
     HTTP_LOG.format(path="missing.txt")),
    ("socket-host", "network", "", PY_SOCKET, PY_SOCKET.replace("backlog 128", "backlog 64")),
    ("thread-logging-name", "ids", "", py(THREAD_LOG_PY, then="2>&1"),
     py(THREAD_LOG_PY.replace('name="worker-1"', 'name="worker-2"'), then="2>&1")),
    ("thread-logging-level", "ids", "", py(THREAD_LOG_PY, then="2>&1"),
     py(THREAD_LOG_PY.replace('logging.info("job', 'logging.warning("job'), then="2>&1")),
    ("node-memory-argv", "processes", "", node(NODE_MEM_JS),
     node(NODE_MEM_JS).replace("node -", "node - extra")),
    # docker: the driver and the names are data
    ("docker-stats-pids", "docker", "", DOCKER_STATS,
     DOCKER_STATS.replace("sleep 20", "sh -c \"sleep 20 & sleep 20\""), {"docker": True}),
    ("docker-volume-word", "docker", "", DOCKER_VOLUME,
     DOCKER_VOLUME.replace("created volume", "made volume"), {"docker": True}),
    # git: the message and the tree are data
    ("git-cat-file-message", "git", "", GIT_REPO + " && git cat-file -p HEAD",
     GIT_REPO.replace("first commit", "1st commit") + " && git cat-file -p HEAD"),
    ("git-for-each-ref-branch", "git", "",
     GIT_REPO + " && git for-each-ref --format='%(objectname:short) %(refname)'",
     GIT_REPO.replace("-b main", "-b trunk") +
     " && git for-each-ref --format='%(objectname:short) %(refname)'"),
    ("socket-repr-family", "network", "", PY_SOCKET_REPR,
     PY_SOCKET_REPR.replace("socket.socket()", "socket.socket(type=socket.SOCK_DGRAM)")),
    ("python-ids-type", "ids", "", PY_IDS, PY_IDS.replace("o = object()", "o = []")),
    ("node-test-fails", "durations", "",
     "cat > t.test.js <<'EOF'\n" + NODE_TEST_JS + "\nEOF\nnode --test t.test.js 2>&1 | "
     "grep -E '^# (tests|pass|fail)'",
     "cat > t.test.js <<'EOF'\n" + NODE_TEST_JS.replace("1 + 1, 2", "1 + 1, 3") +
     "\nEOF\nnode --test t.test.js 2>&1 | grep -E '^# (tests|pass|fail)'"),
    ("python-timedelta-steps", "durations", "", py(TIMEDELTA_PY),
     py(TIMEDELTA_PY.replace("steps: 1", "steps: 2"))),
    ("openssl-pkey-curve", "ids", "", CERT.format(cn="svc", days=30) + " && " + PKEY_TEXT,
     CERT.format(cn="svc", days=30).replace("prime256v1", "secp384r1") + " && " + PKEY_TEXT),
    ("date-plus-days-off", "datetime", "", "echo \"expires $(date -d '+30 days' '+%Y-%m-%d')\"",
     "echo \"expires $(date -d '+31 days' '+%Y-%m-%d')\""),
    ("awk-srand-word", "datetime", "", "awk 'BEGIN { srand(); print \"seeded with\", srand() }'",
     wrapper("awk", '"$REAL" "$@" | sed "s/seeded/seed/"') +
     "awk 'BEGIN { srand(); print \"seeded with\", srand() }'"),
]


if __name__ == "__main__":
    sys.exit(capture_round(__doc__ or "", CASES, REAL_CHANGES, Path("/tmp/round2_pairs.jsonl")))
