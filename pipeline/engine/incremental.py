"""Which articles a run must propose, so that a re-run redoes only what changed.

An article needs proposing when it is new, its raw file changed, the pipeline
changed (version, rules, model), or a table entry it mentions changed. A table
change therefore re-proposes only the articles that contain a changed term.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Sequence

from pipeline.inputs.article import UnreadableArticle, read_article
from pipeline.store.index import Index, remember_terms, remembered_terms
from pipeline.store.layout import EDITS_SUFFIX
from pipeline.tables.fingerprint import changed_terms, table_terms
from pipeline.tables.table import Table


def needing_proposal(
    found: Sequence[tuple[str, Path]], out: Path, index: Index, core_hash: str, table: Table, table_hash: str
) -> list[tuple[str, Path]]:
    """The articles to propose: new, changed, proposed by another pipeline, or mentioning a
    changed table term. Articles the table change does not touch are marked current."""
    affected: re.Pattern | None | bool = False  # computed on first need
    todo = []
    # Plain strings and os calls: this loop runs over every article on every run, and a
    # re-run that finds nothing new must take well under a second for 10,000 articles.
    out_prefix = os.path.join(os.fspath(out), "")  # out_prefix + rel + EDITS_SUFFIX is paths(out, rel).edits
    for rel, path in found:
        entry = index.articles.get(rel)
        stat = os.stat(path)
        if entry is None or not index.is_current(rel, stat, core_hash) or not os.path.exists(out_prefix + rel + EDITS_SUFFIX):
            todo.append((rel, path))
            continue
        if entry.get("table") == table_hash:
            continue
        if affected is False:
            affected = changed_terms(remembered_terms(out), table)
        try:
            text = read_article(path, rel).text
        except (UnreadableArticle, OSError):
            continue
        if affected is None or affected.search(text):
            todo.append((rel, path))
        else:
            entry["table"] = table_hash
    return todo


def remember_table(out: Path, table: Table) -> None:
    """Keep the terms of the table OUT was just proposed with, for the next run's ``needing_proposal``."""
    remember_terms(out, table_terms(table))
