"""What one command run in a sandbox returns: a plain value, no Docker inside."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol


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

    def _text(self, data: bytes, truncated: bool) -> str:
        text = data.decode("utf-8", errors="replace")
        if truncated:
            text += self.TRUNCATION_NOTE.format(limit=len(data))
        return text

    def json(self) -> Any:
        """Parse stdout as JSON, failing the test with the text when it is not JSON."""
        __tracebackhide__ = True
        try:
            return json.loads(self.stdout_bytes)
        except ValueError as exc:
            raise AssertionError(
                f"stdout of `{self.command_line}` is not JSON ({exc}):\n{_excerpt(self.stdout)}"
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
        durations, temp paths, ...) is discounted; returns the Verdict. ``unordered``:
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
                "have one; elsewhere use pytest_testronaut.verify.compare_outputs")
        return self.checker

    # --- deterministic assertion helpers ---------------------------------------
    def assert_exit(self, expected: int | str = 0) -> RunResult:
        """Assert the exit code: a number, ``"success"`` (0) or ``"failure"`` (non-zero)."""
        __tracebackhide__ = True
        if not isinstance(expected, int) and expected not in ("success", "failure"):
            raise ValueError(f"assert_exit takes an exit code, 'success' or 'failure', "
                             f"not {expected!r}")
        if self.timed_out:
            raise AssertionError(f"`{self.command_line}` timed out after {self.duration:.1f}s"
                                 + self._evidence())
        good = (
            self.exit_code == 0 if expected == "success"
            else self.exit_code != 0 if expected == "failure"
            else self.exit_code == expected
        )
        if not good:
            raise AssertionError(
                f"`{self.command_line}` exited {self.exit_code}, expected {expected}"
                + self._evidence()
            )
        return self

    def assert_contains(self, *needles: str, stream: str = "stdout") -> RunResult:
        """Assert each text occurs in ``stream`` (``stdout``, ``stderr`` or ``output``)."""
        __tracebackhide__ = True
        text = self._stream(stream)
        missing = [n for n in needles if n not in text]
        if missing:
            raise AssertionError(
                f"{stream} of `{self.command_line}` lacks {missing!r}:\n{_excerpt(text)}"
            )
        return self

    def assert_not_contains(self, *needles: str, stream: str = "stdout") -> RunResult:
        __tracebackhide__ = True
        text = self._stream(stream)
        found = [n for n in needles if n in text]
        if found:
            raise AssertionError(
                f"{stream} of `{self.command_line}` contains {found!r}:\n{_excerpt(text)}"
            )
        return self

    def assert_matches(self, pattern: str, stream: str = "stdout") -> re.Match[str]:
        """Assert a regular expression matches somewhere in ``stream``; return the match."""
        __tracebackhide__ = True
        text = self._stream(stream)
        match = re.search(pattern, text, re.MULTILINE)
        if match is None:
            raise AssertionError(
                f"{stream} of `{self.command_line}` does not match /{pattern}/:\n{_excerpt(text)}"
            )
        return match

    def assert_json(self, expected: Any = None, **subset: Any) -> Any:
        """Assert stdout is JSON; equal to ``expected`` if given; containing ``subset`` keys."""
        __tracebackhide__ = True
        data = self.json()
        if expected is not None and data != expected:
            raise AssertionError(f"JSON from `{self.command_line}` differs:\n"
                                 f"expected {expected!r}\nactual   {data!r}")
        for key, value in subset.items():
            if not isinstance(data, dict) or data.get(key) != value:
                got = data.get(key) if isinstance(data, dict) else data
                raise AssertionError(f"JSON from `{self.command_line}`: {key}={got!r}, "
                                     f"expected {value!r}")
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

    def _evidence(self) -> str:
        return (f"\n--- stdout ---\n{_excerpt(self.stdout)}\n--- stderr ---\n{_excerpt(self.stderr)}")


def _excerpt(text: str, limit: int = 2000) -> str:
    if len(text) <= limit:
        return text
    return text[: limit // 2] + f"\n[... {len(text) - limit} characters ...]\n" + text[-limit // 2 :]
