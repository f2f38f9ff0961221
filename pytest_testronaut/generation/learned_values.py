"""Values learned from the tool's own output: the codes a checker printed.

``--select=E4,W2``, ``--ignore=D100`` or ``--disable=line-length`` show only with a code
the checker reports on the input: a placeholder word selects nothing, and ignoring a
code that was never reported changes nothing. :func:`learn_codes` runs the command
bare on its first documents (the runs the search makes anyway, so they come from the
prober's cache) and keeps the codes its output names, most printed first: ``E501``,
``W291``, ``F401`` (one to four capitals and three or four digits), or a rule's name
in brackets or parentheses at the end of a line (``(trailing-spaces)``,
``[no-unused-vars]``). :func:`with_learned_values` puts them first among the values of
an option whose value or help speaks of codes, errors, rules, checks or warnings:
one code, another of another family, both, and the first one's family (``E``).
Deterministic: the same tool and inputs give the same codes in the same order.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..analysis.spec import Option
from .source_documents import file_names

if TYPE_CHECKING:
    from .evidence import Search

_CODE = re.compile(r"(?<![\w-])([A-Z]{1,4}\d{3,4})(?![\w-])")
_RULE = re.compile(r"[(\[]([a-z][a-z0-9]*(?:-[a-z0-9]+)+)[)\]]\s*$", re.MULTILINE)
# an option taking codes: its value's name, or its help naming codes or the kinds of
# message a checker reports (``--ignore errors``, ``--select=<codes>``, ``--disable RULE``)
_CODE_VALUE = re.compile(r"(?i)^<?(?:codes?|errors?|rules?|checks?|warnings?|"
                         r"messages?|ids?|violations?|select|ignore|disable|enable)>?$")
_CODE_HELP = re.compile(r"(?i)\b(?:error|rule|check|warning|violation|message|"
                        r"diagnostic)?\s*codes\b|\b(?:error|violation|warning) code\b")
_CODE_FLAG = re.compile(r"(?i)select|ignore|disable|enable|skip|exclude|include")
_CODE_WORDS = re.compile(r"(?i)\b(?:errors?|rules?|checks?|warnings?|violations?|"
                         r"messages?|codes?)\b")
# a value pairing a file name with codes (``--per-file-ignores``)
_PER_FILE = re.compile(r"(?i)per[- ]file|file ?names? and|pairing of file")
MAX_CODES = 12


def codes_in(text: str) -> list[str]:
    """The codes ``text`` names (see the module's docstring), most named first, ties in
    the order they first appear."""
    found = [*_CODE.findall(text), *_RULE.findall(text)]
    counts = Counter(found)
    first = {code: number for number, code in reversed(list(enumerate(found)))}
    return sorted(counts, key=lambda code: (-counts[code], first[code]))


def learn_codes(search: Search) -> list[str]:
    """The codes the command printed, bare, on its first documents (a tool reading a
    format, see .formats) or its first text input, in its first two forms but the
    missing file (a checker is silent there, and ``missing.txt`` may be its first
    form; a command without operands checks its folder, where they are); kept in
    ``search.learned``."""
    documents = [d for d in search.formats if not d.endswith(("-invalid", "-ragged"))][:3]
    datasets = list(dict.fromkeys([*documents, search.primary]))
    forms = [f for f in search.forms() if f != "missing"][:2]
    got = search.prober.outcomes([search.probe([], d, form) for form in forms
                                  for d in datasets])
    text = "\n".join(f"{o.stdout}\n{o.stderr}" for o in got if o is not None)
    search.learned = codes_in(text)[:MAX_CODES]
    return search.learned


def takes_codes(option: Option) -> bool:
    """Whether ``option``'s value is a list of codes: its value's name, or its help
    naming codes, or a flag selecting or ignoring things whose help names errors,
    rules, checks or warnings."""
    if not option.takes_value:
        return False
    name = (option.value_name or "").strip()
    return bool(_CODE_VALUE.match(name) or _CODE_HELP.search(option.description) or (
        any(_CODE_FLAG.search(f) for f in option.flags)
        and _CODE_WORDS.search(option.description)))


def code_values(codes: Sequence[str], option: Option, dataset: str = "") -> list[str]:
    """Values of ``option`` made of ``codes``: the most printed one, the most printed
    of another family (``W291`` beside ``E501``), both, and the first one's family
    (its letters: ``E``); for a value pairing a file with codes, the input's name or
    ``*`` with them."""
    if not codes:
        return []
    first = codes[0]

    def family(code: str) -> str:  # a rule's name is a family of its own
        match = re.match(r"[A-Z]+(?=\d)", code)
        return match.group() if match else code

    other = next((c for c in codes[1:] if family(c) != family(first)),
                 codes[1] if len(codes) > 1 else "")
    values = [first, *([other, f"{first},{other}"] if other else [])]
    if family(first) != first:
        values.append(family(first))
    if _PER_FILE.search(f"{' '.join(option.flags)} {option.description}"):
        name = file_names(dataset)[0]
        values = [f"{name}:{values[0]}", *(f"*:{v}" for v in values)]
    return list(dict.fromkeys(values))


def with_learned_values(option: Option, search: Search,
                        words: list[list[str]]) -> list[list[str]]:
    """``words`` (an option's candidates) with the learned codes' values first, for an
    option taking codes (see :func:`takes_codes`); a value naming an input file names
    it as the command reads it too (``--exclude input.py`` beside ``input.txt``, for a
    command reading Python files: see .source_documents.file_names)."""
    names = dict(zip(file_names(""), file_names(search.primary), strict=True))
    if any(old != new for old, new in names.items()):
        renamed = [[each[0], *(names.get(w, w) for w in each[1:])] for each in words]
        words = _unique([*renamed, *words])
    if not search.learned or not takes_codes(option) or option.choices:
        return words
    learned = [[option.primary, value]
               for value in code_values(search.learned, option, search.primary)]
    return [*learned, *[w for w in words if w not in learned]]


def _unique(lists: Sequence[list[str]]) -> list[list[str]]:
    out: list[list[str]] = []
    for item in lists:
        if item not in out:
            out.append(item)
    return out
