"""notekeeper: a tiny JSON-file note store (the example tool of pytest-testronaut)."""

__version__ = "1.2.0"

__all__ = ["__version__"]
