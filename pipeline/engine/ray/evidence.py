"""The corpus pass on Ray: the names of every article counted in parallel, one partial count
per batch (``map_batches``), combined in the driver into the ``NameIndex`` a local run builds.

A local run's index lists each name where the corpus first has it (the order the spelling
candidates are tried in); batches finish in any order, so each partial count keeps, for each
name, where it was first seen (file number, position in the file, place in the article), and
the combined index is built in that order: the same index, whatever the number of workers.
The pass also gathers the rows that are problems (malformed records), to be reported once.
"""

from __future__ import annotations

import pickle
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterable

from pipeline.stages.names.index import NameIndex, multi_word_names


@dataclass
class NameCounts:
    """One batch's share of the corpus pass."""

    names: Counter = field(default_factory=Counter)
    documents: Counter = field(default_factory=Counter)
    articles: int = 0
    first: dict = field(default_factory=dict)  # name -> (file number, position, place in the article)
    problems: list = field(default_factory=list)  # (file number, position, message, severity)

    def add(self, text: str, where: tuple[int, int]) -> None:
        """Count one article's multi-word names, as ``NameIndex.add`` does."""
        names = multi_word_names(text)
        for i, name in enumerate(names):
            self.first.setdefault(name, (*where, i))
        self.names.update(names)
        self.documents.update(set(names))
        self.articles += 1

    def merge(self, other: "NameCounts") -> None:
        self.names.update(other.names)
        self.documents.update(other.documents)
        self.articles += other.articles
        for name, where in other.first.items():
            if name not in self.first or where < self.first[name]:
                self.first[name] = where
        self.problems.extend(other.problems)

    def index(self) -> NameIndex:
        """The index a local run builds over the same articles: names in first-seen order."""
        ordered = sorted(self.names, key=self.first.__getitem__)
        return NameIndex(Counter({n: self.names[n] for n in ordered}), self.articles, Counter(self.documents))


def count_batch(batch: Any) -> dict[str, list]:
    """``map_batches`` function: a batch of article rows (pyarrow) to one pickled ``NameCounts``."""
    counts = NameCounts()
    columns = batch.select(["order", "position", "text", "problem", "severity"]).to_pydict()
    for order, position, text, problem, severity in zip(*columns.values()):
        if problem:
            counts.problems.append((order, position, problem, severity))
        else:
            counts.add(text, (order, position))
    return {"counts": [pickle.dumps(counts)]}


def combine(partials: Iterable[bytes]) -> NameCounts:
    """The partial counts of every batch, added up (problems in corpus order)."""
    total = NameCounts()
    for data in partials:
        total.merge(pickle.loads(data))
    total.problems.sort()
    return total


def name_evidence(articles: Any) -> NameCounts:
    """The corpus pass over a dataset of article rows: the name counts of every article, and
    the problem rows. The partial counts are small (one row per batch): the driver adds them."""
    partial = articles.map_batches(count_batch, batch_format="pyarrow")
    return combine(row["counts"] for row in partial.iter_rows())
