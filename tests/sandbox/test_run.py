"""Running commands in a real sandbox: streams, exit codes, stdin, env, limits, timeouts,
files and file changes, and the assertion helpers of RunResult."""

from __future__ import annotations

import hashlib
import json
import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from pytest_testronaut.errors import TestronautError
from pytest_testronaut.sandbox import FileChanges, RunResult, Sandbox, SandboxConfig, SandboxManager

pytestmark = pytest.mark.docker

MB = 1024 * 1024
Leftovers = Callable[[Sandbox], list[str]]


# --- commands, streams, exit codes -----------------------------------------------------
def test_shell_string_runs_through_sh(sandbox: Sandbox) -> None:
    result = sandbox.run("echo $((6 * 7)) | tr 4 X")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "X2\n", "")
    assert result.ok
    assert result.command == "echo $((6 * 7)) | tr 4 X"
    assert result.duration > 0


def test_argv_runs_without_a_shell(sandbox: Sandbox) -> None:
    result = sandbox.run(["echo", "$HOME", "a  b", "*"])
    assert result.stdout == "$HOME a  b *\n"
    assert result.command == ("echo", "$HOME", "a  b", "*")
    assert result.command_line == "echo '$HOME' 'a  b' '*'"


def test_stdout_and_stderr_are_kept_apart(sandbox: Sandbox) -> None:
    result = sandbox.run("echo out1; echo err1 >&2; echo out2; echo err2 >&2")
    assert result.stdout == "out1\nout2\n"
    assert result.stderr == "err1\nerr2\n"


def test_large_output_on_both_streams(sandbox: Sandbox) -> None:
    result = sandbox.run("head -c 3000000 /dev/urandom | base64 -w0; "
                         "head -c 2000000 /dev/zero | tr '\\0' e >&2")
    assert len(result.stdout_bytes) == 4000000
    assert result.stderr_bytes == b"e" * 2000000
    assert not (result.stdout_truncated or result.stderr_truncated)


@pytest.mark.parametrize("code", [0, 1, 2, 42, 255])
def test_exit_codes(sandbox: Sandbox, code: int) -> None:
    result = sandbox.run(f"exit {code}")
    assert result.exit_code == code
    assert result.ok is (code == 0)
    assert not result.timed_out


def test_killed_by_a_signal_is_128_plus_signal(sandbox: Sandbox) -> None:
    assert sandbox.run("kill -TERM $$").exit_code == 143


def test_unknown_command(sandbox: Sandbox) -> None:
    shell = sandbox.run("no-such-command-xyz")
    assert shell.exit_code == 127
    assert "no-such-command-xyz" in shell.stderr
    argv = sandbox.run(["no-such-command-xyz", "--flag"])
    assert argv.exit_code != 0
    # docker reports an exec that cannot start on the stream, not on stderr
    assert "no-such-command-xyz" in argv.stdout + argv.stderr


def test_empty_argv_is_refused(sandbox: Sandbox) -> None:
    with pytest.raises(ValueError, match="empty command"):
        sandbox.run([])


# --- stdin -------------------------------------------------------------------------------
def test_stdin_text_is_utf8(sandbox: Sandbox) -> None:
    result = sandbox.run("cat; echo; wc -c < /dev/null", stdin="héllo wörld")
    assert result.stdout.startswith("héllo wörld\n")
    assert sandbox.run("wc -c", stdin="é").stdout.strip() == "2"


def test_stdin_bytes_are_passed_untouched(sandbox: Sandbox) -> None:
    data = bytes(range(256)) * 4
    result = sandbox.run("od -An -tx1 -v | tr -d ' \\n'", stdin=data)
    assert result.stdout == data.hex()


def test_large_stdin_round_trips(sandbox: Sandbox) -> None:
    data = hashlib.sha256(b"seed").digest() * (5 * MB // 32)
    counted = sandbox.run("sha256sum", stdin=data, timeout=30)
    assert counted.stdout.split()[0] == hashlib.sha256(data).hexdigest()
    # cat writes while it still reads: stdin and stdout must flow at the same time
    echoed = sandbox.run("cat", stdin=data, timeout=30)
    assert not echoed.timed_out
    assert echoed.stdout_bytes == data


@pytest.mark.parametrize("size", [1 * MB, 5 * MB])
@pytest.mark.parametrize("cmd", ["echo ignored", "exec sleep 0.5", "sleep 0.3; echo late"])
def test_command_that_never_reads_stdin_does_not_hang(sandbox: Sandbox, cmd: str,
                                                      size: int) -> None:
    started = time.monotonic()
    result = sandbox.run(cmd, stdin=b"x" * size, timeout=20)
    assert time.monotonic() - started < 3
    assert not result.timed_out
    assert result.exit_code == 0


def test_no_stdin_means_end_of_input(sandbox: Sandbox) -> None:
    result = sandbox.run("cat; echo done", timeout=10)
    assert not result.timed_out
    assert result.stdout == "done\n"


# --- environment and working directory ---------------------------------------------------
def test_env_from_the_run_and_from_the_config(sandbox: Sandbox) -> None:
    result = sandbox.run('printf "%s|%s" "$FOO" "$FROM_CONFIG"', env={"FOO": "a b 'c'"})
    assert result.stdout == "a b 'c'|config value"
    # a run's env wins over the sandbox's
    overridden = sandbox.run('printf %s "$FROM_CONFIG"', env={"FROM_CONFIG": "run value"})
    assert overridden.stdout == "run value"
    # and does not stick
    assert sandbox.run('printf %s "$FOO"').stdout == ""


def test_cwd_relative_absolute_and_default(sandbox: Sandbox) -> None:
    assert sandbox.run("pwd").stdout == "/work\n"
    sandbox.run("mkdir -p /work/sub/dir").assert_exit(0)
    assert sandbox.run("pwd", cwd="sub/dir").stdout == "/work/sub/dir\n"
    assert sandbox.run("pwd", cwd="/tmp").stdout == "/tmp\n"
    # A missing cwd is the test's mistake, not the command's failure: it raises, so a
    # test expecting failure cannot pass by accident.
    with pytest.raises(TestronautError, match="in '/no/such/dir': no such directory"):
        sandbox.run("pwd", cwd="/no/such/dir")


def test_unknown_user_raises(manager: SandboxManager) -> None:
    sandbox = manager.sandbox(SandboxConfig(user="no-such-user"), "unknown-user")
    try:
        with pytest.raises(TestronautError, match="as user 'no-such-user': the image has no"):
            sandbox.run("id")
    finally:
        manager.release("unknown-user")


def test_start_failures_are_told_apart_on_a_busy_engine(sandbox: Sandbox,
                                                        manager: SandboxManager) -> None:
    """A busy engine sometimes loses its "cannot start" message: the verdicts stay the
    same when eight runs start at once, again and again."""
    from concurrent.futures import ThreadPoolExecutor

    def attempt(kind: str) -> str:
        try:
            if kind == "user":
                stranger.run("id")
            elif kind == "missing":
                return f"exit {sandbox.run(['no-such-program']).exit_code}"
            else:
                return f"exit {sandbox.run('exit 126').exit_code}"
        except TestronautError as exc:
            return "raised" if "the image has no such user" in str(exc) else str(exc)
        return "ran"

    stranger = manager.sandbox(SandboxConfig(user="no-such-user"), "busy-stranger")
    kinds = ["user", "missing", "silent"] * 16
    try:
        with ThreadPoolExecutor(8) as pool:
            seen = list(pool.map(attempt, kinds))
    finally:
        manager.release("busy-stranger")
    assert set(zip(kinds, seen, strict=True)) == {
        ("user", "raised"), ("missing", "exit 127"), ("silent", "exit 126")}


def test_a_program_that_cannot_start_is_like_a_shell_says(sandbox: Sandbox) -> None:
    missing = sandbox.run(["no-such-program", "--help"])
    assert (missing.exit_code, missing.stdout) == (127, "")
    assert "no-such-program" in missing.stderr and "not found" in missing.stderr
    denied = sandbox.run(["/etc/passwd"])
    assert denied.exit_code == 126 and "permission denied" in denied.stderr
    assert sandbox.run("exit 126").exit_code == 126  # a real 126 stays one


# --- bytes and limits -----------------------------------------------------------------------
def test_non_utf8_output_keeps_raw_bytes(sandbox: Sandbox) -> None:
    result = sandbox.run("printf 'ok\\377\\376\\n'; printf '\\351t\\351' >&2")
    assert result.stdout_bytes == b"ok\xff\xfe\n"
    assert result.stdout == "ok\ufffd\ufffd\n"
    assert result.stderr_bytes == b"\xe9t\xe9"
    assert result.stderr == "\ufffdt\ufffd"


def test_50mb_of_output_is_capped(sandbox: Sandbox) -> None:
    limit = sandbox.config.output_limit
    started = time.monotonic()
    result = sandbox.run("head -c 50000000 /dev/zero | tr '\\0' a", timeout=60)
    assert time.monotonic() - started < 20
    assert result.exit_code == 0 and not result.timed_out
    assert result.stdout_truncated and not result.stderr_truncated
    assert result.stdout_bytes == b"a" * limit
    assert result.stdout.endswith(f"[testronaut: output cut at {limit} bytes]")
    assert result.stdout.startswith("aaaa")


def test_small_output_limit_caps_each_stream(manager: SandboxManager) -> None:
    small = manager.sandbox(SandboxConfig(output_limit=1000, timeout=2), "small")
    result = small.run("seq 1 100000; seq 1 100000 >&2")
    assert len(result.stdout_bytes) == len(result.stderr_bytes) == 1000
    assert result.stdout_truncated and result.stderr_truncated
    assert result.stdout_bytes.startswith(b"1\n2\n3\n")
    under = small.run("head -c 1000 /dev/zero")
    assert len(under.stdout_bytes) == 1000 and not under.stdout_truncated


# --- timeouts ---------------------------------------------------------------------------------
def test_timeout_stops_the_command(sandbox: Sandbox, leftovers: Leftovers) -> None:
    started = time.monotonic()
    result = sandbox.run("sleep 1000", timeout=1)
    assert time.monotonic() - started < 3
    assert result.timed_out and not result.ok
    assert result.exit_code == 137
    assert leftovers(sandbox) == []


def test_timeout_stops_background_children(sandbox: Sandbox, leftovers: Leftovers) -> None:
    started = time.monotonic()
    result = sandbox.run("sh -c 'sleep 1000 & sleep 1001 & wait'", timeout=1)
    assert time.monotonic() - started < 3
    assert result.timed_out
    assert leftovers(sandbox) == []


def test_timeout_stops_children_that_left_the_session(sandbox: Sandbox, leftovers: Leftovers) -> None:
    result = sandbox.run("setsid sh -c 'sleep 1002' & sleep 1000", timeout=1)
    assert result.timed_out
    assert leftovers(sandbox) == []


def test_timeout_while_flooding_output(sandbox: Sandbox, leftovers: Leftovers) -> None:
    started = time.monotonic()
    result = sandbox.run("yes", timeout=1)
    assert time.monotonic() - started < 4
    assert result.timed_out and result.stdout_truncated
    assert leftovers(sandbox) == []


def test_output_before_the_timeout_is_kept(sandbox: Sandbox) -> None:
    result = sandbox.run("echo before; echo oops >&2; sleep 1000", timeout=1)
    assert result.timed_out
    assert (result.stdout, result.stderr) == ("before\n", "oops\n")


def test_default_timeout_comes_from_the_config(manager: SandboxManager) -> None:
    small = manager.sandbox(SandboxConfig(output_limit=1000, timeout=2), "small")
    started = time.monotonic()
    result = small.run("sleep 100")
    assert result.timed_out
    assert 1.9 < time.monotonic() - started < 5


def test_the_sandbox_is_usable_after_a_timeout(sandbox: Sandbox) -> None:
    sandbox.run("sleep 50", timeout=0.5)
    assert sandbox.run("echo alive").stdout == "alive\n"


# --- files ----------------------------------------------------------------------------------
def test_put_and_get_file(sandbox: Sandbox) -> None:
    sandbox.put_file("files/nested/hello.txt", "héllo\n")
    assert sandbox.get_file("files/nested/hello.txt") == "héllo\n".encode()
    assert sandbox.get_file("/work/files/nested/hello.txt") == "héllo\n".encode()
    assert sandbox.run("cat files/nested/hello.txt").stdout == "héllo\n"
    binary = bytes(range(256)) * 8192  # 2 MiB with every byte value
    sandbox.put_file("/tmp/blob.bin", binary)
    assert sandbox.get_file("/tmp/blob.bin") == binary
    sandbox.put_file("files/hello.txt", "replaced")
    sandbox.put_file("files/hello.txt", "again")
    assert sandbox.get_file("files/hello.txt") == b"again"


def test_put_file_mode(sandbox: Sandbox) -> None:
    sandbox.put_file("bin/tool.sh", "#!/bin/sh\necho tool says $1\n", mode=0o755)
    assert sandbox.run("./bin/tool.sh hi").stdout == "tool says hi\n"
    assert sandbox.run("stat -c %a bin/tool.sh").stdout.strip() == "755"
    sandbox.put_file("secret.txt", "s", mode=0o600)
    assert sandbox.run("stat -c %a secret.txt").stdout.strip() == "600"


def test_get_missing_file_names_it(sandbox: Sandbox) -> None:
    with pytest.raises(TestronautError, match="/work/no-such-file"):
        sandbox.get_file("no-such-file")


def test_put_path_file_and_directory(sandbox: Sandbox, tmp_path: Path) -> None:
    single = tmp_path / "single.txt"
    single.write_text("one file\n")
    sandbox.put_path(single, "copied")
    assert sandbox.get_file("copied/single.txt") == b"one file\n"

    tree = tmp_path / "project"
    (tree / "sub" / "deeper").mkdir(parents=True)
    (tree / "top.txt").write_text("top")
    (tree / "sub" / "deeper" / "leaf.bin").write_bytes(b"\x00\xff" * 1000)
    (tree / "run.sh").write_text("#!/bin/sh\necho ran\n")
    (tree / "run.sh").chmod(0o755)
    sandbox.put_path(tree, "/tmp/dest")
    listing = sandbox.run("cd /tmp/dest && find . -type f | sort").stdout.split()
    assert listing == ["./project/run.sh", "./project/sub/deeper/leaf.bin", "./project/top.txt"]
    assert sandbox.get_file("/tmp/dest/project/sub/deeper/leaf.bin") == b"\x00\xff" * 1000
    assert sandbox.run("/tmp/dest/project/run.sh").stdout == "ran\n"


def test_put_path_missing_source(sandbox: Sandbox, tmp_path: Path) -> None:
    with pytest.raises(TestronautError, match="does not exist"):
        sandbox.put_path(tmp_path / "nope", "x")


# --- file changes ------------------------------------------------------------------------------
def test_run_track_files(sandbox: Sandbox) -> None:
    for name in ("keep.txt", "change.txt", "delete.txt"):
        sandbox.put_file(f"track/{name}", name)
    result = sandbox.run("cd track && echo new > added.txt && echo more >> change.txt && "
                         "rm delete.txt && mkdir newdir && : > 'newdir/with space.txt' && "
                         "echo t > /tmp/track-tmp.txt", track_files=True)
    changes = result.files_changed
    assert changes is not None and changes
    assert {"/work/track/added.txt", "/work/track/newdir", "/work/track/newdir/with space.txt",
            "/tmp/track-tmp.txt"} <= set(changes.added)
    assert "/work/track/change.txt" in changes.changed
    assert "/work/track/delete.txt" in changes.deleted
    everything = set(changes.added) | set(changes.changed) | set(changes.deleted)
    assert "/work/track/keep.txt" not in everything
    # changed_files() without a snapshot starts where the tracked run started
    sandbox.run("rm track/keep.txt")
    later = sandbox.changed_files()
    assert "/work/track/keep.txt" in later.deleted
    assert "/work/track/added.txt" in later.added


def test_untracked_run_has_no_file_changes(sandbox: Sandbox) -> None:
    assert sandbox.run("touch untracked").files_changed is None


def test_snapshot_and_changed_files_exact(sandbox: Sandbox) -> None:
    sandbox.put_file("/tmp/snap/a.txt", "a")
    sandbox.put_file("/tmp/snap/b.txt", "b")
    before = sandbox.snapshot(["/tmp/snap"])
    assert set(before.entries) == {"/tmp/snap/a.txt", "/tmp/snap/b.txt"}
    sandbox.run("cd /tmp/snap && echo c > c.txt && echo B > b.txt && rm a.txt").assert_exit(0)
    assert sandbox.changed_files(before) == FileChanges(
        added=("/tmp/snap/c.txt",), changed=("/tmp/snap/b.txt",), deleted=("/tmp/snap/a.txt",))
    # same content written again is no change
    sandbox.run("echo c > /tmp/snap/c.txt").assert_exit(0)
    after = sandbox.snapshot(["/tmp/snap"])
    assert not sandbox.changed_files(after)


def test_changed_files_needs_a_starting_point(manager: SandboxManager) -> None:
    fresh = manager.sandbox(SandboxConfig(timeout=5), "fresh")
    with pytest.raises(TestronautError, match="starting point"):
        fresh.changed_files()


# --- assertion helpers ------------------------------------------------------------------------
def _failure(call: object) -> str:
    assert callable(call)
    with pytest.raises(AssertionError) as info:
        call()
    return str(info.value)


def test_assert_exit(sandbox: Sandbox) -> None:
    ok = sandbox.run("echo fine")
    assert ok.assert_exit() is ok
    assert ok.assert_exit(0) is ok and ok.assert_exit("success") is ok
    bad = sandbox.run("echo partial; echo 'bad thing' >&2; exit 3")
    assert bad.assert_exit(3) is bad and bad.assert_exit("failure") is bad
    message = _failure(lambda: bad.assert_exit(0))
    assert "exited 3, expected 0" in message
    assert "partial" in message and "bad thing" in message
    assert "exit 3" in message  # the command is named
    assert "expected success" in _failure(lambda: bad.assert_exit("success"))
    assert "exited 0, expected failure" in _failure(lambda: ok.assert_exit("failure"))
    assert "expected 2" in _failure(lambda: bad.assert_exit(2))


def test_assert_exit_on_a_timeout(sandbox: Sandbox) -> None:
    slow = sandbox.run("echo started; sleep 100", timeout=0.5)
    message = _failure(lambda: slow.assert_exit("failure"))
    assert "timed out" in message and "started" in message


def test_assert_contains_and_not_contains(sandbox: Sandbox) -> None:
    result = sandbox.run("echo alpha beta; echo gamma >&2")
    assert result.assert_contains("alpha", "beta") is result
    result.assert_contains("gamma", stream="stderr")
    result.assert_contains("alpha", "gamma", stream="output")
    result.assert_not_contains("gamma")
    message = _failure(lambda: result.assert_contains("alpha", "delta", "omega"))
    assert "lacks ['delta', 'omega']" in message and "alpha beta" in message
    assert "stderr of `echo alpha beta" in _failure(
        lambda: result.assert_contains("alpha", stream="stderr"))
    assert "contains ['beta']" in _failure(lambda: result.assert_not_contains("beta"))
    with pytest.raises(ValueError, match="stream must be"):
        result.assert_contains("x", stream="both")


def test_assert_matches(sandbox: Sandbox) -> None:
    result = sandbox.run("echo 'version 1.24.3'; echo 'warn: x' >&2")
    match = result.assert_matches(r"version (\d+)\.(\d+)\.(\d+)")
    assert match.groups() == ("1", "24", "3")
    assert result.assert_matches(r"^warn:", stream="stderr").group(0) == "warn:"
    assert isinstance(result.assert_matches(r"^version", stream="output"), re.Match)
    message = _failure(lambda: result.assert_matches(r"release \d+"))
    assert r"does not match /release \d+/" in message and "version 1.24.3" in message


def test_assert_json(sandbox: Sandbox) -> None:
    doc = {"name": "tool", "items": [1, 2], "nested": {"ok": True}}
    result = sandbox.run(["printf", "%s", json.dumps(doc)])
    assert result.json() == doc
    assert result.assert_json(doc) == doc
    assert result.assert_json(name="tool", items=[1, 2]) == doc
    differs = _failure(lambda: result.assert_json({"name": "other"}))
    assert "differs" in differs and "'other'" in differs
    key = _failure(lambda: result.assert_json(name="other"))
    assert "name='tool', expected 'other'" in key
    not_json = sandbox.run("echo this is not json")
    message = _failure(lambda: not_json.assert_json())
    assert "is not JSON" in message and "this is not json" in message
    listing = sandbox.run("echo '[1, 2]'")
    assert "expected 'v'" in _failure(lambda: listing.assert_json(k="v"))


def test_long_output_is_excerpted_in_failures(sandbox: Sandbox) -> None:
    result = sandbox.run("seq 1 100000")
    message = _failure(lambda: result.assert_contains("absent"))
    assert len(message) < 5000
    assert "characters ..." in message and "100000" in message


def test_run_result_is_a_plain_value() -> None:
    # no engine needed: RunResult is data
    result = RunResult(command=("a", "b c"), exit_code=0, stdout_bytes=b"x",
                       stderr_bytes=b"", duration=0.1)
    assert result.command_line == "a 'b c'" and result.ok and result.stdout == "x"


def test_config_env_accepts_a_mapping() -> None:
    # The documented form is a dict; it is stored as sorted pairs so the config hashes.
    as_dict = SandboxConfig(env={"B": "2", "A": "1"})  # type: ignore[arg-type]
    assert as_dict == SandboxConfig(env=(("A", "1"), ("B", "2")))
    assert as_dict.env_dict == {"A": "1", "B": "2"}
    assert hash(as_dict) == hash(SandboxConfig(env=(("A", "1"), ("B", "2"))))


def test_assert_exit_rejects_a_word_it_does_not_know(sandbox: Sandbox) -> None:
    with pytest.raises(ValueError, match="'success' or 'failure', not 'ok'"):
        sandbox.run("true").assert_exit("ok")
