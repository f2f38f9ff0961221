"""The Docker sandbox: images, hardened containers, runs with timeouts, files, cleanup.

Knows Docker and nothing about plans or verdicts.
"""

from __future__ import annotations

from .config import SandboxConfig, base_image_tag
from .container import Observer, Sandbox, Snapshot
from .manager import (
    SandboxManager,
    install_signal_handlers,
    install_sigterm_handler,
    remove_run,
    standalone_sandbox,
)
from .result import FileChanges, RunResult

__all__ = [
    "FileChanges",
    "Observer",
    "RunResult",
    "Sandbox",
    "SandboxConfig",
    "SandboxManager",
    "Snapshot",
    "base_image_tag",
    "install_signal_handlers",
    "install_sigterm_handler",
    "remove_run",
    "standalone_sandbox",
]
