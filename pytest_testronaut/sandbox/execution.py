"""Running one process in a container with a real timeout.

docker-py's ``exec_run`` blocks until the process ends and has no timeout. Here the
exec's multiplexed stream is read from the raw socket with a deadline. When the image
has python3 the command runs under the :mod:`.supervisor` (a child subreaper that keeps
every process of the step in one tree, caps file sizes, watches the disk and measures
CPU time and peak memory); on timeout a second exec kills that whole tree. Each exec is
also tagged with a unique environment variable, which is all the killer has in images
without python3 (there it finds the processes that kept the tag).
"""

from __future__ import annotations

import contextlib
import re
import select
import socket
import struct
import time
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import TestronautError
from .result import RunResult
from .supervisor import Report, killer_argv, supervised_argv, take_report

TAG_VAR = "TESTRONAUT_EXEC"
_HEADER = struct.Struct(">BxxxL")

# Kill every process whose environment carries the tag, until none is left (a fork
# bomb keeps spawning for a moment). Plain POSIX sh + /proc: works in busybox images.
_KILLER = r"""
tag="$1"; n=0
while [ $n -lt 50 ]; do
  found=0
  for p in /proc/[0-9]*; do
    pid=${p#/proc/}
    [ "$pid" = "$$" ] && continue
    grep -q "$tag" "$p/environ" 2>/dev/null
    case $? in
      0) kill -9 "$pid" 2>/dev/null; found=1 ;;
      1) ;;
      *) [ -r "$p/environ" ] && found=1 ;;  # grep could not start (no pid left): again
    esac
  done
  [ $found = 0 ] && exit 0
  n=$((n+1))
done
exit 1
"""


@dataclass(frozen=True)
class Bounds:
    """What a supervised step may use, and how to name it when it is reached:
    ``python`` is the image's python3 (None: run unsupervised), ``disk`` in bytes
    (0: no limit), ``roots`` the writable places whose total the watchdog counts."""

    python: str | None = None
    disk: int = 0
    disk_text: str = ""
    memory_text: str = ""
    roots: tuple[str, ...] = ()


@dataclass
class _Capture:
    limit: int
    data: bytearray
    truncated: bool = False
    slack: int = 0  # room for the supervisor's report past the limit
    tail: bytearray | None = None  # the last bytes, where a report past the cap is

    def add(self, chunk: bytes) -> None:
        room = self.limit + self.slack - len(self.data)
        if room > 0:
            self.data += chunk[:room]
        if len(chunk) > room:
            self.truncated = True  # keep draining so the process never blocks on a full pipe
        if self.tail is not None:
            self.tail += chunk
            del self.tail[:-4096]

    def finish(self, tag: str | None) -> Report | None:
        """Take the supervisor's report out and cut the bytes back to the limit."""
        report = None
        if tag is not None:
            report = take_report(self.data, tag)
            if report is None and self.tail is not None:
                report = take_report(self.tail, tag)
        if len(self.data) > self.limit:
            del self.data[self.limit:]
            self.truncated = True
        return report


def exec_with_timeout(
    api: Any,
    container_id: str,
    cmd: str | Sequence[str],
    *,
    stdin: bytes | None = None,
    env: Mapping[str, str] | None = None,
    cwd: str | None = None,
    user: str | None = None,
    timeout: float,
    output_limit: int,
    bounds: Bounds | None = None,
) -> RunResult:
    """Run ``cmd`` (a shell string or an argv) and return its :class:`RunResult`;
    under the supervisor when ``bounds`` names the image's python3."""
    argv = ["/bin/sh", "-c", cmd] if isinstance(cmd, str) else [str(a) for a in cmd]
    if not argv:
        raise ValueError("cannot run an empty command")
    bounds = bounds or Bounds()
    tag = f"{uuid.uuid4().hex}"
    environment = dict(env or {})
    environment[TAG_VAR] = tag
    started_argv = argv
    if bounds.python:
        started_argv = supervised_argv(bounds.python, tag, argv, disk=bounds.disk,
                                       roots=list(bounds.roots))
    exec_id = api.exec_create(
        container_id, started_argv, stdout=True, stderr=True, stdin=stdin is not None,
        environment=environment, workdir=cwd, user=user or "",
    )["Id"]
    start = time.monotonic()
    deadline = start + timeout
    sock = api.exec_start(exec_id, socket=True)
    raw: socket.socket = getattr(sock, "_sock", sock)
    out = _Capture(output_limit, bytearray())
    err = _Capture(output_limit, bytearray(), slack=4096 if bounds.python else 0,
                   tail=bytearray() if bounds.python else None)
    timed_out = False
    try:
        timed_out = not _pump(raw, stdin, out, err, deadline)
    finally:
        _close(sock, raw)
    report = err.finish(tag if bounds.python else None)
    limit_reached = None
    if timed_out:
        _kill_tagged(api, container_id, tag, user, bounds.python)
        exit_code = 137
    elif report is not None:
        exit_code = report.code
        if report.exec_errno is not None:
            exit_code = _exec_failure(report.exec_errno, argv, err)
        limit_reached = _limit_reached(report, bounds)
    else:
        exit_code = _wait_exit_code(api, exec_id, deadline=time.monotonic() + 10)
    if limit_reached:
        sep = b"\n" if err.data and not err.data.endswith(b"\n") else b""
        err.data += sep + f"testronaut: {limit_reached}\n".encode()
    if exit_code == 126 and not err.data:
        # The engine, not the command, failed: it says so on stdout with exit 126 (a
        # message a busy engine sometimes loses: then a probe finds the cause).
        said = bytes(out.data) or _probe_start(api, container_id, argv, cwd, user)
        exit_code = _start_failure(said, argv, cwd, user, out, err)
    return RunResult(
        command=cmd if isinstance(cmd, str) else tuple(argv),
        exit_code=exit_code,
        stdout_bytes=bytes(out.data),
        stderr_bytes=bytes(err.data),
        duration=time.monotonic() - start,
        timed_out=timed_out,
        stdout_truncated=out.truncated,
        stderr_truncated=err.truncated,
        stdin=stdin,
        cpu_time=report.cpu_time if report is not None else None,
        peak_memory=report.peak_memory if report is not None else None,
        limit_reached=limit_reached,
    )


def _limit_reached(report: Report, bounds: Bounds) -> str | None:
    """The limit that stopped the step, as a sentence (None: none did)."""
    more = "raise `{0}` (--testronaut-{0}) if the tool needs more"
    if bounds.disk and (report.disk_full or report.code == 128 + 25):  # SIGXFSZ
        return (f"disk limit {bounds.disk_text} reached: a file grew to the limit and "
                f"the write was refused (file size limit exceeded); {more.format('disk')}")
    if bounds.disk and report.disk_over:
        return (f"disk limit {bounds.disk_text} reached: the workdir, $HOME, /tmp and "
                f"/var/tmp held {report.disk_used // 1048576} MiB (the step is stopped "
                f"when the watch sees it); {more.format('disk')}")
    if report.oom_kills and report.code == 137 and bounds.memory_text:
        return (f"memory limit {bounds.memory_text} reached: the kernel's out-of-memory "
                f"killer stopped the step (exit 137); {more.format('memory')}")
    return None


def _exec_failure(errno: int, argv: list[str], err: _Capture) -> int:
    """What a shell would say when the program cannot start (as the engine's own
    start failures are told, see :func:`_start_failure`)."""
    program = argv[0]
    if errno == 2:
        reason = ("no such file or directory" if "/" in program
                  else "executable file not found in $PATH")
    elif errno == 13:
        reason = "permission denied"
    else:
        import os

        reason = os.strerror(errno).lower()
    err.data += f'testronaut: cannot execute "{program}": {reason}\n'.encode()
    return 127 if errno == 2 else 126


_OCI = re.compile(rb"^(OCI runtime exec failed: .*|unable to find user [^:\r\n]*: .*)\r?\n?$")


# Why could ``$3`` not start as user ``$1`` in ``$2``? Answers in the engine's own words,
# or nothing when the program could start (it then exited 126 by itself).
_PROBE = r"""
name="${1%%:*}"
case "$name" in
  ""|*[!0-9]*) [ -z "$name" ] || {
    while IFS=: read -r n rest; do [ "$n" = "$name" ] && found=1; done < /etc/passwd
    [ -n "$found" ] || { echo "unable to find user $name: no matching entries"; exit; }; } ;;
esac
[ -z "$2" ] || [ -d "$2" ] || { echo "OCI runtime exec failed: chdir to cwd: no such file"; exit; }
case "$3" in
  */*) [ -e "$3" ] || { echo "OCI runtime exec failed: exec: \"$3\": no such file or directory"; exit; }
       [ -x "$3" ] || { echo "OCI runtime exec failed: exec: \"$3\": permission denied"; exit; } ;;
  *) command -v "$3" >/dev/null 2>&1 || {
       echo "OCI runtime exec failed: exec: $3: executable file not found in \$PATH"; exit; } ;;
esac
"""


def _probe_start(api: Any, container_id: str, argv: list[str], cwd: str | None,
                 user: str | None) -> bytes:
    exec_id = api.exec_create(container_id, ["/bin/sh", "-c", _PROBE, "probe", user or "",
                                             cwd or "", argv[0]],
                              stdout=True, stderr=False, user="root")["Id"]
    return bytes(api.exec_start(exec_id))


def _start_failure(stdout: bytes, argv: list[str], cwd: str | None, user: str | None,
                   out: _Capture, err: _Capture) -> int:
    """Tell a process that could not start from one that exited 126 by itself.

    A program that is missing or not executable becomes what a shell would say (127 or
    126, the reason on stderr), so tests of "command not found" still work; a bad
    working directory or user is the test's set-up mistake and raises.
    """
    match = _OCI.match(stdout)
    if match is None:
        return 126
    message = match.group(1).decode("utf-8", "replace")
    if "unable to find user" in message:
        raise TestronautError(f"cannot run {argv[0]!r} as user {user!r}: the image has no such "
                              "user; fix the `user` setting or create the user in the image")
    if "chdir to cwd" in message:
        raise TestronautError(f"cannot run {argv[0]!r} in {cwd!r}: no such directory in the "
                              "sandbox; create it first or fix `cwd`")
    reason = message.rsplit(": unknown", 1)[0].rsplit("exec: ", 1)[-1]
    out.data.clear()
    err.data += f"testronaut: cannot execute {reason}\n".encode()
    return 127 if "not found" in message or "no such file" in message else 126


def _pump(raw: socket.socket, stdin: bytes | None, out: _Capture, err: _Capture,
          deadline: float) -> bool:
    """Feed stdin and demultiplex the output stream together, until EOF (True) or the
    deadline (False).

    Both in one loop: a process may write before it reads (``cat`` of a large input
    fills the output pipe and stops reading) or never read its stdin at all; sending
    all of stdin first would then block until the deadline.
    """
    raw.setblocking(False)
    pending: memoryview | None = memoryview(stdin) if stdin is not None else None
    if pending is not None and not pending:
        pending = _end_input(raw)
    buffer = bytearray()
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return False
        readable, writable, _ = select.select(
            [raw], [raw] if pending is not None else [], [], remaining)
        if writable and pending is not None:
            try:
                sent = raw.send(pending[:65536])
                pending = pending[sent:] or _end_input(raw)
            except BlockingIOError:
                pass
            except OSError:
                pending = None  # the process exited without reading everything
        if not readable:
            continue
        try:
            chunk = raw.recv(262144)
        except BlockingIOError:
            continue
        except OSError:
            chunk = b""
        if not chunk:
            return True
        buffer += chunk
        while len(buffer) >= _HEADER.size:
            stream, size = _HEADER.unpack_from(buffer)
            if len(buffer) < _HEADER.size + size:
                break
            payload = bytes(buffer[_HEADER.size : _HEADER.size + size])
            del buffer[: _HEADER.size + size]
            (err if stream == 2 else out).add(payload)


def _end_input(raw: socket.socket) -> memoryview | None:
    # Half-close: the process sees end of input while its output still flows back.
    with contextlib.suppress(OSError):
        raw.shutdown(socket.SHUT_WR)
    return None  # nothing more to send


def _close(sock: Any, raw: socket.socket) -> None:
    for closer in (raw, sock):
        with contextlib.suppress(OSError):
            closer.close()


def _kill_tagged(api: Any, container_id: str, tag: str, user: str | None,
                 python: str | None = None) -> None:
    # Same user as the command: with all capabilities dropped, root in the container
    # may not signal another user's processes.
    # A fork bomb at the pid limit can starve the killer itself: go again until it
    # reports that nothing tagged is left (exit 0), for a few seconds at most.
    deadline = time.monotonic() + 10
    while True:
        argv = killer_argv(python, tag) if python else ["/bin/sh", "-c", _KILLER, "killer", tag]
        exec_id = api.exec_create(container_id, argv,
                                  stdout=True, stderr=True, user=user or "")["Id"]
        api.exec_start(exec_id)
        done = _wait_exit_code(api, exec_id, deadline=time.monotonic() + 2) == 0
        if done or time.monotonic() > deadline:
            return


def _wait_exit_code(api: Any, exec_id: str, deadline: float) -> int:
    # The stream can end a moment before the engine records the exit code.
    while True:
        info = api.exec_inspect(exec_id)
        if not info.get("Running") and info.get("ExitCode") is not None:
            return int(info["ExitCode"])
        if time.monotonic() > deadline:
            return -1
        time.sleep(0.005)
