"""The `clean` command: propose edits for a folder of articles, then accept or reject them.

Exit status: 0 ok, 1 some articles failed (the others are still written),
2 usage or configuration error.
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from pathlib import Path
from dataclasses import replace
from typing import Callable

import click
from click_default_group import DefaultGroup

from .article import UnreadableArticle, find_articles, read_article
from .edits import RISKS, Edit
from .proposal import propose, signature
from .rules import RULES
from .store import StoreError, decide, iter_selected, load, load_raw, locked, new_proposal, paths, save

ACCEPT_CHOICES = {"safe": ("safe",), "all": ("safe", "review")}


def _color() -> bool | None:
    return False if os.environ.get("NO_COLOR") else None


def say(message: str = "", **style) -> None:
    click.secho(message, color=_color(), **style)


def warn(message: str) -> None:
    click.secho(message, fg="yellow", err=True, color=_color())


def fail(message: str) -> None:
    click.secho(message, fg="red", err=True, color=_color())


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
def run_command(raw: Path, out: Path, accept_level: str | None) -> None:
    """Propose edits for every article (.txt, .md) under RAW, writing them to OUT.

    For each article RAW/<name> it writes OUT/<name>.diff (a unified diff that
    `patch` and `git apply` take) and OUT/<name>.edits.json (the edit list).
    RAW is never written to.

    \b
    Example:
      clean raw/ cleaned/ && clean accept cleaned/
    """
    if out.resolve() == raw.resolve() or out.resolve().is_relative_to(raw.resolve()):
        raise click.UsageError(f"OUT ({out}) must not be RAW or lie inside it ({raw}).")
    with locked(out, warn):
        failures = _run(raw, out, accept_level)
    if failures:
        sys.exit(1)


def _run(raw: Path, out: Path, accept_level: str | None) -> int:
    """Propose (and maybe accept) every article; returns the number that failed."""
    sig = signature()
    accept_risks = ACCEPT_CHOICES[accept_level] if accept_level else ()
    per_rule: Counter[str] = Counter()
    per_risk: Counter[str] = Counter()
    articles = failures = 0
    for rel, path in find_articles(raw, exclude=out):
        try:
            article = read_article(path, rel)
        except UnreadableArticle as exc:
            warn(f"skipped {rel}: {exc}")
            continue
        except OSError as exc:
            fail(f"failed {rel}: {exc.strerror}")
            failures += 1
            continue
        if not article.text.strip():
            warn(f"skipped {rel}: empty")
            continue
        edits = _keep_decisions(out, rel, article.sha256, propose(article.text))
        proposal = new_proposal(article, path, edits, sig)
        if accept_risks:
            proposal, _ = decide(proposal, lambda e: e.risk in accept_risks, "accepted")
        save(out, proposal, article.text, write_text=bool(accept_risks) or paths(out, rel)[0].exists())
        articles += 1
        for edit in proposal.edits:
            per_risk[edit.risk] += 1
            per_rule.update(edit.rules)
    _summary(articles, per_rule, per_risk, out, accept_level)
    return failures


def _keep_decisions(out: Path, rel: str, sha256: str, edits: list[Edit]) -> list[Edit]:
    """Re-running on the same raw text keeps the decisions already made on the same edits."""
    try:
        old = load(out, rel)
    except StoreError:
        return edits
    if old.sha256 != sha256:
        return edits
    decided = {(e.start, e.end, e.replacement): e.status for e in old.edits if e.status != "pending"}
    return [replace(e, status=decided.get((e.start, e.end, e.replacement), "pending")) for e in edits]


def _summary(articles: int, per_rule: Counter, per_risk: Counter, out: Path, accept_level: str | None) -> None:
    total = sum(per_risk.values())
    say(
        f"{articles} article{'s' if articles != 1 else ''}, {total} edit{'s' if total != 1 else ''} proposed"
        f" ({per_risk['safe']} safe, {per_risk['review']} to review)",
        bold=True,
    )
    width = max((len(r) for r in per_rule), default=0)
    for rule_id, count in sorted(per_rule.items(), key=lambda kv: (-kv[1], kv[0])):
        say(f"  {rule_id:<{width}}  {count:>5}")
    if total:
        if accept_level:
            say(f"Accepted the {accept_level} edits; cleaned text is in {out}/.")
        say(f"Next: read {out}/*.diff, then `clean accept {out}` (or `clean reject {out} --rule RULE`).")


def _selector(rules: tuple[str, ...], risk: str | None) -> Callable[[Edit], bool]:
    wanted = set(rules)

    def chosen(edit: Edit) -> bool:
        return (not wanted or bool(wanted.intersection(edit.rules))) and (risk is None or edit.risk == risk)

    return chosen


def _decide_command(status: str) -> Callable:
    verb = "accept" if status == "accepted" else "reject"

    @click.argument("out", type=click.Path(exists=True, file_okay=False, path_type=Path))
    @click.argument("articles", nargs=-1)
    @click.option("--rule", "rules", multiple=True, help="Only edits of this rule id (repeatable).")
    @click.option("--risk", type=click.Choice(RISKS), help="Only edits of this risk.")
    def command(out: Path, articles: tuple[str, ...], rules: tuple[str, ...], risk: str | None) -> None:
        chosen = _selector(rules, risk)
        failures = decided = touched = 0
        pending = 0
        try:
            selected = list(iter_selected(out, articles))
        except StoreError as exc:
            raise click.UsageError(str(exc)) from None
        if not selected:
            raise click.UsageError(f"no proposals in {out}; run `clean RAW {out}` first")
        with locked(out, warn):
            for rel in selected:
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
        say(f"{verb}ed {decided} edit{'s' if decided != 1 else ''} in {touched} article{'s' if touched != 1 else ''};"
            f" {pending} pending.", bold=True)
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
    from . import proposal  # noqa: F401  (importing the stages registers their rules)

    width = max(len(r.id) for r in RULES.values())
    for r in RULES.values():
        say(f"{r.id:<{width}}  {r.stage:<12} {r.risk:<6}  {r.doc.splitlines()[0] if r.doc else ''}")
