"""Sample data for generated cases: input texts, option values, hostile arguments.

Everything here is a constant or a pure function, so generation stays deterministic.
:func:`sample_value` is the one place a value for an option or a positional is
chosen: the agent's examples first, then one from the kind of value analysis
inferred (:func:`~pytest_testronaut.analysis.spec.value_type_of`), then one for
what its name and help say it is (:mod:`.typed_values`: a version, a URL, ...),
then its name. Error cases expect a message naming what was wrong
(:func:`error_pattern`), not any error text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..analysis.spec import Command, Option, Positional, value_type_of
from .typed_values import extra_candidates, range_values

# Input texts for tools that read stdin or files, each chosen to make some option
# visibly change the output (duplicates for -u, numbers for -n, tabs for -t, ...).
DATASETS: dict[str, str] = {
    "words": "pear\napple\nfig\nbanana\ncherry\n",
    "empty": "",
    "one-line": "hello world\n",
    "no-newline": "beta\nalpha",
    # adjacent, apart and differing only in case: -u, -d, -c and -i each show
    "duplicates": "apple\napple\nbanana\nApple\napple\ncherry\nbanana\nbanana\n",
    "numbers": "10\n2\n-3\n1.5\n100\n0\n2\n",
    "mixed-case": "banana\nApple\ncherry\napple\nBanana\n",
    "tabs": "name\tage\tcity\nbob\t25\tParis\nalice\t30\tBerlin\ncarol\t25\tOslo\n",
    # ordered differently by each column, so a field option shows which field it used
    "csv": "id,name,score\n3,alice,88\n1,carol,92\n2,bob,75\n",
    "unicode": "héllo\nżółw\n日本語\nemoji 🙂\nzebra\n",
    # longer than the usual widths (80, 72), short enough to review
    "long-line": "The quick brown fox jumps over the lazy dog and then runs far away "
                 "into the green hills beyond the river.\nshort\n",
    "blank-lines": "a\n\n\nb\n\nc\n",
    "whitespace": "  leading\ntrailing  \n\tindented\nplain\n",
}
# What a plain run reads first: the texts most tools treat most differently.
DEFAULT_DATASETS = ("words", "empty", "unicode", "no-newline")

# Keywords in an option's flags or description -> the inputs that exercise it.
_DATASET_HINTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (r"numer|number|digit|general-numeric|human", ("numbers",)),
    (r"uniq|duplicate|repeat|count|distinct", ("duplicates",)),
    (r"case|fold|upper|lower|ignore", ("mixed-case",)),
    (r"field|delim|separat|column|key|tab", ("tabs", "csv")),
    (r"blank|squeeze|empty", ("blank-lines", "whitespace")),
    (r"space|white|indent", ("whitespace",)),
    (r"line|byte|char|width|wrap|bytes", ("long-line", "duplicates")),
    (r"revers|sort|order|random|shuffle", ("numbers", "mixed-case")),
    (r"unicode|utf|locale|ascii", ("unicode",)),
    (r"zero|null|nul", ("no-newline",)),
)

# Tools known to filter standard input, whatever their help says.
FILTER_TOOLS = frozenset({
    "sort", "cut", "grep", "egrep", "fgrep", "wc", "uniq", "head", "tail", "tr", "cat",
    "tac", "nl", "fold", "fmt", "paste", "rev", "expand", "unexpand", "sed", "awk",
    "column", "jq", "od", "base64", "md5sum", "sha1sum", "sha256sum", "comm", "join",
    "shuf", "tee", "xxd", "iconv", "split", "csplit", "pr",
})
_INPUT_WORDS = re.compile(r"\b(FILE|FILES|INPUT|stdin|standard input)\b")

SHELL_PROBE = "inj%sted"  # printf 'inj%sted' ec prints "injected" only if run
INJECTED = "injected"
SECURITY_ARGS: dict[str, str] = {
    "subshell": "$(printf 'inj%sted' ec)",
    "backticks": "`printf 'inj%sted' ec`",
    "semicolon": "x; printf 'inj%sted' ec",
    "pipe": "x | printf 'inj%sted' ec",
    "path-traversal": "../../../../../../etc/passwd",
    "newline": "x\nprintf 'inj%sted' ec",
}
FUZZ_ARGS: dict[str, str] = {
    "long-arg": "A" * 10000,
    "unicode-arg": "ünïcødé-日本-🙂",
    "empty-arg": "",
    "dash-arg": "-",
    "double-dash": "--",
    "control-chars": "a\x01b\x7fc",
    "format-string": "%s%s%n%x",
}
FUZZ_STDIN: dict[str, str] = {
    "binary-stdin": "\x00\x01\x02\xff\xfe text \x00\n",
    "many-lines": "".join(f"line {n}\n" for n in range(20000)),
    "crlf-stdin": "b\r\na\r\nc\r\n",
}

UNKNOWN_OPTION = "--testronaut-no-such-option"
UNKNOWN_COMMAND = "testronaut-no-such-command"
BAD_CHOICE = "not-a-valid-choice"
NOT_A_NUMBER = "not-a-number"
# What an error message says for each kind of error case: the word it rejects (most
# tools echo it), or the few phrases naming that kind of error. Never words any error
# text has ("not", "try", "usage", "error"): a pattern every message meets checks
# nothing. Recording replaces a pattern the real message contradicts.
_ERROR_WORDS: dict[str, str] = {
    "unknown-option": r"unrecogni[sz]ed|unknown|invalid|illegal|no such|not defined|"
                      r"unexpected",
    "unknown-command": r"unrecogni[sz]ed|unknown|invalid|no such|not found|not a",
    "missing-argument": r"missing|required|requires|expected|too few|not enough|"
                        r"at least|must (be )?(given|specified|provided)",
    "no-value": r"requires|required|expected|expects|missing|needs",
    "bad-choice": r"invalid|choose|choice|one of|allowed|possible|valid|unknown|"
                  r"unrecogni[sz]ed",
    "not-a-number": r"invalid|integer|number|numeric|int\b|float|digit|parse",
}


def error_pattern(kind: str, *named: str) -> str:
    """A case-insensitive pattern for the message of an error case of ``kind`` (a key
    of ``_ERROR_WORDS``): what the message names (``named``: the rejected word or
    option, dashes included: a usage line names every option without them) or one of
    the phrases of that kind of error."""
    words = [re.escape(n) for n in named if len(n.lstrip("-")) > 1]
    return "(?i)(" + "|".join([*words, _ERROR_WORDS[kind]]) + ")"
INPUT_FILE = "input.txt"

_VALUE_HINTS: tuple[tuple[str, str], ...] = (
    (r"LENGTH|LIMIT|DEPTH|LEVEL|WIDTH|COUNT", "2"),  # ``MAX_LENGTH``: a number
    (r"DIR|FOLDER", "/tmp"),
    (r"OUT", "out.txt"),
    (r"FILE|PATH", INPUT_FILE),
    (r"SEP|DELIM|CHAR", ","),
    (r"LIST|FIELD|KEY|POS|COL", "2"),  # the first field often orders like the line
    (r"PATTERN|REGEX|REGEXP|EXPR", "a"),
    (r"WHEN|COLOR|COLOUR", "auto"),
    (r"URL|URI|HOST|ADDR", "http://127.0.0.1:9/"),
    (r"EMAIL|MAIL", "user@example.com"),
    (r"DATE|TIME", "2024-01-02"),
    (r"SIZE|MEM", "1K"),
    (r"FORMAT|FMT|STYLE|MODE|TYPE", "text"),
    (r"LANG|LOCALE", "C"),
    (r"USER|NAME|LABEL|TAG|ID|KEY", "example"),
    (r"MSG|MESSAGE|TEXT|STRING|STR|WORD|TITLE", "hello"),
    (r"CMD|COMMAND|PROG", "true"),
)
_TYPE_VALUES: dict[str, str] = {
    "int": "2", "float": "1.5", "bool": "true", "path": INPUT_FILE, "file": INPUT_FILE,
    "directory": "/tmp", "url": "http://127.0.0.1:9/", "duration": "1s", "size": "1K",
    "email": "user@example.com", "date": "2024-01-02", "regex": "a.*", "command": "true",
}


def reads_input(tool: str, command: Command) -> bool:
    """True when ``command`` filters text: a known filter, or help naming FILE/stdin."""
    if tool.rsplit("/", 1)[-1] in FILTER_TOOLS and not command.path[1:]:
        return True
    named = file_positional(command)
    if named is not None and named.required:
        return False  # the file must be named: stdin is no substitute
    texts = [command.usage, command.summary, *(p.name for p in command.positionals)]
    texts += [o.description for o in command.options]
    return any(_INPUT_WORDS.search(t) for t in texts if t)


def file_positional(command: Command) -> Positional | None:
    """The positional naming input files, if the command has one."""
    from .operand_kinds import is_text_operand, names_files

    for positional in command.positionals:
        if is_text_operand(positional):  # ``input_string``: text, not a file
            continue
        if re.search(r"FILE|INPUT|PATH", positional.name, re.IGNORECASE) or \
                positional.value_type in ("file", "path") or names_files(positional):
            return positional
    return None


_SEPARATOR = re.compile(r"separat|delim", re.IGNORECASE)
_FIELD_PICKER = re.compile(r"^--?(k|f|key|keys|field|fields|columns?)$")


def field_companion(option: Option, command: Command) -> Option | None:
    """For a field separator, the option that picks a field: a separator alone changes
    nothing (``sort -t ,``) or is an error (``cut -d ,``); with ``-k 2`` / ``-f 2`` it
    decides the output."""
    if not option.takes_value or not (_SEPARATOR.search(" ".join(option.flags))
                                      or _SEPARATOR.search(option.description[:60])):
        return None
    for other in command.options:
        if other is not option and other.takes_value and any(
                _FIELD_PICKER.match(flag) for flag in other.flags):
            return other
    return None


def datasets_for(option: Option) -> tuple[str, ...]:
    """Input texts on which ``option`` plausibly changes the output, best first."""
    text = " ".join(option.flags) + " " + option.description.lower()
    found: list[str] = []
    for pattern, names in _DATASET_HINTS:
        if re.search(pattern, text, re.IGNORECASE):
            found.extend(n for n in names if n not in found)
    return tuple(found)


def is_numeric(item: Option | Positional) -> bool:
    """True when ``item`` wants a number (so boundary and not-a-number cases apply)."""
    return value_type_of(item) in ("int", "float")


def valid_examples(item: Option | Positional, examples: Sequence[str] = ()) -> list[str]:
    """The usable ones of ``examples`` (the agent's) and of the spec's own ``example``:
    non-empty, and among the choices when there are choices."""
    found = [*examples, *([item.example] if item.example else [])]
    usable = [e for e in found if e and (not item.choices or e in item.choices)]
    return list(dict.fromkeys(usable))


def sample_value(item: Option | Positional, examples: Sequence[str] = (),
                 index: int = 0) -> str:
    """A valid-looking value for an option or positional: the first usable example
    (see :func:`valid_examples`), else the first choice, else one for its kind of
    value, else one its name suggests. ``index``: how many operands of the same kind
    come before it (``VERSION1 VERSION2``: the second gets a larger version)."""
    usable = valid_examples(item, examples)
    if usable:
        return usable[0]
    if item.choices:
        return item.choices[0]
    ranged = range_values(item)  # inside the range the help states (``[0<=x<=1]``)
    if ranged:
        return ranged[0]
    if is_numeric(item) and item.value_type in (None, "int"):
        return "2"
    if item.value_type in _TYPE_VALUES:
        return _TYPE_VALUES[item.value_type]
    typed = extra_candidates(item, index)
    if typed:  # a version, URL, KEY=VALUE, JSON, date, ... as the help names it
        return typed[0]
    name = item.value_name if isinstance(item, Option) else item.name
    words = (name or "").strip("<>[].").upper()
    writes = isinstance(item, Option) and re.search(r"\bwrite|output\b", item.description,
                                                    re.IGNORECASE)
    if writes and (re.search(r"FILE|PATH|OUT", words) or not words):
        return "out.txt"
    for pattern, value in _VALUE_HINTS:
        if re.search(pattern, words):
            return value
    return "example"


def boundary_values(item: Option | Positional) -> dict[str, str]:
    """Edge values for a numeric option, keyed by a name for the case id."""
    if value_type_of(item) == "float":
        return {"zero": "0", "negative": "-1.5", "tiny": "0.000001", "huge": "1e308"}
    return {"zero": "0", "one": "1", "negative": "-1", "huge": "2147483648"}
