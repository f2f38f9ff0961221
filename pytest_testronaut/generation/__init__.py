"""Deterministic plan generation from a :class:`~pytest_testronaut.analysis.CliSpec`:
smoke, per-option and per-subcommand cases with sample and boundary values, error
cases, lifecycle workflows; authoring (enrichment, LLM-proposed cases, writing or
merging the plan file) and the cost estimate of judging a plan. Knows nothing of the
LLM layer: an agent comes in through the small protocols of :mod:`.authoring`."""

from .authoring import Authored, author_plan, write_or_merge
from .cases import SCOPES, generate_cases, generate_plan
from .estimate import judge_requests

__all__ = [
    "SCOPES",
    "Authored",
    "author_plan",
    "generate_cases",
    "generate_plan",
    "judge_requests",
    "write_or_merge",
]
