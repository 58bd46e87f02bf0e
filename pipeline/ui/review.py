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
from pipeline.store.layout import StoreError
from pipeline.store.proposals import Proposal, save
from pipeline.ui.keyboard import Keyboard
from pipeline.ui.opening import opened
from pipeline.ui.selection import selector
from pipeline.ui.terminal import color, plural
from pipeline.ui.worddiff import edit_diff

KEYS = "y,n,e,s,a,u,q,?"


def _help(rule: str) -> str:
    return "\n".join(
        [
            "y - accept this edit",
            "n - reject this edit",
            "e - edit the replacement, then accept it (\\n stands for a line break, \\\\ for a backslash)",
            "s - skip: leave this edit pending and go on",
            f"a - accept this edit and every remaining pending edit of rule {rule}",
            "u - undo the last decision (the edit goes back to pending)",
            "q - quit; every decision so far is already saved",
            "? - print this help",
        ]
    )


@dataclass
class _Step:
    """One decision, enough to undo it: where it was made and the edits as they were."""

    position: int
    kind: str  # accepted | rejected | edited
    before: dict[tuple[str, int], Edit]


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
            self.write({item: new(edit) for item, edit in before.items()})
            self.history.append(_Step(position, kind, before))
            for item in items:
                self.made[item] = kind

    def undo(self) -> _Step | None:
        """Put the edits of the last decision back as they were; None when there is none."""
        if not self.history:
            return None
        with _interrupts_deferred():
            step = self.history.pop()
            self.write(step.before)
            for item in step.before:
                self.made.pop(item, None)
        return step

    def pending(self) -> int:
        return sum(1 for item in self.queue if self.edit(item).status == "pending")

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
        self.echo(_indent(self.render(edit, raw)))
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
    every remaining edit of this rule, u undo, q quit, ? help. Every decision is saved at
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
        session = _Session(out, queue, loaded, styled, color())
        interrupted = False
        try:
            if not queue:
                session.echo("nothing to review: no pending edits" + (" match" if rules or risk else ""))
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
        _summary(session)
        if interrupted:
            sys.exit(130)


def _summary(session: _Session) -> None:
    """What this review decided, and what is still pending."""
    kinds = list(session.made.values())
    counts = {k: kinds.count(k) for k in ("accepted", "rejected", "edited")}
    session.echo(
        f"reviewed {len(kinds)}: {counts['accepted']} accepted, {counts['rejected']} rejected,"
        f" {counts['edited']} edited; {session.pending()} pending",
        bold=True,
    )


def _review(session: _Session, keyboard: Keyboard) -> None:
    """The review loop; returns on q or when no pending edit is left, raises on Ctrl-C/Ctrl-D."""
    position = 0
    while True:
        while position < len(session.queue) and session.edit(session.queue[position]).status != "pending":
            position += 1  # decided meanwhile ('a' on an earlier edit of its rule)
        if position >= len(session.queue):
            return
        item = session.queue[position]
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
        if key == "q":
            return
        if key == "s":
            position += 1
        elif key == "y":
            session.decide(position, [item], "accepted", lambda e: replace(e, status="accepted"))
            position += 1
        elif key == "n":
            session.decide(position, [item], "rejected", lambda e: replace(e, status="rejected"))
            position += 1
        elif key == "e":
            _edit(session, position, item, edit, keyboard.replacement(edit.replacement))
            position += 1
        elif key == "a":
            same = [
                i
                for i in session.queue[position:]
                if session.edit(i).status == "pending" and session.edit(i).rule == edit.rule
            ]
            session.decide(position, same, "accepted", lambda e: replace(e, status="accepted"))
            session.echo(f"accepted {plural(len(same), 'edit')} of rule {edit.rule}")
            position += 1
        elif key == "u":
            step = session.undo()
            if step is None:
                session.echo("nothing to undo")
                continue
            count = len(step.before)
            session.echo(f"undid {step.kind} ({plural(count, 'edit')}); back to pending")
            position = step.position


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
