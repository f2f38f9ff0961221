"""The in-container side of the runner (see :mod:`.runner`): one python3 process per
sandbox and user, started by a single attached exec, that runs the steps it is sent.

Frames both ways are a kind byte and a big-endian 4-byte length, then the payload.
From the host: ``Q`` a request (JSON), ``I`` a piece of the step's stdin, ``E`` the end of
its stdin. To the host: ``H`` hello (JSON: the runner's pid), ``O`` stdout and ``X``
stderr bytes (up to the output limit; the rest is counted, not sent), ``R`` the result
(JSON). Each step runs as :mod:`.supervisor` runs it: a forked *reaper*, child subreaper
of the step's whole process tree, with the file size limit, the disk watch, the OOM
count and the CPU/memory measures; the runner kills that tree at the step's timeout.
"""

from __future__ import annotations

from .supervisor import _MEASURE, _TREE

MARK = "testronaut-runner"

RUNNER = "# " + MARK + "\n" + _TREE + _MEASURE + r"""
import json, resource, select, struct, _signal as signal
_H = struct.Struct(">cI")
TAG_VAR = sys.argv[2]
base_env = {k: v for k, v in os.environ.items() if k != TAG_VAR}
inbuf = bytearray()
signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # reapers exit on their own, no zombies
def send(kind, data=b""):
    view = memoryview(_H.pack(kind, len(data)) + data)
    while view:
        view = view[os.write(1, view):]
def frame():
    if len(inbuf) < 5:
        return None
    kind, size = _H.unpack_from(inbuf)
    if len(inbuf) < 5 + size:
        return None
    data = bytes(inbuf[5:5 + size])
    del inbuf[:5 + size]
    return kind, data
def fill():
    chunk = os.read(0, 262144)
    if not chunk:
        os._exit(0)  # the host is gone
    inbuf.extend(chunk)
def roots_of(watched, env):
    roots = []
    for path in sorted({os.path.normpath(p) for p in watched + [env.get("HOME") or "/"]}):
        if path != "/" and os.path.isdir(path) and not any(path.startswith(r + "/") for r in roots):
            roots.append(path)
    return roots
def reaper(req, env, fds):
    in_r, out_w, err_w, rep_w = fds
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    try:
        import _ctypes
        _ctypes.call_function(_ctypes.dlsym(_ctypes.dlopen(None, 0), "prctl"), (36, 1, 0, 0, 0))
    except Exception:
        pass
    disk, roots = req["disk"], roots_of(req["roots"], env)
    null = os.open("/dev/null", os.O_RDWR)
    oom_before = _oom_kills()
    ex_r, ex_w = os.pipe()
    child = os.fork()
    if child == 0:
        os.dup2(null if in_r is None else in_r, 0)
        os.dup2(out_w, 1)
        os.dup2(err_w, 2)
        for name in ("SIGPIPE", "SIGXFSZ", "SIGXFZ", "SIGALRM"):
            if hasattr(signal, name):
                signal.signal(getattr(signal, name), signal.SIG_DFL)
        try:  # under the memory limit the kernel kills the step, not the runner
            with open("/proc/self/oom_score_adj", "w") as fh:
                fh.write("500")
        except OSError:
            pass
        try:
            if req["cwd"]:
                os.chdir(req["cwd"])
        except OSError as exc:
            os.write(ex_w, b"c%d" % exc.errno)
            os._exit(127)
        if disk:
            resource.setrlimit(resource.RLIMIT_FSIZE, (disk, disk))
        try:
            os.execvpe(req["argv"][0], req["argv"], env)
        except OSError as exc:
            os.write(ex_w, b"e%d" % exc.errno)
        os._exit(127)
    os.close(ex_w)
    for fd in (0, 1, 2):
        os.dup2(null, fd)
    for fd in (in_r, out_w, err_w):
        if fd is not None:
            os.close(fd)
    me, over = os.getpid(), []
    def watch(signum, frame):
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
    report = "%d %.6f %d %d %d %d %d %d %s" % (
        code, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024, oom,
        bool(over) or total > disk > 0, largest >= disk > 0, max([total] + over), errno,
        int(failed[1:]) if failed[:1] == b"c" else 0)
    try:
        os.write(rep_w, report.encode())
        os.close(rep_w)
    except OSError:
        pass
    while True:  # stay while the step's background processes live, and reap them
        try:
            os.wait4(-1, 0)
        except ChildProcessError:
            break
def take_input(host_done, in_w, pending):
    # The step's stdin frames already received (fill() may bring them with the request).
    while not host_done:
        got = frame()
        if got is None:
            break
        kind, data = got
        if kind == b"I" and in_w is not None:
            pending += data
        elif kind == b"E":
            host_done = True
    if host_done and in_w is not None and not pending:
        os.close(in_w)
        in_w = None
    return host_done, in_w, pending
def run(req):
    env = dict(base_env)
    env.update(req["env"])
    limit, has_stdin = req["limit"], req["stdin"]
    in_r, in_w = os.pipe() if has_stdin else (None, None)
    out_r, out_w = os.pipe()
    err_r, err_w = os.pipe()
    rep_r, rep_w = os.pipe()
    deadline = time.monotonic() + req["timeout"]
    pid = os.fork()
    if pid == 0:
        for fd in (in_w, out_r, err_r, rep_r):  # the runner's ends: EOF must reach the step
            if fd is not None:
                os.close(fd)
        try:
            reaper(req, env, (in_r, out_w, err_w, rep_w))
        finally:
            os._exit(0)
    for fd in (in_r, out_w, err_w, rep_w):
        if fd is not None:
            os.close(fd)
    if in_w is not None:
        os.set_blocking(in_w, False)
    streams = {out_r: [b"O", 0], err_r: [b"X", 0]}
    pending, host_done, report, timed_out = bytearray(), False, None, False
    reading = [out_r, err_r, rep_r]
    host_done, in_w, pending = take_input(host_done, in_w, pending)
    while True:
        if report is not None and not (set(reading) & set(streams)):
            break
        now = time.monotonic()
        if now >= deadline:
            timed_out = True
            break
        wait = deadline - now if report is None else 0.0
        writing = [in_w] if in_w is not None and pending else []
        ready_r, ready_w, _ = select.select(reading + ([] if host_done else [0]), writing, [],
                                            wait)
        if not ready_r and not ready_w:
            if report is not None:
                break  # nothing more right now: what background processes write is theirs
            continue
        if ready_w:
            try:
                del pending[:os.write(in_w, pending[:65536])]
            except BlockingIOError:
                pass
            except OSError:  # the step closed its stdin
                os.close(in_w)
                in_w, pending = None, bytearray()
            if in_w is not None and host_done and not pending:
                os.close(in_w)
                in_w = None
        for fd in ready_r:
            if fd == 0:
                fill()
                host_done, in_w, pending = take_input(host_done, in_w, pending)
                continue
            chunk = os.read(fd, 262144)
            if fd == rep_r:
                if chunk:
                    report = (report or b"") + chunk
                else:
                    reading.remove(fd)
                    report = report or b""
                continue
            if not chunk:
                reading.remove(fd)
                continue
            kind_sent = streams[fd]
            room = limit - kind_sent[1]
            if room > 0:
                send(kind_sent[0], chunk[:room])
            kind_sent[1] += len(chunk)
    if timed_out:
        _kill_tree([pid])
        try:
            os.kill(pid, 9)
        except OSError:
            pass
        _kill_tree([pid])
    if in_w is not None:
        os.close(in_w)
    for fd in (out_r, err_r, rep_r):
        os.close(fd)
    return {"report": (report or b"").decode(), "timed_out": timed_out,
            "out_total": streams[out_r][1], "err_total": streams[err_r][1]}
send(b"H", json.dumps({"pid": os.getpid()}).encode())
while True:
    request = None
    while request is None:
        got = frame()
        if got is None:
            fill()
        elif got[0] == b"Q":
            request = json.loads(got[1])
    send(b"R", json.dumps(run(request)).encode())
"""


def runner_argv(python: str, tag_var: str) -> list[str]:
    """The argv of the runner: the image's python3, the script, a name ``ps`` shows."""
    return [python, "-I", "-S", "-c", RUNNER, MARK, tag_var]
