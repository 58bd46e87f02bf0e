"""Flagged sentences as a person sees them: open until marked seen, and seen across re-runs.

The rewrite stage's detector flags sentences (``Proposal.flags``). A person marks one
``seen`` in `clean review` (it reads well enough, or they rewrote it as a manual edit);
the mark lives in the edit list, and ``carry_flags`` gives it to the same sentence text
when the article is proposed again, so that a sentence is not shown twice.
"""

from __future__ import annotations

from pipeline.store.proposals import Proposal


def is_open(flag: dict) -> bool:
    """Whether a flagged sentence still waits for a person."""
    return not flag.get("seen")


def open_flags(proposal: Proposal) -> int:
    """How many of the article's flagged sentences still wait for a person."""
    return sum(1 for flag in proposal.flags if is_open(flag))


def carry_flags(raw: str, flags: list[dict], last: object | None) -> list[dict]:
    """New flags inherit ``seen`` from a flag on the same sentence text in the article's
    last edit list (``last``, as ``store.layout.last_edit_list`` read it; None: there is none)."""
    if last is None:
        return flags
    try:
        old = last.get("flags", ())
        seen = {f["text"] for f in old if f.get("seen") and isinstance(f.get("text"), str)}
    except (ValueError, KeyError, TypeError, AttributeError):
        return flags
    if not seen:
        return flags
    return [{**f, "seen": True} if raw[f["start"] : f["end"]] in seen else f for f in flags]
