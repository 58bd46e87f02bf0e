"""The names stage: table replacements, known wrong variants, duplicated names, and
name variants that no table knows, found from the corpus and a word list.

Rules run in this order, each over the text left by the ones before.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import ClassVar, Iterator, Mapping, NamedTuple

from ..edits import Edit, Fix
from ..names import (
    BUCKET_LIMIT,
    STOP,
    Context,
    NameIndex,
    Token,
    corpus_count,
    eligible,
    multi_word_runs,
    name_runs,
    spelling_candidates,
    starting_word,
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
    for run in multi_word_runs(text):
        words = [t.text for t in run]
        if len(set(words)) == len(words):
            continue  # no word comes twice: nothing is repeated
        i = 0
        while i < len(words) - 1:
            size = next((n for n in (3, 2, 1) if words[i : i + n] == words[i + n : i + 2 * n]), 0)
            if not size:
                i += 1
                continue
            start, end = run[i].start, run[i + 2 * size - 1].start + len(words[i + 2 * size - 1])
            i += 2 * size
            if allowed is None:
                pattern = _reduplications(table.reduplications)
                allowed = [a.span() for a in pattern.finditer(text)] if pattern else []
            if any(s < end and start < e for s, e in allowed):
                continue
            name = " ".join(words[i - size : i])
            cut = run[i - 2 * size].start + len(" ".join(words[i - 2 * size : i - size]))
            yield Fix(cut, end, "", f"“{name}” written twice in a row, and not a name that repeats")


@functools.lru_cache(maxsize=4)
def _reduplications(names: tuple[str, ...]) -> re.Pattern | None:
    """``Table.reduplication_pattern``, written so that the regex engine skips ahead to the
    names' first letters (see ``starting_word``)."""
    return re.compile(starting_word(names) + r"(?!\w)") if names else None


class _Choice(NamedTuple):
    right: str
    reason: str


def _count(local: Mapping[Context, Mapping[str, int]], token: str, context: Context) -> int:
    bucket = local.get(context)
    return bucket.get(token, 0) if bucket else 0


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
    here = _count(local, token, context)
    everywhere = corpus_count(here, index.count_in(token, context))
    best: list[tuple[int, int, str, str]] = []
    for other, edits in candidates.items():
        if other in wrong_variants and other not in table.name_words:
            continue
        other_here = _count(local, other, context)
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
    # the tokens to decide with their contexts (``contexts_of``), in order.
    local: dict[Context, dict[str, int]] = {}
    to_decide: list[tuple[Token, str, list[Context]]] = []
    known = table.name_words
    for run in multi_word_runs(text):  # a lone name has no context; it follows the decisions below
        words = [t.text for t in run]
        last = len(words) - 1
        for i, token in enumerate(run):
            word = words[i]
            contexts = []
            if i < last and words[i + 1] not in STOP:
                contexts.append(("*", words[i + 1]))
            if i and words[i - 1] not in STOP:
                contexts.append((words[i - 1], "*"))
            for context in contexts:
                bucket = local.setdefault(context, {})
                bucket[word] = bucket.get(word, 0) + 1
            if contexts and word not in known and eligible(word):
                to_decide.append((token, word, contexts))
    decided: dict[tuple[str, Context], _Choice | None] = {}
    chosen: dict[str, set[_Choice]] = {}
    fixes: dict[int, Fix] = {}
    for token, word, contexts in to_decide:
        for context in contexts:
            key = (word, context)
            choice = decided.get(key, False)
            if choice is False:
                choice = decided[key] = _choose(word, context, local, index, table)
            if choice:
                fixes[token.start] = _fix(token, choice)
                chosen.setdefault(word, set()).add(choice)
                break
    if not chosen:
        return
    for run in name_runs(text):
        if len(run) == 1 and len({c.right for c in chosen.get(run[0].text, ())}) == 1:
            choice = next(iter(chosen[run[0].text]))
            fixes.setdefault(run[0].start, _fix(run[0], choice))
    yield from (fixes[start] for start in sorted(fixes))


def _fix(token: Token, choice: _Choice) -> Fix:
    return Fix(token.start, token.start + len(token.text), choice.right, choice.reason)


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
