"""Source files for checkers, linters and formatters of code: Python, JavaScript, CSS and
shell scripts (see .formats, which merges them into its formats).

A linter's ``--max-line-length``, ``--select``, ``--ignore``, ``--statistics`` or
``--first`` shows only on a file that has violations of many kinds, some repeated; a
formatter's ``--indent-size``, ``--brace-style`` or ``--skip-string-normalization``
only on code it would change. Each document is short enough to review and packs the
features such options act on: long lines, trailing whitespace, tab indentation, unused
and unsorted imports, missing or extra blank lines, bad spacing around operators and
keyword arguments, line breaks around binary operators, mixed quotes, magic trailing
commas, old-style syntax a modernizer rewrites, docstrings badly formatted; a clean
file (the passing answer of a check mode); an invalid one (the error path). Everything
is a constant: generation stays deterministic.
"""

from __future__ import annotations

# format -> the words that name it in a help text (case-insensitive, after a word
# boundary; see .formats.FORMAT_WORDS). ``cssbeautifier.py`` names the program, not
# what it reads: a ``.py`` right after a word and a dot does not count.
SOURCE_WORDS: dict[str, str] = {
    "python": r"python|(?<!\w\.)pyi?\b|py\d+\b|pep ?\d+|docstrings?|doctests?|pyflakes|"
              r"pycodestyle|pylint|mypy\b",
    "javascript": r"javascript|ecmascript|js\b|jslint|\.js\b|jsx\b|typescript|node\.?js",
    "css": r"css|stylesheets?|\.css\b|\bscss\b",
    "shell": r"shell ?scripts?|\.sh\b|shellcheck|posix sh\b|bash scripts?",
}

# A Python module with violations of many kinds, several of them twice (a ``--first``
# or ``--statistics`` option shows only where a code repeats), old-style syntax a
# modernizer rewrites, a magic trailing comma, single and double quotes, a ``noqa``
# comment, a doctest naming an undefined name, a closing bracket on its own line.
PYTHON_LINT = (
    "#!/usr/bin/env python\n"
    "# -*- coding: utf-8 -*-\n"
    "from __future__ import annotations\n"
    "import sys, os\n"
    "import re\n"
    "from typing import List, Optional\n"
    "import collections  # noqa: F401\n"
    "\n"
    "\n"
    "class Point(object):\n"
    "    '''A point.\n"
    "\n"
    "    >>> Point(1, 2).norm() + undefined_in_doctest\n"
    "    '''\n"
    "    def __init__(self, x, y):\n"
    "        self.x=x\n"
    "        self.y = y\n"
    "    def norm(self):\n"
    "      return (self.x**2+self.y ** 2) ** 0.5\n"
    "\n"
    "\n"
    "def greet(name = 'world', loud=False):\n"
    "    \"\"\"say hello to someone whose name is given, in a summary line longer than "
    "seventy-nine characters\"\"\"\n"
    "    message = u'Hello, %s!' % name\n"
    "    if loud == True:\n"
    "        message = message.upper() \n"
    "    unused = 1\n"
    "    return message\n"
    "\n"
    "\n"
    "def total(values: List[int]) -> Optional[int]:\n"
    "\tresult = sum(set([v for v in values]))\n"
    "\tif result == None :\n"
    "\t\treturn None\n"
    "\treturn (result\n"
    "\t        + 1)\n"
    "l = lambda: 0\n"
    "VALUES = [1, 2, 3,]\n"
    "CONFIG = dict(\n"
    "    a=1,\n"
    ")\n"
    "print(\"{} {}\".format(greet(), total(VALUES)), file=sys.stderr, sep='  and  ', "
    "end=\"\\n\")\n"
)
# The same program, clean for a linter and a formatter alike (PEP 8 and PEP 257).
PYTHON_CLEAN = (
    '"""Greet someone."""\n'
    "\n"
    "import sys\n"
    "\n"
    "\n"
    "def greet(name: str) -> str:\n"
    '    """Return a greeting for ``name``."""\n'
    '    return f"Hello, {name}!"\n'
    "\n"
    "\n"
    'if __name__ == "__main__":\n'
    "    print(greet(sys.argv[-1]))\n"
)
# Docstrings a docstring formatter or checker acts on: a summary without a period and
# longer than a line, leading and trailing spaces, a description right after the
# summary, a long paragraph to wrap, a list, single quotes, blank lines to remove.
PYTHON_DOCSTRINGS = (
    '"""module summary without a period\n'
    "this description follows the summary without a blank line, and it is long enough to "
    'be wrapped at any width."""\n'
    "\n"
    "\n"
    "def add(a, b):\n"
    "    '''   Add two numbers and return their sum, a summary that is longer than the "
    "usual width.   \n"
    "\n"
    "\n"
    "    The description is a paragraph long enough to be wrapped when an option asks "
    "for descriptions to be wrapped at some width.\n"
    "    - a list item\n"
    "    - another item\n"
    "\n"
    "    Args:\n"
    "        a: the first number\n"
    "        b: the second number\n"
    "    '''\n"
    "    return a + b\n"
    "\n"
    "\n"
    "class Counter:\n"
    '    """   counts things"""\n'
    "\n"
    "    def next(self):\n"
    '        """Return one.\n'
    "\n"
    '        """\n'
    "        return 1\n"
    "\n"
    "    @property\n"
    "    def value(self):\n"
    "        return 0\n"
)
PYTHON_SECOND = "import os\nx=1\n\ndef f( a ):\n    return a\n"

# Minified-looking JavaScript: braces and if/else (brace styles), parens empty and
# full, an anonymous and a named function, an escaped string, an array kept on several
# oddly indented lines, an expression broken at an operator, runs of blank lines, a
# long line, and no final newline.
JAVASCRIPT = (
    "var a=1,b=[1,2,3];function add(x,y){if(x>y){return x-y}else{return x+y}}\n"
    "var f=function(){return \"\\x41\\x42\"};\n"
    "var o={key:\"value\",other:[1,2,3],nested:{deep:true}};\n"
    "var grid = [\n"
    "      [1, 2],\n"
    "  [3, 4]];\n"
    "\n"
    "\n"
    "\n"
    "var sum = a +\n"
    "    b.length;\n"
    "console.log(add(a,b.length),f( ),o,sum);\n"
    "var long=a+b.length+add(1,2)+add(3,4)+add(5,6)+add(7,8)+add(9,10)+add(11,12)"
    "+add(13,14)+add(15,16);"
)
JAVASCRIPT_SECOND = "function g(){return 1}\n"
# CSS: combinators, several selectors, an @media block, a comment, an empty rule, runs
# of blank lines, and no final newline.
CSS = (
    "a>b+c~d,.x .y{color:red;margin:0 auto}\n"
    "/* a comment */\n"
    "@media (max-width:600px){.z{display:none}.q{color:#FFF}}\n"
    "\n"
    "\n"
    "\n"
    ".w{}\n"
    "h1,h2,h3{font-weight:bold;font-family:\"Helvetica Neue\",Arial,sans-serif}"
)
CSS_SECOND = "p{margin:0}\n"
# A shell script with unquoted expansions, backticks, a useless cat, ``==`` in ``[``,
# a ``function`` keyword, mixed indentation and trailing whitespace.
SHELL = (
    "#!/bin/sh\n"
    "for f in $(ls *.txt); do echo $f; done\n"
    "if [ $1 == \"x\" ]\n"
    "then\n"
    "\tcat $FILE | grep foo \n"
    "    echo `whoami`\n"
    "fi\n"
    "function greet() { echo \"hi $USER\"; }\n"
)

# format -> {input name: (first file / stdin, second file)}, as .formats.DOCUMENTS
SOURCE_DOCUMENTS: dict[str, dict[str, tuple[str, str]]] = {
    "python": {
        "python-lint": (PYTHON_LINT, PYTHON_SECOND),
        "python-docstrings": (PYTHON_DOCSTRINGS, PYTHON_SECOND),
        "python-clean": (PYTHON_CLEAN, PYTHON_CLEAN),
        "python-invalid": ("def f(:\n    return [1, 2\n", "x = = 1\n"),
    },
    "javascript": {
        "javascript-code": (JAVASCRIPT, JAVASCRIPT_SECOND),
        "javascript-invalid": ("function (a {\n  return ]\n", "var = ;\n"),
    },
    "css": {
        "css-rules": (CSS, CSS_SECOND),
        "css-invalid": ("a { color: red\n}}} {\n", "{\n"),
    },
    "shell": {
        "shell-script": (SHELL, "echo $1\n"),
        "shell-invalid": ("if then fi (\n", "done\n"),
    },
}
SOURCE_DESCRIPTIONS: dict[str, str] = {
    "python-lint": "a Python module with style violations of many kinds, some repeated",
    "python-docstrings": "Python code with badly formatted docstrings",
    "python-clean": "a clean Python module",
    "python-invalid": "Python code with a syntax error",
    "javascript-code": "minified JavaScript with blank lines, an escaped string and a "
                       "long line (no final newline)",
    "javascript-invalid": "JavaScript with a syntax error",
    "css-rules": "minified CSS rules with combinators, @media and blank lines "
                 "(no final newline)",
    "css-invalid": "CSS with unbalanced braces",
    "shell-script": "a shell script with unquoted expansions and backticks",
    "shell-invalid": "a shell script with a syntax error",
}
# The suffix a file of each source format carries: checkers pick the files they read by
# it (a docstring checker reads ``*.py`` only, even when the file is named on the
# command line), so a source document is also given as ``input.py`` and ``input2.py``.
SUFFIXES: dict[str, str] = {"python": ".py", "javascript": ".js", "css": ".css",
                            "shell": ".sh"}
_SUFFIX_OF = {name: SUFFIXES[fmt] for fmt, documents in SOURCE_DOCUMENTS.items()
              for name in documents}


def file_names(dataset: str) -> tuple[str, str]:
    """The first and second input file of ``dataset`` as a command names them:
    ``input.py`` and ``input2.py`` for a Python document, ``input.txt`` and
    ``input2.txt`` for every other input."""
    suffix = _SUFFIX_OF.get(dataset, ".txt")
    return f"input{suffix}", f"input2{suffix}"
