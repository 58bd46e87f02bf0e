"""Manual edits: a flagged sentence a person rewrote in `clean review`, kept across re-runs.

A manual edit (rule ``manual``, stage ``review``, risk ``review``) is accepted the moment it
is written and spans the whole sentence. It wins over proposed edits: those it overlaps are
dropped from the article, so that the edits of a proposal never overlap. A re-run of
`clean RAW OUT` proposes the article afresh; ``carry_manual`` puts the manual edit back where
the same sentence text still is (the occurrence nearest its old place), and leaves it out,
quietly, where that text is gone.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Iterable, Sequence

from pipeline.core.edits import Edit, sort_key

MANUAL_RULE = "manual"


def manual_edit(start: int, end: int, text: str) -> Edit:
    """The accepted edit that replaces ``[start, end)`` with the sentence a person wrote."""
    return Edit(
        start=start,
        end=end,
        replacement=text,
        rule=MANUAL_RULE,
        stage="review",
        reason="written by a person in `clean review` for a flagged sentence",
        risk="review",
        status="accepted",
    )


def overlaps(a: Edit, b: Edit) -> bool:
    """Whether two edits touch the same characters (an insertion inside the other counts)."""
    if a.start < b.end and b.start < a.end:
        return True
    return (a.start == a.end and b.start < a.start < b.end) or (b.start == b.end and a.start < b.start < a.end)


def widened(edits: Iterable[Edit], start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` grown to cover every edit that overlaps it, so that none is cut in two."""
    probe = Edit(start, end, "", MANUAL_RULE, "review", "")
    for edit in edits:
        if overlaps(edit, probe):
            start, end = min(start, edit.start), max(end, edit.end)
    return start, end


def with_manual(edits: Sequence[Edit], manual: Edit) -> tuple[list[Edit], dict[int, int]]:
    """``edits`` with ``manual`` in its place in text order and those it overlaps dropped;
    also where each kept edit's index went (a dropped one is not in the map)."""
    kept: list[Edit] = []
    moved: dict[int, int] = {}
    placed = False
    for index, edit in enumerate(edits):
        if overlaps(edit, manual):
            continue
        if not placed and sort_key(edit) > sort_key(manual):
            kept.append(manual)
            placed = True
        moved[index] = len(kept)
        kept.append(edit)
    if not placed:
        kept.append(manual)
    return kept, moved


def carry_manual(old: Iterable[dict], raw: str, edits: list[Edit]) -> list[Edit]:
    """Put the manual edits of an article's last edit list (``old``, as stored) back into its
    new ``edits`` where their sentence is still in ``raw``; one whose text is gone is dropped."""
    for data in old:
        if data.get("rule") != MANUAL_RULE or not data.get("original"):
            continue
        try:
            before = Edit.from_json(data)
        except (KeyError, TypeError, ValueError):
            continue
        start = _nearest(raw, data["original"], before.start)
        if start is None:
            continue
        edits, _ = with_manual(edits, replace(before, start=start, end=start + len(data["original"])))
    return edits


def _nearest(raw: str, text: str, near: int) -> int | None:
    """The start of the occurrence of ``text`` in ``raw`` nearest ``near``; None when there is none."""
    best = None
    at = raw.find(text)
    while at >= 0:
        if best is None or abs(at - near) < abs(best - near):
            best = at
        at = raw.find(text, at + 1)
    return best
