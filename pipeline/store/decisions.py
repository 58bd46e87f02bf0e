"""Decisions on edits: making them, and keeping them when an article is proposed again.

A decision lives in the edit list as each edit's status. ``decide`` sets it on the
edits a command chose; ``carry_decisions`` finds, for each edit of a new proposal, the
same edit in the article's last one (by ``edit_key``: rule, text and context, not
offsets) and gives it that decision, so nothing is asked twice. Each decision is also
appended to the edit's short history (``stamped``), which lets a later command find and
undo the most recent one (``latest_decision``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterable

from pipeline.core.edits import Edit, Status
from pipeline.store.layout import StoreError, paths
from pipeline.store.manual import carry_manual
from pipeline.store.proposals import Proposal, edit_key, load

HISTORY_LIMIT = 20  # decisions kept per edit: enough to trace it, small enough to not grow the file


def now() -> str:
    """The time a decision is stamped with: UTC, to the second."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def stamped(edit: Edit, at: str | None = None) -> Edit:
    """``edit`` with its (new) status appended to its history, the last ``HISTORY_LIMIT`` kept."""
    entry = (edit.status, at or now())
    return replace(edit, history=(edit.history + (entry,))[-HISTORY_LIMIT:])


def reset(edit: Edit, at: str | None = None) -> Edit:
    """``edit`` undecided again: pending, with the stage's own replacement back."""
    replacement = edit.proposed if edit.proposed is not None else edit.replacement
    return stamped(replace(edit, status="pending", replacement=replacement, proposed=None), at)


def decide(
    proposal: Proposal, chosen: Callable[[Edit], bool], status: Status, *, any_state: bool = False
) -> tuple[Proposal, Counter, int]:
    """Set ``status`` on the edits ``chosen`` selects: the pending ones, or with ``any_state``
    those already decided too (``status`` "pending" resets them). Returns the new proposal,
    the former status of each edit changed, and how many chosen edits had ``status`` already."""
    was: Counter = Counter()
    already = 0
    at = now()
    edits = []
    for edit in proposal.edits:
        if chosen(edit) and (any_state or edit.status == "pending"):
            if edit.status == status:
                already += 1
            else:
                was[edit.status] += 1
                edit = reset(edit, at) if status == "pending" else stamped(replace(edit, status=status), at)
        edits.append(edit)
    return replace(proposal, edits=tuple(edits)), was, already


def latest_decision(out: Path, rels: Iterable[str]) -> tuple[str, int] | None:
    """(article, index) of the edit decided most recently among ``rels``: by its history's
    last time, then its edit file's write time, then its place; None when none is decided."""
    best: tuple[tuple[str, int, int], tuple[str, int]] | None = None
    for rel in rels:
        try:
            proposal = load(out, rel)
            written = paths(out, rel).edits.stat().st_mtime_ns
        except (StoreError, OSError):
            continue
        for index, edit in enumerate(proposal.edits):
            if edit.status == "pending":
                continue
            order = (edit.history[-1][1] if edit.history else "", written, index)
            if best is None or order > best[0]:
                best = (order, (rel, index))
    return None if best is None else best[1]


def carry_decisions(raw: str, edits: list[Edit], last: object | None) -> list[Edit]:
    """New edits inherit the decision made on the same edit in the article's last proposal,
    and its history: a decided edit is never asked again, and a rejected one never proposed
    again until it is reset (a pending edit carries its history only). ``last``: the last
    edit list as ``store.layout.last_edit_list`` read it (None: there is none)."""
    if last is None:
        return edits
    try:
        old = last["edits"]
        known = {e["key"]: Edit.from_json(e) for e in old if "key" in e}
    except (ValueError, KeyError, TypeError):
        return edits
    known = {k: e for k, e in known.items() if e.status != "pending" or e.history}
    if not known:
        return edits
    carried = []
    for edit in edits:
        before = known.get(edit_key(raw, edit))
        if before is not None and before.status != "pending":
            edit = replace(
                edit,
                status=before.status,
                replacement=before.replacement,
                proposed=before.proposed,
                history=before.history,
            )
        elif before is not None:
            edit = replace(edit, history=before.history)
        carried.append(edit)
    return carry_manual(old, raw, carried)  # a sentence a person rewrote wins over proposals
