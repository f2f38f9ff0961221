"""Inputs that hold what an option's help talks about: a feature vocabulary.

A converter or fixer acts on something its input must contain for the option to show:
``--unescape`` needs HTML entities, ``--fix-line-breaks`` CRLF endings, ``--uni-quotes``
curly quotes, ``--normalization NFKC`` ligatures and full-width letters. Numbered text
lines hold none of these, so such options end with "no observed effect". Each
:class:`Feature` here is one such thing: the words of an option's flags or help that
name it (a pattern), a short input that holds it in a few forms (short enough to
review), a related second file, and how a case describes it. :func:`features_for`
gives the features an option names, best first; :func:`feature_datasets` every
feature as the files of a probe folder (see :func:`.evidence.probe_datasets`).

Nothing here knows a tool: the words are those any help uses for the thing. The
inputs are text (files are written as UTF-8): mojibake is UTF-8 read as Latin-1 or
cp1252 and written again, as a fixer meets it. Everything is a constant or a pure
function: generation stays deterministic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Feature:
    """One thing an input can hold that an option acts on."""

    name: str  # the dataset name (``feature-entities``)
    words: str  # a pattern over an option's flags and help naming it
    text: str  # stdin and the first file
    second: str  # the second file: the same feature, other values
    description: str  # how a case names the input
    # words few helps use for anything else (``--unescape``, ``--uni-quotes``): its
    # input is tried before the ones other hints give; a general one (numbers,
    # indentation) after them
    specific: bool = True


PREFIX = "feature-"


def _f(name: str, words: str, text: str, second: str, description: str,
       specific: bool = True) -> Feature:
    return Feature(PREFIX + name, words, text, second, description, specific)


def _mojibake(text: str) -> str:
    """``text`` as UTF-8 bytes read as cp1252 (a byte cp1252 leaves undefined as
    Latin-1): what a fixer of encoding errors meets."""
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b)
                   for b in text.encode("utf-8"))


# Ordered from the most specific words to the most general: the first features an
# option names are the ones tried first.
FEATURES: tuple[Feature, ...] = (
    _f("entities", r"entit|\bhtml\b|\bxml\b|unescape|&amp;|&lt;",
       "Tom &amp; Jerry &lt;b&gt;bold&lt;/b&gt;\n&quot;quoted&quot; &#233;t&#xE9; &copy; "
       "&nbsp;x\nplain line\n",
       "a &lt; b &amp;&amp; c &gt; d\n", "HTML entities (&amp;, &lt;, &#233;)"),
    _f("mojibake", r"mojibake|mis-?decod|wrongly decoded|encoding errors?|latin|cp1252|"
       r"windows-125|garbled|wrong (encoding|charset)",
       _mojibake("caf\u00e9 na\u00efve r\u00e9sum\u00e9\n\u201cquoted\u201d and it\u2019s\n"
                 "\u00fcber stra\u00dfe\nplain ascii\n"),
       _mojibake("d\u00e9j\u00e0 vu\n"), "UTF-8 text decoded as cp1252 (caf\u00c3\u00a9)"),
    _f("declared", r"declar|\bcoding\b|meta charset|charset (hint|declaration)|"
       r"\bpreemptive",
       # one declaration a file (several that disagree are no hint)
       '<?xml version="1.0" encoding="ISO-8859-1"?>\ncaf\u00e9 na\u00efve \u00fcber\n',
       "# -*- coding: latin-1 -*-\nd\u00e9j\u00e0\n",
       "a charset declaration (ISO-8859-1) over UTF-8 text"),
    _f("crlf", r"\bcr\b|crlf|\bcr-?lf\b|carriage|line ?breaks?|line ?endings?|\beol\b|"
       r"\bdos\b|windows",
       "first line\r\nsecond line\r\nbare cr\rthird\r\n", "one\r\ntwo\r\n",
       "CRLF line endings and a bare CR"),
    _f("bom", r"\bbom\b|byte[- ]order|\bsig\b|signature|utf-?8-?sig",
       "\ufeffhello with a byte order mark\nsecond line\n", "\ufeffother\n",
       "a byte order mark (U+FEFF) first"),
    _f("control", r"control char|non-?print|\bansi\b|escape (codes?|sequences?)|"
       r"\bbell\b|\bnul\b|invisible",
       "bell\x07here\nesc \x1b[1mbold\x1b[0m end\ndel\x7fchar and nul-free\nzero\u200bwidth "
       "soft\u00adhyphen\n", "a\x1b[31mred\x1b[0m\n",
       "control characters, ANSI escapes, zero-width characters"),
    _f("quotes", r"\bquot|curly|smart|typograph|apostroph|\bdash(es)?\b|\ben.?dash|"
       r"punctuat|ellips",
       "\u201cdouble\u201d and \u2018single\u2019 it\u2019s\nen\u2013dash em\u2014dash "
       "minus\u2212 ellipsis\u2026\n\u00abguillemets\u00bb \"straight\" 'plain'\n",
       "\u201ca\u201d \u2014 b\n", "curly quotes, dashes and an ellipsis"),
    _f("ligatures", r"ligature|normali[sz]|\bnfk?[cd]\b|compatib|full-?width|"
       r"half-?width",
       "\ufb01ne \ufb02ow e\ufb00ort o\ufb03ce\n"
       "\uff26\uff55\uff4c\uff4c\u3000\uff57\uff49\uff44\uff54\uff48\u3000\uff11\uff12\uff13\n"
       "\uff8a\uff9d\uff76\uff78 half-width\nsuper\u00b2 \u00bd \u2103 \u216b\n",
       "\ufb01 \uff21\uff22\n",
       "ligatures, full-width and half-width letters, compatibility characters"),
    _f("combining", r"combin|accent|diacrit|decompos|normali[sz]|\bnf[cd]\b|translit|"
       r"\bascii\b|unidecode|romani[sz]",
       "cafe\u0301 (combining) caf\u00e9 (precomposed)\nno\u00ebl Zo\u00eb \u00c5ngstr\u00f6m\n"
       "\u0141\u00f3d\u017a \u0130stanbul \u00df\n\u041c\u043e\u0441\u043a\u0432\u0430 "
       "\u0391\u03b8\u03ae\u03bd\u03b1 \u5317\u4eac\n", "e\u0301le\u0300ve\n",
       "accents precomposed and combining, other scripts"),
    _f("emoji", r"emoji|emoticon|pictograph",
       "I \u2764\ufe0f pizza \U0001f355\nthumbs \U0001f44d\U0001f3fd flag \U0001f1eb\U0001f1f7\n"
       "family \U0001f468\u200d\U0001f469\u200d\U0001f467 :smile: :-)\n", "ok \U0001f44d\n",
       "emoji (with a skin tone, a flag, a joined sequence) and emoticons"),
    _f("links", r"\burls?\b|(?<!symbolic )\blinks?\b|hyperlink|href|e-?mails?|\buri\b|"
       r"\bdomain",
       "see https://example.com/a/b?x=1&y=2#top and http://example.org\nmail "
       "user@example.com or <admin@example.org>\nwww.example.net/path (bare)\n",
       "https://example.com/\n", "URLs and e-mail addresses"),
    _f("numbers", r"number|numer|digit|decimal|currenc|money|amount|ordinal|cardinal|"
       r"thousand|grouping|locale|\bint(eger)?s?\b|float|fraction|percent",
       "1,234,567.89 and 1.234.567,89\n-42 +7 0 007 3.50 .5 1e3\n1st 2nd 3rd 21st "
       "100th\n$19.99 \u20ac5 \u00a31,000 50%\n", "2,000 -1.5 4th\n",
       "numbers with separators, decimals, signs, ordinals, currency", False),
    _f("dates", r"\bdates?\b|\btimes?\b|timestamp|datetime|\bday|month|\byear|\biso\b|"
       r"strftime|epoch",
       "2024-01-02 and 2024-12-31T23:59:59Z\n03/04/2025 5 March 2024 Tue, 02 Jan 2024\n"
       "12:34:56 1704164645\n", "2023-06-15\n", "dates, times and a timestamp", False),
    _f("quoted", r"quot|string|escap|literal",
       "say \"hello\" and 'bye'\nescaped \\\"inner\\\" and a\\tb \\n\n"
       "unterminated \"quote\n", "\"x\" 'y'\n", "quoted strings and backslash escapes", False),
    _f("comments", r"comment|\bstrip\b|docstring|remark",
       "# a whole-line comment\ncode = 1  # trailing comment\n// slash comment\n"
       "/* block */ x = 2\n; semicolon comment\n", "# only\n",
       "comments in several styles", False),
    _f("indentation", r"indent|dedent|leading|tab|spaces?\b|expand|whitespace|"
       r"trailing|\btrim|rstrip|lstrip",
       "no indent\n    four spaces\n\ttab\n  \t mixed\ntrailing spaces   \n"
       "trailing tab\t\ninner   run\n", "  two\n",
       "indentation by spaces and tabs, trailing whitespace", False),
    _f("long-words", r"\blong|wrap|width|break|hyphen|truncat|\bmax|column",
       "a supercalifragilisticexpialidocious word\nan_identifier_longer_than_forty_"
       "characters_here and more\nshort\n", "tiny\n",
       "a word and an identifier longer than 30 characters", False),
    _f("case", r"\bcase\b|upper|lower|title|capitali[sz]|casefold|swap",
       "lower UPPER Title mIxEd\n\u00df stra\u00dfe \u0130 \u01c5 \u03a3\u03c3\u03c2\n",
       "MiXeD\n", "letters in every case, and \u00df, \u0130, \u01c5, \u03a3", False),
)
BY_NAME: dict[str, Feature] = {f.name: f for f in FEATURES}
# Every feature at once, a line or two each: for a tool whose help speaks of
# converting or fixing text in general, the one input most of its options act on.
MIX = PREFIX + "mix"
MIX_TEXT = "\ufeff" + "".join(  # the byte order mark first, where it is one
    f.text.split("\n", 1)[0] + "\n" for f in FEATURES
    if f.name not in (PREFIX + "crlf", PREFIX + "bom")) + "crlf line\r\n"
MIX_SECOND = "caf\u00e9 \u201cx\u201d\n"
_CONVERTS = re.compile(r"(?i)\b(convert|fix|repair|clean|normali[sz]|translit|encod|decod|"
                       r"unicode|ascii|text|escap|sanitiz)")


def features_for(flags: list[str] | tuple[str, ...], description: str,
                 limit: int = 3) -> list[str]:
    """The dataset names of the features an option's flags and help name, in the
    table's order, at most ``limit``; the mix when its help speaks of converting text
    in general and names no feature."""
    text = " ".join(flags).replace("-", " ") + " " + description
    found = [f.name for f in FEATURES if re.search(f.words, text, re.IGNORECASE)]
    if not found and _CONVERTS.search(text):
        found = [MIX]
    return found[:limit]


def summary_features(summary: str, limit: int = 2) -> list[str]:
    """The specific features a command's summary names (``Charset Detector ...
    Normalize text to unicode``: ligatures, combining accents), for every option of
    the command; none for general words (``number lines``, ``text files``), which
    would cost every option runs."""
    return [f.name for f in FEATURES if f.specific
            and re.search(f.words, summary, re.IGNORECASE)][:limit]


def feature_datasets() -> dict[str, dict[str, str]]:
    """Every feature, and the mix, as the files of a probe folder (stdin, first and
    second file)."""
    out = {f.name: {".stdin": f.text, "input.txt": f.text, "input2.txt": f.second}
           for f in FEATURES}
    out[MIX] = {".stdin": MIX_TEXT, "input.txt": MIX_TEXT, "input2.txt": MIX_SECOND}
    return out


def describe(name: str) -> str | None:
    """How a case names a feature input, or ``None`` for another input."""
    if name == MIX:
        return "one line of each feature (entities, mojibake, quotes, ligatures, ...)"
    feature = BY_NAME.get(name)
    return feature.description if feature is not None else None
