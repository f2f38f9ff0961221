"""Tiered verification of command output: exact, normalized, structural, semantic.

No LLM lives here: the semantic tier asks an injected :class:`Judge`.
"""

from __future__ import annotations

from .compare import check_expectation, compare_outputs, unified_diff
from .discover import propose_rules
from .judge import Judge, Judgement, JudgeRequest, JudgeVerdict
from .normalize import Normalized, clean_terminal, normalize
from .rules import DEFAULT_RULES, Replacement, Rule, RuleError
from .semantic import DEFAULT_SEGMENT_CHARS, segment_pairs, segment_text
from .verdict import Verdict

__all__ = [
    "DEFAULT_RULES",
    "DEFAULT_SEGMENT_CHARS",
    "Judge",
    "JudgeRequest",
    "JudgeVerdict",
    "Judgement",
    "Normalized",
    "Replacement",
    "Rule",
    "RuleError",
    "Verdict",
    "check_expectation",
    "clean_terminal",
    "compare_outputs",
    "normalize",
    "propose_rules",
    "segment_pairs",
    "segment_text",
    "unified_diff",
]
