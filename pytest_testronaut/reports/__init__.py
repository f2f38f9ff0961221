"""Results and reports: the SQLite results store of every run, the deterministic
failure analysis (categories, common causes, flakiness, regressions, findings about the
tool), CLI surface coverage and help drift, and the HTML, Markdown and JSON reports.

Plain values in, files out: nothing here knows pytest. The glue that turns pytest items
into :class:`CaseRecord` values and calls this package is ``pytest_testronaut.reporting``.
"""

from .build import REPORT_VERSION, ReportInputs, build_report, gather
from .coverage import Coverage, Drift, coverage, drift, load_spec
from .origins import origin_specs
from .records import CaseRecord, CheckRecord, CommandRecord, RunInfo, command_record
from .render import render_html, render_json, render_markdown, schema, write_reports
from .store import ResultsStore, store_path

__all__ = [
    "REPORT_VERSION",
    "CaseRecord",
    "CheckRecord",
    "CommandRecord",
    "Coverage",
    "Drift",
    "ReportInputs",
    "ResultsStore",
    "RunInfo",
    "build_report",
    "command_record",
    "coverage",
    "drift",
    "gather",
    "load_spec",
    "origin_specs",
    "render_html",
    "render_json",
    "render_markdown",
    "schema",
    "store_path",
    "write_reports",
]
