"""Documents with comments, for the formats that have them (see .formats): an option
that removes, keeps or moves comments (``--strip-comments``, ``--no-comments``,
``--no-inline-comments``) shows only on a document that has some. Each has a leading
(header) comment, an inline one, a block comment between entries and a trailing
(footer) one, with its entries out of order (and a key in upper case that sorts
before the lower-case ones by code point and after them ignoring case)."""

from __future__ import annotations

import re

# format -> {input name: (first file / stdin, second file)}, as .formats.DOCUMENTS
COMMENTED_DOCUMENTS: dict[str, dict[str, tuple[str, str]]] = {
    "sql": {
        "sql-commented": ("-- leading comment\nselect b, a /* inline */ from t\n"
                          "-- block comment\nwhere a = 1; -- trailing comment\n",
                          "select 1; -- other\n"),
    },
    "toml": {
        "toml-commented": ("# header comment\n\nb = 2  # inline comment\n# block comment\n"
                           "a = 1\nZed = 3\n\n[table]\nz = [3, 1]\n\n# footer comment\n",
                           "# other\nb = 3\n"),
    },
}
COMMENTED_DESCRIPTIONS: dict[str, str] = {
    "sql-commented": "SQL with leading, inline, block and trailing comments",
    "toml-commented": "a TOML document with header, inline, block and footer comments",
}
_COMMENT = re.compile(r"(?i)comment")


def commented_first(text: str, names: list[str]) -> list[str]:
    """``names`` with the commented documents first when ``text`` (an option's flags
    and help) speaks of comments."""
    if not _COMMENT.search(text):
        return names
    first = [n for n in names if n.endswith("-commented")]
    return list(dict.fromkeys([*first, *names]))
