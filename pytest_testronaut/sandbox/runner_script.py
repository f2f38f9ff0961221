"""The in-container side of the runner (see :mod:`.runner`): one python3 process per
sandbox and user, started by a single attached exec, that runs the steps it is sent.

Frames both ways are a kind byte and a big-endian 4-byte length, then the payload.
From the host: ``Q`` a request (JSON), ``I`` a piece of the step's stdin, ``E`` the end of
its stdin. To the host: ``H`` hello (JSON: the runner's pid), ``O`` stdout and ``X``
stderr bytes (up to the output limit; the rest is counted, not sent), ``R`` the result
(JSON). Each step runs as :mod:`.supervisor` runs it: a forked *reaper*, child subreaper
of the step's whole process tree, with the file size limit, the disk watch, the OOM
count and the CPU/memory measures (the same code: ``supervisor._SUPERVISE``); the runner
kills that tree at the step's timeout.
"""

from __future__ import annotations

from .supervisor import _MEASURE, _SUPERVISE, _TREE

MARK = "testronaut-runner"

RUNNER = "# " + MARK + "\n" + _TREE + _MEASURE + r"""
import json, resource, select, struct, _signal as signal
""" + _SUPERVISE + r"""
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
def reaper(req, env, fds):
    in_r, out_w, err_w, rep_w = fds
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    report = _supervise(req["argv"], env, req["disk"], req["roots"], (in_r, out_w, err_w),
                        req["cwd"], close=(rep_w,))
    try:
        os.write(rep_w, report.encode())
        os.close(rep_w)
    except OSError:
        pass
    _reap_all()
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
