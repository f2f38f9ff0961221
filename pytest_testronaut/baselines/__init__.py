"""Performance baselines of container steps: measure, store, compare.

Every command a test, plan case or workflow step runs in a sandbox gives three
measures: ``wall`` (seconds, on the host), and from inside the container ``cpu``
(user + system seconds of the process tree) and ``memory`` (peak resident bytes).
A step's rounds are kept as pytest-benchmark keeps a benchmark's (its ``Stats``),
stored in pytest-benchmark's format and layout (a folder per machine id, numbered
JSON files), so ``pytest-benchmark --storage DIR compare`` reads them too, and
compared with its ``--benchmark-compare-fail`` expressions plus a minimum absolute
difference. Knows no pytest.
"""

from .compare import Comparison, Outcome, compare, machine_differences, parse_checks
from .measure import MEASURES, UNITS, Round, rounds_from_results, stats_of
from .storage import BaselineError, BaselineStore, build_document, machine_id, machine_info

__all__ = [
    "MEASURES",
    "UNITS",
    "BaselineError",
    "BaselineStore",
    "Comparison",
    "Outcome",
    "Round",
    "build_document",
    "compare",
    "machine_differences",
    "machine_id",
    "machine_info",
    "parse_checks",
    "rounds_from_results",
    "stats_of",
]
