"""Signals of broken phrasing: a phrase said twice, a garbled comparison, a double negation,
a prefix without its noun, a pronoun and verb that do not agree, ``been`` after ``is``.

Each is a pattern of words that correct news English does not write, with the exceptions
English does write spelt out beside it.
"""

from __future__ import annotations

import re
from typing import NamedTuple, Sequence

from pipeline.core.lexicon.content_words import COMPARATIVES, PREFIXES
from pipeline.core.lexicon.function_words import (
    AUXILIARIES,
    CLAUSE_OPENERS,
    FUNCTION_WORDS,
    NOT_FINITE_AFTER,
    SUBORDINATORS,
)
from pipeline.core.lexicon.names import TITLES
from pipeline.stages.rewrite.detector.hints import lowered, pattern_hint, reversed_hint, word_hint
from pipeline.stages.rewrite.detector.registry import signal
from pipeline.stages.rewrite.detector.sentence import WORD, Sentence, quote

# --- a phrase said twice -------------------------------------------------------------------

# After a repeated phrase: nothing more in its clause (closing quotes, then a mark that ends
# a clause or a parenthesis, or the end of the sentence).
_CLAUSE_END = re.compile(r"[\s”’\"'»]*(?:[.,;:!?)\]…–—]|-(?=\s)|$)")


def _restates(s: Sentence, words: list[str], first: int, second: int) -> bool:
    """Whether the phrase at ``second`` (three words, repeating those at ``first``) only says
    again what was said, rather than frame new content the way parallel English does
    (``the mayor is advised by Ms Lee, and the council is advised by Mr Park``; ``nine flights
    were from Oslo, four flights were from Bergen``; ``too late to apologise, too late to
    start again``).

    It restates when only function words stand between the two (``warm winter coats and warm
    winter coats``, ``the port health authority (the port health authority)``), when nothing
    follows the second in its clause (``never against each other, but not always against each
    other.``), or when the first content word after each is the same (``of Central Asia are
    very concerned and those of Central Asia are concerned``).
    """
    size = 3  # the repeat, as long as it runs (up to where the second starts)
    while first + size < second and second + size < len(words) and words[first + size] == words[second + size]:
        size += 1
    gap = words[first + size : second]
    after_first = next((w for w in gap if w not in FUNCTION_WORDS), None)
    if after_first is None:
        return True
    if _CLAUSE_END.match(s.text, s.tokens[second + size - 1].end()):
        return True
    after_second = next((w for w in words[second + size :] if w not in FUNCTION_WORDS), None)
    return after_second is None or after_second == after_first


# Reading a sentence's words by ``str.split`` rather than ``WORD`` (several times as fast):
# the curly marks news text is full of are made plain ASCII (a separator becomes a space;
# ``’``, which joins words as ``'`` does, a stand-in that no other character becomes, so that
# ``don’t`` and ``don't`` stay two words), then every other separator a space.
_STAND_IN = "\x00"
_MADE_PLAIN = [(mark, " ") for mark in "“”‘–—…«»\xa0"] + [("’", _STAND_IN)]
_SPACED = str.maketrans({c: " " for c in map(chr, range(128)) if not WORD.fullmatch(c) and c not in f"'-{_STAND_IN}"})
# In a plain sentence: a joiner that does not stand between two letters or digits. It starts
# on the joiner, a class the regex engine skips ahead to, and looks two characters behind.
_LOOSE = r"(?:(?![0-9A-Za-z])|(?<![0-9A-Za-z].))"  # after the joiner
_LOOSE_JOINER = re.compile(rf"[-'{_STAND_IN}]" + _LOOSE)
# The same, one pattern per joiner: each starts on a literal, which the regex engine skips
# ahead to four times as fast as to a class.
_LOOSE_JOINERS = [re.compile(re.escape(joiner) + _LOOSE) for joiner in f"-'{_STAND_IN}"]


class _Plain(NamedTuple):
    """A lower-cased document with its curly marks made plain (``_MADE_PLAIN``: offsets kept),
    and whether its separators are spaces already (done for the whole of an ASCII one, and its
    loose joiners made spaces too)."""

    text: str
    spaced: bool


def _made_plain(low: str) -> _Plain | None:
    """``low`` made plain, or None when it holds the stand-in itself.

    In an ASCII one, its loose joiners too are made spaces, all at once (one search per
    sentence costs several times as much): a joiner loose in a sentence is loose in the
    document, and one that is not is not, as a sentence (``sentence_spans``) starts and ends
    beside white space or the document's ends, never beside a letter or digit. A joiner made
    a space leaves every character's being a letter or digit as it was, so the others stay
    loose or not."""
    if _STAND_IN in low:
        return None
    for mark, plain in _MADE_PLAIN:
        low = low.replace(mark, plain)
    if not low.isascii():
        return _Plain(low, False)
    low = low.translate(_SPACED)
    for loose in _LOOSE_JOINERS:
        low = loose.sub(" ", low)
    return _Plain(low, True)


def _lower_words(low: str, plain: _Plain | None, start: int, end: int) -> list[str]:
    """The words of ``low[start:end]`` (a sentence), as ``WORD`` finds them, ``’`` written as the
    stand-in where the sentence is plain ASCII (``_made_plain``): words equal or not just as they are.

    Where the plain sentence, its separators spaces, is ASCII and every joiner stands between
    two letters or digits, each run of characters between spaces is one ``WORD`` match (letters
    and digits, joined by single joiners), and ``str.split`` finds the runs."""
    if plain is not None:
        sentence = plain.text[start:end]
        if plain.spaced:
            return sentence.split()  # its loose joiners are spaces already
        if sentence.isascii():
            sentence = sentence.translate(_SPACED)  # ASCII to ASCII: the fast translation
            if not _LOOSE_JOINER.search(sentence):
                return sentence.split()
    return WORD.findall(low, start, end)


def _repeat_hint(text: str, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentences in which a three-word phrase (lower-cased) comes twice."""
    low = lowered(text)
    plain = None if low is None else _made_plain(low)
    found = []
    for start, end in spans:
        if low is not None:
            words = _lower_words(low, plain, start, end)
        else:
            words = [w.lower() for w in WORD.findall(text, start, end)]
        # fewer distinct three-word phrases than phrases (len(words) - 2 of them): one repeats.
        # A phrase that comes twice repeats three of its words (or, overlapping itself, three
        # places hold its first word or two): fewer words are told apart first, far cheaper.
        n = len(words)
        if len(set(words)) <= n - 3 and len(set(zip(words, words[1:], words[2:]))) < n - 2:
            found.append((start, end))
    return found


@signal(weight=1.0, hint=_repeat_hint)
def repeated_phrase(s: Sentence) -> str | None:
    """The same three-word phrase twice within nine words, saying the same thing again
    (``against each other, but not always against each other``; ``of Central Asia are …
    of Central Asia are``).

    A repeat made only of function words (``one of the``) does not count, nor does a
    three-word name alone (``the United States``): the phrase needs a lower-case
    content word, or four words. Nor does a phrase that frames different content each
    time, as parallel structures and lists do (see ``_restates``).
    """
    originals = [m.group() for m in s.words()]
    words = [w.lower() for w in originals]
    grams = list(zip(words, words[1:], words[2:]))
    if len(set(grams)) == len(grams):
        return None  # no three words twice: nothing repeats
    seen: dict[tuple[str, ...], int] = {}
    for i, gram in enumerate(grams):
        if gram in seen and 3 <= i - seen[gram] <= 9:
            first = seen[gram]
            four = i + 3 < len(words) and words[first + 3] == words[i + 3] and i - first >= 4
            content = any(
                w not in FUNCTION_WORDS and o[:1].islower() for w, o in zip(gram, originals[i : i + 3], strict=True)
            )
            if (content or four) and _restates(s, words, first, i):
                phrase = " ".join(originals[i : i + (4 if four else 3)])
                return f"repeated phrase (`{phrase}` … `{phrase}`)"
        seen.setdefault(gram, i)
    return None


# --- a garbled comparison ----------------------------------------------------------------

_DOUBLED_COMPARATIVE = re.compile(r"\bmore\s+(\w+)\s+than(?=\s+(\w*))")
_COMPARISON = re.compile(r"\bmore\s+\w+\s+than\s+((?:[A-Z][\w’'-]*\s+){1,3})(?:against|towards?|about|with)\b")
# What ends the clause before a comparison: its subject starts after the last of these.
_CLAUSE_BREAK = re.compile(r"[,;:“”\"()–—!?…]|\.\s|\bthat\b")
_POSSESSED = re.compile(r"(?:The\s+)?(?:[A-Z][\w-]*\s+)*[A-Z][\w-]*[’']s\s+((?:[a-z][\w-]*\s+)*)")


@signal(weight=1.0, hint=pattern_hint(r"more\s+\w+\s+than\s"))
def garbled_comparison(s: Sentence) -> str | None:
    """A comparison that says its degree twice (``more higher than``), or a faulty one: a
    name's thing set against a bare name, with a stray preposition after it (``Putin’s
    hopes are more outspoken than China against``), where English compares like with like
    (``Japan is more hawkish than Korea about``, ``… than China’s``)."""
    for match in _DOUBLED_COMPARATIVE.finditer(s.text):
        if match.group(1).lower() in COMPARATIVES and match.group(2).lower() not in COMPARATIVES:
            return f"garbled comparison ({quote(s.text, *match.span())})"
    for match in _COMPARISON.finditer(s.text):
        if _names_a_thing(match.group(1)) or not _compares_a_possession(s.text[: match.start()]):
            continue
        return f"garbled comparison ({quote(s.text, *match.span())})"
    return None


def _names_a_thing(term: str) -> bool:
    """Whether a comparison's second term is itself a possessive (``than China’s``)."""
    return any(word.endswith(("’s", "'s")) for word in term.split())


def _compares_a_possession(before: str) -> bool:
    """Whether the clause before ``more`` opens on a name's thing (``Putin’s expectations``),
    not a name's office-holder (``Germany’s finance minister``), who may stand for it."""
    clause = _CLAUSE_BREAK.split(before)[-1].strip()
    match = _POSSESSED.match(clause)
    if not match:
        return False
    head = []
    for word in match.group(1).split():
        if word in FUNCTION_WORDS:
            break
        head.append(word)
    return bool(head) and not any(word in TITLES for word in head)


# --- a double negation -------------------------------------------------------------------

# A clause of its own after ``nor`` may be negative: ``nor did they say why trains were not running``.
_SUBORDINATOR = r"(?:" + "|".join(SUBORDINATORS) + r")"
_AUXILIARY = r"(?:" + "|".join(AUXILIARIES) + r")"
_NOR_NOT = re.compile(r"\bnor\b(?:(?!\b" + _SUBORDINATOR + r"\b)[^.;:,])*?\b" + _AUXILIARY + r"\s+(?:not|never)\b")
_NOT_NEVER = re.compile(r"\bnot\s+(?:not|never)\b")


@signal(weight=1.0, hint=pattern_hint(r"nor|n(?:ot|ever)\s+n(?:ot|ever)"))
def double_negation(s: Sentence) -> str | None:
    """Two negations in one clause: ``nor`` followed by ``… were not`` / ``… had never``,
    or ``not never`` side by side. ``never not`` is English (``she has never not voted``:
    she always has), and so is a negation in a clause of its own after ``nor`` (``nor did
    they say why the trains were not running``)."""
    side_by_side = _NOT_NEVER.search(s.text)
    if side_by_side:
        return f"double negation ({quote(s.text, *side_by_side.span())})"
    match = _NOR_NOT.search(s.text)
    if not match:
        return None
    tail = s.text[match.start() : match.end()].split()
    return f"double negation (`nor … {' '.join(tail[-2:])}`)"


# --- a prefix without its noun -----------------------------------------------------------

# The prefixed word and the stop after it. ``(?i:…)``: the prefix in any case, in the reversed
# hint too, which is not matched ignoring case as a whole.
_PREFIXED_AT_STOP = r"((?i:" + "|".join(PREFIXES) + r")-[\w’']+)\s*[.!?]"
_DANGLING_PREFIX = re.compile(
    r"\b(?:the|a|an|its|their|his|her|our)\s+" + _PREFIXED_AT_STOP + r"[”’\"')]*\s*$", re.IGNORECASE
)


@signal(weight=1.0, hint=reversed_hint(_PREFIXED_AT_STOP))
def dangling_prefix(s: Sentence) -> str | None:
    """A prefixed adjective with no noun at the end of the sentence (``support for the anti-West.``).

    Only a prefix on a name makes an adjective that needs a noun (``pro-Russian``,
    ``non-EU``); a prefix on a common word mostly makes a noun (``his ex-wife``, ``the
    pre-season``), and so do a plural (``the anti-Semites``) and a title (``the ex-President``).
    """
    match = _DANGLING_PREFIX.search(s.text)
    if not match or not _adjective_on_a_name(match.group(1).split("-", 1)[1]):
        return None
    return f"prefixed adjective without its noun ({quote(s.text, match.start(), match.end(1))})"


def _adjective_on_a_name(base: str) -> bool:
    """Whether ``base`` (what a prefix is joined to) is a name or an acronym, not a plural
    (``Semites``) or a title (``President``)."""
    if not base[:1].isupper():
        return False
    return base.isupper() or (not base.endswith("s") and base.lower() not in TITLES)


# --- a pronoun and a verb that do not agree ----------------------------------------------

_AGREEMENT_BODY = (
    r"(?:(?:he|she|it)\s+(?:have|are|were|don’t|don't)|(?:they|we|you)\s+(?:is|was|has|does|doesn’t|doesn't))\b"
)
_PRONOUN_AGREEMENT = re.compile(r"\b" + _AGREEMENT_BODY, re.IGNORECASE)


@signal(weight=1.0, hint=word_hint(_AGREEMENT_BODY))
def broken_agreement(s: Sentence) -> str | None:
    """A pronoun and a verb that do not agree (``they has``, ``she have``).

    Leaves alone verbs after a modal or ``do`` (``did he have``) and the subjunctive
    ``if it were``, ``as though it were``. ``it`` and ``you`` are objects as often as
    subjects (``the chemicals in it are``, ``the photo I show you is``): they count only
    where they open a clause.
    """
    for match in _PRONOUN_AGREEMENT.finditer(s.text):
        before = s.text[: match.start()].split()
        if before and before[-1].lower().strip(",;:“‘\"'(") in NOT_FINITE_AFTER:
            continue
        if match.group().split()[0].lower() in ("it", "you") and not _opens_a_clause(before):
            continue
        return f"subject and verb do not agree ({quote(s.text, *match.span())})"
    return None


def _opens_a_clause(before: list[str]) -> bool:
    """Whether a word after the words ``before`` (split at white space) opens a clause: it
    starts the sentence, or follows a clause mark or a conjunction."""
    if not before:
        return True
    last = before[-1]
    return last[-1] in ",;:“‘\"'(–—" or last.lower() in CLAUSE_OPENERS


# --- ``been`` after ``is`` ---------------------------------------------------------------

# The hint leaves out the final ``\b``: first in the reversed pattern, it would make the
# regex engine try every position of the document.
_BE_BEEN_WORDS = r"\b(?:is|are|was|were|am)\s+(?:(?:not|never|n’t|n't|also|already|always)\s+)*been"
_BE_BEEN = re.compile(_BE_BEEN_WORDS + r"\b")


@signal(weight=1.0, hint=reversed_hint(_BE_BEEN_WORDS))
def broken_tense(s: Sentence) -> str | None:
    """``been`` after a form of ``be`` (``is not never been accepted``): a perfect tense
    built on the wrong auxiliary (``has never been``)."""
    match = _BE_BEEN.search(s.text)
    return f"`been` after a form of `be` ({quote(s.text, *match.span())})" if match else None
