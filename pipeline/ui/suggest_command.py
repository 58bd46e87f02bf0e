"""`clean suggest RAW`: table entries for the name variants found across a corpus, to paste.

Every pair of spellings seen in the same multi-word name (``Tmur Umarov`` and
``Temur Umarov``) is weighed as the names stage weighs it (``pipeline.stages.names.weighing.weigh``).
Where the evidence decides, the entry is printed ready to paste into a table; where it
does not (neither spelling is a known name, nothing else tells them apart), the entry is
printed commented out, the more frequent spelling first, for a person to decide. Pairs of
two known names (``Hillary Clinton`` / ``Bill Clinton``) are not variants and are skipped.
The entries are written here, as `clean report` writes its page: what the command prints.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import click

from pipeline.inputs.article import READ_SUFFIXES, find_articles
from pipeline.inputs.texts import article_texts
from pipeline.stages.names.index import BUCKET_LIMIT, NameIndex, with_context
from pipeline.stages.names.spelling import eligible, spelling_candidates
from pipeline.stages.names.weighing import weigh
from pipeline.tables.table import Table, canonical_words
from pipeline.ui.propose import load_tables, table_option
from pipeline.ui.terminal import plural


@click.command("suggest")
@click.argument("raw", type=click.Path(exists=True, file_okay=False, path_type=Path))
@table_option("A table (.toml, or .tsv replacements) on top of RAW/clean.toml whose names are not suggested again; repeatable.")
def suggest_command(raw: Path, tables: tuple[Path, ...]) -> None:
    """Print table entries for names spelt two ways across the articles in RAW, ready to paste.

    Each entry carries its evidence and counts as comments; names the tables
    already know are left out.

    \b
    Example:
      clean suggest raw/ >> raw/clean.toml
    """
    table = load_tables(raw, tables)
    found = find_articles(raw, suffixes=READ_SUFFIXES)  # every format `clean RAW OUT` reads
    click.echo(suggest(NameIndex.from_texts(article_texts(found)), table), nl=False)


@dataclass
class _Cluster:
    name: str
    count: int
    variants: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    decided: bool = True


def _quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a TOML basic string


def suggest(index: NameIndex, table: Table) -> str:
    """Table entries (TOML) for the name-variant clusters found across the corpus ``index``.

    Each entry has its evidence and corpus counts as comments. Variants the ``table``
    already lists, and spellings it names as right, are left out. Returns a comment
    alone when there is nothing to suggest.
    """
    clusters: dict[str, _Cluster] = {}
    known_wrong = table.variant_matcher.targets
    for context, bucket in index.contexts.items():
        if len(bucket) > BUCKET_LIMIT:
            continue
        for a in bucket:
            if not eligible(a):
                continue
            for b, edits in spelling_candidates(a, bucket):
                if b < a:
                    continue  # each pair once
                _add_pair(clusters, table, known_wrong, context, a, b, bucket[a], bucket[b], edits)
    lines = [
        f"# Name variants found across the corpus ({plural(index.articles, 'article')})"
        " by mtclean suggest.",
        "# Check each entry, then paste it into your table (clean.toml in RAW, or a --table file).",
    ]
    if not clusters:
        return "\n".join(lines + ["# Nothing to suggest: no name is spelt two ways that the table does not already cover."]) + "\n"
    for cluster in sorted(clusters.values(), key=lambda c: (not c.decided, c.name)):
        counts = ", ".join(f"{_quote(v)} {n}×" for v, n in sorted(cluster.variants.items()))
        entry = [
            "[[person]]",
            f"name = {_quote(cluster.name)}",
            f"variants = [{', '.join(_quote(v) for v in sorted(cluster.variants))}]",
        ]
        lines.append("")
        lines.append(f"# {_quote(cluster.name)} {cluster.count}×, {counts} in the corpus")
        lines.extend(f"#   {note}" for note in cluster.notes)
        if cluster.name in table.by_name:
            lines.append("#   already in the table: add the variants to its entry")
            entry = [f"# {line}" for line in entry]
        elif not cluster.decided:
            lines.append("#   undecided: the evidence does not say which spelling is right")
            entry = [f"# {line}" for line in entry]
        lines.extend(entry)
    return "\n".join(lines) + "\n"


def _variant(wrong: str, right: str, name: str, context) -> str:
    """The variant as the table should list it: the misspelt word alone (``Tmur`` of
    ``Temur Umarov``), which the table replaces wherever it is written, the surname alone
    included; the whole name (``Tmur Umarov``) would leave those bare mentions to the
    names stage, which no longer proposes for a name the table knows. The whole name only
    where the word alone would be read as another word of the name."""
    return wrong if canonical_words(wrong, name) == right else with_context(wrong, context)


def _add_pair(clusters, table, known_wrong, context, a, b, count_a, count_b, edits) -> None:
    words = table.name_words
    forward = weigh(a, b, wrong_count=count_a, right_count=count_b, table_words=words)
    backward = weigh(b, a, wrong_count=count_b, right_count=count_a, table_words=words)
    if forward.proposed:
        verdict, decided = forward, True
    elif backward.proposed:
        verdict, decided = backward, True
    elif forward.veto:
        return  # two known names: two people, or two accepted spellings
    else:
        verdict, decided = (forward if (count_b, b) > (count_a, a) else backward), False
    wrong, right = verdict.wrong, verdict.right
    counts = {a: count_a, b: count_b}
    name = with_context(right, context)
    variant = _variant(wrong, right, name, context)
    if wrong in known_wrong or variant in known_wrong or wrong in words:
        return
    cluster = clusters.setdefault(name, _Cluster(name, counts[right]))
    cluster.variants[variant] = counts[wrong]
    cluster.notes.append(f"“{wrong}” → “{right}” ({edits} edit{'s' if edits > 1 else ''} apart): {verdict.explain()}")
    cluster.decided = cluster.decided and decided
