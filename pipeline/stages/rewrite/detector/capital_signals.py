"""Signals of capitals out of place: a common noun capitalised mid-sentence (``these two
Countries``), and a word capitalised that the same article writes in lower case elsewhere.

Translation from languages that capitalise nouns leaves such capitals; names, titles, an
article's own names for things and headlines in title case are told apart from them here.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Iterator, Sequence

from pipeline.core.lexicon.content_words import common_nouns
from pipeline.core.lexicon.function_words import FUNCTION_WORDS, MINOR_WORDS
from pipeline.core.lexicon.names import TITLES
from pipeline.core.regex import trie_regex
from pipeline.stages.rewrite.detector.hints import reversed_text
from pipeline.stages.rewrite.detector.registry import signal
from pipeline.stages.rewrite.detector.sentence import WORD, Sentence


@lru_cache(maxsize=1)
def _capitalised_nouns() -> re.Pattern[str]:
    """Common nouns with a capital, as whole words, white space before them and no capital
    after: the only words ``capitalised_common_noun`` can fire on (their first letter
    lower-cases to the noun's, so it is the capital or, for k, the Kelvin sign)."""
    forms = {noun[0].upper() + noun[1:] for noun in common_nouns()}
    forms |= {"\u212a" + noun[1:] for noun in common_nouns() if noun[0] == "k"}
    # The white space is matched, not looked behind at: a pattern that starts with ``\s`` (and
    # a class of the capitals the nouns start with) lets the regex engine skip ahead to
    # candidates, where a leading look-behind makes it try the trie at every position. A
    # match ends in a letter, so it never swallows the white space of the next one.
    capitals = re.escape("".join(sorted({form[0] for form in forms})))
    return re.compile(rf"\s(?=[{capitals}]){trie_regex(forms)}(?![^\W_]|[’'-][^\W_]|[^\S\n]+[A-Z])")


_WORD_BEHIND = re.compile(r"\s+[^\W_]+(?:[’'-][^\W_]+)*")  # on the reversed text: the word before


def _capitalised_common_noun_hint(text: str, spans: Sequence[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """Capitalised common nouns right after a word that starts in lower case."""
    n = len(text)
    for m in _capitalised_nouns().finditer(text):
        start = m.start() + 1  # the noun, after the white space the pattern matched
        before = _WORD_BEHIND.match(reversed_text(text), n - start)
        if before is not None and before.group()[-1].islower():
            yield start, m.end()


@signal(weight=1.0, hint=_capitalised_common_noun_hint)
def capitalised_common_noun(s: Sentence) -> str | None:
    """A common noun capitalised mid-sentence (``these two Countries``), as translation
    from languages that capitalise nouns leaves it. Names, acronyms and titles are not
    in the list, and a word that runs into another capitalised word is part of a name.

    A noun right after ``the`` that the article writes capitalised again, and never in
    lower case, is the short name of an institution the article keeps to (``join the
    Coalition`` … ``critics of the Coalition``); so is a headline in title case. A noun the
    article writes after a first name is a surname (``Steve Jobs`` … ``described by Jobs``).
    """
    for match in s.isolated_capitals:
        word = match.group()
        lower = word.lower()
        if lower not in common_nouns():
            continue
        if _after_the(s, match) and _kept_as_a_name(s.document, word):
            continue
        if word in _last_names(s.document):
            continue
        if title_case(s):
            return None  # a headline: "A Long Road for a Village to Rebuild Its Homes"
        return f"capitalised common noun mid-sentence (`{word}`)"
    return None


def title_case(s: Sentence) -> bool:
    """Whether every word but the function words starts with a capital (or a digit), as the
    words of a headline do, and there are at least four of them."""
    capitals = 0
    for text in (m.group() for m in s.tokens):
        if text.lower() in FUNCTION_WORDS or text.lower() in MINOR_WORDS:
            continue
        if text[0].islower():
            return False
        capitals += text[0].isupper()
    return capitals >= 4


def _kept_as_a_name(document: str, word: str) -> bool:
    """Whether the article writes ``word`` (capitalised) as a word more than once, and its
    lower-case form never: the article's own name for something, not a slip."""
    return _word_count(document, word, 2) >= 2 and not written_in_lower_case(document, word.lower())


# Two capitalised words in a row: the second looked ahead at, so that runs of three overlap.
_FIRST_AND_LAST = re.compile(r"(?<![\w’'-])([A-Z][a-z]+) (?=([A-Z][a-z]+)(?![\w’'-]))")


class _LastNames:
    """The document the surnames were last found in, and those surnames: one slot, as the
    detector reads one article at a time."""

    slot: tuple[str | None, frozenset[str]] = (None, frozenset())


def _last_names(document: str) -> frozenset[str]:
    """The words the document writes after a first name (``Steve Jobs``, ``Theresa May``): a
    capitalised word that is no function word, no common noun, and never written in lower
    case in the document. Found in one pass, once per document, when first asked for."""
    seen, names = _LastNames.slot
    if seen is document:
        return names
    lower = {w for w in WORD.findall(document) if w[:1].islower()}
    names = frozenset(
        m.group(2)
        for m in _FIRST_AND_LAST.finditer(document)
        if (first := m.group(1).lower()) not in FUNCTION_WORDS and first not in common_nouns() and first not in lower
    )
    _LastNames.slot = (document, names)
    return names


_THE_BEFORE = re.compile(r"(?<![^\W_])the\s+$")


def _after_the(s: Sentence, match: re.Match[str]) -> bool:
    """Whether the word ``match`` comes right after ``the`` (in lower case) in its sentence."""
    return _THE_BEFORE.search(s.text, max(0, match.start() - 8), match.start()) is not None


_JOINERS = "’'-"  # the characters that join two runs of letters into one ``WORD``


class _Counted:
    """The document the look-ups were last about, how many it had, and (once they are many)
    how often each of its words occurs: one slot, as the detector reads one article at a time.
    Replaced whole, never changed in place, so that counts are only ever of their document."""

    slot: tuple[str | None, int, Counter[str] | None] = (None, 0, None)


# After this many look-ups in one document its words are counted once (one ``WORD`` scan costs
# about as much as this many ``str.find`` misses over the whole of it): a short article stays
# with ``str.find``, a long one's look-ups, one per capitalised word, cost no scan each.
_COUNT_AFTER = 32


def _word_counts(document: str) -> Counter[str] | None:
    """The words of ``document`` counted, once it has had ``_COUNT_AFTER`` look-ups; else None."""
    seen, look_ups, counts = _Counted.slot
    if seen is not document:
        look_ups, counts = 0, None
    look_ups += 1
    if counts is None and look_ups > _COUNT_AFTER:
        counts = Counter(WORD.findall(document))
    _Counted.slot = (document, look_ups, counts)
    return counts


def forget_document() -> None:
    """Let go of the last document looked up in (and its word counts and surnames)."""
    _Counted.slot = (None, 0, None)
    _LastNames.slot = (None, frozenset())


def _word_count(document: str, word: str, enough: int) -> int:
    """How many times ``word`` (itself one ``WORD``) is a whole word of the document, counted
    up to ``enough``: the same answer as splitting the document into words gives, found with
    ``str.find`` instead (splitting the whole document costs far more than the few look-ups
    an article needs), or, after many look-ups in one document, from its words counted once
    (each ``str.find`` that misses scans the whole document: one per capitalised word would
    make a long article's cost grow as its square).

    An occurrence of ``word`` is a word of the document when no letter or digit touches it
    and no joiner followed by one (``WORD`` would have run on across it).
    """
    counts = _word_counts(document)
    if counts is not None:
        return min(counts[word], enough)
    n, size = len(word), len(document)
    count = 0
    i = document.find(word)
    while i >= 0 and count < enough:
        end = i + n
        if (
            (i == 0 or not document[i - 1].isalnum())
            and not (i >= 2 and document[i - 1] in _JOINERS and document[i - 2].isalnum())
            and (end == size or not document[end].isalnum())
            and not (end + 1 < size and document[end] in _JOINERS and document[end + 1].isalnum())
        ):
            count += 1
        i = document.find(word, i + 1)
    return count


def written_in_lower_case(document: str, word: str) -> bool:
    """Whether ``word`` is a whole word of the document starting in lower case."""
    if not word[:1].islower() or WORD.fullmatch(word) is None:
        return False
    return _word_count(document, word, 1) > 0


# No hint: at weight 0.5 it never flags a sentence alone, so it is asked only where another
# signal may fire.
@signal(weight=0.5, name="capitalised-lower-elsewhere")
def capitalised_word_lower_elsewhere(s: Sentence) -> str | None:
    """A word capitalised mid-sentence that the same article writes in lower case elsewhere
    (weak on its own: ``the Fed`` / ``fed up``). A headline in title case is left alone."""
    for match in s.isolated_capitals:
        word = match.group()
        lower = word.lower()
        if lower in TITLES or lower in FUNCTION_WORDS or lower in common_nouns():
            continue
        if written_in_lower_case(s.document, lower):
            if title_case(s):
                return None  # a headline capitalises its words: "A Great Place to Live"
            return f"`{word}` capitalised here but lower-case elsewhere in the article"
    return None
