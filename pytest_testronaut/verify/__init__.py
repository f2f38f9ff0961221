"""Tiered verification of command output: exact, normalized, structural, semantic.

No LLM lives here: the semantic tier asks an injected :class:`Judge`.
"""

from __future__ import annotations

from .checks import (
    check_contains,
    check_exit,
    check_json,
    check_json_equal,
    check_json_subset,
    check_not_contains,
    check_regex,
    escape_nonprintable,
    excerpt,
    exit_matches,
    json_equal,
    json_subset,
    parse_json,
    regex_search,
    unified_diff,
    validate_exit,
)
from .compare import check_expectation, compare_outputs
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
    "check_contains",
    "check_exit",
    "check_expectation",
    "check_json",
    "check_json_equal",
    "check_json_subset",
    "check_not_contains",
    "check_regex",
    "clean_terminal",
    "compare_outputs",
    "escape_nonprintable",
    "excerpt",
    "exit_matches",
    "json_equal",
    "json_subset",
    "normalize",
    "parse_json",
    "regex_search",
    "segment_pairs",
    "segment_text",
    "unified_diff",
    "validate_exit",
]
