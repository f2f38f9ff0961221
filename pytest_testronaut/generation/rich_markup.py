"""An HTML article and a Markdown document with every feature a converter's options act
on (see .formats, which gives them to tools reading HTML or Markdown).

An HTML-to-text converter's ignore-links, ignore-images, ignore-emphasis, body width,
reference links, unicode, escaping, code marking, tables, lists and entity options, and
a Markdown converter's extras (tables, footnotes, fenced code, strike-through, header
ids, smart quotes, hard breaks) show only on a document that has those features. Each
document packs them in about thirty lines: inline, reference and relative links, an
image, emphasis of each kind, inline and block code, a table, nested ordered and
unordered lists, a block quote, named and numeric entities and a non-breaking space,
multi-byte characters, a paragraph longer than the usual widths (78, 80), a hard line
break and a rule; the Markdown one ends in a paragraph without a final newline.
"""

from __future__ import annotations

HTML_ARTICLE = (
    "<html><head><title>Guide &amp; notes</title></head><body>\n"
    "<h1>Main title</h1>\n"
    "<p>Some <em>emphasis</em>, <strong>strong</strong>, <i>italic</i>, <b>bold</b>, "
    "<del>deleted</del> and <code>inline_code()</code> text.</p>\n"
    "<p>A <a href=\"http://example.com/page\" title=\"Example\">link</a>, the "
    "<a href=\"http://example.com/page\">same link</a>, a <a href=\"/relative/path\">"
    "relative one</a> and <a href=\"mailto:user@example.com\">mail</a>.</p>\n"
    "<p><img src=\"http://example.com/image.png\" alt=\"An image\" width=\"20\"></p>\n"
    "<h2>Details</h2>\n"
    "<p>This paragraph is deliberately long so that any option setting the width of the "
    "body wraps it at some point, and its words run past eighty characters several "
    "times over.<br>After a line break: caf&eacute; &lt;tag&gt; &copy; 2024&nbsp;nbsp "
    "&#8212; Zo&euml; 日本 *stars* _under_ [brackets] 1. not a list</p>\n"
    "<ul><li>first item</li><li>second item<ol><li>nested one</li><li>nested two</li>"
    "</ol></li></ul>\n"
    "<blockquote><p>A quoted line.</p></blockquote>\n"
    "<pre><code>def f(x):\n    return x * 2\n</code></pre>\n"
    "<table><tr><th>Name</th><th>Score</th></tr><tr><td>alice</td><td>88.5</td></tr>"
    "<tr><td>bob</td><td>7</td></tr></table>\n"
    "<hr>\n"
    "<dl><dt>term</dt><dd>definition</dd></dl>\n"
    "</body></html>\n"
)

MARKDOWN_RICH = (
    "Title\n"
    "=====\n"
    "\n"
    "## Section *one*\n"
    "\n"
    "Some *emphasis*, **strong**, _under_, __double__, ~~struck~~ and `inline_code()`.\n"
    "A line ending in two spaces  \n"
    "breaks; this one\n"
    "does not. \"Quotes\" -- dashes... and a snake_case_word.\n"
    "\n"
    "A [link](http://example.com/page \"Example\"), a [reference][ref], <http://example.org>"
    ", an ![image](http://example.com/image.png) and a footnote[^1].\n"
    "\n"
    "This paragraph is deliberately long so that an option setting the width wraps it "
    "at some point, and its words run past eighty characters several times over.\n"
    "\n"
    "* first item\n"
    "* second item\n"
    "    1. nested one\n"
    "    2. nested two\n"
    "- [ ] a task\n"
    "- [x] a done task\n"
    "\n"
    "> A quoted line.\n"
    "\n"
    "```python\n"
    "def f(x):\n"
    "    return x * 2\n"
    "```\n"
    "\n"
    "    indented code\n"
    "\n"
    "| Name | Score |\n"
    "|------|------:|\n"
    "| alice | 88.5 |\n"
    "| bob | 7 |\n"
    "\n"
    "Entities: &amp; &lt;b&gt; &copy; caf\u00e9 日本 <span>inline html</span>\n"
    "\n"
    "[ref]: http://example.com/ref \"Ref\"\n"
    "[^1]: The footnote text.\n"
    "\n"
    "***\n"
    "\n"
    "The last line, without a newline."
)
