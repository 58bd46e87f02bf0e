"""Decisions on edits: making them, and keeping them when an article is proposed again.

A decision lives in the edit list as each edit's status. ``decide`` sets it on the
edits a command chose; ``carry_decisions`` finds, for each edit of a new proposal, the
same edit in the article's last one (by ``edit_key``: rule, text and context, not
offsets) and gives it that decision, so nothing is asked twice.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Callable

from pipeline.core.edits import Edit, Status
from pipeline.store.layout import paths
from pipeline.store.proposals import Proposal, edit_key


def decide(proposal: Proposal, chosen: Callable[[Edit], bool], status: Status) -> tuple[Proposal, int]:
    """Set ``status`` on the pending edits ``chosen`` selects; returns the new proposal and the count."""
    changed = 0
    edits = []
    for edit in proposal.edits:
        if edit.status == "pending" and chosen(edit):
            edit = replace(edit, status=status)
            changed += 1
        edits.append(edit)
    return replace(proposal, edits=tuple(edits)), changed


def carry_decisions(out: Path, rel: str, raw: str, edits: list[Edit]) -> list[Edit]:
    """New edits inherit the decision made on the same edit in the article's last proposal:
    a decided edit is never asked again, and a rejected one never proposed again."""
    edits_path = paths(out, rel).edits
    try:
        old = json.loads(edits_path.read_text(encoding="utf-8"))["edits"]
    except (OSError, ValueError, KeyError, TypeError):
        return edits
    decided = {e["key"]: e for e in old if e.get("status", "pending") != "pending" and "key" in e}
    if not decided:
        return edits
    carried = []
    for edit in edits:
        before = decided.get(edit_key(raw, edit))
        if before is not None:
            edit = replace(
                edit,
                status=before["status"],
                replacement=before["replacement"],
                proposed=before.get("proposed"),
            )
        carried.append(edit)
    return carried
