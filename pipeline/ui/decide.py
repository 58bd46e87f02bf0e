"""`clean accept`, `clean reject` and `clean reset`: decide on edits in bulk, narrowed by
article, rule, risk, or single edits (``--edit REL:ID``, as `clean report` writes them).

Decisions are reversible. Narrowed by article, rule or edit, a command acts on edits in
any state (an accepted edit can be rejected, a rejected one reset to pending and proposed
again); unnarrowed, accept and reject act on pending edits only, so a bulk accept never
overrides a person's reject. Each touched article's edit list, diff and accepted text are
written together; `clean RAW OUT --accept` decides the same way right after proposing.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Callable

import click

from pipeline.core.edits import RISKS, STATUSES, Edit
from pipeline.engine.reassemble import reassemble
from pipeline.store.decisions import decide
from pipeline.store.layout import StoreError, select
from pipeline.store.proposals import load, save
from pipeline.ui.opening import Opening, opened
from pipeline.ui.selection import selector
from pipeline.ui.terminal import plural, say

VERBS = {"accepted": "accept", "rejected": "reject", "pending": "reset"}


def decide_edits(
    opening: Opening,
    chosen: Callable[[Edit], bool],
    status: str,
    picks: dict[str, set[int]] | None = None,
    *,
    any_state: bool = False,
) -> None:
    """Set ``status`` on the chosen edits of each article (only the edit ids in ``picks``, when
    given): pending ones, or any with ``any_state``. Writes each article's files and says what
    changed; an unreadable article goes to ``opening.failed``."""
    was: Counter = Counter()
    already = touched = pending = 0
    for rel, proposal, raw in opening.proposals():
        which = chosen
        if picks is not None:
            wanted = {proposal.edits[i - 1] for i in picks[rel] if 0 < i <= len(proposal.edits)}
            which = wanted.__contains__
        proposal, changed, same = decide(proposal, which, status, any_state=any_state)  # type: ignore[arg-type]
        save(opening.out, proposal, raw, write_text=True)
        was.update(changed)
        already += same if picks is not None else 0  # worth saying of edits named one by one
        touched += bool(changed)
        pending += proposal.counts()["pending"]
    for problem in reassemble(opening.out, opening.rels):  # files of records, in their own format
        opening.unreadable(problem.split(":")[0], StoreError(problem))
    say(_message(status, was, already, touched, pending), bold=True)


def _message(status: str, was: Counter, already: int, touched: int, pending: int) -> str:
    """``rejected 1 edit in 1 article (1 was accepted); 3 pending.``"""
    done = "reset" if status == "pending" else status
    notes = [
        f"{was[s]} {'was' if was[s] == 1 else 'were'} {s}" for s in STATUSES if s != "pending" and was[s]
    ]
    if already:
        notes.append(f"{already} already {status}")
    note = f" ({', '.join(notes)})" if notes else ""
    return f"{done} {plural(sum(was.values()), 'edit')} in {plural(touched, 'article')}{note}; {pending} pending."


def _picks(out: Path, edits: tuple[str, ...]) -> dict[str, set[int]]:
    """``--edit REL:ID[,ID...]`` (ids as in the edit file, 1-based) by article."""
    picks: dict[str, set[int]] = {}
    for spec in edits:
        name, _, ids = spec.rpartition(":")
        try:
            numbers = {int(i) for i in ids.split(",")}
            (rel,) = select(out, [name]) if name else ()
        except ValueError:
            raise click.BadParameter(f"{spec!r} is not REL:ID[,ID...]", param_hint="--edit") from None
        except StoreError as exc:
            raise click.BadParameter(str(exc), param_hint="--edit") from None
        known = len(load(out, rel).edits)
        if not all(0 < i <= known for i in numbers):
            raise click.BadParameter(f"{spec!r}: {rel} has edits 1 to {known}", param_hint="--edit")
        picks.setdefault(rel, set()).update(numbers)
    return picks


def _decide_command(status: str) -> click.Command:
    """The `accept` (``status`` "accepted"), `reject` ("rejected") or `reset` ("pending") command."""
    verb = VERBS[status]

    @click.argument("out", type=click.Path(exists=True, file_okay=False, path_type=Path))
    @click.argument("articles", nargs=-1)
    @click.option("--rule", "rules", multiple=True, help="Only edits of this rule id (repeatable).")
    @click.option("--risk", type=click.Choice(RISKS), help="Only edits of this risk.")
    @click.option(
        "--edit",
        "edits",
        multiple=True,
        metavar="REL:ID[,ID...]",
        help="Only these edits (ids as in the edit file or the report page); repeatable.",
    )
    def command(
        out: Path, articles: tuple[str, ...], rules: tuple[str, ...], risk: str | None, edits: tuple[str, ...]
    ) -> None:
        if edits and (articles or rules or risk):
            raise click.UsageError("--edit names edits itself: give it without ARTICLES, --rule or --risk")
        try:
            picks = _picks(out, edits) if edits else None
        except StoreError as exc:
            raise click.UsageError(str(exc)) from None
        # Named edits, rules or articles are a person's choice, whatever their state; a
        # reset undoes decisions only, rewrites included.
        any_state = status == "pending" or bool(edits or articles or rules)
        chosen = selector(rules, risk, include_rewrites=status == "pending")
        with opened(out, articles, lock=True, rels=list(picks) if picks else None) as opening:
            decide_edits(opening, chosen, status, picks, any_state=any_state)

    command.__doc__ = _HELP[status].format(verb=verb, narrowing=_NARROWING)
    return click.command(verb)(command)


_NARROWING = """ARTICLES narrows to some articles (their names under RAW, or OUT paths);
    --edit names single edits, as `clean report` writes them."""

_HELP = {
    "accepted": """Accept pending edits in OUT (all of them unless narrowed).

    {narrowing} Narrowed by
    ARTICLES, --rule or --edit, edits already rejected are accepted too;
    otherwise only pending ones. Model rewrites are included only when their
    rule is named. The accepted text of each article is written to OUT/<name>.

    \b
    Examples:
      clean {verb} cleaned/
      clean {verb} cleaned/ 001_article.txt --rule drop-stray-full-stop
      clean {verb} cleaned/ --risk safe
      clean {verb} cleaned/ --edit 001_article.txt:3,7
    """,
    "rejected": """Reject pending edits in OUT (all of them unless narrowed).

    {narrowing} Narrowed by
    ARTICLES, --rule or --edit, edits already accepted are rejected too;
    otherwise only pending ones. A rejected edit is not proposed again until it
    is reset. Model rewrites are included only when their rule is named. OUT/<name>
    and the diff follow.

    \b
    Examples:
      clean {verb} cleaned/ --rule drop-stray-full-stop
      clean {verb} cleaned/ 001_article.txt --risk review
      clean {verb} cleaned/ --edit 001_article.txt:3,7
    """,
    "pending": """Return decided edits in OUT to pending (all of them unless narrowed).

    Undoes accepts, rejects and reviewers' replacements: the edits are pending
    again, proposed again by `clean RAW OUT`, and shown by `clean review`.
    {narrowing} OUT/<name> and the diff follow.

    \b
    Examples:
      clean {verb} cleaned/ --edit 001_article.txt:3
      clean {verb} cleaned/ --rule drop-stray-full-stop
      clean {verb} cleaned/ 001_article.txt
    """,
}

accept_command = _decide_command("accepted")
reject_command = _decide_command("rejected")
reset_command = _decide_command("pending")
