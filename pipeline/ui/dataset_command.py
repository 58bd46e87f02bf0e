"""`clean export DATASET DIR` and `clean import DIR DATASET`: a chosen part of a Ray run's
dataset reviewed as a normal OUT folder (`clean review DIR`, `clean report DIR`, `clean
accept DIR`), and the decisions written back as a new version of the dataset.

The work is in ``pipeline.engine.ray.bridge`` (export) and ``versions`` (import); here are
the arguments, and what a person is told. A dataset or DIR that cannot be used, or a row
whose raw text changed since the export, is a usage error (exit 2): nothing is written.
"""

from __future__ import annotations

from pathlib import Path

import click

from pipeline.ui.opening import held
from pipeline.ui.ray_command import Location
from pipeline.ui.terminal import plural, say


def _bridge():
    """The engine's bridge modules; a usage error without pyarrow (`pip install 'mtclean[ray]'`)."""
    try:
        from pipeline.engine.ray import bridge, versions
    except ImportError as exc:
        raise click.UsageError(f"datasets need pyarrow: pip install 'mtclean[ray]' ({exc})") from None
    return bridge, versions


@click.command("export")
@click.argument("dataset", type=Location(exists=True, file_okay=False))
@click.argument("out", metavar="DIR", type=click.Path(file_okay=False, path_type=Path))
@click.option("--sample", type=click.IntRange(min=0), metavar="N", help="A random sample of N rows with edits (reproducible: see --seed).")
@click.option("--seed", type=int, default=0, show_default=True, help="The seed of --sample.")
@click.option("--rule", "rules", multiple=True, metavar="RULE", help="Only rows with an edit of RULE (repeatable).")
@click.option("--article", "articles", multiple=True, metavar="NAME", help="This row (its article name, e.g. scrape.jsonl#a1); repeatable.")
def export_command(dataset: Path | str, out: Path, sample: int | None, seed: int, rules: tuple[str, ...], articles: tuple[str, ...]) -> None:
    """Write chosen rows of DATASET (`clean RAW OUT --engine ray`'s) as an OUT folder DIR to review.

    Rows: those named by --article, and of the rows with edits all (or those with an edit of
    a --rule), or a random --sample of them. Only --article: just those rows. DIR holds
    each row's edit list, diff and raw text; `clean import DIR DATASET` writes the decisions
    back as a new version of DATASET.

    \b
    Examples:
      clean export cleaned/ sample/ --sample 50 --seed 1
      clean export s3://bucket/cleaned/ quotes/ --rule curly-quotes
      clean review sample/ && clean import sample/ cleaned/
    """
    bridge, _ = _bridge()
    choice = bridge.Choice(sample, seed, rules, articles)
    with held(out):
        try:
            done = bridge.export(str(dataset), out, choice)
        except bridge.BridgeError as exc:
            raise click.UsageError(str(exc)) from None
    say(f"exported {plural(len(done.rows), 'row')} ({plural(done.edits, 'edit')}) of {dataset} to {out}", bold=True)
    say(f"review them (clean review {out}, clean report {out}), then: clean import {out} {dataset}")


@click.command("import")
@click.argument("out", metavar="DIR", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.argument("dataset", type=Location(exists=True, file_okay=False))
@click.option("--to", "to", type=Location(), metavar="NEW_DATASET", help="Where to write the new version (default: DATASET.v2, or the next free .vN).")
def import_command(out: Path, dataset: Path | str, to: Path | str | None) -> None:
    """Write DATASET's new version with the decisions made in DIR (as `clean export` wrote it).

    The exported rows get DIR's edit lists (statuses, replacements, history) and their
    accepted text; every other row is copied as it was. DATASET is never changed. A row
    whose raw text changed since the export is refused (exit 2), and nothing is written.

    \b
    Example:
      clean import sample/ cleaned/                 writes cleaned.v2/
      clean import sample/ cleaned/ --to reviewed/
    """
    bridge, versions = _bridge()
    try:
        done = versions.import_decisions(out, str(dataset), str(to) if to is not None else None)
    except bridge.BridgeError as exc:
        raise click.UsageError(str(exc)) from None
    statuses = ", ".join(f"{done.statuses[s]} {s}" for s in ("accepted", "rejected", "pending") if done.statuses[s])
    say(f"wrote {done.to}: {plural(done.rows, 'row')} from {out} ({statuses or 'no edits'}), {plural(done.others, 'other row')} unchanged", bold=True)
    say(f"{dataset} is unchanged")
