"""`clean RAW OUT` (the default command, `run`): propose edits for every new or changed
article, and accept some at once when asked.

It reads the corpus's tables, finds the articles that need proposing (``incremental``),
indexes the names of the whole corpus (``corpus``), proposes each article in a pool of
processes (``local``) and records what it did in OUT's index. Exit status: 0 ok, 1 some
articles failed (the others are still written), 2 usage or configuration error.
"""

from __future__ import annotations

import contextlib
import shlex
import sys
from collections import Counter
from pathlib import Path

import click

from pipeline.engine.assembly import Pipeline, rule_stages
from pipeline.engine.corpus import name_index
from pipeline.engine.incremental import needing_proposal, remember_table
from pipeline.engine.local import Job, Outcome, default_jobs, propose_all, tally, warm_up
from pipeline.engine.materialise import Fields, materialise
from pipeline.engine.reassemble import reassemble
from pipeline.inputs.article import READ_SUFFIXES, SYMLINK, find_articles, is_article_name
from pipeline.stages.rewrite.stage import RewriteStage
from pipeline.store.index import Index, signature_hash
from pipeline.store.layout import STATE_DIR, StoreError, paths
from pipeline.store.proposals import load
from pipeline.tables.fingerprint import table_hash
from pipeline.tables.loading import TableError
from pipeline.tables.merge import CORPUS_TABLE, corpus_table
from pipeline.tables.table import Table
from pipeline.ui.decide import decide_edits
from pipeline.ui.group import DefaultCommand
from pipeline.ui.opening import Opening, held
from pipeline.ui.ray_command import ENGINES, Location, run_on_ray
from pipeline.ui.selection import ACCEPT_CHOICES
from pipeline.ui.terminal import Progress, edits_by_risk, fail, plural, say, say_per_rule, warn

MODELS_DIR = Path("models")
# What RAW's articles are, said where a run finds none.
_READ = f"only {', '.join(READ_SUFFIXES[:-1])} and {READ_SUFFIXES[-1]} files ({READ_SUFFIXES[0].upper()} too) are read"


def table_option(help: str):
    """``--table FILE`` (repeatable, into ``tables``): the run's and `clean suggest`'s."""
    return click.option(
        "--table", "tables", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path), help=help
    )


@click.command("run", cls=DefaultCommand)
@click.argument("raw", type=Location(exists=True))
@click.argument("out", type=Location(file_okay=False))
@click.option(
    "--accept",
    "accept_level",
    type=click.Choice(sorted(ACCEPT_CHOICES)),
    help="Accept at once: 'safe' edits, 'all' but model rewrites, or 'rewrites' too.",
)
@click.option("--jobs", "-j", type=click.IntRange(min=1), help="Articles processed in parallel (default: all cores).")
@table_option("A lookup table (.toml, or .tsv replacements) on top of RAW/clean.toml; repeatable, later wins.")
@click.option("--rewrite", is_flag=True, help="Rewrite flagged sentences with a local seq2seq model.")
@click.option(
    "--model",
    "model",
    metavar="DIR",
    help="The model folder (a Hugging Face checkpoint), or a name under models/. Implies --rewrite.",
)
@click.option("--text-field", metavar="NAME", help="The field of a JSON record that holds its text (default: text, maintext, content, body or article).")
@click.option("--key-field", metavar="NAME", help="The field of a JSON record that names it (default: id, else url, else its position).")
@click.option("--engine", type=click.Choice(ENGINES), default="local", show_default=True, help="Where to run: this machine's processes, or Ray Data (OUT is then a Parquet dataset; RAW and OUT may be s3:// or gs:// URLs).")
@click.option("--address", metavar="ADDR", help="With --engine ray: the Ray cluster to join (default: RAY_ADDRESS, else a local Ray of --jobs CPUs).")
@click.option(
    "--field",
    "more_fields",
    metavar="NAME",
    multiple=True,
    help="Another string field of each JSON record to clean (title, description), named FILE#KEY#NAME; repeatable.",
)
def run_command(
    raw: Path,
    out: Path,
    accept_level: str | None,
    jobs: int | None,
    tables: tuple[Path, ...],
    rewrite: bool,
    model: str | None,
    text_field: str | None,
    key_field: str | None,
    more_fields: tuple[str, ...],
    engine: str,
    address: str | None,
) -> None:
    """Propose edits for every article under RAW, writing them to OUT.

    RAW is a folder or a single article. Articles are the .txt and .md files
    (in any case: .TXT too) under the folder, recursively, each record of a
    .jsonl, .ndjson or .json file (named FILE#KEY; each --field of it,
    FILE#KEY#FIELD) and the text of each .html
    or .htm page (named PAGE.txt); every other file,
    hidden file and symlink is skipped, and counted in one warning line. Hidden
    folders are not entered. The tables read are RAW/clean.toml (for a single
    article: the clean.toml beside it) and each --table.

    For each article RAW/<name> it writes OUT/<name>.diff (a unified diff that
    `patch` and `git apply` take) and OUT/<name>.edits.json (the edit list); a
    single article's <name> is its file name. RAW is never written to. A re-run
    processes only new or changed articles and keeps every decision already made.

    \b
    Flagged sentences (garbled, in the detector's view) are listed in each edit
    file; with --rewrite and a model they are rewritten, as `review` edits that
    only `--accept rewrites` or `clean accept --rule rewrite-garbled-sentence` accept.

    \b
    Examples:
      clean raw/ cleaned/ && clean accept cleaned/
      clean raw/ cleaned/ --table names.toml --table fixes.tsv
      clean raw/kyiv-talks.txt cleaned/
      clean raw/ cleaned/ --rewrite --model models/t5-grammar
      clean s3://bucket/news/ s3://bucket/cleaned/ --engine ray --address auto
    """
    if engine == "ray":
        if rewrite or model or more_fields:
            raise click.UsageError("--engine ray runs the rule stages on each record's text: no --rewrite, --model or --field.")
        return run_on_ray(raw, out, tables, accept_level, jobs or default_jobs(), text_field, key_field, address)
    if isinstance(raw, str) or isinstance(out, str):
        raise click.UsageError(f"a URL ({raw if isinstance(raw, str) else out}) is read and written only with --engine ray.")
    corpus = _check_paths(raw, out)
    table = load_tables(corpus, tables)
    with held(out):
        rewriter = _load_rewriter(out, model) if rewrite or model else None
        if rewriter is not None:
            jobs = 1  # the model already uses every core
        read = (corpus / CORPUS_TABLE, *tables)
        fields = Fields(text_field, key_field, more_fields)
        failures = _run(raw, out, table, read, RewriteStage(rewriter), accept_level, jobs or default_jobs(), fields)
    if failures:
        sys.exit(1)


def _check_paths(raw: Path, out: Path) -> Path:
    """The folder of RAW's corpus (RAW, or the folder a single article is in); a usage error
    when RAW is a file that is not an article, or when OUT would write into RAW."""
    if raw.is_dir():
        if out.resolve() == raw.resolve() or out.resolve().is_relative_to(raw.resolve()):
            raise click.UsageError(f"OUT ({out}) must not be RAW or lie inside it ({raw}).")
        return raw
    if not raw.is_file() or not is_article_name(raw.name, READ_SUFFIXES):
        raise click.UsageError(f"RAW ({raw}) is not a folder or an article: {_READ}.")
    if out.resolve() in (raw.resolve(), raw.parent.resolve()):  # accepting writes OUT/<name>
        raise click.UsageError(f"OUT ({out}) must not be RAW ({raw}) or the folder it is in.")
    return raw.parent


def load_tables(raw: Path, extra: tuple[Path, ...]) -> Table:
    """The tables of the corpus in RAW, merged (``corpus_table``); a usage error when one is malformed."""
    try:
        return corpus_table(raw, extra)[0]
    except TableError as exc:
        raise click.UsageError(str(exc)) from None


def _load_rewriter(out: Path, model: str | None):
    """The model named by --model (or the one folder in models/); None, said in one line, if unavailable.
    A --model naming no folder is a usage error: the run would otherwise go on without what was asked for."""
    from pipeline.stages.rewrite.model import ModelUnavailable, Rewriter

    if model is None:
        found = sorted(p for p in MODELS_DIR.iterdir() if p.is_dir()) if MODELS_DIR.is_dir() else []
        if len(found) != 1:
            warn(f"rewriting skipped: {'no' if not found else 'more than one'} model folder in {MODELS_DIR}/; name one with --model")
            return None
        folder = found[0]
    else:
        folder = Path(model) if Path(model).is_dir() or "/" in model else MODELS_DIR / model
        if not folder.is_dir():  # named, so wanted: stop before any article is proposed
            raise click.UsageError(
                f"--model {model}: no model folder at {folder} (--model takes a folder, or a name under"
                f" {MODELS_DIR}/); place a Hugging Face checkpoint there, as {MODELS_DIR}/README.md says"
            )
    try:
        return Rewriter.load(folder, cache_dir=out / STATE_DIR / "rewrite-cache")
    except ModelUnavailable as exc:
        warn(f"rewriting skipped: {exc}")
        return None


def _run(
    raw: Path,
    out: Path,
    table: Table,
    read: tuple[Path, ...],
    rewrite: RewriteStage,
    accept_level: str | None,
    jobs: int,
    fields: Fields,
) -> int:
    """Propose (and maybe accept) every new or changed article; returns how many failed.
    ``read``: the table files, which are read although they are not articles."""
    tables_hash = table_hash(table)
    core = Pipeline(rewrite=rewrite).signature()  # all but what depends on the table
    index = Index.load(out)
    unlisted: list[OSError] = []
    skipped: Counter = Counter()
    files = find_articles(
        raw, out, unlisted.append, on_skip=lambda _, reason: skipped.update([reason]), also_read=read, suffixes=READ_SUFFIXES
    )
    unread: list[str] = []  # records that cannot be read: exit 1
    metadata: dict[str, dict] = {}  # a page's title, date, url…: into its edit file
    removed: list[str] = []  # records gone from their files: their files in OUT are gone too
    found = materialise(
        files,
        out,
        fields,
        on_error=lambda message: (fail(message), unread.append(message)),
        on_warning=warn,
        metadata=metadata,
        on_removed=removed.append,
    )
    for rel in removed:
        index.articles.pop(rel, None)
    for problem in reassemble(out, removed, existing_only=True):  # OUT/<file> without them
        fail(problem)
        unread.append(problem)
    for exc in unlisted:  # its articles are neither proposed nor counted: say so, and exit 1
        fail(f"failed to list folder {exc.filename}: {exc.strerror or exc}")
    if not found:
        index.save()
        what = f"{_files_skipped(skipped)} ({_reasons(skipped)})" if skipped else "no files found"
        warn(f"no articles in {raw}: {what}; {_READ}")
        return len(unlisted) + len(unread)
    if skipped:
        warn(f"{_files_skipped(skipped)}: {_reasons(skipped)}")
    todo = needing_proposal(found, out, index, signature_hash(core), table, tables_hash)
    review = Counter()  # pending review edits of each article proposed, as its worker counted them
    failures = len(unlisted) + len(unread)
    proposed = 0  # edits proposed by this run
    if todo:
        # The corpus pass, in parallel too; meanwhile this process warms the stages up (the word
        # list, first-use patterns), which its forked workers will share.
        meanwhile = (lambda: warm_up(rule_stages(table))) if jobs > 1 else None
        stages = rule_stages(table, name_index(found, jobs, meanwhile))
        pipeline = Pipeline(stages, rewrite, {"table": tables_hash})
        job = Job(out=out, pipeline=pipeline, signature=pipeline.signature(), metadata=metadata)
        failed, proposed = _propose(out, todo, len(found), jobs, index, job, signature_hash(core), tables_hash, review)
        failures += failed
        remember_table(out, table)
    else:
        index.save()
        say(f"nothing new: {plural(len(found), 'article')} in {raw} already proposed in {out}")
    if accept_level:
        accepting = Opening(out, [rel for rel, _ in found if paths(out, rel).edits.exists()])
        decide_edits(accepting, ACCEPT_CHOICES[accept_level], "accepted")
        failures += len(accepting.failed)
    where = shlex.quote(str(out))
    if todo and _pending_review(out, [rel for rel, _ in todo], None if accept_level else review):
        say(
            f"Edits to review are pending: `clean review {where}` goes through them, `clean report {where}`"
            f" shows them all, `clean accept {where}` accepts them unseen."
        )
    elif proposed and not accept_level:
        say(f"Next: read {out}/*.diff, then `clean accept {where}` (or `clean reject {where} --rule RULE`).")
    return failures


def _pending_review(out: Path, rels: list[str], counted: Counter | None) -> int:
    """How many edits of risk ``review`` the articles ``rels`` leave pending; those in ``counted``
    (articles just proposed, nothing decided since) are not read back."""
    count = 0
    for rel in rels:
        if counted is not None and rel in counted:
            count += counted[rel]
            continue
        with contextlib.suppress(StoreError):  # skipped or failed: no edit list
            count += sum(e.risk == "review" and e.status == "pending" for e in load(out, rel).edits)
    return count


def _propose(
    out: Path,
    todo: list[tuple[str, Path]],
    found: int,
    jobs: int,
    index: Index,
    job: Job,
    core: str,
    tables: str,
    review: Counter,
) -> tuple[int, int]:
    """Propose the articles in ``todo``, recording each in the index (and in ``review`` its
    pending review edits); returns how many failed and how many edits were proposed."""
    path_of = dict(todo)
    flagged = Counter()
    with Progress(len(todo), "proposing", [rel for rel, _ in todo]) as progress:

        def each(outcome: Outcome) -> None:
            progress.advance()
            flagged["sentences"] += outcome.flagged
            if outcome.state == "proposed":
                index.record(outcome.rel, path_of[outcome.rel].stat(), outcome.sha256, core, tables)
                review[outcome.rel] = outcome.review
            elif outcome.state == "skipped":
                warn(f"skipped {outcome.rel}: {outcome.message}")
            else:
                fail(f"failed {outcome.rel}: {outcome.message}")

        states, per_rule, per_risk = tally(propose_all(job, todo, jobs), each)
    index.save()
    _summary(states, found, per_rule, per_risk)
    if flagged["sentences"]:
        say(f"{plural(flagged['sentences'], 'sentence')} flagged for a person (see clean review {out})")
    return states["failed"], sum(per_risk.values())


def _summary(states: Counter, found: int, per_rule: Counter, per_risk: Counter) -> None:
    """What the run did: a line of counts, then the edits per rule, most first."""
    line = f"{plural(states['proposed'], 'article')} proposed"
    if found > sum(states.values()):
        line += f" ({found - sum(states.values())} unchanged)"
    line += f", {edits_by_risk(per_risk)}"
    if states["skipped"] or states["failed"]:
        line += f"; {states['skipped']} skipped, {states['failed']} failed"
    say(line, bold=True)
    say_per_rule(per_rule)


def _files_skipped(skipped: Counter) -> str:
    return f"{plural(sum(skipped.values()), 'file')} skipped"


def _reasons(skipped: Counter) -> str:
    """``2 .pdf, 1 without an extension, 1 symlink``: how many files for each reason, most first."""
    ordered = sorted(skipped.items(), key=lambda kv: (-kv[1], kv[0]))
    return ", ".join(plural(n, reason) if reason == SYMLINK else f"{n} {reason}" for reason, n in ordered)
