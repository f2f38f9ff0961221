"""Fifth round of pairs for the TUNING set (tests/verify/data/pairs.jsonl): servers'
startup and shutdown lines, progress output and JSON logs, each from a real program
run twice (issue #9, T9a).

    ROUND5_VENV=/path/to/venv .venv/bin/python tests/verify/capture_round5_pairs.py [--dry-run]

``ROUND5_VENV`` is a virtual environment holding uvicorn, gunicorn, tqdm, structlog,
python-json-logger and loguru (its ``bin`` goes first on ``PATH``, so ``python3``
below is its Python); ``pv`` must be on ``PATH``. Everything runs on the
host.

Kinds: ``python -m http.server``, uvicorn and gunicorn (with worker processes) (listening addresses, ephemeral
ports, worker pids, request logs with client ports, Apache's common log format), a
small server of our own (boot time, latencies, byte counts), ``pv`` and ``tqdm``
(``\\r`` bars, rates, ETAs), progress printed a line at a time by the clock (the
percentages stop at other steps), a spinner, structlog (JSON and key=value),
python-json-logger, loguru (its text format and ``serialize=True``'s nested JSON),
JSON logs of our own (timestamps under odd keys, durations, request ids, nested
objects, JSON fields amid text, ULIDs), byte counts printed while running, logfmt and
a server in Go's style (``addr=:PORT``, ``took=``, ``request_time=``).

* ``equivalent`` pairs: the unchanged command really run twice (fresh scratch
  directory each time, more than a second apart).
* ``different`` pairs: the command run once more with its arguments or input really
  changed: a configured port, a request for a missing page, one request or one worker
  more, a longer body, another level, another message, another total. Nothing is
  edited after the run.

Records are appended, replacing earlier records with the same id; ``--dry-run``
prints how the current comparator scores them and writes them to
``/tmp/round5_pairs.jsonl`` only. Not collected by pytest (no ``test_`` prefix).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from capture_pairs import Case, capture_round


def program(name: str, source: str) -> str:
    """Setup that writes ``source`` to ``name`` in the scratch directory."""
    return f"cat > {name} <<'EOF'\n{source.strip()}\nEOF\n"


# --- servers ---------------------------------------------------------------------------
# Start a server in the background, wait for the line that names its port, make the
# requests, stop it and print what it logged.
SERVE = (": > log; {start} > log 2>&1 & pid=$!; for i in $(seq 100); do "
         "port=$(grep -oE '{port}' log | grep -oE '[0-9]+$' | head -1); "
         "[ -n \"$port\" ] && break; sleep 0.1; done; {requests}"
         "sleep 0.3; kill -{signal} $pid; wait $pid 2>/dev/null; cat log")


def get(*paths: str) -> str:
    """Request each of ``paths`` from the server on ``$port`` (Python's urllib)."""
    return ("python3 -c \"import sys, urllib.request\nfor path in sys.argv[2:]:\n"
            "    try: urllib.request.urlopen('http://127.0.0.1:' + sys.argv[1] + path).read()\n"
            f"    except OSError: pass\" $port {' '.join(paths)}; ")


HTTP_SERVER = "python3 -u -m http.server {port} --bind 127.0.0.1"
ASGI_APP = program("app.py", '''
async def app(scope, receive, send):
    if scope["type"] != "http":
        return
    status = 200 if scope["path"] == "/" else 404
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain")]})
    await send({"type": "http.response.body", "body": b"ok\\n"})
''')
UVICORN = "python3 -m uvicorn app:app --host 127.0.0.1 --port {port}"
WSGI_APP = program("wsgi.py", '''
def app(environ, start_response):
    status = "200 OK" if environ["PATH_INFO"] == "/" else "404 Not Found"
    start_response(status, [("Content-Type", "text/plain")])
    return [b"ok\\n"]
''')
GUNICORN = ("python3 -m gunicorn -w {workers} -b 127.0.0.1:{port} --no-control-socket "
            "--access-logfile - wsgi:app")


def http_server(port: str = "0", paths: tuple[str, ...] = ("/", "/missing")) -> str:
    return SERVE.format(start=HTTP_SERVER.format(port=port), port="port [0-9]+",
                        requests=get(*paths), signal="TERM")


def uvicorn(port: str = "0", paths: tuple[str, ...] = ("/", "/missing")) -> str:
    return SERVE.format(start=UVICORN.format(port=port), port="127.0.0.1:[0-9]+",
                        requests=get(*paths), signal="INT")


def gunicorn(workers: int = 2, port: str = "0", paths: tuple[str, ...] = ("/",)) -> str:
    return SERVE.format(start=GUNICORN.format(workers=workers, port=port),
                        port="127.0.0.1:[0-9]+", requests=get(*paths), signal="TERM")


def uvicorn_workers(workers: int) -> str:
    """uvicorn with worker processes on a fixed port (its supervisor prints no port)."""
    return (f": > log; {UVICORN.format(port='8150')} --workers {workers} > log 2>&1 & pid=$!; "
            "for i in $(seq 100); do [ $(grep -c 'startup complete' log) -ge "
            f"{workers} ] && break; sleep 0.1; done; port=8150; {get('/')}"
            "sleep 0.3; kill -INT $pid; wait $pid 2>/dev/null; cat log")


# A server of our own: boot time, its address, request lines with client ports and
# latencies, a summary with the time it ran.
SVC = program("svc.py", r'''
import http.server, os, sys, threading, time, urllib.request
started = time.monotonic()
body = sys.argv[2].encode() if len(sys.argv) > 2 else b"hello\n"
class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        t = time.perf_counter()
        status = 200 if self.path == "/" else 404
        self.send_response(status); self.end_headers(); self.wfile.write(body)
        print(f"{self.command} {self.path} -> {status} ({len(body)} bytes, "
              f"{(time.perf_counter() - t) * 1000:.2f}ms) from "
              f"{self.client_address[0]}:{self.client_address[1]}", flush=True)
    def log_message(self, *args):
        pass
server = http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler)
host, port = server.server_address
print(f"svc 1.4.2 starting (pid {os.getpid()}, {threading.active_count()} thread)", flush=True)
print(f"listening on http://{host}:{port}", flush=True)
threading.Thread(target=server.serve_forever, daemon=True).start()
print(f"ready in {time.monotonic() - started:.3f}s", flush=True)
for path in sys.argv[3:] or ["/", "/missing"]:
    try:
        urllib.request.urlopen(f"http://{host}:{port}{path}").read()
    except Exception as exc:
        pass
server.shutdown()
print(f"shutting down after {time.monotonic() - started:.2f}s", flush=True)
''')

# A server in Go's and nginx's styles: logfmt with short time keys, an address with
# its host left out, access lines with the request's time.
GOSVC = program("gosvc.py", r'''
import os, socket, sys, time
from datetime import datetime, timezone
def ts():
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
start = time.perf_counter()
probe = socket.socket(); probe.bind(("", int(sys.argv[1]))); port = probe.getsockname()[1]
print(f"ts={ts()} level=info caller=main.go:41 msg=\"listening\" addr=:{port} pid={os.getpid()}")
for path, status in (("/", 200), ("/api", int(sys.argv[2]))):
    t = time.perf_counter(); time.sleep(0.003)
    took = time.perf_counter() - t
    print(f"ts={ts()} level={sys.argv[3]} caller=http.go:88 method=GET path={path} "
          f"status={status} took={took:.4f}")
    print(f'127.0.0.1 - - [{datetime.now(timezone.utc):%d/%b/%Y:%H:%M:%S +0000}] "GET {path} HTTP/1.1" '
          f'{status} 612 "-" "probe/1.0" request_time={took:.3f}')
elapsed = int(time.perf_counter() - start)
print(f"ts={ts()} level=info msg=\"shutting down\" ran_for={elapsed // 60:02d}:{elapsed % 60:02d} "
      f"elapsed {elapsed // 60:02d}:{elapsed % 60:02d}")
probe.close()
''')
DOCKER_JSON = ("docker run --rm --network none testronaut-base:bookworm python3 -c "
               "'import json, os, socket, time; "
               "print(json.dumps({{\"ts\": time.time(), \"host\": socket.gethostname(), "
               "\"pid\": os.getpid(), \"msg\": \"{msg}\", \"rt\": time.process_time()}}))'")


# Text log lines that carry their fields as JSON, and a ULID per request.
APPLOG = program("applog.py", r'''
import json, os, sys, time
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
def ulid():
    n = (int(time.time() * 1000) << 80) | int.from_bytes(os.urandom(10), "big")
    return "".join(ALPHABET[(n >> (5 * i)) & 31] for i in reversed(range(26)))
for path in ("/", "/cart"):
    t = time.perf_counter(); time.sleep(0.002)
    fields = {"path": path, "status": int(sys.argv[1]), "bytes": int(sys.argv[2]),
              "took_ms": round((time.perf_counter() - t) * 1000, 3)}
    print(f"INFO http request id={ulid()} {json.dumps(fields)}", flush=True)
''')


# --- progress --------------------------------------------------------------------------
PV = "head -c {size} /dev/zero | pv -f -L {rate} -s {size} 2>&1 >/dev/null"
TQDM = program("bar.py", r'''
import sys, time
from tqdm import tqdm
count, unit = int(sys.argv[1]), sys.argv[2]
desc = sys.argv[3] if len(sys.argv) > 3 else "items"
if unit == "B":
    with tqdm(total=count, unit="B", unit_scale=True, desc=desc, ascii=False) as bar:
        for _ in range(50):
            time.sleep(0.01); bar.update(count // 50)
elif unit == "open":
    for _ in tqdm(iter(range(count)), desc=desc, mininterval=0.02):
        time.sleep(0.01)
else:
    for _ in tqdm(range(count), desc=desc, mininterval=0.02, ascii=unit == "ascii"):
        time.sleep(0.01)
print(f"processed {count} {desc}")
''')
# progress printed a line at a time, as often as the clock says: the percentages
# seen depend on the machine's speed
LINES = program("copy.py", r'''
import hashlib, sys, time
total = int(sys.argv[1]) * 1_000_000
stop = int(sys.argv[2]) if len(sys.argv) > 2 else 100
chunk, done, start, shown = 65_536, 0, time.monotonic(), 0.0
block = bytes(chunk)
while done < total * stop // 100:
    for _ in range(40):
        hashlib.sha256(block).digest()
    done = min(total * stop // 100, done + chunk)
    now = time.monotonic() - start
    if now - shown >= 0.05 or done == total * stop // 100:
        shown = now
        rate = done / now / 1e6
        eta = (total - done) / (done / now)
        print(f"[{100 * done // total:3d}%] copied {done / 1e6:.1f} MB of {total / 1e6:.1f} MB"
              f" at {rate:.1f} MB/s, ETA {eta:.1f}s", flush=True)
word = "copied" if stop == 100 else "stopped after"
print(f"{word} {done / 1e6:.1f} MB in {time.monotonic() - start:.2f}s", flush=True)
''')
DOWNLOAD = program("dl.py", r'''
import hashlib, sys, time
total = float(sys.argv[1])
done, start, shown, block = 0.0, time.monotonic(), 0.0, bytes(65_536)
while done < total:
    for _ in range(30):
        hashlib.sha256(block).digest()
    done = min(total, round(done + 0.1, 1))
    if time.monotonic() - shown >= 0.04 or done == total:
        shown = time.monotonic()
        print(f"downloaded {done:.1f} MB of {total:.1f} MB", flush=True)
print(f"saved app.tar ({total:.1f} MB) in {time.monotonic() - start:.2f}s")
''')
SPINNER = program("spin.py", r'''
import sys, time
frames = "|/-\\"
start = time.monotonic()
for i in range(int(sys.argv[1])):
    sys.stdout.write(f"\r{frames[i % 4]} indexing file {i + 1}"); sys.stdout.flush()
    time.sleep(0.01)
print(f"\rindexed {sys.argv[1]} files in {time.monotonic() - start:.2f}s      ")
''')

# --- JSON logs and logfmt ----------------------------------------------------------------
STRUCTLOG = program("slog.py", r'''
import sys, time, uuid, structlog
json_out = sys.argv[1] == "json"
structlog.configure(processors=[
    structlog.processors.add_log_level,
    structlog.processors.TimeStamper(fmt="iso"),
    structlog.processors.JSONRenderer() if json_out
    else structlog.dev.ConsoleRenderer(colors=False)])
log = structlog.get_logger()
status, level = int(sys.argv[2]), sys.argv[3]
t = time.perf_counter()
log.info("server started", port=8080, workers=2)
for path in ("/", "/items"):
    s = time.perf_counter()
    time.sleep(0.002)
    log.info("request finished", path=path, status=status, request_id=uuid.uuid4().hex,
             duration_ms=round((time.perf_counter() - s) * 1000, 3))
getattr(log, level)("cache warm", entries=128, elapsed=round(time.perf_counter() - t, 4))
''')
JSON_LOGGER = program("jlog.py", r'''
import logging, socket, sys, time
from pythonjsonlogger.json import JsonFormatter
handler = logging.StreamHandler(sys.stdout)
handler.setFormatter(JsonFormatter(
    "%(asctime)s %(levelname)s %(name)s %(message)s %(process)d %(thread)d",
    timestamp=True))
log = logging.getLogger("billing")
log.addHandler(handler); log.setLevel(logging.INFO)
t = time.perf_counter()
log.info("worker booted", extra={"hostname": socket.gethostname(), "queue": "invoices"})
for n in range(int(sys.argv[1])):
    s = time.perf_counter()
    time.sleep(0.003)
    log.info("invoice sent", extra={"invoice": 1000 + n, "latency": time.perf_counter() - s})
getattr(log, sys.argv[2])("batch done", extra={"sent": int(sys.argv[1]),
                                               "took_seconds": time.perf_counter() - t})
''')
LOGURU = program("lg.py", r'''
import sys, time
from loguru import logger
logger.remove()
if sys.argv[1] == "json":
    logger.add(sys.stdout, serialize=True)
elif sys.argv[1] == "custom":  # a day-month-year stamp with milliseconds
    logger.add(sys.stdout, format="{time:DD MMM YYYY HH:mm:ss.SSS} {level} {message}")
else:
    logger.add(sys.stdout)
logger.info("pipeline starting with {} stages", int(sys.argv[2]))
for stage in range(int(sys.argv[2])):
    time.sleep(0.003)
    logger.debug("stage {} done", stage)
logger.log(sys.argv[3], "pipeline finished")
''')
OWN_JSON = program("events.py", r'''
import json, os, socket, sys, time, uuid
from datetime import datetime, timezone
def emit(**fields):
    print(json.dumps(fields), flush=True)
start = time.time()
emit(**{"@timestamp": datetime.now(timezone.utc).isoformat(), "severity": "INFO",
        "message": "service up", "host": {"name": socket.gethostname(), "pid": os.getpid()},
        "config": {"workers": int(sys.argv[1]), "listen": "127.0.0.1:9000"}})
for n in range(3):
    s = time.perf_counter(); time.sleep(0.002)
    emit(when=time.time(), severity="INFO", message="job ran", job=n,
         trace={"id": uuid.uuid4().hex, "span": os.urandom(8).hex()},
         timing={"queued_ms": round(s * 1000 % 7, 3), "ran_us": int((time.perf_counter() - s) * 1e6)},
         result=sys.argv[2])
emit(logged=datetime.now().strftime("%Y-%m-%d %H:%M:%S.%f"), severity="INFO",
     message="service down", uptime_s=round(time.time() - start, 3))
''')
LOGFMT = program("kv.py", r'''
import os, sys, time, uuid
from datetime import datetime, timezone
def line(level, msg, **kv):
    ts = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    rest = " ".join(f"{k}={v}" for k, v in kv.items())
    print(f'time={ts} level={level} msg="{msg}" {rest}', flush=True)
line("info", "listening", addr="127.0.0.1:7070", pid=os.getpid())
for path in ("/health", "/api/users"):
    s = time.perf_counter(); time.sleep(0.002)
    line("info", "request", method="GET", path=path, status=sys.argv[1], bytes=512,
         took=f"{(time.perf_counter() - s) * 1000:.3f}ms", req=uuid.uuid4())
line(sys.argv[2], "stopping", served=2)
''')

CASES = [
    # servers' startup, request and shutdown lines
    Case("http-server-ephemeral", "servers", http_server()),
    Case("http-server-fixed-port", "servers", http_server("8123")),
    Case("uvicorn-ephemeral", "servers", uvicorn(), setup=ASGI_APP),
    Case("uvicorn-fixed-port", "servers", uvicorn("8124", ("/",)), setup=ASGI_APP),
    Case("gunicorn-two-workers", "servers", gunicorn(), setup=WSGI_APP),
    Case("own-server-lines", "servers", "python3 svc.py 0", setup=SVC),
    Case("uvicorn-two-workers", "servers", uvicorn_workers(2), setup=ASGI_APP),
    Case("gunicorn-three-workers", "servers", gunicorn(workers=3), setup=WSGI_APP),
    Case("go-style-server", "servers", "python3 gosvc.py 0 200 info", setup=GOSVC),
    Case("container-json-line", "json-logs", DOCKER_JSON.format(msg="cache ready"), docker=True),
    # progress
    Case("pv-rate-limited", "progress", PV.format(size="3M", rate="6M")),
    Case("tqdm-items", "progress", "python3 bar.py 40 it 2>&1", setup=TQDM),
    Case("tqdm-bytes", "progress", "python3 bar.py 5000000 B download 2>&1", setup=TQDM),
    Case("tqdm-open-ended", "progress", "python3 bar.py 30 open rows 2>&1", setup=TQDM),
    Case("tqdm-ascii", "progress", "python3 bar.py 30 ascii files 2>&1", setup=TQDM),
    Case("progress-lines-by-clock", "progress", "python3 copy.py 4", setup=LINES),
    Case("spinner-summary", "progress", "python3 spin.py 25", setup=SPINNER),
    Case("download-byte-counts", "progress", "python3 dl.py 5", setup=DOWNLOAD),
    Case("text-log-json-fields", "json-logs", "python3 applog.py 200 1024", setup=APPLOG),
    # JSON logs, key=value logs
    Case("structlog-json", "json-logs", "python3 slog.py json 200 info", setup=STRUCTLOG),
    Case("structlog-console", "json-logs", "python3 slog.py console 200 info", setup=STRUCTLOG),
    Case("python-json-logger", "json-logs", "python3 jlog.py 3 info", setup=JSON_LOGGER),
    Case("loguru-text", "json-logs", "python3 lg.py text 3 INFO", setup=LOGURU),
    Case("loguru-serialized", "json-logs", "python3 lg.py json 2 INFO", setup=LOGURU),
    Case("loguru-day-month-stamp", "json-logs", "python3 lg.py custom 2 INFO", setup=LOGURU),
    Case("json-events-nested", "json-logs", "python3 events.py 2 ok", setup=OWN_JSON),
    Case("logfmt-requests", "json-logs", "python3 kv.py 200 info", setup=LOGFMT),
]

REAL_CHANGES: list[tuple[Any, ...]] = [
    ("http-server-other-port", "servers", "", http_server("8123"), http_server("8125")),
    ("http-server-page-found", "servers", "", http_server(), http_server(paths=("/", "/"))),
    ("http-server-one-request-fewer", "servers", "", http_server(),
     http_server(paths=("/missing",))),
    ("uvicorn-other-port", "servers", ASGI_APP, uvicorn("8124", ("/",)), uvicorn("8126", ("/",))),
    ("uvicorn-status-404", "servers", ASGI_APP, uvicorn(), uvicorn(paths=("/", "/gone"))),
    ("uvicorn-one-request-more", "servers", ASGI_APP, uvicorn(),
     uvicorn(paths=("/", "/missing", "/"))),
    ("gunicorn-three-workers", "servers", WSGI_APP, gunicorn(), gunicorn(workers=3)),
    ("gunicorn-status-404", "servers", WSGI_APP, gunicorn(), gunicorn(paths=("/nothing",))),
    ("own-server-other-port", "servers", SVC, "python3 svc.py 8130", "python3 svc.py 8131"),
    ("own-server-longer-body", "servers", SVC, "python3 svc.py 0",
     "python3 svc.py 0 'hello, world'"),
    ("own-server-status", "servers", SVC, "python3 svc.py 0", "python3 svc.py 0 hello / /"),
    ("uvicorn-three-workers", "servers", ASGI_APP, uvicorn_workers(2), uvicorn_workers(3)),
    ("gunicorn-four-workers", "servers", WSGI_APP, gunicorn(workers=3), gunicorn(workers=4)),
    ("go-style-server-fixed-port", "servers", GOSVC, "python3 gosvc.py 8140 200 info",
     "python3 gosvc.py 8141 200 info"),
    ("go-style-server-status", "servers", GOSVC, "python3 gosvc.py 0 200 info",
     "python3 gosvc.py 0 502 info"),
    ("go-style-server-level", "servers", GOSVC, "python3 gosvc.py 0 200 info",
     "python3 gosvc.py 0 200 debug"),
    ("container-json-line-message", "json-logs", "", DOCKER_JSON.format(msg="cache ready"),
     DOCKER_JSON.format(msg="cache cold"), {"docker": True}),
    ("progress-lines-stopped", "progress", LINES, "python3 copy.py 4", "python3 copy.py 4 90"),
    ("pv-other-size", "progress", "", PV.format(size="3M", rate="6M"),
     PV.format(size="2M", rate="6M")),
    ("tqdm-one-item-fewer", "progress", TQDM, "python3 bar.py 40 it 2>&1",
     "python3 bar.py 39 it 2>&1"),
    ("tqdm-bytes-other-total", "progress", TQDM, "python3 bar.py 5000000 B download 2>&1",
     "python3 bar.py 6000000 B download 2>&1"),
    ("tqdm-open-ended-count", "progress", TQDM, "python3 bar.py 30 open rows 2>&1",
     "python3 bar.py 31 open rows 2>&1"),
    ("tqdm-other-desc", "progress", TQDM, "python3 bar.py 30 ascii files 2>&1",
     "python3 bar.py 30 ascii dirs 2>&1"),
    ("progress-lines-other-total", "progress", LINES, "python3 copy.py 4", "python3 copy.py 5"),
    ("download-other-total", "progress", DOWNLOAD, "python3 dl.py 5", "python3 dl.py 4.5"),
    ("text-log-json-status", "json-logs", APPLOG, "python3 applog.py 200 1024",
     "python3 applog.py 404 1024"),
    ("text-log-json-bytes", "json-logs", APPLOG, "python3 applog.py 200 1024",
     "python3 applog.py 200 1000"),
    ("spinner-other-count", "progress", SPINNER, "python3 spin.py 25", "python3 spin.py 24"),
    ("structlog-json-status", "json-logs", STRUCTLOG, "python3 slog.py json 200 info",
     "python3 slog.py json 500 info"),
    ("structlog-json-level", "json-logs", STRUCTLOG, "python3 slog.py json 200 info",
     "python3 slog.py json 200 warning"),
    ("structlog-console-level", "json-logs", STRUCTLOG, "python3 slog.py console 200 info",
     "python3 slog.py console 200 error"),
    ("structlog-console-status", "json-logs", STRUCTLOG, "python3 slog.py console 200 info",
     "python3 slog.py console 204 info"),
    ("python-json-logger-one-line-fewer", "json-logs", JSON_LOGGER, "python3 jlog.py 3 info",
     "python3 jlog.py 2 info"),
    ("python-json-logger-level", "json-logs", JSON_LOGGER, "python3 jlog.py 3 info",
     "python3 jlog.py 3 warning"),
    ("loguru-text-level", "json-logs", LOGURU, "python3 lg.py text 3 INFO",
     "python3 lg.py text 3 WARNING"),
    ("loguru-text-stages", "json-logs", LOGURU, "python3 lg.py text 3 INFO",
     "python3 lg.py text 4 INFO"),
    ("loguru-day-month-stamp-level", "json-logs", LOGURU, "python3 lg.py custom 2 INFO",
     "python3 lg.py custom 2 ERROR"),
    ("loguru-serialized-level", "json-logs", LOGURU, "python3 lg.py json 2 INFO",
     "python3 lg.py json 2 SUCCESS"),
    ("json-events-workers", "json-logs", OWN_JSON, "python3 events.py 2 ok",
     "python3 events.py 3 ok"),
    ("json-events-result", "json-logs", OWN_JSON, "python3 events.py 2 ok",
     "python3 events.py 2 failed"),
    ("logfmt-status", "json-logs", LOGFMT, "python3 kv.py 200 info", "python3 kv.py 503 info"),
    ("logfmt-level", "json-logs", LOGFMT, "python3 kv.py 200 info", "python3 kv.py 200 warn"),
]


def use_round5_venv() -> None:
    """Put ``$ROUND5_VENV/bin`` first on ``PATH`` (so ``python3`` in the commands is that
    venv's Python); nothing when ``ROUND5_VENV`` is unset."""
    venv = os.environ.get("ROUND5_VENV")
    if venv:
        os.environ["PATH"] = f"{Path(venv) / 'bin'}{os.pathsep}{os.environ['PATH']}"


if __name__ == "__main__":
    use_round5_venv()
    sys.exit(capture_round(__doc__ or "", CASES, REAL_CHANGES, Path("/tmp/round5_pairs.jsonl")))
