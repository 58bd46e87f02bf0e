"""`clean RAW OUT --engine ray [--address ADDR]`: the run on Ray Data (``pipeline.engine.ray``),
as `clean RAW OUT` says it: a problem a line, a summary, exit 1 when a record was unreadable.

RAW may be a URL there (``s3://bucket/news/``), so the argument is checked here: a local path
must exist, a URL is left to the file system that reads it.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import click

from pipeline.tables.loading import TableError, default_table, load_table
from pipeline.tables.merge import corpus_table, merge_tables
from pipeline.tables.table import Table
from pipeline.ui.terminal import edits_by_risk, fail, plural, say, say_per_rule, warn

ENGINES = ("local", "ray")


def is_url(value: str) -> bool:
    return "://" in value


class Location(click.ParamType):
    """RAW or OUT: a local path (a ``Path``, as ``click.Path`` checks it), or a URL (a ``str``,
    which only ``--engine ray`` reads and writes)."""

    name = "path"

    def __init__(self, **path_checks) -> None:
        self.path = click.Path(path_type=Path, **path_checks)

    def convert(self, value, param, ctx):
        if isinstance(value, Path) or not is_url(str(value)):
            return self.path.convert(value, param, ctx)
        return str(value)


def ray_tables(raw: str, extra: tuple[Path, ...]) -> Table:
    """The tables of a Ray run: the default one, RAW/clean.toml where RAW is a local folder
    (a URL's clean.toml: pass it with --table), and each --table."""
    try:
        if is_url(raw):
            return merge_tables([default_table(), *(load_table(p) for p in extra)])
        return corpus_table(Path(raw) if Path(raw).is_dir() else Path(raw).parent, extra)[0]
    except TableError as exc:
        raise click.UsageError(str(exc)) from None


def run_on_ray(
    raw: Path | str,
    out: Path | str,
    tables: tuple[Path, ...],
    accept: str | None,
    jobs: int,
    text_field: str | None,
    key_field: str | None,
    address: str | None,
) -> None:
    """The whole command on Ray; exits 1 when a record could not be read."""
    if accept not in (None, "safe", "all"):
        raise click.UsageError("--engine ray accepts --accept safe or all (no model rewrites run on Ray).")
    try:
        from pipeline.engine.ray.run import run
    except ImportError as exc:
        raise click.UsageError(f"--engine ray needs Ray Data: pip install 'mtclean[ray]' ({exc})") from None
    raw, out = str(raw), str(out)
    table = ray_tables(raw, tables)
    done = run(raw, out, table, jobs=jobs, address=address, accept=accept, text_field=text_field, key_field=key_field, on_progress=say)
    for message in done.warnings:
        warn(message)
    for message in done.errors:
        fail(message)
    if done.skipped:
        warn(f"{plural(len(done.skipped), 'file')} skipped (not .txt, .md, .jsonl, .ndjson, .json or .parquet)")
    if not done.new_files:
        say(f"nothing new: {plural(done.files, 'file')} in {raw} already in {out}")
    else:
        say(f"{plural(done.articles, 'article')} from {plural(done.new_files, 'new file')} written to {out}", bold=True)
        _edits_summary(done.rules, done.risks)
    if done.errors:
        sys.exit(1)


def _edits_summary(per_rule: Counter, per_risk: Counter) -> None:
    """The edits proposed, by risk, then per rule (most first), as a local run says them."""
    say(edits_by_risk(per_risk))
    say_per_rule(per_rule)
