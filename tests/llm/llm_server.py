"""A scripted OpenAI-compatible HTTP server for the LLM layer tests (loopback only)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

FAKE_KEY = "sk-testronaut-FAKE-0123456789abcdefSECRET"


@dataclass
class ScriptedServer:
    """Answers ``POST /v1/chat/completions`` from per-model scripts of actions:

    ``{"content": "..."}`` a text answer (whatever the request asked for: a model
    that ignores tools), ``{"answer": {...}}`` an answer in the form the request
    asked for (see :func:`openai_message`), ``{"tool_args": "..."}`` a tool call
    with these raw arguments (malformed ones too), ``{"status": 429}`` an error,
    ``{"hang": seconds}`` no answer, ``{"refusal": "..."}`` an OpenAI refusal.
    Model ``"*"`` serves any model without its own script. ``hits`` records every
    request body.
    """

    port: int = 0
    scripts: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    hits: list[dict[str, Any]] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def script(self, *actions: dict[str, Any], model: str = "*") -> None:
        self.scripts[model] = list(actions)

    def next_action(self, model: str) -> dict[str, Any]:
        with self.lock:
            queue = self.scripts.get(model) or self.scripts.get("*") or []
            if not queue:
                return {"status": 500, "message": "script exhausted"}
            return queue.pop(0)

    def hits_for(self, model: str) -> int:
        return sum(1 for h in self.hits if h.get("model") == model)


def structured_request_error(body: dict[str, Any]) -> str | None:
    """What OpenAI's chat completions API rejects in a tool or schema request (None:
    nothing): a forced ``tool_choice`` must name a function of ``tools``, each tool
    is ``{"type": "function", "function": {"name", "parameters"}}``, a
    ``json_schema`` response format carries ``json_schema.name`` and ``.schema``."""
    tools = body.get("tools")
    names: list[str] = []
    for tool in tools or []:
        function = tool.get("function") if isinstance(tool, dict) else None
        if tool.get("type") != "function" or not isinstance(function, dict) or \
                not function.get("name") or not isinstance(function.get("parameters"), dict):
            return "Invalid 'tools': each tool is {type: function, function: {name, parameters}}"
        names.append(function["name"])
    choice = body.get("tool_choice")
    if isinstance(choice, dict):
        name = (choice.get("function") or {}).get("name")
        if choice.get("type") != "function" or name not in names:
            return f"Invalid 'tool_choice': function {name!r} is not in 'tools'"
    fmt = body.get("response_format")
    if isinstance(fmt, dict) and fmt.get("type") == "json_schema":
        spec = fmt.get("json_schema") or {}
        if not spec.get("name") or not isinstance(spec.get("schema"), dict):
            return "Invalid 'response_format': json_schema needs a name and a schema"
    return None


def openai_message(body: dict[str, Any], action: dict[str, Any]) -> tuple[dict[str, Any], str]:
    """The assistant message (and finish reason) answering ``body`` by ``action``.

    ``answer`` goes where the request asked for it, as OpenAI's API puts it: the
    arguments of a call of the forced tool (a JSON *string*, finish reason
    ``tool_calls``), or the content under a ``json_schema`` response format, or the
    content as JSON text. ``tool_args`` is a call of the first tool with exactly
    those argument text. ``content`` is text whatever was asked."""
    tools = body.get("tools") or []
    tool = tools[0]["function"]["name"] if tools else "answer"
    choice = body.get("tool_choice")
    if isinstance(choice, dict):
        tool = choice["function"]["name"]
    call_id = f"call_scripted{abs(hash(json.dumps(body, sort_keys=True))) % 10**8}"
    if "tool_args" in action or ("answer" in action and tools):
        arguments = action.get("tool_args", json.dumps(action.get("answer")))
        return {"role": "assistant", "content": None, "refusal": None, "tool_calls": [
            {"id": call_id, "type": "function",
             "function": {"name": tool, "arguments": arguments}}]}, "tool_calls"
    if "refusal" in action:
        return {"role": "assistant", "content": None, "refusal": action["refusal"]}, "stop"
    content = json.dumps(action["answer"]) if "answer" in action else action.get("content")
    return {"role": "assistant", "content": content, "refusal": None}, "stop"


def make_handler(server: ScriptedServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass  # keep the test output quiet

        def _send(self, status: int, body: dict[str, Any]) -> None:
            data = json.dumps(body).encode()
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except OSError:
                pass  # the client gave up (a timeout test)

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            body = json.loads(self.rfile.read(length) or b"{}")
            with server.lock:
                server.hits.append(body)
            model = str(body.get("model", ""))
            problem = structured_request_error(body)
            if problem is not None:  # checked first, as the real API does
                self._send(400, {"error": {"message": problem, "type": "invalid_request_error",
                                           "param": None, "code": None}})
                return
            action = server.next_action(model)
            if "hang" in action:
                server.stop.wait(float(action["hang"]))
                return
            if "status" in action:
                self._send(int(action["status"]), {"error": {
                    "message": action.get("message", f"scripted error {action['status']}"),
                    "type": "server_error", "code": None}})
                return
            message, finish = openai_message(body, action)
            self._send(200, {
                "id": f"chatcmpl-{len(server.hits)}", "object": "chat.completion",
                "created": 0, "model": model,
                "choices": [{"index": 0, "message": message, "finish_reason": finish}],
                "usage": {"prompt_tokens": action.get("prompt_tokens", 1000),
                          "completion_tokens": action.get("completion_tokens", 50),
                          "total_tokens": 1050},
            })

    return Handler


@contextmanager
def serving_http(state: ScriptedServer, httpd: HTTPServer) -> Iterator[None]:
    """Serve ``httpd`` (bound to 127.0.0.1) for the block; ``state.port`` is its port."""
    state.port = httpd.server_address[1]
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield
    finally:
        state.stop.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)
