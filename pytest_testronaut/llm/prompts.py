"""Prompts the agent sends and the pydantic schemas its answers must satisfy.

Messages are plain ``(role, content)`` pairs so prompts, cache keys and estimates
need no LangChain import. The judge's answer (:class:`JudgeAnswer`) is asked for as
structured output first (a forced tool call or a JSON schema, see ``structured``);
every prompt also asks for one JSON object, parsed from the reply text, which is how
enrichment and proposals are always answered and how the judge is answered where
structured output is not supported (LangChain's fake chat models, servers without
tools) or brings no valid answer. The same messages serve both ways, so a cached
answer is found whichever way it came.
"""

from __future__ import annotations

import json
import re
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from ..analysis.spec import CliSpec
from ..verify.judge import JudgeRequest

T = TypeVar("T", bound=BaseModel)
Message = tuple[str, str]  # (role, content); role is "system", "user" or "assistant"

# Bump when a prompt changes meaning, so cached answers to the old prompt are not reused.
PROMPT_VERSION = "1"
# Output beyond this is cut (head and tail kept) so one huge log cannot blow the budget.
MAX_ACTUAL_CHARS = 12_000


class JudgeAnswer(BaseModel):
    """The verdict on whether the ACTUAL output satisfies the EXPECTATION."""

    model_config = ConfigDict(extra="ignore")

    verdict: Literal["pass", "fail", "inconclusive"] = Field(
        description="pass if the output satisfies the expectation, fail if it does not, "
                    "inconclusive if the output does not give enough evidence")
    confidence: float = Field(ge=0.0, le=1.0, description="how sure the verdict is, 0 to 1")
    explanation: str = Field(min_length=1,
                             description="one or two sentences citing the evidence")


class CommandNotes(BaseModel):
    """What the model says about one command (``path``: argv after the tool)."""

    model_config = ConfigDict(extra="ignore")

    path: list[str] = Field(default_factory=list)
    purpose: str = ""
    risks: list[str] = Field(default_factory=list)
    examples: dict[str, list[str]] = Field(default_factory=dict)

    @model_validator(mode="before")
    @classmethod
    def _lenient(cls, data: Any) -> Any:
        # Models often give one value instead of a list, or use the older key name.
        if isinstance(data, dict):
            data = dict(data)
            merged: dict[str, Any] = {}
            for key in ("sample_values", "examples"):
                values = data.pop(key, None)
                if isinstance(values, dict):
                    for target, value in values.items():
                        items = value if isinstance(value, list) else [value]
                        merged.setdefault(str(target), []).extend(
                            str(v) for v in items if isinstance(v, str | int | float))
            data["examples"] = merged
        return data


class WorkflowNotes(BaseModel):
    """A workflow the model proposes: steps as argv lists (a command line is split)."""

    model_config = ConfigDict(extra="ignore")

    description: str = ""
    steps: list[list[str] | str] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _bare_list(cls, data: Any) -> Any:
        return {"steps": data} if isinstance(data, list) else data


class EnrichAnswer(BaseModel):
    """What enrichment adds to a :class:`CliSpec` (checked against it by the agent)."""

    model_config = ConfigDict(extra="ignore")

    commands: list[CommandNotes] = Field(default_factory=list)
    workflows: list[WorkflowNotes] = Field(default_factory=list)


class ProposeAnswer(BaseModel):
    model_config = ConfigDict(extra="ignore")

    cases: list[dict[str, Any]]


class AnswerError(ValueError):
    """The model's reply is not the JSON the schema asks for."""


_JUDGE_SYSTEM = """\
You are the verification judge of an end-to-end test of a command-line tool.
Decide whether the ACTUAL output satisfies the EXPECTATION. Judge meaning, not exact
bytes; ignore dynamic content (timestamps, ids, paths, durations) unless the
expectation is about it. If the output does not give enough evidence, answer
"inconclusive" rather than guessing.
Reply with ONLY one JSON object, no prose and no code fence:
{"verdict": "pass" | "fail" | "inconclusive", "confidence": <number 0..1>,
 "explanation": "<one or two sentences citing the evidence>"}"""

_ENRICH_SYSTEM = """\
You describe a command-line tool for a test generator. Given its parsed command tree
as JSON, reply with ONLY one JSON object, no prose and no code fence:
{"commands": [{"path": ["sub", ...], "purpose": "<one sentence>",
   "risks": ["<destructive or risky effect>", ...],
   "examples": {"<--option or POSITIONAL>": ["<a realistic valid value>", ...]}}],
 "workflows": [{"description": "<what the sequence checks>",
   "steps": [["<tool>", "<argument>", ...], ...]}]}
"path" is the argv after the tool name ([] for the tool itself); each step is the
argv of one command line, the tool first. Only mention commands and options that
exist in the tree."""

_PROPOSE_SYSTEM = """\
You propose end-to-end test cases for a command-line tool. Given its command tree as
JSON, reply with ONLY one JSON object, no prose and no code fence:
{"cases": [{"name": "<short-id>", "command": "<full command line>",
   "expect_exit": <int>, "expectations": ["<plain-English expectation>"]}, ...]}
Prefer realistic workflows and error cases the tree suggests; never destructive
commands outside the working directory."""


def _clip(text: str) -> str:
    if len(text) <= MAX_ACTUAL_CHARS:
        return text
    half = MAX_ACTUAL_CHARS // 2
    return f"{text[:half]}\n[... {len(text) - MAX_ACTUAL_CHARS} characters cut ...]\n{text[-half:]}"


def judge_messages(request: JudgeRequest) -> list[Message]:
    parts = [f"EXPECTATION:\n{request.expectation}"]
    if request.command is not None:
        parts.append(f"COMMAND:\n{request.command}")
    if request.exit_code is not None:
        parts.append(f"EXIT CODE: {request.exit_code}")
    if request.expected_output is not None:
        parts.append(
            "The question is whether ACTUAL is equivalent to this RECORDED output apart "
            f"from dynamic content.\nRECORDED:\n{_clip(request.expected_output)}"
        )
    parts.append(f"ACTUAL ({request.stream}):\n{_clip(request.actual)}")
    return [("system", _JUDGE_SYSTEM), ("user", "\n\n".join(parts))]


def enrich_messages(spec: CliSpec) -> list[Message]:
    tree = spec.model_dump_json(exclude_defaults=True)
    return [("system", _ENRICH_SYSTEM), ("user", f"TOOL: {spec.tool}\nTREE:\n{tree}")]


def propose_messages(spec: CliSpec, context: str) -> list[Message]:
    tree = spec.model_dump_json(exclude_defaults=True)
    user = f"TOOL: {spec.tool}\nTREE:\n{tree}"
    if context:
        user += f"\n\nCONTEXT:\n{context}"
    return [("system", _PROPOSE_SYSTEM), ("user", user)]


def correction_message(error: str) -> Message:
    return ("user", f"Your previous reply was not valid: {error}\n"
                    "Reply again with ONLY the JSON object described above.")


_FENCE = re.compile(r"^```[a-zA-Z]*\s*\n?(.*?)\n?```\s*$", re.DOTALL)


def extract_json(text: str) -> Any:
    """The JSON value in a reply: the whole text, a fenced block, or the outermost
    ``{...}``/``[...]`` span (models like to add a sentence around it)."""
    stripped = text.strip()
    fenced = _FENCE.match(stripped)
    if fenced:
        stripped = fenced.group(1).strip()
    try:
        return json.loads(stripped)
    except ValueError:
        pass
    for opener, closer in (("{", "}"), ("[", "]")):
        start, end = stripped.find(opener), stripped.rfind(closer)
        if 0 <= start < end:
            try:
                return json.loads(stripped[start:end + 1])
            except ValueError:
                continue
    raise AnswerError("the reply is not JSON" + (f": {stripped[:80]!r}" if stripped else
                                                 " (it is empty)"))


def parse_answer(text: str, schema: type[T]) -> T:
    """Validate a reply against ``schema``; :class:`AnswerError` says what is wrong."""
    data = extract_json(text)
    if schema is ProposeAnswer and isinstance(data, list):
        data = {"cases": data}  # a bare list of cases is fine too
    try:
        return schema.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'reply'}: {e['msg']}"
            for e in exc.errors()[:3]
        )
        raise AnswerError(f"the reply does not match the schema ({problems})") from None


_REFUSAL = re.compile(
    r"^\s*(i'?m sorry|i am sorry|i can(?:no|')t|i cannot|i won'?t|i am unable|"
    r"i'?m unable|i'?m not able|as an ai)", re.IGNORECASE,
)


def looks_like_refusal(text: str) -> bool:
    """A prose reply that declines the task (not worth retrying at temperature 0)."""
    return bool(_REFUSAL.match(text)) and "{" not in text
