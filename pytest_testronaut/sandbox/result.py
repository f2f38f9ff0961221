"""What one command run in a sandbox returns: a plain value, no Docker inside."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from ..verify import (
    Verdict,
    check_contains,
    check_exit,
    check_json_equal,
    check_json_subset,
    check_not_contains,
    check_regex,
    escape_nonprintable,
    excerpt,
    parse_json,
    regex_search,
    validate_exit,
)


class Checker(Protocol):
    """Judges results beyond deterministic checks; bound by the plugin's fixtures."""

    def should(self, result: RunResult, expectation: str, *, stream: str = ...) -> Any: ...

    def assert_equivalent(self, result: RunResult, recorded: str, *, stream: str = ...,
                          unordered: bool = ..., fmt: str = ..., semantic: bool = ...,
                          rules: Sequence[Any] = ...) -> Any: ...


@dataclass(frozen=True)
class FileChanges:
    """Paths added, changed and deleted between two snapshots of a sandbox's files."""

    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    deleted: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.deleted)

    def as_dict(self) -> dict[str, list[str]]:
        return {"added": list(self.added), "changed": list(self.changed), "deleted": list(self.deleted)}


@dataclass(frozen=True)
class RunResult:
    """The outcome of :meth:`Sandbox.run`.

    ``stdout_bytes``/``stderr_bytes`` hold the raw bytes (capped at the sandbox's
    output limit; ``stdout_truncated`` says when they were cut); ``stdout`` and
    ``stderr`` decode them as UTF-8, replacing undecodable bytes, and end with a
    visible note when cut. ``exit_code`` is the process's status; a command stopped by
    its timeout has ``timed_out`` set and exit code 137 (killed).

    ``cpu_time`` (user + system seconds) and ``peak_memory`` (bytes, the largest
    resident set of any process of the step) are measured inside the container over
    the step's whole process tree; ``None`` when they could not be measured (an image
    without python3, or a step stopped by its timeout). ``limit_reached`` names the
    sandbox limit that stopped the step (``"disk limit 1g reached: ..."``, ``"memory
    limit 512m reached: ..."``); the same sentence ends its stderr.
    """

    command: str | tuple[str, ...]
    exit_code: int
    stdout_bytes: bytes
    stderr_bytes: bytes
    duration: float
    timed_out: bool = False
    stdout_truncated: bool = False
    stderr_truncated: bool = False
    files_changed: FileChanges | None = None
    stdin: bytes | None = field(default=None, repr=False)
    checker: Checker | None = field(default=None, repr=False, compare=False)
    cpu_time: float | None = None
    peak_memory: int | None = None
    limit_reached: str | None = None

    TRUNCATION_NOTE = "\n[testronaut: output cut at {limit} bytes]"

    @property
    def stdout(self) -> str:
        return self._text(self.stdout_bytes, self.stdout_truncated)

    @property
    def stderr(self) -> str:
        return self._text(self.stderr_bytes, self.stderr_truncated)

    @property
    def ok(self) -> bool:
        return self.exit_code == 0 and not self.timed_out

    @property
    def command_line(self) -> str:
        """The command as a user would type it."""
        if isinstance(self.command, str):
            return self.command
        import shlex

        return shlex.join(self.command)

    @property
    def _shown_command(self) -> str:
        """The command line as a message shows it: non-printable characters escaped."""
        return escape_nonprintable(self.command_line)

    def _text(self, data: bytes, truncated: bool) -> str:
        text = data.decode("utf-8", errors="replace")
        if truncated:
            text += self.TRUNCATION_NOTE.format(limit=len(data))
        return text

    def json(self) -> Any:
        """Parse stdout as JSON, failing the test with the text when it is not JSON."""
        __tracebackhide__ = True
        try:
            return parse_json(self.stdout_bytes)
        except ValueError as exc:
            raise AssertionError(
                f"stdout of `{self._shown_command}` is not JSON ({exc})" + self._evidence()
            ) from None

    # --- judged assertions (need a checker: fixtures bind one) ----------------------
    def should(self, expectation: str, *, stream: str = "stdout") -> Any:
        """Assert the output satisfies a plain-English expectation; returns the Verdict.

        Judged by the session's agent (the embedded offline agent unless a model is
        configured); an undecidable expectation is inconclusive, which fails by default.
        """
        __tracebackhide__ = True
        return self._checker().should(self, expectation, stream=stream)

    def assert_equivalent(self, recorded: str, *, stream: str = "stdout", unordered: bool = False,
                          fmt: str = "auto", semantic: bool = False,
                          rules: Sequence[Any] = ()) -> Any:
        """Assert the output equals ``recorded`` once dynamic content (timestamps, ids,
        durations, temp paths, ...) is discounted; returns the Verdict. Holes in
        ``recorded`` take any value of their kind, as in a plan's ``equals``:
        ``"created [tmp-path] with [int] bytes\\n"`` (``[int]``, ``[hex]``, ``[hex:N]``,
        ``[uuid]``, ``[uuid:V]``, ``[tmp-path]``, ``[timestamp]``, ``[..]``; ``\\[int]``
        is the text ``[int]``); a failure names the hole and the value. ``unordered``:
        line order does not matter; ``fmt``: auto, text, json, yaml or table;
        ``semantic``: let the judge decide what the deterministic tiers cannot;
        ``rules``: extra ``verify.Rule`` placeholders."""
        __tracebackhide__ = True
        return self._checker().assert_equivalent(
            self, recorded, stream=stream, unordered=unordered, fmt=fmt, semantic=semantic,
            rules=rules)

    def _checker(self) -> Checker:
        if self.checker is None:
            from ..errors import TestronautError

            raise TestronautError(
                "this result has no checker: results from the testronaut_env fixture "
                "have one; elsewhere use pytest_testronaut.verify.holes.compare_recorded "
                "(recorded text with holes) or pytest_testronaut.verify.compare_outputs")
        return self.checker

    # --- deterministic assertion helpers ---------------------------------------
    # The checks themselves live in verify.checks, shared with plan cases, so an
    # expectation means the same in a test and in a plan.
    def assert_exit(self, expected: int | str = 0) -> RunResult:
        """Assert the exit code: a number, ``"success"`` (0) or ``"failure"`` (non-zero).

        A bool or any other word is a ``ValueError``: ``assert_exit(True)`` would
        otherwise quietly mean exit code 1.
        """
        __tracebackhide__ = True
        try:
            validate_exit(expected)
        except ValueError:
            raise ValueError(f"assert_exit takes an exit code, 'success' or 'failure', "
                             f"not {expected!r}") from None
        if self.timed_out:
            raise AssertionError(f"`{self._shown_command}` timed out after {self.duration:.1f}s"
                                 + self._evidence())
        verdict = check_exit(expected, self.exit_code)
        if not verdict.passed:
            reached = f" ({self.limit_reached})" if self.limit_reached else ""
            raise AssertionError(f"`{self._shown_command}` {verdict.explanation}{reached}"
                                 + self._evidence())
        return self

    def assert_contains(self, *needles: str, stream: str = "stdout") -> RunResult:
        """Assert each text occurs in ``stream`` (``stdout``, ``stderr`` or ``output``)."""
        __tracebackhide__ = True
        verdict = check_contains(self._stream(stream), needles)
        if not verdict.passed:
            raise AssertionError(self._stream_failure(stream, verdict))
        return self

    def assert_not_contains(self, *needles: str, stream: str = "stdout") -> RunResult:
        """Assert no text occurs in ``stream`` (``stdout``, ``stderr`` or ``output``)."""
        __tracebackhide__ = True
        verdict = check_not_contains(self._stream(stream), needles)
        if not verdict.passed:
            raise AssertionError(self._stream_failure(stream, verdict))
        return self

    def assert_matches(self, pattern: str, stream: str = "stdout") -> re.Match[str]:
        """Assert a regular expression matches somewhere in ``stream``; return the match.

        ``^`` and ``$`` match at every line (``re.MULTILINE``), as in plans.
        """
        __tracebackhide__ = True
        text = self._stream(stream)
        match = regex_search(pattern, text)
        if match is None:
            raise AssertionError(self._stream_failure(stream, check_regex(text, pattern)))
        return match

    def assert_json(self, expected: Any = None, **subset: Any) -> Any:
        """Assert stdout is JSON; equal to ``expected`` if given; containing ``subset``.

        The subset is recursive, as a plan's ``json`` (``json_match: subset``): nested
        objects need only the keys given, and each item of a given list must match
        some item of the actual list, in any order. ``true`` is never ``1``. Returns
        the parsed JSON.
        """
        __tracebackhide__ = True
        data = self.json()
        checks: list[tuple[str, Verdict]] = []
        if expected is not None:
            checks.append(("differs", check_json_equal(expected, data)))
        if subset:
            checks.append(("does not contain the expected subset",
                           check_json_subset(subset, data)))
        for what, verdict in checks:
            if not verdict.passed:
                raise AssertionError(f"JSON from `{self._shown_command}` {what}: "
                                     f"{verdict.explanation}\n{verdict.diff or ''}".rstrip()
                                     + self.stderr_evidence())
        return data

    def text(self, stream: str = "stdout") -> str:
        """The text of ``stream``: ``stdout``, ``stderr`` or ``output`` (both)."""
        return self._stream(stream)

    def _stream(self, stream: str) -> str:
        if stream == "stdout":
            return self.stdout
        if stream == "stderr":
            return self.stderr
        if stream == "output":
            return self.stdout + self.stderr
        raise ValueError(f"stream must be 'stdout', 'stderr' or 'output', not {stream!r}")

    def _evidence(self, first: str = "stdout") -> str:
        """Both streams as excerpts (non-printables escaped), ``first`` first, after
        the exit code when it is not 0. An empty stderr is left out while the exit
        code is 0, since it then says nothing."""
        order = ("stderr", "stdout") if first == "stderr" else ("stdout", "stderr")
        parts: list[str] = [] if self.exit_code == 0 else [f"\n(exit code {self.exit_code})"]
        for name in order:
            text = getattr(self, name)
            if name == "stderr" and not text and first != "stderr" and self.exit_code == 0:
                continue
            parts.append(f"\n--- {name} ---\n{excerpt(text) if text else '(empty)'}")
        return "".join(parts)

    def evidence(self, checked: str = "stdout") -> str:
        """What a failed check of the ``checked`` stream shows besides its verdict: the
        exit code when it is not 0, then the streams (see :meth:`_evidence`)."""
        return self._evidence("stderr" if checked == "stderr" else "stdout")

    def stderr_evidence(self, checked: str = "stdout") -> str:
        """The exit code and the stderr excerpt, for a failed check of ``checked``
        that shows that stream already (a diff): when the exit code is not 0 or
        stderr is not empty, and stderr is not what was checked."""
        if checked in ("stderr", "output") or (self.exit_code == 0 and not self.stderr):
            return ""
        code = "" if self.exit_code == 0 else f"\n(exit code {self.exit_code})"
        return f"{code}\n--- stderr ---\n{excerpt(self.stderr) if self.stderr else '(empty)'}"

    def _stream_failure(self, stream: str, verdict: Verdict) -> str:
        return (f"{stream} of `{self._shown_command}` {verdict.explanation}"
                + self._evidence("stderr" if stream == "stderr" else "stdout"))
