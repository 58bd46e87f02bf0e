"""Lines that are not the article: a line holding only a dash, bullet or pipe, and lines the
scraper took from the web page around it (``Advertisement``, ``Read also: ...``).

These rules run first, so that no later rule repairs a line that is then deleted.
"""

from __future__ import annotations

import re
from typing import Iterator

from pipeline.core.edits import Fix
from pipeline.core.rules import rule
from pipeline.stages.punctuation.common import STAGE
from pipeline.tables import boilerplate
from pipeline.tables.table import Table

# A line holding one dash, bullet or pipe. A lone ASCII "-" counts only below a blank line:
# right under a text line it underlines a markdown heading. Runs of such lines are matched
# from the line break before them (a literal first character keeps the search fast).
_JUNK_MARKS = "–—‐―•·|¦‖│▪■●◦"
_JUNK_LINE = rf"[^\S\n]*(?:[{_JUNK_MARKS}]|(?<=\n\n)-)[^\S\n]*"
_JUNK_AFTER_BREAK = re.compile(rf"\n{_JUNK_LINE}(?:\n{_JUNK_LINE})*(?=\n|\Z)")
_JUNK_AT_START = re.compile(rf"[^\S\n]*[-{_JUNK_MARKS}][^\S\n]*(?:\n{_JUNK_LINE})*(?=\n|\Z)")


@rule("drop-junk-line", stage=STAGE, risk="review")
def drop_junk_line(text: str) -> Iterator[Fix]:
    """A line holding only a dash, bullet or pipe left by the scraper: delete it with its line break.

    Leaves alone markdown rules and breaks (---, ***, * * *), dashes within text
    (``09/16/2022 – 00:26``) and any line with a letter or digit.
    """
    first = _JUNK_AT_START.match(text)
    runs = [first] if first else []
    runs += _JUNK_AFTER_BREAK.finditer(text, first.end() if first else 0)
    for run in runs:
        start, end = run.span()
        start += text[start] == "\n"
        yield Fix(*_lines_to_drop(text, start, end), "", "line holding only a dash or bullet left by the scraper")


def _lines_to_drop(text: str, start: int, end: int) -> tuple[int, int]:
    """What deleting the whole lines ``text[start:end]`` (line break excluded) deletes: their own
    line break (the one before them at the end of the text), and where they stand between two
    blank lines, one of those too, so that paragraphs stay one blank line apart."""
    if end == len(text):
        return start - (start > 0), end
    if text[start - 2 : start] == "\n\n" and text[end + 1 : end + 2] == "\n":
        start -= 1  # the blank line before goes: what follows may be deleted in its turn
    return start, end + 1


# Lines from the page around the article: the list and its matching are in pipeline/tables/boilerplate.py.


@rule("drop-boilerplate-line", stage=STAGE, risk="review")
def drop_boilerplate_line(text: str, *, table: Table | None = None) -> Iterator[Fix]:
    """A line the scraper took from the page (``Advertisement``, ``Read also: <headline>``): delete it with its line break.

    Leaves alone the same words inside a line (``Share prices fell.``), a sentence that
    starts with them (``Advertisement revenue fell 10% in May.``, ``Photo: Rescuers search
    the rubble.``), datelines, bylines (``Photos: A, text: B``), ``Source:`` lines, captions,
    list items (``- Print``), markdown headings, quoted lines, and a line whose sentence
    goes on in lower case on the next (hard-wrapped text). The list is
    ``pipeline/data/boilerplate.txt`` plus the table's ``boilerplate`` entries.
    """
    found = boilerplate.matcher(table.boilerplate if table is not None else ()).lines(text)
    runs: list[list[tuple[int, int, boilerplate.Entry]]] = []
    for line in found:  # consecutive lines go in one edit, as drop-junk-line's runs do
        if runs and runs[-1][-1][1] + 1 == line[0]:
            runs[-1].append(line)
        else:
            runs.append([line])
    for run in runs:
        start, end = _lines_to_drop(text, run[0][0], run[-1][1])
        shown = ", ".join(f"“{text[s:e].strip()}”" for s, e, _ in run)
        yield Fix(start, end, "", f"{shown}: from the web page around the article, not part of it")
