"""Input files of the console script, read with a size limit.

Every file a subcommand reads whole (``compare``'s outputs, ``analyze --help-file``)
goes through :func:`read_input`: it reads at most the limit and stops there, so
``/dev/zero``, a runaway log or a pipe that never ends is refused with a message
naming the limit, instead of growing until the kernel kills the process. The limit is
``--max-input-mb`` (default :data:`DEFAULT_MAX_INPUT_MB`, or ``$TESTRONAUT_MAX_INPUT_MB``).
"""

from __future__ import annotations

import argparse
import math
import os
import sys
from pathlib import Path
from typing import BinaryIO, TextIO

from ..errors import TestronautError

DEFAULT_MAX_INPUT_MB = 64.0
ENV_MAX_INPUT_MB = "TESTRONAUT_MAX_INPUT_MB"
_CHUNK = 1 << 20
# Share of bytes that are control characters (other than tab, newline, carriage
# return, form feed, backspace and escape) above which a help text is taken for binary.
_BINARY_CONTROL_SHARE = 0.05
_CONTROLS = bytes(b for b in range(32) if b not in b"\t\n\r\f\b\x1b")


def megabytes(text: str) -> float:
    """``--max-input-mb``'s value: a finite number greater than 0 (MB, 10**6 bytes)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of megabytes, not {text!r}") \
            from None
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(
            f"expected a finite number of megabytes greater than 0, not {text!r}")
    return value


def default_max_input_mb() -> float:
    """$TESTRONAUT_MAX_INPUT_MB when set (a bad value is an error naming it), else 64."""
    raw = os.environ.get(ENV_MAX_INPUT_MB)
    if raw is None or not raw.strip():
        return DEFAULT_MAX_INPUT_MB
    try:
        return megabytes(raw)
    except argparse.ArgumentTypeError as exc:
        raise TestronautError(f"{ENV_MAX_INPUT_MB}={raw!r} is not valid: {exc}") from None


def add_limit_option(parser: argparse.ArgumentParser) -> None:
    """Add ``--max-input-mb`` to a subcommand that reads input files."""
    parser.add_argument(
        "--max-input-mb", type=megabytes, default=None, metavar="MB",
        help=f"refuse an input larger than this many megabytes (default: "
             f"{DEFAULT_MAX_INPUT_MB:g}, or ${ENV_MAX_INPUT_MB})")


def limit_bytes(max_input_mb: float | None) -> int:
    """The limit in bytes for an option value (``None``: the default)."""
    mb = default_max_input_mb() if max_input_mb is None else max_input_mb
    return int(mb * 1_000_000)


def read_input(path: str | Path, what: str, *, limit: int, binary_ok: bool = True,
               with_option: bool = True) -> str:
    """The text of ``path`` (``-``: standard input), at most ``limit`` bytes.

    ``what`` names the input in messages (``"ACTUAL_FILE"``, ``"--help-file"``).
    Raises :class:`TestronautError` for a missing file, a directory, an unreadable
    file, an input over the limit and, unless ``binary_ok``, binary content. Bytes
    that are not UTF-8 become U+FFFD. ``with_option``: the subcommand has
    ``--max-input-mb`` (the message names it).
    """
    how = (f"--max-input-mb MB (or ${ENV_MAX_INPUT_MB})" if with_option
           else f"${ENV_MAX_INPUT_MB}=MB")
    name = str(path)
    if name == "-":
        stream = getattr(sys.stdin, "buffer", None)  # a replaced stdin may be text only
        data = _read_limited(stream if stream is not None else _Utf8(sys.stdin), what,
                             "standard input", limit, how)
    else:
        file = Path(name)
        if file.is_dir():
            raise TestronautError(f"{what} {name!r} is a directory; give a file")
        try:
            with file.open("rb") as handle:
                data = _read_limited(handle, what, repr(name), limit, how)
        except FileNotFoundError:
            raise TestronautError(f"{what} {name!r} does not exist; check the path") from None
        except IsADirectoryError:
            raise TestronautError(f"{what} {name!r} is a directory; give a file") from None
        except OSError as exc:
            raise TestronautError(
                f"cannot read {what} {name!r}: {exc.strerror or exc}") from None
    if not binary_ok and looks_binary(data):
        raise TestronautError(
            f"{what} {name!r} is a binary file, not text; give the saved output of the "
            "command (e.g. `mytool --help > help.txt 2>&1`)")
    return data.decode("utf-8", errors="replace")


class _Utf8:
    """A text stream read as UTF-8 bytes (``read(n)`` gives at most n characters)."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def read(self, size: int) -> bytes:
        return self.stream.read(size).encode("utf-8", errors="surrogateescape")


def _read_limited(handle: BinaryIO | _Utf8, what: str, shown: str, limit: int,
                  how: str) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while True:
        chunk = handle.read(min(_CHUNK, limit + 1 - size))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            raise TestronautError(
                f"{what} {shown} is larger than the input limit of {limit / 1_000_000:g} MB "
                f"and was not read further; raise the limit with {how} if the input is "
                "meant to be this large")


def looks_binary(data: bytes) -> bool:
    """True for content that is not text: a NUL byte, or many control characters."""
    sample = data[:65536]
    if b"\x00" in sample:
        return True
    if not sample:
        return False
    controls = len(sample) - len(sample.translate(None, _CONTROLS))
    return controls / len(sample) > _BINARY_CONTROL_SHARE
