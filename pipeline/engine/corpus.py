"""The corpus pass before proposing: the names of every article, counted once.

A spelling no table knows is judged by the evidence of the whole corpus (how often
each spelling appears, and where), so the names are indexed across all articles
before any one is proposed.
"""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path
from typing import Callable, Iterator, Sequence

from pipeline.core.settings import PARALLEL_INDEX_FROM
from pipeline.inputs.article import UnreadableArticle, read_article
from pipeline.stages.names.index import NameIndex


def name_index(
    found: Sequence[tuple[str, Path]], jobs: int = 1, meanwhile: Callable[[], object] | None = None
) -> NameIndex:
    """Capitalised names across the whole corpus: evidence for spellings no table knows.

    With ``jobs > 1`` the articles are read and counted in that many processes, each over
    a run of consecutive articles; the counts are merged in order, so the index is the one
    a single process builds (the same counts, in the same order). ``meanwhile`` (work that
    does not need the index) runs in this process while they count; it is not run otherwise."""
    if jobs <= 1 or len(found) < PARALLEL_INDEX_FROM:
        return NameIndex.from_texts(_texts(found))
    size = -(-len(found) // jobs)
    parts = [found[i : i + size] for i in range(0, len(found), size)]
    context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    with context.Pool(len(parts)) as pool:
        pending = pool.map_async(_index_of, parts)
        if meanwhile is not None:
            meanwhile()
        counted = pending.get()
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
