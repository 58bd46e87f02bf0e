"""`clean review`: decide on pending edits one by one in the terminal, like `git add -p`.

Each decision is written to OUT the moment it is made (the edit list, the diff and the
accepted text), so quitting, Ctrl-C or a crash loses nothing, and running the command
again resumes with the edits still pending.
"""

from __future__ import annotations

import contextlib
import signal
import sys
import threading
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterator

import click

from pipeline.core.edits import RISKS, Edit
from pipeline.engine.reassemble import reassemble
from pipeline.store.decisions import latest_decision, reset, stamped
from pipeline.store.flagged import is_open
from pipeline.store.layout import StoreError, articles_in
from pipeline.store.proposals import Proposal, load, load_raw, save
from pipeline.ui.keyboard import Keyboard
from pipeline.ui.opening import opened
from pipeline.ui.review_flags import Flagged, ask_text, flag_turn, waiting
from pipeline.ui.selection import selector
from pipeline.ui.terminal import color, plural
from pipeline.ui.worddiff import edit_diff, in_context

KEYS = "y,n,e,s,a,u,q,?"


def _help(rule: str) -> str:
    return "\n".join(
        [
            "y - accept this edit",
            "n - reject this edit",
            "e - edit the replacement, then accept it (\\n stands for a line break, \\\\ for a backslash)",
            "s - skip: leave this edit pending and go on",
            f"a - accept this edit and every remaining pending edit of rule {rule} in this article",
            "u - undo the last decision, this review's or an earlier one (the edit goes back to pending)",
            "q - quit; every decision so far is already saved",
            "? - print this help",
        ]
    )


@dataclass
class _Step:
    """One decision, enough to undo it: where it was made and the edits as they were."""

    position: int
    kind: str  # accepted | rejected | edited | seen | rewritten
    before: dict[tuple[str, int], Edit]
    restore: Callable[[], None] | None = None  # a flagged sentence's decision puts its article back whole


@dataclass
class _Session:
    out: Path
    queue: list[tuple[str, int]]  # (article, index into its edits), in review order
    articles: dict[str, tuple[Proposal, str]]  # article → (proposal, raw text)
    styled: bool
    color: bool | None
    history: list[_Step] = field(default_factory=list)
    made: dict[tuple[str, int], str] = field(default_factory=dict)  # net decisions of this session

    def edit(self, item: tuple[str, int]) -> Edit:
        rel, index = item
        return self.articles[rel][0].edits[index]

    def write(self, changes: dict[tuple[str, int], Edit]) -> None:
        """Put ``changes`` into their proposals and save each touched article at once."""
        by_article: dict[str, dict[int, Edit]] = {}
        for (rel, index), edit in changes.items():
            by_article.setdefault(rel, {})[index] = edit
        for rel, updates in by_article.items():
            proposal, raw = self.articles[rel]
            edits = tuple(updates.get(i, e) for i, e in enumerate(proposal.edits))
            proposal = replace(proposal, edits=edits)
            save(self.out, proposal, raw, write_text=True)
            self.articles[rel] = (proposal, raw)

    def decide(self, position: int, items: list[tuple[str, int]], kind: str, new: Callable[[Edit], Edit]) -> None:
        """Record a decision on ``items``: on disk at once, and in the session for undo."""
        before = {item: self.edit(item) for item in items}
        with _interrupts_deferred():  # the files and the session's tally agree, even on Ctrl-C
            self.write({item: stamped(new(edit)) for item, edit in before.items()})
            self.history.append(_Step(position, kind, before))
            for item in items:
                self.made[item] = kind

    def undo(self) -> _Step | None:
        """Put the edits of the last decision back as they were; None when there is none."""
        if not self.history:
            return None
        with _interrupts_deferred():
            step = self.history.pop()
            if step.restore is not None:
                step.restore()
                return step
            self.write({item: stamped(replace(e, history=self.edit(item).history)) for item, e in step.before.items()})
            for item in step.before:
                self.made.pop(item, None)
        return step

    def pending(self) -> int:
        """How many items of the queue (edits and flagged sentences) still wait for a decision."""
        return sum(1 for item in self.queue if waiting(self, item))

    def others_pending(self) -> int:
        """Pending edits and open flagged sentences of the loaded articles outside the queue."""
        queued = set(self.queue)
        edits = sum(
            1
            for rel, (proposal, _) in self.articles.items()
            for i, e in enumerate(proposal.edits)
            if e.status == "pending" and (rel, i) not in queued
        )
        flags = sum(
            1
            for rel, (proposal, _) in self.articles.items()
            for i, f in enumerate(proposal.flags)
            if is_open(f) and Flagged(rel, i) not in queued
        )
        return edits + flags

    def echo(self, message: str = "", nl: bool = True, **style) -> None:
        if self.styled and style:
            message = click.style(message, **style)
        click.echo(message, nl=nl, color=self.color)

    # -- showing an edit -------------------------------------------------------------------

    def show(self, position: int) -> None:
        rel, index = self.queue[position]
        proposal, raw = self.articles[rel]
        edit = proposal.edits[index]
        line = raw.count("\n", 0, edit.start) + 1
        self.echo()
        self.echo(f"{rel}  edit {position + 1}/{len(self.queue)}  (#{index + 1}, line {line})", bold=True)
        text, shown = in_context(raw, proposal.edits, edit)  # the text as accepted edits leave it
        self.echo(_indent(self.render(shown, text)))
        self.echo(f"  rule    {edit.rule}  ({edit.stage})")
        self.echo(f"  reason  {edit.reason}")
        risk = click.style(edit.risk, fg="green" if edit.risk == "safe" else "yellow") if self.styled else edit.risk
        self.echo(f"  risk    {risk}")

    def render(self, edit: Edit, raw: str) -> str:
        """The sentence around ``edit`` with its word-level diff: colour, or git's plain markers."""
        parts = []
        for op, text in edit_diff(raw, edit):
            if op == "equal":
                parts.append(text)
                continue
            text = text.replace("\r\n", "↵").replace("\n", "↵").replace("\r", "↵").replace("\t", "⇥")
            if not self.styled:
                parts.append(f"[-{text}-]" if op == "delete" else f"{{+{text}+}}")
            elif op == "delete":
                parts.append(click.style(text, fg="red", strikethrough=True))
            else:
                parts.append(click.style(text, fg="green", underline=True))
        return "".join(parts)


def _indent(text: str) -> str:
    return "\n".join("  " + line for line in text.splitlines() or [""])


@contextlib.contextmanager
def _interrupts_deferred() -> Iterator[None]:
    """Hold back Ctrl-C while an article is being saved; raise it once the save is done."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: caught.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous if previous is not None else signal.default_int_handler)
        if caught:
            raise KeyboardInterrupt


@click.command("review")
@click.argument("out", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.argument("articles", nargs=-1)
@click.option("--rule", "rules", multiple=True, help="Only edits of this rule id (repeatable).")
@click.option("--risk", type=click.Choice(RISKS), help="Only edits of this risk.")
def review_command(out: Path, articles: tuple[str, ...], rules: tuple[str, ...], risk: str | None) -> None:
    """Review pending edits one by one in the terminal: accept, reject, edit, skip or undo.

    Shows each pending edit in its sentence with a word-level diff, its rule, reason and
    risk, and reads one key: y accept, n reject, e edit the replacement, s skip, a accept
    every remaining edit of this rule in this article, u undo, q quit, ? help. Then each
    flagged sentence (unless --rule or --risk safe): y mark it seen, e write it as it should
    read (an accepted `manual` edit that wins over the proposals it overlaps). Every decision is saved at
    once (OUT/<name> follows it); run it again to resume with what is still pending.
    Plain text without colour when stdout is not a terminal or NO_COLOR is set.

    \b
    Example:
      clean review cleaned/
      clean review cleaned/ 001_article.txt --risk review
    """
    chosen = selector(rules, risk, include_rewrites=True)  # each edit is shown to a person
    styled = color() is not False and sys.stdout.isatty()
    with opened(out, articles, lock=True) as opening:
        loaded: dict[str, tuple[Proposal, str]] = {}
        queue: list[tuple[str, int]] = []
        for rel, proposal, raw in opening.proposals():
            loaded[rel] = (proposal, raw)
            queue.extend((rel, i) for i, e in enumerate(proposal.edits) if e.status == "pending" and chosen(e))
            if not rules and risk in (None, "review"):  # a flagged sentence is for a person to read
                queue.extend(Flagged(rel, i) for i, f in enumerate(proposal.flags) if is_open(f))
        session = _Session(out, queue, loaded, styled, color())
        interrupted = False
        try:
            if not queue:
                session.echo("nothing to review: no pending edits or flagged sentences" + (" match" if rules or risk else ""))
            else:
                with Keyboard() as keyboard:
                    _review(session, keyboard)
        except KeyboardInterrupt:
            interrupted = True
            session.echo()
        except EOFError:
            session.echo()
        for problem in reassemble(out, list(loaded)):  # files of records, in their own format
            opening.unreadable(problem.split(":")[0], StoreError(problem))
        _summary(session, bool(rules or risk))
        if interrupted:
            sys.exit(130)


def _summary(session: _Session, narrowed: bool) -> None:
    """What this review decided, and what is still pending: in its selection, and outside it."""
    kinds = list(session.made.values())
    counts = {k: kinds.count(k) for k in ("accepted", "rejected", "edited", "seen", "rewritten")}
    flags = ""
    if counts["seen"] or counts["rewritten"] or any(isinstance(i, Flagged) for i in session.queue):
        flags = f", {counts['seen']} flagged seen, {counts['rewritten']} flagged rewritten"
    pending = f"{session.pending()} pending"
    if narrowed:
        pending += f" in this selection, {session.others_pending()} others pending"
    session.echo(
        f"reviewed {len(kinds)}: {counts['accepted']} accepted, {counts['rejected']} rejected,"
        f" {counts['edited']} edited{flags}; {pending}",
        bold=True,
    )


def _review(session: _Session, keyboard: Keyboard) -> None:
    """The review loop; returns on q or when no pending edit is left, raises on Ctrl-C/Ctrl-D."""
    position = 0
    while True:
        while position < len(session.queue) and not waiting(session, session.queue[position]):
            position += 1  # decided meanwhile ('a' on an earlier edit of its rule)
        if position >= len(session.queue):
            return
        item = session.queue[position]
        key = (flag_turn if isinstance(item, Flagged) else _edit_turn)(session, keyboard, position, item)
        if key == "q":
            return
        if key == "c":  # an edit cancelled with Ctrl-C: show it again
            continue
        if key != "u":
            position += 1
            continue
        step = session.undo()
        if step is None:  # nothing decided in this review: undo the last decision in OUT
            position = _undo_earlier(session, position)
            continue
        count = len(step.before)
        what = plural(count, "edit") if count else "a flagged sentence"
        session.echo(f"undid {step.kind} ({what}); back to pending")
        position = step.position


def _edit_turn(session: _Session, keyboard: Keyboard, position: int, item: tuple[str, int]) -> str:
    """Show a pending edit and act on one key; returns the key (``q``/``u`` are the caller's
    to act on; ``e`` cancelled with Ctrl-C comes back as ``c``)."""
    edit = session.edit(item)
    session.show(position)
    while True:
        session.echo(f"({position + 1}/{len(session.queue)}) Accept this edit [{KEYS}]? ", nl=False, bold=True)
        key = keyboard.key()
        session.echo(key if key.isprintable() else "")
        key = key.lower()
        if key in ("y", "n", "e", "s", "a", "u", "q"):
            break
        session.echo(_help(edit.rule), fg="cyan" if key == "?" else "red")
    if key == "y":
        session.decide(position, [item], "accepted", lambda e: replace(e, status="accepted"))
    elif key == "n":
        session.decide(position, [item], "rejected", lambda e: replace(e, status="rejected"))
    elif key == "e":
        raw = session.articles[item[0]][1]
        new = ask_text(session, keyboard, raw[edit.start : edit.end], edit.replacement, edit.replacement)
        if new is None:
            return "c"
        _edit(session, position, item, edit, new)
    elif key == "a":  # this article only: another article's edits of the rule read differently
        same = [
            i
            for i in session.queue[position:]
            if isinstance(i, tuple) and i[0] == item[0] and waiting(session, i) and session.edit(i).rule == edit.rule
        ]
        session.decide(position, same, "accepted", lambda e: replace(e, status="accepted"))
        session.echo(f"accepted {plural(len(same), 'edit')} of rule {edit.rule} in {item[0]}")
    return key


def _undo_earlier(session: _Session, position: int) -> int:
    """Return the most recent decision in OUT, made before this review, to pending and show
    its edit next; the position to go on from."""
    found = latest_decision(session.out, articles_in(session.out))
    if found is None:
        session.echo("nothing to undo")
        return position
    rel, index = found
    try:
        if rel not in session.articles:
            proposal = load(session.out, rel)
            session.articles[rel] = (proposal, load_raw(proposal))
    except StoreError as exc:
        session.echo(f"cannot undo the last decision: {exc}", fg="red")
        return position
    was = session.edit(found).status
    with _interrupts_deferred():
        session.write({found: reset(session.edit(found))})
    if found not in session.queue:
        session.queue.insert(position, found)
    session.echo(f"undid {was} {rel} #{index + 1} (decided before this review); back to pending")
    return session.queue.index(found)


def _edit(session: _Session, position: int, item: tuple[str, int], edit: Edit, new: str) -> None:
    """Accept the edit with the reviewer's replacement ``new``, remembering the stage's own."""
    raw = session.articles[item[0]][1]
    if new == edit.replacement:
        session.decide(position, [item], "accepted", lambda e: replace(e, status="accepted"))
        session.echo("unchanged: accepted as proposed")
    elif new == raw[edit.start : edit.end]:
        session.decide(position, [item], "rejected", lambda e: replace(e, status="rejected"))
        session.echo("that is the original text: rejected")
    else:
        proposed = edit.proposed if edit.proposed is not None else edit.replacement
        session.decide(
            position, [item], "edited", lambda e: replace(e, replacement=new, proposed=proposed, status="accepted")
        )
        session.echo("edited and accepted")
