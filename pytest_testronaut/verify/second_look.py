"""A second look at two outputs the line-by-line comparison found different, for the
differences that are about which lines a run prints rather than what they say:
progress printed as samples (:mod:`.progress_samples`) and the records of several
processes interleaved in another order (:mod:`.log_writers`). Each turns the outputs
into ones whose lines correspond, which :func:`.rerun_diff.compare_lines` then
compares as any others: every value is still checked where it stands."""

from __future__ import annotations

from .log_writers import interleaved_writers
from .progress_samples import final_samples
from .rerun_diff import LineComparison, compare_lines

__all__ = ["second_look"]


def second_look(expected: str, actual: str, spacing_free: bool,
                first: LineComparison | None) -> LineComparison | None:
    """An equal :class:`LineComparison` of the outputs once progress samples are cut
    to the last of each run, or once the actual output's writers are put in the
    expected one's order; else ``first`` (the comparison that failed, or ``None``)."""
    samples = final_samples(expected, actual)
    if samples is not None:
        expected, actual, dropped = samples
        again = compare_lines(expected, actual, spacing_free=spacing_free,
                              printed=(expected, actual))
        if again is not None and again.equal:
            again.counts["<PROGRESS_SAMPLE>"] += dropped
            return again
    reordered = interleaved_writers(expected, actual)
    if reordered is not None:
        again = compare_lines(expected, reordered, spacing_free=spacing_free,
                              printed=(expected, reordered))
        if again is not None and again.equal:
            again.counts["<INTERLEAVED_WRITERS>"] += 1
            return again
    return first
