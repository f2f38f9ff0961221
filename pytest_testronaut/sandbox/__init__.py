"""The Docker sandbox: images, hardened containers, runs with timeouts, files, cleanup.

Knows Docker and nothing about plans or verdicts.
"""

from __future__ import annotations

from .config import SandboxConfig
from .container import Sandbox, Snapshot
from .manager import SandboxManager, get_manager, standalone_sandbox
from .result import FileChanges, RunResult

__all__ = [
    "FileChanges",
    "RunResult",
    "Sandbox",
    "SandboxConfig",
    "SandboxManager",
    "Snapshot",
    "get_manager",
    "standalone_sandbox",
]
