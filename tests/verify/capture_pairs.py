"""Regenerate tests/verify/data/pairs.jsonl: labelled pairs of REAL command outputs.

    .venv/bin/python tests/verify/capture_pairs.py [--no-docker] [--out PATH]

* ``equivalent`` pairs: the same command really run twice on this machine (each run
  in a fresh ``mktemp -d`` scratch directory, the second pass >1 s after the first,
  so clocks, ids, pids and temp paths genuinely differ).
* ``different`` pairs: realistic regressions, either a real run under a changed
  condition (4 files instead of 3, a failing test, one more commit) or a targeted
  edit of a real output (a count off by one, a missing line, a renamed field ...).

Not collected by pytest (no ``test_`` prefix); the data file is committed.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data" / "pairs.jsonl"
PY = sys.executable
IMAGE = "testronaut-base:bookworm"

GIT_REPO = (
    "git init -q -b main repo && cd repo && printf 'one\\n' > a.txt && git add a.txt && "
    "git commit -q -m 'first commit' && printf 'two\\n' >> a.txt && "
    "git commit -q -am 'second commit'"
)
FILES3 = "mkdir d && for f in alpha beta gamma; do printf 'data %s\\n' $f > d/$f.txt; done"
PYTEST_FILE = (
    "printf 'def test_a():\\n    assert 1\\n\\ndef test_b():\\n    assert 2\\n\\n"
    "def test_c():\\n    assert 3\\n' > test_demo.py"
)
TABLE_PY = r"""
import random, secrets
rows = [("web", "nginx:1.27", "Up"), ("db", "postgres:16", "Up"), ("cache", "redis:7", "Up")]
print(f"{'CONTAINER ID':<15}{'IMAGE':<14}{'CREATED':<18}{'STATUS':<16}NAMES")
for name, image, status in rows:
    created = f"{random.randint(2, 59)} seconds ago"
    up = f"{status} {random.randint(1, 59)} seconds"
    print(f"{secrets.token_hex(6):<15}{image:<14}{created:<18}{up:<16}{name}")
"""
JSON_PY = r"""
import json, os, time, uuid
print(json.dumps({"id": str(uuid.uuid4()), "created": int(time.time()), "pid": os.getpid(),
                  "status": "ok", "count": 3, "size": 1024, "items": ["a", "b", "c"],
                  "owner": {"name": "ci", "retries": 0}}, indent=2))
"""
YAML_PY = r"""
import datetime, uuid, yaml
keys = {"alpha", "beta", "gamma"}
doc = {k: len(k) for k in keys}
doc.update(run_id=str(uuid.uuid4()), started=datetime.datetime.now().isoformat(),
           version="1.10", passed=12, failed=0, tags=["smoke", "e2e"])
print(yaml.safe_dump(doc, sort_keys=False), end="")
"""
PROGRESS_PY = r"""
import random, sys, time
total = 40
for i in range(total + 1):
    bar = "#" * (i * 30 // total)
    rate = random.uniform(5, 50)
    sys.stdout.write(f"\rdownloading [{bar:<30}] {i * 100 // total:3d}% {rate:.1f} MB/s")
    sys.stdout.flush()
sys.stdout.write("\ndone: 40 chunks, 4096 bytes\n")
"""
LOG_PY = r"""
import logging, os
logging.basicConfig(format="%(asctime)s myapp[%(process)d]: %(levelname)s %(message)s",
                    level=logging.INFO)
log = logging.getLogger()
log.info("starting, pid %d", os.getpid())
log.info("loaded 3 plugins")
log.warning("cache miss for key users")
"""
JSONL_PY = r"""
import json, time, uuid
for event in ("start", "step", "stop"):
    print(json.dumps({"ts": time.time(), "event": event, "request": str(uuid.uuid4())[:8] + "-x",
                      "ok": True}))
"""
SERVER_PY = r"""
import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); host, port = s.getsockname()
print(f"Serving HTTP on {host} port {port} (http://{host}:{port}/) ...")
print(f"listening on {host}:{port}")
s.close()
"""
OBJ_PY = r"""
class Widget: pass
print(Widget()); print(object()); print(repr(lambda: 0).split(" at ")[-1])
"""


@dataclass
class Case:
    id: str
    category: str
    command: str
    setup: str = ""
    unordered: bool = False
    fmt: str = "auto"
    docker: bool = False
    mutations: list[tuple[str, Callable[[str], str]]] = field(default_factory=list)


def sub(pattern: str, repl: str, count: int = 1) -> Callable[[str], str]:
    def mutate(text: str) -> str:
        new, n = re.subn(pattern, repl, text, count=count, flags=re.M)
        if n == 0 or new == text:
            raise ValueError(f"mutation {pattern!r} did not apply to {text[:200]!r}")
        return new

    return mutate


def drop_line(pattern: str) -> Callable[[str], str]:
    return sub(rf"^.*{pattern}.*\n", "")


def swap_lines(first: str, second: str) -> Callable[[str], str]:
    def mutate(text: str) -> str:
        lines = text.split("\n")
        i = next(n for n, line in enumerate(lines) if re.search(first, line))
        j = next(n for n, line in enumerate(lines) if re.search(second, line))
        lines[i], lines[j] = lines[j], lines[i]
        return "\n".join(lines)

    return mutate


CASES = [
    # --- dates and times --------------------------------------------------------------
    Case("date", "datetime", "date", mutations=[("year-changed-to-text", sub(r"\d{4}$", "1999?"))]),
    Case("date-utc", "datetime", "date -u"),
    Case("date-rfc2822", "datetime", "date -R"),
    Case("date-iso-seconds", "datetime", "date --iso-8601=seconds"),
    Case("date-iso-ns", "datetime", "date --iso-8601=ns"),
    Case("date-epoch-context", "datetime", "echo \"time=$(date +%s) level=info msg=ready\"",
         mutations=[("level-changed", sub("level=info", "level=error"))]),
    Case("python-now", "datetime", f"{PY} -c 'import datetime; print(\"now:\", datetime.datetime.now())'"),
    Case("python-ctime", "datetime", f"{PY} -c 'import time; print(\"started at\", time.ctime())'"),
    Case("logging", "datetime", f"{PY} - <<'EOF'\n{LOG_PY}\nEOF", mutations=[
        ("plugin-count", sub("loaded 3 plugins", "loaded 2 plugins")),
        ("level-changed", sub("WARNING", "ERROR")),
        ("missing-line", drop_line("cache miss")),
    ]),
    Case("stat", "files", "printf 'hello\\n' > f.txt && stat f.txt",
         mutations=[("size-changed", sub(r"Size: 6", "Size: 7"))]),
    Case("ls-l", "files", "ls -l d", setup=FILES3, mutations=[
        ("size-changed", sub(r" 11 (\S+ +\d+ [\d:]+ alpha)", r" 12 \1")),
        ("missing-file", drop_line("gamma.txt")),
        ("mode-changed", sub(r"^-rw-r--r--", "-rwxr-xr-x")),
    ]),
    Case("ls-l-full-iso", "files", "ls -l --time-style=full-iso d", setup=FILES3,
         mutations=[("total-changed", sub(r"^total \d+", "total 99"))]),
    Case("ls-l-long-iso", "files", "ls -l --time-style=long-iso d", setup=FILES3,
         mutations=[("renamed-file", sub("beta.txt", "betta.txt"))]),
    Case("ls-la", "files", "ls -la d", setup=FILES3),
    Case("tar-tv", "files", "tar -cf a.tar d && tar -tvf a.tar", setup=FILES3,
         mutations=[("order-changed", swap_lines("alpha", "gamma"))]),
    Case("mktemp", "paths", "mktemp"),
    Case("mktemp-d", "paths", "mktemp -d"),
    Case("python-mkdtemp", "paths",
         f"{PY} -c 'import tempfile; print(\"workdir:\", tempfile.mkdtemp())'"),
    Case("pwd-scratch", "paths", "echo \"working in $PWD\" && ls"),
    Case("find-unordered", "paths", "find d -type f | sort -R", setup=FILES3, unordered=True,
         mutations=[("missing-file", drop_line("beta")), ("extra-file", sub(r"\Z", "d/delta.txt\n"))]),
    # --- identifiers ------------------------------------------------------------------
    Case("uuid4", "ids", f"{PY} -c 'import uuid; print(\"request id:\", uuid.uuid4())'"),
    Case("uuid-kernel", "ids", "cat /proc/sys/kernel/random/uuid"),
    Case("uuid-twice", "ids",
         f"{PY} -c 'import uuid; u=uuid.uuid4(); print(\"created\", u); print(\"deleted\", u)'",
         mutations=[("identity-broken", sub(r"deleted [0-9a-f]{8}", "deleted 0badc0de"))]),
    Case("token-hex", "ids", "openssl rand -hex 20"),
    Case("token-hex-context", "ids", f"{PY} -c 'import secrets; print(\"token:\", secrets.token_hex(16))'"),
    Case("object-repr", "ids", f"{PY} - <<'EOF'\n{OBJ_PY}\nEOF",
         mutations=[("class-renamed", sub("Widget", "Gadget"))]),
    Case("pid-shell", "ids", "bash -c 'echo \"started worker pid $$\"'"),
    Case("pid-python", "ids",
         f"{PY} -c 'import os; print(f\"pid={{os.getpid()}} ppid={{os.getppid()}} workers=4\")'",
         mutations=[("workers-changed", sub("workers=4", "workers=5"))]),
    # Only this script's own processes: a host-wide listing would record other
    # programs' command lines (and their environments) in the data file.
    Case("ps", "processes", "sleep 5 & ps -o pid,ppid,comm -p $$,$!; kill $!"),
    Case("ps-time", "processes", "sleep 5 & ps -o pid,tty,time,comm -p $$,$!; kill $!",
         mutations=[("missing-process", drop_line(r" sleep$"))]),
    Case("ps-f", "processes", "sleep 5 & ps -f -p $!; kill $!",
         mutations=[("command-changed", sub(r"sleep 5", "sleep 50"))]),
    Case("ps-aux-like", "processes", "sleep 5 & ps -o user,pid,%cpu,%mem,vsz,rss,stat,args -p $!; kill $!",
         mutations=[("state-changed", sub(r" S ", " Z "))]),
    # --- git ----------------------------------------------------------------------------
    Case("git-init", "git", "git init -b main fresh"),
    Case("git-log", "git", "git log", setup=GIT_REPO, mutations=[
        ("message-changed", sub("second commit", "second comit")),
        ("author-changed", sub("Author: Capture Bot", "Author: Capture Bott")),
    ]),
    Case("git-log-oneline", "git", "git log --oneline", setup=GIT_REPO,
         mutations=[("order-changed", swap_lines("first commit", "second commit"))]),
    Case("git-log-fuller", "git", "git log --format=fuller", setup=GIT_REPO),
    Case("git-show-stat", "git", "git show --stat", setup=GIT_REPO, mutations=[
        ("insertions-changed", sub(r"1 insertion", "2 insertions")),
    ]),
    Case("git-rev-parse", "git", "echo \"HEAD is now at $(git rev-parse --short HEAD)\"; "
         "echo \"commit $(git rev-parse HEAD)\"", setup=GIT_REPO),
    Case("git-commit", "git",
         "printf 'three\\n' >> a.txt && git commit -am 'third commit'", setup=GIT_REPO,
         mutations=[("files-changed-count", sub("1 file changed", "2 files changed"))]),
    Case("git-branch-v", "git", "git branch -v", setup=GIT_REPO),
    Case("git-clone-progress", "progress",
         "git clone --progress \"file://$PWD\" ../clone 2>&1", setup=GIT_REPO,
         mutations=[("objects-count", sub(r"\((\d+)/\1\), done", "(5/5), done", count=0))]),
    # --- durations and progress ---------------------------------------------------------
    Case("time-builtin", "durations", "bash -c 'time sleep 0.01' 2>&1"),
    Case("dd", "durations", "dd if=/dev/zero of=/dev/null bs=1M count=200 2>&1", mutations=[
        ("records-changed", sub(r"200\+0 records out", "199+0 records out")),
    ]),
    Case("dd-progress", "progress",
         "dd if=/dev/zero of=/dev/null bs=1M count=3000 status=progress 2>&1"),
    Case("timeit", "durations", f"{PY} -m timeit -n 1000 'pass'",
         mutations=[("loops-changed", sub("1000 loops", "100 loops"))]),
    Case("pytest-run", "durations", f"{PY} -m pytest -q -p no:cacheprovider test_demo.py",
         setup=PYTEST_FILE, mutations=[("passed-count", sub("3 passed", "2 passed"))]),
    Case("pytest-verbose", "durations",
         f"{PY} -m pytest -p no:cacheprovider -o addopts= test_demo.py", setup=PYTEST_FILE,
         mutations=[("collected-count", sub("collected 3 items", "collected 4 items"))]),
    Case("progress-bar", "progress", f"{PY} - <<'EOF'\n{PROGRESS_PY}\nEOF", mutations=[
        ("stopped-at-97", sub(r"100%", "97%")),
        ("chunks-changed", sub("40 chunks", "39 chunks")),
    ]),
    Case("sleep-elapsed", "durations",
         f"{PY} -c 'import time; t=time.perf_counter(); time.sleep(0.02); "
         "print(f\"copied 12 files, took {time.perf_counter()-t:.3f}s\")'",
         mutations=[("files-count", sub("12 files", "11 files"))]),
    # --- network ----------------------------------------------------------------------------
    Case("server-port", "network", f"{PY} - <<'EOF'\n{SERVER_PY}\nEOF",
         mutations=[("protocol-changed", sub("Serving HTTP", "Serving HTTPS"))]),
    # --- structured -----------------------------------------------------------------------
    Case("json-dump", "json", f"{PY} - <<'EOF'\n{JSON_PY}\nEOF", mutations=[
        ("count-off-by-one", sub(r'"count": 3', '"count": 4')),
        ("field-renamed", sub(r'"status"', '"state"')),
        ("size-changed", sub(r'"size": 1024', '"size": 2048')),
        ("type-changed", sub(r'"count": 3', '"count": "3"')),
        ("item-missing", sub(r',\s*"c"', "")),
        ("array-order", sub(r'"a",(\s*)"b"', r'"b",\1"a"')),
        ("nested-changed", sub(r'"retries": 0', '"retries": 1')),
        ("status-word", sub(r'"status": "ok"', '"status": "error"')),
    ]),
    Case("json-key-order", "json",
         f"{PY} -c 'import json; "
         "print(json.dumps({k: len(k) for k in {\"alpha\",\"beta\",\"gamma\",\"delta\"}}))'",
         mutations=[("value-changed", sub(r'"beta": 4', '"beta": 5'))]),
    Case("jsonl-events", "json", f"{PY} - <<'EOF'\n{JSONL_PY}\nEOF", mutations=[
        ("bool-flipped", sub(r'"ok": true', '"ok": false')),
        ("event-missing", drop_line('"step"')),
    ]),
    Case("yaml-dump", "yaml", f"{PY} - <<'EOF'\n{YAML_PY}\nEOF", mutations=[
        ("version-1.10-to-1.1", sub(r"version: '1\.10'", "version: '1.1'")),
        ("failed-count", sub(r"failed: 0", "failed: 1")),
        ("tag-missing", drop_line(r"- e2e")),
        ("key-renamed", sub(r"^passed:", "succeeded:")),
    ]),
    Case("set-lines-unordered", "unordered",
         f"{PY} -c 'print(\"\\n\".join({{\"red\", \"green\", \"blue\", \"cyan\"}}))'",
         unordered=True, mutations=[("duplicated-line", sub(r"^red$", "red\nred"))]),
    Case("table-docker-like", "tables", f"{PY} - <<'EOF'\n{TABLE_PY}\nEOF", mutations=[
        ("status-exited", sub(r"Up \d+ seconds", "Exited (1) 3 seconds ago")),
        ("image-version", sub("postgres:16", "postgres:15")),
        ("row-missing", drop_line(" cache$")),
    ]),
    # --- stable outputs (decided by the exact tier) -------------------------------------
    Case("echo", "stable", "echo hello world", mutations=[("word-changed", sub("world", "word"))]),
    Case("uname", "stable", "uname -s"),
    Case("python-version", "stable", f"{PY} --version",
         mutations=[("patch-bumped", sub(r"\d+$", "99"))]),
    Case("seq", "stable", "seq 1 5", mutations=[("order-reversed", swap_lines("^1$", "^5$"))]),
    Case("sha256-fixed", "stable", "printf 'hello\\n' > f && sha256sum f", mutations=[
        ("checksum-changed", sub(r"^5", "6")),
    ]),
    Case("exit-status", "stable", "true; echo \"exit $?\"",
         mutations=[("exit-code", sub("exit 0", "exit 1"))]),
    # --- docker (real containers) -------------------------------------------------------
    Case("docker-hostname", "docker", f"docker run --rm --network none {IMAGE} hostname",
         docker=True),
    Case("docker-etc-hostname", "docker",
         f"docker run --rm --network none {IMAGE} sh -c 'echo host=$(cat /etc/hostname); echo pid $$'",
         docker=True),
    Case("docker-ps", "docker",
         f"docker run -d --name tnv-capture --network none {IMAGE} sleep 30 >/dev/null && "
         "sleep 1.5 && docker ps --filter name=tnv-capture && docker rm -f tnv-capture >/dev/null",
         docker=True,
         mutations=[("status-exited", sub(r"Up [^\n]*?(?=\s{2,})", "Exited (137) 1 second ago"))]),
    Case("docker-inspect-state", "docker",
         f"docker run -d --name tnv-capture2 --network none {IMAGE} sleep 30 >/dev/null && "
         "docker inspect --format '{{json .State}}' tnv-capture2 && "
         "docker rm -f tnv-capture2 >/dev/null",
         docker=True, mutations=[("running-false", sub(r'"Running":true', '"Running":false'))]),
]

# Real runs under a changed condition: (id, category, setup, command_a, command_b, opts)
REAL_CHANGES: list[tuple[Any, ...]] = [
    ("ls-one-more-file", "files", FILES3, "ls -l d", "printf 'x\\n' > d/delta.txt; ls -l d"),
    ("wc-lines", "files", "printf 'a\\nb\\nc\\n' > f.txt", "wc -l f.txt",
     "echo d >> f.txt; wc -l f.txt"),
    ("du-size", "files", "head -c 1024 /dev/zero > f.bin", "du -b f.bin",
     "head -c 2048 /dev/zero > f.bin; du -b f.bin"),
    ("pytest-one-fails", "durations", PYTEST_FILE,
     f"{PY} -m pytest -q -p no:cacheprovider test_demo.py",
     f"sed -i 's/assert 3/assert 0/' test_demo.py; {PY} -m pytest -q -p no:cacheprovider test_demo.py"),
    ("git-log-extra-commit", "git", GIT_REPO, "git log --oneline",
     "printf 'x\\n' >> a.txt; git commit -qam 'third commit'; git log --oneline"),
    ("git-status-dirty", "git", GIT_REPO, "git status --short --branch",
     "printf 'x\\n' >> a.txt; git status --short --branch"),
    ("ls-missing-error", "errors", "", "ls missing.txt 2>&1", "ls absent.txt 2>&1"),
    ("cat-vs-ls-error", "errors", "", "ls nothing 2>&1", "cat nothing 2>&1"),
    ("python-exception", "errors", "", f"{PY} -c 'raise ValueError(\"bad input\")' 2>&1",
     f"{PY} -c 'raise KeyError(\"bad input\")' 2>&1"),
    ("exit-code-false", "stable", "", "true; echo \"exit $?\"", "false; echo \"exit $?\""),
    ("sort-reversed", "stable", "printf 'b\\na\\nc\\n' > f", "sort f", "sort -r f"),
    ("dd-more-records", "durations", "", "dd if=/dev/zero of=/dev/null bs=1M count=200 2>&1",
     "dd if=/dev/zero of=/dev/null bs=1M count=300 2>&1"),
    ("fixed-port-changed", "network", "", "echo 'listening on 127.0.0.1:8080'",
     "echo 'listening on 127.0.0.1:8081'"),
    ("version-4-part", "stable", "", "echo 'mytool version 1.2.3.4'",
     "echo 'mytool version 1.2.3.5'"),
    ("http-status", "network", "", "printf 'HTTP/1.1 200 OK\\nContent-Length: 12\\n'",
     "printf 'HTTP/1.1 404 Not Found\\nContent-Length: 12\\n'"),
    ("ansi-pass-fail", "progress", "", "printf '\\033[32mPASS\\033[0m test_login (0.12s)\\n'",
     "printf '\\033[31mFAIL\\033[0m test_login (0.12s)\\n'"),
    ("timeout-setting", "durations", "", "echo 'timeout 30s, retries: 3'",
     "echo 'timeout 60s, retries: 3'"),
    ("sha256-content", "stable", "", "printf 'hello\\n' | sha256sum", "printf 'hellO\\n' | sha256sum"),
    ("json-numbers", "json", "",
     f"{PY} -c 'import json; print(json.dumps({{\"total\": 10, \"ratio\": 0.5}}))'",
     f"{PY} -c 'import json; print(json.dumps({{\"total\": 10, \"ratio\": 0.25}}))'"),
    ("json-null-vs-zero", "json", "", "echo '{\"errors\": null, \"warnings\": []}'",
     "echo '{\"errors\": 0, \"warnings\": []}'"),
    ("unordered-missing", "unordered", "",
     f"{PY} -c 'print(\"\\n\".join({{\"red\", \"green\", \"blue\"}}))'",
     f"{PY} -c 'print(\"\\n\".join({{\"red\", \"green\"}}))'", {"unordered": True}),
    ("docker-exit-code", "docker", "",
     f"docker run --rm --network none {IMAGE} sh -c 'echo pid $$; exit 0'; echo \"exit $?\"",
     f"docker run --rm --network none {IMAGE} sh -c 'echo pid $$; exit 3'; echo \"exit $?\"",
     {"docker": True}),
]


def run(command: str, setup: str = "") -> str:
    scratch = subprocess.run(["mktemp", "-d"], capture_output=True, text=True, check=True)
    path = scratch.stdout.strip()
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Capture Bot", "GIT_AUTHOR_EMAIL": "bot@example.invalid",
        "GIT_COMMITTER_NAME": "Capture Bot", "GIT_COMMITTER_EMAIL": "bot@example.invalid",
        "LC_ALL": "C", "TERM": "dumb", "PYTHONHASHSEED": "random",
    }
    script = f"cd {path}\n{setup}\n{command}" if setup else f"cd {path}\n{command}"
    try:
        # bytes, decoded without newline translation: a progress bar's "\r" stays
        proc = subprocess.run(["bash", "-c", script], capture_output=True, env=env,
                              timeout=120)
    finally:
        shutil.rmtree(path, ignore_errors=True)
    return (proc.stdout + proc.stderr).decode("utf-8", errors="replace")


def pair_records(cases: list[Case], real_changes: list[tuple[Any, ...]],
                 docker_ok: bool = True) -> list[dict[str, Any]]:
    """Run every case twice (a rerun pair plus its edits) and every real change once."""
    cases = [c for c in cases if docker_ok or not c.docker]
    first = {c.id: run(c.command, c.setup) for c in cases}
    time.sleep(1.2)  # the second pass sees another second on every clock
    second = {c.id: run(c.command, c.setup) for c in cases}
    records = []
    for case in cases:
        base = {"category": case.category, "command": case.command, "setup": case.setup,
                "unordered": case.unordered, "fmt": case.fmt}
        records.append({"id": f"{case.id}/rerun", "label": "equivalent", "kind": "rerun",
                        **base, "expected": first[case.id], "actual": second[case.id]})
        for name, mutate in case.mutations:
            records.append({"id": f"{case.id}/{name}", "label": "different", "kind": "edit",
                            **base, "expected": first[case.id], "actual": mutate(second[case.id])})
    for entry in real_changes:
        ident, category, setup, cmd_a, cmd_b = entry[:5]
        opts: dict[str, bool] = entry[5] if len(entry) > 5 else {}
        if opts.get("docker") and not docker_ok:
            continue
        records.append({
            "id": f"{ident}/real", "label": "different", "kind": "real-change",
            "category": category, "command": cmd_a, "command_b": cmd_b, "setup": setup,
            "unordered": bool(opts.get("unordered")), "fmt": "auto",
            "expected": run(cmd_a, setup), "actual": run(cmd_b, setup),
        })
    return records


def main() -> int:
    docker_ok = "--no-docker" not in sys.argv and shutil.which("docker") is not None and (
        subprocess.run(["docker", "info"], capture_output=True).returncode == 0
    )
    records = pair_records(CASES, REAL_CHANGES, docker_ok)
    target = Path(sys.argv[sys.argv.index("--out") + 1]) if "--out" in sys.argv else DATA
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    labels = [r["label"] for r in records]
    print(f"wrote {len(records)} pairs to {target} ({labels.count('equivalent')} equivalent, "
          f"{labels.count('different')} different)")
    return 0


def capture_round(doc: str, cases: list[Case], real_changes: list[tuple[Any, ...]],
                  dry_run_copy: Path) -> int:
    """The main of a later capture round (``capture_round*.py`` and the others that add
    to the tuning set): on an argument other than ``--dry-run`` prints ``doc`` and
    returns 2 before running anything; otherwise runs ``cases`` and ``real_changes``
    (``pair_records``) and hands the pairs to ``append_to_corpus``."""
    if set(sys.argv[1:]) - {"--dry-run"}:
        print(doc, file=sys.stderr)
        return 2
    return append_to_corpus(pair_records(cases, real_changes), dry_run_copy)


def append_to_corpus(new: list[dict[str, Any]], dry_run_copy: Path) -> int:
    """Add ``new`` pairs to the tuning set (replacing pairs of the same id). With
    ``--dry-run`` in ``sys.argv`` writes them to ``dry_run_copy`` instead and prints how
    the verifier decides each. Refuses a real change that printed the same."""
    same = [r["id"] for r in new if r["label"] == "different" and r["expected"] == r["actual"]]
    if same and "--dry-run" not in sys.argv:
        print(f"refusing: these changes printed the same output: {', '.join(same)}",
              file=sys.stderr)
        return 1
    if "--dry-run" in sys.argv:
        from pytest_testronaut.verify import compare_outputs

        dry_run_copy.write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in new), encoding="utf-8")
        for r in new:
            v = compare_outputs(r["expected"], r["actual"], unordered=r["unordered"])
            ok = v.passed == (r["label"] == "equivalent")
            print(f"{'ok ' if ok else 'BAD'} {r['id']:<36} {v.outcome}/{v.tier}: "
                  f"{v.explanation[:110]}")
        return 0
    ids = {r["id"] for r in new}
    old = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line]
    kept = [r for r in old if r["id"] not in ids]
    with DATA.open("w", encoding="utf-8") as handle:
        for record in kept + new:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"{DATA}: {len(kept)} kept, {len(new)} added")
    return 0


if __name__ == "__main__":
    sys.exit(main())
