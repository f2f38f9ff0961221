"""The documentation's examples run: fenced blocks whose first line names a file
(``# test_x.py``, ``# x.testronaut.yaml``) are written out and run as a user would."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FENCE = re.compile(r"```(?:python|yaml)\n# (?P<name>[\w.-]+\.(?:py|yaml))\n(?P<body>.*?)```", re.S)


def snippets(doc: Path) -> dict[str, str]:
    return {m["name"]: m["body"] for m in FENCE.finditer(doc.read_text(encoding="utf-8"))}


def test_the_user_guide_has_runnable_examples() -> None:
    found = snippets(ROOT / "docs" / "user-guide.md")
    assert {"test_coreutils.py", "sort.testronaut.yaml"} <= set(found)


@pytest.mark.docker
@pytest.mark.parametrize("doc", ["docs/user-guide.md", "README.md"])
def test_examples_pass(pytester: pytest.Pytester, doc: str) -> None:
    found = snippets(ROOT / doc)
    assert found, f"{doc} lost its runnable examples"
    for name, body in found.items():
        (pytester.path / name).write_text(body, encoding="utf-8")
    result = pytester.runpytest("--testronaut", "-p", "no:cacheprovider")
    outcomes = result.parseoutcomes()
    assert outcomes.get("failed", 0) == 0 and outcomes.get("errors", 0) == 0, result.stdout.str()
    assert outcomes.get("passed", 0) >= len(found)
