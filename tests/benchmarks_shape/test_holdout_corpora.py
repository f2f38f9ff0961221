"""The hold-out pair corpora (benchmarks/pairs/holdout{2,...,7}.jsonl) are well-formed data.

Only their shape is checked (holdout_shape.py): fields, labels, unique ids, both labels in
about equal numbers, enough tools that no earlier set runs, and that each set was made by
its ``holdoutN_cases.py`` from the cases it lists; the third set also keeps out the tools
kept for the tuner, the fourth labels and removes every docker object it makes, the
fifth and seventh bind their servers to loopback and stop them, and every pair of the
seventh carries its case's recording (``expected2``, ``clock``, ``took``). No
verdict or accuracy is computed here; nothing in this test may become a reason to look at
the pairs while changing pytest_testronaut/verify/.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from holdout_shape import (
    HOLDOUTS,
    balance_problems,
    cases_module,
    field_problems,
    invoked,
    load,
    made_by_problems,
    new_tools,
    pairing_problems,
    recording_problems,
    sets_before,
)


class Corpus(NamedTuple):
    path: Path
    cases: str  # the script that makes it
    pairs_at_least: int
    new_tools_at_least: int


CORPORA = {
    "holdout2": Corpus(HOLDOUTS[1], "holdout2_cases", 120, 20),
    "holdout3": Corpus(HOLDOUTS[2], "holdout3_cases", 100, 20),
    "holdout4": Corpus(HOLDOUTS[3], "holdout4_cases", 120, 25),
    "holdout5": Corpus(HOLDOUTS[4], "holdout5_cases", 120, 30),
    "holdout6": Corpus(HOLDOUTS[5], "holdout6_cases", 150, 25),
    "holdout7": Corpus(HOLDOUTS[6], "holdout7_cases", 150, 40),
}
# Tools kept for the tuning set: the third hold-out set must not run them.
RESERVED_FROM_HOLDOUT3 = {
    "openssl", "git", "make", "tar", "cpio", "stat", "findmnt", "lsblk", "lscpu", "getconf",
    "id", "who", "last", "hostname", "docker", "awk", "mawk", "busybox", "time", "ionice",
    "nice", "timeout", "watch", "node", "json.tool", "http.server", "zipfile", "tarfile",
    "trace"}
DOCKER_LABEL = "org.testronaut.holdout4=1"  # on every docker object the fourth set makes


@pytest.fixture(scope="module", params=sorted(CORPORA))
def corpus(request: pytest.FixtureRequest) -> tuple[Corpus, list[dict[str, Any]]]:
    spec = CORPORA[request.param]
    return spec, load(spec.path)


def test_every_pair_has_the_fields_and_a_known_label(
        corpus: tuple[Corpus, list[dict[str, Any]]]) -> None:
    assert field_problems(corpus[1]) == []


def test_ids_are_unique_and_changes_start_from_their_first_run(
        corpus: tuple[Corpus, list[dict[str, Any]]]) -> None:
    assert pairing_problems(corpus[1]) == []


def test_enough_pairs_about_half_each(corpus: tuple[Corpus, list[dict[str, Any]]]) -> None:
    spec, pairs = corpus
    assert balance_problems(pairs, at_least=spec.pairs_at_least) == []


def test_enough_tools_no_earlier_set_runs(corpus: tuple[Corpus, list[dict[str, Any]]]) -> None:
    spec, pairs = corpus
    unseen = new_tools(pairs, sets_before(spec.path))
    assert len(unseen) >= spec.new_tools_at_least, \
        f"only {len(unseen)} tools are new: {', '.join(unseen)}"


def test_the_data_is_what_its_cases_script_makes(
        corpus: tuple[Corpus, list[dict[str, Any]]], monkeypatch: pytest.MonkeyPatch) -> None:
    spec, pairs = corpus
    problems = made_by_problems(pairs, cases_module(spec.cases, monkeypatch))
    assert problems == [], f"run benchmarks/pairs/{spec.cases}.py:\n" + "\n".join(problems)


def test_the_third_set_runs_no_tool_kept_for_the_tuner() -> None:
    pairs = load(CORPORA["holdout3"].path)
    used = {row["id"]: sorted(invoked(row) & RESERVED_FROM_HOLDOUT3) for row in pairs}
    assert {k: v for k, v in used.items() if v} == {}
    assert not any("/usr/bin/time" in row["command"] + row["setup"] for row in pairs)


def docker_problems(script: str) -> list[str]:
    """Docker objects a script makes without the set's label, or does not remove."""
    problems = []
    if re.search(r"docker (run|create|build)\b", script) and DOCKER_LABEL not in script:
        problems.append(f"a docker object without the label {DOCKER_LABEL}")
    if re.search(r"docker run\b", script) and "--rm" not in script:
        problems.append("docker run without --rm")
    if re.search(r"docker create\b", script) and not re.search(r"docker rm\b", script):
        problems.append("docker create without docker rm")
    if re.search(r"docker build\b", script) and not re.search(r"docker rmi\b", script):
        problems.append("docker build without docker rmi")
    return problems


def test_the_fourth_set_labels_and_removes_its_docker_objects() -> None:
    pairs = load(CORPORA["holdout4"].path)
    found = {}
    for row in pairs:
        for key in ("command", "command_b"):
            script = "\n".join((row.get(key, ""), row.get("setup", "")))
            if problems := docker_problems(script):
                found[f"{row['id']} {key}"] = problems
    assert found == {}
    assert any("docker" in row["command"] for row in pairs)


def test_docker_problems_name_what_is_missing() -> None:
    assert docker_problems("docker run --rm x") == [
        f"a docker object without the label {DOCKER_LABEL}"]
    assert docker_problems(f"docker create --label {DOCKER_LABEL} x") == [
        "docker create without docker rm"]
    assert docker_problems(f"docker run --rm --label {DOCKER_LABEL} x") == []


SERVERS = ("uvicorn", "gunicorn", "lighttpd")  # the servers the fifth set starts
# the servers the seventh set starts (redis-server only for redis-benchmark)
SERVERS7 = ("haproxy", "webfsd", "mini_httpd", "dnsmasq", "beanstalkd", "gnutls-serv",
            "redis-server")


def server_problems(script: str, servers: tuple[str, ...] = SERVERS) -> list[str]:
    """A server a script starts that may listen beyond loopback, or that it does not stop."""
    problems = []
    if any(re.search(rf"(^|[;&|]\s*){name}\b", script, re.MULTILINE) for name in servers):
        if "127.0.0.1" not in script:
            problems.append("a server not bound to 127.0.0.1")
        if not re.search(r"kill -\w+ \$pid\b[^;]*; wait \$pid", script):
            problems.append("a server not stopped and waited for")
    return problems


def test_the_fifth_set_binds_its_servers_to_loopback_and_stops_them() -> None:
    pairs = load(CORPORA["holdout5"].path)
    found = {}
    for row in pairs:
        for key in ("command", "command_b"):
            script = "\n".join((row.get(key, ""), row.get("setup_b", row["setup"])))
            if problems := server_problems(script):
                found[f"{row['id']} {key}"] = problems
    assert found == {}
    # the check sees the servers the set does start: without the loopback address they fail it
    assert sum(bool(server_problems(row["command"].replace("127.0.0.1", "0.0.0.0")))
               for row in pairs) >= 3
    assert sum(bool(server_problems(f"{name} app")) for name in SERVERS) == len(SERVERS)
    assert server_problems(
        "uvicorn asgi:app 2>&1 & pid=$!; curl http://127.0.0.1:1; kill -INT $pid; wait $pid") == []


def test_every_pair_of_the_seventh_set_carries_its_recording() -> None:
    assert recording_problems(load(CORPORA["holdout7"].path)) == []


def test_recording_problems_name_what_is_wrong() -> None:
    case = {"id": "c/rerun", "label": "equivalent", "expected": "a", "expected2": "b",
            "actual": "c", "clock": 1.0, "took": 0.5}
    changed = {**case, "id": "c/x", "label": "different", "actual": "b"}
    assert recording_problems([case]) == []
    assert recording_problems([{**case, "expected2": None}]) == ["c/rerun: no expected2"]
    assert recording_problems([case, changed]) == [
        "c/x: the changed tool printed the recording's second run"]
    assert recording_problems([case, {**changed, "actual": "d", "clock": 2.0}]) == [
        "c/x: its recording is not its case's"]


def test_the_seventh_set_binds_its_servers_to_loopback_and_stops_them() -> None:
    pairs = load(CORPORA["holdout7"].path)
    found = {}
    for row in pairs:
        for key in ("command", "command_b"):
            script = "\n".join((row.get(key, ""), row.get("setup_b", row["setup"])))
            if problems := server_problems(script, SERVERS7):
                found[f"{row['id']} {key}"] = problems
    assert found == {}
    started = [row for row in pairs if server_problems(
        row["command"].replace("127.0.0.1", "0.0.0.0"), SERVERS7)]
    assert {row["tool"] for row in started} >= {"haproxy", "webfsd", "mini_httpd", "dnsmasq",
                                               "beanstalkd", "redis-benchmark"}
