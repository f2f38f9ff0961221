"""The failures in words: the deterministic analysis always, a model's summary with a
model configured (LangChain's fake chat models here), through the agent's cache and
within its budget; both in the HTML, Markdown and JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage

from pytest_testronaut.llm import OfflineAgent
from pytest_testronaut.llm.summary import summary_messages, write_summary
from pytest_testronaut.reports import (
    ReportInputs,
    build_report,
    render_html,
    render_markdown,
    schema,
)
from pytest_testronaut.settings import Settings, agent_from_settings

from .helpers import failed, passed, run_info

ANSWER = json.dumps({
    "summary": "Two `tool run` cases exit 2: the tool rejects `--fast`.",
    "causes": ["`--fast` was removed from `tool run` (a, b)"],
    "next_steps": ["update the cases a and b", "  "],
})
KEY = "sk-proj-" + "A1b2C3d4E5f6G7h8I9j0" * 2


def fake(*replies: str) -> GenericFakeChatModel:
    return GenericFakeChatModel(messages=iter([AIMessage(content=r) for r in replies]))


def a_report() -> dict[str, Any]:
    cases = [passed("ok"),
             failed("a", "tool run --fast", exit_code=2,
                    stderr=f"unknown option --fast\nkey: {KEY}\n"),
             failed("b", "tool run --fast x", exit_code=2, stderr="unknown option --fast\n")]
    return build_report(ReportInputs(run_info("r1"), cases))


def test_the_deterministic_analysis_is_always_there() -> None:
    report = a_report()
    analysis = report["summary"]["analysis"]
    assert analysis["source"] == "analysis" and analysis["label"] == "Deterministic analysis"
    assert analysis["text"].startswith("2 of 3 cases failed (2 wrong exit code).")
    assert "The largest common cause covers 2 cases: wrong exit code: unknown option" in \
        analysis["text"]
    assert report["summary"]["llm"] is None
    assert report["summary"]["note"].startswith("no model configured")
    jsonschema.validate(report, schema())
    markdown = render_markdown(report)
    assert "**Deterministic analysis**: 2 of 3 cases failed" in markdown
    assert "(no model configured: the deterministic analysis alone)" in markdown


def test_without_a_model_nothing_is_asked() -> None:
    written = write_summary(OfflineAgent(), a_report())
    assert written.summary is None and written.calls == 0
    assert written.note.startswith("no model configured (the embedded offline agent)")


def test_a_model_writes_the_summary_once_then_the_cache_answers(tmp_path: Path) -> None:
    settings = Settings(cache=str(tmp_path / "cache"))
    agent = agent_from_settings(settings, chat_model=fake(ANSWER))
    report = a_report()
    written = write_summary(agent, report)
    assert written.summary is not None and written.note == ""
    assert written.summary["text"] == "Two `tool run` cases exit 2: the tool rejects `--fast`."
    assert written.summary["next_steps"] == ["update the cases a and b"]  # blank ones dropped
    assert written.summary["label"] == "Written by injected:GenericFakeChatModel"
    assert (written.calls, written.cache_hits) == (1, 0) and written.input_tokens > 100
    assert agent.usage.by_label["testronaut report summary"].calls == 1
    report["summary"]["llm"] = written.summary
    jsonschema.validate(report, schema())
    html = render_html(report)
    assert "Written by injected:GenericFakeChatModel" in html
    assert "the tool rejects <code>--fast</code>" in html
    assert html.index("Written by") < html.index("Deterministic analysis")

    # The same failures again: the answer cache answers, the fake (now empty) is not asked.
    again = agent_from_settings(settings, chat_model=fake())
    cached = write_summary(again, a_report())
    assert cached.summary is not None and (cached.calls, cached.cache_hits) == (0, 1)
    assert cached.summary["label"].endswith("(from the answer cache)")
    stored = "".join(p.read_text() for p in (tmp_path / "cache").rglob("*.json"))
    assert "unknown option --fast" in stored and KEY not in stored


def test_the_prompt_holds_the_facts_and_no_secret() -> None:
    [(_, system), (_, user)] = summary_messages(a_report())
    assert "Use only the facts given" in system
    assert "p.yaml::a" in user and "wrong exit code" in user and "tool run --fast" in user
    assert KEY not in user


def test_a_malformed_answer_leaves_the_analysis_alone(tmp_path: Path) -> None:
    agent = agent_from_settings(Settings(cache=""), chat_model=fake("I think it broke.",
                                                                      "still not JSON"))
    written = write_summary(agent, a_report())
    assert written.summary is None and written.calls == 2
    assert written.note.startswith("no written summary (injected:GenericFakeChatModel: "
                                   "malformed output: the reply is not JSON")
    assert written.note.endswith("the deterministic analysis alone")


@pytest.mark.parametrize("spent", [0.5, 0.0])
def test_the_budget_counts_every_process(tmp_path: Path, spent: float) -> None:
    # Workers spent $0.50 of a $0.40 budget: the summary is not asked for. The price
    # of the injected model makes the question itself cost more than the budget too.
    settings = Settings(cache="", max_cost=0.4)
    prices = {} if spent else {"GenericFakeChatModel": {"input": 1e6, "output": 1e6}}
    agent = agent_from_settings(settings, chat_model=fake(ANSWER), prices=prices)
    written = write_summary(agent, a_report(), spent=spent)
    assert written.summary is None and written.calls == 0
    assert "the LLM budget ($0.4000, --testronaut-max-cost) is spent" in written.note


def test_the_agent_asks_any_task_through_its_cache(tmp_path: Path) -> None:
    from pytest_testronaut.llm.summary import SummaryAnswer

    agent = agent_from_settings(Settings(cache=str(tmp_path / "cache")), chat_model=fake(ANSWER))
    messages = [("system", "answer in JSON"), ("user", "what failed?")]
    first = agent.ask("report", messages, SummaryAnswer)
    assert first.answer is not None and first.answer.causes == [
        "`--fast` was removed from `tool run` (a, b)"]
    again = agent.ask("report", messages, SummaryAnswer)  # the fake has no second reply
    assert again.cached and again.answer == first.answer
    total = agent.usage.total.as_dict()
    assert (total["calls"], total["cache_hits"]) == (1, 1)
    offline = OfflineAgent().ask("report", messages, SummaryAnswer)
    assert (offline.answer, offline.reason) == (None, "no model configured for task report")
