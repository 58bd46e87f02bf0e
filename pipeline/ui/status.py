"""`clean status`: how many edits are pending, accepted and rejected, per article and in total."""

from __future__ import annotations

from pathlib import Path

import click

from pipeline.store.flagged import open_flags
from pipeline.store.layout import StoreError
from pipeline.store.proposals import load
from pipeline.ui.opening import opened
from pipeline.ui.terminal import plural, say

COLUMNS = ("pending", "accepted", "rejected")


@click.command("status")
@click.argument("out", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.argument("articles", nargs=-1)
def status_command(out: Path, articles: tuple[str, ...]) -> None:
    """Count pending, accepted and rejected edits per article and in total, and flagged sentences.

    Reads only the edit lists, so it is quick and works while a review is running.

    \b
    Example:
      clean status cleaned/
    """
    with opened(out, articles, lock=False) as opening:
        rows: list[tuple[str, dict[str, int]]] = []
        flagged = 0
        for rel in opening.rels:
            try:
                proposal = load(out, rel)
            except StoreError as exc:
                opening.unreadable(rel, exc)
                continue
            rows.append((rel, proposal.counts()))
            flagged += open_flags(proposal)
        _table(rows)
        if flagged:
            say(f"{plural(flagged, 'sentence')} flagged for a person (see clean review {out})")


def _table(rows: list[tuple[str, dict[str, int]]]) -> None:
    """The counts of each article, then the total, in aligned columns."""
    total = {c: sum(counts[c] for _, counts in rows) for c in COLUMNS}
    total_label = f"total ({plural(len(rows), 'article')})"
    name_width = max([len("article"), len(total_label)] + [len(rel) for rel, _ in rows])
    widths = {c: max(len(c), len(str(total[c]))) for c in COLUMNS}

    def line(name: str, values: dict[str, int] | None) -> str:
        cells = [f"{(c if values is None else values[c]):>{widths[c]}}" for c in COLUMNS]
        return f"{name:<{name_width}}  " + "  ".join(cells)

    say(line("article", None), bold=True)
    for rel, counts in rows:
        say(line(rel, counts))
    say(line(total_label, total), bold=True)
