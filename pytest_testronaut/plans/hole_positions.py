"""Where a bad hole of an ``equals`` text is in its plan file.

The hole parser (:mod:`pytest_testronaut.verify.holes`) counts lines and columns in
the text YAML made of the value; a person needs the file's. Every style of scalar
keeps the characters of a hole name as they are written (``[`` and ``]`` are never
escaped or folded), so the bad hole is found in the value's source by counting: the
k-th occurrence of ``[hex:abc]`` in the value is the k-th in the source, whenever
both hold it equally often. When they do not (an escape made one of them), the
answer is ``None`` and the message keeps the text's own line and column.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..verify.holes import HoleSyntaxError

__all__ = ["ScalarSpan", "hole_position"]


@dataclass(frozen=True)
class ScalarSpan:
    """Where a scalar's source is in the file: 0-based lines and columns, the end
    exclusive (yaml's marks)."""

    start_line: int
    start_column: int
    end_line: int
    end_column: int


def _occurrences(text: str, snippet: str, stop: int | None = None) -> list[int]:
    found: list[int] = []
    at = text.find(snippet)
    while at >= 0 and (stop is None or at <= stop):
        found.append(at)
        at = text.find(snippet, at + len(snippet))
    return found


def hole_position(file_lines: list[str], span: ScalarSpan, value: str,
                  error: HoleSyntaxError) -> tuple[int, int] | None:
    """The 1-based (line, column) in the file of the hole ``error`` names in ``value``
    (a scalar written at ``span`` of the file split in ``file_lines``), or ``None``
    when the source does not show it as written."""
    value_lines = value.split("\n")
    if not 1 <= error.line <= len(value_lines):
        return None
    line_text = value_lines[error.line - 1]
    start = error.column - 1
    close = line_text.find("]", start)
    if start < 0 or close < 0 or line_text[start] != "[":
        return None
    snippet = line_text[start:close + 1]
    offset = sum(len(line) + 1 for line in value_lines[:error.line - 1]) + start
    rank = len(_occurrences(value, snippet, stop=offset)) - 1
    if rank < 0:
        return None
    # the source of the scalar, as the file writes it (a block scalar at the end of
    # the file ends on the line after the last)
    if span.start_line >= len(file_lines):
        return None
    chosen = file_lines[span.start_line:span.end_line + 1]
    if span.end_line < len(file_lines):
        chosen[-1] = chosen[-1][:span.end_column]
    chosen[0] = chosen[0][span.start_column:]
    source = "\n".join(chosen)
    written = _occurrences(source, snippet)
    if len(written) != len(_occurrences(value, snippet)):
        return None
    at = written[rank]
    before = source[:at]
    line = span.start_line + before.count("\n")
    column = at - (before.rfind("\n") + 1)
    if line == span.start_line:
        column += span.start_column
    return line + 1, column + 1
