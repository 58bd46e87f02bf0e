"""The names stage: table replacements, known wrong variants, duplicated names, and
name variants that no table knows, found from the corpus and a word list.

Rules run in this order, each over the text left by the ones before.
"""

from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass, field
from typing import ClassVar, Iterator, Mapping, NamedTuple

from ..edits import Edit, Fix
from ..names import (
    BUCKET_LIMIT,
    Context,
    NameIndex,
    contexts_of,
    corpus_count,
    count_in,
    eligible,
    multi_word_runs,
    one_word_runs,
    spelling_candidates,
    weigh,
    with_context,
)
from ..rules import rule, rules_of, run_steps
from ..tables import Table


@rule("replace-table-phrase", stage="names", risk="safe")
def replace_table_phrase(text: str, *, table: Table, index: NameIndex) -> Iterator[Fix]:
    """Replace a phrase the table lists (``[[replace]]`` or a TSV line) by its right form.

    Whole words only, case-aware (``wrong`` also matches ``Wrong`` and ``WRONG``).
    Leaves alone: the phrase inside a longer word, and text the table does not list.
    """
    for m, right, entry in table.replacement_matcher.finditer(text):
        why = entry.reason or f"“{m.group()}” → “{right}”"
        yield Fix(m.start(), m.end(), right, f"{why} (table {entry.source})")


@rule("replace-table-variant", stage="names", risk="safe")
def replace_table_variant(text: str, *, table: Table, index: NameIndex) -> Iterator[Fix]:
    """Turn a wrong spelling the table lists for a name into the canonical form.

    Whole words, case-aware; a one-word variant becomes the word of the name it stands
    for (``Tmur`` → ``Temur``). Leaves alone: variants inside longer words, and names
    the table does not list a variant for.
    """
    for m, right, entity in table.variant_matcher.finditer(text):
        yield Fix(
            m.start(), m.end(), right,
            f"the table ({entity.source}) lists “{m.group()}” as a wrong spelling of “{entity.name}”",
        )


@rule("drop-duplicated-name", stage="names", risk="review")
def drop_duplicated_name(text: str, *, table: Table, index: NameIndex) -> Iterator[Fix]:
    """Drop the second of two adjacent identical names (``Lemaître Lemaître`` → ``Lemaître``).

    Names of up to three capitalised words (``Le Monde Le Monde``). Leaves alone: names
    the table allows to repeat (``Cao Cao``, ``Bora Bora``, ``Baden-Baden``), also inside a
    longer allowed name, names repeated across punctuation (``New York, New York``), and
    lower-case words (another stage's business).
    """
    allowed: list[tuple[int, int]] | None = None
    for words, offsets, at in multi_word_runs(text):
        if len(set(words)) == len(words):
            continue  # no word comes twice: nothing is repeated
        i = 0
        while i < len(words) - 1:
            size = next((n for n in (3, 2, 1) if words[i : i + n] == words[i + n : i + 2 * n]), 0)
            if not size:
                i += 1
                continue
            start, end = at + offsets[i], at + offsets[i + 2 * size - 1] + len(words[i + 2 * size - 1])
            i += 2 * size
            if allowed is None:
                pattern = table.reduplication_pattern
                allowed = [a.span() for a in pattern.finditer(text)] if pattern else []
            if any(s < end and start < e for s, e in allowed):
                continue
            name = " ".join(words[i - size : i])
            cut = at + offsets[i - 2 * size] + len(" ".join(words[i - 2 * size : i - size]))
            yield Fix(cut, end, "", f"“{name}” written twice in a row, and not a name that repeats")


class _Choice(NamedTuple):
    right: str
    reason: str


def _choose(
    token: str, context: Context, local: Mapping[Context, Mapping[str, int]], index: NameIndex, table: Table
) -> _Choice | None:
    """The better-supported spelling of ``token`` in ``context``, if the evidence proposes one.

    ``local`` holds this article's contexts, ``index`` the corpus's.
    """
    candidates: dict[str, int] = {}
    bucket = local.get(context)
    if bucket and len(bucket) > 1 and len(bucket) <= BUCKET_LIMIT:  # a bucket of one is the token itself
        candidates.update(spelling_candidates(token, bucket))
    candidates.update(index.candidates(token, context))
    if not candidates:
        return None
    wrong_variants = table.variant_matcher.targets
    here = count_in(local, token, context)
    everywhere = corpus_count(here, index.count_in(token, context))
    best: list[tuple[int, int, str, str]] = []
    for other, edits in candidates.items():
        if other in wrong_variants and other not in table.name_words:
            continue
        other_here = count_in(local, other, context)
        other_everywhere = corpus_count(other_here, index.count_in(other, context))
        verdict = weigh(token, other, wrong_count=everywhere, right_count=other_everywhere, table_words=table.name_words)
        if not verdict.proposed:
            continue
        reason = (
            f"“{token}” → “{other}” ({edits} edit{'s' if edits > 1 else ''} apart): "
            f"“{with_context(other, context)}” appears {other_here}× in this article, {other_everywhere}× in the corpus, "
            f"“{with_context(token, context)}” {here}× in this article, {everywhere}× in the corpus; {verdict.explain()}"
        )
        best.append((verdict.score, other_everywhere, other, reason))
    if not best:
        return None
    best.sort(reverse=True)
    if len(best) > 1 and best[0][:2] == best[1][:2]:
        return None  # two spellings equally supported: no way to choose
    return _Choice(best[0][2], best[0][3])


@rule("fix-name-variant", stage="names", risk="review")
def fix_name_variant(text: str, *, table: Table, index: NameIndex) -> Iterator[Fix]:
    """Respell a name token that no table knows as its better-supported variant.

    A capitalised token one edit (two from six letters) from another token seen inside the
    same multi-word name, in this article or anywhere in the corpus (``Tmur Umarov`` and
    ``Temur Umarov``), becomes that token when the evidence (table, word list, shape of the
    word, corpus counts; see ``pipeline.names.weigh``) supports it, never on counts alone.
    Lone mentions of the token (``Tmur said``) follow the same decision.
    Leaves alone: two known names sharing a surname (``Hillary Clinton``, ``Bill Clinton``;
    ``Mark Kelly``, ``Mary Kelly``), short forms (``Xi`` of ``Xi Jinping``), words the table
    names, names with no variant in sight, acronyms, and sentence-initial ordinary words.
    """
    # One pass over the multi-word names: this article's contexts (``count_contexts``), and
    # the tokens to decide with their contexts (``contexts_of``), in order. What a name gives
    # is worked out once per distinct name (``_name_contexts``): most names recur.
    pairs: list[tuple[Context, str]] = []
    to_decide: list[tuple[int, str, tuple[Context, ...]]] = []  # (start, word, contexts)
    known = table.name_words
    for words, offsets, at in multi_word_runs(text):  # a lone name has no context; it follows the decisions below
        in_contexts, undecided = _name_contexts(words)
        pairs += in_contexts
        for i, word, contexts in undecided:
            if word not in known:
                to_decide.append((at + offsets[i], word, contexts))
    if not to_decide:
        return
    local: dict[Context, dict[str, int]] = {}
    for (context, word), n in Counter(pairs).items():
        local.setdefault(context, {})[word] = n
    decided: dict[tuple[str, Context], _Choice | None] = {}
    chosen: dict[str, set[_Choice]] = {}
    fixes: dict[int, Fix] = {}
    for start, word, contexts in to_decide:
        for context in contexts:
            key = (word, context)
            choice = decided.get(key, False)
            if choice is False:
                choice = decided[key] = _choose(word, context, local, index, table)
            if choice:
                fixes[start] = _fix(word, start, choice)
                chosen.setdefault(word, set()).add(choice)
                break
    if not chosen:
        return
    # Lone mentions follow a word's decision where all its decisions agree on the spelling.
    follow = {word: next(iter(choices)) for word, choices in chosen.items() if len({c.right for c in choices}) == 1}
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


def _fix(word: str, start: int, choice: _Choice) -> Fix:
    return Fix(start, start + len(word), choice.right, choice.reason)


@dataclass(frozen=True, eq=False)
class NamesStage:
    """The names stage: its rules bound to the merged table and the corpus name index.

    Picklable (for worker processes): it holds only the table and the index.
    """

    table: Table
    index: NameIndex = field(default_factory=NameIndex)
    name: ClassVar[str] = "names"

    def __call__(self, text: str) -> list[Edit]:
        return run_steps(text, [r.bind(table=self.table, index=self.index) for r in rules_of(self.name)])
