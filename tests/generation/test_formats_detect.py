"""Which structured formats a help says a tool reads, the help example's own input, and
the documents each format is tried on: real jq 1.6 and sqlite-utils help texts (the
ones ``tests/analysis/user_day_help/`` keeps), hand-made ones, and each document checked
by the standard library's parser of its format."""

from __future__ import annotations

import configparser
import csv
import importlib
import io
import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from pytest_testronaut.analysis.parse import parse_help
from pytest_testronaut.analysis.spec import Command, Option
from pytest_testronaut.generation.formats import (
    DOCUMENTS,
    datasets,
    describe,
    detect_formats,
    example_inputs,
    inputs_for_command,
)
from pytest_testronaut.generation.source_documents import SOURCE_DESCRIPTIONS

HELP = Path(__file__).parent.parent / "analysis" / "user_day_help"


def _jq() -> Command:
    return parse_help((HELP / "jq-1.6.txt").read_text(encoding="utf-8"), name="jq",
                      path=["jq"])


def _sqlite_utils(command: str) -> Command:
    text = (HELP / f"sqlite-utils-4.2.1-{command}.txt").read_text(encoding="utf-8")
    return parse_help(text, name=command, path=["sqlite-utils", command])


def test_jq_reads_json_and_its_help_example_input_comes_first() -> None:
    jq = _jq()
    assert detect_formats("jq", [jq]) == ["json"]
    assert example_inputs("jq", jq) == ['{"foo": 0}\n']
    names = inputs_for_command("jq", jq)
    assert names[0] == "help-example"
    assert names[1:] == list(DOCUMENTS["json"])
    assert describe("json-invalid") == "an invalid JSON document"


def test_a_subcommand_reads_what_its_own_help_names() -> None:
    insert = _sqlite_utils("insert")
    found = detect_formats("sqlite-utils", [insert])
    assert {"json", "csv", "jsonl"} <= set(found)
    # the tool's name says SQL only where a command's help names no format
    assert detect_formats("sqlite-utils", [Command(name="x", path=["sqlite-utils", "x"])]) \
        == ["sql"]
    # echo '{"name": "Lila"}' | sqlite-utils insert data.db chickens -
    assert example_inputs("sqlite-utils", insert)[0] == '{"name": "Lila"}\n'
    assert inputs_for_command("sqlite-utils", insert)[0] == "help-example-insert"


def test_a_text_filter_reads_no_format() -> None:
    sort = Command(name="sort", path=["sort"], usage="sort [OPTION]... [FILE]...",
                   summary="Write sorted concatenation of all FILE(s) to standard output.",
                   options=[Option(flags=["-k", "--key"], takes_value=True,
                                   value_name="KEYDEF", description="sort via a key")])
    assert detect_formats("sort", [sort]) == []
    assert inputs_for_command("sort", sort) == []
    assert datasets("sort", [sort]) == {}


@pytest.mark.parametrize(("words", "expected"), [
    ("Convert YAML files to TOML", ["yaml", "toml"]),
    ("Read comma-separated values; --tsv for tab-separated", ["csv"]),
    ("Format SQL statements", ["sql"]),
    ("Render Markdown (CommonMark) as HTML", ["markdown", "html"]),
    ("Edit an INI file", ["ini"]),
    ("Read newline-delimited JSON (JSON lines)", ["jsonl", "json"]),
])
def test_formats_named_in_a_summary(words: str, expected: list[str]) -> None:
    command = Command(name="t", path=["t"], summary=words)
    assert detect_formats("t", [command]) == expected


def test_every_document_parses_as_its_format_and_every_invalid_one_does_not() -> None:
    def parse(fmt: str, text: str) -> object:
        if fmt == "json":
            return [json.loads(line) for line in text.splitlines()] if "\n" in \
                text.strip() else json.loads(text)
        if fmt == "jsonl":
            return [json.loads(line) for line in text.splitlines()]
        if fmt == "toml":
            if sys.version_info < (3, 11):
                return None  # no TOML parser in the standard library before 3.11
            return importlib.import_module("tomllib").loads(text)
        if fmt == "xml":
            return ET.fromstring(text.split("?>", 1)[-1].strip())
        if fmt == "ini":
            # keys differing only in case are the same key to Python (not strict)
            parser = configparser.ConfigParser(strict=False)
            parser.read_string(text)
            return parser
        raise AssertionError(fmt)

    for fmt in ("json", "jsonl", "toml", "xml", "ini"):
        for name, (first, second) in DOCUMENTS[fmt].items():
            if name == "html-page":
                continue  # HTML leaves elements open on purpose
            if name.endswith("-invalid") and (fmt != "toml" or sys.version_info >= (3, 11)):
                with pytest.raises((ValueError, ET.ParseError, configparser.Error)):
                    parse(fmt, first)
            else:
                parse(fmt, first)
                parse(fmt, second)
    rows = list(csv.reader(io.StringIO(DOCUMENTS["csv"]["csv-table"][0])))
    assert rows[2] == ["1", "carol, jr", "92", "false"] and len(rows) == 5
    assert not DOCUMENTS["csv"]["csv-table"][0].endswith("\n")  # a last line without one


def test_documents_discriminate_and_stay_short() -> None:
    nested = json.loads(DOCUMENTS["json"]["json-nested"][0])
    assert list(nested) != sorted(nested)  # keys out of order: sorting them shows
    assert {"a", "A"} <= set(nested)  # keys differing only in case
    assert {type(v) for v in nested.values()} >= {int, dict, bool, str}
    assert None in nested["a"].values() and "é" in nested["s"]
    for documents in DOCUMENTS.values():
        for name, (first, second) in documents.items():
            # source files and the rich markup pack many features: a screenful each
            rich = name in SOURCE_DESCRIPTIONS or name in ("html-article", "markdown-rich")
            assert len(first) <= (1600 if rich else 300) and len(second) <= 300
            assert first.count("\n") <= 45
