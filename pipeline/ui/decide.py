"""`clean accept` and `clean reject`: decide on pending edits in bulk, narrowed by article,
rule, risk, or single edits (``--edit REL:ID``, as `clean report` writes them).

Each touched article's edit list, diff and accepted text are written together; `clean
RAW OUT --accept` decides the same way right after proposing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import click

from pipeline.core.edits import RISKS, Edit
from pipeline.engine.reassemble import reassemble
from pipeline.store.decisions import decide
from pipeline.store.layout import StoreError, select
from pipeline.store.proposals import load, save
from pipeline.ui.opening import Opening, opened
from pipeline.ui.selection import selector
from pipeline.ui.terminal import plural, say


def decide_edits(
    opening: Opening, chosen: Callable[[Edit], bool], status: str, picks: dict[str, set[int]] | None = None
) -> None:
    """Set ``status`` on the chosen pending edits of each article (only the edit ids in
    ``picks``, when given) and write its text; an unreadable article goes to ``opening.failed``."""
    decided = touched = pending = 0
    for rel, proposal, raw in opening.proposals():
        which = chosen
        if picks is not None:
            wanted = {proposal.edits[i - 1] for i in picks[rel] if 0 < i <= len(proposal.edits)}
            which = wanted.__contains__
        proposal, count = decide(proposal, which, status)  # type: ignore[arg-type]
        save(opening.out, proposal, raw, write_text=True)
        decided += count
        touched += 1
        pending += proposal.counts()["pending"]
    for problem in reassemble(opening.out, opening.rels):  # files of records, in their own format
        opening.unreadable(problem.split(":")[0], StoreError(problem))
    say(f"{status} {plural(decided, 'edit')} in {plural(touched, 'article')}; {pending} pending.", bold=True)


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
    """The `accept` (``status`` "accepted") or `reject` command."""
    verb = "accept" if status == "accepted" else "reject"

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
        with opened(out, articles, lock=True, rels=list(picks) if picks else None) as opening:
            decide_edits(opening, selector(rules, risk), status, picks)

    command.__doc__ = f"""{verb.capitalize()} pending edits in OUT (all of them unless narrowed).

    ARTICLES narrows to some articles (their names under RAW, or OUT paths);
    --edit names single edits, as `clean report` writes them. Model rewrites
    are included only when their rule is named. The accepted text of each
    article is written to OUT/<name>.

    \b
    Examples:
      clean {verb} cleaned/
      clean {verb} cleaned/ 001_article.txt --rule drop-stray-full-stop
      clean {verb} cleaned/ --risk {'safe' if verb == 'accept' else 'review'}
      clean {verb} cleaned/ --edit 001_article.txt:3,7
    """
    return click.command(verb)(command)


accept_command = _decide_command("accepted")
reject_command = _decide_command("rejected")
