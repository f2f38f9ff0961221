"""A SECOND hold-out corpus: benchmarks/pairs/holdout2.jsonl, from tools in neither set.

    .venv/bin/python benchmarks/pairs/holdout2_cases.py [--out PATH] [--only ID,ID]

The cases and their capture script in one file; the machinery (fresh scratch directory,
sandbox or host runner, two passes in different minutes, the checks before writing) is
capture.py's. Each ``Case`` runs twice (an ``equivalent`` pair); each ``Change`` runs a
really changed tool once (a ``different`` pair against the case's first run). No tool
here appears in tests/verify/data/pairs.jsonl or benchmarks/pairs/holdout.jsonl
(helpers such as ``sleep``, ``head`` or ``mktemp`` only feed them). Labels come from
what was run, never from a verdict. Not to be read while changing
pytest_testronaut/verify/ (see README.md next to this file).
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent.parent))

from capture import capture_set  # noqa: E402
from holdout_cases import Case, Change  # noqa: E402

DATA = HERE / "holdout2.jsonl"


FIB_PY = ("printf 'import os\\ndef fib(n):\\n    return n if n < 2 else fib(n - 1) + fib(n - 2)\\n"
          "print(fib(int(os.environ.get(\"N\", \"15\"))))\\n' > prog.py")
CALC = "printf 'def add(a, b):\\n    return a + b\\n\\ndef mul(a, b):\\n    return a * b\\n' > calc.py"
CALC_BUG = ("printf 'def add(a, b):\\n    return a + b\\n\\ndef mul(a, b):\\n    return a * b + 1\\n' "
            "> calc.py")
TEST_CALC = (
    "printf 'import time, unittest\\nfrom calc import add, mul\\n\\nclass CalcTest(unittest.TestCase):\\n"
    "    def test_add(self):\\n        self.assertEqual(add(2, 3), 5)\\n\\n    def test_mul(self):\\n"
    "        self.assertEqual(mul(4, 5), 20)\\n\\n    def test_slow(self):\\n        time.sleep(0.02)\\n"
    "        self.assertTrue(add(1, 1))\\n' > test_calc.py"
)
MP_PY = r"""
import hashlib, multiprocessing, os, pathlib
def digest(name):
    return os.getpid(), name, hashlib.sha1(pathlib.Path(name).read_bytes()).hexdigest()[:12]
if __name__ == "__main__":
    with multiprocessing.Pool(3) as pool:
        for pid, name, h in pool.imap_unordered(digest, sorted(map(str, pathlib.Path(".").glob("*.dat")))):
            print(f"worker {pid}: {name} sha1 {h}")
"""
DATS = "for n in 1 2 3 4 5; do printf 'chunk %s\\n' $n > part$n.dat; done"
NODE_PINO = r"""
const crypto = require('crypto'), os = require('os');
const status = Number(process.env.STATUS || 200);
const log = (level, msg, extra) => console.log(JSON.stringify({level, time: Date.now(), pid: process.pid,
  hostname: os.hostname(), reqId: crypto.randomUUID(), msg, ...extra}));
log(30, 'server listening', {port: 3000});
const t0 = process.hrtime.bigint();
for (let i = 0; i < 1e5; i++) Math.sqrt(i);
log(30, 'request completed', {method: 'GET', url: '/api/orders', statusCode: status,
  responseTime: Number(process.hrtime.bigint() - t0) / 1e6});
if (!process.env.QUIET) log(40, 'cache miss', {key: 'orders:page:1'});
"""
NODE_TABLE = r"""
const crypto = require('crypto');
const failing = process.env.FAILING || '';
const rows = ['unit', 'integration', 'e2e'].map((suite) => ({
  suite, run: crypto.randomBytes(3).toString('hex'),
  ms: Math.round(Math.random() * (suite === 'unit' ? 90 : 9000)),
  result: suite === failing ? 'failed' : 'passed'}));
console.table(rows);
"""
NODE_WORKERS = r"""
const jobs = (process.env.JOBS || 'resize thumbnail watermark upload').split(' ');
const broken = process.env.BROKEN || '';
Promise.all(jobs.map((job) => new Promise((done) => {
  const ms = 5 + Math.floor(Math.random() * 40);
  setTimeout(() => { console.log(`${job} ${job === broken ? 'failed' : 'finished'} after ${ms}ms`); done(); }, ms);
}))).then(() => console.log('all jobs settled'));
"""  # noqa: E501
NODE_THROW = ("printf 'const cfg = require(\"./config.json\");\\nfunction start(c) {\\n"
              "%b  if (!c.port) throw new Error(\"port missing in \" + __dirname);\\n}\\nstart(cfg);\\n' "
              "\"$PAD\" > \"$d/app.js\" && echo '{}' > \"$d/config.json\"")
CTIME_C = ("printf '#include <stdio.h>\\nint main(void) {\\n  printf(\"mytool %%s built %%s %%s\\\\n\", "
           "\"%s\", __DATE__, __TIME__);\\n  return 0;\\n}\\n' \"$VERSION\" > v.c")
PKG = ("mkdir -p pkg/DEBIAN pkg/usr/bin && printf 'Package: hello\\nVersion: 1.0\\nArchitecture: all\\n"
       "Maintainer: CI <ci@example.org>\\nDescription: greeting\\n' > pkg/DEBIAN/control && "
       "printf '#!/bin/sh\\necho hello\\n' > pkg/usr/bin/hello && chmod 755 pkg/usr/bin/hello")
PATCH_SETUP = (
    "d=$(mktemp -d) && printf 'host=db\\nport=5432\\nuser=app\\npool=5\\n' > orig.conf && "
    "sed 's/pool=5/pool=20/' orig.conf > new.conf; diff -u orig.conf new.conf > fix.diff; "
    "{ printf '%s' \"$HEADER\"; cat orig.conf; } > \"$d/app.conf\""
)
SITE = ("mkdir -p site/css && seq 200 | sed 's,.*,<p>item &</p>,' > site/index.html && "
        "printf 'body{margin:0}\\n' > site/css/main.css")
MKFS = "truncate -s 8M fs.img && mke2fs -q -F -t ext4 fs.img"
WEBLOG = "shuf -r -n 300 -e GET GET GET POST POST PUT DELETE HEAD > verbs.txt"

CASES: list[Case] = [
    # --- timing lines ---------------------------------------------------------------
    Case("cprofile-fib", "timing", "python3 -m cProfile", "python3 -m cProfile -s ncalls prog.py",
         setup=FIB_PY, changes=[
             Change("n-16", "fib(16) instead of fib(15): more calls, another result", env={"N": "16"}),
         ]),
    Case("unittest-verbose", "timing", "python3 -m unittest", "python3 -m unittest -v test_calc 2>&1",
         setup=f"{CALC} && {TEST_CALC}", changes=[
             Change("mul-off-by-one", "mul() returns one too many: a test fails",
                    setup=f"{CALC_BUG} && {TEST_CALC}"),
         ]),
    Case("importtime", "timing", "python3 -X importtime", "python3 -X importtime -c 'import json' 2>&1",
         changes=[
             Change("imports-csv", "the tool imports csv too",
                    "python3 -X importtime -c 'import json, csv' 2>&1"),
         ]),
    Case("strace-summary", "timing", "strace", "strace -c -w -S name seq 2000 2>&1 >/dev/null",
         host=True,
         changes=[
             Change("more-output", "seq 200000: more write calls",
                    "strace -c -w -S name seq 200000 2>&1 >/dev/null"),
         ]),
    Case("script-typescript", "timing", "script",
         "script -q -e -c 'echo building; sleep 0.2; echo done; exit ${RC:-0}' log.txt >/dev/null; "
         "echo \"exit $?\"; cat log.txt", changes=[
             Change("exit-3", "the recorded command fails with 3", env={"RC": "3"}),
         ]),
    Case("node-console-time", "timing", "node",
         "node -e 'console.time(\"build\"); let s = 0; for (let i = 0; i < Number(process.env.N); i++) "
         "s += i; console.timeEnd(\"build\"); console.log(\"checksum\", s)'", host=True,
         env={"N": "1000000"}, changes=[
             Change("one-more", "one more loop iteration", env={"N": "1000001"}),
         ]),
    Case("flock-verbose", "timing", "flock", "flock --verbose app.lock echo 'in critical section'; "
         "echo \"exit $?\"", changes=[
             Change("lock-held", "another process holds the lock: timeout",
                    "flock app.lock sleep 2 & sleep 0.3; flock --verbose -w 0.2 app.lock "
                    "echo 'in critical section'; echo \"exit $?\""),
         ]),
    # --- temp files -----------------------------------------------------------------
    Case("shred-passes", "tempfiles", "shred",
         "d=$(mktemp -d) && head -c 4096 /dev/zero > \"$d/secret.key\" && "
         "shred -v -n 2 -u \"$d/secret.key\" 2>&1",
         changes=[
             Change("three-passes", "-n 3: one more pass", "d=$(mktemp -d) && head -c 4096 /dev/zero > "
                    "\"$d/secret.key\" && shred -v -n 3 -u \"$d/secret.key\" 2>&1"),
         ]),
    Case("mv-verbose", "tempfiles", "mv",
         "d=$(mktemp -d) && mv -v a.txt b.txt c.txt \"$d\"/ 2>&1; echo \"exit $?\"",
         setup="touch a.txt b.txt c.txt", changes=[
             Change("missing-input", "c.txt is not there", setup="touch a.txt b.txt"),
         ]),
    Case("chown-verbose", "tempfiles", "chown", "f=$(mktemp) && chown -v 1000:1000 \"$f\"", host=True,
         changes=[
        Change("group-1001", "a chown given group 1001", "f=$(mktemp) && chown -v 1000:1001 \"$f\""),
    ]),
    Case("namei-long", "tempfiles", "namei",
         "d=$(mktemp -d) && mkdir -p \"$d/app/conf\" && touch \"$d/app/conf/site.ini\" && "
         "namei -l \"$d/app/conf/site.ini\"", changes=[
             Change("private-dir", "app/ is mode 700", "d=$(mktemp -d) && mkdir -p \"$d/app/conf\" && "
                    "chmod 700 \"$d/app\" && touch \"$d/app/conf/site.ini\" && "
                    "namei -l \"$d/app/conf/site.ini\""),
         ]),
    Case("csplit-sections", "tempfiles", "csplit",
         "d=$(mktemp -d) && csplit -f \"$d/section\" report.txt '/^== /' '{*}' && echo \"into $d\"",
         setup="printf 'header\\n== a\\n1\\n2\\n== b\\n3\\n== c\\n4\\n5\\n6\\n' > report.txt", changes=[
             Change("line-lost", "section b lost a line",
                    setup="printf 'header\\n== a\\n1\\n2\\n== b\\n== c\\n4\\n5\\n6\\n' > report.txt"),
         ]),
    Case("gcc-warning", "tempfiles", "gcc",
         "d=$(mktemp -d) && printf 'int main(void) {\\n%b  int unused;\\n  return 0;\\n}\\n' \"$PAD\" "
         "> \"$d/main.c\" && gcc -Wall -c \"$d/main.c\" -o \"$d/main.o\" 2>&1; echo \"exit $?\"", host=True,
         env={"PAD": ""}, changes=[
             Change("line-3", "the unused variable one line further down", env={"PAD": "\\n"}),
         ]),
    Case("patch-offset", "tempfiles", "patch", "patch \"$d/app.conf\" fix.diff; echo \"exit $?\"; "
         "cat \"$d/app.conf\"", setup=PATCH_SETUP, host=True, env={"HEADER": "# app\n"}, changes=[
             Change("offset-2", "two header lines: the hunk lands 2 lines on",
                    env={"HEADER": "# app\n# v2\n"}),
         ]),
    Case("dpkg-deb-build", "tempfiles", "dpkg-deb",
         "d=$(mktemp -d) && dpkg-deb --root-owner-group --build pkg \"$d/hello_1.0_all.deb\" && "
         "dpkg-deb -c \"$d/hello_1.0_all.deb\"", setup=PKG, changes=[
             Change("script-longer", "the packaged script is one byte longer",
                    setup=PKG + " && printf '#!/bin/sh\\necho hello!\\n' > pkg/usr/bin/hello"),
         ]),
    Case("mkswap-file", "ids", "mkswap", "truncate -s 1M swap.img && mkswap swap.img 2>&1", changes=[
        Change("2m", "a 2 MiB swap file", "truncate -s 2M swap.img && mkswap swap.img 2>&1"),
        Change("label", "a label given", "truncate -s 1M swap.img && mkswap -L swap0 swap.img 2>&1"),
    ]),
    # --- ids --------------------------------------------------------------------------
    Case("ssh-keygen", "ids", "ssh-keygen", "ssh-keygen -t ed25519 -N '' -C deploy@ci -f id_deploy",
         host=True, changes=[
             Change("other-comment", "another key comment",
                    "ssh-keygen -t ed25519 -N '' -C deploy@cd -f id_deploy"),
             Change("ecdsa", "an ECDSA key instead of ED25519",
                    "ssh-keygen -t ecdsa -N '' -C deploy@ci -f id_deploy"),
         ]),
    Case("gpg-quick-key", "ids", "gpg",
         "export GNUPGHOME=$(mktemp -d) && gpg --batch --passphrase '' --quick-gen-key "
         "'CI Bot <ci@example.org>' ed25519 sign \"$EXPIRE\" 2>&1 && gpg --list-keys 2>&1; "
         "gpgconf --kill gpg-agent", host=True, env={"EXPIRE": "1y"}, changes=[
             Change("expires-2y", "the key expires after two years", env={"EXPIRE": "2y"}),
         ]),
    Case("ldd-addresses", "ids", "ldd", "ldd /usr/bin/rmdir", changes=[
        Change("links-selinux", "a binary that links libselinux too", "ldd /usr/bin/mkdir"),
    ]),
    Case("pmap", "ids", "pmap", "sleep 30 & sleep 0.2; pmap $! | sed -n '1,6p;$p'; kill $!", changes=[
        Change("header-lost", "a pmap that loses its header line",
               setup="", wrap=("pmap", "pmap \"$@\" | sed 1d")),
    ]),
    Case("sysctl-uuid", "ids", "sysctl", "sysctl kernel.random.uuid kernel.random.boot_id kernel.pid_max",
         changes=[
             Change("other-key", "threads-max asked instead of pid_max",
                    "sysctl kernel.random.uuid kernel.random.boot_id kernel.threads-max"),
         ]),
    Case("base32-otp", "ids", "base32", "printf 'otp secret: %s\\n' \"$(head -c 20 /dev/urandom | base32)\"",
         changes=[
             Change("shorter", "15 random bytes instead of 20",
                    "printf 'otp secret: %s\\n' \"$(head -c 15 /dev/urandom | base32)\""),
         ]),
    Case("basenc-url", "ids", "basenc",
         "echo \"state=$(head -c 24 /dev/urandom | basenc --base64url)&client=web\"", changes=[
             Change("client-cli", "another client", "echo \"state=$(head -c 24 /dev/urandom | "
                    "basenc --base64url)&client=cli\""),
         ]),
    Case("sha512-version", "checksums", "sha512sum", "sha512sum VERSION nonce.bin",
         setup="printf 'v2.0.1\\n' > VERSION && head -c 100 /dev/urandom > nonce.bin", changes=[
             Change("v2.0.2", "another release in VERSION",
                    setup="printf 'v2.0.2\\n' > VERSION && head -c 100 /dev/urandom > nonce.bin"),
         ]),
    Case("sha384-tag", "checksums", "sha384sum", "sha384sum --tag release.tar",
         setup="head -c 2048 /dev/urandom > release.tar", changes=[
             Change("untagged", "a sha384sum that prints the GNU style", "sha384sum release.tar"),
         ]),
    Case("pkill-echo", "ids", "pkill", "sleep 30 & sleep 31 & sleep 0.2; pkill -e -P $$ sleep", changes=[
        Change("one-worker", "only one worker started", "sleep 30 & sleep 0.2; pkill -e -P $$ sleep"),
    ]),
    Case("pwdx", "ids", "pwdx", "d=$(mktemp -d); (cd \"$d\" && exec sleep 30) & sleep 0.2; pwdx $!; kill $!",
         changes=[
             Change("subdir", "the worker runs in a subdirectory",
                    "d=$(mktemp -d); mkdir \"$d/work\"; (cd \"$d/work\" && exec sleep 30) & sleep 0.2; "
                    "pwdx $!; kill $!"),
         ]),
    Case("taskset-mask", "ids", "taskset", "sleep 30 & taskset -p $!; kill $!", changes=[
        Change("pinned", "pinned to cpu 0", "taskset -c 0 sleep 30 & sleep 0.1; taskset -p $!; kill $!"),
    ]),
    Case("chrt-policy", "ids", "chrt", "sleep 30 & sleep 0.1; chrt -p $!; kill $!", changes=[
        Change("batch", "started under SCHED_BATCH", "chrt -b 0 sleep 30 & sleep 0.1; chrt -p $!; kill $!"),
    ]),
    Case("renice", "ids", "renice", "sleep 30 & renice -n 5 -p $!; kill $!", changes=[
        Change("off-by-one", "nice 6 instead of 5", "sleep 30 & renice -n 6 -p $!; kill $!"),
    ]),
    Case("choom", "ids", "choom", "sleep 30 & sleep 0.1; choom -p $!; kill $!", changes=[
        Change("adjusted", "started with OOM adjust 300",
               "choom -n 300 -- sleep 30 & sleep 0.1; choom -p $!; kill $!"),
    ]),
    Case("lsof-fd", "ids", "lsof", "exec 3>\"$(mktemp)\"; lsof -w -a -p $$ -d 3; true", host=True, changes=[
        Change("read-write", "the file opened read-write (3u)",
               "exec 3<>\"$(mktemp)\"; lsof -w -a -p $$ -d 3; true"),
    ]),
    Case("ss-listen", "ids", "ss",
         "python3 -c 'import socket, sys, time; s = socket.socket(); s.bind((\"127.0.0.1\", 0)); "
         "s.listen(int(sys.argv[1])); open(\"port\", \"w\").write(str(s.getsockname()[1])); time.sleep(3)' "
         "\"$BACKLOG\" & sleep 1; ss -Hltn \"sport = :$(cat port)\"; kill $!", host=True,
         env={"BACKLOG": "5"}, changes=[
             Change("backlog-16", "listen backlog 16", env={"BACKLOG": "16"}),
         ]),
    # --- file systems: uuids, creation times, progress ---------------------------------------
    Case("mke2fs", "progress", "mke2fs", "truncate -s 8M fs.img && mke2fs -t ext4 -F fs.img 2>&1", changes=[
        Change("block-4k", "4k blocks instead of 1k",
               "truncate -s 8M fs.img && mke2fs -t ext4 -b 4096 -F fs.img 2>&1"),
    ]),
    Case("tune2fs-list", "datetime", "tune2fs",
         f"{MKFS} -L \"$LABEL\" && tune2fs -l fs.img | grep -E '^(Filesystem (volume name|UUID|created)|"
         "Last write time|Inode count|Block count|Directory Hash Seed)'", env={"LABEL": "data"}, changes=[
             Change("other-label", "another volume label", env={"LABEL": "logs"}),
         ]),
    Case("blkid", "ids", "blkid", f"{MKFS} -L backup && blkid fs.img", changes=[
        Change("ext3", "an ext3 file system",
               "truncate -s 8M fs.img && mke2fs -q -F -t ext3 -L backup fs.img && blkid fs.img"),
    ]),
    Case("wipefs", "tables", "wipefs", f"{MKFS} && wipefs fs.img", changes=[
        Change("label", "a label set", f"{MKFS} -L scratch && wipefs fs.img"),
    ]),
    Case("debugfs-ls", "datetime", "debugfs", f"{MKFS} && debugfs -R 'ls -l /' fs.img 2>&1", changes=[
        Change("extra-dir", "a logs directory made first",
               f"{MKFS} && debugfs -w -R 'mkdir logs' fs.img 2>/dev/null && "
               "debugfs -R 'ls -l /' fs.img 2>&1"),
    ]),
    Case("e2fsck-progress", "progress", "e2fsck", f"{MKFS} && e2fsck -f -y -C 0 fs.img 2>&1", changes=[
        Change("one-more-file", "one more file on the file system",
               f"{MKFS} && debugfs -w -R 'write /etc/hostname hostname' fs.img >/dev/null 2>&1 && "
               "e2fsck -f -y -C 0 fs.img 2>&1"),
    ]),
    # --- parallel order -----------------------------------------------------------------
    Case("node-promise-all", "parallel", "node", f"node - <<'EOF'\n{NODE_WORKERS}\nEOF", host=True,
         unordered=True, changes=[
             Change("job-failed", "the watermark job fails", env={"BROKEN": "watermark"}),
             Change("job-missing", "upload is not scheduled", env={"JOBS": "resize thumbnail watermark"}),
         ]),
    Case("dash-jobs", "parallel", "dash",
         "dash -c 'for n in $CHUNKS; do (sleep 0.0$(shuf -i 1-9 -n 1); echo \"chunk $n uploaded\") & done; "
         "wait'",
         unordered=True, env={"CHUNKS": "1 2 3 4 5"}, changes=[
             Change("chunk-twice", "chunk 3 uploaded twice", env={"CHUNKS": "1 2 3 3 4 5"}),
         ]),
    Case("multiprocessing", "parallel", "python3 multiprocessing", f"python3 - <<'EOF'\n{MP_PY}\nEOF",
         setup=DATS, unordered=True, changes=[
             Change("chunk-changed", "part3.dat holds other data",
                    setup=DATS + " && echo changed > part3.dat"),
         ]),
    Case("tee-fanout", "parallel", "tee",
         "seq 3 | tee >(sed 's/^/left /') >(sed 's/^/right /') >/dev/null; sleep 0.3", unordered=True,
         changes=[
             Change("one-more", "four lines in the input",
                    "seq 4 | tee >(sed 's/^/left /') >(sed 's/^/right /') >/dev/null; sleep 0.3"),
         ]),
    Case("tac-steps", "parallel", "tac",
         "for s in fetch build test deploy; do printf '%s %s\\n' \"$(date +%T.%N)\" $s; sleep 0.01; "
         "done | tac",
         changes=[
             Change("not-reversed", "a tac that no longer reverses", wrap=("tac", "cat \"$@\"")),
         ]),
    # --- progress bars ------------------------------------------------------------------
    Case("lz4-verbose", "progress", "lz4", "lz4 -v -f big.txt big.lz4 2>&1", setup="seq 30000 > big.txt",
         host=True, changes=[
             Change("level-9", "-9: another ratio", "lz4 -v -9 -f big.txt big.lz4 2>&1"),
         ]),
    Case("xz-verbose", "progress", "xz", "xz -v -k -f big.txt 2>&1", setup="seq 40000 > big.txt", host=True,
         changes=[
             Change("level-0", "-0: another ratio", "xz -v -0 -k -f big.txt 2>&1"),
         ]),
    Case("bzip2-verbose", "progress", "bzip2", "bzip2 -v -k -f big.txt 2>&1", setup="seq 40000 > big.txt",
         host=True, changes=[
             Change("more-input", "one more line of input", setup="seq 40001 > big.txt"),
         ]),
    # --- JSON logs ----------------------------------------------------------------------
    Case("node-pino-log", "jsonlog", "node", f"node - <<'EOF'\n{NODE_PINO}\nEOF", host=True, changes=[
        Change("status-500", "the request fails with 500", env={"STATUS": "500"}),
        Change("line-lost", "the cache-miss warning is not logged", env={"QUIET": "1"}),
    ]),
    Case("node-deploy-event", "jsonlog", "node",
         "node -e 'console.log(JSON.stringify({ts: new Date().toISOString(), hr: process.hrtime.bigint()"
         ".toString(), event: \"deploy\", version: process.env.V, replicas: 3}))'", host=True,
         env={"V": "1.4.2"}, changes=[
             Change("version-1.4.3", "another version deployed", env={"V": "1.4.3"}),
         ]),
    Case("ip-link-stats", "jsonlog", "ip", "ip -j -s link show lo", host=True, changes=[
        Change("details", "-d adds the link details", "ip -j -s -d link show lo"),
    ]),
    Case("logger-rfc5424", "jsonlog", "logger",
         "logger --socket-errors=off -s -i -t backup --rfc5424 "
         "\"nightly backup finished: $FILES files\" 2>&1",
         env={"FILES": "42"}, changes=[
             Change("files-41", "one file fewer", env={"FILES": "41"}),
         ]),
    Case("logger-bsd", "datetime", "logger",
         "logger --socket-errors=off -s -i -t cron \"job rotate-logs started\" 2>&1", changes=[
             Change("priority-err", "logged at user.err",
                    "logger --socket-errors=off -s -i -p user.err -t cron \"job rotate-logs started\" 2>&1"),
         ]),
    # --- tables whose widths follow their values ----------------------------------------
    Case("node-console-table", "tables", "node", f"node - <<'EOF'\n{NODE_TABLE}\nEOF", host=True, changes=[
        Change("e2e-failed", "the e2e suite fails", env={"FAILING": "e2e"}),
    ]),
    Case("uniq-count", "tables", "uniq", "sort verbs.txt | uniq -c", setup=WEBLOG, changes=[
        Change("lost-padding", "a uniq whose counts lose their padding",
               wrap=("uniq", "uniq \"$@\" | sed 's/^ *//'")),
        Change("head-lost", "HEAD is no longer in the log",
               setup=WEBLOG + " && sed -i '/^HEAD$/d' verbs.txt"),
    ]),
    Case("expand-table", "tables", "expand",
         "sleep 30 & printf 'NAME\\tPID\\tSTATE\\nworker\\t%s\\trunning\\nshell\\t%s\\tsleeping\\n' $! $$ | "
         "expand -t 10; kill $!", changes=[
             Change("tabs-8", "tab stops of 8: the columns shift", "sleep 30 & printf 'NAME\\tPID\\tSTATE\\n"
                    "worker\\t%s\\trunning\\nshell\\t%s\\tsleeping\\n' $! $$ | expand -t 8; kill $!"),
         ]),
    Case("prlimit", "tables", "prlimit", "sleep 30 & prlimit --pid $! --nofile --nproc --stack; kill $!",
         changes=[
             Change("nofile-512", "the service lowers its open-files limit",
                    "ulimit -n 512; sleep 30 & prlimit --pid $! --nofile --nproc --stack; kill $!"),
         ]),
    Case("unzip-list", "tables", "unzip", "zip -q -r site.zip site && unzip -l site.zip", setup=SITE,
         host=True, changes=[
             Change("bigger-css", "main.css one byte larger",
                    setup=SITE + " && printf 'body{margin:0;}\\n' > site/css/main.css"),
         ]),
    Case("zip-verbose", "progress", "zip", "zip -r -v site.zip site 2>&1", setup=SITE, host=True, changes=[
        Change("store-only", "-0: stored, not deflated", "zip -0 -r -v site.zip site 2>&1"),
    ]),
    # --- dates and zones ------------------------------------------------------------------
    Case("node-date-zone", "datetime", "node", "node -e 'console.log(\"now:\", new Date().toString())'",
         host=True, env={"TZ": "Europe/Berlin"}, changes=[
             Change("zone-lisbon", "Europe/Lisbon instead of Europe/Berlin", env={"TZ": "Europe/Lisbon"}),
         ]),
    Case("node-intl", "datetime", "node",
         "node -e 'console.log(new Intl.DateTimeFormat(\"en-GB\", {dateStyle: \"full\", timeStyle: \"full\", "
         "timeZone: process.env.ZONE}).format(new Date()))'", host=True, env={"ZONE": "Asia/Tokyo"}, changes=[
             Change("zone-seoul", "Asia/Seoul: same offset, another zone name", env={"ZONE": "Asia/Seoul"}),
         ]),
    Case("gcc-build-time", "datetime", "gcc", "gcc -o v v.c && ./v", setup=CTIME_C, host=True,
         env={"VERSION": "1.8.0"}, changes=[
             Change("version-1.8.1", "another version compiled in", env={"VERSION": "1.8.1"}),
         ]),
    # --- listings, errors, computed -------------------------------------------------------
    Case("apt-cache-policy", "listings", "apt-cache", "apt-cache policy bash", changes=[
        Change("pinned-500", "an apt-cache that reports pin priority 500",
               wrap=("apt-cache", "apt-cache \"$@\" | sed 's/ 100$/ 500/'")),
    ]),
    Case("cmp-temp", "errors", "cmp",
         "d=$(mktemp -d) && printf 'abcdef\\n' > \"$d/a\" && printf 'abcXef\\n' > \"$d/b\" && "
         "cmp \"$d/a\" \"$d/b\"; echo \"exit $?\"", changes=[
             Change("byte-5", "they differ one byte later",
                    "d=$(mktemp -d) && printf 'abcdef\\n' > \"$d/a\" && "
                    "printf 'abcdXf\\n' > \"$d/b\" && cmp \"$d/a\" \"$d/b\"; echo \"exit $?\""),
         ]),
    Case("node-throw", "errors", "node", f"d=$(mktemp -d) && {NODE_THROW} && node \"$d/app.js\" 2>&1; "
         "echo \"exit $?\"", host=True, env={"PAD": ""}, changes=[
             Change("line-4", "the throw one line further down", env={"PAD": "\\n"}),
         ]),
    Case("sum-sysv", "checksums", "sum", "sum -s notes.txt; sum -r notes.txt",
         setup="printf 'release notes\\n' > notes.txt", changes=[
             Change("one-more-byte", "notes.txt one byte longer",
                    setup="printf 'release notes!\\n' > notes.txt"),
         ]),
    Case("fmt-wrap", "computed", "fmt", "fmt -w 40 text.txt",
         setup="printf 'The quick brown fox jumps over the lazy dog while the build keeps running in the "
               "background and nobody notices the time.\\n' > text.txt", changes=[
             Change("width-36", "wrapped at 36", "fmt -w 36 text.txt"),
         ]),
    Case("comm-sets", "computed", "comm", "comm -3 before.txt after.txt",
         setup="printf 'a\\nb\\nc\\nd\\n' > before.txt && printf 'b\\nc\\ne\\n' > after.txt", changes=[
             Change("d-kept", "d is still there afterwards",
                    setup="printf 'a\\nb\\nc\\nd\\n' > before.txt && printf 'b\\nc\\nd\\ne\\n' > after.txt"),
         ]),
    # --- reruns only: more values that legitimately change ---------------------------------
    Case("truncate-fallocate", "tempfiles", "fallocate",
         "f=$(mktemp) && fallocate -l 64K \"$f\" && echo \"allocated $f\""),
    Case("pidof", "ids", "pidof",
         "sleep 30 & sleep 0.2; echo \"scheduler running as pid $(pidof sleep)\"; kill $!"),
    Case("node-memory", "jsonlog", "node", "node -p 'process.memoryUsage()'", host=True),
]


def main(argv: list[str]) -> int:
    return capture_set(argv, CASES, DATA)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
