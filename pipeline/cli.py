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

from .article import find_articles
from .edits import RISKS, Edit
from .proposal import DEFAULT_STAGES, signature
from .rules import RULES
from .run import Job, Outcome, default_jobs, propose_all, tally
from .store import Index, StoreError, decide, iter_selected, load, load_raw, locked, paths, recover, save, signature_hash
from .terminal import Progress, fail, say, warn

ACCEPT_CHOICES = {"safe": ("safe",), "all": ("safe", "review")}


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
    help="Accept edits of this risk at once: 'safe' (mechanical) or 'all'.",
)
@click.option("--jobs", "-j", type=click.IntRange(min=1), help="Articles processed in parallel (default: all cores).")
def run_command(raw: Path, out: Path, accept_level: str | None, jobs: int | None) -> None:
    """Propose edits for every article (.txt, .md) under RAW, writing them to OUT.

    For each article RAW/<name> it writes OUT/<name>.diff (a unified diff that
    `patch` and `git apply` take) and OUT/<name>.edits.json (the edit list).
    RAW is never written to. A re-run processes only new or changed articles
    and keeps every decision already made.

    \b
    Example:
      clean raw/ cleaned/ && clean accept cleaned/
    """
    if out.resolve() == raw.resolve() or out.resolve().is_relative_to(raw.resolve()):
        raise click.UsageError(f"OUT ({out}) must not be RAW or lie inside it ({raw}).")
    with locked(out, warn):
        recover(out)
        failures = _run(raw, out, accept_level, jobs or default_jobs())
    if failures:
        sys.exit(1)


def _run(raw: Path, out: Path, accept_level: str | None, jobs: int) -> int:
    """Propose (and maybe accept) every new or changed article; returns how many failed."""
    sig = signature()
    sig_hash = signature_hash(sig)
    index = Index.load(out)
    found = list(find_articles(raw, exclude=out))
    todo = [
        (rel, path)
        for rel, path in found
        if not (index.is_current(rel, path.stat(), sig_hash) and paths(out, rel)[2].exists())
    ]
    failures = 0
    if todo:
        failures = _propose(out, todo, len(found), jobs, index, sig)
    else:
        say(f"nothing new: {plural(len(found), 'article')} in {raw} already proposed in {out}")
    if accept_level:
        risks = ACCEPT_CHOICES[accept_level]
        rels = [rel for rel, _ in found if paths(out, rel)[2].exists()]
        failures += _decide(out, rels, lambda e: e.risk in risks, "accepted")
    return failures


def _propose(out: Path, todo: list[tuple[str, Path]], found: int, jobs: int, index: Index, sig: dict) -> int:
    """Propose the articles in ``todo``, recording each in the index; returns how many failed."""
    sig_hash = signature_hash(sig)
    job = Job(out=out, stages=DEFAULT_STAGES, signature=sig)
    path_of = dict(todo)
    with Progress(len(todo), "proposing") as progress:

        def each(outcome: Outcome) -> None:
            progress.advance()
            if outcome.state == "proposed":
                index.record(outcome.rel, path_of[outcome.rel].stat(), outcome.sha256, sig_hash)
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
    wanted = set(rules)

    def chosen(edit: Edit) -> bool:
        return (not wanted or bool(wanted.intersection(edit.rules))) and (risk is None or edit.risk == risk)

    return chosen


def _decide(out: Path, rels: list[str], chosen: Callable[[Edit], bool], status: str) -> int:
    """Set ``status`` on the chosen pending edits of each article and write its text; returns failures."""
    failures = decided = touched = pending = 0
    for rel in rels:
        try:
            proposal = load(out, rel)
            raw = load_raw(proposal)
        except StoreError as exc:
            fail(str(exc))
            failures += 1
            continue
        proposal, count = decide(proposal, chosen, status)  # type: ignore[arg-type]
        save(out, proposal, raw, write_text=True)
        decided += count
        touched += 1
        pending += proposal.counts()["pending"]
    say(f"{status} {plural(decided, 'edit')} in {plural(touched, 'article')}; {pending} pending.", bold=True)
    return failures


def _decide_command(status: str) -> Callable:
    verb = "accept" if status == "accepted" else "reject"

    @click.argument("out", type=click.Path(exists=True, file_okay=False, path_type=Path))
    @click.argument("articles", nargs=-1)
    @click.option("--rule", "rules", multiple=True, help="Only edits of this rule id (repeatable).")
    @click.option("--risk", type=click.Choice(RISKS), help="Only edits of this risk.")
    def command(out: Path, articles: tuple[str, ...], rules: tuple[str, ...], risk: str | None) -> None:
        try:
            selected = list(iter_selected(out, articles))
        except StoreError as exc:
            raise click.UsageError(str(exc)) from None
        if not selected:
            raise click.UsageError(f"no proposals in {out}; run `clean RAW {out}` first")
        with locked(out, warn):
            recover(out)
            failures = _decide(out, selected, _selector(rules, risk), status)
        if failures:
            sys.exit(1)

    command.__doc__ = f"""{verb.capitalize()} pending edits in OUT (all of them unless narrowed).

    ARTICLES narrows to some articles (their names under RAW, or OUT paths).
    The accepted text of each article is written to OUT/<name>.

    \b
    Examples:
      clean {verb} cleaned/
      clean {verb} cleaned/ 001_article.txt --rule drop-stray-full-stop
      clean {verb} cleaned/ --risk {'safe' if verb == 'accept' else 'review'}
    """
    return command


main.command("accept")(_decide_command("accepted"))
main.command("reject")(_decide_command("rejected"))


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
