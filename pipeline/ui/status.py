"""`clean status`: how many edits are pending, accepted and rejected, per article and in total."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from pipeline.store.files import StoreError, load, recover_if_idle, select
from pipeline.ui.terminal import fail, say

COLUMNS = ("pending", "accepted", "rejected")


@click.command("status")
@click.argument("out", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.argument("articles", nargs=-1)
def status_command(out: Path, articles: tuple[str, ...]) -> None:
    """Count pending, accepted and rejected edits per article and in total.

    Reads only the edit lists, so it is quick and works while a review is running.

    \b
    Example:
      clean status cleaned/
    """
    recover_if_idle(out)  # a killed run's writes, finished before they are read
    try:
        selected = select(out, articles)
    except StoreError as exc:
        raise click.UsageError(str(exc)) from None
    rows: list[tuple[str, dict[str, int]]] = []
    failures = 0
    for rel in selected:
        try:
            rows.append((rel, load(out, rel).counts()))
        except StoreError as exc:
            fail(str(exc))
            failures += 1
    total = {c: sum(counts[c] for _, counts in rows) for c in COLUMNS}
    total_label = f"total ({len(rows)} article{'s' if len(rows) != 1 else ''})"
    name_width = max([len("article"), len(total_label)] + [len(rel) for rel, _ in rows])
    widths = {c: max(len(c), len(str(total[c]))) for c in COLUMNS}

    def line(name: str, values: dict[str, int] | None) -> str:
        cells = [f"{(c if values is None else values[c]):>{widths[c]}}" for c in COLUMNS]
        return f"{name:<{name_width}}  " + "  ".join(cells)

    say(line("article", None), bold=True)
    for rel, counts in rows:
        say(line(rel, counts))
    say(line(total_label, total), bold=True)
    if failures:
        sys.exit(1)
