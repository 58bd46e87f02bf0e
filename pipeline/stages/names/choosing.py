"""How the names stage chooses the spelling a word should take, and why, from the two
places a word's other spelling is found:

- in the same multi-word name, in this article or in others (``choose_in_context``:
  ``Tmur Umarov`` where ``Temur Umarov`` is written);
- as the same capitalised word anywhere in the article (``spelt_two_ways``: ``Mariupl``
  where the article writes ``Mariupol`` twice).

Either way ``weigh`` (``pipeline.stages.names.weighing``) decides, and a choice is made only
where one spelling is better supported than every other in sight.
"""

from __future__ import annotations

import itertools
import re
from operator import itemgetter
from typing import Mapping, NamedTuple

from pipeline.core.lexicon.names import STOP
from pipeline.stages.names.index import BUCKET_LIMIT, Context, NameIndex, corpus_count, count_in, with_context
from pipeline.stages.names.runs import name_words
from pipeline.stages.names.spelling import candidates_among, shape_problem, spelling_candidates, spelling_list
from pipeline.stages.names.weighing import weigh
from pipeline.tables.table import Table


class Choice(NamedTuple):
    """The spelling a word should take, and why (the edit's reason)."""

    right: str
    reason: str


def choose_in_context(
    text: str,
    token: str,
    context: Context,
    local: Mapping[Context, Mapping[str, int]],
    here: Mapping[str, int],
    index: NameIndex,
    table: Table,
) -> Choice | None:
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
        if not verdict.proposed or (here.get(other) and given_as_alternatives(text, token, other)):
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
    return Choice(best[0][3], best[0][4])


def spelt_two_ways(
    text: str, here: Mapping[str, int], known: frozenset[str], settled: set[str], table: Table
) -> dict[str, Choice]:
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
    # Here and for ``to_decide``, the article's few words are each looked up in the sets, not
    # ``here.keys() - STOP``: a dict view minus a set goes through every word of the set.
    comparable = sorted([word for word in here if len(word) >= 3 and word not in STOP and not word.isupper()])
    by_letter = {letter: list(group) for letter, group in itertools.groupby(comparable, key=_first)}
    if len(by_letter) == len(comparable):  # no two words share a first letter
        return {}
    words: list[tuple[str, int]] | None = None
    wrong_variants = table.variant_matcher.targets
    table_words = table.name_words
    candidates: dict[str, list[tuple[str, int]]] = {}
    to_decide = set(here).difference(known, settled)
    for group in by_letter.values():
        if len(group) < 2 or to_decide.isdisjoint(group):
            continue  # no other spelling in sight, or no word of the group to decide
        group.sort(key=here.__getitem__)
        spellings = spelling_list(group)
        for token in group:
            if token not in to_decide:
                continue
            near = list(candidates_among(token, spellings))  # in the group's order: by count
            if not near:
                continue  # most words: the few tests on each pair come first
            # Where the article writes ``token`` more often than the other spelling, only the
            # table, or the word list and the shape together, can propose (``weigh``): the
            # others are those written as often or more (as often, the word list decides),
            # then the table's words written less often, and, for a word of an implausible
            # shape, all.
            if not shape_problem(token):
                count = here[token]
                near = [c for c in near if here[c[0]] >= count] + [
                    c for c in near if here[c[0]] < count and c[0] in table_words
                ]
            for other, edits in near:
                if here[other] == here[token] and edits > 1 and not shape_problem(token):
                    continue  # a tie: only a one-letter slip is told from two names (two towns)
                if other.count("-") == token.count("-") and (other not in wrong_variants or other in table_words):
                    candidates.setdefault(token, []).append((other, edits))
    choices: dict[str, Choice] = {}
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
            if given_as_alternatives(text, token, other):
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
        choices[token] = Choice(best[0][3], best[0][4])
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
# "or", "also", "aka", and a few words ("Kyiv (also spelt Kiev)"); what starts it must
# follow the first of the two.
_ALTERNATIVE_START = r"\s*(?:/|\(|\[|,?\s+(?:or|also|aka|a\.k\.a\.)\s)"
_BETWEEN_ALTERNATIVES = rf"{_ALTERNATIVE_START}[^.\n/()]{{0,30}}?"
_STARTS_ALTERNATIVE = re.compile(_ALTERNATIVE_START)


def given_as_alternatives(text: str, a: str, b: str) -> bool:
    """Whether the article gives ``a`` and ``b`` as alternative spellings of one name
    (``Tarabi / Tarobi``, ``Kyiv (Kiev)``, ``Sergei or Sergey``): both are meant.

    The pattern for the two is compiled only where one is written before what starts an
    alternative, and the other after it (``_may_be_alternatives``): most pairs never are.
    """
    if not (_may_be_alternatives(text, a, b) or _may_be_alternatives(text, b, a)):
        return False
    x, y = re.escape(a), re.escape(b)
    pattern = rf"(?<![\w'’-])(?:{x}{_BETWEEN_ALTERNATIVES}{y}|{y}{_BETWEEN_ALTERNATIVES}{x})(?![\w'’-])"
    return re.search(pattern, text) is not None


def _may_be_alternatives(text: str, first: str, second: str) -> bool:
    """Whether ``text`` writes ``first`` where what starts an alternative follows it, and
    ``second`` somewhere after: where ``given_as_alternatives`` can find them, in that order."""
    last = text.rfind(second)
    at = text.find(first)
    while at != -1 and at + len(first) <= last:
        if _STARTS_ALTERNATIVE.match(text, at + len(first)):
            return True
        at = text.find(first, at + 1)
    return False


def _written_in_lower_case(text: str, *words: str) -> bool:
    """Whether the article writes any of ``words`` in lower case (an ordinary word there):
    as a whole word, with no letter, digit, apostrophe or hyphen either side."""
    return any(_written_alone(text, word.lower()) for word in words)


_JOINED = re.compile(r"[\w'’-]")  # what may not touch a whole word


def _written_alone(text: str, word: str) -> bool:
    """Whether ``text`` writes ``word`` as a whole word: each place it is written, tested
    where it stands (no pattern compiled for each word)."""
    at = text.find(word)
    while at != -1:
        end = at + len(word)
        if not (at and _JOINED.match(text, at - 1)) and not _JOINED.match(text, end):
            return True
        at = text.find(word, at + 1)
    return False
