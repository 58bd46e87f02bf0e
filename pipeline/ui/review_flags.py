"""Flagged sentences in `clean review`, and asking a person for text.

The detector flags sentences it finds garbled; review shows each open one after its
article's edits. ``y`` marks it seen (kept in the edit list, and across re-runs); ``e``
asks for the sentence as it should read, which becomes an accepted manual edit over it
(``pipeline.store.manual``): the proposals it overlaps are dropped from the article.
Both are undone with ``u`` by putting the article, and the review's queue, back as they were.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Callable

from pipeline.core.edits import apply
from pipeline.store.decisions import stamped
from pipeline.store.flagged import is_open
from pipeline.store.manual import manual_edit, widened, with_manual
from pipeline.store.proposals import Proposal, save
from pipeline.ui.keyboard import Keyboard, escape

if TYPE_CHECKING:  # the session lives in review.py, which imports this module
    from pipeline.ui.review import _Session

FLAG_KEYS = "y,e,s,u,q,?"
FLAG_HELP = "\n".join(
    [
        "y - the sentence reads well enough: mark it seen (it is not shown again)",
        "e - write the sentence as it should read; it is saved as an accepted manual edit",
        "s - skip: leave it flagged and go on",
        "u - undo the last decision",
        "q - quit; every decision so far is already saved",
        "? - print this help",
    ]
)


@dataclass(frozen=True)
class Flagged:
    """A review item: the ``index``-th flagged sentence of article ``rel``."""

    rel: str
    index: int


@dataclass(frozen=True)
class Dropped:
    """A review item whose edit a manual edit overlapped and dropped from the article."""

    rel: str
    index: int


def ask_text(session: _Session, keyboard: Keyboard, span: str, proposal: str | None, current: str) -> str | None:
    """Show what is being replaced (and the proposal), then read the new text; None on Ctrl-C."""
    session.echo(f'  span      "{escape(span)}"')
    if proposal is not None:
        session.echo(f'  proposal  "{escape(proposal)}"')
    session.echo("  (an empty answer replaces the span with nothing; Ctrl-C cancels this edit)")
    try:
        return keyboard.replacement(current)
    except KeyboardInterrupt:
        session.echo()
        session.echo("cancelled: nothing changed")
        return None


def flag_turn(session: _Session, keyboard: Keyboard, position: int, item: Flagged) -> str:
    """Show a flagged sentence and act on one key; returns the key (``q``/``u`` are the
    caller's to act on; ``e`` cancelled with Ctrl-C comes back as ``c``)."""
    proposal, raw = session.articles[item.rel]
    flag = proposal.flags[item.index]
    start, end = widened(proposal.edits, flag["start"], flag["end"])
    current = apply(raw[start:end], [e for e in proposal.edits if e.status == "accepted" and start <= e.start and e.end <= end], start)
    line = raw.count("\n", 0, start) + 1
    total = len(session.queue)
    session.echo()
    session.echo(f"{item.rel}  flagged sentence {position + 1}/{total}  (line {line})", bold=True)
    session.echo("  " + current.replace("\n", "↵"))
    session.echo(f"  why     {'; '.join(flag.get('reasons', ())) or 'flagged by the detector'}")
    while True:
        session.echo(f"({position + 1}/{total}) Flagged sentence: mark it seen [{FLAG_KEYS}]? ", nl=False, bold=True)
        key = keyboard.key()
        session.echo(key if key.isprintable() else "")
        key = key.lower()
        if key in ("y", "e", "s", "u", "q"):
            break
        session.echo(FLAG_HELP, fg="cyan" if key == "?" else "red")
    if key == "y":
        _change(session, position, item, "seen", lambda p: p)
        session.echo("marked seen")
    elif key == "e":
        new = ask_text(session, keyboard, raw[start:end], flag.get("rewrite"), current)
        if new is None:
            return "c"
        if new == current:
            _change(session, position, item, "seen", lambda p: p)
            session.echo("unchanged: marked seen")
        else:
            manual = stamped(manual_edit(start, end, new))
            _change(session, position, item, "rewritten", lambda p: _with_manual(session, p, manual))
            session.echo("rewritten: saved as an accepted manual edit")
    return key


def _with_manual(session: _Session, proposal: Proposal, manual) -> Proposal:
    edits, moved = with_manual(proposal.edits, manual)
    _remap(session, proposal.rel, moved)
    return replace(proposal, edits=tuple(edits))


def _change(
    session: _Session, position: int, item: Flagged, kind: str, change: Callable[[Proposal], Proposal]
) -> None:
    """Mark the flag seen and apply ``change`` to its article, saved at once; undoable."""
    from pipeline.ui.review import _interrupts_deferred, _Step

    proposal, raw = session.articles[item.rel]
    saved = (list(session.queue), dict(session.made), list(session.history), proposal)

    def restore() -> None:
        session.queue[:], made, session.history[:], before = saved
        session.made.clear()
        session.made.update(made)
        save(session.out, before, raw, write_text=True)
        session.articles[item.rel] = (before, raw)

    with _interrupts_deferred():
        flags = tuple({**f, "seen": True} if i == item.index else f for i, f in enumerate(proposal.flags))
        new = change(replace(proposal, flags=flags))
        save(session.out, new, raw, write_text=True)
        session.articles[item.rel] = (new, raw)
        session.history.append(_Step(position, kind, {}, restore))
        session.made[item] = kind


def _remap(session: _Session, rel: str, moved: dict[int, int]) -> None:
    """The review's items of ``rel`` follow its edits to their new places; a dropped one
    becomes ``Dropped`` (never pending) so that positions in the queue stay as they were."""

    def at(item):
        if isinstance(item, tuple) and item[0] == rel:
            return (rel, moved[item[1]]) if item[1] in moved else Dropped(rel, item[1])
        return item

    session.queue[:] = [at(i) for i in session.queue]
    made = {at(k): v for k, v in session.made.items()}
    session.made.clear()
    session.made.update(made)
    session.history[:] = [
        replace(s, before={at(k): e for k, e in s.before.items() if not isinstance(at(k), Dropped)})
        for s in session.history
    ]


def waiting(session: _Session, item: object) -> bool:
    """Whether a review item still waits for a decision."""
    if isinstance(item, Flagged):
        return is_open(session.articles[item.rel][0].flags[item.index])
    if isinstance(item, tuple):
        return session.edit(item).status == "pending"
    return False
