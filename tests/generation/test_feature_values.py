"""Inputs that hold what an option acts on, and operands that are values (issue #8).

A text fixer's ``--unescape`` needs HTML entities in its input, ``--crlf`` CRLF endings,
``--straight-quotes`` curly quotes: the feature vocabulary (:mod:`.feature_inputs`)
gives each option an input holding what its help names. A tool whose operand is a
number (``numeral NUMBER``) or an expression into a JSON document (``pick EXPRESSION``)
gets values at their edges and expressions selecting different parts of a document
(:mod:`.value_operands`). Small tools written here, run on this machine through the
prober."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pytest_testronaut.analysis.spec import Command, Option, Positional
from pytest_testronaut.generation import generate_plan
from pytest_testronaut.generation.differential import NO_EFFECT_TAG
from pytest_testronaut.generation.evidence import inputs_for, probe_datasets
from pytest_testronaut.generation.feature_inputs import (
    BY_NAME,
    FEATURES,
    MIX,
    MIX_TEXT,
    feature_datasets,
    features_for,
)
from pytest_testronaut.generation.value_operands import (
    DOCUMENT,
    EXPRESSIONS,
    NUMBER_EDGES,
    document_inputs,
    is_expression_operand,
    is_number_operand,
    value_candidates,
)
from pytest_testronaut.plans.model import Case

from .tools import LocalRun, case_argv, run_with_scripts

# A text fixer: each option acts on one feature of its input only.
CLEANTEXT = '''\
#!/usr/bin/env python3
import html, sys
HELP = """usage: cleantext [-h] [--entities] [--crlf] [--straight-quotes] [--strip-bom] [FILE]

Clean up text read from FILE or standard input.

options:
  -h, --help         show this help message and exit
  --entities         turn HTML entities such as &amp; into characters
  --crlf             turn CRLF line endings into LF
  --straight-quotes  replace curly quotes with straight ones
  --strip-bom        remove a byte order mark (BOM) at the start
"""
args = sys.argv[1:]
if "-h" in args or "--help" in args:
    print(HELP, end="")
    sys.exit(0)
files = [a for a in args if not a.startswith("-")]
data = open(files[0], "rb").read() if files else sys.stdin.buffer.read()
text = data.decode("utf-8")
if "--entities" in args:
    text = html.unescape(text)
if "--crlf" in args:
    text = text.replace("\\r\\n", "\\n")
if "--straight-quotes" in args:
    for a, b in (("\\u201c", '"'), ("\\u201d", '"'), ("\\u2018", "'"), ("\\u2019", "'")):
        text = text.replace(a, b)
if "--strip-bom" in args:
    text = text.lstrip("\\ufeff")
sys.stdout.buffer.write(text.encode("utf-8"))
'''

# A number converter: decimal to binary, and back with -r.
NUMERAL = '''\
#!/usr/bin/env python3
import sys
HELP = """usage: numeral [-h] [-r] number

convert a number between decimal and binary

positional arguments:
  number         the value to convert

options:
  -h, --help     show this help message and exit
  -r, --reverse  convert binary to decimal
"""
args = sys.argv[1:]
if "-h" in args or "--help" in args:
    print(HELP, end="")
    sys.exit(0)
reverse = "-r" in args or "--reverse" in args
values = [a for a in args if a not in ("-r", "--reverse")]
if len(values) != 1:
    sys.exit("numeral: expected one number")
try:
    print(int(values[0], 2) if reverse else format(int(values[0]), "b"))
except ValueError:
    sys.exit(f"numeral: invalid number: {values[0]}")
'''

# An expression into a JSON document read from stdin or -f FILE (dotted keys, [n]).
PICK = '''\
#!/usr/bin/env python3
import json, re, sys
HELP = """usage: pick [-h] [-f FILENAME] [--keys] expression

positional arguments:
  expression

options:
  -h, --help            show this help message and exit
  -f FILENAME, --filename FILENAME
                        read the data from FILENAME, not standard input
  --keys                print the keys of the result, not the result
"""
args = sys.argv[1:]
if "-h" in args or "--help" in args:
    print(HELP, end="")
    sys.exit(0)
name, keys, rest = None, False, []
while args:
    word = args.pop(0)
    if word in ("-f", "--filename"):
        name = args.pop(0)
    elif word == "--keys":
        keys = True
    else:
        rest.append(word)
if len(rest) != 1:
    sys.exit("pick: expected one expression")
data = json.load(open(name) if name else sys.stdin)
if not re.fullmatch(r"[a-z]+(\\[-?[0-9]+\\])?(\\.[a-z]+(\\[-?[0-9]+\\])?)*", rest[0]):
    sys.exit(f"pick: invalid expression: {rest[0]}")
for part in rest[0].split("."):
    key, _, index = part.partition("[")
    data = data.get(key) if isinstance(data, dict) else None
    if index and isinstance(data, list):
        data = data[int(index[:-1])]
if keys:
    data = sorted(data) if isinstance(data, dict) else []
print(json.dumps(data))
'''


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> LocalRun:
    return run_with_scripts(tmp_path, monkeypatch, {"cleantext": CLEANTEXT, "numeral": NUMERAL,
                                                   "pick": PICK})


# --- the feature vocabulary -----------------------------------------------------------
def test_each_feature_is_short_and_holds_what_it_names() -> None:
    assert len({f.name for f in FEATURES}) == len(FEATURES)
    for feature in FEATURES:
        assert feature.text.endswith("\n") and feature.second.endswith("\n"), feature.name
        assert len(feature.text) <= 300 and feature.text.count("\n") <= 8, feature.name
    assert "&amp;" in BY_NAME["feature-entities"].text
    assert "\r\n" in BY_NAME["feature-crlf"].text
    assert BY_NAME["feature-bom"].text.startswith("\ufeff")
    assert "caf\u00c3\u00a9" in BY_NAME["feature-mojibake"].text  # UTF-8 read as cp1252
    assert "\u201c" in BY_NAME["feature-quotes"].text and "\ufb01" in BY_NAME[
        "feature-ligatures"].text
    assert "e\u0301" in BY_NAME["feature-combining"].text  # a combining accent
    assert MIX_TEXT.startswith("\ufeff") and MIX_TEXT.count("\n") <= len(FEATURES) + 1
    assert feature_datasets() == feature_datasets()  # deterministic
    assert set(feature_datasets()) <= set(probe_datasets())


@pytest.mark.parametrize(("flags", "help_text", "first"), [
    (["--unescape"], "decode HTML entities such as &amp;", "feature-entities"),
    (["--fix-line-breaks"], "turn CRLF line endings into LF", "feature-crlf"),
    (["--uni-quotes"], "replace curly quotes with straight ones", "feature-quotes"),
    (["--normalization"], "Unicode normalization to apply (NFC, NFKC)", "feature-ligatures"),
    (["--fix-encoding"], "fix mojibake: text decoded in the wrong encoding",
     "feature-mojibake"),
    (["--remove-bom"], "remove a byte order mark", "feature-bom"),
    (["--demojize"], "replace emoji with their names", "feature-emoji"),
    (["--strip-accents"], "remove accents and diacritics", "feature-combining"),
])
def test_an_option_gets_the_input_holding_what_its_help_names(
        flags: list[str], help_text: str, first: str) -> None:
    assert features_for(flags, help_text)[0] == first
    option = Option(flags=flags, description=help_text)
    assert inputs_for(option, pairs=False)[0] == first  # before every other hint


def test_general_words_keep_the_other_hints_first() -> None:
    number = Option(flags=["-n", "--number"], description="number all output lines")
    names = inputs_for(number, pairs=False)
    assert names.index("keys") < names.index("feature-numbers")
    follow = Option(flags=["-L"], description="always follow symbolic links")
    assert not any(n.startswith("feature-") for n in inputs_for(follow, pairs=False))
    assert features_for(["-x"], "transliterate the text to ASCII") == ["feature-combining"]
    assert features_for(["--clean"], "clean up the text") == [MIX]


# --- value operands ------------------------------------------------------------------
def test_value_operands_by_name_and_help() -> None:
    expression = Positional(name="expression", required=True)
    assert is_expression_operand(expression)
    assert is_expression_operand(Positional(name="P", description="a JSON pointer"))
    assert not is_expression_operand(Positional(name="FILE", description="files to read"))
    number = Positional(name="number", description="the value to convert")
    assert is_number_operand(number) and not is_expression_operand(number)
    assert value_candidates(number)[:3] == list(NUMBER_EDGES[:3])
    assert value_candidates(expression)[:4] == ["a", ".", "/a", "$.a"]
    assert value_candidates(expression, reads_data=False) == []  # ``expr EXPRESSION``
    waits = Command(name="pause", path=["pause"], usage="pause NUMBER", summary="Pause for NUMBER seconds",
                    positionals=[Positional(name="NUMBER", required=True)])
    assert value_candidates(waits.positionals[0], waits) == []  # large values only wait
    command = Command(name="pick", path=["pick"], positionals=[expression])
    assert document_inputs(command, [], reads_data=True) == ["expr-doc", "expr-doc-list"]
    assert document_inputs(command, ["json-nested"], reads_data=True) == ["json-nested"]
    assert document_inputs(command, [], reads_data=False) == []


def test_expressions_select_different_parts_of_the_document() -> None:
    data = json.loads(DOCUMENT)
    assert isinstance(data["a"], list) and isinstance(data["c"], dict)
    assert {"a[0]", "a[1]", "a[-1]", "c.d", "$.a[0]", "/a/0", ".a[0]"} <= set(EXPRESSIONS)
    assert len(set(EXPRESSIONS)) == len(EXPRESSIONS)


def _shown(plan_cases: list[Case], flags: tuple[str, ...]) -> dict[str, Case]:
    shown: dict[str, Case] = {}
    for case in plan_cases:
        for flag in flags:
            if flag in case_argv(case) and NO_EFFECT_TAG not in case.tags:
                shown.setdefault(flag, case)
    return shown


def test_a_text_fixer_gets_the_feature_each_option_acts_on(
        run: LocalRun, tmp_path: Path) -> None:
    plan = generate_plan(run.spec("cleantext"), run=run)
    # (--crlf too in a real sandbox; this machine's runs read CRLF as LF)
    flags = ("--entities", "--straight-quotes", "--strip-bom")
    shown = _shown(plan.cases, flags)
    assert set(shown) == set(flags), [(c.id, c.tags) for c in plan.cases]
    for number, (flag, case) in enumerate(shown.items()):
        argv = case_argv(case)
        without = [w for w in argv if w != flag]
        assert run.case_output(case, argv, tmp_path / f"{number}") != \
            run.case_output(case, without, tmp_path / f"{number}-without")


def test_a_number_operand_gets_values_at_its_edges(run: LocalRun, tmp_path: Path) -> None:
    plan = generate_plan(run.spec("numeral"), run=run)
    values = [c for c in plan.cases if c.id.startswith("value-number")]
    argvs = [case_argv(c) for c in values]
    assert ["numeral", "0"] in argvs, argvs
    outputs = [run.case_output(c, a, tmp_path / c.id) for c, a in zip(values, argvs,
                                                                     strict=True)]
    assert len(set(outputs)) == len(outputs)  # each an outcome of its own
    assert any(code != 0 for code, _ in outputs)  # and one the tool refuses
    reverse = _shown(plan.cases, ("--reverse",))["--reverse"]
    code, out = run.case_output(reverse, case_argv(reverse), tmp_path / "reverse")
    assert code == 0 and out.strip(), (case_argv(reverse), out)  # a value it reads


def test_an_expression_operand_gets_a_document_and_expressions(
        run: LocalRun, tmp_path: Path) -> None:
    plan = generate_plan(run.spec("pick"), run=run)
    values = [c for c in plan.cases if c.id.startswith("value-expression")]
    assert len(values) >= 3, [c.id for c in plan.cases]
    picked = {case_argv(c)[-1] for c in values}
    assert {"a[0]", "a[1]"} <= picked, picked  # an index and its neighbour
    for case in values:
        assert case.stdin == DOCUMENT
    outputs = {run.case_output(c, case_argv(c), tmp_path / c.id) for c in values}
    assert len(outputs) == len(values)
    shown = _shown(plan.cases, ("--keys", "--filename"))
    assert set(shown) == {"--keys", "--filename"}, [(c.id, c.tags) for c in plan.cases]
