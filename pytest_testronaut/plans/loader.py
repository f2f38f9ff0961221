"""Read and validate plan files, reporting mistakes as ``file:line: field: message``.

YAML is composed into nodes first so every value keeps the line it was written on;
pydantic's error locations are then mapped back to those lines. A malformed plan
raises :class:`PlanError`, never a traceback from yaml or pydantic.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from ..errors import TestronautError
from .model import VARIABLE, Plan, Step

Loc = tuple[str | int, ...]


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
        for index, case in enumerate(self.plan.cases):
            if case.id == case_id:
                return self.line_of("cases", index)
        return None

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


class _Builder:
    """Builds plain data from YAML nodes, noting the line of every value.

    Duplicate keys are an error here: yaml itself would keep the last one silently.
    """

    def __init__(self, text: str, path: Path):
        self.path = path
        self.lines: dict[Loc, int] = {}
        self._loader = yaml.SafeLoader(text)

    def compose(self) -> yaml.Node | None:
        try:
            return self._loader.get_single_node()
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = mark.line + 1 if mark is not None else None
            problem = exc.problem or exc.context or "invalid YAML"
            raise PlanError(self.path, line, None, f"YAML syntax error: {problem}") from None
        except yaml.YAMLError as exc:
            raise PlanError(self.path, None, None, f"YAML error: {exc}") from None

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
        return self.scalar(node)

    def scalar(self, node: yaml.Node) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            raise PlanError(self.path, node.start_mark.line + 1, None,
                            "a key must be a plain value")
        try:
            return self._loader.construct_object(node, deep=True)
        except yaml.YAMLError as exc:
            raise PlanError(self.path, node.start_mark.line + 1, None,
                            f"YAML error: {exc}") from None


def parse_plan_text(text: str, path: str | Path = "<plan>") -> LoadedPlan:
    """Validate plan YAML ``text``; ``path`` is only used in messages."""
    path = Path(path)
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
    if data.get("version", 1) != 1:
        raise PlanError(path, lines.get(("version",)), "version",
                        f"unsupported plan version {data.get('version')!r}; this "
                        "testronaut reads version 1")
    try:
        plan = Plan.model_validate(data)
    except ValidationError as exc:
        raise PlanErrors([_from_pydantic(err, lines, path) for err in exc.errors()]) from None
    loaded = LoadedPlan(plan, path, lines)
    problems = list(_semantic_problems(loaded))
    if problems:
        raise PlanErrors(problems)
    return loaded


def load_plan(path: str | Path) -> LoadedPlan:
    """Read and validate the plan file at ``path``."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PlanError(path, None, None, f"cannot read the plan: {exc}") from None
    return parse_plan_text(text, path)


def _from_pydantic(err: Any, lines: dict[Loc, int], path: Path) -> PlanError:
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
