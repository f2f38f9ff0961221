"""Tables that re-align: whether a block of lines whose spacing changed (because a
value in it changed its width) is still laid out as it was.

A table whose columns follow their values re-aligns: its padded gaps stay padded and
its aligned columns stay aligned, and its rule rows (``-----  ----``) follow the
widths, as does the fill of a banner (``==== 3 passed in 0.12s ====``). A table that
lost its padding does neither, whatever its values did.
"""

from __future__ import annotations

import re
from collections import Counter

__all__ = ["alignment_kept", "same_rule_row"]

# A table's rule row (``-----  ------``, ``+----+---+``): its runs of dashes follow the
# widths of the columns, as spacing does.
_RULE_ROW = re.compile(r"[-+=| ]*[-=][-+=| ]*")
_DASHES = re.compile(r"[-=]+")
# A banner: a title between two runs of one fill character.
_BANNER = re.compile(r"([=*#~_-])\1{2,} (\S.*\S|\S) \1{3,}")


def same_rule_row(line_l: str, line_r: str) -> bool:
    """Two rule rows with the same runs of dashes, of other lengths; or two banners,
    one title in a fill of one character (``==== 3 passed in 0.12s ====``, centred by
    pytest, unittest, make...), the fill of other lengths."""
    if _RULE_ROW.fullmatch(line_l) is not None and _RULE_ROW.fullmatch(line_r) is not None:
        return _DASHES.sub("-", line_l).split() == _DASHES.sub("-", line_r).split()
    banner_l, banner_r = _BANNER.fullmatch(line_l), _BANNER.fullmatch(line_r)
    return (banner_l is not None and banner_r is not None
            and (banner_l[1], banner_l[2]) == (banner_r[1], banner_r[2]))


# Cells: words, or the runs of text between gaps of two or more blanks (a cell of
# several words, "Up 3 seconds").
_CELLS = (re.compile(r"\S+"), re.compile(r"\S+(?: \S+)*"))


def alignment_kept(lines_l: list[str], lines_r: list[str]) -> bool:
    """Whether no line of ``lines_l`` lost padding in ``lines_r`` and the
    columns aligned in ``lines_l`` are still aligned in ``lines_r``, with cells taken
    as words or as runs between wide gaps (either will do): a table
    whose columns follow their values re-aligns, a table that lost its padding does
    not."""
    if any(map(_padding_lost, lines_l, lines_r)):
        return False
    # (a way of cutting cells that finds fewer than two rows of a table, such as
    # wide gaps in rows of single spaces, has nothing to say about its alignment)
    verdicts = [kept for kept in (_aligned_as(cell, lines_l, lines_r) for cell in _CELLS)
                if kept is not None]
    return not verdicts or any(verdicts)


def _padding_lost(line_l: str, line_r: str) -> bool:
    """Whether a padded gap of ``line_l`` (blanks before the first word, two or more
    between words) is no longer padded in ``line_r`` though the words on both sides
    of it kept their widths (a widened value may fill its own padding)."""
    words_l = [m.span() for m in _CELLS[0].finditer(line_l)]
    words_r = [m.span() for m in _CELLS[0].finditer(line_r)]
    if len(words_l) != len(words_r):
        return False
    end_l = end_r = 0
    same_before = True  # the word before the gap kept its width
    for number, ((start_l, stop_l), (start_r, stop_r)) in enumerate(
            zip(words_l, words_r, strict=True)):
        least = 1 if number == 0 else 2
        same = stop_l - start_l == stop_r - start_r
        if start_l - end_l >= least > start_r - end_r and same and same_before:
            return True
        end_l, end_r, same_before = stop_l, stop_r, same
    return False


def _aligned_as(cell: re.Pattern[str], lines_l: list[str],
                lines_r: list[str]) -> bool | None:
    """A column is aligned when its cells all start, or all end, at one offset in the
    rows with the most common number of cells (of ``lines_l``; in two rows only, cells
    of different widths: the same place by chance is likely); each such column of
    ``lines_l`` must be aligned in ``lines_r``, whose rows must have as many cells.
    ``None`` when fewer than two rows of ``lines_l`` have that many cells."""
    rows_l = [[m.span() for m in cell.finditer(line)] for line in lines_l]
    counts = Counter(len(row) for row in rows_l if len(row) > 1)
    if not counts:
        return None
    width, rows = counts.most_common(1)[0]
    if rows < 2:
        return None
    pairs = []
    for row_l, line_r in zip(rows_l, lines_r, strict=True):
        if len(row_l) == width:
            row_r = [m.span() for m in cell.finditer(line_r)]
            if len(row_r) != width:
                return False
            pairs.append((row_l, row_r))
    for column in range(1, width):
        if len(pairs) == 2 and pairs[0][0][column][1] - pairs[0][0][column][0] == (
                pairs[1][0][column][1] - pairs[1][0][column][0]):
            continue  # two cells of one width at one place: maybe by chance
        for edge in (0, 1):
            if len({row_l[column][edge] for row_l, _ in pairs}) == 1:
                if (len({row_r[column][0] for _, row_r in pairs}) > 1
                        and len({row_r[column][1] for _, row_r in pairs}) > 1):
                    return False
                break
    return True
