"""The corpus a run works on: its tables, its name index, and which articles need proposing.

An article needs proposing when it is new, its raw file changed, the pipeline
changed (version, rules, model), or a table entry it mentions changed. A table
change therefore re-proposes only the articles that contain a changed term.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import re
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from pipeline.tables import boilerplate
from pipeline.inputs.article import UnreadableArticle, read_article
from pipeline.stages.names.evidence import NameIndex
from pipeline.store.files import EDITS_SUFFIX, STATE_DIR, Index, write_atomic
from pipeline.tables.table import Table, default_table, load_table, merge_tables

CORPUS_TABLE = "clean.toml"


def corpus_table(raw: Path, extra: Sequence[Path] = ()) -> tuple[Table, list[Path]]:
    """The default table, then ``RAW/clean.toml`` if present, then each ``--table``; later wins.

    Raises ``TableError`` (``file:line: what is wrong``) for a malformed table."""
    files = ([raw / CORPUS_TABLE] if (raw / CORPUS_TABLE).is_file() else []) + list(extra)
    return merge_tables([default_table(), *(load_table(p) for p in files)]), files


def table_terms(table: Table) -> dict[str, str]:
    """Every phrase the table matches on, lower-cased, with a digest of the entry it belongs to."""
    terms: dict[str, str] = {}

    def add(phrases: Iterable[str | None], entry: object) -> None:
        digest = json.dumps(entry, sort_keys=True, default=str, ensure_ascii=False)
        for phrase in phrases:
            if phrase:
                terms[phrase.lower()] = terms.get(phrase.lower(), "") + digest

    for e in table.entities:
        add((e.name, e.short, *e.variants), [e.name, e.kind, list(e.variants), e.short, e.pronoun])
    for r in table.replacements:
        add((r.wrong,), [r.wrong, r.right, r.reason])
    for name in table.it_entities:
        add((name,), ["it", name])
    for name in table.reduplications:
        add((name,), ["reduplication", name])
    for entry in table.boilerplate:  # a line it matches contains the entry's text (a prefix's, before the headline)
        add((boilerplate.term(entry),), ["boilerplate", entry])
    return terms


def changed_terms(out: Path, table: Table) -> re.Pattern | None:
    """A pattern for the terms whose entries differ from the table OUT was last proposed with;
    None when every term differs (no earlier table known)."""
    old_path = out / STATE_DIR / "table-terms.json"
    try:
        old = json.loads(old_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    new = table_terms(table)
    changed = sorted({t for t in old.keys() | new.keys() if old.get(t) != new.get(t)}, key=len, reverse=True)
    if not changed:
        return re.compile(r"(?!)")  # matches nothing
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(t) for t in changed) + r")(?!\w)", re.IGNORECASE)


def remember_table(out: Path, table: Table) -> None:
    body = json.dumps(table_terms(table), ensure_ascii=False, sort_keys=True)
    write_atomic(out / STATE_DIR / "table-terms.json", body.encode("utf-8"))


def needing_proposal(
    found: Sequence[tuple[str, Path]], out: Path, index: Index, core_hash: str, table: Table, table_hash: str
) -> list[tuple[str, Path]]:
    """The articles to propose: new, changed, proposed by another pipeline, or mentioning a
    changed table term. Articles the table change does not touch are marked current."""
    affected: re.Pattern | None | bool = False  # computed on first need
    todo = []
    # Plain strings and os calls: this loop runs over every article on every run, and a
    # re-run that finds nothing new must take well under a second for 10,000 articles.
    out_prefix = os.path.join(os.fspath(out), "")  # out_prefix + rel + EDITS_SUFFIX is paths(out, rel)[2]
    for rel, path in found:
        entry = index.articles.get(rel)
        stat = os.stat(path)
        if entry is None or not index.is_current(rel, stat, core_hash) or not os.path.exists(out_prefix + rel + EDITS_SUFFIX):
            todo.append((rel, path))
            continue
        if entry.get("table") == table_hash:
            continue
        if affected is False:
            affected = changed_terms(out, table)
        try:
            text = read_article(path, rel).text
        except (UnreadableArticle, OSError):
            continue
        if affected is None or affected.search(text):
            todo.append((rel, path))
        else:
            entry["table"] = table_hash
    return todo


# Below this many articles a second process costs more than it saves.
PARALLEL_INDEX_FROM = 200


def name_index(found: Sequence[tuple[str, Path]], jobs: int = 1) -> NameIndex:
    """Capitalised names across the whole corpus: evidence for spellings no table knows.

    With ``jobs > 1`` the articles are read and counted in that many processes, each over
    a run of consecutive articles; the counts are merged in order, so the index is the one
    a single process builds (the same counts, in the same order)."""
    if jobs <= 1 or len(found) < PARALLEL_INDEX_FROM:
        return NameIndex.from_texts(_texts(found))
    size = -(-len(found) // jobs)
    parts = [found[i : i + size] for i in range(0, len(found), size)]
    context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    with context.Pool(len(parts)) as pool:
        counted = pool.map(_index_of, parts)
    index = counted[0]
    for part in counted[1:]:
        index = index.merge(part)
    return index


def _index_of(found: Sequence[tuple[str, Path]]) -> NameIndex:
    return NameIndex.from_texts(_texts(found))


def _texts(found: Sequence[tuple[str, Path]]) -> Iterator[str]:
    for rel, path in found:
        try:
            yield read_article(path, rel).text
        except (UnreadableArticle, OSError):
            continue
