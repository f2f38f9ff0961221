"""pytest entry point (placeholder during bootstrap)."""
