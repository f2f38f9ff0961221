"""The deterministic tiers of compare_outputs, and the tier each verdict names."""

from __future__ import annotations

import json
import time
import uuid

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
    assert "one value in the expected output is two" in broken.explanation
    # and the other way round: two ids where one was repeated is a change too
    assert not compare_outputs(f"a {UUID_A}\nb {UUID_B}", f"a {UUID_C}\nb {UUID_C}").passed
    # the old value kept on a line that did not change, the new one on another
    kept = compare_outputs(expected, f"created {UUID_A}\ndeleted {UUID_B}")
    assert not kept.passed and "still shows the old value" in kept.explanation


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


def test_spacing_is_part_of_the_output_unless_a_dynamic_value_changed_width() -> None:
    expected = "NAME   STATUS   AGE\nweb    Up       3\ndb     Up       5\n"
    realigned = "NAME      STATUS  AGE\nweb       Up      3\ndb        Up      5\n"
    verdict = compare_outputs(expected, realigned)
    assert (verdict.outcome, verdict.tier) == ("fail", "normalized")
    assert "only the spacing differs" in verdict.explanation
    # the case may declare the output a table: then cells compare whatever the spacing
    forced = compare_outputs(expected, realigned, fmt="table")
    assert (forced.outcome, forced.tier) == ("pass", "structural")
    changed = "NAME      STATUS  AGE\nweb       Exited  3\ndb        Up      5\n"
    assert not compare_outputs(expected, changed).passed
    assert not compare_outputs(expected, changed, fmt="table").passed
    # indentation is structure unless a right-aligned number moves it
    assert not compare_outputs("a\n  b", "a\nb").passed
    assert compare_outputs("  PID CMD\n  12 sh\n", "  PID CMD\n12345 sh\n").passed


def test_lost_padding_is_a_regression() -> None:
    # wc pads its counts; the same counts without the padding are another format
    verdict = compare_outputs("      2       3      14\n", "2 3 14\n")
    assert not verdict.passed
    assert "padding" in verdict.explanation


def test_a_table_realigns_where_a_dynamic_value_changed_width() -> None:
    expected = ("CONTAINER        CREATED              STATUS\n"
                "web              2 seconds ago        Up\n"
                "db               3 seconds ago        Up\n\n"
                "total 2\n")
    actual = ("CONTAINER        CREATED               STATUS\n"
              "web              12 seconds ago        Up\n"
              "db               13 seconds ago        Up\n\n"
              "total 2\n")
    assert compare_outputs(expected, actual).passed
    # a block without a width change keeps its spacing
    assert not compare_outputs(expected, actual.replace("total 2", "total  2")).passed
    assert not compare_outputs(expected, actual.replace("Up\n\n", "Exited\n\n")).passed


def _iso(seconds: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(seconds))


def test_timestamps_are_dynamic_near_the_clock_not_because_they_look_like_dates() -> None:
    now = time.time()
    # a re-run seconds or days later
    assert compare_outputs(f"started {_iso(now - 50)}Z\n", f"started {_iso(now - 3)}Z\n").passed
    assert compare_outputs(f"at {_iso(now - 2 * 86400 - 77)}\n", f"at {_iso(now - 5)}\n").passed
    # a computed date that changed: the leap-day bug, with and without a time of day
    assert not compare_outputs("2024-02-29\n", "2024-03-01\n").passed
    assert not compare_outputs("2024-02-29 12:00:00\n", "2024-03-01 12:00:00\n").passed
    # an hour exactly: the same instant printed in another zone, or a shifted time
    assert not compare_outputs(f"{_iso(now - 7200)}\n", f"{_iso(now - 3600)}\n").passed
    # zone names and offsets are kept
    stamp = _iso(now - 60)
    assert not compare_outputs(f"{stamp}+00:00\n", f"{_iso(now - 30)}+09:00\n").passed
    assert not compare_outputs(f"{stamp} UTC\n", f"{_iso(now - 30)} JST\n").passed
    # a time years ahead is not the run's clock (an expiry a month ahead may move with it)
    assert not compare_outputs(f"expires {_iso(now + 800 * 86400)}\n",
                               f"expires {_iso(now + 800 * 86400 + 9)}\n").passed
    assert compare_outputs(f"expires {_iso(now + 30 * 86400)}\n",
                           f"expires {_iso(now + 30 * 86400 + 9)}\n").passed


def test_epoch_values_are_dynamic_only_near_the_clock() -> None:
    now = int(time.time())
    assert compare_outputs(f"{now - 40}\n", f"{now - 2}\n").passed
    assert compare_outputs(f"{(now - 40) * 10**9 + 123}\n", f"{now * 10**9 + 7}\n").passed
    # a computed epoch (2024-02-29 against 2024-03-01), and a count that only looks like one
    assert not compare_outputs("1709164800\n", "1709251200\n").passed
    assert not compare_outputs(f"{now - 40}\n", f"{(now - 2) * 1000}\n").passed


def test_uuids_by_version() -> None:
    assert compare_outputs(f"id {uuid.uuid4()}\n", f"id {uuid.uuid4()}\n").passed
    assert compare_outputs(f"id {uuid.uuid1()}\n", f"id {uuid.uuid1()}\n").passed
    name_based = compare_outputs(f"id {uuid.uuid5(uuid.NAMESPACE_DNS, 'example.com')}\n",
                                 f"id {uuid.uuid5(uuid.NAMESPACE_DNS, 'example.org')}\n")
    assert not name_based.passed and "version-5" in name_based.explanation
    assert not compare_outputs(f"id {uuid.uuid4()}\n", f"id {uuid.uuid1()}\n").passed
    # random hex in a UUID's shape (no RFC variant) has no version to keep
    assert compare_outputs("id 25329041-9fcd-b9e1-094c-56b9006d2cc7\n",
                           "id 4b6ea010-bea4-256e-36c2-a4c7d885bbac\n").passed


def test_temporary_paths_by_the_patterns_of_mktemp_and_tempfile() -> None:
    assert compare_outputs("/tmp/tmp.Xh3kLq0aZp\n", "/tmp/tmp.9QwErTy7Ui\n").passed
    assert compare_outputs("to /tmp/report-pq1q3fcw.txt\n", "to /tmp/report-v6icxhvc.txt\n").passed
    assert compare_outputs("lock /tmp/myapp.aOFlBW\n", "lock /tmp/myapp.cW8FCe\n").passed
    assert not compare_outputs("wrote /tmp/build-1/out\n", "wrote /tmp/build-2/out\n").passed
    assert not compare_outputs("to /tmp/report-pq1q3fcw.txt\n", "to /tmp/report-v6icxhvc.csv\n").passed


def test_json_keys_that_say_they_are_volatile() -> None:
    first = {"request_id": "a1", "created_at": "yesterday", "pid": 10, "duration_ms": 4.5,
             "latencyP50": 3, "elapsed": 1, "uptime_s": 100, "status": 200, "owner": None}
    second = {**first, "request_id": "b22", "created_at": "today", "pid": 11,
              "duration_ms": 14.25, "latencyP50": 4, "elapsed": 2, "uptime_s": 170}
    verdict = compare_outputs(json.dumps(first), json.dumps(second))
    assert (verdict.outcome, verdict.tier) == ("pass", "structural"), verdict.explanation
    assert not compare_outputs(json.dumps(first), json.dumps({**second, "status": 500})).passed
    # the type is kept: a volatile value that became null is a change
    assert not compare_outputs(json.dumps(first), json.dumps({**second, "pid": None})).passed
    assert not compare_outputs(json.dumps(first), json.dumps({**second, "pid": "11"})).passed


def test_json_dynamic_values_still_change_as_a_rerun_does() -> None:
    name_based = uuid.uuid5(uuid.NAMESPACE_DNS, "a")
    first = json.dumps({"build": "2024-02-29", "id": str(name_based)})
    second = json.dumps({"build": "2024-03-01", "id": str(name_based)})
    verdict = compare_outputs(first, second)
    assert (verdict.outcome, verdict.tier) == ("fail", "structural")
    assert "date" in verdict.explanation


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


def test_disk_and_memory_usage_columns_move_between_runs() -> None:
    df = ("Filesystem      Size  Used Avail Use% Mounted on\n"
          "overlay          98G   45G   49G  48% /\n"
          "tmpfs            64M     0   64M   0% /dev\n")
    later = df.replace("45G   49G  48%", "46G   48G  49%")
    assert compare_outputs(df, later).passed
    assert not compare_outputs(df, later.replace("98G", "99G")).passed  # the size is data
    assert not compare_outputs(df, later.replace("/dev", "/run")).passed
    free = ("               total        used        free      shared  buff/cache   available\n"
            "Mem:            15Gi       2.1Gi        10Gi        12Mi       3.2Gi        13Gi\n")
    assert compare_outputs(free, free.replace("2.1Gi        10Gi", "2.3Gi       9.9Gi")).passed
    assert not compare_outputs(free, free.replace("15Gi", "16Gi")).passed
