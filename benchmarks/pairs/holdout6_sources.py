"""The programs, configs and setups that benchmarks/pairs/holdout6_cases.py writes and runs.

Shell setup snippets (heredocs writing C, Python, PHP, shell, HTML, gettext, CSV and
config inputs, a Meson and an SCons project, test suites for bats, behave, Robot Framework,
nose2, trial, cram and shunit2, server apps) kept apart from the list of cases so that each
file reads as one thing. Part of the SIXTH hold-out set: not to be read while changing
pytest_testronaut/verify/ (see README.md next to this file).
"""

from __future__ import annotations

# The PyPI tools (virtualenv, uv, pyperf, pyinstrument, line_profiler, mkdocs, behave,
# robotframework, nose2, cram, ruff, mypy, pylint, codespell, lizard, hypercorn, twisted,
# trash-cli) live in this venv; host cases run with its bin first on PATH.
VENV = "/tmp/p6venv"
PYPI_PACKAGES = ("virtualenv", "uv", "pyperf", "pyinstrument", "line_profiler", "mkdocs", "behave",
                 "robotframework", "nose2", "cram", "ruff", "mypy", "pylint", "codespell", "lizard",
                 "hypercorn", "twisted", "trash-cli")
# The Debian packages the host cases run (apt-get install, offline once installed).
DEBIAN_PACKAGES = ("rhash", "hashdeep", "xxhash", "miller", "datamash", "jo", "jc", "gron",
                   "mosquitto", "mosquitto-clients", "redis-server", "memcached", "php-cli",
                   "stress-ng", "sysbench", "sysstat", "cloc", "flawfinder", "squashfs-tools",
                   "xorriso", "dosfstools", "mtools", "btrfs-progs", "fdisk", "gdisk", "age", "pwgen",
                   "gnutls-bin", "logrotate", "bats", "scons", "meson", "ninja-build", "tidy",
                   "apt-utils", "rclone", "borgbackup", "restic", "ltrace", "tcc", "nmap", "iperf3",
                   "ncal", "faketime", "dateutils", "remind", "libarchive-tools", "gettext",
                   "parallel")
HOST_PATH = f"{VENV}/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
# Tools that keep state in $HOME write it into the fresh scratch directory instead.
OWN_HOME = 'export HOME="$PWD/home" XDG_CACHE_HOME="$PWD/home/.cache" XDG_DATA_HOME="$PWD/home/.local" && '
IN_TMP = 'd=$(mktemp -d) && cp -r . "$d" 2>/dev/null; cd "$d" && '
FREE_PORT = ("port=$(python3 -c 'import socket; s=socket.socket(); s.bind((\"127.0.0.1\", 0)); "
             "print(s.getsockname()[1])')")
GET = ("python3 -c \"import sys, urllib.request as u, urllib.error as e\n"
       "try:\n    r = u.urlopen(sys.argv[1]); print(r.status, r.read().decode().strip())\n"
       "except e.HTTPError as x:\n    print(x.code, x.reason)\" ")


def edited(setup: str, *seds: str) -> str:
    """``setup`` followed by ``sed -i`` edits of the files it wrote (a changed input)."""
    return "\n".join([setup, *(f"sed -i {expr}" for expr in seds)])


# --- small programs: C for ltrace and tcc, Python for the profilers ----------------------------
TICK_C = r"""cat > tick.c <<'EOF'
#include <stdio.h>
int main(void) {
    for (int i = 0; i < 3; i++)
        printf("tick %d\n", i);
    return 0;
}
EOF"""
PROFILED_PY = r"""cat > app.py <<'EOF'
import time


def load():
    time.sleep(0.2)


def save():
    time.sleep(0.1)


load()
save()
EOF"""
LINES_PY = r"""cat > lp.py <<'EOF'
@profile
def total(n):
    s = 0
    for i in range(n):
        s += i * i
    return s


print(total(N))
EOF"""
BUF_C = r"""mkdir -p src && cat > src/buf.c <<'EOF'
#include <string.h>
#include <stdio.h>
/* copy a user name into a fixed buffer */
int greet(const char *name) {
    char buf[16];
    strcpy(buf, name);
    printf("hello %s\n", buf);
    return 0;
}
EOF
cat > src/util.py <<'EOF'
# helpers for the report
def total(xs):
    return sum(xs)
EOF"""
MKDOCS = r"""mkdir -p docs && cat > mkdocs.yml <<'EOF'
site_name: Shop
nav:
  - Home: index.md
  - Billing: billing.md
EOF
printf '# Shop\n\nThe shop.\n' > docs/index.md
printf '# Billing\n\nInvoices.\n' > docs/billing.md"""

# --- a Meson project with three tests, an SCons project ----------------------------------------
MESON = r"""mkdir -p src && cat > src/meson.build <<'EOF'
project('meter', 'c', version : '1.2.0')
calc = static_library('calc', 'calc.c')
meter = executable('meter', 'main.c', link_with : calc)
test('adds', meter, args : ['2', '3', '5'])
test('zero', meter, args : ['0', '0', '0'])
test('big', meter, args : ['400', '600', '1000'])
EOF
cat > src/calc.c <<'EOF'
int add(int a, int b) { return a + b; }
EOF
cat > src/main.c <<'EOF'
#include <stdio.h>
#include <stdlib.h>
int add(int a, int b);
int main(int argc, char **argv) {
    if (argc < 4) return 2;
    int got = add(atoi(argv[1]), atoi(argv[2]));
    printf("%s + %s = %d\n", argv[1], argv[2], got);
    return got == atoi(argv[3]) ? 0 : 1;
}
EOF"""
MESON_SETUP = 'd=$(mktemp -d) && meson setup "$d" src 2>&1'
MESON_TEST = 'd=$(mktemp -d) && meson setup "$d" src >/dev/null && meson test -C "$d" %s 2>&1; echo "exit $?"'
SCONS = r"""cat > SConstruct <<'EOF'
env = Environment(CCFLAGS='-Wall')
env.Program('report', ['report.c', 'fmt.c', 'sum.c', 'args.c'])
EOF
for f in fmt sum args; do printf 'int %s_part(int x) { return x + 1; }\n' "$f" > "$f.c"; done
cat > report.c <<'EOF'
#include <stdio.h>
int fmt_part(int); int sum_part(int); int args_part(int);
int main(void) { printf("%d\n", fmt_part(1) + sum_part(2) + args_part(3)); return 0; }
EOF"""

# --- test suites ----------------------------------------------------------------------------
BATS = r"""cat > cart.bats <<'EOF'
@test "adds two prices" {
  result=$(( 2 + 3 ))
  [ "$result" -eq 5 ]
}
@test "waits for the queue" {
  sleep 0.2
  [ -n "$BATS_TEST_TMPDIR" ]
}
@test "applies the discount" {
  [ $(( 90 * 9 / 10 )) -eq 81 ]
}
EOF"""
BEHAVE = r"""mkdir -p features/steps && cat > features/cart.feature <<'EOF'
Feature: Cart
  Scenario: adding items
    Given an empty cart
    When I add 2 items of 30
    Then the total is 60

  Scenario: a discount
    Given an empty cart
    When I add 1 items of 100
    Then the total is 100
EOF
cat > features/steps/cart.py <<'EOF'
import time
from behave import given, when, then

@given("an empty cart")
def empty(context):
    context.total = 0

@when("I add {n:d} items of {price:d}")
def add(context, n, price):
    time.sleep(0.05)
    context.total += n * price

@then("the total is {total:d}")
def check(context, total):
    assert context.total == total, context.total
EOF"""
ROBOT = r"""cat > cart.robot <<'EOF'
*** Test Cases ***
Adds Two Prices
    ${sum}=    Evaluate    2 + 3
    Should Be Equal As Integers    ${sum}    5
Waits For The Queue
    Sleep    0.2s
Applies The Discount
    ${net}=    Evaluate    90 * 9 // 10
    Should Be Equal As Integers    ${net}    81
EOF"""
SHUNIT = r"""cat > cart_test.sh <<'EOF'
testAdds() { assertEquals 5 $((2 + 3)); }
testWaits() { sleep 0.1; assertTrue "[ -d /tmp ]"; }
testDiscount() { assertEquals 81 $((90 * 9 / 10)); }
. shunit2
EOF"""
UNIT_PY = r"""cat > test_cart.py <<'EOF'
import time
import unittest


class CartTest(unittest.TestCase):
    def test_adds(self):
        self.assertEqual(2 + 3, 5)

    def test_waits(self):
        time.sleep(0.1)

    def test_discount(self):
        self.assertEqual(90 * 9 // 10, 81)
EOF"""
TRIAL_PY = r"""mkdir -p shop && touch shop/__init__.py && cat > shop/test_cart.py <<'EOF'
from twisted.internet import defer, reactor, task
from twisted.trial import unittest


class CartTest(unittest.TestCase):
    def test_adds(self):
        self.assertEqual(2 + 3, 5)

    def test_waits(self):
        return task.deferLater(reactor, 0.1, lambda: None)

    def test_writes(self):
        path = self.mktemp()
        with open(path, "w") as f:
            f.write("ok")
        self.assertTrue(path)
EOF"""
CRAM_T = r"""cat > cli.t <<'EOF'
Listing a scratch file:

  $ echo "invoice 42" > inv.txt
  $ cat inv.txt
  invoice 42
  $ ls
  inv.txt
EOF"""

# --- inputs for the linters -----------------------------------------------------------------
APP_PY = r"""cat > app.py <<'EOF'
import os
import sys


def price(qty: int, unit: float) -> int:
    total: int = qty * unit
    return total


def main():
    print(price(3, 2.5), sys.argv)
EOF"""
DOCS_MD = r"""cat > README.md <<'EOF'
# Shop

The shop will recieve orders and send invoices.
Payments are processed seperately.
EOF"""
CC_PY = r"""cat > rules.py <<'EOF'
def shipping(weight, country):
    if weight > 20:
        return 30
    if country == "NO":
        return 15
    return 5


def tax(amount):
    return amount * 0.2
EOF"""
PAGE_HTML = r"""cat > page.html <<'EOF'
<!DOCTYPE html>
<html>
<head><title>Shop</title></head>
<body>
<p>Orders
<img src="logo.png">
<ul><li>one</li><li>two</li></ul>
</body>
</html>
EOF"""
BAD_PHP = r"""cat > cart.php <<'EOF'
<?php
function total($xs) {
    $sum = 0
    foreach ($xs as $x) { $sum += $x; }
    return $sum;
}
EOF"""

# --- files to back up, rotate, pack ----------------------------------------------------------
TREE = ("mkdir -p src/conf && seq 5000 > src/app.log && head -c 3000 /dev/urandom > src/blob && "
        "echo 'port=8080' > src/conf/app.ini")
LOGROTATE = r"""mkdir -p logs && seq 2000 > logs/app.log && seq 300 > logs/worker.log && cat > lr.conf <<EOF
$PWD/logs/*.log {
    rotate 3
    missingok
    dateext
}
EOF"""

# --- ids and disk images -----------------------------------------------------------------------
CERT_CFG = r"""cat > cert.cfg <<'EOF'
cn = "shop.test"
organization = "Shop"
expiration_days = 365
signing_key
EOF"""
CERT = ("certtool --generate-privkey --key-type ed25519 --outfile key.pem 2>&1 && "
        "certtool --generate-self-signed --load-privkey key.pem --template cert.cfg 2>&1 | "
        "sed -n '/^X.509/,/^Other/p'")
AGE = ("age-keygen -o key.txt 2>&1; grep created key.txt; age -e -i key.txt -a -o notes.age notes.txt && "
       "head -n 1 notes.age && age -d -i key.txt notes.age")

# --- tables and JSON: a generator of runs with random ids and durations --------------------
RUNS_PY = r"""cat > gen.py <<'EOF'
import os, random, secrets
rows = int(os.environ.get("ROWS", "6"))
extra = int(os.environ.get("EXTRA", "0"))
print("run,region,attempts,duration_ms")
for i in range(rows):
    region = ("eu-west", "us-east", "ap-south")[i % 3]
    print(f"{secrets.token_hex(random.randint(2, 6))},{region},{i % 4 + 1 + extra},"
          f"{random.uniform(5, 5000):.1f}")
EOF"""
EVENT_PY = ("python3 -c \"import json, os, time, uuid; print(json.dumps({'event': 'invoice.sent', "
            "'id': str(uuid.uuid4()), 'at': time.time(), 'pid': os.getpid(), 'status': '%s', "
            "'lines': [{'sku': 'A-1', 'qty': 2}, {'sku': 'B-7', 'qty': 1}]}))\" | gron")

# --- servers (127.0.0.1 only, stopped and waited for) ------------------------------------------
MOSQUITTO = (FREE_PORT + "\nprintf 'listener %%%%s 127.0.0.1\\nallow_anonymous true\\n' $port > m.conf\n"
             "mosquitto -v -c m.conf 2>&1 & pid=$!; sleep 0.5; "
             "mosquitto_sub -h 127.0.0.1 -p $port -t %s -C 1 -v & sub=$!; sleep 0.3; "
             "mosquitto_pub -h 127.0.0.1 -p $port %s -t %s -m '%s'; wait $sub; kill -TERM $pid; wait $pid")
REDIS = (FREE_PORT + "\nredis-server --port $port --bind 127.0.0.1 --save '' --dir \"$PWD\" %s "
         "> redis.log 2>&1 & pid=$!; sleep 0.7; redis-cli -p $port set job 42; redis-cli -p $port get job; "
         "kill -TERM $pid; wait $pid; grep -v overcommit redis.log")
MEMCACHED_GET = ("python3 -c \"import socket, sys; s = socket.create_connection(('127.0.0.1', "
                 "int(sys.argv[1]))); "
                 "s.sendall(b'set job 0 0 2\\r\\n42\\r\\nget job\\r\\nquit\\r\\n'); import time; "
                 "time.sleep(0.3); "
                 "print(s.recv(999).decode().strip())\" $port")
MEMCACHED = (FREE_PORT + "\nmemcached -u root -vv -l 127.0.0.1 -p $port -U 0 -m 16 %s 2>&1 & pid=$!; "
             "sleep 0.5; " + MEMCACHED_GET + "; sleep 0.2; kill -TERM $pid; wait $pid")
PHP_WWW = """mkdir -p www && printf '<?php echo "%s " . PHP_VERSION;\\n' > www/index.php"""
PHP_SERVE = (FREE_PORT + "\nphp -S 127.0.0.1:$port -t www 2>&1 & pid=$!; sleep 0.5; " + GET +
             "http://127.0.0.1:$port/%s; kill -TERM $pid; wait $pid")
TWISTD = (FREE_PORT + "\nmkdir -p www && echo ok > www/index.html\n"
          "twistd -n --pidfile= web --listen tcp:$port:interface=127.0.0.1 --path www 2>&1 & pid=$!; "
          "sleep 2; " + GET + "http://127.0.0.1:$port/%s; sleep 0.2; kill -TERM $pid; wait $pid")
ASGI_APP = r"""cat > asgi.py <<'EOF'
async def app(scope, receive, send):
    if scope["type"] != "http":
        return
    await send({"type": "http.response.start", "status": 200,
                "headers": [(b"content-type", b"text/plain")]})
    await send({"type": "http.response.body", "body": b"ok"})
EOF"""
HYPERCORN = (FREE_PORT + "\nhypercorn --bind 127.0.0.1:$port --access-logfile - %s asgi:app 2>&1 & pid=$!; "
             "sleep 2; " + GET + "http://127.0.0.1:$port/health; sleep 0.2; kill -TERM $pid; wait $pid")
IPERF = (FREE_PORT + "\niperf3 -s -1 -B 127.0.0.1 -p $port >/dev/null 2>&1 & srv=$!; sleep 0.5; "
         "iperf3 -c 127.0.0.1 -p $port -t 1 -b 50M %s 2>&1; wait $srv")

# --- gettext, Debian repository metadata, wheels ------------------------------------------------
MSG_C = r"""cat > m.c <<'EOF'
#include <stdio.h>
#include <libintl.h>
#define _(s) gettext(s)
int main(void) {
    puts(_("Invoice sent"));
    puts(_("Payment due"));
    return 0;
}
EOF"""
DE_PO = r"""cat > de.po <<'EOF'
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\n"

msgid "Invoice sent"
msgstr "Rechnung gesendet"

msgid "Payment due"
msgstr "Zahlung fällig"

msgid "Refund"
msgstr ""
EOF"""
DEB = r"""mkdir -p pkg/DEBIAN pkg/usr/share/doc/invoicer
echo 'invoicer docs' > pkg/usr/share/doc/invoicer/README
cat > pkg/DEBIAN/control <<EOF
Package: invoicer
Version: VERSION
Architecture: all
Maintainer: Ann <ann@example.org>
Description: sends invoices
EOF
dpkg-deb -Zgzip --root-owner-group --build pkg invoicer.deb >/dev/null"""
WHEEL = r"""mkdir -p w/invoicer w/invoicer-VERSION.dist-info wheels && cd w && i=invoicer-VERSION.dist-info
echo 'VERSION = "VERSION"' > invoicer/__init__.py
printf 'Metadata-Version: 2.1\nName: invoicer\nVersion: VERSION\n' > $i/METADATA
printf 'Wheel-Version: 1.0\nGenerator: hand\nRoot-Is-Purelib: true\nTag: py3-none-any\n' > $i/WHEEL
printf 'invoicer/__init__.py,,\n%s/METADATA,,\n%s/WHEEL,,\n%s/RECORD,,\n' $i $i $i > $i/RECORD
python3 -m zipfile -c ../wheels/invoicer-VERSION-py3-none-any.whl invoicer $i && cd .."""

# --- dates and /proc -----------------------------------------------------------------------------
REMINDERS = r"""cat > shop.rem <<'EOF'
REM 29 Feb 2028 MSG Leap-day audit
REM 15 MSG Payroll run
REM Mon MSG Weekly invoice batch
REM 1 Jan 2030 MSG Certificate renewal
EOF"""
PROC_PY = r"""cat > procsnap.py <<'EOF'
import os
print(f"pid {os.getpid()} ppid {os.getppid()}")
with open("/proc/uptime") as f:
    up, idle = f.read().split()
print(f"uptime {up} s, idle {idle} s")
with open("/proc/self/io") as f:
    for line in f:
        if line.split(":")[0] in ("rchar", "wchar", "syscr", "syscw"):
            print("io " + line.strip())
with open("/proc/self/limits") as f:
    for line in f:
        if line.startswith(("Limit", "Max open files", "Max processes", "Max stack size")):
            print(line.rstrip())
with open("/proc/self/sched") as f:
    for line in f:
        if line.split(":")[0].strip() in ("se.sum_exec_runtime", "nr_switches", "policy", "prio"):
            print(" ".join(line.split()))
with open("/proc/vmstat") as f:
    for line in f:
        if line.split()[0] in ("nr_free_pages", "pgfault", "pgmajfault", "nr_dirty"):
            print("vm " + line.strip())
EOF"""
