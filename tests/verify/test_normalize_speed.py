"""Normalization of long outputs: the line filter gives exactly what running every
default rule over the whole text gives, in a fraction of the time; comparisons of long
outputs stay bounded in time."""

from __future__ import annotations

import importlib
import importlib.util
import json
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from pytest_testronaut.verify import compare_outputs, line_filter, normalize
from pytest_testronaut.verify.checks import line_opcodes, unified_diff
from pytest_testronaut.verify.normalize import _normalize_columns, clean_terminal
from pytest_testronaut.verify.rules import DEFAULT_RULES, Replacement, Rule, _within_lines


def _benchmark_sample() -> Callable[..., str]:
    """``sample_output`` of benchmarks/normalize_speed.py: the same generated output."""
    path = Path(__file__).resolve().parents[2] / "benchmarks" / "normalize_speed.py"
    spec = importlib.util.spec_from_file_location("normalize_speed", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses and pickling look a module up
    spec.loader.exec_module(module)
    sample: Callable[..., str] = module.sample_output
    return sample


sample_output = _benchmark_sample()
# the module (the package exports the function of the same name)
normalize_module = importlib.import_module("pytest_testronaut.verify.normalize")

PAIRS = Path(__file__).parent / "data" / "pairs.jsonl"
UNICODE = [
    "took\u00a05 s and ran 3\u2009ms; elapsed: ٣ s, pid: ١٢٣٤, time ١٢:٣٤:٥٦\n",
    "━━━━━━ 40% ⠋ 5µs 6μs 7ms [=====>    ] café über\n",
    "HOST: web-1 \u212aernel pid=5 \u017fha256:0123456789abcdef0123 \u0130NODE 12\n",
    "Nov\u00a02 10:00 2024-01-02T10:00:00Z 日本語 inet6 fe80::1 up 3\u00a0days\n",
]


def rule_by_rule(text: str) -> tuple[str, list[Replacement]]:
    """The reference: every default rule over the whole text, in order."""
    found: list[Replacement] = []
    for rule in DEFAULT_RULES:
        text = rule.apply(text, found)
    return text, found


def filtered(text: str) -> tuple[str, list[Replacement]]:
    found: list[Replacement] = []
    return line_filter.apply_line_rules(text, DEFAULT_RULES, found), found


def corpus() -> list[str]:
    texts = []
    for line in PAIRS.read_text(encoding="utf-8").splitlines():
        pair = json.loads(line)
        texts += [pair["expected"], pair["actual"]]
    return texts


@pytest.fixture
def always_filter(monkeypatch: pytest.MonkeyPatch) -> None:
    """The line filter for every text, and slices of a few lines, so that the short
    texts of the corpus and slice boundaries are exercised too."""
    monkeypatch.setattr(line_filter, "SMALL_TEXT", 0)
    monkeypatch.setattr(line_filter, "SLICE_CHARS", 150)


def test_every_default_rule_has_needles() -> None:
    assert {rule.name for rule in DEFAULT_RULES} == set(line_filter.NEEDLES)
    assert set(line_filter.ALSO_NEEDED) <= set(line_filter.NEEDLES)


@pytest.mark.usefixtures("always_filter")
def test_the_filter_equals_rule_by_rule_on_the_labelled_outputs() -> None:
    texts = corpus()
    mismatched = [t[:200] for t in texts if filtered(t) != rule_by_rule(t)]
    assert mismatched == []
    everything = "\n".join(texts)  # one long text, cut in slices
    assert filtered(everything) == rule_by_rule(everything)


@pytest.mark.usefixtures("always_filter")
@pytest.mark.parametrize("text", UNICODE)
def test_the_filter_equals_rule_by_rule_beyond_ascii(text: str) -> None:
    assert filtered(text * 3) == rule_by_rule(text * 3)


@pytest.mark.parametrize("mix", ["dense", "typical"])
def test_the_filter_equals_rule_by_rule_on_long_generated_output(mix: str) -> None:
    text = sample_output(0.3, 5, mix) + "".join(UNICODE) * 50
    assert len(text) > line_filter.SMALL_TEXT
    assert filtered(text) == rule_by_rule(text)


def test_default_rules_stay_within_a_line() -> None:
    # a timestamp's zone, a commit's hash or a duration on the next line is not theirs
    assert normalize("at 2024-01-02 10:00\n+0100 rows").text == "at <TIMESTAMP>\n+0100 rows"
    assert normalize("second commit\ndd798a0 first commit").text == \
        "second commit\n<HASH> first commit"
    assert [r.rule for r in normalize("second commit\ndd798a0 x").replacements] == ["hash"]
    assert _within_lines(r"a\s+b[^\s]\S") == r"a[^\S\n]+b[^\s]\S"
    with pytest.raises(ValueError, match="positive character class"):
        _within_lines(r"[\s:]")


def test_normalizing_long_output_is_exact() -> None:
    text = sample_output(1, 3, "dense")
    fast = normalize(text)
    columns: list[Replacement] = []
    cleaned = _normalize_columns(clean_terminal(text), columns)
    reference, found = rule_by_rule(cleaned)
    assert fast.text == reference and list(fast.replacements) == columns + found


@pytest.mark.usefixtures("always_filter")
def test_a_memo_shared_by_two_outputs_changes_nothing() -> None:
    # The two sides of each labelled pair share most lines: the second side takes
    # them from the memo, and must still get exactly what rule by rule gives.
    for text in corpus():
        assert filtered(text) == rule_by_rule(text)
    pairs = [json.loads(line) for line in PAIRS.read_text(encoding="utf-8").splitlines()]
    for pair in pairs:
        memo = line_filter.LineMemo(DEFAULT_RULES)
        for text in (pair["expected"], pair["actual"], pair["expected"]):
            found: list[Replacement] = []
            assert (line_filter.apply_line_rules(text, DEFAULT_RULES, found, memo), found) \
                == rule_by_rule(text)


def test_a_memo_keeps_only_the_wanted_lines_up_to_its_limit() -> None:
    lines = [f"took {n} s, pid {n}" for n in range(300)]
    text = "\n".join(lines * 3)
    memo = line_filter.LineMemo(DEFAULT_RULES, wanted=set(lines[:10]))
    found: list[Replacement] = []
    assert line_filter.apply_line_rules(text, DEFAULT_RULES, found, memo) == \
        "\n".join(["took <DURATION>, pid <PID>"] * 900)
    assert len(found) == 1800 and found[0] == Replacement("pid", "<PID>", "0")
    assert set(memo.results) == set(lines[:10])
    assert memo.results[lines[3]] == ("took <DURATION>, pid <PID>", (
        (DEFAULT_RULES.index(_rule("pid")), Replacement("pid", "<PID>", "3")),
        (DEFAULT_RULES.index(_rule("duration-context")),
         Replacement("duration-context", "<DURATION>", "3 s"))))
    small = line_filter.LineMemo(DEFAULT_RULES, limit=100)
    line_filter.apply_line_rules(text, DEFAULT_RULES, [], small)
    assert 100 <= small.size < 130 and len(small.results) < 10


def _rule(name: str) -> Rule:
    return next(rule for rule in DEFAULT_RULES if rule.name == name)


def test_apply_at_gives_the_offset_of_each_replacement() -> None:
    text = "pid 12 and 2024-01-02T10:00:00Z, pid 7"
    found: list[Replacement] = []
    where: list[int] = []
    assert _rule("pid").apply_at(text, found, where) == \
        "pid <PID> and 2024-01-02T10:00:00Z, pid <PID>"
    assert where == [0, 33] and [r.original for r in found] == ["12", "7"]
    assert _rule("pid").apply_at("pid <PID>", found, where) == "pid <PID>"
    assert where == [0, 33]  # an existing placeholder is not a replacement


@pytest.mark.parametrize("text", [
    "a  \nb\t\n\n c \u2003\nd\x1c",  # trailing blanks of every kind, no \r or \b
    "50%\r100%  \nab\x08c \n\x1b[1mbold\x1b[0m\r\n",
    "a\nb\n\n", "x\u2003y\n\n\n z", "\n", "", "a \u2003", "\x1b[1mbold\x1b[0m\n",
])
def test_clean_terminal_equals_line_by_line(text: str) -> None:
    lines = []
    for line in text.replace("\x1b[1m", "").replace("\x1b[0m", "").replace(
            "\r\n", "\n").split("\n"):
        if "\r" in line:
            line = line.split("\r")[-1] + line.split("\r")[-2][len(line.split("\r")[-1]):]
        line = line.replace("b\x08", "")
        lines.append(line.rstrip())
    if len(lines) > 1 and not lines[-1]:
        lines.pop()
    assert clean_terminal(text) == "\n".join(lines)


def test_comparing_long_outputs_shares_their_lines_and_gives_the_same_verdict() -> None:
    expected = sample_output(0.3, 11, "typical")
    actual = sample_output(0.3, 12, "typical", blocks=expected.count("\n")
                           - 5 * expected.count("  PID TTY"))
    verdict = compare_outputs(expected, actual)
    assert verdict.outcome == "pass" and verdict.tier == "normalized"
    normalize_module._recent.clear()
    # the evidence names what was replaced in the lines that differ: the values a
    # whole-output normalization finds there too
    for side, text in (("expected", expected), ("actual", actual)):
        shown = verdict.evidence["placeholders"][side]
        everything = normalize(text).placeholders()
        assert shown and set(shown) <= set(everything)
        for placeholder, values in shown.items():
            assert not Counter(values) - Counter(everything[placeholder])


def test_comparing_long_outputs_is_bounded() -> None:
    # Every line differs: difflib's matching alone would take minutes here.
    expected = "".join(f"line {n} of the first run\n" for n in range(60_000))
    actual = "".join(f"row {n} in the second run\n" for n in range(60_000))
    verdict = compare_outputs(expected, actual)
    assert verdict.outcome == "fail"
    assert "Line 1: expected 'line 0 of the first run', got 'row 0 in the second run'" \
        in verdict.explanation
    assert verdict.diff is not None and "more diff lines" in verdict.diff


def test_line_opcodes_of_long_inputs_keep_the_common_head_and_tail() -> None:
    old = [f"{n}" for n in range(5000)]
    new = [*old[:2000], "changed", *old[2001:]]
    codes = line_opcodes(old, new)
    assert codes == [("equal", 0, 2000, 0, 2000), ("replace", 2000, 2001, 2000, 2001),
                     ("equal", 2001, 5000, 2001, 5000)]
    diff = unified_diff("\n".join(old) + "\n", "\n".join(new) + "\n")
    assert "@@ -1998,7 +1998,7 @@" in diff and "-2000\n+changed" in diff
    # short inputs: exactly difflib's answer
    import difflib

    assert line_opcodes(old[:50], new[:50]) == difflib.SequenceMatcher(
        None, old[:50], new[:50]).get_opcodes()


def test_a_long_output_is_normalized_once_per_comparison() -> None:
    text = sample_output(0.2, 9, "typical")
    first = normalize(text)
    assert normalize(text) is first  # the table tier asks again: answered from memory
    assert normalize(text, use_default_rules=False) is not first
    short = "took 5 s\n"
    assert normalize(short) is not normalize(short)  # short texts are not kept



def test_the_shared_lines_of_two_outputs_are_found_a_piece_at_a_time() -> None:
    from pytest_testronaut.verify.compare import _pieces, _shared_lines

    expected = "a\nb\n\nc c\nd\n"
    actual = "b\nx\nc c\n\n"
    assert _shared_lines(expected, actual) == {"b", "", "c c"}
    for size in (0, 1, 3, 100):
        assert "\n".join(_pieces(expected, size)) == expected
    assert list(_pieces("", 5)) == [""]


def _line_pairs() -> list[tuple[str, str]]:
    """Differing line pairs of the same position: the tuning pairs, the benchmark's
    two runs, and values the quick path must leave to the rules."""
    pairs = []
    for record in map(json.loads, PAIRS.read_text("utf-8").splitlines()):
        left = clean_terminal(record["expected"]).split("\n")
        right = clean_terminal(record["actual"]).split("\n")
        if len(left) == len(right):
            pairs += [(a, b) for a, b in zip(left, right, strict=True) if a != b]
    for mix in ("dense", "typical"):
        expected = sample_output(0.05, 21, mix)
        actual = sample_output(0.05, 22, mix, blocks=expected.count("\n")
                               - 5 * expected.count("  PID TTY"))
        pairs += [(a, b) for a, b in zip(expected.split("\n"), actual.split("\n"),
                                         strict=False) if a != b]
    pairs += [
        ("host: abc1234", "host: abc1235"), ("abc1234def", "abc1235def"),
        ("listening on 127.0.0.1:8080", "listening on 127.0.0.1:8081"),
        ("from 10.0.0.1:40000", "from 127.0.0.1:40001"), ("at 8.8.8.8:40000", "at 8.8.4.4:40000"),
        ("pid 12", "pid 13"), ("rapid 12", "rapid 13"), ("3.5 MB/s", "4.25 MB/s"),
        ("3.5 MB", "4.25 MB"), ("sshd[12]: ok", "sshd[13]: ok"), ("sshd[12] ok", "sshd[13] ok"),
        ("sha256:" + "ab12" * 8, "sha256:" + "cd34" * 8),
        ("md5=" + "a1" * 8, "md5=" + "a1" * 7 + "b2"),
        ("/tmp/tmp.Xh3kLq0aZp/a", "/tmp/tmp.9QwErTy7Ui/a"),
        ("/tmp/tmp.Xh3kLq0aZp/a", "/tmp/tmp.9QwErTy7Ui/b"),
        ("/tmp/build-1/x", "/tmp/build-2/x"), ("/tmp/abcdefgh", "/tmp/qwertyui"),
        ("/tmp/pytest-of-me/pytest-1", "/tmp/pytest-of-me/pytest-2"),
        ("d41d8cd98f00b204e9800998ecf8427e  f", "e41d8cd98f00b204e9800998ecf8427f  f"),
        ("2024-02-29T12:00:00 x", "2024-03-01T12:00:00 x"), ("0x7f3a12 at", "0x7f3a99bb at"),
    ]
    return pairs


def test_the_quick_path_accepts_only_what_the_rules_accept() -> None:
    from pytest_testronaut.verify import rerun_diff

    pairs = _line_pairs()
    quick_state = rerun_diff._State("", None)
    accepted = 0
    for left, right in pairs:
        if quick_state.quick(0, left, right) is None:
            continue
        accepted += 1
        (text_l, found_l), (text_r, found_r) = line_filter.normalize_lines([left, right])
        state = rerun_diff._State("", None)
        assert state.compare(0, text_l, found_l, text_r, found_r), (left, right)
        assert text_l.split() == text_r.split(), (left, right)
    assert accepted >= 0.3 * len(pairs)
