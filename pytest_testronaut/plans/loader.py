"""Read and validate plan files, reporting mistakes as ``file:line: field: message``.

YAML is composed into nodes first so every value keeps the line it was written on;
pydantic's error locations are then mapped back to those lines. A malformed plan
raises :class:`PlanError`, never a traceback from yaml or pydantic.

Plans arrive in pull requests, so reading one is bounded: the file's size
(:data:`MAX_PLAN_BYTES`), the nesting depth (:data:`MAX_DEPTH`), and the nodes that
aliases (``*name``) add when expanded (:data:`MAX_ALIAS_NODES`: a "billion laughs" of
a few hundred bytes stops at once instead of eating the memory), recursive aliases and
control characters are refused with the line they are on.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError
from yaml.events import AliasEvent

from ..errors import TestronautError
from .model import VARIABLE, Plan, Step

Loc = tuple[str | int, ...]

# Limits of one plan file. A generated plan with recorded outputs stays far below them.
MAX_PLAN_BYTES = 16 * 2**20
MAX_DEPTH = 64
MAX_ALIAS_NODES = 10_000
MAX_NODES = 1_000_000


class PlanError(TestronautError):
    """A plan file that cannot be used; ``str()`` reads ``file:line: field: message``."""

    def __init__(self, path: str | Path, line: int | None, field: str | None, message: str):
        self.path = str(path)
        self.line = line
        self.field = field
        self.message = message
        where = self.path if line is None else f"{self.path}:{line}"
        what = f"{field}: " if field else ""
        super().__init__(f"{where}: {what}{message}")


class PlanErrors(PlanError):
    """Several problems in one plan file; the first one gives path, line and field."""

    def __init__(self, errors: list[PlanError]):
        first = errors[0]
        super().__init__(first.path, first.line, first.field, first.message)
        self.errors = errors
        self.args = ("\n".join(str(e) for e in errors),)

    def __str__(self) -> str:
        return "\n".join(str(e) for e in self.errors)


@dataclass
class LoadedPlan:
    """A validated plan plus where each part of it was written."""

    plan: Plan
    path: Path
    lines: dict[Loc, int] = field(default_factory=dict)

    def line_of(self, *loc: str | int) -> int | None:
        """The 1-based line of ``loc`` (or of its nearest written parent)."""
        return _nearest_line(self.lines, loc)

    def case_line(self, case_id: str) -> int | None:
        index = self._case_index.get(case_id)
        return None if index is None else self.line_of("cases", index)

    @functools.cached_property
    def _case_index(self) -> dict[str, int]:
        # One lookup per collected case: a dict keeps collecting a big plan linear.
        return {case.id: index for index, case in reversed(list(enumerate(self.plan.cases)))}

    def step_line(self, workflow_id: str, step_index: int) -> int | None:
        for index, workflow in enumerate(self.plan.workflows):
            if workflow.id == workflow_id:
                return self.line_of("workflows", index, "steps", step_index)
        return None


def _nearest_line(lines: dict[Loc, int], loc: Loc) -> int | None:
    while True:
        if loc in lines:
            return lines[loc]
        if not loc:
            return None
        loc = loc[:-1]


def _format_loc(loc: Loc) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


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


class _Builder:
    """Builds plain data from YAML nodes, noting the line of every value.

    Duplicate keys are an error here: yaml itself would keep the last one silently.
    """

    def __init__(self, text: str, path: Path):
        self.path = path
        self.lines: dict[Loc, int] = {}
        # where each scalar that may be an `equals` text is written (start and end, as
        # yaml's 0-based marks), so a bad hole in it points at its own line
        self.text_spans: dict[Loc, tuple[int, int, int, int]] = {}
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
                    raise PlanError(path, key_node.start_mark.line + 1, _format_loc(loc),
                                    "YAML merge keys (<<) are not supported in plans")
                key = self.scalar(key_node)
                if not isinstance(key, str | int):
                    raise PlanError(path, key_node.start_mark.line + 1, _format_loc(loc),
                                    f"keys must be text, not {type(key).__name__}")
                if key in out:
                    raise PlanError(path, key_node.start_mark.line + 1, _format_loc((*loc, key)),
                                    f"key {key!r} appears twice")
                key_loc: Loc = (*loc, key)
                lines[key_loc] = key_node.start_mark.line + 1
                out[key] = self.build(value_node, key_loc)
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*loc, i)) for i, item in enumerate(node.value)]
        if loc and loc[-1] in _TEXT_KEYS:
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


# The keys whose text may hold holes: `equals`, and `stdout`/`stderr` as its shorthand.
_TEXT_KEYS = frozenset({"equals", "stdout", "stderr"})

# More digits than any sane number (and fewer than Python's int-from-text limit).
_MAX_INT_CHARS = 100


def parse_plan_text(text: str, path: str | Path = "<plan>") -> LoadedPlan:
    """Validate plan YAML ``text``; ``path`` is only used in messages."""
    path = Path(path)
    size = len(text.encode("utf-8", errors="surrogatepass"))
    if size > MAX_PLAN_BYTES:
        raise PlanError(path, None, None, f"the plan is {size} bytes; plans are at most "
                                          f"{MAX_PLAN_BYTES // 2**20} MiB")
    problem = _reader_problem(text, path)
    if problem is not None:
        raise problem
    builder = _Builder(text, path)
    try:
        node = builder.compose()
        if node is None:
            raise PlanError(path, None, None, "the file is empty; a plan needs at least `tool:`")
        data = builder.build(node)
    finally:
        builder.close()
    lines = builder.lines
    if not isinstance(data, dict):
        raise PlanError(path, lines.get(()), None,
                        "a plan is a mapping with `version`, `tool`, `cases`, ...")
    if isinstance(data.get("version"), bool) or data.get("version", 1) != 1:
        raise PlanError(path, lines.get(("version",)), "version",
                        f"unsupported plan version {data.get('version')!r}; this "
                        "testronaut reads version 1")
    try:
        plan = Plan.model_validate(data)
    except ValidationError as exc:
        holes = _HoleFinder(text, builder)
        raise PlanErrors([_from_pydantic(err, lines, path, holes)
                          for err in exc.errors()]) from None
    loaded = LoadedPlan(plan, path, lines)
    problems = list(_semantic_problems(loaded))
    if problems:
        raise PlanErrors(problems)
    return loaded


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


def load_plan(path: str | Path) -> LoadedPlan:
    """Read and validate the plan file at ``path``."""
    return parse_plan_text(read_plan_text(path), path)


class _HoleFinder:
    """Where a bad hole of an ``equals`` text is in the file (see
    :mod:`.hole_positions`); the file is split in lines only when one is asked."""

    def __init__(self, text: str, builder: _Builder):
        self._text = text
        self._spans = builder.text_spans

    def __call__(self, loc: Loc, value: Any, error: Any) -> tuple[int, int] | None:
        from .hole_positions import ScalarSpan, hole_position

        # `stdout: |` is short for `stdout: {equals: |}`: the text is at the stream key
        span = self._spans.get(loc) or (self._spans.get(loc[:-1]) if loc[-1:] == ("equals",)
                                        else None)
        if span is None or not isinstance(value, str):
            return None
        return hole_position(self._file_lines, ScalarSpan(*span), value, error)

    @functools.cached_property
    def _file_lines(self) -> list[str]:
        return self._text.splitlines()


def _from_pydantic(err: Any, lines: dict[Loc, int], path: Path,
                   holes: _HoleFinder | None = None) -> PlanError:
    loc: Loc = tuple(err["loc"])
    kind = err["type"]
    message = str(err["msg"]).removeprefix("Value error, ")
    # pydantic adds union branch names (``int``, ``literal['success','failure']``) to
    # locations; they mean nothing to someone writing YAML.
    clean: Loc = ()
    for index, part in enumerate(loc):
        candidate: Loc = (*clean, part)
        if candidate in lines or (index == len(loc) - 1 and part in _FIELD_NAMES):
            clean = candidate
    if kind == "extra_forbidden":
        message = f"unknown key {clean[-1]!r}; allowed here: {_allowed_keys(clean[:-1])}"
    elif kind == "missing":
        message = "this field is required"
    line = _nearest_line(lines, clean)
    error = err.get("ctx", {}).get("error") if kind == "value_error" else None
    if holes is not None and error is not None:  # an error path: the import is cheap
        from ..verify.holes import HoleSyntaxError

        found = holes(clean, err.get("input"), error) if isinstance(
            error, HoleSyntaxError) else None
        if found is not None:  # the file's own line and column, not the text's
            line, message = found[0], f"column {found[1]}: {error.reason}"
    return PlanError(path, line, _format_loc(clean) or None, message)


def _all_fields() -> set[str]:
    from .model import Case, NormalizationRule, PlanSettings, StreamExpectation, Workflow

    names: set[str] = set()
    for model in (Plan, Case, Step, Workflow, PlanSettings, NormalizationRule, StreamExpectation):
        for name, info in model.model_fields.items():
            names.add(info.alias or name)
    return names


_FIELD_NAMES = _all_fields()


def _allowed_keys(parent: Loc) -> str:
    from .model import Case, NormalizationRule, PlanSettings, StreamExpectation, Workflow

    names = [p for p in parent if isinstance(p, str)]
    model: Any = Plan
    if names:
        last = names[-1]
        model = {
            "cases": Case, "steps": Step, "workflows": Workflow, "settings": PlanSettings,
            "normalize": NormalizationRule, "stdout": StreamExpectation,
            "stderr": StreamExpectation,
        }.get(last, Plan)
    return ", ".join(info.alias or name for name, info in model.model_fields.items())


def _semantic_problems(loaded: LoadedPlan) -> Iterator[PlanError]:
    """Checks that span fields: unique ids, workflow variables defined before use."""
    plan, path = loaded.plan, loaded.path
    seen: dict[str, str] = {}
    named = [("cases", i, c.id) for i, c in enumerate(plan.cases)]
    named += [("workflows", i, w.id) for i, w in enumerate(plan.workflows)]
    for kind, index, item_id in named:
        if item_id in seen:
            yield PlanError(path, loaded.line_of(kind, index, "id"), f"{kind}[{index}].id",
                            f"id {item_id!r} is already used by another {seen[item_id]}; "
                            "ids must be unique in a plan")
        seen[item_id] = kind.rstrip("s")
    for w_index, workflow in enumerate(plan.workflows):
        defined: set[str] = set()
        for s_index, step in enumerate(workflow.steps):
            for where, text in _step_texts(step):
                for match in VARIABLE.finditer(text):
                    name = match.group(1)
                    if name not in defined:
                        loc: Loc = ("workflows", w_index, "steps", s_index, *where)
                        yield PlanError(
                            path, loaded.line_of(*loc), _format_loc(loc),
                            f"${{{name}}} is not defined by an earlier step's `capture`"
                            + (f" (captured so far: {', '.join(sorted(defined))})"
                               if defined else "")
                            + "; write $${ for a literal ${",
                        )
            defined.update(step.capture)


def _step_texts(step: Step) -> Iterator[tuple[Loc, str]]:
    """Every text of a step where ``${name}`` is substituted, with its location."""
    if isinstance(step.command, str):
        yield ("command",), step.command
    else:
        for i, arg in enumerate(step.command):
            yield ("command", i), arg
    if step.stdin is not None:
        yield ("stdin",), step.stdin
    for key, value in step.env.items():
        yield ("env", key), value
    for key, value in step.files.items():
        yield ("files", key), value
    for stream in ("stdout", "stderr"):
        expectation = getattr(step, stream)
        if expectation is None:
            continue
        if expectation.equals is not None:
            yield (stream, "equals"), expectation.equals
        for name in ("contains", "not_contains"):
            for i, text in enumerate(getattr(expectation, name)):
                yield (stream, name, i), text
