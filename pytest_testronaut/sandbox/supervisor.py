"""The step supervisor: a small Python program that runs each command inside the sandbox.

When the image has ``python3``, every :meth:`Sandbox.run` execs ``python3 -I -S -c
SUPERVISOR TAG OPTIONS ARGV...`` instead of ``ARGV``. Three processes take part:

* the exec's own process waits for a report and writes it to stderr, wrapped in a marker
  that :func:`take_report` removes again (stdout and stderr stay byte-exact), then exits;
* a *reaper* it forks marks itself child subreaper (``prctl(PR_SET_CHILD_SUBREAPER)``),
  so every process the step starts stays its descendant, even after ``setsid``, a double
  fork or ``env -i``: the timeout's :data:`KILLER` finds them all through ``/proc``;
* the command itself, with ``RLIMIT_FSIZE`` at the disk limit (no single file grows
  past it) and the signals Python ignores back at their defaults.

The reaper measures the process tree (``getrusage(RUSAGE_CHILDREN)``: CPU seconds and
the largest resident set), counts the memory cgroup's OOM kills during the step, and
watches the size of the writable places (workdir, ``$HOME``, ``/tmp``, ``/var/tmp``):
past the disk limit it kills the step. It stays (without stdio, so the exec ends) while
processes the step left in the background live, and reaps them.
"""

from __future__ import annotations

from dataclasses import dataclass

# Shared by the supervisor and the killer: the live descendants of a process, from /proc.
_TREE = r"""
import os, sys, time
def _tree(roots):
    kids = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % name, "rb") as fh:
                fields = fh.read().rsplit(b")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if fields[0] != b"Z":
            kids.setdefault(int(fields[1]), []).append(int(name))
    found, todo = [], list(roots)
    while todo:
        for child in kids.get(todo.pop(), ()):
            found.append(child)
            todo.append(child)
    return found
def _kill_tree(roots, rounds=400):
    for _ in range(rounds):
        pids = _tree(roots)
        if not pids:
            return True
        for pid in pids:
            try:
                os.kill(pid, 9)
            except OSError:
                pass
        time.sleep(0.002)
    return False
"""

# Shared by the supervisor and the runner (runner.py): OOM kills of the memory cgroup so
# far, and the bytes held under the watched roots (and the largest file there).
_MEASURE = r"""
def _oom_kills():
    for path in ("/sys/fs/cgroup/memory/memory.oom_control", "/sys/fs/cgroup/memory.events"):
        try:
            with open(path) as fh:
                for line in fh:
                    key, _, value = line.partition(" ")
                    if key == "oom_kill":
                        return int(value)
        except (OSError, ValueError):
            pass
    return -1
def _usage(roots):
    total, largest = 0, 0
    for root in roots:
        try:
            top = os.lstat(root)
        except OSError:
            continue
        parent = os.lstat(os.path.dirname(root.rstrip("/")) or "/")
        if top.st_dev != parent.st_dev:  # a mount of its own (tmpfs): ask the filesystem
            vfs = os.statvfs(root)
            total += (vfs.f_blocks - vfs.f_bfree) * vfs.f_frsize
        todo = [root]
        while todo:
            try:
                entries = os.scandir(todo.pop())
            except OSError:
                continue
            with entries:
                for entry in entries:
                    try:
                        st = entry.stat(follow_symlinks=False)
                    except OSError:
                        continue
                    if st.st_dev != top.st_dev:
                        continue
                    if entry.is_dir(follow_symlinks=False):
                        todo.append(entry.path)
                    elif top.st_dev == parent.st_dev:
                        total += st.st_blocks * 512
                    largest = max(largest, st.st_size)
    return total, largest
"""

# Shared by the supervisor and the runner's reaper (runner_script.py), which call it in
# a process of their own that becomes the child subreaper of the step: run ``argv``
# (its stdin, stdout and stderr ``stdio``, or this process's when None; in ``cwd`` when
# given) with the file size limit at ``disk``, watch the writable places against it,
# wait for the step and measure it. Returns the report: exit code, CPU seconds, peak
# RSS, OOM kills (-1: unknown), disk over, a file at the limit, disk used, exec errno,
# chdir errno. ``close`` are fds the step must not keep.
_SUPERVISE = r"""
def _supervise(argv, env, disk, watched, stdio=None, cwd=None, close=()):
    try:  # prctl(PR_SET_CHILD_SUBREAPER, 1) through _ctypes alone: ctypes costs as much again
        import _ctypes
        _ctypes.call_function(_ctypes.dlsym(_ctypes.dlopen(None, 0), "prctl"), (36, 1, 0, 0, 0))
    except Exception:
        pass
    roots = []
    for path in sorted({os.path.normpath(p) for p in watched + [env.get("HOME") or "/"]}):
        if path != "/" and os.path.isdir(path) and not any(path.startswith(r + "/") for r in roots):
            roots.append(path)
    null = os.open("/dev/null", os.O_RDWR)
    oom_before = _oom_kills()
    ex_r, ex_w = os.pipe()
    child = os.fork()
    if child == 0:
        for fd in (ex_r,) + tuple(close):
            os.close(fd)
        if stdio is not None:
            for target, fd in enumerate(stdio):
                os.dup2(null if fd is None else fd, target)
        for name in ("SIGPIPE", "SIGXFSZ", "SIGXFZ", "SIGALRM"):
            if hasattr(signal, name):
                signal.signal(getattr(signal, name), signal.SIG_DFL)
        try:  # under the memory limit the kernel kills the step, not its supervisor
            with open("/proc/self/oom_score_adj", "w") as fh:
                fh.write("500")
        except OSError:
            pass
        try:
            if cwd:
                os.chdir(cwd)
        except OSError as exc:
            os.write(ex_w, b"c%d" % exc.errno)
            os._exit(127)
        if disk:
            resource.setrlimit(resource.RLIMIT_FSIZE, (disk, disk))
        try:
            os.execvpe(argv[0], argv, env)
        except OSError as exc:
            os.write(ex_w, b"e%d" % exc.errno)
        os._exit(127)
    os.close(ex_w)
    for fd in (0, 1, 2):
        os.dup2(null, fd)
    for fd in stdio or ():
        if fd is not None:
            os.close(fd)
    me, over = os.getpid(), []
    def watch(signum, frame):
        # on SIGALRM, between (restarted) waits of the loop below
        started = time.monotonic()
        total, largest = _usage(roots)
        if total > disk:
            over.append(total)
            _kill_tree([me])
        else:
            signal.setitimer(signal.ITIMER_REAL, max(0.2, 20 * (time.monotonic() - started)))
    if disk and roots:
        signal.signal(signal.SIGALRM, watch)
        signal.setitimer(signal.ITIMER_REAL, 0.2)
    status = None
    while status is None:
        try:
            pid, got, _ = os.wait4(-1, 0)
        except ChildProcessError:
            break
        if pid == child:
            status = got
    signal.setitimer(signal.ITIMER_REAL, 0)
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    failed = os.read(ex_r, 64)
    code = 255 if status is None else (128 + os.WTERMSIG(status) if os.WIFSIGNALED(status)
                                       else os.WEXITSTATUS(status))
    total, largest = _usage(roots) if disk and roots else (0, 0)
    oom_after = _oom_kills()
    errno = int(failed[1:]) if failed[:1] == b"e" else 0
    if errno:
        code = 127 if errno == 2 else 126
    oom = oom_after - oom_before if oom_before >= 0 and oom_after >= 0 else -1
    return "%d %.6f %d %d %d %d %d %d %d" % (
        code, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024, oom,
        bool(over) or total > disk > 0, largest >= disk > 0, max([total] + over), errno,
        int(failed[1:]) if failed[:1] == b"c" else 0)
def _reap_all():
    # stay while the step's background processes live, and reap them
    while True:
        try:
            os.wait4(-1, 0)
        except ChildProcessError:
            break
"""

SUPERVISOR = _TREE + _MEASURE + r"""
import resource, _signal as signal  # not `signal`: it imports enum, a tenth of startup
""" + _SUPERVISE + r"""
tag, disk, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
watched, argv = sys.argv[4:4 + count], sys.argv[4 + count:]
report_r, report_w = os.pipe()
if os.fork():
    os.close(report_w)
    null = os.open("/dev/null", os.O_RDWR)
    os.dup2(null, 0); os.dup2(null, 1)
    data = b""
    while True:
        chunk = os.read(report_r, 65536)
        if not chunk:
            break
        data += chunk
    if data:
        try:
            os.write(2, b"\0testronaut-report:" + tag.encode() + b":" + data + b"\0")
        except OSError:
            pass
    os._exit(int(data.split()[0]) if data else 255)
os.close(report_r)
report = _supervise(argv, dict(os.environ), disk, watched, close=(report_w,))
os.write(report_w, report.rsplit(" ", 1)[0].encode())  # the chdir errno: docker's job here
os.close(report_w)
_reap_all()
"""

# Kill every process of the step whose supervisor carries ``$1`` (all descendants of
# its reaper), and every process still carrying the step's environment tag; again until
# none is left (a fork bomb keeps spawning for a moment). Exit 0 when none is left.
KILLER = _TREE + r"""
tag, me = sys.argv[1], os.getpid()
def _tagged():
    sup, env = [], []
    for name in os.listdir("/proc"):
        if not name.isdigit() or int(name) == me:
            continue
        try:
            with open("/proc/%s/cmdline" % name, "rb") as fh:
                args = fh.read().split(b"\0")
        except OSError:
            continue
        if tag.encode() in args[:8]:
            sup.append(int(name))
            continue
        try:
            with open("/proc/%s/environ" % name, "rb") as fh:
                if tag.encode() in fh.read():
                    env.append(int(name))
        except OSError:
            pass
    return sup, env
for _ in range(50):
    sup, env = _tagged()
    _kill_tree(sup)
    for pid in env:
        try:
            os.kill(pid, 9)
        except OSError:
            pass
    if not env and not _tree(sup):
        sys.exit(0)
sys.exit(1)
"""

MARKER = b"\0testronaut-report:"


@dataclass(frozen=True)
class Report:
    """What the supervisor measured of one step."""

    code: int
    cpu_time: float
    peak_memory: int
    oom_kills: int | None
    disk_over: bool
    disk_full: bool
    disk_used: int
    exec_errno: int | None


def supervised_argv(python: str, tag: str, argv: list[str], *, disk: int,
                    roots: list[str]) -> list[str]:
    """The argv that runs ``argv`` under the supervisor (``python`` is the image's).
    Everything travels as arguments: nothing is parsed by a shell or imports json."""
    return [python, "-I", "-S", "-c", SUPERVISOR, tag, str(disk), str(len(roots)), *roots,
            *argv]


def killer_argv(python: str, tag: str) -> list[str]:
    return [python, "-I", "-S", "-c", KILLER, tag]


def take_report(stderr: bytearray, tag: str) -> Report | None:
    """Remove the supervisor's report from ``stderr`` (in place) and parse it."""
    head = MARKER + tag.encode() + b":"
    start = stderr.rfind(head)
    if start < 0:
        return None
    end = stderr.find(b"\0", start + len(head))
    if end < 0:
        return None
    report = parse_report(bytes(stderr[start + len(head):end]))
    if report is not None:
        del stderr[start:end + 1]
    return report


def parse_report(text: bytes) -> Report | None:
    """The eight numbers the supervisor (or the runner's reaper) reports, parsed."""
    fields = text.split()
    if len(fields) != 8:
        return None
    try:
        code, cpu, rss, oom, over, full, used, errno = fields
        return Report(
            code=int(code), cpu_time=float(cpu), peak_memory=int(rss),
            oom_kills=None if int(oom) < 0 else int(oom), disk_over=over == b"1",
            disk_full=full == b"1", disk_used=int(used), exec_errno=int(errno) or None)
    except ValueError:
        return None
