"""Inputs in the structured format a tool reads: JSON, JSON lines, YAML, TOML, CSV/TSV,
SQL, XML, HTML, INI, Markdown, and source code (Python, JavaScript, CSS, shell scripts:
see .source_documents; source files are named by their suffix, ``input.py``).

``jq .`` fails on every numbered text line; the evidence search must give such a tool
documents it reads. :func:`detect_formats` reads what the help says (the tool's name and
the words it is known by, summary, usage, examples, option help, operand names) and gives
the formats it names, most named first. :data:`DOCUMENTS` holds, per format, a few short
documents built to discriminate (nesting, keys out of order and differing only in case,
numbers, strings, booleans, null, multi-byte characters, a last line without newline)
and one invalid document for the error path (HTML and Markdown documents with every
feature a converter's options act on: see .rich_markup); the empty input is the search's own
``empty``. :func:`example_inputs` takes the input of the help's own example
(``echo '{"foo": 0}' | jq .``): it is tried first. Everything is a constant or a pure
function: generation stays deterministic.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Iterable

from ..analysis.spec import Command
from .commented import COMMENTED_DESCRIPTIONS, COMMENTED_DOCUMENTS, commented_first
from .rich_markup import HTML_ARTICLE, MARKDOWN_RICH
from .source_documents import (
    SOURCE_DESCRIPTIONS,
    SOURCE_DOCUMENTS,
    SOURCE_WORDS,
    file_names,
)

# format -> the words that name it in a help text (case-insensitive, whole words)
FORMAT_WORDS: dict[str, str] = {
    "json": r"json(?![ -]?lines)|\.json\b",
    "jsonl": r"json[ -]?lines|jsonl|ndjson|newline[- ]delimited json",
    "yaml": r"ya?ml",
    "toml": r"toml",
    # "comma-separated list of error codes", "built-ins, comma separated" name an
    # option's value, not the input
    "csv": r"csv|tsv|(?:comma|tab)[- ]separated(?=\s+(?:values?|files?|input|data|text|"
           r"tables?|rows?|format|lines?)\b)",
    "sql": r"sql|sqlite|select statement",
    "xml": r"xml|xpath",
    "html": r"x?html",
    "ini": r"\bini\b|\.ini\b|\.cfg\b",
    "markdown": r"markdown|\.md\b|commonmark",
    **SOURCE_WORDS,
}
# Tools whose name is the word they are known by, not the format's.
KNOWN_TOOLS: dict[str, str] = {
    "jq": "json", "gojq": "json", "jaq": "json", "yq": "yaml", "xq": "xml",
    "tomlq": "toml", "mlr": "csv", "xsv": "csv", "qsv": "csv", "csvlook": "csv",
    "xmllint": "xml", "xmlstarlet": "xml", "pandoc": "markdown", "crudini": "ini",
}

# format -> {input name: (first file / stdin, second file)}; short enough to review
DOCUMENTS: dict[str, dict[str, tuple[str, str]]] = {
    "json": {
        "json-nested": ('{"b": 2, "a": {"z": [3, 1, 2.5], "y": null}, "A": "Upper", '
                        '"c": true, "s": "héllo"}\n', '{"a": {"z": [1]}, "b": 3}\n'),
        "json-array": ('[{"id": 2, "name": "bob", "ok": false}, {"id": 1, "name": "alice", '
                       '"ok": true}, {"id": 2, "name": "Zoë", "ok": null}]',
                       '[{"id": 1, "name": "carol"}]'),
        "json-scalars": ('1\n"two"\nnull\ntrue\n[]\n{}\n-2.5\n', '3\n"four"\n'),
        "json-invalid": ('{"a": 1,, "b": }\n', '[1, 2\n'),
    },
    "jsonl": {
        "jsonl-rows": ('{"id": 2, "name": "bob"}\n{"id": 1, "name": "alice", "x": null}\n'
                       '{"id": 2, "name": "bob"}', '{"id": 3, "name": "carol"}\n'),
        "json-invalid": ('{"a": 1,, "b": }\n', '[1, 2\n'),
    },
    "yaml": {
        "yaml-nested": ("b: 2\na:\n  z: [3, 1, 2.5]\n  y: null\nA: Upper\nc: true\n"
                        "s: héllo\nlist:\n  - one\n  - two", "a:\n  z: [1]\nb: 3\n"),
        "yaml-documents": ("---\nid: 2\nname: bob\n---\nid: 1\nname: alice\n",
                           "---\nid: 3\n"),
        "yaml-invalid": ("a: [1, 2\nb: : c\n", "- x\ny: z\n"),
    },
    "toml": {
        "toml-nested": ('b = 2\nA = "Upper"\na = "x"\ns = "héllo"\nflag = true\nf = 2.5\n\n'
                        '[table]\nz = [3, 1, 2]\ny = "why"\n\n[[items]]\nname = "bob"\n\n'
                        '[[items]]\nname = "alice"', 'b = 3\n[table]\nz = [1]\n'),
        "toml-invalid": ('a = \n[b\nc = "unterminated\n', 'x = 1\nx = 2\n'),
    },
    "csv": {
        "csv-table": ('id,name,score,active\n3,alice,88.5,true\n1,"carol, jr",92,false\n'
                      '2,Bob,,true\n2,bob,75,', 'id,city\n1,Oslo\n3,Zürich\n'),
        "tsv-table": ("id\tname\tscore\n3\talice\t88.5\n1\tcarol jr\t92\n2\tBob\t\n",
                      "id\tcity\n1\tOslo\n"),
        "csv-ragged": ('a,b\n1,2,3\n"unterminated,4\n', 'a\n1\n'),
    },
    "sql": {
        "sql-query": ("select 1 + 2 as three, 'héllo' as s, null as n;\n",
                      "select 2 as two;\n"),
        "sql-statements": ("create table t (id integer, name text);\n"
                           "insert into t values (2, 'bob'), (1, 'alice');\n"
                           "SELECT name FROM t WHERE id > 0 ORDER BY id",
                           "select count(*) from t;\n"),
        "sql-invalid": ("selec from where;\n", "select (;\n"),
    },
    "xml": {
        "xml-nested": ('<?xml version="1.0"?>\n<root b="2" a="1"><item id="2">bob</item>'
                       '<item id="1">alice &amp; Zoë</item><empty/></root>',
                       '<root><item id="3">carol</item></root>\n'),
        "xml-invalid": ("<root><a></root>\n", "<x>\n"),
    },
    "html": {
        "html-article": (HTML_ARTICLE, '<p>other <a href="/x">x</a></p>\n'),
        "html-page": ('<html><head><title>T</title></head><body><p class="b">Hi '
                      '<b>there</b></p><ul><li>one<li>two</ul></body></html>\n',
                      '<p>other</p>\n'),
    },
    "ini": {
        "ini-sections": ("[b]\nz = 1\ny = two\n\n[a]\nkey = value\nKey = Upper\n"
                         "; a comment\nname = héllo", "[a]\nkey = other\n"),
        "ini-invalid": ("no section\n= value\n[unclosed\n", "[a\n"),
    },
    "markdown": {
        "markdown-rich": (MARKDOWN_RICH, "Other\n=====\n\n*text* and [a link][1]\n\n"
                                         "[1]: http://example.com/\n"),
        "markdown-doc": ("# Title\n\nSome *emphasis* and `code`.\n\n## List\n\n- one\n"
                         "- two\n  - nested\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
                         "[link](http://example.com)", "# Other\n\ntext\n"),
    },
    **SOURCE_DOCUMENTS,
}
_DESCRIPTIONS: dict[str, str] = {
    "json-nested": "a nested JSON object with keys out of order",
    "json-array": "a JSON array of objects (no final newline)",
    "json-scalars": "a stream of JSON scalars, an empty array and object",
    "json-invalid": "an invalid JSON document",
    "jsonl-rows": "JSON lines with a repeated row (no final newline)",
    "yaml-nested": "a nested YAML mapping with keys out of order",
    "yaml-documents": "two YAML documents",
    "yaml-invalid": "an invalid YAML document",
    "toml-nested": "a TOML document with tables and an array of tables",
    "toml-invalid": "an invalid TOML document",
    "csv-table": "a CSV table with a quoted comma and empty cells",
    "tsv-table": "a TSV table",
    "csv-ragged": "a CSV table with ragged rows and an open quote",
    "sql-query": "one SQL query",
    "sql-statements": "SQL statements creating, filling and querying a table",
    "sql-invalid": "invalid SQL",
    "xml-nested": "a nested XML document",
    "html-page": "an HTML page with an unclosed element",
    "html-article": "an HTML article with links, images, emphasis, code, a table, nested "
                    "lists, entities and a long paragraph",
    "markdown-rich": "a Markdown document with links, images, emphasis, code, a table, "
                     "nested lists, footnotes and a long paragraph",
    **SOURCE_DESCRIPTIONS,
    "xml-invalid": "an XML document with a mismatched tag",
    "ini-sections": "an INI file with sections out of order",
    "ini-invalid": "an invalid INI file",
    "markdown-doc": "a Markdown document with headings, a list, a table and a link",
}
for _fmt, _documents in COMMENTED_DOCUMENTS.items():  # before the invalid ones
    _invalid = {n: d for n, d in DOCUMENTS[_fmt].items() if n.endswith("-invalid")}
    DOCUMENTS[_fmt] = {**{n: d for n, d in DOCUMENTS[_fmt].items() if n not in _invalid},
                       **_documents, **_invalid}
_DESCRIPTIONS.update(COMMENTED_DESCRIPTIONS)
EXAMPLE = "help-example"  # the input of the help's own example (a dataset name prefix)
_PIPED = re.compile(r"^\s*(?:\$\s+)?(echo|printf)\s+(.+?)\s*\|\s*(\S+)")


def _texts(command: Command) -> list[str]:
    """What a command's help says it reads, the summary three times: an option's flag
    or help naming a format (``--toml: read TOML, not JSON``) is what the option
    switches to, and weighs less than what the command reads by default."""
    texts = [command.summary] * 3 + [*command.examples,
                                     *(p.name for p in command.positionals),
                                     *(p.description for p in command.positionals)]
    texts += [o.description for o in command.options]
    return [t for t in texts if t]


def detect_formats(tool: str, commands: Iterable[Command]) -> list[str]:
    """The formats ``commands``' help names (see :data:`FORMAT_WORDS`), most named first
    (ties in the table's order); the format a known tool's name stands for first; the
    tool's name (``sqlite-utils``) only when the help names none."""
    name = tool.rsplit("/", 1)[-1]
    commands = list(commands)

    def count(texts: Iterable[str]) -> dict[str, int]:
        return {fmt: sum(len(re.findall(rf"(?i)\b(?:{pattern})", t)) for t in texts)
                for fmt, pattern in FORMAT_WORDS.items()}

    counts = count([t for c in commands for t in [*c.path[1:], *_texts(c)]])
    if not any(counts.values()):  # the tool's name speaks only when its help does not
        counts = count([name])
    if name in KNOWN_TOOLS:
        counts[KNOWN_TOOLS[name]] += 1000
    return [fmt for fmt, n in sorted(counts.items(), key=lambda kv: -kv[1]) if n]


def example_inputs(tool: str, command: Command) -> list[str]:
    """What the help's own examples pipe into the tool (``echo '{"foo": 0}' | jq .``)."""
    name = tool.rsplit("/", 1)[-1]
    found: list[str] = []
    for line in command.examples:
        match = _PIPED.match(line)
        if match is None or match.group(3).rsplit("/", 1)[-1] != name:
            continue
        try:
            words = shlex.split(match.group(2))
        except ValueError:
            continue
        words = [w for w in words if not (w.startswith("-") and len(w) == 2)]  # echo -e
        if not words:
            continue
        text = " ".join(words)
        if match.group(1) == "printf":
            text = text.replace("\\n", "\n").replace("\\t", "\t")
        else:
            text += "\n"
        if text.strip() and text not in found:
            found.append(text)
    return found[:3]


def datasets(tool: str, commands: list[Command]) -> dict[str, dict[str, str]]:
    """Every format input of ``commands`` as probe folder files (stdin, first and
    second file; see :func:`.evidence.probe_datasets`), the help's examples too."""
    out: dict[str, dict[str, str]] = {}
    for fmt in detect_formats(tool, commands):
        for name, (first, second) in DOCUMENTS[fmt].items():
            out[name] = {".stdin": first, "input.txt": first, "input2.txt": second}
            # a source file under its own suffix too (see .source_documents.file_names)
            out[name].update(dict(zip(file_names(name), (first, second), strict=True)))
    for command in commands:
        for number, text in enumerate(example_inputs(tool, command)):
            out[example_name(command, number)] = {".stdin": text, "input.txt": text,
                                                  "input2.txt": text}
    return out


def example_name(command: Command, number: int) -> str:
    words = "-".join(re.sub(r"[^a-z0-9]+", "", w.lower()) for w in command.path[1:])
    return "-".join(p for p in (EXAMPLE, words, str(number + 1) if number else "") if p)


def inputs_for_command(tool: str, command: Command, root: Command | None = None
                       ) -> list[str]:
    """The format inputs ``command`` is tried on first: the help's example input, then
    the documents of each format its help (else its root's) names; empty for a tool
    that reads no structured format."""
    examples = [example_name(command, n) for n in range(len(example_inputs(tool, command)))]
    found = detect_formats(tool, [command])
    if not found and root is not None and root is not command:
        found = detect_formats(tool, [root])
    names = [name for fmt in found for name in DOCUMENTS[fmt]]
    return list(dict.fromkeys([*examples, *names]))


def for_option(flags: list[str], description: str, names: list[str]) -> list[str]:
    """``names`` (a command's format inputs) with the documents of the formats an
    option's flags or help name first (``--toml``: the TOML ones)."""
    text = f"{' '.join(flags)} {description}"
    found = {fmt: match.start() for fmt, pattern in FORMAT_WORDS.items()
             if (match := re.search(rf"(?i)\b(?:{pattern})", text))}
    named = sorted(found, key=found.__getitem__)  # the one named first: "TOML, not JSON"
    first = [n for fmt in named for n in DOCUMENTS[fmt] if n in names]
    return commented_first(text, list(dict.fromkeys([*first, *names])))


def describe(name: str) -> str | None:
    """How a case names a format input, or ``None`` for one that is not."""
    if name.startswith(EXAMPLE):
        return "the input of the help's example"
    return _DESCRIPTIONS.get(name)
