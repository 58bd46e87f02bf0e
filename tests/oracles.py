"""Plain second implementations that tests compare the pipeline against, never the code under test."""

from __future__ import annotations

from typing import Sequence


def splice(text: str, edits: Sequence) -> str:
    """``text`` with each edit's span replaced, edits taken in the order given (sorted, disjoint):
    the pieces of ``text`` between the edits, in order, with the replacements between them."""
    pieces, position = [], 0
    for edit in edits:
        assert position <= edit.start <= edit.end <= len(text), f"edits unsorted or overlapping at {edit.start}"
        pieces += [text[position : edit.start], edit.replacement]
        position = edit.end
    return "".join(pieces) + text[position:]
