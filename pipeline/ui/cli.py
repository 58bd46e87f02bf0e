"""The `clean` command: propose edits for a folder of articles, then accept or reject them.

Exit status: 0 ok, 1 some articles failed (the others are still written),
2 usage or configuration error.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from typing import Callable

import click
from click_default_group import DefaultGroup

from pipeline.inputs.article import find_articles
from pipeline.core.edits import RISKS, Edit
from pipeline.engine.corpus import corpus_table, name_index, needing_proposal, remember_table
from pipeline.engine.assembly import Pipeline, rule_stages
from pipeline.core.rules import RULES
from pipeline.engine.local import Job, Outcome, default_jobs, propose_all, tally
from pipeline.ui.report import report_command
from pipeline.ui.review import review_command
from pipeline.ui.status import status_command
from pipeline.store.files import (
    STATE_DIR,
    Index,
    StoreError,
    decide,
    load,
    load_each,
    locked,
    paths,
    recover,
    save,
    select,
    signature_hash,
)
from pipeline.stages.rewrite.stage import RULE as REWRITE_RULE
from pipeline.stages.rewrite.stage import RewriteStage
from pipeline.tables.table import Table, TableError, table_hash
from pipeline.ui.terminal import Progress, fail, say, warn

MODELS_DIR = Path("models")


def is_rewrite(edit: Edit) -> bool:
    return REWRITE_RULE in edit.rules


# What --accept accepts: model rewrites only when asked for by name.
ACCEPT_CHOICES: dict[str, Callable[[Edit], bool]] = {
    "safe": lambda e: e.risk == "safe" and not is_rewrite(e),
    "all": lambda e: not is_rewrite(e),
    "rewrites": lambda e: True,
}


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


@click.group(cls=DefaultGroup, default="run", default_if_no_args=False)
@click.version_option(package_name="mtclean", prog_name="clean")
def main() -> None:
    """Clean machine-translated English news articles; every change is a reviewable edit.

    \b
    Examples:
      clean raw/ cleaned/            propose edits: cleaned/<name>.diff and .edits.json
      clean accept cleaned/          accept them, writing cleaned/<name>
      clean raw/ cleaned/ --accept safe   propose and accept the certain ones at once

    Exit status: 0 ok, 1 some articles failed, 2 usage or configuration error.
    """


@main.command("run")
@click.argument("raw", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.argument("out", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--accept",
    "accept_level",
    type=click.Choice(sorted(ACCEPT_CHOICES)),
    help="Accept at once: 'safe' edits, 'all' but model rewrites, or 'rewrites' too.",
)
@click.option("--jobs", "-j", type=click.IntRange(min=1), help="Articles processed in parallel (default: all cores).")
@click.option(
    "--table",
    "tables",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A lookup table (.toml, or .tsv replacements) on top of RAW/clean.toml; repeatable, later wins.",
)
@click.option("--rewrite", is_flag=True, help="Rewrite flagged sentences with a local seq2seq model.")
@click.option(
    "--model",
    "model",
    metavar="DIR",
    help="The model folder (a Hugging Face checkpoint), or a name under models/. Implies --rewrite.",
)
def run_command(
    raw: Path,
    out: Path,
    accept_level: str | None,
    jobs: int | None,
    tables: tuple[Path, ...],
    rewrite: bool,
    model: str | None,
) -> None:
    """Propose edits for every article (.txt, .md) under RAW, writing them to OUT.

    For each article RAW/<name> it writes OUT/<name>.diff (a unified diff that
    `patch` and `git apply` take) and OUT/<name>.edits.json (the edit list).
    RAW is never written to. A re-run processes only new or changed articles
    and keeps every decision already made.

    \b
    Flagged sentences (garbled, in the detector's view) are listed in each edit
    file; with --rewrite and a model they are rewritten, as `review` edits that
    only `--accept rewrites` or `clean accept --rule rewrite-garbled-sentence` accept.

    \b
    Examples:
      clean raw/ cleaned/ && clean accept cleaned/
      clean raw/ cleaned/ --table names.toml --table fixes.tsv
      clean raw/ cleaned/ --rewrite --model models/t5-grammar
    """
    if out.resolve() == raw.resolve() or out.resolve().is_relative_to(raw.resolve()):
        raise click.UsageError(f"OUT ({out}) must not be RAW or lie inside it ({raw}).")
    table = _table(raw, tables)
    with locked(out, warn):
        recover(out)
        rewriter = _load_rewriter(out, model) if rewrite or model else None
        if rewriter is not None:
            jobs = 1  # the model already uses every core
        failures = _run(raw, out, table, RewriteStage(rewriter), accept_level, jobs or default_jobs())
    if failures:
        sys.exit(1)


def _table(raw: Path, extra: tuple[Path, ...]) -> Table:
    try:
        return corpus_table(raw, extra)[0]
    except TableError as exc:
        raise click.UsageError(str(exc)) from None


def _load_rewriter(out: Path, model: str | None):
    """The model named by --model (or the one folder in models/); None, said in one line, if unavailable."""
    from pipeline.stages.rewrite.model import ModelUnavailable, Rewriter

    if model is None:
        found = sorted(p for p in MODELS_DIR.iterdir() if p.is_dir()) if MODELS_DIR.is_dir() else []
        if len(found) != 1:
            warn(f"rewriting skipped: {'no' if not found else 'more than one'} model folder in {MODELS_DIR}/; name one with --model")
            return None
        folder = found[0]
    else:
        folder = Path(model) if Path(model).is_dir() or "/" in model else MODELS_DIR / model
    try:
        return Rewriter.load(folder, cache_dir=out / STATE_DIR / "rewrite-cache")
    except ModelUnavailable as exc:
        warn(f"rewriting skipped: {exc}")
        return None


def _run(raw: Path, out: Path, table: Table, rewrite: RewriteStage, accept_level: str | None, jobs: int) -> int:
    """Propose (and maybe accept) every new or changed article; returns how many failed."""
    tables_hash = table_hash(table)
    core = Pipeline(rewrite=rewrite).signature()  # all but what depends on the table
    index = Index.load(out)
    unlisted: list[OSError] = []
    found = list(find_articles(raw, exclude=out, on_error=unlisted.append))
    for exc in unlisted:  # its articles are neither proposed nor counted: say so, and exit 1
        fail(f"failed to list folder {exc.filename}: {exc.strerror or exc}")
    todo = needing_proposal(found, out, index, signature_hash(core), table, tables_hash)
    failures = len(unlisted)
    if todo:
        stages = rule_stages(table, name_index(found, jobs))  # the corpus pass: in parallel too
        pipeline = Pipeline(stages, rewrite, {"table": tables_hash})
        job = Job(out=out, pipeline=pipeline, signature=pipeline.signature())
        failures += _propose(out, todo, len(found), jobs, index, job, signature_hash(core), tables_hash)
        remember_table(out, table)
    else:
        index.save()
        say(f"nothing new: {plural(len(found), 'article')} in {raw} already proposed in {out}")
    if accept_level:
        rels = [rel for rel, _ in found if paths(out, rel)[2].exists()]
        failures += _decide(out, rels, ACCEPT_CHOICES[accept_level], "accepted")
    return failures


def _propose(
    out: Path, todo: list[tuple[str, Path]], found: int, jobs: int, index: Index, job: Job, core: str, tables: str
) -> int:
    """Propose the articles in ``todo``, recording each in the index; returns how many failed."""
    path_of = dict(todo)
    with Progress(len(todo), "proposing") as progress:

        def each(outcome: Outcome) -> None:
            progress.advance()
            if outcome.state == "proposed":
                index.record(outcome.rel, path_of[outcome.rel].stat(), outcome.sha256, core, tables)
            elif outcome.state == "skipped":
                warn(f"skipped {outcome.rel}: {outcome.message}")
            else:
                fail(f"failed {outcome.rel}: {outcome.message}")

        states, per_rule, per_risk = tally(propose_all(job, todo, jobs), each)
    index.save()
    _summary(states, found, per_rule, per_risk, out)
    return states["failed"]


def _summary(states: Counter, found: int, per_rule: Counter, per_risk: Counter, out: Path) -> None:
    total = sum(per_risk.values())
    line = f"{plural(states['proposed'], 'article')} proposed"
    if found > sum(states.values()):
        line += f" ({found - sum(states.values())} unchanged)"
    line += f", {plural(total, 'edit')} ({per_risk['safe']} safe, {per_risk['review']} to review)"
    if states["skipped"] or states["failed"]:
        line += f"; {states['skipped']} skipped, {states['failed']} failed"
    say(line, bold=True)
    width = max((len(r) for r in per_rule), default=0)
    for rule_id, count in sorted(per_rule.items(), key=lambda kv: (-kv[1], kv[0])):
        say(f"  {rule_id:<{width}}  {count:>5}")
    if total:
        say(f"Next: read {out}/*.diff, then `clean accept {out}` (or `clean reject {out} --rule RULE`).")


def _selector(rules: tuple[str, ...], risk: str | None) -> Callable[[Edit], bool]:
    """Edits of the named rules (any rule when none is named; model rewrites only by name)."""
    wanted = set(rules)

    def chosen(edit: Edit) -> bool:
        by_rule = bool(wanted.intersection(edit.rules)) if wanted else not is_rewrite(edit)
        return by_rule and (risk is None or edit.risk == risk)

    return chosen


def _decide(
    out: Path, rels: list[str], chosen: Callable[[Edit], bool], status: str, picks: dict[str, set[int]] | None = None
) -> int:
    """Set ``status`` on the chosen pending edits of each article (only the edit ids in
    ``picks``, when given) and write its text; returns how many articles failed."""
    failed: list[str] = []

    def unreadable(rel: str, exc: StoreError) -> None:
        fail(str(exc))
        failed.append(rel)

    decided = touched = pending = 0
    for rel, proposal, raw in load_each(out, rels, unreadable):
        which = chosen
        if picks is not None:
            wanted = {proposal.edits[i - 1] for i in picks[rel] if 0 < i <= len(proposal.edits)}
            which = wanted.__contains__
        proposal, count = decide(proposal, which, status)  # type: ignore[arg-type]
        save(out, proposal, raw, write_text=True)
        decided += count
        touched += 1
        pending += proposal.counts()["pending"]
    say(f"{status} {plural(decided, 'edit')} in {plural(touched, 'article')}; {pending} pending.", bold=True)
    return len(failed)


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


def _decide_command(status: str) -> Callable:
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
            selected = list(picks) if picks else select(out, articles)
        except StoreError as exc:
            raise click.UsageError(str(exc)) from None
        with locked(out, warn):
            recover(out)
            failures = _decide(out, selected, _selector(rules, risk), status, picks)
        if failures:
            sys.exit(1)

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
    return command


main.command("accept")(_decide_command("accepted"))
main.command("reject")(_decide_command("rejected"))
main.add_command(review_command)
main.add_command(report_command)
main.add_command(status_command)


@main.command("rules")
def rules_command() -> None:
    """List every rule: its id, stage, risk, and the damage it repairs.

    \b
    Example:
      clean rules
    """
    width = max(len(r.id) for r in RULES.values())
    for r in RULES.values():
        say(f"{r.id:<{width}}  {r.stage:<12} {r.risk:<6}  {r.doc.splitlines()[0] if r.doc else ''}")


@main.command("suggest")
@click.argument("raw", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--table", "tables", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
def suggest_command(raw: Path, tables: tuple[Path, ...]) -> None:
    """Print table entries for names spelt two ways across the articles in RAW, ready to paste.

    Each entry carries its evidence and counts as comments; names the tables
    already know are left out.

    \b
    Example:
      clean suggest raw/ >> raw/clean.toml
    """
    from pipeline.tables.suggest import suggest

    table = _table(raw, tables)
    click.echo(suggest(name_index(list(find_articles(raw))), table), nl=False)
