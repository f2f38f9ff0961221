"""The ``testronaut`` marker: mistakes are reported before any container is made, and
keywords reach the sandbox with the closest marker winning."""

from __future__ import annotations

import pytest

from pytest_testronaut.markers import ALLOWED

from .conftest import Inner


def _errors_with(pytester: pytest.Pytester, marker: str, *lines: str) -> None:
    pytester.makepyfile(test_marked=f"""
        import pytest

        @pytest.mark.testronaut({marker})
        def test_marked(testronaut_env):
            raise AssertionError("must not run")
        """)
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(list(lines))
    result.stdout.no_fnmatch_line("*must not run*")
    result.stdout.no_fnmatch_line("*Traceback*")
    result.stdout.no_fnmatch_line("*During handling*")
    result.stdout.no_fnmatch_line("*errors.pydantic.dev*")


def test_unknown_keyword_names_the_allowed_ones(pytester: pytest.Pytester) -> None:
    _errors_with(pytester, "colour='red', image='x'",
                 "*test_marked.py::test_marked: @pytest.mark.testronaut got unknown keyword(s) "
                 f"colour; allowed keywords: {', '.join(ALLOWED)}*")


def test_positional_arguments_are_refused(pytester: pytest.Pytester) -> None:
    _errors_with(pytester, "'alpine:3'",
                 "*@pytest.mark.testronaut takes keywords only, got positional ('alpine:3',); "
                 "allowed keywords: image, *")


def test_bad_isolation(pytester: pytest.Pytester) -> None:
    _errors_with(pytester, "isolation='class'",
                 "*isolation='class' is not one of 'session', 'module', 'test'*")


@pytest.mark.parametrize(("marker", "expected"), [
    ("memory='lots'", "*@pytest.mark.testronaut: memory='lots': memory 'lots' is not a size; "
                      "expected a size from 6m to 1024g*"),
    ("timeout=0", "*@pytest.mark.testronaut: timeout=0: 0 is out of range; expected a number "
                  "greater than 0*"),
    ("install='npm:left-pad'", "*@pytest.mark.testronaut: install='npm:left-pad': install step "
                               "'npm:left-pad'*"),
])
def test_bad_values_fail_before_any_container(pytester: pytest.Pytester, marker: str,
                                              expected: str) -> None:
    _errors_with(pytester, marker, expected)


def test_errors_on_a_module_marker_name_the_test(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_mod="""
        import pytest

        pytestmark = pytest.mark.testronaut(netwrk=True)

        def test_one(testronaut_env):
            pass

        def test_not_using_it():
            pass
        """)
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, errors=1)
    result.stdout.fnmatch_lines(["*test_mod.py::test_one: @pytest.mark.testronaut got unknown "
                                 "keyword(s) netwrk*"])


@pytest.mark.docker
def test_closest_marker_wins_per_keyword(inner: Inner) -> None:
    inner.pytester.makepyfile(test_layers="""
        import pytest

        pytestmark = pytest.mark.testronaut(timeout=33, env={"LEVEL": "module", "EXTRA": "1"})

        @pytest.mark.testronaut(pids=99)
        class TestLayers:
            @pytest.mark.testronaut(env={"LEVEL": "function"})
            def test_function_level(self, used):
                assert used.config.timeout == 33
                assert used.config.pids == 99
                assert used.run('printf %s "$LEVEL-$EXTRA"').stdout == "function-"

            def test_class_level(self, used):
                assert used.config.pids == 99
                assert used.run('printf %s "$LEVEL-$EXTRA"').stdout == "module-1"

        def test_module_level(used):
            assert (used.config.timeout, used.config.pids) == (33, 256)
        """)
    result = inner.run()
    result.assert_outcomes(passed=3)
    ids = inner.by_test()
    # three different configurations: three sandboxes, even in one module
    assert len(set(ids.values())) == 3
