"""pytest-testronaut: AI-assisted end-to-end testing for command-line tools.

The plugin module is :mod:`pytest_testronaut.plugin`; the sandbox, analysis, plan,
verification and LLM layers live in their own subpackages.
"""

from __future__ import annotations

try:
    from ._version import __version__
except ImportError:  # a source tree without setuptools-scm metadata
    __version__ = "0.0.0"

from .errors import TestronautError, TestronautWarning
from .sandbox.result import FileChanges, RunResult

__all__ = ["FileChanges", "RunResult", "TestronautError", "TestronautWarning", "__version__"]
