"""Background services in a sandbox: a server a workflow step starts on 127.0.0.1
inside the container, which later steps talk to, stopped when the workflow ends.

The service runs in a session of its own (``setsid``), its output goes to a log file
in the container (never to the exec's stream, which would then never close), and
stopping it signals the whole process group: TERM, then KILL after a grace period.
"""

from __future__ import annotations

import re
import shlex
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import TestronautError

if TYPE_CHECKING:
    from ..sandbox import Sandbox

# Is something listening on 127.0.0.1:PORT? bash's /dev/tcp, else python3.
_PORT_OPEN = (
    'p="$1"; if command -v bash >/dev/null 2>&1; then '
    'exec bash -c "exec 3<>/dev/tcp/127.0.0.1/$p" 2>/dev/null; fi; '
    'exec python3 -c "import socket,sys; socket.create_connection((\'127.0.0.1\', int(sys.argv[1])), 1)" '
    '"$p" 2>/dev/null'
)
_NAME = re.compile(r"^[A-Za-z0-9_.-]+$")


class ServiceError(TestronautError):
    """A background service did not start, or did not become ready."""


@dataclass
class Service:
    """A background process running in ``sandbox``."""

    sandbox: Sandbox
    name: str
    command: str
    pid: int
    log: str
    port: int | None = None

    @classmethod
    def start(cls, sandbox: Sandbox, command: str, *, name: str = "service",
              port: int | None = None, ready: str | None = None,
              ready_timeout: float = 30.0, env: dict[str, str] | None = None) -> Service:
        """Start ``command`` (a shell command line) in the background and wait until
        it is ready: ``port`` accepts connections on 127.0.0.1 and/or ``ready`` (a
        regular expression) appears in its output. Without either, it only has to be
        alive a moment later. Raises :class:`ServiceError` with the service's log."""
        if not _NAME.match(name):
            raise ServiceError(f"service name {name!r}: use letters, digits, '.', '_', '-'")
        log = f"/tmp/testronaut-service-{name}.log"
        script = (f"setsid sh -c {shlex.quote(command)} > {shlex.quote(log)} 2>&1 "
                  "< /dev/null & echo $!")
        started = sandbox.run(script, env=env, timeout=15)
        if not started.ok or not started.stdout.strip().isdigit():
            raise ServiceError(f"service {name!r} did not start: `{command}` "
                               f"(exit {started.exit_code}): {started.stderr.strip()}")
        service = cls(sandbox, name, command, int(started.stdout.strip()), log, port)
        try:
            service.wait_ready(ready=ready, timeout=ready_timeout)
        except BaseException:
            service.stop()
            raise
        return service

    # --- state ------------------------------------------------------------------------
    def alive(self) -> bool:
        return self.sandbox.run(f"kill -0 {self.pid}", timeout=10).ok

    def output(self) -> str:
        """What the service printed so far (stdout and stderr)."""
        return self.sandbox.run(["cat", self.log], timeout=10).stdout

    def port_open(self) -> bool:
        assert self.port is not None
        return self.sandbox.run(["/bin/sh", "-c", _PORT_OPEN, "probe", str(self.port)],
                                timeout=10).ok

    def wait_ready(self, *, ready: str | None, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        pattern = re.compile(ready, re.MULTILINE) if ready else None
        if self.port is None and pattern is None:
            time.sleep(0.2)
            if not self.alive():
                self._fail("exited right after it started")
            return
        while True:
            port_ok = self.port is None or self.port_open()
            text_ok = pattern is None or bool(pattern.search(self.output()))
            if port_ok and text_ok:
                return
            if not self.alive():
                self._fail("exited before it was ready")
            if time.monotonic() > deadline:
                waited = " and ".join(
                    ([f"port {self.port} on 127.0.0.1"] if self.port is not None else [])
                    + ([f"output matching /{ready}/"] if ready else []))
                self._fail(f"was not ready after {timeout:g}s (waited for {waited})")
            time.sleep(0.2)

    def _fail(self, what: str) -> None:
        try:
            log = self.output().strip() or "(no output)"
        except Exception:  # the container itself may be gone
            log = "(its log could not be read)"
        raise ServiceError(f"service {self.name!r} (`{self.command}`) {what}; its output:\n"
                           f"{log}")

    # --- the end ----------------------------------------------------------------------
    def stop(self, grace: float = 3.0) -> None:
        """TERM the service's process group, KILL what is left after ``grace`` seconds."""
        if self.sandbox.closed:
            return
        script = (f"kill -TERM -{self.pid} 2>/dev/null || exit 0; i=0; "
                  f"while kill -0 -{self.pid} 2>/dev/null && [ $i -lt {int(grace * 10)} ]; "
                  f"do sleep 0.1; i=$((i+1)); done; kill -KILL -{self.pid} 2>/dev/null; true")
        self.sandbox.run(script, timeout=grace + 10)
