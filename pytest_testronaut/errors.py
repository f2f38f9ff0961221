"""Exceptions and warnings shared by every layer."""

from __future__ import annotations

import pytest


class TestronautError(Exception):
    """A problem testronaut explains to the user: the message says what and how to fix."""

    __test__ = False  # not a test class, despite the name


class EngineUnavailable(TestronautError):
    """No Docker engine answered."""


class ImageError(TestronautError):
    """An image could not be found, pulled or built."""


class InstallError(TestronautError):
    """An install step failed; the message carries its output."""


class TestronautWarning(pytest.PytestWarning):
    """Warnings issued by testronaut."""

    __test__ = False
