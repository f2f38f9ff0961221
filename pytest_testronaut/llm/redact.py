"""Keep secrets out of everything the LLM layer hands back.

Every string that leaves the layer (explanations, reasons, error texts, cache files,
log records) goes through :func:`redact`. Secrets are found two ways: the *values* of
environment variables whose names look secret (``OPENAI_API_KEY``, ``*_TOKEN``, ...),
read at call time so a key set late is still covered, and well-known key *shapes*
(``sk-...``, ``Bearer ...``) for keys that never were in the environment.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterable, Mapping

REDACTED = "[REDACTED]"

# Names of environment variables whose values are secrets.
_SECRET_NAME = re.compile(
    r"(API_?KEY|_KEY$|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|_AUTH$|AUTHORIZATION)",
    re.IGNORECASE,
)
# Values shorter than this are too likely to occur by chance ("1", "true").
_MIN_SECRET_LEN = 6
# Shapes of provider keys, for keys that reach us without the environment.
_KEY_SHAPES = (
    re.compile(r"\bsk-(?:ant-|proj-)?[A-Za-z0-9_\-]{12,}"),
    re.compile(r"(?i)\bbearer\s+[A-Za-z0-9_\-.=]{12,}"),
    re.compile(r"(?i)(api[_-]?key[\"']?\s*[:=]\s*[\"']?)[A-Za-z0-9_\-.]{8,}"),
)

_extra_secrets: set[str] = set()


def register_secret(value: str | None) -> None:
    """Redact ``value`` from now on (e.g. a key passed in code rather than the env)."""
    if value and len(value) >= _MIN_SECRET_LEN:
        _extra_secrets.add(value)


def secret_values(environ: Mapping[str, str] | None = None) -> list[str]:
    """Secret values known now, longest first so overlapping secrets redact fully."""
    env = os.environ if environ is None else environ
    found = {v for k, v in env.items() if _SECRET_NAME.search(k) and len(v) >= _MIN_SECRET_LEN}
    found |= _extra_secrets
    return sorted(found, key=len, reverse=True)


def redact(text: str, extra: Iterable[str] = ()) -> str:
    """``text`` with every known secret replaced by ``[REDACTED]``."""
    if not text:
        return text
    out = text
    for secret in [*secret_values(), *extra]:
        if secret and secret in out:
            out = out.replace(secret, REDACTED)
    for shape in _KEY_SHAPES:
        # A shape with a group keeps it ("api_key=") and redacts only the value.
        out = shape.sub((r"\g<1>" if shape.groups else "") + REDACTED, out)
    return out


def redact_obj(value: object) -> object:
    """Redact every string inside a JSON-like value (dicts, lists, strings)."""
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, dict):
        return {k: redact_obj(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [redact_obj(v) for v in value]
    return value


class RedactingFilter(logging.Filter):
    """A logging filter that redacts the formatted message of every record.

    Installed on the ``pytest_testronaut.llm`` logger and on the loggers of the
    provider clients (``openai``, ``httpx``, ``anthropic``), whose debug logs may echo
    request options.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string is not ours to fix
            return True
        cleaned = redact(message)
        if cleaned != message or record.args:
            record.msg = cleaned
            record.args = None
        return True


_FILTER = RedactingFilter()
# Logger filters do not apply to records of child loggers, so the children the
# provider clients really log to are listed too.
_GUARDED_LOGGERS = (
    "pytest_testronaut.llm", "openai", "openai._base_client", "httpx", "httpcore",
    "httpcore.http11", "httpcore.connection", "anthropic", "anthropic._base_client",
    "langchain", "langchain_core", "langchain_openai",
)


def install_log_redaction() -> None:
    """Attach the redacting filter to our logger and the provider clients' loggers."""
    for name in _GUARDED_LOGGERS:
        logger = logging.getLogger(name)
        if _FILTER not in logger.filters:
            logger.addFilter(_FILTER)
