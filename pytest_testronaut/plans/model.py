"""The YAML test plan as pydantic models.

A plan names a tool and the environment it runs in, global settings, single
``cases`` and multi-step ``workflows``. Field order here is the key order of saved
plans, so the most telling fields come first.

Example::

    version: 1
    tool: sort
    image: testronaut-base:bookworm
    cases:
      - id: reverse
        command: sort -r
        stdin: |
          a
          b
        exit: 0
        stdout:
          equals: |
            b
            a
"""

from __future__ import annotations

import math
import re
import string
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .. import numbers

if TYPE_CHECKING:
    from ..verify import Rule

Origin = Literal["generated", "edited", "recorded"]
ExitExpectation = Annotated[int, Field(ge=0, le=255)] | Literal["success", "failure"]

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]*$"
TAG_PATTERN = r"^[A-Za-z_][A-Za-z0-9_]*$"
# pytest's own markers: a tag with one of these names would change how the item runs.
RESERVED_TAGS = frozenset(
    {"skip", "skipif", "xfail", "parametrize", "usefixtures", "filterwarnings"}
)
# ``${name}`` in a workflow step refers to a captured value; ``$${`` writes a literal ``${``.
VARIABLE = re.compile(r"(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)\}")


def _check_regex(pattern: str) -> str:
    try:
        re.compile(pattern)
    except re.error as exc:
        raise ValueError(f"invalid regular expression {pattern!r}: {exc}") from None
    return pattern


def _matches_empty(compiled: re.Pattern[str]) -> bool:
    """True when the pattern matches an empty stretch of the empty text or of a sample of
    every printable character (``a*``, ``\\b``): its placeholder would land everywhere."""
    return any(match.start() == match.end()
               for text in ("", string.printable) for match in compiled.finditer(text))


def _check_rule_pattern(pattern: str) -> str:
    _check_regex(pattern)
    if _matches_empty(re.compile(pattern)):
        raise ValueError(f"pattern {pattern!r} matches the empty text, so it would put its "
                         "placeholder between every character of every output; make it match "
                         "at least one character (e.g. 'a+' rather than 'a*')")
    return pattern


def _check_timeout(value: Any) -> Any:
    # Finite, in range, never a boolean (``timeout: true`` is not one second). YAML reads
    # 1e12 (no dot) as text: such text is read as the number it spells.
    if value is None:
        return None
    if isinstance(value, str):
        return numbers.TIMEOUT.parse(value)
    return numbers.TIMEOUT.check(value)


def _check_exit(value: Any) -> Any:
    if isinstance(value, bool):
        raise ValueError(f"{str(value).lower()} is a boolean; write an exit code from 0 "
                         "to 255, or \"success\" (0) or \"failure\" (non-zero)")
    if isinstance(value, int | float):
        return numbers.EXIT_CODE.check(value)
    return value


def _check_json(value: Any) -> Any:
    """Expected JSON holds only what JSON can: no dates, sets, bytes, NaN or infinity."""
    if value is None or isinstance(value, bool | str | int):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{value} is not a JSON number")
        return value
    if isinstance(value, list):
        return [_check_json(item) for item in value]
    if isinstance(value, dict):
        for key in value:
            if not isinstance(key, str):
                raise ValueError(f"JSON object keys are text, not {type(key).__name__} "
                                 f"({key!r}); quote the key")
        return {key: _check_json(item) for key, item in value.items()}
    raise ValueError(f"{type(value).__name__} {str(value)[:40]!r} is not a JSON value; "
                     "quote it to make it text")


def _check_tags(value: list[str]) -> list[str]:
    for tag in value:
        if not re.match(TAG_PATTERN, tag):
            raise ValueError(f"tag {tag!r} is not usable as a marker: use letters, digits and _")
        if tag in RESERVED_TAGS:
            raise ValueError(f"tag {tag!r} is a pytest marker name; choose another")
    return value


TRACK_FILES_MAX = 20  # directories one track_files setting may name
TRACK_FILES_HELP = (
    "report the files each case adds, changes and deletes (shown with its failures): "
    "true (the workdir and /tmp), false, or a list of directories (relative ones are in "
    "the workdir); each case then costs two snapshots of them")


def _check_track_files(value: Any) -> Any:
    """``true``/``false``, a directory, or a list of them: no number, no empty or
    multi-line path, not the whole filesystem (walked and hashed before and after
    every case)."""
    if value is None or isinstance(value, bool):
        return value
    paths = [value] if isinstance(value, str) else value
    if not isinstance(paths, list):
        raise ValueError(f"{type(value).__name__} {str(value)[:40]!r}: write true, false, or "
                         "a list of directories to watch")
    if not paths or len(paths) > TRACK_FILES_MAX:
        raise ValueError(f"name 1 to {TRACK_FILES_MAX} directories (or write true for the "
                         "workdir and /tmp)")
    for path in paths:
        if not isinstance(path, str):
            raise ValueError(f"{path!r} is not a directory path: quote it")
        if not path.strip() or any(c in path for c in "\0\n\r"):
            raise ValueError(f"{path!r} is not a directory path (empty, or with a line "
                             "break or NUL)")
        if path.strip("/") == "" or path.rstrip("/") in ("/proc", "/sys", "/dev"):
            raise ValueError(f"{path!r}: watching it would hash the whole filesystem or the "
                             "kernel's files before and after every case; name the "
                             "directories the tool writes to")
    return paths


def _env_text(value: Any) -> Any:
    # ``DEBUG: 1`` in YAML is a number; environment values are always text.
    if isinstance(value, dict):
        return {k: (str(v).lower() if isinstance(v, bool) else str(v))
                if isinstance(v, int | float) else v for k, v in value.items()}
    return value


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class NormalizationRule(_Strict):
    """A user rule: text matching ``pattern`` becomes ``placeholder`` before comparing."""

    name: str
    pattern: str
    placeholder: str = "<dynamic>"

    _pattern_ok = field_validator("pattern")(_check_rule_pattern)


def plan_rules(rules: Sequence[NormalizationRule]) -> tuple[Rule, ...]:
    """A plan's rules as verification's :class:`~pytest_testronaut.verify.Rule` values."""
    from ..verify import Rule

    return tuple(Rule(name=r.name, pattern=r.pattern, placeholder=r.placeholder) for r in rules)


class PlanSettings(_Strict):
    """Settings every case of the plan shares."""

    timeout: float | None = Field(default=None, gt=numbers.TIMEOUT.low,
                                  le=numbers.TIMEOUT.high, description="seconds per command")
    normalize: list[NormalizationRule] = Field(default_factory=list)
    isolation: Literal["session", "module", "test"] | None = Field(
        default=None,
        description="module (default): the plan's cases share one sandbox, in file order, so "
                    "state carries from case to case; test: each case gets a fresh one",
    )
    disk: str | None = Field(
        default=None,
        description="disk limit of the sandbox (each file, and the workdir, $HOME, /tmp and "
                    "/var/tmp together), a size like 1g or 200m",
    )
    track_files: bool | list[str] = Field(default=False, description=TRACK_FILES_HELP)


    _timeout_ok = field_validator("timeout", mode="before")(_check_timeout)
    _track_files_ok = field_validator("track_files", mode="before")(_check_track_files)


class StreamExpectation(_Strict):
    """What one output stream (stdout or stderr) must satisfy. All given checks apply."""

    equals: str | None = Field(
        default=None, description=(
            "the recorded output: equal after normalization, except its holes, which take "
            "any value of their kind: [int], [num], [hex], [hex:N], [uuid], [uuid:V], [word], "
            "[word:N], [tmp-path], "
            "[timestamp], [..] (any text within a line); \\[int] is the literal text [int]")
    )
    unordered: bool = Field(default=False, description="compare `equals` as a set of lines")
    contains: list[str] = Field(default_factory=list)
    not_contains: list[str] = Field(default_factory=list)
    regex: list[str] = Field(default_factory=list, description="each must match somewhere")
    json_value: Any = Field(default=None, alias="json", description="expected JSON")
    json_match: Literal["subset", "equal"] = "subset"
    expect: str | None = Field(default=None, description="plain-English expectation (judge)")

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: Any) -> Any:
        # ``stdout: "text"`` is short for ``stdout: {equals: "text"}``.
        if isinstance(data, str):
            return {"equals": data}
        return data

    @field_validator("contains", "not_contains", "regex", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    @field_validator("equals")
    @classmethod
    def _holes_ok(cls, value: str | None) -> str | None:
        if value is not None and "[" in value:  # no verification import for most texts
            from ..verify.holes import parse_template

            # a HoleSyntaxError is a ValueError; the loader points at its file line
            parse_template(value)
        return value

    @field_validator("json_value")
    @classmethod
    def _json_ok(cls, value: Any) -> Any:
        return _check_json(value)

    @field_validator("regex")
    @classmethod
    def _regexes_ok(cls, value: list[str]) -> list[str]:
        for pattern in value:
            _check_regex(pattern)
        return value

    def is_empty(self) -> bool:
        """True when this expectation checks nothing."""
        return (
            self.equals is None and not self.contains and not self.not_contains
            and not self.regex and self.json_value is None and not self.expect
        )


class Runnable(_Strict):
    """What a case and a workflow step share: how to run, and what to expect."""

    description: str = ""
    command: str | list[str] = Field(
        description="a shell command line (run by /bin/sh -c) or an argv list"
    )
    stdin: str | None = None
    env: dict[str, str] = Field(default_factory=dict)
    files: dict[str, str] = Field(
        default_factory=dict, description="files created before the command: path -> content"
    )
    timeout: float | None = Field(default=None, gt=numbers.TIMEOUT.low,
                                  le=numbers.TIMEOUT.high, description="seconds")
    tags: list[str] = Field(default_factory=list)
    exit: ExitExpectation | None = Field(
        default=None, description='exit code, "success" (0) or "failure" (non-zero)'
    )
    stdout: StreamExpectation | None = None
    stderr: StreamExpectation | None = None
    expect: str | None = Field(
        default=None, description="plain-English expectation on the whole output (judge)"
    )
    reviewed: bool = Field(default=False, description="a person checked it: never rewritten")
    origin: Origin = Field(default="edited", description="who wrote the expectations")
    track_files: bool | list[str] | None = Field(
        default=None, description="the plan's settings.track_files for this one; " +
        TRACK_FILES_HELP)

    @field_validator("command")
    @classmethod
    def _command_not_empty(cls, value: str | list[str]) -> str | list[str]:
        if not value or (isinstance(value, str) and not value.strip()):
            raise ValueError("command is empty")
        return value

    _tags_ok = field_validator("tags")(_check_tags)
    _env_ok = field_validator("env", mode="before")(_env_text)
    _timeout_ok = field_validator("timeout", mode="before")(_check_timeout)
    _exit_ok = field_validator("exit", mode="before")(_check_exit)
    _track_files_ok = field_validator("track_files", mode="before")(_check_track_files)

    def has_expectation(self) -> bool:
        """True when running this would check something."""
        streams = [s for s in (self.stdout, self.stderr) if s is not None]
        return (
            self.exit is not None or bool(self.expect)
            or any(not s.is_empty() for s in streams)
        )

    def inputs(self) -> dict[str, Any]:
        """The fields generation decides (used to tell a person's edits apart)."""
        return self.model_dump(include={"command", "stdin", "env", "files", "timeout", "tags"})


class Benchmark(_Strict):
    """How a case is measured for a performance baseline (``--testronaut-baseline-*``)."""

    rounds: int = Field(ge=1, le=1000, description="times the case runs; the median counts")

    @field_validator("rounds", mode="before")
    @classmethod
    def _rounds_ok(cls, value: Any) -> Any:
        # ``rounds: true`` is not 1 round (numbers.py: no booleans, finite, in range).
        return numbers.Range(1, 1000, integer=True).check(value)


class Case(Runnable):
    """One command run on its own, with its expectations."""

    id: str = Field(pattern=ID_PATTERN)
    benchmark: Benchmark | None = Field(
        default=None, description="baseline measuring: {rounds: N} over --testronaut-baseline-rounds")


class Step(Runnable):
    """One step of a workflow; ``capture`` names values later steps use as ``${name}``."""

    id: str | None = Field(default=None, pattern=ID_PATTERN)
    capture: dict[str, str] = Field(
        default_factory=dict, description="name -> regex with one group, searched in stdout"
    )

    @field_validator("capture")
    @classmethod
    def _capture_ok(cls, value: dict[str, str]) -> dict[str, str]:
        for name, pattern in value.items():
            if not re.match(r"^[A-Za-z_][A-Za-z0-9_]*$", name):
                raise ValueError(f"capture name {name!r}: use letters, digits and _")
            _check_regex(pattern)
            if re.compile(pattern).groups != 1:
                raise ValueError(
                    f"capture {name!r}: the regex must have exactly one group (...), "
                    f"it has {re.compile(pattern).groups}"
                )
        return value

    def has_expectation(self) -> bool:
        # A capture is a check too: its regex must match the step's output.
        return bool(self.capture) or super().has_expectation()


class Workflow(_Strict):
    """Ordered steps sharing one sandbox; a failed step stops the rest."""

    id: str = Field(pattern=ID_PATTERN)
    description: str = ""
    tags: list[str] = Field(default_factory=list)
    steps: list[Step] = Field(min_length=1)
    reviewed: bool = False
    origin: Origin = "edited"

    _tags_ok = field_validator("tags")(_check_tags)

    @model_validator(mode="after")
    def _name_steps(self) -> Workflow:
        seen: set[str] = set()
        for number, step in enumerate(self.steps, start=1):
            if step.id is None:
                step.id = f"step{number}"
            if step.id in seen:
                raise ValueError(f"step id {step.id!r} is used twice in workflow {self.id!r}")
            seen.add(step.id)
        return self


# The analyzed help a generated plan came from is saved beside it, in this file.
SPEC_SUFFIX = ".spec.json"


def spec_file_for(plan_path: str | Path) -> Path:
    """Where the spec of the plan at ``plan_path`` is saved: ``sort.testronaut.yaml``
    has ``sort.testronaut.spec.json`` beside it."""
    path = Path(plan_path)
    return path.with_name(path.name.rsplit(".", 1)[0] + SPEC_SUFFIX)


class GeneratedFrom(_Strict):
    """The analyzed help (CLI spec) a generated plan came from; the spec itself is
    saved beside the plan (:func:`spec_file_for`). Reports measure help drift against
    it: options added, removed, renamed since, and which cases are stale."""

    digest: str = Field(pattern=r"^[0-9a-f]{16}$",
                        description="SHA-256 (first 16 hex digits) of the spec's JSON")
    version: str | None = Field(default=None, description="the tool's version then")


class Plan(_Strict):
    """A whole plan file."""

    version: Literal[1] = 1
    tool: str = Field(min_length=1, description="the command under test, as run in the image")
    description: str = ""
    image: str | None = Field(default=None, description="image the tool is installed in")
    install: list[str] = Field(
        default_factory=list,
        description="install steps: 'pip:REQ', 'apt:PKG', 'script:FILE', 'shell:COMMAND'",
    )
    env: dict[str, str] = Field(default_factory=dict, description="environment of the sandbox")
    settings: PlanSettings = Field(default_factory=PlanSettings)
    cases: list[Case] = Field(default_factory=list)
    workflows: list[Workflow] = Field(default_factory=list)
    generated_from: GeneratedFrom | None = Field(
        default=None, description="the analyzed help the plan was generated from (written "
        "by generation; help drift is measured against it)")

    _env_ok = field_validator("env", mode="before")(_env_text)

    @field_validator("install", mode="before")
    @classmethod
    def _install_one_or_many(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    @field_validator("install")
    @classmethod
    def _install_ok(cls, value: list[str]) -> list[str]:
        # The sandbox's own check, so a plan check-plan accepts also builds (lazy: the
        # sandbox layer loads Docker's SDK, needed only when a plan names install steps).
        from ..sandbox.config import install_step_problem

        for step in value:
            problem = install_step_problem(step)
            if problem:
                raise ValueError(problem)
        return value

    @field_validator("image")
    @classmethod
    def _image_ok(cls, value: str | None) -> str | None:
        from ..sandbox.config import image_reference_problem

        problem = None if value is None else image_reference_problem(value)
        if problem:
            raise ValueError(problem)
        return value

    def case(self, case_id: str) -> Case | None:
        return next((c for c in self.cases if c.id == case_id), None)

    def workflow(self, workflow_id: str) -> Workflow | None:
        return next((w for w in self.workflows if w.id == workflow_id), None)
