"""The host side of the in-container runner: steps without a Docker exec each.

A plain step through :func:`.execution.exec_with_timeout` pays the Engine API's exec
create, start and inspect. A :class:`Runner` starts the image's python3 once, through one
attached exec, as the program of :mod:`.runner_script`, and sends it each step over that
exec's stdin; the step's stdout, stderr and result come back framed on its stdout. What a
step promises stays the same (stdin, env, cwd, the sandbox's user, the timeout that kills
the whole process tree, the output caps, the disk and memory limit messages): the runner
runs each step the way the step supervisor does. A runner that cannot start, stops
answering or dies raises :class:`RunnerBroken`; the sandbox then says so once and goes
back to one exec per step.
"""

from __future__ import annotations

import contextlib
import json
import select
import socket
import struct
import time
import uuid
from collections.abc import Sequence
from typing import Any

from ..errors import TestronautError
from .execution import (
    _HEADER,
    TAG_VAR,
    Bounds,
    _Capture,
    _exec_failure,
    _kill_tagged,
    _limit_reached,
)
from .result import RunResult
from .runner_script import runner_argv
from .supervisor import parse_report

_FRAME = struct.Struct(">cI")
_CHUNK = 65536
# Past the step's timeout the runner itself kills the tree; this long again and it is
# taken for hung.
GRACE = 15.0


class RunnerBroken(Exception):
    """The runner cannot be used (any more); ``during_step`` when a step was running."""

    def __init__(self, reason: str, during_step: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.during_step = during_step


class Runner:
    """One runner process in a container, for one user. Not thread-safe: the sandbox
    holds a lock around :meth:`run` and uses plain execs for steps that find it busy."""

    def __init__(self, api: Any, container_id: str, python: str, user: str | None) -> None:
        self._api = api
        self._container_id = container_id
        self._user = user
        self._python = python
        self.tag = uuid.uuid4().hex
        self.pid: int | None = None
        self._sock: Any = None
        self._raw: socket.socket | None = None
        self._docker = bytearray()  # undecoded multiplexed stream
        self._inbox = bytearray()  # the runner's stdout: our frames
        self.stderr = bytearray()  # the runner's own stderr (a traceback, if it fails)

    # --- lifecycle -------------------------------------------------------------------
    def start(self, timeout: float = 30.0) -> None:
        """Start the runner and wait for its hello; :class:`RunnerBroken` when it does
        not come (the engine refused, the user does not exist, python3 failed)."""
        exec_id = self._api.exec_create(
            self._container_id, runner_argv(self._python, TAG_VAR), stdin=True, stdout=True,
            stderr=True, environment={TAG_VAR: self.tag}, user=self._user or "")["Id"]
        self._sock = self._api.exec_start(exec_id, socket=True)
        self._raw = getattr(self._sock, "_sock", self._sock)
        self._raw.setblocking(False)
        deadline = time.monotonic() + timeout
        while True:
            frame = self._next_frame()
            if frame is not None:
                break
            if not self._pump(bytearray(), deadline):
                self.close()
                said = (bytes(self._inbox) + bytes(self.stderr)).decode("utf-8", "replace")
                raise RunnerBroken(f"it did not start ({said.strip()[-300:] or 'no answer'})")
        kind, data = frame
        if kind != b"H":
            self.close()
            raise RunnerBroken(f"it answered {kind!r} instead of hello")
        self.pid = int(json.loads(data)["pid"])

    def close(self) -> None:
        for closer in (self._raw, self._sock):
            if closer is not None:
                with contextlib.suppress(OSError):
                    closer.close()
        self._raw = self._sock = None

    @property
    def alive(self) -> bool:
        return self._raw is not None

    # --- one step --------------------------------------------------------------------
    def run(self, cmd: str | Sequence[str], argv: list[str], *, stdin: bytes | None,
            env: dict[str, str], cwd: str | None, timeout: float, output_limit: int,
            bounds: Bounds) -> RunResult:
        if self._raw is None:
            raise RunnerBroken("it was closed")
        try:
            return self._run(cmd, argv, stdin=stdin, env=env, cwd=cwd, timeout=timeout,
                             output_limit=output_limit, bounds=bounds)
        except (RunnerBroken, TestronautError):
            raise
        except BaseException:
            # Interrupted mid-step (Ctrl-C, a signal, a bug): the stream is somewhere in
            # the step's frames; this runner is done, the next step starts another one.
            self.close()
            raise

    def _run(self, cmd: str | Sequence[str], argv: list[str], *, stdin: bytes | None,
             env: dict[str, str], cwd: str | None, timeout: float, output_limit: int,
             bounds: Bounds) -> RunResult:
        step_tag = uuid.uuid4().hex
        request = {"argv": argv, "env": {**env, TAG_VAR: step_tag}, "cwd": cwd,
                   "stdin": stdin is not None, "timeout": timeout, "limit": output_limit,
                   "disk": bounds.disk if bounds.python else 0,
                   "roots": list(bounds.roots) if bounds.python else []}
        body = json.dumps(request).encode()
        outgoing = bytearray(_FRAME.pack(b"Q", len(body)) + body)
        data = memoryview(stdin or b"")
        stdin_done = False
        out, err = bytearray(), bytearray()
        start = time.monotonic()
        deadline = start + timeout + GRACE
        result: dict[str, Any] | None = None
        while result is None:
            # Frame stdin lazily, so what is queued is never more than one chunk ahead.
            if not outgoing and not stdin_done:
                if data:
                    piece, data = data[:_CHUNK], data[_CHUNK:]
                    outgoing += _FRAME.pack(b"I", len(piece)) + piece
                else:
                    outgoing += _FRAME.pack(b"E", 0)
                    stdin_done = True
            frame = self._next_frame()
            if frame is None:
                if not self._pump(outgoing, deadline):
                    reason = self._why_gone(deadline)
                    self._abandon(step_tag)
                    raise RunnerBroken(reason, during_step=True)
                continue
            kind, payload = frame
            if kind == b"O":
                out += payload
            elif kind == b"X":
                err += payload
            elif kind == b"R":
                result = json.loads(payload)
            else:
                self._abandon(step_tag)
                raise RunnerBroken(f"it sent an unknown frame {kind!r}", during_step=True)
        # The runner skips stdin the step did not take; send the rest of a frame begun
        # and the end of input, so the next request starts on a frame boundary.
        while outgoing or not stdin_done:
            if not outgoing:
                outgoing += _FRAME.pack(b"E", 0)
                stdin_done = True
            if not self._pump(outgoing, time.monotonic() + GRACE, wait_for_input=False):
                self.close()
                break
        return self._result(cmd, argv, result, out, err, stdin, bounds, start, cwd)

    def _result(self, cmd: str | Sequence[str], argv: list[str], result: dict[str, Any],
                out: bytearray, err: bytearray, stdin: bytes | None, bounds: Bounds,
                start: float, cwd: str | None) -> RunResult:
        out_truncated = int(result.get("out_total", 0)) > len(out)
        err_truncated = int(result.get("err_total", 0)) > len(err)
        text = str(result.get("report", "")).encode()
        fields = text.split()
        chdir_errno = int(fields.pop()) if len(fields) == 9 else 0
        report = parse_report(b" ".join(fields)) if fields else None
        timed_out = bool(result.get("timed_out"))
        limit_reached = None
        if chdir_errno:
            raise TestronautError(f"cannot run {argv[0]!r} in {cwd!r}: no such "
                                  "directory in the sandbox; create it first or fix `cwd`")
        if timed_out:
            exit_code = 137
            report = None
        elif report is None:
            exit_code = 137
            err += (b"testronaut: the step's supervisor in the runner was killed; the exit "
                    b"status of the step is unknown\n")
        else:
            exit_code = report.code
            if report.exec_errno is not None:
                exit_code = _exec_failure(report.exec_errno, argv, _Capture(0, err))
            limit_reached = _limit_reached(report, bounds)
        if limit_reached:
            sep = b"\n" if err and not err.endswith(b"\n") else b""
            err += sep + f"testronaut: {limit_reached}\n".encode()
        return RunResult(
            command=cmd if isinstance(cmd, str) else tuple(argv),
            exit_code=exit_code,
            stdout_bytes=bytes(out),
            stderr_bytes=bytes(err),
            duration=time.monotonic() - start,
            timed_out=timed_out,
            stdout_truncated=out_truncated,
            stderr_truncated=err_truncated,
            stdin=stdin,
            cpu_time=report.cpu_time if report is not None else None,
            peak_memory=report.peak_memory if report is not None else None,
            limit_reached=limit_reached,
        )

    # --- the stream ------------------------------------------------------------------
    def _next_frame(self) -> tuple[bytes, bytes] | None:
        if len(self._inbox) < _FRAME.size:
            return None
        kind, size = _FRAME.unpack_from(self._inbox)
        if len(self._inbox) < _FRAME.size + size:
            return None
        payload = bytes(self._inbox[_FRAME.size:_FRAME.size + size])
        del self._inbox[:_FRAME.size + size]
        return kind, payload

    def _pump(self, outgoing: bytearray, deadline: float, wait_for_input: bool = True) -> bool:
        """Send what is queued and take in what arrived, once; False when the runner's
        stream ended or the deadline passed."""
        raw = self._raw
        if raw is None:
            return False
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return False
        readable, writable, _ = select.select(
            [raw] if wait_for_input or not outgoing else [], [raw] if outgoing else [], [],
            remaining)
        if writable:
            try:
                sent = raw.send(outgoing)
                del outgoing[:sent]
            except BlockingIOError:
                pass
            except OSError:
                return False
        if readable:
            return self._take(raw)
        return True

    def _take(self, raw: socket.socket) -> bool:
        try:
            chunk = raw.recv(262144)
        except BlockingIOError:
            return True
        except OSError:
            chunk = b""
        if not chunk:
            self.close()
            return False
        self._docker += chunk
        while len(self._docker) >= _HEADER.size:
            stream, size = _HEADER.unpack_from(self._docker)
            if len(self._docker) < _HEADER.size + size:
                break
            payload = self._docker[_HEADER.size:_HEADER.size + size]
            del self._docker[:_HEADER.size + size]
            if stream == 2:
                self.stderr += payload
                del self.stderr[:-4096]
            else:
                self._inbox += payload
        return True

    def _why_gone(self, deadline: float) -> str:
        if self._raw is not None and time.monotonic() >= deadline:
            return "it stopped answering during a step"
        said = bytes(self.stderr).decode("utf-8", "replace").strip()
        return "it died during a step" + (f" ({said[-300:]})" if said else "")

    def _abandon(self, step_tag: str) -> None:
        """Stop the runner and what the step started, the plain-exec way."""
        self.close()
        for tag in (self.tag, step_tag):
            with contextlib.suppress(Exception):
                _kill_tagged(self._api, self._container_id, tag, self._user, self._python)

