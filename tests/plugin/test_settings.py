"""Options, ini keys and environment variables: precedence, parsing, usage errors, and
the --help text of our option group."""

from __future__ import annotations

import pytest

from pytest_testronaut.settings import SPECS

SHOW = """
def test_show(testronaut_settings):
    for name in ("enabled", "timeout", "isolation", "keep", "network", "image", "pids"):
        print(f"SETTING {name}={getattr(testronaut_settings, name)!r}")
"""


def _settings(pytester: pytest.Pytester, *args: str) -> dict[str, str]:
    pytester.makepyfile(test_show=SHOW)
    result = pytester.runpytest("-p", "no:cacheprovider", "-s", *args)
    result.assert_outcomes(passed=1)
    # the first print shares its line with the progress output
    pairs = [line.partition("SETTING ")[2] for line in result.outlines if "SETTING " in line]
    return dict(pair.split("=", 1) for pair in pairs)


@pytest.mark.parametrize(("cli", "ini", "env", "expected"), [
    ("5", "7", "9", "5.0"),
    (None, "7", "9", "7.0"),
    (None, None, "9", "9.0"),
    (None, None, None, "60.0"),
    ("5", None, "9", "5.0"),
])
def test_precedence_cli_ini_env_default(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch,
                                        cli: str | None, ini: str | None, env: str | None,
                                        expected: str) -> None:
    if ini is not None:
        pytester.makeini(f"[pytest]\ntestronaut_timeout = {ini}\n")
    if env is not None:
        monkeypatch.setenv("TESTRONAUT_TIMEOUT", env)
    args = [f"--testronaut-timeout={cli}"] if cli is not None else []
    assert _settings(pytester, *args)["timeout"] == expected


def test_defaults(pytester: pytest.Pytester) -> None:
    assert _settings(pytester) == {
        "enabled": "False", "timeout": "60.0", "isolation": "'module'", "keep": "False",
        "network": "False", "image": "'testronaut-base:bookworm'", "pids": "256",
    }


def test_every_kind_of_value_from_each_source(pytester: pytest.Pytester,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    pytester.makeini("[pytest]\ntestronaut = yes\ntestronaut_isolation = session\n"
                     "testronaut_network = on\n")
    monkeypatch.setenv("TESTRONAUT_IMAGE", "alpine:3")
    monkeypatch.setenv("TESTRONAUT_PIDS", "99")
    monkeypatch.setenv("TESTRONAUT_NETWORK", "0")  # the ini wins over the environment
    shown = _settings(pytester, "--testronaut-keep", "--testronaut-isolation=test")
    assert shown == {
        "enabled": "True", "timeout": "60.0", "isolation": "'test'", "keep": "True",
        "network": "True", "image": "'alpine:3'", "pids": "99",
    }


def test_enabled_from_the_environment(pytester: pytest.Pytester,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TESTRONAUT", "1")
    assert _settings(pytester)["enabled"] == "True"


def test_flag_beats_ini(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\ntestronaut_keep = false\n")
    assert _settings(pytester, "--testronaut-keep")["keep"] == "True"
    assert _settings(pytester)["keep"] == "False"


@pytest.mark.parametrize(("source", "value", "expected"), [
    ("cli", "--testronaut-timeout=abc", "testronaut: --testronaut-timeout='abc' is not valid"),
    ("cli", "--testronaut-isolation=class",
     "testronaut: --testronaut-isolation='class' is not valid: expected one of session, "
     "module, test*"),
    ("ini", "testronaut_isolation = class",
     "testronaut: ini testronaut_isolation='class' is not valid: expected one of session, "
     "module, test*"),
    ("ini", "testronaut_timeout = -1",
     "testronaut: ini testronaut_timeout='-1' is not valid: -1.0 is out of range; expected a "
     "number greater than 0 and at most 86400 (seconds)*"),
    ("env", "TESTRONAUT_PIDS=-3",
     "testronaut: env TESTRONAUT_PIDS='-3' is not valid: -3 is out of range; expected a whole "
     "number from 1 to 4194304*"),
    ("env", "TESTRONAUT_NETWORK=maybe",
     "testronaut: env TESTRONAUT_NETWORK='maybe' is not valid: expected true/false*"),
    ("env", "TESTRONAUT=perhaps", "testronaut: env TESTRONAUT='perhaps' is not valid*"),
    ("cli", "--testronaut-llm-retries=-1",
     "testronaut: --testronaut-llm-retries='-1' is not valid: -1 is out of range; expected a "
     "whole number from 0 to 100*"),
])
def test_bad_value_is_a_usage_error(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch,
                                    source: str, value: str, expected: str) -> None:
    pytester.makepyfile(test_nothing="def test_nothing():\n    pass\n")
    args: list[str] = []
    if source == "cli":
        args.append(value)
    elif source == "ini":
        pytester.makeini(f"[pytest]\n{value}\n")
    else:
        name, _, text = value.partition("=")
        monkeypatch.setenv(name, text)
    result = pytester.runpytest("-p", "no:cacheprovider", *args)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines([f"*{expected}*"])
    result.stderr.fnmatch_lines(["*Fix it on the command line*"])
    result.stderr.no_fnmatch_line("*Traceback*")


def test_bad_memory_is_a_usage_error(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_nothing="def test_nothing():\n    pass\n")
    result = pytester.runpytest("-p", "no:cacheprovider", "--testronaut-memory=lots")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*--testronaut-memory='lots' is not valid: 'lots' is not a "
                                 "size; expected a size from 6m to 1024g, like 512m or 2g*"])


def test_help_pins_our_option_group(pytester: pytest.Pytester) -> None:
    result = pytester.runpytest("--help")
    assert result.ret == 0
    result.stdout.fnmatch_lines([
        "end-to-end CLI testing in Docker (testronaut):",
        "  --testronaut * collect plan files, print the testronaut summary and*",
        "  --testronaut-image=IMAGE*",
        "* image for sandboxes that name none (default:*",
        "  --testronaut-install=SPEC*",
        "*install step on top of the image, repeatable: 'pip:REQ?,REQ?',*",  # ?: [] is a set
        "  --testronaut-isolation=SCOPE*",
        "* how tests share a sandbox: session, module, test*",
        "  --testronaut-timeout=SECONDS*",
        "  --testronaut-network=BOOL*",
        "  --testronaut-memory=SIZE*",
        "  --testronaut-cpus=N*",
        "  --testronaut-pids=N*",
        "  --testronaut-user=USER*",
        "  --testronaut-keep*keep containers after the run, for debugging*",
        "  --testronaut-output-limit=BYTES*",
        "  --testronaut-plans=GLOB*",
        "  --testronaut-tool=NAME*",
        "  --testronaut-record*",
        "  --testronaut-model=MODEL*",
        "  --testronaut-offline*",
        "  --testronaut-inconclusive=POLICY*",
    ])
    result.stdout.fnmatch_lines([
        "  testronaut (string):*turn testronaut on as --testronaut does",
        "  testronaut_image (string):*",
        "  testronaut_isolation (string):*",
        "  testronaut_timeout (string):*",
    ])
    text = result.stdout.str()
    for spec in SPECS:  # every setting has its option and its ini key
        assert spec.option in text, spec.option
        assert f"  {spec.ini} (" in text, spec.ini
    result.stdout.no_fnmatch_line("--testronaut-* -[a-zA-Z] *")  # long options only


def test_llm_settings_from_each_source(pytester: pytest.Pytester,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Per-task models, fallbacks and request handling resolve like every setting."""
    pytester.makeini("[pytest]\ntestronaut_model_verify = openai:gpt-4.1-nano\n"
                     "testronaut_llm_timeout = 12\n")
    monkeypatch.setenv("TESTRONAUT_MODEL_FALLBACK", "openai:a, anthropic:b")
    monkeypatch.setenv("TESTRONAUT_MODEL_VERIFY", "openai:loses-to-the-ini")
    pytester.makepyfile(test_llm="""
def test_llm(testronaut_settings):
    s = testronaut_settings
    print("LLM", s.task_models, s.fallbacks, s.llm_timeout, s.llm_retries, s.llm_rps)
""")
    result = pytester.runpytest("-p", "no:cacheprovider", "-s",
                                "--testronaut-model-generate=ollama:llama3.1",
                                "--testronaut-llm-rps=2")
    result.assert_outcomes(passed=1)
    assert ("LLM {'generate': 'ollama:llama3.1', 'verify': 'openai:gpt-4.1-nano'} "
            "['openai:a', 'anthropic:b'] 12.0 3 2.0") in result.stdout.str()


def test_marker_is_registered(pytester: pytest.Pytester) -> None:
    result = pytester.runpytest("--markers")
    result.stdout.fnmatch_lines(["@pytest.mark.testronaut(image=None, dockerfile=None, *"
                                 "isolation='module'*"])


@pytest.mark.parametrize("option", ["--testronaut-pids=1.5", "--testronaut-output-limit=2k"])
def test_whole_numbers_are_whole(pytester: pytest.Pytester, option: str) -> None:
    pytester.makepyfile(test_nothing="def test_nothing():\n    pass\n")
    result = pytester.runpytest("-p", "no:cacheprovider", option)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*is not * number; expected a whole number from 1 to*"])
