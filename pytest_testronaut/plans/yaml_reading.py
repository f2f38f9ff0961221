"""Reading plan YAML within bounds, into plain data with the line of every value.

YAML is composed into nodes first so every value keeps the line it was written on
(the loader maps pydantic's error locations back to those lines). Every mistake is a
:class:`PlanError` with its line, never a traceback from yaml.

Plans arrive in pull requests, so reading one is bounded: the file's size
(:data:`MAX_PLAN_BYTES`), the nesting depth (:data:`MAX_DEPTH`), and the nodes that
aliases (``*name``) add when expanded (:data:`MAX_ALIAS_NODES`: a "billion laughs" of
a few hundred bytes stops at once instead of eating the memory), recursive aliases and
control characters are refused with the line they are on.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.events import AliasEvent

from .errors import Loc, PlanError, format_loc

# Limits of one plan file. A generated plan with recorded outputs stays far below them.
MAX_PLAN_BYTES = 16 * 2**20
MAX_DEPTH = 64
MAX_ALIAS_NODES = 10_000
MAX_NODES = 1_000_000

# More digits than any sane number (and fewer than Python's int-from-text limit).
_MAX_INT_CHARS = 100

# Where a scalar is written: start line, start column, end line, end column (yaml's
# 0-based marks).
Span = tuple[int, int, int, int]


@dataclass
class PlanYaml:
    """The plain data of a plan's YAML and where each part of it was written."""

    data: Any
    lines: dict[Loc, int] = field(default_factory=dict)  # 1-based line of each value
    text_spans: dict[Loc, Span] = field(default_factory=dict)  # see read_plan_yaml


def read_plan_yaml(text: str, path: Path, *, span_keys: frozenset[str] = frozenset()
                   ) -> PlanYaml:
    """The plain data of plan YAML ``text`` (``path`` is only used in messages), within
    the limits; the scalars under a key of ``span_keys`` keep their spans, so a
    problem inside one can point at its own line and column."""
    size = len(text.encode("utf-8", errors="surrogatepass"))
    if size > MAX_PLAN_BYTES:
        raise PlanError(path, None, None, f"the plan is {size} bytes; plans are at most "
                                          f"{MAX_PLAN_BYTES // 2**20} MiB")
    problem = _reader_problem(text, path)
    if problem is not None:
        raise problem
    builder = _Builder(text, path, span_keys)
    try:
        node = builder.compose()
        if node is None:
            raise PlanError(path, None, None, "the file is empty; a plan needs at least `tool:`")
        data = builder.build(node)
    finally:
        builder.close()
    return PlanYaml(data, builder.lines, builder.text_spans)


def read_plan_text(path: str | Path) -> str:
    """The text of the plan file at ``path``, read within :data:`MAX_PLAN_BYTES`; a file
    that cannot be read, is too big or is not UTF-8 is a :class:`PlanError`."""
    path = Path(path)
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_PLAN_BYTES + 1)
    except OSError as exc:
        raise PlanError(path, None, None, f"cannot read the plan: {exc.strerror or exc}"
                        ) from None
    if len(data) > MAX_PLAN_BYTES:
        raise PlanError(path, None, None, f"the plan is larger than {MAX_PLAN_BYTES // 2**20} "
                                          "MiB, the most a plan file may be")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise PlanError(path, line, None,
                        f"byte 0x{data[exc.start]:02x} is not UTF-8 text; plans are "
                        "UTF-8") from None


class _BoundedComposer(yaml.composer.Composer):
    """yaml's safe composer, composing within :data:`MAX_DEPTH` and the alias budget.

    yaml resolves an alias to the very node it names, so a tree with aliases is small in
    memory but huge once walked; every node's expanded size and height are tracked while
    composing, and an alias whose expansion would pass the budget, or that points into
    the node being composed (a cycle), is refused before anything walks it.
    """

    # From the parser the loader mixes in (yaml's Python one, or libyaml's).
    check_event: Callable[..., bool]
    peek_event: Callable[[], Any]

    def _bound(self, path: Path) -> None:
        self.plan_path = path
        self._depth = 0
        self._alias_nodes = 0
        self._measured: dict[int, tuple[int, int]] = {}  # id(node) -> (size, height)

    def _refuse(self, mark: Any, message: str) -> PlanError:
        return PlanError(self.plan_path, mark.line + 1 if mark is not None else None, None,
                         message)

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(AliasEvent):
            event: Any = self.peek_event()
            target = self.anchors.get(event.anchor)
            if target is not None:
                measured = self._measured.get(id(target))
                if measured is None:
                    raise self._refuse(event.start_mark,
                                       f"alias *{event.anchor} refers to a value that contains "
                                       "it (a recursive alias); plans cannot be cyclic")
                size, height = measured
                self._alias_nodes += size
                if self._alias_nodes > MAX_ALIAS_NODES:
                    raise self._refuse(
                        event.start_mark,
                        f"aliases expand to more than {MAX_ALIAS_NODES} values (at *"
                        f"{event.anchor}); a plan may share values with &anchor/*alias, "
                        "but not multiply them: write the values out")
                if self._depth + height > MAX_DEPTH:
                    raise self._refuse(event.start_mark,
                                       f"alias *{event.anchor} nests values more than "
                                       f"{MAX_DEPTH} levels deep")
            return super().compose_node(parent, index)
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise self._refuse(self.peek_event().start_mark,
                               f"values are nested more than {MAX_DEPTH} levels deep; "
                               "a plan needs far fewer")
        node: Any = super().compose_node(parent, index)
        self._depth -= 1
        size, height = 1, 0
        if isinstance(node, yaml.SequenceNode):
            children: list[Any] = node.value
        elif isinstance(node, yaml.MappingNode):
            children = [part for pair in node.value for part in pair]
        else:
            children = []
        for child in children:
            child_size, child_height = self._measured[id(child)]
            size += child_size
            height = max(height, child_height + 1)
        if size > MAX_NODES:
            raise self._refuse(node.start_mark,
                               f"the plan has more than {MAX_NODES} values; split it")
        self._measured[id(node)] = (size, height)
        return node


class _PyLoader(_BoundedComposer, yaml.SafeLoader):
    """The bounded composer over yaml's pure-Python scanner and parser."""

    def __init__(self, text: str, path: Path):
        yaml.SafeLoader.__init__(self, text)
        self._bound(path)


if yaml.__with_libyaml__:
    class _CLoader(_BoundedComposer, yaml.CSafeLoader):
        """The bounded composer over libyaml's parser (C, some 20x faster than the
        Python one): the events, and so the lines and every limit, are the same."""

        def __init__(self, text: str, path: Path):
            yaml.CSafeLoader.__init__(self, text)
            yaml.composer.Composer.__init__(self)
            self._bound(path)

    _FAST_LOADER: type[Any] | None = _CLoader
else:  # pragma: no cover - PyYAML wheels ship libyaml
    _FAST_LOADER = None


def _plain_within_limits(text: str) -> bool:
    """True when ``text`` has no anchors or aliases and stays within :data:`MAX_DEPTH`
    and :data:`MAX_NODES` (one pass of libyaml's parser): then nothing can expand,
    and composing it needs none of :class:`_BoundedComposer`'s checks."""
    depth = nodes = 0
    try:
        for event in yaml.parse(text, Loader=yaml.CSafeLoader):
            kind = type(event)
            if kind is AliasEvent or getattr(event, "anchor", None) is not None:
                return False
            if kind is yaml.ScalarEvent:
                nodes += 1
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                nodes += 1
                depth += 1
                if depth >= MAX_DEPTH:  # a scalar in it would be one level deeper
                    return False
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                depth -= 1
            if nodes > MAX_NODES:
                return False
    except yaml.YAMLError:
        return False  # the bounded composer says what is wrong, with the line
    return True


def _reader_problem(text: str, path: Path) -> PlanError | None:
    """A character YAML does not allow (control characters, lone surrogates), with its
    line and column, or None."""
    match = yaml.reader.Reader.NON_PRINTABLE.search(text)
    if match is None:
        return None
    before = text[:match.start()]
    line = before.count("\n") + 1
    column = match.start() - (before.rfind("\n") + 1) + 1
    code = ord(match.group())
    return PlanError(
        path, line, None,
        f"control character U+{code:04X} at column {column} is not allowed in YAML; "
        f"remove it, or write it as \\x{code:02x} inside a double-quoted string"
        if code < 0x100 else
        f"character U+{code:04X} at column {column} is not allowed in YAML; remove it, "
        f"or write it as \\u{code:04x} inside a double-quoted string")


_KEY_VALUE = re.compile(r"^(?P<lead>\s*(?:-\s+)?)(?P<key>[\w.-]+):\s+(?P<value>.*?)\s*$")


def _colon_in_value(text: str, line: int) -> str | None:
    """What yaml's "mapping values are not allowed here" means on ``line`` (0-based)
    when it holds ``key: value`` whose value has a colon and a space in it: that
    colon starts another key unless the value is quoted; the line quoted, to copy."""
    lines = text.splitlines()
    match = _KEY_VALUE.match(lines[line]) if line < len(lines) else None
    if match is None or ": " not in match.group("value"):
        return None
    value = match.group("value")
    # JSON's string is a YAML double-quoted scalar, escapes and all
    quoted = f"'{value}'" if "'" not in value else json.dumps(value, ensure_ascii=False)
    return (f"the value of `{match.group('key')}` holds \": \" (a colon and a space), which "
            f"starts another key in YAML (\"mapping values are not allowed here\"); quote "
            f"the whole value: {match.group('key')}: {quoted}")


_HOLE_FIRST = re.compile(
    r"\[(?:int|num|hex|uuid|tmp-path|timestamp|word|pad|\.\.)(?::[^\]]*)?\]")


def _hole_starts_value(text: str, line: int) -> str | None:
    """What a syntax error on ``line`` (0-based) means when it holds ``key: value``
    whose value starts with a hole (``stdout: [int] files``): YAML reads ``[`` there
    as the start of a list; the line quoted, to copy."""
    lines = text.splitlines()
    match = _KEY_VALUE.match(lines[line]) if line < len(lines) else None
    if match is None or not _HOLE_FIRST.match(match.group("value")):
        return None
    value = match.group("value")
    quoted = f"'{value}'" if "'" not in value else json.dumps(value, ensure_ascii=False)
    return (f"the value of `{match.group('key')}` starts with a hole, and YAML reads a "
            f"value that starts with [ as a list; quote the whole value: "
            f"{match.group('key')}: {quoted}")


class _Builder:
    """Builds plain data from YAML nodes, noting the line of every value.

    Duplicate keys are an error here: yaml itself would keep the last one silently.
    """

    def __init__(self, text: str, path: Path, span_keys: frozenset[str]):
        self.path = path
        self.lines: dict[Loc, int] = {}
        self.text_spans: dict[Loc, Span] = {}  # of the scalars under span_keys
        self._span_keys = span_keys
        self._text = text
        self._loader: Any = (_FAST_LOADER or _PyLoader)(text, path)

    def compose(self) -> yaml.Node | None:
        if _FAST_LOADER is not None and _plain_within_limits(self._text):
            # No aliases, shallow enough, small enough: libyaml composes it whole.
            fast = yaml.CSafeLoader(self._text)
            try:
                node: yaml.Node | None = fast.get_single_node()
            except yaml.YAMLError:
                fast.dispose()
            else:
                self._loader.dispose()
                self._loader = fast
                return node
        if self._loader.__class__ is not _PyLoader:
            try:
                fast_node: yaml.Node | None = self._loader.get_single_node()
                return fast_node
            except yaml.YAMLError:
                # Say what is wrong in the words (and at the line) yaml's Python parser
                # uses, as for every plan before the fast path.
                self._loader.dispose()
                self._loader = _PyLoader(self._text, self.path)
        try:
            composed: yaml.Node | None = self._loader.get_single_node()
            return composed
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = mark.line + 1 if mark is not None else None
            problem = exc.problem or exc.context or "invalid YAML"
            if exc.context and exc.problem and exc.context_mark is not None:
                # e.g. "found duplicate anchor 'x'; first occurrence" ... "second occurrence"
                problem = f"{exc.context} (line {exc.context_mark.line + 1}), {exc.problem}"
            if exc.problem == "mapping values are not allowed here" and mark is not None:
                problem = _colon_in_value(self._text, mark.line) or problem
            elif mark is not None:
                problem = _hole_starts_value(self._text, mark.line) or problem
            raise PlanError(self.path, line, None, f"YAML syntax error: {problem}") from None
        except yaml.YAMLError as exc:
            raise PlanError(self.path, None, None, f"YAML error: {exc}") from None
        except RecursionError:  # pragma: no cover - MAX_DEPTH stops nesting well before
            raise PlanError(self.path, None, None, "values are nested too deeply") from None

    def close(self) -> None:
        self._loader.dispose()

    def build(self, node: yaml.Node, loc: Loc = ()) -> Any:
        """Plain data for ``node``, recording each value's line under its location."""
        lines, path = self.lines, self.path
        # A mapping value is located at its key (set by the caller), not its first line.
        lines.setdefault(loc, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            out: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise PlanError(path, key_node.start_mark.line + 1, format_loc(loc),
                                    "YAML merge keys (<<) are not supported in plans")
                key = self.scalar(key_node)
                if not isinstance(key, str | int):
                    raise PlanError(path, key_node.start_mark.line + 1, format_loc(loc),
                                    f"keys must be text, not {type(key).__name__}")
                if key in out:
                    raise PlanError(path, key_node.start_mark.line + 1, format_loc((*loc, key)),
                                    f"key {key!r} appears twice")
                key_loc: Loc = (*loc, key)
                lines[key_loc] = key_node.start_mark.line + 1
                out[key] = self.build(value_node, key_loc)
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*loc, i)) for i, item in enumerate(node.value)]
        if loc and loc[-1] in self._span_keys:
            start, end = node.start_mark, node.end_mark
            self.text_spans[loc] = (start.line, start.column, end.line, end.column)
        return self.scalar(node)

    def scalar(self, node: yaml.Node) -> Any:
        line = node.start_mark.line + 1
        if not isinstance(node, yaml.ScalarNode):
            raise PlanError(self.path, line, None, "a key must be a plain value")
        if node.tag == "tag:yaml.org,2002:int" and len(node.value) > _MAX_INT_CHARS:
            raise PlanError(self.path, line, None,
                            f"the number {node.value[:12]}... has {len(node.value)} "
                            f"characters; numbers in plans have at most {_MAX_INT_CHARS} "
                            "(quote it to make it text)")
        if node.tag == "tag:yaml.org,2002:str":
            return node.value  # what yaml's constructor returns, minus its bookkeeping
        try:
            return self._loader.construct_object(node, deep=True)
        except yaml.YAMLError as exc:
            problem = getattr(exc, "problem", None) or str(exc)
            raise PlanError(self.path, line, None, f"YAML error: {problem}") from None
        except (ValueError, OverflowError, TypeError) as exc:
            # e.g. a timestamp that is no date (2001-13-45)
            raise PlanError(self.path, line, None,
                            f"cannot read the value {node.value[:40]!r}: {exc}; quote it "
                            "to make it text") from None

