"""The programs, configs and setups that benchmarks/pairs/holdout5_cases.py writes and runs.

Shell setup snippets (heredocs writing C, Python, Ruby, Lua, shell, XML, YAML and CSV
inputs, a CMake project, server apps and package manifests) kept apart from the list of
cases so that each file reads as one thing. Part of the FIFTH hold-out set: not to be
read while changing pytest_testronaut/verify/ (see README.md next to this file).
"""

from __future__ import annotations

# The PyPI tools (uvicorn, gunicorn, black, isort, flake8, pycodestyle, vulture, radon,
# bandit, coverage, yamllint, tqdm, csvkit, tabulate, sqlite-utils, sqlparse, structlog,
# wheel) live in this venv; host cases run with its bin first on PATH.
VENV = "/tmp/p5venv"
PYPI_PACKAGES = ("uvicorn", "gunicorn", "black", "flake8", "isort", "coverage", "tqdm", "csvkit",
                 "tabulate", "sqlite-utils", "yamllint", "bandit", "radon", "pycodestyle", "vulture",
                 "wheel", "structlog", "sqlparse")
HOST_PATH = f"{VENV}/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"


def edited(setup: str, *seds: str) -> str:
    """``setup`` followed by ``sed -i`` edits of the files it wrote (a changed input)."""
    return "\n".join([setup, *(f"sed -i {expr}" for expr in seds)])


# --- a CMake + Ninja project with three ctest tests ---------------------------------------
CMAKE = r"""mkdir -p src && cat > src/CMakeLists.txt <<'EOF'
cmake_minimum_required(VERSION 3.16)
project(meter VERSION 1.2.0 LANGUAGES C)
message(STATUS "meter ${PROJECT_VERSION}")
add_library(calc calc.c)
add_executable(meter main.c)
target_link_libraries(meter calc)
enable_testing()
add_test(NAME adds COMMAND meter 2 3 5)
add_test(NAME zero COMMAND meter 0 0 0)
add_test(NAME slow COMMAND sh -c "sleep 0.2; $<TARGET_FILE:meter> 4 6 10")
add_test(NAME quick COMMAND sh -c "sleep 0.1; $<TARGET_FILE:meter> 1 1 2")
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
CMAKE_CONFIGURE = 'd=$(mktemp -d) && cmake -G Ninja -S src -B "$d" 2>&1'
CMAKE_BUILD = 'd=$(mktemp -d) && cmake -G Ninja -S src -B "$d" >/dev/null && '

# --- shell, C, Python and YAML inputs for the linters ---------------------------------------
DEPLOY_SH = r"""cat > deploy.sh <<'EOF'
#!/bin/bash
target=$1
files=$(ls /srv/releases)
for f in $files; do
  cp $f "$target/"
done
cd /srv/current
echo "deployed to $target"
EOF"""
BUF_C = r"""cat > buf.c <<'EOF'
#include <string.h>
int fill(const char *src) {
    char buf[8];
    strcpy(buf, "ok");
    buf[8] = src[0];
    return buf[0];
}
EOF"""
APP_PY = r"""cat > app.py <<'EOF'
import os, sys
import subprocess


def run(cmd, retries=3):
    x = 1
    for i in range(retries):
        if subprocess.call(cmd, shell=True) == 0:
            return i
    assert retries > 0
    return -1
EOF"""
IN_TMP = 'd=$(mktemp -d) && cp app.py "$d" && cd "$d" && '
COVER_PY = r"""cat > cover.py <<'EOF'
import sys


def grade(score):
    if score >= 90:
        return "A"
    if score >= 75:
        return "B"
    if score >= 50:
        return "C"
    return "F"


def main(scores):
    for s in scores:
        print(s, grade(s))


main([int(a) for a in sys.argv[1:]])
EOF"""
CONF_YAML = r"""cat > conf.yaml <<'EOF'
---
service:
  name: billing
  replicas: 3
  ports:
    - 8080
    - 9090
  env:
    LOG_LEVEL: info
EOF"""

# --- servers ---------------------------------------------------------------------------------
FREE_PORT = ("port=$(python3 -c 'import socket; s=socket.socket(); s.bind((\"127.0.0.1\",0)); "
             "print(s.getsockname()[1])')")
ASGI_APP = r"""cat > asgi.py <<'EOF'
async def app(scope, receive, send):
    if scope["type"] != "http":
        return
    await send({"type": "http.response.start", "status": 200,
                "headers": [(b"content-type", b"text/plain")]})
    await send({"type": "http.response.body", "body": b"ok"})
EOF
""" + FREE_PORT
WSGI_APP = r"""cat > wsgi.py <<'EOF'
def app(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"ok\n"]
EOF
""" + FREE_PORT
GET = ("for i in $(seq 100); do python3 -c \"import urllib.request as u; "
       "r = u.urlopen('http://127.0.0.1:$port%s'); print(r.status, r.headers['Server'])\" "
       "2>/dev/null && break; "
       "sleep 0.1; done")
UVICORN = "uvicorn asgi:app --port $port %s 2>&1 & pid=$!; " + GET + "; kill -INT $pid; wait $pid"
GUNICORN = ("gunicorn -b 127.0.0.1:$port %s wsgi:app 2>&1 & pid=$!; " + GET % "/"
            + "; sleep 0.3; kill -TERM $pid; wait $pid")
LIGHTTPD_CONF = r"""mkdir -p www && echo ok > www/index.html
""" + FREE_PORT + r"""
cat > httpd.conf <<EOF
server.document-root = "$PWD/www"
server.port = $port
server.bind = "127.0.0.1"
server.tag = "%s"
server.modules = ("mod_accesslog")
accesslog.filename = "/dev/stderr"
EOF"""
LIGHTTPD = ("lighttpd -tt -f httpd.conf 2>&1; lighttpd -D -f httpd.conf 2>&1 & pid=$!; "
            + GET % "/index.html" + "; kill -INT $pid; wait $pid")

# --- Ruby, Lua, gawk, expect, Node -----------------------------------------------------------
MINITEST = r"""cat > cart_test.rb <<'EOF'
require "minitest/autorun"
class CartTest < Minitest::Test
  def test_adds; assert_equal 3, 1 + 2; end
  def test_empty; assert_equal 0, [].sum; end
  def test_slow; sleep 0.05; assert_equal 10, [4, 6].sum; end
  def test_big; assert_equal 3000, [1000, 2000].sum; end
end
EOF"""
RUBY_THREADS = (r"""ruby -e 'n = Integer(ARGV[0]); t0 = Process.clock_gettime(Process::CLOCK_MONOTONIC)
ts = (1..n).map { |i| Thread.new { sleep(rand * 0.05); """
                r"""ms = ((Process.clock_gettime(Process::CLOCK_MONOTONIC) - t0) * 1000).round(2)
puts "worker #{i} done after #{ms} ms in #{Thread.current.inspect[/0x\h+/]}" } }
ts.each(&:join); puts "all #{n} workers joined"' """)
RUBY_BENCH = (r"""ruby -rbenchmark -e 'Benchmark.bm(7) do |x|
x.report("sum:") { 300_000.times.sum }
x.report("sort:") { Array.new(60_000) { rand }.sort }
%s
end'""")
GEMSPEC = r"""cat > demo.gemspec <<'EOF'
Gem::Specification.new do |s|
  s.name = "invoicer"
  s.version = "%s"
  s.summary = "Renders invoices"
  s.authors = ["Ann Example"]
  s.files = ["lib/invoicer.rb"]
  s.license = "MIT"
end
EOF
mkdir -p lib && echo 'module Invoicer; end' > lib/invoicer.rb"""
LUA_CLOCK = r"""cat > clock.lua <<'EOF'
local days = tonumber(os.getenv("DAYS"))
local due = os.time({year = 2024, month = 2, day = 28 + days, hour = 12})
print("now   " .. os.date("%Y-%m-%d %H:%M:%S %Z"))
print("due   " .. os.date("!%Y-%m-%d %A", due))
print("cpu   " .. string.format("%.6f", os.clock()))
math.randomseed(os.time())
print("token " .. string.format("%08x", math.random(0, 0x7fffffff)))
EOF"""
GAWK_LOG = (r"""gawk -v items="$ITEMS" 'BEGIN { srand(); split("start load transform done", ev, " ")
for (i = 1; i <= 4; i++) printf "{\"ts\":%d,\"pid\":%d,\"span\":\"%06x\",\"event\":\"%s\",\"items\":%d}\n",
systime(), PROCINFO["pid"], int(rand() * 16777215), ev[i], items }'""")
LOGIN_SH = r"""cat > login.sh <<'EOF'
printf 'Password: '
read -r p
if [ "$p" = hunter2 ]; then echo "welcome, session $$ at $(date +%T)"; else echo "denied"; exit 1; fi
EOF"""
EXPECT = """expect -c 'spawn sh login.sh; expect "Password:"; send "%s\\r"; expect eof' 2>&1"""
NODE_WORKERS = r"""node -e '
const { Worker } = require("worker_threads");
const n = Number(process.argv[1]);
let left = n;
for (let i = 1; i <= n; i++) {
  const w = new Worker(`const { parentPort, threadId } = require("worker_threads");
    const t0 = Date.now(); while (Date.now() - t0 < Math.random() * 40) {}
    parentPort.postMessage(threadId);`, { eval: true });
  w.on("message", (tid) => { console.log(`job ${i} on thread ${tid} at ${performance.now().toFixed(1)} ms`);
    if (--left === 0) console.log(`${n} jobs done`); });
}' %s"""
NPM_PKG = r"""cat > package.json <<'EOF'
{
  "name": "invoicer",
  "version": "%s",
  "private": true,
  "scripts": { "build": "node build.js" }
}
EOF
cat > build.js <<'EOF'
const t0 = process.hrtime.bigint();
const files = ["index.js", "render.js", "totals.js"];
console.log(`building ${files.length} files (pid ${process.pid})`);
console.log(`built at ${new Date().toISOString()} in ${Number(process.hrtime.bigint() - t0) / 1e6} ms`);
EOF"""

# --- Python packages and command lines -------------------------------------------------------
PYPROJECT = r"""mkdir -p demo/src/invoicer && cat > demo/pyproject.toml <<'EOF'
[build-system]
requires = ["setuptools"]
build-backend = "setuptools.build_meta"

[project]
name = "invoicer"
version = "%s"
EOF
echo 'RATE = 0.19' > demo/src/invoicer/__init__.py"""
STRUCTLOG_PY = r"""cat > svc.py <<'EOF'
import os, time, uuid
import structlog
structlog.configure(processors=[
    structlog.processors.add_log_level,
    structlog.processors.TimeStamper(fmt="iso"),
    structlog.processors.JSONRenderer(sort_keys=True),
])
log = structlog.get_logger().bind(pid=os.getpid(), request_id=str(uuid.uuid4()))
t0 = time.perf_counter()
log.info("import started", source="orders.csv")
log.warning("rows skipped", count=int(os.environ.get("SKIPPED", "2")))
log.info("import finished", rows=118, duration_ms=round((time.perf_counter() - t0) * 1000, 3))
EOF"""
RUNS_CSV = r"""cat > gen.py <<'EOF'
import os, random, time, uuid
rows = int(os.environ.get("ROWS", "4"))
print("job,run_id,status,retries,elapsed_ms")
for i, name in enumerate(["fetch", "parse", "index", "store", "notify"][:rows]):
    print(f"{name},{uuid.uuid4().hex[:random.randint(6, 12)]},ok,{i % 2 + int(os.environ.get('EXTRA', '0'))},"
          f"{random.uniform(1, 2000):.1f}")
EOF"""
SCORES_CSV = (r"""printf 'student,score,attempts\nann,91,1\nbob,78,2\ncem,%s,1\ndia,88,3\neli,69,2\n' """
              r""""$SCORE" > scores.csv""")
ZIPAPP = r"""mkdir -p app && cat > app/__main__.py <<'EOF'
import os, sys, time
print(f"invoicer {os.environ.get('APPVER', '1.4.2')} from {sys.argv[0]}")
print(f"started {time.strftime('%H:%M:%S')} pid {os.getpid()}")
EOF"""
DOCTEST_PY = r"""cat > money.py <<'EOF'
def split(total, parts):
    '''Split an amount in cents.

    >>> split(100, 3)
    [34, 33, 33]
    >>> split(10, 2)
    [5, 5]
    >>> split(%s, 4)
    [2, 2, 2, 1]
    '''
    base, rest = divmod(total, parts)
    return [base + (1 if i < rest else 0) for i in range(parts)]
EOF"""
PICKLE_PY = ("python3 -c \"import pickle, time, uuid; open('job.pkl', 'wb').write(pickle.dumps("
             "{'job': 'export', 'id': uuid.uuid4().hex[:12], 'at': round(time.time(), 3), 'n': 3}, "
             "protocol=%s))\"")
FEED_XML = r"""python3 - <<'EOF'
import os, random
n = int(os.environ.get("ITEMS", "4000"))
with open("feed.xml", "w") as f:
    f.write("<feed>\n")
    for i in range(n):
        f.write(f'  <item id="{i}" sku="{random.getrandbits(40):010x}"><qty>{i % 7}</qty></item>\n')
    f.write("</feed>\n")
EOF"""
ORDERS_XML = r"""cat > orders.xml <<'EOF'
<orders>
  <order id="A-1001" qty="2" price="19.90"/>
  <order id="A-1002" qty="10" price="4.50"/>
  <order id="A-1003" qty="1" price="129.00"/>
</orders>
EOF
cat > report.xsl <<'EOF'
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:date="http://exslt.org/dates-and-times" extension-element-prefixes="date">
  <xsl:output method="text"/>
  <xsl:param name="env" select="'staging'"/>
  <xsl:template match="/">
    <xsl:text>report for </xsl:text><xsl:value-of select="$env"/>
    <xsl:text> at </xsl:text><xsl:value-of select="date:date-time()"/><xsl:text>&#10;</xsl:text>
    <xsl:for-each select="orders/order">
      <xsl:value-of select="@id"/><xsl:text> </xsl:text>
      <xsl:value-of select="@qty * @price"/><xsl:text>&#10;</xsl:text>
    </xsl:for-each>
  </xsl:template>
</xsl:stylesheet>
EOF"""

# --- sandbox setups ----------------------------------------------------------------------------
USERADD = ("mkdir -p r/etc && cp /etc/passwd /etc/shadow /etc/group /etc/gshadow /etc/login.defs r/etc/ && "
           "useradd -P \"$PWD/r\" -e %s -s /bin/bash deploy && "
           "tail -n 1 r/etc/passwd r/etc/shadow r/etc/group")
EXT_IMAGE = "truncate -s 8M img && mke2fs -q -F %s img && "
DEDUP = ("mkdir -p releases/a releases/b && seq 3000 > releases/a/app.js && cp releases/a/app.js "
         "releases/b/app.js && head -c 4096 /dev/urandom > releases/a/blob && cp releases/a/blob "
         "releases/b/blob")
