"""The response cache: one committed JSON file per answer, so an unchanged re-run
makes no model call and ``--testronaut-offline`` can replay a whole run.

Layout: ``<cache>/llm/<key[:2]>/<key>.json`` where ``key`` is the SHA-256 of the model,
the messages and the parameters. Files are sorted, indented JSON without timestamps,
so they diff cleanly in review; writes are atomic and serialised with a file lock,
so pytest-xdist workers sharing the folder never see half a file. Secrets are
redacted before anything is written.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .prompts import PROMPT_VERSION, Message
from .redact import redact, redact_obj

CACHE_SUBDIR = "llm"


def cache_key(model: str, messages: list[Message], params: dict[str, Any]) -> str:
    """Stable key of one request. Secrets are redacted first so the same run with a
    different key in the environment still hits."""
    payload = {
        "model": model,
        "messages": [[role, redact(content)] for role, content in messages],
        "params": params,
        "prompt_version": PROMPT_VERSION,
    }
    blob = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class CachedAnswer:
    text: str
    model: str
    input_tokens: int
    output_tokens: int


class ResponseCache:
    """Answers stored under ``root`` (normally ``<settings.cache>/llm``)."""

    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.root = Path(root)

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.json"

    def get(self, key: str) -> CachedAnswer | None:
        path = self._path(key)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return CachedAnswer(
                text=str(data["response"]),
                model=str(data["model"]),
                input_tokens=int(data.get("usage", {}).get("input_tokens", 0)),
                output_tokens=int(data.get("usage", {}).get("output_tokens", 0)),
            )
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            # A hand-edited or merge-conflicted entry is a miss, not a crash.
            return None

    def put(self, key: str, *, model: str, task: str, messages: list[Message],
            response: str, input_tokens: int, output_tokens: int) -> Path:
        from filelock import FileLock

        entry = redact_obj({
            "key": key,
            "model": model,
            "task": task,
            "prompt_version": PROMPT_VERSION,
            "messages": [{"role": role, "content": content} for role, content in messages],
            "response": response,
            "usage": {"input_tokens": input_tokens, "output_tokens": output_tokens},
        })
        text = json.dumps(entry, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        # The lock lives beside the cache, not in it, so it is never committed by accident.
        lock_dir = Path(tempfile.gettempdir()) / "testronaut-llm-locks"
        lock_dir.mkdir(exist_ok=True)
        with FileLock(str(lock_dir / f"{key[:2]}.lock"), timeout=30):
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as handle:
                    handle.write(text)
                os.replace(tmp, path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        return path
