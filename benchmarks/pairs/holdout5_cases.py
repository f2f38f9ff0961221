"""A FIFTH hold-out corpus: benchmarks/pairs/holdout5.jsonl, from tools in none of the sets.

    .venv/bin/python benchmarks/pairs/holdout5_cases.py [--out PATH] [--only ID,ID]

The cases and their capture script in one file; the machinery (fresh scratch directory,
sandbox or host runner, two passes in different minutes, the checks before writing) is
capture.py's; the sources the setups write are in holdout5_sources.py. Each ``Case`` runs
twice (an ``equivalent`` pair); each ``Change`` runs a really changed tool once (a
``different`` pair against the case's first run). The tools under test appear in none of
tests/verify/data/pairs.jsonl and the four earlier hold-out sets, except ``pip``, ``npm``
and ``node`` (asked for by kind: pip and npm subcommands no set ran, node worker
threads). Host tools come from Debian packages (apt-get) and from PyPI packages in the
venv ``holdout5_sources.VENV`` (made by ``python3 -m venv`` and ``pip install`` of
``PYPI_PACKAGES``); nothing needs the network when the cases run. Labels come from what
was run, never from a verdict. Not to be read while changing pytest_testronaut/verify/
(see README.md next to this file).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent.parent))

from capture import capture_set  # noqa: E402
from holdout5_sources import (  # noqa: E402
    APP_PY,
    ASGI_APP,
    BUF_C,
    CMAKE,
    CMAKE_BUILD,
    CMAKE_CONFIGURE,
    CONF_YAML,
    COVER_PY,
    DEDUP,
    DEPLOY_SH,
    DOCTEST_PY,
    EXPECT,
    EXT_IMAGE,
    FEED_XML,
    GAWK_LOG,
    GEMSPEC,
    GUNICORN,
    HOST_PATH,
    IN_TMP,
    LIGHTTPD,
    LIGHTTPD_CONF,
    LOGIN_SH,
    LUA_CLOCK,
    MINITEST,
    NODE_WORKERS,
    NPM_PKG,
    ORDERS_XML,
    PICKLE_PY,
    PYPROJECT,
    RUBY_BENCH,
    RUBY_THREADS,
    RUNS_CSV,
    SCORES_CSV,
    STRUCTLOG_PY,
    USERADD,
    UVICORN,
    VENV,
    WSGI_APP,
    ZIPAPP,
    edited,
)
from holdout_cases import Case, Change  # noqa: E402

DATA = HERE / "holdout5.jsonl"
H = {"PATH": HOST_PATH}  # host cases: the PyPI venv's bin first on PATH


def host(case_id: str, category: str, tool: str, command: str, setup: str = "", *,
         env: dict[str, str] | None = None, unordered: bool = False,
         changes: list[Change] | None = None) -> Case:
    """A case that runs on the host with the venv's bin first on PATH."""
    return Case(case_id, category, tool, command, setup=setup, host=True, unordered=unordered,
                env={**H, **(env or {})}, changes=changes or [])


CTEST = CMAKE_BUILD + 'ninja -C "$d" >/dev/null && cd "$d" && ctest %s 2>&1; echo "exit $?"'
BLACK = IN_TMP + "black --diff %s app.py 2>&1"
BLACK_APP = edited(APP_PY, "'s/retries=3/retries = 3/' app.py")
ISORT = IN_TMP + "isort --diff %s app.py 2>&1"
SEVENZ = ("seq 30000 > a.txt && head -c 3000 /dev/urandom > r.bin && 7z a -bd %s rel.7z %s 2>&1 && "
          "7z l rel.7z | tail -n +12")
RSYNC = ("mkdir -p src/conf && seq 5000 > src/app.log && head -c 2000 /dev/urandom > src/blob && "
         "echo 'port=8080' > src/conf/app.ini%s && d=$(mktemp -d) && rsync -av --stats %s src/ \"$d/dst/\"")
HG_REPO = ("hg init repo && cd repo && echo 'rate=0.19' > rates.ini && hg add -q rates.ini && "
           "hg commit -q -u 'Ann <ann@example.org>' %s -m '%s' && hg log -v && hg id -i")
FOSSIL = ("HOME=$PWD USER=ann fossil init --project-name shop %s f.fossil 2>&1 && "
          "HOME=$PWD fossil timeline -R f.fossil 2>&1")
PIP_WHEEL = ('d=$(mktemp -d) && pip wheel --no-deps --no-build-isolation --no-index -w "$d" ./demo 2>&1 | '
             "grep -v '^  Running\\|^  Preparing'")

CASES: list[Case] = [
    # --- timing lines and test runners (host) ---------------------------------------------------
    host("hyperfine-compare", "timing", "hyperfine",
         "hyperfine -N --runs 3 --style basic 'sleep 0.02' 'sleep 0.06' 2>&1", changes=[
             Change("runs-5", "hyperfine --runs 5", "hyperfine -N --runs 5 --style basic 'sleep 0.02' "
                    "'sleep 0.06' 2>&1"),
             Change("slower-second", "the second command sleeps 0.1 s",
                    "hyperfine -N --runs 3 --style basic 'sleep 0.02' 'sleep 0.1' 2>&1"),
         ]),
    host("chronic-fail", "errors", "chronic",
         "chronic sh -c 'echo \"link step $(date +%T.%N) pid $$\"; echo \"undefined reference to add\" >&2; "
         "exit 2'; echo \"exit $?\"", changes=[
             Change("succeeds", "the step exits 0: chronic stays silent",
                    "chronic sh -c 'echo \"link step $(date +%T.%N) pid $$\"; exit 0'; echo \"exit $?\""),
             Change("other-symbol", "another missing symbol",
                    "chronic sh -c 'echo \"link step $(date +%T.%N) pid $$\"; echo \"undefined reference to "
                    "sub\" >&2; exit 2'; echo \"exit $?\""),
         ]),
    host("ctest-run", "timing", "ctest", CTEST % "", CMAKE, changes=[
        Change("zero-fails", "the zero test expects 1", setup=edited(CMAKE, "'s/meter 0 0 0/meter 0 0 1/' "
                                                                            "src/CMakeLists.txt")),
        Change("exclude-slow", "ctest -E slow", CTEST % "-E slow"),
    ]),
    host("ctest-parallel", "parallel", "ctest", CTEST % "-j4", CMAKE, unordered=True, changes=[
        Change("quick-fails", "the quick test expects 3",
               setup=edited(CMAKE, "'s/> 1 1 2/> 1 1 3/' src/CMakeLists.txt")),
    ]),
    host("ruby-minitest", "timing", "ruby", "ruby cart_test.rb 2>&1; echo \"exit $?\"", MINITEST, changes=[
        Change("big-fails", "the big sum expects 3001",
               setup=edited(MINITEST, "'s/assert_equal 3000/assert_equal 3001/' cart_test.rb")),
    ]),
    host("ruby-benchmark", "tables", "ruby", RUBY_BENCH % "", changes=[
        Change("one-more-job", "a third job is reported",
               RUBY_BENCH % 'x.report("join:") { (1..50_000).map(&:to_s).join }'),
    ]),
    host("python-doctest", "timing", "python3 -m doctest", "python3 -m doctest -v money.py 2>&1 | tail -n 12",
         DOCTEST_PY % "7", changes=[
             Change("wrong-split", "the third example splits 8", setup=DOCTEST_PY % "8"),
         ]),
    # --- build tools and linters (host) ---------------------------------------------------------
    host("cmake-configure", "tempfiles", "cmake", CMAKE_CONFIGURE, CMAKE, changes=[
        Change("version-1.2.1", "the project is version 1.2.1",
               setup=edited(CMAKE, "'s/VERSION 1.2.0/VERSION 1.2.1/' src/CMakeLists.txt")),
        Change("missing-source", "calc.c is missing", setup=CMAKE + "\nrm src/calc.c"),
    ]),
    host("ninja-build", "progress", "ninja", CMAKE_BUILD + 'ninja -C "$d" 2>&1 && "$d/meter" 2 3 5', CMAKE,
         changes=[
             Change("compile-error", "calc.c has a syntax error",
                    setup=edited(CMAKE, "'s/return a + b;/return a + b/' src/calc.c")),
             Change("subtracts", "add subtracts", setup=edited(CMAKE, "'s/return a + b;/return a - b;/' "
                                                                      "src/calc.c")),
         ]),
    host("shellcheck-deploy", "tempfiles", "shellcheck",
         'd=$(mktemp -d) && cp deploy.sh "$d" && shellcheck "$d/deploy.sh"; echo "exit $?"', DEPLOY_SH,
         changes=[
             Change("quoted-cd", "the cd is guarded: one finding fewer",
                    setup=edited(DEPLOY_SH, "'s#^cd /srv/current#cd /srv/current || exit#' deploy.sh")),
             Change("severity-error", "shellcheck -S error",
                    'd=$(mktemp -d) && cp deploy.sh "$d" && '
                    'shellcheck -S error "$d/deploy.sh"; echo "exit $?"'),
         ]),
    host("cppcheck-bounds", "tempfiles", "cppcheck",
         'd=$(mktemp -d) && cp buf.c "$d" && cppcheck --enable=warning "$d/buf.c" 2>&1', BUF_C, changes=[
             Change("index-9", "the write is at index 9", setup=edited(BUF_C, "'s/buf\\[8\\] = /buf[9] = /' "
                                                                             "buf.c")),
             Change("buf-16", "the buffer holds 16 bytes: no finding",
                    setup=edited(BUF_C, "'s/char buf\\[8\\]/char buf[16]/' buf.c")),
         ]),
    host("black-diff", "dates", "black", BLACK % "", BLACK_APP, changes=[
        Change("line-length-30", "black --line-length 30", BLACK % "--line-length 30"),
    ]),
    host("isort-diff", "dates", "isort", ISORT % "", APP_PY, changes=[
        Change("force-single-line", "isort --force-single-line --reverse-sort",
               ISORT % "--force-single-line --reverse-sort"),
    ]),
    host("flake8-app", "tempfiles", "flake8", IN_TMP + "flake8 app.py; echo \"exit $?\"", APP_PY, changes=[
        Change("max-line-40", "flake8 --max-line-length 40", IN_TMP + "flake8 --max-line-length 40 app.py; "
               "echo \"exit $?\""),
    ]),
    host("pycodestyle-stats", "tables", "pycodestyle",
         IN_TMP + "pycodestyle --statistics -qq --max-line-length=40 app.py; "
                  "echo \"exit $?\"", APP_PY, changes=[
             Change("max-line-45", "a longer line limit: fewer long lines",
                    IN_TMP + "pycodestyle --statistics -qq --max-line-length=45 app.py; echo \"exit $?\""),
         ]),
    host("vulture-app", "computed", "vulture", IN_TMP + "vulture app.py; echo \"exit $?\"", APP_PY, changes=[
        Change("min-confidence-70", "vulture --min-confidence 70",
               IN_TMP + "vulture --min-confidence 70 app.py; echo \"exit $?\""),
    ]),
    host("radon-cc", "computed", "radon", IN_TMP + "radon cc -s -a app.py", APP_PY, changes=[
        Change("one-more-branch", "one more if in run",
               setup=edited(APP_PY, "'s/    x = 1/    x = 1\\n    if not cmd:\\n        return -2/' app.py")),
    ]),
    host("bandit-json", "jsonlogs", "bandit", IN_TMP + "bandit -q -f json app.py 2>&1", APP_PY, changes=[
        Change("no-shell", "the call no longer uses shell=True",
               setup=edited(APP_PY, "'s/, shell=True//' app.py")),
    ]),
    host("yamllint-conf", "errors", "yamllint", "yamllint -f parsable conf.yaml; echo \"exit $?\"", CONF_YAML,
         changes=[
             Change("bad-indent", "the ports are indented by three",
                    setup=edited(CONF_YAML, "'s/^    - 8080/     - 8080/' conf.yaml")),
         ]),
    host("coverage-report", "tables", "coverage",
         "coverage run cover.py 95 80 && coverage report -m", COVER_PY, changes=[
             Change("more-grades", "one more score: one more branch covered",
                    "coverage run cover.py 95 80 55 && coverage report -m"),
             Change("branch", "coverage run --branch", "coverage run --branch cover.py 95 80 && "
                    "coverage report -m"),
         ]),
    host("coverage-json", "jsonlogs", "coverage",
         "coverage run cover.py 95 80 >/dev/null && coverage json -q -o cov.json && "
         "python3 -c \"import json; d = json.load(open('cov.json')); print(json.dumps({'meta': d['meta'], "
         "'totals': d['totals']}, indent=1))\"", COVER_PY, changes=[
             Change("fail-grade", "a failing score: two more lines covered",
                    "coverage run cover.py 95 80 10 >/dev/null && coverage json -q -o cov.json && "
                    "python3 -c \"import json; d = json.load(open('cov.json')); print(json.dumps({'meta': "
                    "d['meta'], 'totals': d['totals']}, indent=1))\""),
         ]),
    # --- servers' startup lines (host, 127.0.0.1 only) ------------------------------------------
    host("uvicorn-serve", "servers", "uvicorn", UVICORN % ("", "/health"), ASGI_APP, changes=[
        Change("log-warning", "uvicorn --log-level warning", UVICORN % ("--log-level warning", "/health")),
        Change("status-201", "the app answers 201",
               setup=edited(ASGI_APP, "'s/\"status\": 200/\"status\": 201/' asgi.py")),
    ]),
    host("gunicorn-serve", "servers", "gunicorn", GUNICORN % "--workers 1", WSGI_APP, changes=[
        Change("two-workers", "gunicorn --workers 2", GUNICORN % "--workers 2"),
        Change("gthread", "gunicorn --worker-class gthread", GUNICORN % "--workers 1 --worker-class gthread"),
    ]),
    host("lighttpd-serve", "servers", "lighttpd", LIGHTTPD, LIGHTTPD_CONF % "billing", changes=[
        Change("other-tag", "another server.tag", setup=LIGHTTPD_CONF % "billing-2"),
    ]),
    host("socat-exec", "ids", "socat", "socat -d -d - EXEC:'echo ready' </dev/null 2>&1", changes=[
        Change("started", "the child prints another word", "socat -d -d - EXEC:'echo started' "
                                                           "</dev/null 2>&1"),
    ]),
    # --- git-like tools, database clients (host) -------------------------------------------------
    host("hg-real-dates", "ids", "hg", HG_REPO % ("", "release 1.4"), changes=[
        Change("release-1.5", "another commit message", HG_REPO % ("", "release 1.5")),
    ]),
    host("hg-fixed-date", "dates", "hg", HG_REPO % ("-d '2024-02-29 12:00 +0100'", "release 1.4"), changes=[
        Change("a-day-later", "committed a day later: another hash",
               HG_REPO % ("-d '2024-03-01 12:00 +0100'", "release 1.4")),
        Change("other-zone", "the same moment in another zone",
               HG_REPO % ("-d '2024-02-29 11:00 +0000'", "release 1.4")),
    ]),
    host("fossil-init", "ids", "fossil", FOSSIL % "", changes=[
        Change("admin-bob", "fossil init --admin-user bob", FOSSIL % "--admin-user bob"),
    ]),
    host("mariadb-socket", "errors", "mariadb",
         'd=$(mktemp -d) && mariadb --socket="$d/mysqld.sock" -e "select 1" 2>&1; echo "exit $?"', changes=[
             Change("tcp-3307", "mariadb over TCP to port 3307",
                    'd=$(mktemp -d) && mariadb -h 127.0.0.1 -P 3307 -e "select 1" 2>&1; echo "exit $?"'),
         ]),
    host("redis-cli-socket", "errors", "redis-cli",
         'd=$(mktemp -d) && redis-cli -s "$d/redis.sock" ping 2>&1; echo "exit $?"', changes=[
             Change("port-6390", "redis-cli -p 6390", 'redis-cli -p 6390 ping 2>&1; echo "exit $?"'),
         ]),
    host("sqlite-utils-table", "tables", "sqlite-utils",
         "python3 gen.py > runs.csv && sqlite-utils insert runs.db runs runs.csv --csv && "
         "sqlite-utils rows runs.db runs --table", RUNS_CSV, changes=[
             Change("three-rows", "one run fewer", env={"ROWS": "3"}),
             Change("retry-more", "every run retried once more", env={"EXTRA": "1"}),
         ]),
    host("sqlite-utils-memory", "jsonlogs", "sqlite-utils",
         "sqlite-utils memory \"select abs(random()) % 100000 as ticket, datetime('now') as at, "
         "42 as answer, 'eu-west' as region\"", changes=[
             Change("answer-43", "another constant",
                    "sqlite-utils memory \"select abs(random()) % 100000 as ticket, datetime('now') as at, "
                    "43 as answer, 'eu-west' as region\""),
         ]),
    # --- compression (host) -----------------------------------------------------------------------
    host("brotli-verbose", "progress", "brotli",
         "seq 20000 > a.txt && head -c 5000 /dev/urandom > r.bin && "
         "brotli -v -f -k a.txt r.bin 2>&1", changes=[
             Change("quality-4", "brotli -q 4", "seq 20000 > a.txt && head -c 5000 /dev/urandom > r.bin && "
                    "brotli -v -q 4 -f -k a.txt r.bin 2>&1"),
             Change("longer-input", "one line more", "seq 20001 > a.txt && "
                                                     "head -c 5000 /dev/urandom > r.bin && "
                    "brotli -v -f -k a.txt r.bin 2>&1"),
         ]),
    host("lzop-list", "tables", "lzop",
         "seq 30000 > a.txt && head -c 4000 /dev/urandom > r.bin && lzop -v a.txt r.bin 2>&1 && "
         "lzop -l a.txt.lzo r.bin.lzo", changes=[
             Change("level-9", "lzop -9", "seq 30000 > a.txt && head -c 4000 /dev/urandom > r.bin && "
                    "lzop -9 -v a.txt r.bin 2>&1 && lzop -l a.txt.lzo r.bin.lzo"),
         ]),
    host("pigz-list", "dates", "pigz", "seq 30000 > a.txt && pigz -k a.txt && pigz -lv a.txt.gz", changes=[
        Change("level-1", "pigz -1", "seq 30000 > a.txt && pigz -1 -k a.txt && pigz -lv a.txt.gz"),
    ]),
    host("7z-archive", "progress", "7z", SEVENZ % ("", "a.txt r.bin"), changes=[
        Change("stored", "7z -mx0: stored", SEVENZ % ("-mx0", "a.txt r.bin")),
        Change("one-file", "r.bin is not packed", SEVENZ % ("", "a.txt")),
    ]),
    host("rsync-stats", "tempfiles", "rsync", RSYNC % ("", ""), changes=[
        Change("no-conf", "the conf directory is gone", RSYNC % (" && rm -r src/conf", "")),
        Change("dry-run", "rsync --dry-run", RSYNC % ("", "--dry-run")),
    ]),
    # --- scripting languages and interactive tools (host) ----------------------------------------
    host("ruby-threads", "parallel", "ruby", RUBY_THREADS + "6", unordered=True, changes=[
        Change("five-workers", "one worker fewer", RUBY_THREADS + "5"),
    ]),
    host("gem-build", "listings", "gem", "gem build demo.gemspec 2>&1", GEMSPEC % "0.1.0", changes=[
        Change("version-0.1.1", "the gem is 0.1.1", setup=GEMSPEC % "0.1.1"),
    ]),
    host("lua-clock", "dates", "lua5.4", "lua5.4 clock.lua", LUA_CLOCK, env={"DAYS": "1"}, changes=[
        Change("two-days", "the due date is two days on", env={"DAYS": "2"}),
        Change("berlin", "the clock in Europe/Berlin", env={"TZ": "Europe/Berlin"}),
    ]),
    host("gawk-jsonlog", "jsonlogs", "gawk", GAWK_LOG, env={"ITEMS": "118"}, changes=[
        Change("items-119", "one item more", env={"ITEMS": "119"}),
    ]),
    host("expect-login", "ids", "expect", EXPECT % "hunter2", LOGIN_SH, changes=[
        Change("wrong-password", "a wrong password is sent", EXPECT % "hunter3"),
    ]),
    host("node-workers", "parallel", "node worker_threads", NODE_WORKERS % "4", unordered=True, changes=[
        Change("three-jobs", "one job fewer", NODE_WORKERS % "3"),
    ]),
    host("npm-run-build", "timing", "npm run", "npm run build --no-update-notifier 2>&1", NPM_PKG % "1.0.0",
         changes=[Change("version-1.0.1", "the package is 1.0.1", setup=NPM_PKG % "1.0.1")]),
    host("npm-init", "tempfiles", "npm init",
         'd=$(mktemp -d) && cd "$d" && npm init -y --no-update-notifier 2>&1', changes=[
             Change("init-version", "npm init --init-version 0.2.0",
                    'd=$(mktemp -d) && cd "$d" && npm init -y '
                    '--init-version 0.2.0 --no-update-notifier 2>&1'),
         ]),
    # --- Python command lines (host) ---------------------------------------------------------------
    host("pip-wheel", "tempfiles", "pip wheel", PIP_WHEEL, PYPROJECT % "0.3.0", changes=[
        Change("version-0.3.1", "the project is 0.3.1", setup=PYPROJECT % "0.3.1"),
    ]),
    host("pip-hash", "computed", "pip hash", "seq 1000 > a.txt && head -c 64 /dev/urandom > r.bin && "
         "pip hash a.txt && pip hash -a sha512 r.bin | tail -n 1", changes=[
             Change("longer-file", "one line more", "seq 1001 > a.txt && head -c 64 /dev/urandom > r.bin && "
                    "pip hash a.txt && pip hash -a sha512 r.bin | tail -n 1"),
         ]),
    host("structlog-json", "jsonlogs", "python3 structlog", "python3 svc.py 2>&1", STRUCTLOG_PY, changes=[
        Change("skipped-3", "three rows skipped", env={"SKIPPED": "3"}),
    ]),
    host("tqdm-bar", "progress", "tqdm",
         "seq 300000 | tqdm --total 300000 --mininterval 0.05 2>&1 >/dev/null", changes=[
             Change("total-400k", "the total is 400000: the bar stops at 75%",
                    "seq 300000 | tqdm --total 400000 --mininterval 0.05 2>&1 >/dev/null"),
         ]),
    host("csvlook-runs", "tables", "csvlook", "python3 gen.py > runs.csv && csvlook runs.csv", RUNS_CSV,
         changes=[
             Change("five-rows", "one run more", env={"ROWS": "5"}),
         ]),
    host("csvstat-scores", "computed", "csvstat", "csvstat -c score,attempts scores.csv", SCORES_CSV,
         env={"SCORE": "83"}, changes=[Change("score-84", "one score is 84", env={"SCORE": "84"})]),
    host("tabulate-grid", "tables", "tabulate",
         "python3 gen.py | tabulate -1 -s , -f grid", RUNS_CSV, changes=[
             Change("retry-more", "every run retried once more", env={"EXTRA": "1"}),
         ]),
    host("sqlformat-query", "computed", "sqlformat",
         "echo \"select id, total from orders where status = 'open' and created_at > now() "
                "- interval '1 day' "
         "order by total desc\" | sqlformat -r -", changes=[
             Change("keywords-upper", "sqlformat -k upper",
                    "echo \"select id, total from orders where status = 'open' and created_at > now() "
                           "- interval "
                    "'1 day' order by total desc\" | sqlformat -r -k upper -"),
         ]),
    host("python-zipapp", "tempfiles", "python3 -m zipapp",
         'd=$(mktemp -d) && python3 -m zipapp app -o "$d/invoicer.pyz" && python3 "$d/invoicer.pyz"', ZIPAPP,
         changes=[Change("version-1.4.3", "the app reports 1.4.3", env={"APPVER": "1.4.3"})]),
    host("python-pickletools", "ids", "python3 -m pickletools",
         PICKLE_PY % "4" + " && python3 -m pickletools job.pkl", changes=[
             Change("protocol-2", "pickled with protocol 2", PICKLE_PY % "2" + " && python3 -m pickletools "
                    "job.pkl"),
         ]),
    host("python-tabnanny", "tempfiles", "python3 -m tabnanny",
         'd=$(mktemp -d) && printf "def f(x):\\n    if x:\\n        return 1\\n    return 0\\n" '
         '> "$d/m.py" && '
         'python3 -m tabnanny -v "$d/m.py"; echo "exit $?"', changes=[
             Change("mixed-tabs", "a line indented with a tab",
                    'd=$(mktemp -d) && printf "def f(x):\\n    if x:\\n\\treturn 1\\n    return 0\\n" '
                    '> "$d/m.py"'
                    ' && python3 -m tabnanny -v "$d/m.py"; echo "exit $?"'),
         ]),
    # --- XML and units (host) ----------------------------------------------------------------------
    host("xmllint-timing", "timing", "xmllint", "xmllint --timing --noout feed.xml 2>&1; echo \"exit $?\"",
         FEED_XML, changes=[
             Change("truncated", "the feed lost its closing tag",
                    setup=FEED_XML + "\nsed -i '$d' feed.xml"),
         ]),
    host("xsltproc-report", "dates", "xsltproc", "xsltproc report.xsl orders.xml", ORDERS_XML, changes=[
        Change("env-prod", "xsltproc --stringparam env prod",
               "xsltproc --stringparam env prod report.xsl orders.xml"),
        Change("qty-11", "one order of 11", setup=edited(ORDERS_XML, "'s/qty=\"10\"/"
                                         "qty=\"11\"/' orders.xml")),
    ]),
    host("xmlstarlet-select", "tables", "xmlstarlet",
         "xmlstarlet sel -t -m //item -v @id -o ' ' -v @sku -o ' ' -v qty -n feed.xml | head -n 6",
         FEED_XML, changes=[
             Change("qty-first", "the quantity is printed first",
                    "xmlstarlet sel -t -m //item -v qty -o ' ' -v @id -o ' ' "
                    "-v @sku -n feed.xml | head -n 6"),
         ]),
    host("units-convert", "computed", "units",
         "units -t '30 days' seconds; units -t '2.5 miles' km; units -t 'tempF(70)' tempC", changes=[
             Change("31-days", "a month of 31 days",
                    "units -t '31 days' seconds; units -t '2.5 miles' km; "
                    "units -t 'tempF(70)' tempC"),
         ]),
    # --- /proc readers (host) ----------------------------------------------------------------------
    host("pidstat-sleep", "proc", "pidstat", "sleep 2 & pidstat -r -p $! 2>&1; kill $!", changes=[
        Change("cpu", "pidstat -u: CPU, not memory", "sleep 2 & pidstat -u -p $! 2>&1; kill $!"),
    ]),
    host("mpstat-all", "proc", "mpstat", "mpstat 1 1", changes=[
        Change("per-cpu", "mpstat -P ALL", "mpstat -P ALL 1 1"),
    ]),
    # --- in the base image ---------------------------------------------------------------------------
    Case("dumpe2fs-header", "ids", "dumpe2fs", EXT_IMAGE % "" + "dumpe2fs -h img 2>&1", changes=[
        Change("block-2048", "mke2fs -b 2048", EXT_IMAGE % "-b 2048" + "dumpe2fs -h img 2>&1"),
        Change("label", "mke2fs -L data", EXT_IMAGE % "-L data" + "dumpe2fs -h img 2>&1"),
    ]),
    Case("resize2fs-grow", "computed", "resize2fs", EXT_IMAGE % "" + "resize2fs img 12M 2>&1", changes=[
        Change("grow-16m", "resize2fs img 16M", EXT_IMAGE % "" + "resize2fs img 16M 2>&1"),
    ]),
    Case("lsfd-sleep", "proc", "lsfd",
         "sleep 3 & lsfd -p $! -o COMMAND,PID,ASSOC,MODE,TYPE,NAME; kill $!", changes=[
             Change("extra-fd", "the process holds one more file open",
                    "echo x > held.txt; exec 5<held.txt; sleep 3 & lsfd -p $! -o COMMAND,PID,ASSOC,MODE,TYPE,"
                    "NAME; kill $!"),
         ]),
    Case("lsirq-top", "proc", "lsirq", "lsirq -s TOTAL | head -n 6", changes=[
        Change("no-total", "the TOTAL column is not shown", "lsirq -s TOTAL -o IRQ,NAME | head -n 6"),
    ]),
    Case("fincore-files", "tables", "fincore",
         "seq 100000 > big && head -c 300000 /dev/urandom > rand.bin && fincore big rand.bin", changes=[
             Change("bigger", "the text file is twice as long",
                    "seq 200000 > big && head -c 300000 /dev/urandom > rand.bin && fincore big rand.bin"),
         ]),
    Case("hardlink-dedup", "timing", "hardlink", "hardlink -v releases 2>&1", setup=DEDUP, changes=[
        Change("blob-differs", "the blobs differ: one link fewer",
               setup=DEDUP + " && head -c 4096 /dev/urandom > releases/b/blob"),
    ]),
    Case("useradd-expiry", "dates", "useradd", USERADD % "2027-02-28", changes=[
        Change("a-day-later", "the account expires a day later", USERADD % "2027-03-01"),
    ]),
    Case("gzexe-script", "progress", "gzexe",
         "printf '#!/bin/sh\\necho \"deploy $$\"\\n' > run.sh && seq 300 | sed 's/^/# line /' >> run.sh && "
         "chmod +x run.sh && gzexe run.sh 2>&1 && ./run.sh", changes=[
             Change("shorter", "a script of 100 comment lines",
                    "printf '#!/bin/sh\\necho \"deploy $$\"\\n' > run.sh && seq 100 | "
                                                          "sed 's/^/# line /' >> run.sh"
                    " && chmod +x run.sh && gzexe run.sh 2>&1 && ./run.sh"),
         ]),
    Case("apt-mark-hold", "listings", "apt-mark", "apt-mark showmanual | head -n 6; "
                                                  "apt-mark showhold", changes=[
        Change("hold-bash", "bash is held", "apt-mark hold bash && apt-mark showmanual | head -n 6; "
               "apt-mark showhold; apt-mark unhold bash >/dev/null"),
    ]),
    Case("setpriv-dump", "ids", "setpriv", "setpriv --dump", changes=[
        Change("pdeathsig", "setpriv --pdeathsig TERM", "setpriv --pdeathsig TERM setpriv --dump"),
    ]),
    Case("lslogins-users", "tables", "lslogins", "lslogins -o UID,USER,PROC,PWD-LOCK,GECOS "
                                                 "| head -n 8", changes=[
        Change("user-accounts", "lslogins -u: user accounts only",
               "lslogins -u -o UID,USER,PROC,PWD-LOCK,GECOS | head -n 8"),
    ]),
]


def main(argv: list[str]) -> int:
    os.environ["PATH"] = f"{VENV}/bin{os.pathsep}{os.environ['PATH']}"
    return capture_set(argv, CASES, DATA)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
