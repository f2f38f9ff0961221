"""Structured output: the answer as a tool call or under a JSON schema, where the
provider supports it, through LangChain's ``with_structured_output``.

The provider then returns the answer's fields themselves (a tool call's arguments, or
a reply constrained by the schema) instead of prose to be parsed. Which way is used:

* ``openai``, ``azure_openai``, ``anthropic``: tool calling (``function_calling``),
  the tool forced by ``tool_choice``. Every OpenAI-compatible server that speaks tools
  accepts it, where OpenAI's ``json_schema`` response format is newer and narrower.
* ``ollama``: a JSON schema in the request's ``format`` (``json_schema``), which every
  Ollama model honours, where tool calling needs a model trained for it.
* anything else (an injected model): the integration's own default, if it has one.

A model that cannot be asked this way (LangChain's fake chat models raise
``NotImplementedError``) or a server that rejects the request as malformed (400, 422,
501: no tool support, no schema support) leaves the caller's prompt-and-parse path
to answer; so does a reply that brings no valid answer (plain text, a malformed tool
call), unless that text is itself the JSON the schema asks for.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from .config import split_model
from .prompts import AnswerError, parse_answer

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel
    from langchain_core.messages import BaseMessage
    from langchain_core.runnables import Runnable

T = TypeVar("T", bound=BaseModel)

TOOL_CALLING = "function_calling"
JSON_SCHEMA = "json_schema"
TEXT = "text"  # the prompt-and-parse path
# The statuses a server gives a request shape it does not support (tools, format),
# and words its message then uses: the same question asked as text may be answered.
# Another bad request (a prompt too long) fails the same way as text, so is not retried.
UNSUPPORTED_STATUSES = (400, 422, 501)
_UNSUPPORTED_WORDS = re.compile(r"(?i)tool|function|response_format|schema|format|"
                                r"not supported|unsupported|does not support")

_METHODS = {"openai": TOOL_CALLING, "azure_openai": TOOL_CALLING,
            "anthropic": TOOL_CALLING, "ollama": JSON_SCHEMA}


def structured_method(model: str) -> str | None:
    """How ``PROVIDER:MODEL`` is asked for structured output (``None``: the
    integration's default)."""
    provider, _ = split_model(model)
    return _METHODS.get(provider or "")


def structured_runnable(chat: BaseChatModel, model: str,
                        schema: type[BaseModel]) -> tuple[Runnable[Any, Any], str] | None:
    """``chat`` asked for ``schema`` with the raw reply kept (``include_raw``), and the
    method's name; ``None`` when the model cannot be asked for structured output."""
    method = structured_method(model)
    try:
        if method is None:
            runnable = chat.with_structured_output(schema, include_raw=True)
        else:
            runnable = chat.with_structured_output(schema, include_raw=True, method=method)
    except (NotImplementedError, ValueError, TypeError, AttributeError):
        return None
    if method is None:
        from langchain_core.language_models import BaseChatModel

        # LangChain's own implementation binds the schema as a forced tool.
        own = type(chat).with_structured_output is BaseChatModel.with_structured_output
        method = TOOL_CALLING if own else "structured"
    return runnable, method


@dataclass
class StructuredReply(Generic[T]):
    """What a structured request brought back."""

    raw: BaseMessage | None
    answer: T | None
    error: str | None  # why there is no answer
    from_text: bool = False  # the answer is JSON the model wrote as text


def read_reply(output: Any, schema: type[T]) -> StructuredReply[T]:
    """The answer in ``with_structured_output(..., include_raw=True)``'s output: the
    parsed model, else the raw reply's text when it is the schema's JSON."""
    if not isinstance(output, dict):
        return StructuredReply(None, None, f"unexpected structured output {type(output).__name__}")
    raw = output.get("raw")
    parsed = output.get("parsed")
    if isinstance(parsed, schema):
        return StructuredReply(raw, parsed, None)
    if isinstance(parsed, dict):
        try:
            return StructuredReply(raw, schema.model_validate(parsed), None)
        except ValidationError as exc:
            return StructuredReply(raw, None, f"the answer does not match the schema ({exc})")
    error = output.get("parsing_error")
    text = reply_text(raw) if raw is not None else ""
    if text.strip() and not tool_calls_of(raw):
        try:  # a model that answered in text, with the JSON asked for
            return StructuredReply(raw, parse_answer(text, schema), None, from_text=True)
        except AnswerError as exc:
            return StructuredReply(raw, None, str(exc))
    calls = tool_calls_of(raw)
    if error is None and calls:
        return StructuredReply(raw, None, f"malformed tool call: {text[:120]!r}")
    if error is not None:
        first = str(error).strip().splitlines()
        return StructuredReply(raw, None, f"{type(error).__name__}: {first[0] if first else ''}")
    return StructuredReply(raw, None, "the reply carries no answer")


def tool_calls_of(message: Any) -> list[dict[str, Any]]:
    """The tool calls of a reply, valid and invalid (``[]`` for none)."""
    calls = list(getattr(message, "tool_calls", None) or [])
    calls += list(getattr(message, "invalid_tool_calls", None) or [])
    return calls


def reply_text(message: BaseMessage) -> str:
    """The text of a reply; for a reply that is only tool calls, their arguments as
    JSON (what the answer cost in output, and what a correction can quote)."""
    content = message.content
    if isinstance(content, str):
        text = content
    else:
        text = "".join(c if isinstance(c, str) else str(c.get("text", "")) for c in content
                       if isinstance(c, str) or (isinstance(c, dict) and c.get("type") == "text"))
    if text.strip():
        return text
    calls = tool_calls_of(message)
    if not calls:
        return text
    args = calls[0].get("args")
    return args if isinstance(args, str) else json.dumps(args, sort_keys=True)


def unsupported(status: int | None, message: str) -> bool:
    """Whether an error answer says the structured request's shape is not supported."""
    return status in UNSUPPORTED_STATUSES and bool(_UNSUPPORTED_WORDS.search(message))
