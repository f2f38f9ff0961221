"""A live, hardened sandbox container: run commands, move files, see what changed."""

from __future__ import annotations

import contextlib
import io
import logging
import posixpath
import tarfile
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..errors import TestronautError
from .config import SandboxConfig
from .execution import Bounds, exec_with_timeout
from .result import Checker, FileChanges, RunResult
from .runner import Runner, RunnerBroken

RUNNER_MODES = ("auto", "exec")

# What Sandbox.observers hold: called with the sandbox and the result of each run().
Observer = Callable[["Sandbox", RunResult], None]

KEEPALIVE = ["/bin/sh", "-c", "trap 'exit 0' TERM INT; while :; do sleep 3600 & wait $!; done"]

# Content hash of every file (and the list of directories) under the watched roots;
# busybox and GNU find/md5sum both understand this.
_SNAPSHOT = (
    'for r in "$@"; do [ -d "$r" ] || continue; '
    'find "$r" -xdev -type d -print 2>/dev/null | sed "s/^/dir  /"; '
    'find "$r" -xdev \\( -type f -o -type l \\) -exec md5sum {} + 2>/dev/null; done'
)


@dataclass(frozen=True)
class Snapshot:
    """Content hashes of the files under some roots at one moment."""

    roots: tuple[str, ...]
    entries: Mapping[str, str]

    def diff(self, later: Snapshot) -> FileChanges:
        before, after = self.entries, later.entries
        return FileChanges(
            added=tuple(sorted(p for p in after if p not in before)),
            changed=tuple(sorted(p for p in after if p in before and after[p] != before[p])),
            deleted=tuple(sorted(p for p in before if p not in after)),
        )


def container_options(config: SandboxConfig, image: str, labels: dict[str, str]) -> dict[str, Any]:
    """Keyword arguments for ``containers.create``: the security defaults live here."""
    # tmpfs size: the disk limit (its pages count against the memory limit too)
    size = f"size={config.disk_bytes}"
    tmpfs = {"/tmp": f"rw,exec,nosuid,nodev,{size},mode=1777"}
    if config.read_only:
        tmpfs[config.workdir] = f"rw,exec,nosuid,nodev,{size},mode=1777"
    return {
        "image": image,
        "command": KEEPALIVE,
        "detach": True,
        "init": True,  # a real PID 1 that reaps zombies and forwards signals
        "labels": labels,
        "network_mode": "bridge" if config.network else "none",
        "cap_drop": ["ALL"],
        "cap_add": list(config.cap_add) or None,
        "security_opt": ["no-new-privileges"] if config.no_new_privileges else None,
        "pids_limit": config.pids,
        "mem_limit": config.memory,
        "memswap_limit": config.memory,  # no swap: a memory hog is killed, not slowed
        "nano_cpus": int(config.cpus * 1e9),
        "tmpfs": tmpfs,
        "read_only": config.read_only,
        "environment": config.env_dict,
        "working_dir": config.workdir,
        "hostname": "sandbox",
    }


class Sandbox:
    """One running container. Create them through a :class:`SandboxManager`."""

    def __init__(self, container: Any, config: SandboxConfig, image: str) -> None:
        self._container = container
        self._api = container.client.api
        self.config = config
        self.image = image
        self._last_snapshot: Snapshot | None = None
        self.closed = False
        # The image's python3, found at start: runs the step supervisor (None: no
        # supervisor; commands run as they are, without disk watch or measurements).
        self.python: str | None = None
        self._oom_kills_seen = 0  # of this container's memory cgroup (unsupervised runs)
        # Bound by the plugin's fixtures: gives results should()/assert_equivalent().
        self.checker: Checker | None = None
        # "auto": steps go through a long-lived runner in the container (runner.py) when
        # the image has python3; "exec": one Docker exec per step. The manager sets it.
        self.runner_mode = "exec"
        self.say: Callable[[str], None] | None = None  # where "runner unusable" is told
        self.runner_failure: str | None = None  # why steps no longer use the runner
        self._runners: dict[str | None, Runner] = {}
        self._runner_lock = threading.Lock()
        # Called as ``observer(sandbox, result)`` after every run(), in order (the
        # reports keep the commands a hand-written test ran this way). An observer
        # must be quick and must not raise: what it raises reaches run()'s caller.
        self.observers: list[Observer] = []

    @property
    def id(self) -> str:
        return str(self._container.id)

    @property
    def image_id(self) -> str | None:
        """The id (``sha256:...``) of the image the container runs, when known."""
        attrs = getattr(self._container, "attrs", None) or {}
        image = attrs.get("Image")
        return str(image) if image else None

    def __repr__(self) -> str:
        return f"<Sandbox {self.id[:12]} image={self.config.image!r}>"

    # --- running -------------------------------------------------------------------
    def run(
        self,
        cmd: str | Sequence[str],
        *,
        stdin: str | bytes | None = None,
        env: Mapping[str, str] | None = None,
        cwd: str | None = None,
        timeout: float | None = None,
        track_files: bool | Sequence[str] = False,
    ) -> RunResult:
        """Run ``cmd`` (a shell string, or an argv list run without a shell).

        ``timeout`` (default: the sandbox's) really stops the process and everything it
        started; the result then has ``timed_out`` set. With ``track_files`` the result's
        ``files_changed`` lists what the command added, changed and deleted: under the
        workdir and /tmp (``True``), or under the directories given (relative ones are
        in the workdir).
        """
        if self.closed:
            raise TestronautError(f"{self!r} was already removed; it cannot run {cmd!r}")
        data = stdin.encode() if isinstance(stdin, str) else stdin
        before = None
        if isinstance(track_files, bool):
            before = self.snapshot() if track_files else None
        elif track_files:
            wanted = [track_files] if isinstance(track_files, str) else list(track_files)
            before = self.snapshot([self._resolve(r) for r in wanted])
        result = self._exec(
            cmd, stdin=data, env=env,
            cwd=self._resolve(cwd) if cwd else None, user=self.config.user,
            timeout=timeout if timeout is not None else self.config.timeout,
            output_limit=self.config.output_limit, bounds=self.bounds,
        )
        if (result.exit_code == 137 and not result.timed_out and self.python is None
                and result.limit_reached is None):
            result = self._name_a_memory_kill(result)
        if before is not None:
            after = self.snapshot(before.roots)
            self._last_snapshot = before
            result = replace(result, files_changed=before.diff(after))
        if self.checker is not None:
            result = replace(result, checker=self.checker)
        for observer in tuple(self.observers):
            observer(self, result)
        return result

    def warm(self) -> None:
        """Start the runner of the sandbox's user now, so that the first step is as
        quick as any later one (the warm pool does this ahead of need)."""
        if self.runner_mode == "auto" and self.python is not None and not self.closed:
            self._exec(["true"], user=self.config.user, timeout=30.0, output_limit=4096)

    @property
    def bounds(self) -> Bounds:
        """What each command may use, enforced by the supervisor when there is python3."""
        roots = (self.config.workdir, "/tmp", "/var/tmp")
        return Bounds(python=self.python, disk=self.config.disk_bytes,
                      disk_text=self.config.disk, memory_text=self.config.memory,
                      roots=roots)

    def _name_a_memory_kill(self, result: RunResult) -> RunResult:
        """Without the supervisor: a step killed (137) while the container's memory
        cgroup counted a new OOM kill was stopped by the memory limit."""
        counters = self._exec(
            ["cat", "/sys/fs/cgroup/memory/memory.oom_control", "/sys/fs/cgroup/memory.events"],
            user=self.config.user, timeout=10.0, output_limit=65536)
        kills = max([int(line.split()[1]) for line in counters.stdout.splitlines()
                     if line.startswith("oom_kill ") and line.split()[1].isdigit()] or [0])
        if kills <= self._oom_kills_seen:
            return result
        self._oom_kills_seen = kills
        said = (f"memory limit {self.config.memory} reached: the kernel's out-of-memory killer "
                "stopped the step (exit 137); raise `memory` (--testronaut-memory) if the tool "
                "needs more")
        sep = b"\n" if result.stderr_bytes and not result.stderr_bytes.endswith(b"\n") else b""
        return replace(result, limit_reached=said,
                       stderr_bytes=result.stderr_bytes + sep + f"testronaut: {said}\n".encode())

    def _admin(self, argv: Sequence[str], stdin: bytes | None = None,
               what: str = "file transfer") -> RunResult:
        result = self._exec(
            list(argv), stdin=stdin, user=self.config.user,
            timeout=max(self.config.timeout, 60.0), output_limit=64 * 1024 * 1024,
        )
        if result.exit_code != 0:
            raise TestronautError(
                f"{what} in {self!r} failed ({result.command_line}): "
                f"{result.stderr.strip() or result.stdout.strip()}"
            )
        return result

    def _exec(self, cmd: str | Sequence[str], **options: Any) -> RunResult:
        """Through the runner when there is one (and no other thread is using it), else
        :func:`exec_with_timeout`, with the engine's refusals said plainly."""
        if (self.runner_mode == "auto" and self.runner_failure is None
                and self._runner_lock.acquire(blocking=False)):
            try:
                result = self._through_runner(cmd, **options)
            finally:
                self._runner_lock.release()
            if result is not None:
                return result
        return self._exec_plain(cmd, **options)

    @property
    def runner_pid(self) -> int | None:
        """The pid (in the container) of the runner of the sandbox's user, while steps
        go through it; None when they use one Docker exec each."""
        runner = self._runners.get(self.config.user)
        return runner.pid if runner is not None and runner.alive and not self.runner_failure \
            else None

    def _through_runner(self, cmd: str | Sequence[str], **options: Any) -> RunResult | None:
        """The step's result through the runner; None: use a plain exec instead."""
        user = options.get("user")
        runner = self._runners.get(user)
        if runner is None or not runner.alive:
            if self.python is None:
                self._give_up_runner("the image has no python3 (3.8+)")
                return None
            import docker.errors

            runner = Runner(self._api, self.id, self.python, user)
            try:
                runner.start()
            except docker.errors.APIError:
                return None  # the container is gone or refuses: the plain path says so
            except RunnerBroken as exc:
                if "unable to find user" in exc.reason:
                    return None  # the plain path raises the set-up mistake
                self._give_up_runner(f"the runner did not start: {exc.reason}")
                return None
            except OSError as exc:
                runner.close()
                self._give_up_runner(f"the runner did not start: {exc}")
                return None
            self._runners[user] = runner
        argv = ["/bin/sh", "-c", cmd] if isinstance(cmd, str) else [str(a) for a in cmd]
        if not argv:
            raise ValueError("cannot run an empty command")
        try:
            return runner.run(
                cmd, argv, stdin=options.get("stdin"), env=dict(options.get("env") or {}),
                cwd=options.get("cwd"), timeout=options["timeout"],
                output_limit=options["output_limit"], bounds=options.get("bounds") or Bounds())
        except RunnerBroken as exc:
            self._give_up_runner(exc.reason)
            if not exc.during_step:
                return None
            note = (f"testronaut: the in-container runner stopped during this step "
                    f"({exc.reason}); its outcome is unknown\n").encode()
            return RunResult(command=cmd if isinstance(cmd, str) else tuple(argv),
                             exit_code=137, stdout_bytes=b"", stderr_bytes=note, duration=0.0,
                             timed_out="stopped answering" in exc.reason,
                             stdin=options.get("stdin"))

    def _give_up_runner(self, reason: str) -> None:
        """From now on one Docker exec per step; said once per sandbox."""
        if self.runner_failure is not None:
            return
        self.runner_failure = reason
        for runner in self._runners.values():
            runner.close()
        which = (f"sandboxes from {self.config.image}" if self.python is None
                 else f"sandbox {self.id[:12]} ({self.config.image})")
        message = (f"testronaut: {which} run each step through docker exec, slower: {reason} "
                   "(--testronaut-runner=exec chooses this without the message)")
        if self.say is not None:
            self.say(message)
        else:
            logging.getLogger(__name__).warning("%s", message)

    def _exec_plain(self, cmd: str | Sequence[str], **options: Any) -> RunResult:
        import docker.errors

        try:
            return exec_with_timeout(self._api, self.id, cmd, **options)
        except docker.errors.APIError as exc:
            state = "gone"
            with contextlib.suppress(docker.errors.APIError):
                self._container.reload()
                state = self._container.status
            problem = (f"the sandbox {self.id[:12]} (image {self.config.image!r}) cannot run "
                       f"commands: it is {state} ({exc.explanation or exc}). Its main process "
                       f"may have been starved: check pids={self.config.pids} and "
                       f"memory={self.config.memory}")
        raise TestronautError(problem)

    # --- files -----------------------------------------------------------------------
    def _resolve(self, path: str) -> str:
        return posixpath.normpath(posixpath.join(self.config.workdir, path))

    def put_file(self, path: str, content: str | bytes, mode: int = 0o644) -> None:
        """Write ``content`` to ``path`` (relative to the workdir), creating folders.

        Files go through ``cat`` in an exec rather than the archive API, so they land
        in tmpfs mounts and read-only root filesystems' writable places too.
        """
        target = self._resolve(path)
        data = content.encode() if isinstance(content, str) else content
        # Paths travel as arguments ($1, $2), never inside the script's text.
        script = 'mkdir -p -- "$1" && cat > "$2" && chmod "$3" -- "$2"'
        self._admin(["/bin/sh", "-c", script, "put_file", posixpath.dirname(target), target,
                     f"{mode:o}"], stdin=data, what=f"writing {target}")

    def put_path(self, host_path: str | Path, dest: str) -> None:
        """Copy a host file or folder into the folder ``dest`` (relative to the workdir)."""
        source = Path(host_path)
        if not source.exists():
            raise TestronautError(f"cannot copy {source} into the sandbox: it does not exist")
        buffer = io.BytesIO()
        with tarfile.open(fileobj=buffer, mode="w") as tar:
            tar.add(str(source), arcname=source.name)
        target = self._resolve(dest)
        self._admin(["/bin/sh", "-c", 'mkdir -p -- "$1" && tar -x -o -f - -C "$1"',
                     "put_path", target],
                    stdin=buffer.getvalue(), what=f"copying {source} to {target}")

    def get_file(self, path: str) -> bytes:
        """The bytes of a file in the sandbox (relative paths are under the workdir)."""
        target = self._resolve(path)
        return self._admin(["cat", target], what=f"reading {target}").stdout_bytes

    def snapshot(self, roots: Sequence[str] | None = None) -> Snapshot:
        """Hash every file under ``roots`` (default: the workdir and /tmp)."""
        chosen = tuple(roots) if roots else (self.config.workdir, "/tmp")
        result = self._exec(
            ["/bin/sh", "-c", _SNAPSHOT, "snapshot", *chosen],
            user=self.config.user, timeout=120.0, output_limit=256 * 1024 * 1024,
        )
        entries: dict[str, str] = {}
        for line in result.stdout_bytes.decode("utf-8", "replace").splitlines():
            digest, _, name = line.partition("  ")
            if name and name not in chosen:
                entries[name] = digest
        return Snapshot(chosen, entries)

    def changed_files(self, since: Snapshot | None = None) -> FileChanges:
        """What changed since ``since`` (default: since before the last tracked run)."""
        base = since or self._last_snapshot
        if base is None:
            raise TestronautError(
                "changed_files() needs a starting point: call snapshot() first and pass "
                "it, or run the command with run(..., track_files=True)"
            )
        return base.diff(self.snapshot(base.roots))

    # --- lifecycle -------------------------------------------------------------------
    def remove(self) -> None:
        """Remove the container and its anonymous volumes; a container already gone or
        already being removed (by another thread, the sweeper, ``docker rm``) counts as
        removed."""
        if self.closed:
            return
        self.closed = True
        for runner in self._runners.values():
            runner.close()
        import time

        import docker.errors

        try:
            self._container.remove(force=True, v=True)
        except docker.errors.NotFound:
            return
        except docker.errors.APIError as exc:
            # 409 "removal of container ... is already in progress": someone else won the
            # race. Anything else (the engine refusing) is still an error.
            if exc.status_code != 409 or "already in progress" not in str(exc.explanation):
                raise
            # Wait briefly until it is gone, so callers that list leftovers right after
            # do not see it; the engine finishes on its own if this gives up.
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                try:
                    self._api.inspect_container(self.id)
                except docker.errors.NotFound:
                    return
                except docker.errors.APIError:
                    return  # the engine is busy with it; not ours any more
                time.sleep(0.1)
