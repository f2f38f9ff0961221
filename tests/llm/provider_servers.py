"""Scripted HTTP servers speaking three providers' chat APIs, for the provider tests
(loopback only): the Anthropic Messages API, Azure OpenAI chat completions and the
Ollama chat API, each as far as the real LangChain clients use it.

A server answers from per-model scripts of actions, like ``llm_server.ScriptedServer``
(whose queue it reuses): ``{"content": "..."}`` a text answer whatever the request
asked for, ``{"answer": {...}}`` an answer in the form the request asked for (a
forced tool's call, or content under a JSON schema, as each API puts it), a
malformed tool call (``{"tool_args": "..."}`` raw OpenAI/Azure arguments,
``{"tool_input": {...}}`` an Anthropic or Ollama tool input), ``{"status": 529}``
an error (``"message"`` its text, ``"retry_after"`` a ``Retry-After`` header),
``{"hang": seconds}`` no answer for that long, ``{"drop": True}`` the connection closed
without an answer. The model an action is for is the request's ``model`` (the
deployment of the URL for Azure). ``requests`` records every request with its path,
query and (lower-cased) headers, so tests can check the key header and the model.

Each server also checks what the real service checks first: the path, the key
header against ``api_key`` (when set) and the protocol's required fields, and answers
a mistake with the service's own error status and body.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar, cast
from urllib.parse import parse_qsl, urlsplit

from llm_server import ScriptedServer, openai_message, serving_http, structured_request_error

# Fake keys shaped like each provider's real ones. Only the Anthropic one matches a
# generic key shape (``sk-...``); the others can only be redacted by name, because
# they sit in the provider's API-key environment variable.
ANTHROPIC_KEY = "sk-ant-api03-FAKEtestronaut0123456789abcdefSECRET-AA"
AZURE_KEY = "0f1e2d3c4b5a69788796a5b4c3d2e1f0"
OLLAMA_KEY = "4c0ffee5ecre7ab1e.FAKEollamaKEY0123456789"

AZURE_API_VERSION = "2024-10-21"


@dataclass(frozen=True)
class Seen:
    """One request as the server received it."""

    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]  # names lower-cased
    body: dict[str, Any]

    def credential(self) -> str | None:
        """The key the request carried: ``x-api-key`` or ``api-key``, else a bearer token."""
        for name in ("x-api-key", "api-key"):
            if name in self.headers:
                return self.headers[name]
        auth = self.headers.get("authorization", "")
        return auth[len("Bearer "):] if auth.startswith("Bearer ") else None


@dataclass
class ProviderServer(ScriptedServer):
    """A scripted server of one provider; see the module docstring."""

    api_key: str | None = None
    requests: list[Seen] = field(default_factory=list)
    # Request fields this server rejects with a 400, as an older server would:
    # "format" (an Ollama schema).
    unsupported: tuple[str, ...] = ()

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def seen_for(self, model: str) -> list[Seen]:
        """The requests whose model (or Azure deployment) is ``model``."""
        return [s for s in self.requests if _model_of(s) == model]


def _model_of(seen: Seen) -> str:
    match = _AZURE_PATH.match(seen.path)
    return match.group(1) if match else str(seen.body.get("model", ""))


class _ProviderHTTPServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, state: ProviderServer, handler: type[BaseHTTPRequestHandler]) -> None:
        super().__init__(("127.0.0.1", 0), handler)
        self.state = state


class ProviderHandler(BaseHTTPRequestHandler):
    """What every dialect shares: reading, recording, scripting, hanging, dropping."""

    path_pattern: ClassVar[re.Pattern[str]]

    @property
    def state(self) -> ProviderServer:
        return cast(_ProviderHTTPServer, self.server).state

    def log_message(self, format: str, *args: Any) -> None:
        pass  # keep the test output quiet

    def send_json(self, status: int, body: dict[str, Any],
                  headers: dict[str, str] | None = None) -> None:
        data = json.dumps(body).encode()
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)
        except OSError:
            pass  # the client gave up (a timeout test)

    def do_POST(self) -> None:
        url = urlsplit(self.path)
        length = int(self.headers.get("Content-Length", "0"))
        raw = self.rfile.read(length) if length else b""
        try:
            body = json.loads(raw or b"{}")
        except ValueError:
            body = {"_unparsed": raw.decode("utf-8", "replace")}
        seen = Seen(method="POST", path=url.path, query=dict(parse_qsl(url.query)),
                    headers={k.lower(): v for k, v in self.headers.items()},
                    body=body if isinstance(body, dict) else {"_body": body})
        with self.state.lock:
            self.state.requests.append(seen)
            self.state.hits.append(seen.body)
        if not self.path_pattern.match(url.path):
            self.not_found(seen)
            return
        if self.state.api_key is not None and seen.credential() != self.state.api_key:
            self.unauthorized(seen)
            return
        if self.invalid(seen):
            return
        action = self.state.next_action(_model_of(seen))
        if "hang" in action:
            self.state.stop.wait(float(action["hang"]))
            return
        if action.get("drop"):
            self.close_connection = True
            return  # nothing sent: the client sees the connection close
        if "status" in action:
            status = int(action["status"])
            headers = ({"Retry-After": str(action["retry_after"])}
                       if "retry_after" in action else {})
            self.send_error_body(status, str(action.get("message", f"scripted error {status}")),
                                 headers)
            return
        self.answer(seen, action)

    # --- per dialect -----------------------------------------------------------------
    def not_found(self, seen: Seen) -> None:
        raise NotImplementedError

    def unauthorized(self, seen: Seen) -> None:
        raise NotImplementedError

    def invalid(self, seen: Seen) -> bool:
        """Answer a request the real service would reject (and say so)."""
        del seen
        return False

    def send_error_body(self, status: int, message: str, headers: dict[str, str]) -> None:
        raise NotImplementedError

    def answer(self, seen: Seen, action: dict[str, Any]) -> None:
        raise NotImplementedError


# --- Anthropic: POST /v1/messages ------------------------------------------------------

_ANTHROPIC_ERROR_TYPES = {400: "invalid_request_error", 401: "authentication_error",
                          403: "permission_error", 404: "not_found_error",
                          413: "request_too_large", 429: "rate_limit_error",
                          500: "api_error", 529: "overloaded_error"}


class AnthropicHandler(ProviderHandler):
    """The Messages API: ``x-api-key`` (or a bearer token) and ``anthropic-version``
    headers; ``model``, ``max_tokens`` and ``messages`` required; errors as
    ``{"type": "error", "error": {"type": ..., "message": ...}}``."""

    path_pattern = re.compile(r"^/v1/messages$")

    def _error(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        kind = _ANTHROPIC_ERROR_TYPES.get(status, "api_error")
        self.send_json(status, {"type": "error", "error": {"type": kind, "message": message},
                                "request_id": f"req_scripted{len(self.state.requests)}"},
                       {"request-id": f"req_scripted{len(self.state.requests)}",
                        **(headers or {})})

    def not_found(self, seen: Seen) -> None:
        self._error(404, f"Not found: {seen.path}")

    def unauthorized(self, seen: Seen) -> None:
        del seen
        self._error(401, "invalid x-api-key")

    def invalid(self, seen: Seen) -> bool:
        if "anthropic-version" not in seen.headers:
            self._error(400, "anthropic-version: header is required")
            return True
        for name in ("model", "max_tokens", "messages"):
            if name not in seen.body:
                self._error(400, f"{name}: Field required")
                return True
        if seen.body.get("stream"):
            # The real API streams server-sent events; the agent's invoke() does not
            # ask for them, so a client that starts to must show up as a failure.
            self._error(400, "scripted server: stream=true is not scripted")
            return True
        problem = _anthropic_tools_error(seen.body)
        if problem is not None:
            self._error(400, problem)
            return True
        return False

    def send_error_body(self, status: int, message: str, headers: dict[str, str]) -> None:
        self._error(status, message, headers)

    def answer(self, seen: Seen, action: dict[str, Any]) -> None:
        tools = seen.body.get("tools") or []
        choice = seen.body.get("tool_choice") or {}
        tool = choice.get("name") or (tools[0]["name"] if tools else None)
        if tool is not None and ("tool_input" in action or "answer" in action):
            # A tool_use block: the input is an object (never text), and the turn
            # stops for the tool.
            content: list[dict[str, Any]] = [{
                "type": "tool_use", "id": f"toolu_scripted{len(self.state.requests)}",
                "name": tool, "input": action.get("tool_input", action.get("answer"))}]
            stop = "tool_use"
        else:
            text = (json.dumps(action["answer"]) if "answer" in action
                    else action.get("content", ""))
            content, stop = [{"type": "text", "text": text}], "end_turn"
        self.send_json(200, {
            "id": f"msg_scripted{len(self.state.requests)}", "type": "message",
            "role": "assistant", "model": seen.body["model"],
            "content": content,
            "stop_reason": stop, "stop_sequence": None,
            "usage": {"input_tokens": action.get("prompt_tokens", 1000),
                      "output_tokens": action.get("completion_tokens", 50)},
        }, {"request-id": f"req_scripted{len(self.state.requests)}"})


def _anthropic_tools_error(body: dict[str, Any]) -> str | None:
    """What the Messages API rejects in a tool request: each tool has a ``name`` and
    an object ``input_schema``; ``tool_choice`` ``{"type": "tool", "name": ...}``
    names one of them (or is ``auto``/``any``/``none``)."""
    names: list[str] = []
    for index, tool in enumerate(body.get("tools") or []):
        schema = tool.get("input_schema") if isinstance(tool, dict) else None
        if not tool.get("name") or not isinstance(schema, dict) or schema.get("type") != "object":
            return f"tools.{index}.custom.input_schema: Field required (an object schema)"
        names.append(tool["name"])
    choice = body.get("tool_choice")
    if choice is not None:
        kind = choice.get("type") if isinstance(choice, dict) else None
        if kind not in ("auto", "any", "tool", "none"):
            return "tool_choice.type: Input should be 'auto', 'any', 'tool' or 'none'"
        if kind == "tool" and choice.get("name") not in names:
            return f"tool_choice: tool {choice.get('name')!r} not found in tools"
    return None


# --- Azure OpenAI: POST /openai/deployments/<deployment>/chat/completions --------------

_AZURE_PATH = re.compile(r"^/openai/deployments/([^/]+)/chat/completions$")


class AzureHandler(ProviderHandler):
    """Azure OpenAI chat completions: the deployment in the path, ``api-version`` in
    the query, the key in an ``api-key`` header (or an Entra ID bearer token); the
    answer is OpenAI's plus Azure's content-filter results, and names the model
    behind the deployment, not the deployment."""

    path_pattern = _AZURE_PATH

    def _error(self, status: int, code: str, message: str,
               headers: dict[str, str] | None = None) -> None:
        self.send_json(status, {"error": {"code": code, "message": message}},
                       {"apim-request-id": f"scripted-{len(self.state.requests)}",
                        **(headers or {})})

    def not_found(self, seen: Seen) -> None:
        del seen
        self._error(404, "404", "Resource not found")

    def unauthorized(self, seen: Seen) -> None:
        del seen
        self._error(401, "401", "Access denied due to invalid subscription key or wrong API "
                    "endpoint. Make sure to provide a valid key for an active subscription "
                    "and use a correct regional API endpoint for your resource.")

    def invalid(self, seen: Seen) -> bool:
        if "api-version" not in seen.query:
            self._error(404, "404", "Resource not found")
            return True
        if "messages" not in seen.body:
            self._error(400, "BadRequest", "'messages' is a required property")
            return True
        problem = structured_request_error(seen.body)
        if problem is not None:
            self._error(400, "BadRequest", problem)
            return True
        return False

    def send_error_body(self, status: int, message: str, headers: dict[str, str]) -> None:
        code = {429: "429", 500: "InternalServerError"}.get(status, str(status))
        self._error(status, code, message, headers)

    def answer(self, seen: Seen, action: dict[str, Any]) -> None:
        safe = {"filtered": False, "severity": "safe"}
        filters = {"hate": safe, "self_harm": safe, "sexual": safe, "violence": safe}
        prompt, completion = action.get("prompt_tokens", 1000), action.get("completion_tokens", 50)
        message, finish = openai_message(seen.body, action)
        self.send_json(200, {
            "id": f"chatcmpl-scripted{len(self.state.requests)}", "object": "chat.completion",
            "created": 0, "model": action.get("model", "gpt-4o-mini-2024-07-18"),
            "system_fingerprint": "fp_scripted",
            "prompt_filter_results": [{"prompt_index": 0, "content_filter_results": filters}],
            "choices": [{"index": 0, "finish_reason": finish, "logprobs": None,
                         "message": message, "content_filter_results": filters}],
            "usage": {"prompt_tokens": prompt, "completion_tokens": completion,
                      "total_tokens": prompt + completion},
        }, {"apim-request-id": f"scripted-{len(self.state.requests)}"})


# --- Ollama: POST /api/chat -------------------------------------------------------------

class OllamaHandler(ProviderHandler):
    """Ollama's chat API: ``stream`` defaults to true and then the answer is NDJSON
    chunks ending in a ``"done": true`` line carrying the token counts; errors are
    ``{"error": "..."}``. Ollama has no keys of its own; with ``api_key`` set the
    server wants ``Authorization: Bearer <key>`` as ollama.com and auth proxies do."""

    path_pattern = re.compile(r"^/api/chat$")
    created_at: ClassVar[str] = "2025-01-01T00:00:00.000000Z"

    def not_found(self, seen: Seen) -> None:
        del seen
        self.send_json(404, {"error": "404 page not found"})

    def unauthorized(self, seen: Seen) -> None:
        del seen
        self.send_json(401, {"error": "unauthorized"})

    def invalid(self, seen: Seen) -> bool:
        model = seen.body.get("model")
        if not model:
            self.send_json(400, {"error": "model is required"})
            return True
        with self.state.lock:
            known = model in self.state.scripts or "*" in self.state.scripts
        if not known:
            self.send_json(404, {"error": f'model "{model}" not found, try pulling it first'})
            return True
        fmt = seen.body.get("format")
        if fmt not in (None, "", "json") and not (isinstance(fmt, dict)
                                                 and fmt.get("type") == "object"):
            self.send_json(400, {"error": "invalid JSON schema in format"})
            return True
        if isinstance(fmt, dict) and "format" in self.state.unsupported:
            # An Ollama older than 0.5 takes only format "json", not a schema.
            self.send_json(400, {"error": "invalid format: expected \"json\" or a JSON "
                                          "schema; this server does not support a schema"})
            return True
        return False

    def send_error_body(self, status: int, message: str, headers: dict[str, str]) -> None:
        self.send_json(status, {"error": message}, headers)

    def _final(self, seen: Seen, action: dict[str, Any], content: str,
               calls: list[dict[str, Any]] | None = None) -> dict[str, Any]:
        prompt, completion = action.get("prompt_tokens", 1000), action.get("completion_tokens", 50)
        message: dict[str, Any] = {"role": "assistant", "content": content}
        if calls:
            message["tool_calls"] = calls
        return {"model": seen.body["model"], "created_at": self.created_at,
                "message": message, "done": True,
                "done_reason": "stop", "total_duration": 1_000_000, "load_duration": 1_000,
                "prompt_eval_count": prompt, "prompt_eval_duration": 500_000,
                "eval_count": completion, "eval_duration": 400_000}

    def answer(self, seen: Seen, action: dict[str, Any]) -> None:
        # "answer": under a format (schema or "json") the content is the JSON; with
        # tools, a call whose arguments are an object (Ollama never sends them as
        # text); otherwise the JSON as text.
        tools = seen.body.get("tools") or []
        calls: list[dict[str, Any]] = []
        if tools and ("tool_input" in action or ("answer" in action
                                                 and not seen.body.get("format"))):
            calls = [{"function": {"name": tools[0]["function"]["name"],
                                   "arguments": action.get("tool_input", action.get("answer"))}}]
            content = ""
        elif "answer" in action:
            content = json.dumps(action["answer"])
        else:
            content = str(action.get("content", ""))
        if seen.body.get("stream", True) is False:
            self.send_json(200, self._final(seen, action, content, calls))
            return
        # NDJSON: a few content chunks (or one with the tool calls), then the closing
        # line with the counts. HTTP/1.0 without Content-Length: the end of the body
        # is the end of the connection.
        size = max(1, len(content) // 3)
        lines = [{"model": seen.body["model"], "created_at": self.created_at,
                  "message": {"role": "assistant", "content": content[i:i + size]},
                  "done": False} for i in range(0, len(content), size)]
        if calls:
            lines.append({"model": seen.body["model"], "created_at": self.created_at,
                          "message": {"role": "assistant", "content": "",
                                      "tool_calls": calls}, "done": False})
        lines.append(self._final(seen, action, ""))
        try:
            self.send_response(200)
            self.send_header("Content-Type", "application/x-ndjson")
            self.end_headers()
            for line in lines:
                self.wfile.write(json.dumps(line).encode() + b"\n")
                self.wfile.flush()
        except OSError:
            pass
        self.close_connection = True


@contextmanager
def serving(state: ProviderServer, handler: type[ProviderHandler]) -> Iterator[ProviderServer]:
    """Run ``handler`` for ``state`` on 127.0.0.1 (a free port) for the block."""
    with serving_http(state, _ProviderHTTPServer(state, handler)):
        yield state
