"""Exceptions shared by every layer (no pytest here: the lower layers must not need it;
``TestronautWarning``, a ``pytest.PytestWarning``, lives in :mod:`.session`)."""

from __future__ import annotations


class TestronautError(Exception):
    """A problem testronaut explains to the user: the message says what and how to fix."""

    __test__ = False  # not a test class, despite the name


class EngineUnavailable(TestronautError):
    """No Docker engine answered."""


class ImageError(TestronautError):
    """An image could not be found, pulled or built."""


class InstallError(TestronautError):
    """An install step failed; the message carries its output."""
