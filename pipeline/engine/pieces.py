"""Long articles proposed in pieces, so that their time and memory grow with them and no faster.

A live blog, a transcript or a whole-site dump can be tens of megabytes in one file. The stages
look at an article as a whole (caches of its versions, scans of all its words, its sentences),
which suits a news article and costs several copies of a long one. An article longer than
``PIECE_CHARS`` is cut at paragraph breaks into pieces of about that length, each proposed as an
article of its own, and their edits and flags are moved back to where each piece starts. What
the rest of the article says of a name still counts: the corpus name index holds it all.
"""

from __future__ import annotations

from typing import Iterator

from pipeline.core.edits import Edit, moved
from pipeline.core.settings import PIECE_CHARS

# Where a piece may end, best first: after a blank line (between paragraphs), after a line
# break, after a space (a text of one line). A text with none of them is not cut.
_BREAKS = ("\n\n", "\n", " ")


def pieces(text: str, size: int = PIECE_CHARS) -> Iterator[tuple[int, str]]:
    """(offset, piece) covering ``text`` in order: the whole text when it is no longer than
    twice ``size``; else pieces of at least ``size`` characters, each ending at the first break
    of the best kind found within ``size`` characters after that, the last one what is left."""
    start = 0
    while len(text) - start > 2 * size:
        cut = _break_after(text, start + size, size)
        if cut is None:
            break
        yield start, text[start:cut]
        start = cut
    yield start, text[start:] if start else text


def _break_after(text: str, at: int, reach: int) -> int | None:
    """Just after the first break at or after ``at`` and within ``reach`` of it, of the best kind
    there is; None when there is none."""
    for mark in _BREAKS:
        found = text.find(mark, at, at + reach)
        if found != -1:
            return found + len(mark)
    return None


def shifted(edits: list[Edit], offset: int) -> list[Edit]:
    """``edits`` of a piece, over the text the piece starts at ``offset`` of."""
    if not offset:
        return edits
    return [moved(e, e.start + offset, e.end + offset) for e in edits]
