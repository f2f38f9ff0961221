"""The deterministic tiers of compare_outputs, and the tier each verdict names."""

from __future__ import annotations

import pytest

from pytest_testronaut.verify import Rule, Verdict, compare_outputs

UUID_A = "5f0c9d7e-1a2b-4c3d-8e9f-0a1b2c3d4e5f"
UUID_B = "0b0e0a1c-2d3e-4f50-8a6b-7c8d9e0f1a2b"
UUID_C = "11111111-2222-4333-8444-555555555555"


def test_exact_tier() -> None:
    verdict = compare_outputs("same\n", "same\n")
    assert (verdict.outcome, verdict.tier, verdict.confidence, verdict.passed) == (
        "pass", "exact", 1.0, True)


def test_normalized_tier_pass_with_evidence() -> None:
    verdict = compare_outputs(f"id {UUID_A} in 0.2s\n", f"id {UUID_B} in 0.31s\n")
    assert (verdict.outcome, verdict.tier) == ("pass", "normalized")
    assert verdict.evidence["placeholders"]["actual"]["<UUID>"] == [UUID_B]
    assert "<UUID> x1" in verdict.explanation


def test_normalized_tier_fail_has_diff_and_first_difference() -> None:
    verdict = compare_outputs("found 3 files in 0.2s\nok\n", "found 4 files in 0.9s\nok\n")
    assert (verdict.outcome, verdict.tier, verdict.passed) == ("fail", "normalized", False)
    assert "expected 'found 3 files in <DURATION>', got 'found 4 files in <DURATION>'" in (
        verdict.explanation)
    assert verdict.diff is not None
    assert "-found 3 files in <DURATION>" in verdict.diff
    assert "+found 4 files in <DURATION>" in verdict.diff


def test_missing_and_extra_lines_are_named() -> None:
    assert "missing: 'b'" in compare_outputs("a\nb\nc", "a\nc").explanation
    assert "Unexpected line 2" in compare_outputs("a\nc", "a\nx\nc").explanation


def test_identity_of_repeated_ids_is_checked() -> None:
    expected = f"created {UUID_A}\ndeleted {UUID_A}"
    assert compare_outputs(expected, f"created {UUID_B}\ndeleted {UUID_B}").passed
    broken = compare_outputs(expected, f"created {UUID_B}\ndeleted {UUID_C}")
    assert (broken.outcome, broken.tier) == ("fail", "normalized")
    assert "repeat an earlier value" in broken.explanation
    # and the other way round: two ids where one was repeated is a change too
    assert not compare_outputs(f"a {UUID_A}\nb {UUID_B}", f"a {UUID_C}\nb {UUID_C}").passed


def test_json_structural_pass_ignores_key_order_and_normalizes_values() -> None:
    expected = f'{{"id": "{UUID_A}", "created": 1732690000, "count": 3, "tags": ["x", "y"]}}'
    actual = f'{{"tags": ["x", "y"], "count": 3, "created": 1732690042, "id": "{UUID_B}"}}'
    verdict = compare_outputs(expected, actual)
    assert (verdict.outcome, verdict.tier) == ("pass", "structural")
    assert verdict.evidence["structure"] == "JSON"


@pytest.mark.parametrize(
    ("expected", "actual"),
    [
        ('{"count": 3, "a": 1}', '{"a": 1, "count": 4}'),
        ('{"count": 3, "a": 1}', '{"a": 1, "count": "3"}'),
        ('{"ok": true, "a": 1}', '{"a": 1, "ok": 1}'),
        ('{"n": 1.0, "a": 1}', '{"a": 1, "n": 1}'),
        ('{"errors": null, "a": 1}', '{"a": 1, "errors": 0}'),
        ('{"status": "ok", "a": 1}', '{"a": 1, "state": "ok"}'),
        ('{"items": ["a", "b"], "x": 1}', '{"x": 1, "items": ["b", "a"]}'),
        ('{"items": ["a", "b"], "x": 1}', '{"x": 1, "items": ["a"]}'),
        (f'{{"{UUID_A}": "ok", "{UUID_B}": "fail"}}', f'{{"{UUID_C}": "fail"}}'),
    ],
)
def test_json_structural_fail(expected: str, actual: str) -> None:
    verdict = compare_outputs(expected, actual)
    assert (verdict.outcome, verdict.tier) == ("fail", "structural")
    assert verdict.diff


def test_json_with_duplicate_keys_is_not_treated_as_a_mapping() -> None:
    verdict = compare_outputs('{"a": 1, "a": 2}', '{"a": 3, "a": 2}')
    assert not verdict.passed


def test_json_lines() -> None:
    expected = '{"ts": 1732690000.5, "event": "start"}\n{"ts": 1732690001.5, "event": "stop"}'
    actual = '{"event": "start", "ts": 1732699999.25}\n{"event": "stop", "ts": 1732699999.5}'
    assert compare_outputs(expected, actual).tier == "structural"
    assert compare_outputs(expected, actual).passed
    assert not compare_outputs(expected, actual.replace("stop", "stopped")).passed


def test_forced_json_reports_invalid_documents() -> None:
    verdict = compare_outputs('{"a": 1}', "Traceback: boom", fmt="json")
    assert (verdict.outcome, verdict.tier) == ("fail", "structural")
    assert "actual output is not" in verdict.explanation


def test_yaml_structural_keeps_spelling_and_types() -> None:
    assert compare_outputs("name: x\nversion: 1.10\n", "version: 1.10\nname: x\n",
                           fmt="yaml").passed
    expected = "app:\n  name: x\n  version: 1.10\n"
    assert compare_outputs(expected, "app:\n  version: 1.10\n  name: x\n").tier == "structural"
    for changed in ("app:\n  version: 1.1\n  name: x\n", 'app:\n  version: "1.10"\n  name: x\n',
                    "app:\n  version: 1.10\n  name: y\n"):
        verdict = compare_outputs(expected, changed)
        assert (verdict.outcome, verdict.tier) == ("fail", "structural"), changed


def test_flat_key_value_report_lines_keep_their_order() -> None:
    verdict = compare_outputs("step1: ok\nstep2: ok\n", "step2: ok\nstep1: ok\n")
    assert (verdict.outcome, verdict.tier) == ("fail", "normalized")


def test_yaml_duplicate_keys_fall_back_to_text() -> None:
    verdict = compare_outputs("Error: a\nError: b\n", "Error: c\nError: b\n")
    assert (verdict.outcome, verdict.tier) == ("fail", "normalized")


def test_unordered_line_sets() -> None:
    assert not compare_outputs("red\ngreen\nblue", "blue\nred\ngreen").passed
    verdict = compare_outputs("red\ngreen\nblue", "blue\nred\ngreen", unordered=True)
    assert (verdict.outcome, verdict.tier) == ("pass", "structural")
    dup = compare_outputs("red\ngreen", "red\nred\ngreen", unordered=True)
    assert (dup.outcome, dup.tier) == ("fail", "structural")
    assert "1 unexpected line" in dup.explanation
    assert not compare_outputs("red\ngreen", "green", unordered=True).passed


def test_unordered_json_arrays() -> None:
    assert compare_outputs('{"ids": [1, 2, 3]}', '{"ids": [3, 1, 2]}', unordered=True).passed
    assert not compare_outputs('{"ids": [1, 2, 3]}', '{"ids": [3, 1]}', unordered=True).passed


def test_tables_compare_cell_wise() -> None:
    expected = "NAME   STATUS   AGE\nweb    Up       3\ndb     Up       5\n"
    realigned = "NAME      STATUS  AGE\nweb       Up      3\ndb        Up      5\n"
    verdict = compare_outputs(expected, realigned)
    assert (verdict.outcome, verdict.tier) == ("pass", "structural")
    changed = "NAME      STATUS  AGE\nweb       Exited  3\ndb        Up      5\n"
    assert not compare_outputs(expected, changed).passed
    forced = compare_outputs(expected, changed, fmt="table")
    assert (forced.outcome, forced.tier) == ("fail", "structural")
    # indentation is structure unless a right-aligned number moves it
    assert not compare_outputs("a\n  b", "a\nb").passed
    assert compare_outputs("  PID CMD\n  12 sh\n", "  PID CMD\n12345 sh\n").passed


def test_text_format_skips_structure() -> None:
    verdict = compare_outputs('{"a": 1, "b": 2}', '{"b": 2, "a": 1}', fmt="text")
    assert (verdict.outcome, verdict.tier) == ("fail", "normalized")


def test_user_rules_and_disabling_defaults() -> None:
    rule = Rule("build", r"build-\d+", "BUILD")
    assert compare_outputs("build-17 ok", "build-18 ok", rules=[rule]).passed
    assert not compare_outputs("build-17 ok", "build-18 ok").passed
    verdict = compare_outputs("at 02:36:00", "at 02:36:01", use_default_rules=False)
    assert not verdict.passed


def test_bad_arguments_raise() -> None:
    with pytest.raises(ValueError, match="fmt must be one of"):
        compare_outputs("a", "b", fmt="xml")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="Rule objects"):
        compare_outputs("a", "b", rules=["x=y=>Z"])  # type: ignore[list-item]


def test_semantic_without_judge_stays_deterministic_fail() -> None:
    verdict = compare_outputs("3 files", "4 files", semantic=True)
    assert (verdict.outcome, verdict.tier) == ("fail", "normalized")


def test_verdict_model_round_trips() -> None:
    verdict = compare_outputs("3 files", "4 files")
    again = Verdict.model_validate_json(verdict.model_dump_json())
    assert again == verdict
    assert again.summary().startswith("fail (normalized): ")
