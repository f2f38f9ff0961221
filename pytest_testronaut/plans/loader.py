"""Load plan files: their YAML (read within bounds, each value with its line, by
:mod:`.yaml_reading`) validated into a :class:`Plan`, with mistakes reported as
``file:line: field: message``.

pydantic's error locations are mapped back to the lines the values were written on,
a bad hole in an ``equals`` text to its own line and column; checks that span fields
(unique ids, workflow variables defined before use) follow. A malformed plan raises
:class:`PlanError`, never a traceback from yaml or pydantic.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .errors import Loc, PlanError, PlanErrors, format_loc, nearest_line
from .model import VARIABLE, Plan, Step
from .yaml_reading import Span, read_plan_text, read_plan_yaml

# The keys whose text may hold holes: `equals`, and `stdout`/`stderr` as its shorthand.
_TEXT_KEYS = frozenset({"equals", "stdout", "stderr"})


@dataclass
class LoadedPlan:
    """A validated plan plus where each part of it was written."""

    plan: Plan
    path: Path
    lines: dict[Loc, int] = field(default_factory=dict)

    def line_of(self, *loc: str | int) -> int | None:
        """The 1-based line of ``loc`` (or of its nearest written parent)."""
        return nearest_line(self.lines, loc)

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


def parse_plan_text(text: str, path: str | Path = "<plan>") -> LoadedPlan:
    """Validate plan YAML ``text``; ``path`` is only used in messages."""
    path = Path(path)
    read = read_plan_yaml(text, path, span_keys=_TEXT_KEYS)
    data, lines = read.data, read.lines
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
        holes = _HoleFinder(text, read.text_spans)
        raise PlanErrors([_from_pydantic(err, lines, path, holes)
                          for err in exc.errors()]) from None
    loaded = LoadedPlan(plan, path, lines)
    problems = list(_semantic_problems(loaded))
    if problems:
        raise PlanErrors(problems)
    return loaded

def load_plan(path: str | Path) -> LoadedPlan:
    """Read and validate the plan file at ``path``."""
    return parse_plan_text(read_plan_text(path), path)


class _HoleFinder:
    """Where a bad hole of an ``equals`` text is in the file (see
    :mod:`.hole_positions`); the file is split in lines only when one is asked."""

    def __init__(self, text: str, spans: dict[Loc, Span]):
        self._text = text
        self._spans = spans

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
        allowed = _allowed_keys(clean[:-1])
        near = difflib.get_close_matches(str(clean[-1]), allowed, n=1, cutoff=0.6)
        hint = f" (did you mean {near[0]!r}?)" if near else ""
        message = f"unknown key {clean[-1]!r}{hint}; allowed here: {', '.join(allowed)}"
    elif kind == "missing":
        message = "this field is required"
    elif _hole_read_as_list(err.get("input")):  # `equals: [int]`
        message += (f" (YAML reads [{err['input'][0]}] as a list; quote it to write a hole: "
                    f"'[{err['input'][0]}]')")
    line = nearest_line(lines, clean)
    error = err.get("ctx", {}).get("error") if kind == "value_error" else None
    if holes is not None and error is not None:  # an error path: the import is cheap
        from ..verify.holes import HoleSyntaxError

        found = holes(clean, err.get("input"), error) if isinstance(
            error, HoleSyntaxError) else None
        if found is not None:  # the file's own line and column, not the text's
            line, message = found[0], f"column {found[1]}: {error.reason}"
    return PlanError(path, line, format_loc(clean) or None, message)


def _hole_read_as_list(value: Any) -> bool:
    """Whether ``value`` is what YAML made of a hole written unquoted (``[int]``)."""
    if not (isinstance(value, list) and len(value) == 1 and isinstance(value[0], str)):
        return False
    kind, colon, _ = value[0].partition(":")
    return kind in ("hex", "uuid", "word") if colon else kind in (
        "int", "num", "hex", "uuid", "tmp-path", "timestamp", "word", "pad", "..")


def _all_fields() -> set[str]:
    from .model import Case, NormalizationRule, PlanSettings, StreamExpectation, Workflow

    names: set[str] = set()
    for model in (Plan, Case, Step, Workflow, PlanSettings, NormalizationRule, StreamExpectation):
        for name, info in model.model_fields.items():
            names.add(info.alias or name)
    return names


_FIELD_NAMES = _all_fields()


def _allowed_keys(parent: Loc) -> list[str]:
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
    return [info.alias or name for name, info in model.model_fields.items()]


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
                            path, loaded.line_of(*loc), format_loc(loc),
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
