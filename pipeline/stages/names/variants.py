"""The names stage's last rule: a name that no table knows, respelt as its better-supported
variant (``Tmur Umarov`` → ``Temur Umarov``), from the evidence the article, the corpus and
the word list give (``pipeline.stages.names.choosing``).
"""

from __future__ import annotations

import functools
from collections import Counter
from operator import itemgetter
from typing import Iterator

from pipeline.core.edits import Fix
from pipeline.core.lexicon.names import STOP
from pipeline.core.rules import rule
from pipeline.stages.names.choosing import Choice, choose_in_context, spelt_two_ways
from pipeline.stages.names.index import Context, NameIndex, contexts_of
from pipeline.stages.names.runs import multi_word_runs, name_word_counts, name_words, one_word_runs
from pipeline.stages.names.spelling import eligible
from pipeline.tables.table import Table


def _protected_words(table: Table) -> frozenset[str]:
    """The words the table writes right, never respelt: those of its names and short forms,
    and those of its "it" names (countries, capitals: ``Germany``, ``Kyiv``, ``Kiev``).
    Kept for the last few tables by identity (hashing a table reads all of it)."""
    found = _PROTECTED.get(id(table))
    if found is None or found[0] is not table:
        it_words = {word for name in table.it_names for word in name.split() if word[:1].isupper() and word not in STOP}
        found = _PROTECTED[id(table)] = (table, table.name_words | it_words)
        if len(_PROTECTED) > 8:
            del _PROTECTED[next(iter(_PROTECTED))]
    return found[1]


_PROTECTED: dict[int, tuple[Table, frozenset[str]]] = {}


@rule("fix-name-variant", stage="names", risk="review")
def fix_name_variant(text: str, *, table: Table, index: NameIndex) -> Iterator[Fix]:
    """Respell a name that no table knows as its better-supported variant.

    A capitalised token one edit (two from six letters) from another token that the
    evidence (table, word list, shape of the word, this article's counts; see
    ``pipeline.stages.names.weighing.weigh``) supports, never on counts alone:

    - the article spells the name both ways, inside the same multi-word name (``Tmur
      Umarov`` and ``Temur Umarov``) or as the same capitalised word anywhere (``Mariupl``
      once and ``Mariupol`` twice; ``Zelenskyi`` and ``Zelenskyy``): the rarer spelling
      becomes the one it writes more often, or, when the table or the word list and the
      shape together say so, the other way round; in a tie, for a one-letter slip, the
      word list decides (``Ketucky`` and ``Kentucky`` once each), or nothing does;
    - only other articles write the other spelling, in the same multi-word name: it must
      be in at least three of them, and in three times as many as this spelling, and the
      article must not write this spelling twice or more.

    Lone mentions of the token (``Tmur said``) follow the decision for the name.
    Leaves alone: two known names (``Hillary Clinton``, ``Bill Clinton``; ``Mark Kelly``,
    ``Mary Kelly``; ``Main``, ``Maine``), two forms of a word (``Russia``, ``Russian``;
    ``Oblast``, ``Oblasts``; ``Zelenska``, ``Zelensky``), short forms (``Xi`` of ``Xi
    Jinping``), words the table names, names with no variant in sight, acronyms, and
    sentence-initial ordinary words.
    """
    here = name_word_counts(text)
    if not here:
        return
    known = _protected_words(table)
    # The multi-word names, each distinct one once (most recur): this article's contexts
    # (``count_contexts``), and the tokens to decide with their contexts (``contexts_of``),
    # in order. What a name gives is worked out once per distinct name (``_name_contexts``).
    multi = multi_word_runs(text)  # a lone name has no context; it follows the decisions below
    names = Counter(map(itemgetter(0), multi))
    deciding: dict[tuple[str, ...], list[tuple[int, str, tuple[Context, ...]]]] = {}  # name -> its words to decide
    for name in names:
        undecided = [entry for entry in _name_contexts(name)[1] if entry[1] not in known]
        if undecided:
            deciding[name] = undecided
    fixes: dict[int, Fix] = {}
    chosen: dict[str, set[Choice]] = {}
    if deciding:
        to_decide = [  # (start, word, contexts), in order
            (at + offsets[i], word, contexts)
            for name, offsets, at in multi
            if name in deciding
            for i, word, contexts in deciding[name]
        ]
        local: dict[Context, dict[str, int]] = {}
        for name, n in names.items():
            for context, word in _name_contexts(name)[0]:
                bucket = local.setdefault(context, {})
                bucket[word] = bucket.get(word, 0) + n
        decided: dict[tuple[str, Context], Choice | None] = {}
        for start, word, contexts in to_decide:
            for context in contexts:
                key = (word, context)
                choice = decided.get(key, False)
                if choice is False:
                    choice = decided[key] = choose_in_context(text, word, context, local, here, index, table)
                if choice:
                    fixes[start] = _fix(word, start, choice)
                    chosen.setdefault(word, set()).add(choice)
                    break
    # Lone mentions follow a word's decision where all its decisions agree on the spelling.
    follow = {word: next(iter(choices)) for word, choices in chosen.items() if len({c.right for c in choices}) == 1}
    # Words no multi-word name decided, nor chose: the article's other spellings of the same word.
    if len(here) > 1:
        settled = chosen.keys() | {choice.right for choices in chosen.values() for choice in choices}
        two_ways = spelt_two_ways(text, here, known, settled, table)
        # A spelling that is itself respelt is no spelling to follow.
        two_ways = {word: c for word, c in two_ways.items() if c.right not in two_ways and c.right not in chosen}
        follow.update(two_ways)
        if two_ways:
            for word, start in name_words(text):
                choice = two_ways.get(word)
                if choice is not None:
                    fixes.setdefault(start, _fix(word, start, choice))
    if follow:
        for word, start in one_word_runs(text):
            choice = follow.get(word)
            if choice is not None:
                fixes.setdefault(start, _fix(word, start, choice))
    yield from (fixes[start] for start in sorted(fixes))


_InContexts = tuple[tuple[Context, str], ...]  # (context, word) pairs
_Undecided = tuple[tuple[int, str, tuple[Context, ...]], ...]  # (index, word, contexts)


@functools.lru_cache(maxsize=1 << 16)
def _name_contexts(words: tuple[str, ...]) -> tuple[_InContexts, _Undecided]:
    """What ``fix_name_variant`` reads from a multi-word name: each (context, word) of its
    words in their contexts (``contexts_of``), in order, and (index, word, contexts) of each
    word to decide: one with a context that is ``eligible`` (the table's words are left out
    by the caller, as the table is not part of this cache's key)."""
    pairs: list[tuple[Context, str]] = []
    undecided: list[tuple[int, str, tuple[Context, ...]]] = []
    for i, word in enumerate(words):
        contexts = tuple(contexts_of(words, i))
        pairs.extend((context, word) for context in contexts)
        if contexts and eligible(word):
            undecided.append((i, word, contexts))
    return tuple(pairs), tuple(undecided)


def _fix(word: str, start: int, choice: Choice) -> Fix:
    return Fix(start, start + len(word), choice.right, choice.reason)
