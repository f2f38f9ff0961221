"""Sample data for generated cases: input texts, option values, hostile arguments.

Everything here is a constant or a pure function, so generation stays deterministic.
"""

from __future__ import annotations

import re

from ..analysis.spec import Command, Option, Positional

# Input texts for tools that read stdin or files, each chosen to make some option
# visibly change the output (duplicates for -u, numbers for -n, tabs for -t, ...).
DATASETS: dict[str, str] = {
    "words": "pear\napple\nfig\nbanana\ncherry\n",
    "empty": "",
    "one-line": "hello world\n",
    "no-newline": "beta\nalpha",
    "duplicates": "apple\nbanana\napple\ncherry\nbanana\napple\n",
    "numbers": "10\n2\n-3\n1.5\n100\n0\n2\n",
    "mixed-case": "banana\nApple\ncherry\napple\nBanana\n",
    "tabs": "name\tage\tcity\nbob\t25\tParis\nalice\t30\tBerlin\ncarol\t25\tOslo\n",
    # ordered differently by each column, so a field option shows which field it used
    "csv": "id,name,score\n3,alice,88\n1,carol,92\n2,bob,75\n",
    "unicode": "héllo\nżółw\n日本語\nemoji 🙂\nzebra\n",
    "long-line": "x" * 3000 + "\nshort\n",
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

ERROR_PATTERN = (
    r"(?i)(usage|error|invalid|unknown|unrecogni[sz]ed|illegal|missing|require|expect|"
    r"not|bad|no such|must|try)"
)
UNKNOWN_OPTION = "--testronaut-no-such-option"
UNKNOWN_COMMAND = "testronaut-no-such-command"
BAD_CHOICE = "not-a-valid-choice"
NOT_A_NUMBER = "not-a-number"
INPUT_FILE = "input.txt"

_INT_WORDS = re.compile(r"^(N|NUM|NUMBER|COUNT|LINES|BYTES|INT|INTEGER|K|M|DEPTH|LEVEL|"
                        r"PORT|WIDTH|COLS|COLUMNS|TABS|SECONDS|SECS|LIMIT|MAX|MIN|"
                        r"NMERGE|PID|JOBS|TIMES|RETRIES)$")
_VALUE_HINTS: tuple[tuple[str, str], ...] = (
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
    for positional in command.positionals:
        if re.search(r"FILE|INPUT|PATH", positional.name, re.IGNORECASE) or \
                positional.value_type in ("file", "path"):
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


# Words in a description or flag that say "a number" when the value name does not
# (argparse shows `--by BY` for `type=int`).
_NUMBER_TEXT = re.compile(r"\b(number|count|how many|amount|times|step|increment|"
                          r"decrement|size|seconds|minutes|limit|port|index|offset|"
                          r"start(?:ing)? (?:at|value|from)|by how much)\b", re.IGNORECASE)
_NUMBER_FLAGS = re.compile(r"^--?(by|step|start|count|num|n|limit|max|min|size|port|"
                           r"offset|index|times|repeat|retries|depth|level|width|height|"
                           r"timeout|seconds|jobs|workers|threads|top|head|tail|first|last)$")


def is_numeric(option: Option | Positional) -> bool:
    if option.value_type in ("int", "float"):
        return True
    if option.value_type is not None or option.choices:
        return False
    name = option.value_name if isinstance(option, Option) else option.name
    if name and _INT_WORDS.match(name.strip("<>[]").upper()):
        return True
    flags = option.flags if isinstance(option, Option) else []
    return any(_NUMBER_FLAGS.match(f) for f in flags) or bool(
        _NUMBER_TEXT.search(option.description))


def sample_value(option: Option | Positional) -> str:
    """A valid-looking value for an option or positional, from its type and name."""
    if option.example and (not option.choices or option.example in option.choices):
        return option.example
    if option.choices:
        return option.choices[0]
    if option.value_type == "int" or (option.value_type is None and is_numeric(option)):
        return "2"
    if option.value_type in _TYPE_VALUES:
        return _TYPE_VALUES[option.value_type]
    name = option.value_name if isinstance(option, Option) else option.name
    words = (name or "").strip("<>[].").upper()
    writes = isinstance(option, Option) and re.search(r"\bwrite|output\b", option.description,
                                                      re.IGNORECASE)
    if writes and (re.search(r"FILE|PATH|OUT", words) or not words):
        return "out.txt"
    for pattern, value in _VALUE_HINTS:
        if re.search(pattern, words):
            return value
    return "example"


def boundary_values(option: Option | Positional) -> dict[str, str]:
    """Edge values for a numeric option, keyed by a name for the case id."""
    if option.value_type == "float":
        return {"zero": "0", "negative": "-1.5", "tiny": "0.000001", "huge": "1e308"}
    return {"zero": "0", "one": "1", "negative": "-1", "huge": "2147483648"}
