"""The analysis tests read the captured help corpus in ``help/``."""

from __future__ import annotations

# maintainer scripts and the corpus app need tools that only the capture venv has
collect_ignore = ["apps", "capture_corpus.py", "dump_parser.py"]
