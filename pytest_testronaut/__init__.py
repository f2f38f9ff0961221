"""pytest-testronaut: AI-assisted end-to-end testing for command-line tools.

The plugin module is :mod:`pytest_testronaut.plugin`; the sandbox, analysis, plan,
verification and LLM layers live in their own subpackages.

pytest imports this package in every run of every user (through the ``pytest11``
entry point), so the public names below are loaded on first access (PEP 562): a run
that never touches them imports neither the sandbox nor pydantic nor docker.

PYTEST_DONT_REWRITE: nothing here asserts, and a test process that imported the
package before pytest marked it (pytester's in-process runs) must not be warned.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._version import __version__
    from .errors import TestronautError
    from .sandbox.result import FileChanges, RunResult
    from .session import TestronautWarning

__all__ = ["FileChanges", "RunResult", "TestronautError", "TestronautWarning", "__version__"]

# Public name -> the module that defines it.
_LAZY: dict[str, str] = {
    "FileChanges": ".sandbox.result",
    "RunResult": ".sandbox.result",
    "TestronautError": ".errors",
    "TestronautWarning": ".session",
}


def _version() -> str:
    try:
        from ._version import __version__ as version
    except ImportError:  # a source tree without setuptools-scm metadata
        return "0.0.0"
    return version


def __getattr__(name: str) -> Any:
    if name == "__version__":
        value: Any = _version()
    elif name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name], __name__), name)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value  # later accesses skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
