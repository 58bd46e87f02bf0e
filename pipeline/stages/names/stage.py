"""The names stage: table replacements, known wrong variants, duplicated names, and
name variants that no table knows, found from the corpus and a word list.

Rules run in this order, each over the text left by the ones before.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from operator import itemgetter
from collections import Counter
from dataclasses import dataclass, field
from typing import ClassVar, Iterator, Mapping, NamedTuple

from pipeline.core.edits import Edit, Fix
from pipeline.stages.names.evidence import (
    BUCKET_LIMIT,
    STOP,
    Context,
    NameIndex,
    contexts_of,
    corpus_count,
    count_in,
    eligible,
    multi_word_runs,
    name_word_counts,
    name_words,
    one_word_runs,
    candidates_among,
    shape_problem,
    spelling_candidates,
    spelling_list,
    weigh,
    with_context,
)
from pipeline.core.rules import rule, rules_of, run_steps
from pipeline.tables.table import Table


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
    longer allowed name, names repeated across punctuation (``New York, New York``),
    lower-case words (another stage's business), a name written three times or more in a
    row, across punctuation or in lower case too (``Tagore Tagore Tagore``: a stutter of the
    translation model, for the garble detector), and repeats in text written in capitals
    (``WE ARE HERE WE ARE HERE``: shouting, not a name).
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
            unit = words[i : i + size]
            copies = 2
            while words[i + copies * size : i + (copies + 1) * size] == unit:
                copies += 1
            last = i + copies * size - 1
            start, end = at + offsets[i], at + offsets[last] + len(words[last])
            i += copies * size
            if _stutter(words, unit, copies) or _repeated_around(text, start, end, unit):
                continue  # three copies or more: a stutter of the model, not a doubled name
            if _in_capitals(text, words, size, start, end):
                continue
            if allowed is None:
                pattern = table.reduplication_pattern
                allowed = [a.span() for a in pattern.finditer(text)] if pattern else []
            if any(s < end and start < e for s, e in allowed):
                continue
            name = " ".join(unit)
            cut = start + len(name)
            yield Fix(cut, end, "", f"“{name}” written twice in a row, and not a name that repeats")


def _stutter(words: tuple[str, ...], unit: list[str], copies: int) -> bool:
    """Whether a repeat is a stutter within its run: more than two copies of the repeated
    name (``Tagore Tagore Tagore``; ``Varga Varga Varga Varga``, as two copies of a
    two-word name), or a word of it written three times or more in the run."""
    if copies > 2 or len(set(unit)) < len(unit):
        return True
    return any(words.count(word) > 2 for word in set(unit))


# What may stand between two copies of a stuttered word: spaces, punctuation, quote marks
# and brackets.
_STUTTER_GAP = r"[\s,;:.!?…–—\-()\[\]\"'“”‘’«»]*"


def _repeated_around(text: str, start: int, end: int, unit: list[str]) -> bool:
    """Whether another copy of ``unit`` (in any case) comes right before ``start`` or right
    after ``end``, across spaces and punctuation: ``Morel Morel, Morel``."""
    name = " ".join(map(re.escape, unit))
    reach = len(name) + 8
    after = re.compile(rf"{_STUTTER_GAP}{name}(?![\w'’-])", re.IGNORECASE)
    before = re.compile(rf"(?<![\w'’-]){name}{_STUTTER_GAP}$", re.IGNORECASE)
    return bool(after.match(text, end) or before.search(text[max(0, start - reach) : start]))


def _in_capitals(text: str, words: list[str], size: int, start: int, end: int) -> bool:
    """Whether a repeat is part of text written in capitals: the run is, and it holds more
    than the two copies of one word, or the words either side of it are in capitals too."""
    if not all(word.isupper() for word in words):
        return False
    if len(words) > 2 or size > 1:
        return True
    before = re.search(r"(\w+)\W*$", text[max(0, start - 40) : start])
    after = re.match(r"\W*(\w+)", text[end : end + 40])
    return any(m is not None and m.group(1).isupper() for m in (before, after))


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


class _Choice(NamedTuple):
    right: str
    reason: str


def _choose(
    text: str,
    token: str,
    context: Context,
    local: Mapping[Context, Mapping[str, int]],
    here: Mapping[str, int],
    index: NameIndex,
    table: Table,
) -> _Choice | None:
    """The better-supported spelling of ``token`` in ``context``, if the evidence proposes one.

    ``local`` holds this article's contexts, ``here`` how often the article writes each
    capitalised word, ``index`` the corpus's contexts.
    """
    candidates: dict[str, int] = {}
    bucket = local.get(context)
    if bucket and len(bucket) > 1 and len(bucket) <= BUCKET_LIMIT:  # a bucket of one is the token itself
        candidates.update(spelling_candidates(token, bucket))
    candidates.update(index.candidates(token, context))
    if not candidates:
        return None
    wrong_variants = table.variant_matcher.targets
    token_local = count_in(local, token, context)
    everywhere = corpus_count(token_local, index.count_in(token, context))
    token_articles = max(index.articles_with(token, context), 1)
    best: list[tuple[int, int, int, str, str]] = []
    for other, edits in candidates.items():
        if other in wrong_variants and other not in table.name_words:
            continue
        other_local = count_in(local, other, context)
        other_everywhere = corpus_count(other_local, index.count_in(other, context))
        other_articles = index.articles_with(other, context)
        if other_local and other_articles:
            other_articles -= 1  # this article: the index holds it
        verdict = weigh(
            token, other, wrong_count=everywhere, right_count=other_everywhere, table_words=table.name_words,
            wrong_here=here.get(token, 0), right_here=here.get(other, 0),
            right_articles=other_articles, wrong_articles=token_articles,
        )
        if not verdict.proposed or (here.get(other) and _given_as_alternatives(text, token, other)):
            continue
        reason = (
            f"“{token}” → “{other}” ({edits} edit{'s' if edits > 1 else ''} apart): "
            f"“{with_context(other, context)}” appears {other_local}× in this article, {other_everywhere}× in the corpus, "
            f"“{with_context(token, context)}” {token_local}× in this article, {everywhere}× in the corpus; {verdict.explain()}"
        )
        best.append((verdict.score, -edits, other_everywhere, other, reason))
    if not best:
        return None
    best.sort(reverse=True)
    if len(best) > 1 and best[0][:3] == best[1][:3]:
        return None  # two spellings equally supported: no way to choose
    if -best[0][1] > min(candidates.values()):
        return None  # a nearer spelling is in sight: the token may be that one
    return _Choice(best[0][3], best[0][4])


def _spelt_two_ways(
    text: str, here: Mapping[str, int], known: frozenset[str], settled: set[str], table: Table
) -> dict[str, _Choice]:
    """Each capitalised word, neither ``known`` (the table's) nor ``settled`` (decided in a
    multi-word name), that the article also writes another way, one or two letters apart,
    with the spelling the evidence proposes (``weigh``, from this article's counts
    ``here``): ``Mariupl`` where the article writes ``Mariupol`` twice.

    The other spelling must be written as a name (capitalised somewhere other than at the
    start of a sentence); neither may be written in lower case in the article (an ordinary
    word); the article must not give the two as alternatives (``Kyiv (Kiev)``) nor write the
    word in other forms (``Dravlina`` beside ``Dravlin``). Words are compared with those of the
    same first letter only.
    """
    comparable = sorted([word for word in here.keys() - STOP if len(word) >= 3 and not word.isupper()])
    by_letter = {letter: list(group) for letter, group in itertools.groupby(comparable, key=_first)}
    if len(by_letter) == len(comparable):  # no two words share a first letter
        return {}
    words: list[tuple[str, int]] | None = None
    wrong_variants = table.variant_matcher.targets
    table_words = table.name_words
    candidates: dict[str, list[tuple[str, int]]] = {}
    for group in by_letter.values():
        if len(group) < 2:
            continue
        group.sort(key=here.__getitem__)
        counts = [here[word] for word in group]
        in_table = [word for word in group if word in table_words]
        spellings = spelling_list(group)
        if in_table:
            in_table = spelling_list(in_table)
        for i, token in enumerate(group):
            if token in known or token in settled:
                continue
            # Where the article writes ``token`` more often than the other spelling, only the
            # table, or the word list and the shape together, can propose (``weigh``): the
            # others are those written as often or more (from it on: the group is in count
            # order; as often, the word list decides), the table's words, and, for a word of
            # an implausible shape, all.
            if shape_problem(token):
                others = spellings
            else:
                as_often = [t for t in spellings[bisect.bisect_left(counts, counts[i]) :] if t[0] != token]
                others = as_often + [t for t in in_table if here[t[0]] < counts[i]] if in_table else as_often
            for other, edits in candidates_among(token, others):
                if here[other] == here[token] and edits > 1 and not shape_problem(token):
                    continue  # a tie: only a one-letter slip is told from two names (two towns)
                if other.count("-") == token.count("-") and (other not in wrong_variants or other in table_words):
                    candidates.setdefault(token, []).append((other, edits))
    choices: dict[str, _Choice] = {}
    for token, others in candidates.items():
        best: list[tuple[int, int, int, str, str]] = []
        for other, edits in others:
            verdict = weigh(
                token, other, wrong_count=here[token], right_count=here[other], table_words=table.name_words,
                wrong_here=here[token], right_here=here[other],
            )
            if not verdict.proposed:
                continue
            if words is None:
                words = name_words(text)
            if not _written_as_a_name(text, other, words) or _written_in_lower_case(text, token, other):
                continue
            if _given_as_alternatives(text, token, other):
                continue
            if _has_other_forms(token, other, by_letter[token[0]]):
                continue
            reason = (
                f"“{token}” → “{other}” ({edits} edit{'s' if edits > 1 else ''} apart): this article writes "
                f"“{other}” {here[other]}×, “{token}” {here[token]}×; {verdict.explain()}"
            )
            best.append((verdict.score, -edits, here[other], other, reason))
        if not best:
            continue
        best.sort(reverse=True)
        if len(best) > 1 and best[0][:3] == best[1][:3]:
            continue  # two spellings equally supported: no way to choose
        if -best[0][1] > _nearest(token, by_letter[token[0]], others):
            continue  # a nearer spelling is in sight (``Germns``: ``Germans`` before ``Germany``)
        choices[token] = _Choice(best[0][3], best[0][4])
    return choices


_first = itemgetter(0)


def _nearest(token: str, group: list[str], candidates: list[tuple[str, int]]) -> int:
    """The fewest edits from ``token`` to another word of its ``group``: to its candidates,
    and to the words written as often or less, which were not sought as candidates."""
    found = min(edits for _, edits in candidates)
    if found > 1:
        found = min([found, *(edits for _, edits in candidates_among(token, spelling_list(group)))])
    return found


def _has_other_forms(token: str, other: str, group: list[str]) -> bool:
    """Whether the article also writes ``token`` with an ending, or without one (``Dravlina``
    and ``Dravlin``): an inflected name, whose forms a single respelling would leave
    mismatched (``Dravlina`` → ``Dravlena`` beside ``Dravlin``)."""
    for word in group:
        if word == token or word == other:
            continue
        short, long = (word, token) if len(word) < len(token) else (token, word)
        if len(short) >= 4 and len(long) - len(short) <= 3 and long.startswith(short):
            return True
    return False


# Characters between a sentence's end and its first word: spaces, opening quotes and
# brackets, list marks and dashes.
_BEFORE_SENTENCE = " \t\u00a0\"'“‘«([*•–—-"
_SENTENCE_END = ".!?…:\n"


def _sentence_initial(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in _BEFORE_SENTENCE:
        i -= 1
    return i < 0 or text[i] in _SENTENCE_END


def _written_as_a_name(text: str, word: str, words: list[tuple[str, int]]) -> bool:
    """Whether the article writes ``word`` capitalised somewhere other than at the start of
    a sentence, where every word is."""
    return any(w == word and not _sentence_initial(text, start) for w, start in words)


# What stands between two spellings the article gives as alternatives: a slash, a bracket,
# "or", "also", "aka", and a few words ("Kyiv (also spelt Kiev)").
_BETWEEN_ALTERNATIVES = r"\s*(?:/|\(|\[|,?\s+(?:or|also|aka|a\.k\.a\.)\s)[^.\n/()]{0,30}?"


def _given_as_alternatives(text: str, a: str, b: str) -> bool:
    """Whether the article gives ``a`` and ``b`` as alternative spellings of one name
    (``Tarabi / Tarobi``, ``Kyiv (Kiev)``, ``Sergei or Sergey``): both are meant."""
    x, y = re.escape(a), re.escape(b)
    pattern = rf"(?<![\w'’-])(?:{x}{_BETWEEN_ALTERNATIVES}{y}|{y}{_BETWEEN_ALTERNATIVES}{x})(?![\w'’-])"
    return re.search(pattern, text) is not None


def _written_in_lower_case(text: str, *words: str) -> bool:
    """Whether the article writes any of ``words`` in lower case (an ordinary word there)."""
    return any(re.search(rf"(?<![\w'’-]){re.escape(word.lower())}(?![\w'’-])", text) for word in words)


@rule("fix-name-variant", stage="names", risk="review")
def fix_name_variant(text: str, *, table: Table, index: NameIndex) -> Iterator[Fix]:
    """Respell a name that no table knows as its better-supported variant.

    A capitalised token one edit (two from six letters) from another token that the
    evidence (table, word list, shape of the word, this article's counts; see
    ``pipeline.stages.names.evidence.weigh``) supports, never on counts alone:

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
    # One pass over the multi-word names: this article's contexts (``count_contexts``), and
    # the tokens to decide with their contexts (``contexts_of``), in order. What a name gives
    # is worked out once per distinct name (``_name_contexts``): most names recur.
    pairs: list[tuple[Context, str]] = []
    to_decide: list[tuple[int, str, tuple[Context, ...]]] = []  # (start, word, contexts)
    for run, offsets, at in multi_word_runs(text):  # a lone name has no context; it follows the decisions below
        in_contexts, undecided = _name_contexts(run)
        pairs += in_contexts
        for i, word, contexts in undecided:
            if word not in known:
                to_decide.append((at + offsets[i], word, contexts))
    fixes: dict[int, Fix] = {}
    chosen: dict[str, set[_Choice]] = {}
    if to_decide:
        local: dict[Context, dict[str, int]] = {}
        for (context, word), n in Counter(pairs).items():
            local.setdefault(context, {})[word] = n
        decided: dict[tuple[str, Context], _Choice | None] = {}
        for start, word, contexts in to_decide:
            for context in contexts:
                key = (word, context)
                choice = decided.get(key, False)
                if choice is False:
                    choice = decided[key] = _choose(text, word, context, local, here, index, table)
                if choice:
                    fixes[start] = _fix(word, start, choice)
                    chosen.setdefault(word, set()).add(choice)
                    break
    # Lone mentions follow a word's decision where all its decisions agree on the spelling.
    follow = {word: next(iter(choices)) for word, choices in chosen.items() if len({c.right for c in choices}) == 1}
    # Words no multi-word name decided, nor chose: the article's other spellings of the same word.
    if len(here) > 1:
        settled = chosen.keys() | {choice.right for choices in chosen.values() for choice in choices}
        two_ways = _spelt_two_ways(text, here, known, settled, table)
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
