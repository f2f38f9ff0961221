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

    ``{"content": "..."}`` a normal answer, ``{"status": 429}`` an error,
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
            action = server.next_action(model)
            if "hang" in action:
                server.stop.wait(float(action["hang"]))
                return
            if "status" in action:
                self._send(int(action["status"]), {"error": {
                    "message": action.get("message", f"scripted error {action['status']}"),
                    "type": "server_error", "code": None}})
                return
            message: dict[str, Any] = {"role": "assistant", "content": action.get("content")}
            if "refusal" in action:
                message = {"role": "assistant", "content": None, "refusal": action["refusal"]}
            self._send(200, {
                "id": f"chatcmpl-{len(server.hits)}", "object": "chat.completion",
                "created": 0, "model": model,
                "choices": [{"index": 0, "message": message, "finish_reason": "stop"}],
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
