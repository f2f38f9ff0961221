"""CLI coverage of a generated plan run without analyzing the tool again: the spec
saved beside the plan is what it is measured against (real runs in Docker)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

pytestmark = pytest.mark.docker


def _run(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    return pytester.runpytest_subprocess("-p", "no:cacheprovider", "--testronaut",
                                         "--testronaut-report=out", *args, timeout=180)


def _generate(pytester: pytest.Pytester, tmp_path: Path) -> Path:
    from pytest_testronaut.analysis.spec import CliSpec, Command, Option
    from pytest_testronaut.cli import main

    spec = CliSpec(tool="sort", version="1.0", root=Command(name="sort", path=["sort"], options=[
        Option(flags=["-r", "--reverse"], description="reverse the result of comparisons"),
        Option(flags=["-u", "--unique"], description="output only the first of equal lines"),
        Option(flags=["-z", "--zero-terminated"], description="lines end with NUL")]))
    given = tmp_path / "spec.json"
    given.write_text(json.dumps({"tool": "sort", "spec": spec.model_dump(mode="json")}))
    plan = pytester.path / "sort.testronaut.yaml"
    assert main(["generate", "--spec", str(given), "-o", str(plan), "--no-llm", "-q"]) == 0
    return plan


def test_a_generated_plan_is_measured_against_the_spec_saved_beside_it(
        pytester: pytest.Pytester, tmp_path: Path) -> None:
    _generate(pytester, tmp_path)
    _run(pytester, "--testronaut-record", "--testronaut-record-runs=1", "-k", "reverse")
    result = _run(pytester, "-k", "reverse")
    result.stdout.fnmatch_lines([
        "CLI coverage of sort: *%",
        "CLI coverage of sort is measured against sort.testronaut.spec.json (the help "
        "sort.testronaut.yaml was generated from); help drift needs today's help: "
        "--testronaut-tool sort, or --testronaut-report-spec FILE *"])
    report = json.loads((pytester.path / "out" / "report.json").read_text())
    [coverage] = report["coverage"]
    assert coverage["tool"] == "sort" and 0 < coverage["percent"] < 100  # -u, -z unused
    assert report["drift"] == []  # no help of today: nothing to measure drift against
    assert "No analyzed spec" not in (pytester.path / "out" / "report.html").read_text()


def test_a_spec_file_another_version_of_testronaut_wrote_still_counts(
        pytester: pytest.Pytester, tmp_path: Path) -> None:
    """The plan's digest is of the file as generation wrote it: a key an older
    testronaut did not write (a field added since, with its default) changes nothing."""
    plan = _generate(pytester, tmp_path)
    saved = pytester.path / "sort.testronaut.spec.json"
    data = json.loads(saved.read_text())
    data["spec"]["root"].pop("aliases")  # as if written before the field existed
    saved.write_text(json.dumps(data))
    digest = hashlib.sha256(json.dumps(data["spec"], sort_keys=True).encode()).hexdigest()[:16]
    text = plan.read_text()
    old = text.split("digest: ", 1)[1].split("\n", 1)[0]
    plan.write_text(text.replace(f"digest: {old}", f"digest: {digest}"))
    _run(pytester, "-k", "reverse").stdout.fnmatch_lines(["CLI coverage of sort: *%"])

    # A file that is not the spec the plan names is not used.
    plan.write_text(text.replace(f"digest: {old}", "digest: 0000000000000000"))
    result = _run(pytester, "-k", "reverse")
    assert "CLI coverage of sort" not in result.stdout.str()
    assert "No analyzed spec" in (pytester.path / "out" / "report.html").read_text()
