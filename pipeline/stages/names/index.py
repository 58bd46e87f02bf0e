"""Names across the corpus: the evidence other articles give for a spelling.

``NameIndex`` counts, over every article of a corpus, the multi-word names (runs of
capitalised words: ``Temur Umarov``, ``Le Monde``), and the articles each appears in. It
is built once, before any article is cleaned, with one compiled-regex pass per article,
and handed to the names stage, so that a spelling seen in other articles can count as
evidence in this one. A name's words are read in their contexts: ``Temur`` in
``("*", "Umarov")``, where ``Tmur`` is sought as its variant.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, Iterator, Mapping, Sequence

from pipeline.core.lexicon.names import STOP
from pipeline.core.settings import BUCKET_LIMIT
from pipeline.stages.names.spelling import candidates_among, eligible_spellings
from pipeline.stages.names.words import MULTI_WORD_RUN, words_of

Context = tuple[str, str]  # ("*", right neighbour) or (left neighbour, "*")


def contexts_of(run: Sequence[str], i: int) -> Iterator[Context]:
    """The name contexts of the token at ``i``: its neighbours inside the name, unless they
    are function words or titles (which say nothing about who is named)."""
    if i + 1 < len(run) and run[i + 1] not in STOP:
        yield ("*", run[i + 1])
    if i > 0 and run[i - 1] not in STOP:
        yield (run[i - 1], "*")


def count_contexts(names: Iterable[tuple[Sequence[str], int]]) -> dict[Context, Counter]:
    """For (multi-word name, count) pairs: each context's tokens with their counts
    (``("*", "Umarov")`` → ``{"Temur": 1, "Tmur": 3}``), as ``contexts_of`` defines contexts."""
    contexts: dict[Context, Counter] = {}
    for words, n in names:
        for left, right in zip(words, words[1:]):
            if right not in STOP:
                contexts.setdefault(("*", right), Counter())[left] += n
            if left not in STOP:
                contexts.setdefault((left, "*"), Counter())[right] += n
    return contexts


def with_context(token: str, context: Context) -> str:
    """The two-word name a token makes in a context: ``Temur`` in ``("*", "Umarov")``."""
    left, right = context
    return f"{token} {right}" if left == "*" else f"{left} {token}"


def count_in(contexts: Mapping[Context, Mapping[str, int]], token: str, context: Context) -> int:
    """How often ``token`` appears in ``context``, by the counts of ``contexts``."""
    bucket = contexts.get(context)
    return bucket.get(token, 0) if bucket else 0


def corpus_count(article: int, corpus: int) -> int:
    """The corpus count, given the index is meant to include the article; where it evidently
    does not (fewer corpus hits than in the article alone), the article's hits are added."""
    return corpus if corpus >= article else corpus + article


def multi_word_names(text: str) -> list[tuple[str, ...]]:
    """The names of two words or more in ``text``, in order, each as its words: what the corpus
    index counts (the local pass and the Ray engine's, which must agree)."""
    items = [words_of(group) for group in MULTI_WORD_RUN.findall(text)]
    return [item[0] for item in items if item is not None and len(item[0]) > 1]


@dataclass(eq=False)
class NameIndex:
    """Counts of multi-word names across a corpus. Picklable.

    ``names[("Temur", "Umarov")]`` counts every run of two or more capitalised words
    (leading function words and titles dropped, as ``name_runs`` drops them);
    ``documents`` counts the articles each name appears in (once an article), so that
    evidence from other articles can be told from one article repeating a name.
    ``contexts`` (derived, built on first use and not pickled) maps a name context such
    as ``("*", "Umarov")`` to the tokens seen in it, with counts: the buckets in which
    spelling variants are sought; ``document_contexts`` the same with article counts.
    """

    names: Counter = field(default_factory=Counter)
    articles: int = 0
    documents: Counter = field(default_factory=Counter)
    _contexts: dict | None = field(default=None, init=False, repr=False, compare=False)
    _document_contexts: dict | None = field(default=None, init=False, repr=False, compare=False)
    _candidates: dict = field(default_factory=dict, init=False, repr=False, compare=False)
    _spelling_lists: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> "NameIndex":
        """Index every text (one compiled-regex pass each)."""
        index = cls()
        for text in texts:
            index.add(text)
        return index

    def add(self, text: str) -> None:
        """Count the multi-word names of one more article: the runs of two words or more of
        ``name_runs(text)``, from one search for those alone (nothing cached: each article is
        counted once)."""
        names = multi_word_names(text)
        self.names.update(names)
        self.documents.update(set(names))
        self.articles += 1
        self._contexts = None
        self._document_contexts = None
        self._candidates = {}
        self._spelling_lists = {}

    def merge(self, other: "NameIndex") -> "NameIndex":
        """A new index counting both corpora (for articles indexed in separate workers)."""
        return NameIndex(self.names + other.names, self.articles + other.articles, self.documents + other.documents)

    @property
    def contexts(self) -> dict[Context, Counter]:
        if self._contexts is None:
            self._contexts = count_contexts(self.names.items())
        return self._contexts

    @property
    def document_contexts(self) -> dict[Context, Counter]:
        if self._document_contexts is None:
            self._document_contexts = count_contexts(self.documents.items())
        return self._document_contexts

    def count_in(self, token: str, context: Context) -> int:
        """How often ``token`` appears in ``context`` (``Temur`` before ``Umarov``)."""
        return count_in(self.contexts, token, context)

    def articles_with(self, token: str, context: Context) -> int:
        """In how many articles ``token`` appears in ``context`` (an article holding it in
        two names, ``Temur Umarov`` and ``Temur Umarov Jr``, counts once for each)."""
        return count_in(self.document_contexts, token, context)

    def candidates(self, token: str, context: Context) -> list[tuple[str, int]]:
        """``spelling_candidates`` of ``token`` in the corpus bucket of ``context`` (none where
        the bucket holds more than ``BUCKET_LIMIT`` tokens); remembered, as every article that
        names the same person asks again."""
        key = (token, context)
        found = self._candidates.get(key)
        if found is None:
            bucket = self.contexts.get(context)
            if bucket and len(bucket) <= BUCKET_LIMIT:
                found = list(candidates_among(token, self._spellings(context, bucket)))
            else:
                found = []
            self._candidates[key] = found
        return found

    def _spellings(self, context: Context, bucket: Mapping[str, int]) -> list[tuple[str, int, frozenset]]:
        """``eligible_spellings(bucket)``, remembered for the context."""
        found = self._spelling_lists.get(context)
        if found is None:
            found = self._spelling_lists[context] = eligible_spellings(bucket)
        return found

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state["_contexts"] = None
        state["_document_contexts"] = None
        state["_candidates"] = {}
        state["_spelling_lists"] = {}
        return state
