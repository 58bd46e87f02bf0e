"""Words written twice: a doubled word (``will will``, ``The the government``) and an article
before a possessive or demonstrative (``the its``, ``a the``).

Repeats English makes on purpose (``had had``, ``What it is is``, ``gave in in``) and names
(``Bora Bora``) are told apart from slips on the (rare) matches of one regex.
"""

from __future__ import annotations

import functools
import re
from typing import Iterator

from pipeline.core.edits import Fix
from pipeline.core.lexicon.content_words import reduplications
from pipeline.core.lexicon.function_words import CLOSED_CLASS, PARTICLES
from pipeline.core.rules import PARAGRAPH, rule
from pipeline.core.settings import COMMON_ZIPF
from pipeline.stages.names.spelling import zipf
from pipeline.stages.punctuation.common import OPENING, STAGE, WHITE_SPACE, space_start
from pipeline.stages.punctuation.phrasal_verbs import ends_phrasal_verb
from pipeline.tables.table import Table

# Words English doubles on purpose ("had had", "very very").
REDUPLICATIONS = reduplications()

# A word, spaces (a non-breaking one too, not a line break), then the same word in any case.
# The first word starts the text or follows white space, an opening quote mark or bracket,
# a dash or an ellipsis (a leading character class of explicit characters keeps the search
# fast: a negated one, ``[^\w]``, made the rule 1.7x slower). Whether the repeat is damage
# is decided on the (rare) matches.
# (``[a-z]*+``: the word is every letter up to the space; the regex engine need not try
# fewer. A word in capitals fails at its second letter: such repeats are not ours.)
_REPEATED_WORD = r"([A-Za-z][a-z]*+)([ \t\u00a0\u2009\u202f]++)((?i:\1))(?![\w-]|[’'][^\W\d_])"
_DOUBLED_WORD = re.compile(rf"[{WHITE_SPACE}“‘(\[\"'«—–\-…]" + _REPEATED_WORD)
_DOUBLED_WORD_AT_START = re.compile(_REPEATED_WORD)
# Of the closed-class words (CLOSED_CLASS: no name spells one, no sentence starts with one
# twice on purpose), those doubled on their own in speech ("There there, don't cry", "Here
# here!", "What what?"): a slip only where a word follows the pair ("There there are ten").
_SAID_TWICE = frozenset("there here what who why how".split())
_WORD_FOLLOWS = re.compile(r"[ \t\u00a0]+[^\W_]")
# Forms of "be" and "do", doubled on purpose only where a clause opening with "what",
# "all", "how"... ends ("What it is is a mess", "What he did did matter"): the clause opens
# the sentence, or follows a comma, a semicolon, a colon or a dash (a conjunction may come
# first: "and what it is is"), and has no verb of its own before the repeat.
_BE_AND_DO = frozenset("is are was were does did".split())
_CLAUSE_ENDS = (". ", "! ", "? ", "\n", ", ", "; ", ": ", " – ", " — ")
_BE = re.compile(r"\b(?:is|are|was|were)\b")  # the relative clause's own verb comes before the repeat
_FUSED_RELATIVE = re.compile(
    r"[\s“‘\"'(«]*(?:(?:and|but|or|so|yet|that|because)\s+)?(?:what(?:ever)?|who(?:ever)?|where|when|why|how|whether|all)\b",
    re.IGNORECASE,
)
_IN_WORD = frozenset("'-")  # after a letter, these join a word to it (o'clock, well-known)
_CLOSING = frozenset("”’\")»]")  # closing quote marks and brackets, after a sentence's stop


@rule("drop-doubled-word", stage=STAGE, risk="safe", scope=PARAGRAPH)
def drop_doubled_word(text: str, *, table: Table | None = None) -> Iterator[Fix]:
    """A word written twice in a row (``will will``, ``The the government``, ``According according to``, ``in  in May``, ``based on on``): keep the first.

    Leaves alone repetitions English makes on purpose (``had had``, ``very very``;
    data/reduplications.txt), ``is is`` closing a clause that opens with ``what``,
    ``all``, ``how``... (``What it is is``), ``in in`` and the like after a verb that
    makes a phrase ending in the particle (``going on on the ground``, ``let her in
    in``; data/phrasal_verbs.txt), words in capitals, and capitalised repeats
    (``Bora Bora``, ``Will will``: names are not ours) but for closed-class words no
    name spells (``the``, ``in``, ``according``, ``there``...) at the start of a
    sentence (not ``That that``, ``No no``, nor ``There there,``, ``Here here!``), and
    in any case the table's reduplications (``Ylang Ylang``: ``ylang ylang``).
    """
    named = _reduplicated_words(table.reduplications if table is not None else ())
    first = _DOUBLED_WORD_AT_START.match(text)
    if first and not _named(first.group(1), named) and _unintended_repeat(text, first):
        yield Fix(first.start(2), first.end(3), "", "word written twice")
    pos = 0
    while match := _DOUBLED_WORD.search(text, pos):
        lead = match.start()
        in_word = lead and text[lead] in _IN_WORD and text[lead - 1].isalnum()  # "o'clock clock"
        if not in_word and not _named(match.group(1), named) and _unintended_repeat(text, match):
            yield Fix(match.start(2), match.end(3), "", "word written twice")
        pos = match.end(2) - 1  # the second word may start a repeat too: "well-known known known"


@functools.lru_cache(maxsize=8)
def _reduplicated_words(reduplications: tuple[str, ...]) -> frozenset[str]:
    """The words the table's reduplications repeat, lower-cased (``ylang ylang``, ``the the``);
    of these, ``_named`` keeps the rare ones."""
    return frozenset(name.split()[0].lower() for name in reduplications if len(set(name.lower().split())) == 1 and " " in name)


def _named(word: str, reduplicated: frozenset[str]) -> bool:
    """Whether ``word`` is one a name of the table repeats and a rare word: ``ylang ylang``,
    ``mahi mahi`` are those names in lower case, where a doubled ``the`` (``The The``, a band)
    is still a slip. The word list is read only for such a word (rare): not for every text."""
    lower = word.lower()
    return lower in reduplicated and (zipf(lower) or 0.0) < COMMON_ZIPF


def _unintended_repeat(text: str, match: re.Match) -> bool:
    """Whether the word of ``match`` (a word, spaces, the word again) is written twice by mistake."""
    word, again = match.group(1), match.group(3)
    if word == again and word.islower():
        if word in _BE_AND_DO:
            opened = _FUSED_RELATIVE.match(text, _clause_start(text, match.start()), match.start(1))
            if opened and not _BE.search(text, opened.end(), match.start(1)):
                return False  # "What it is is", not "What's new is they are are"
            return not text.startswith(" that", match.end())  # "the thing is is that"
        if word in PARTICLES:
            return not ends_phrasal_verb(text, match.start(1), word)
        return word not in REDUPLICATIONS
    capitalised = word == again.capitalize() and (again.islower() or again == word)
    return (
        capitalised
        and again.lower() in CLOSED_CLASS
        and _starts_sentence(text, match.start(1))
        and (again not in _SAID_TWICE or _WORD_FOLLOWS.match(text, match.end()) is not None)
    )


def _clause_start(text: str, pos: int) -> int:
    """Where the clause holding ``pos`` starts: after the last sentence end, line break, comma,
    semicolon, colon or spaced dash before it (0 where there is none)."""
    start = 0
    for end in _CLAUSE_ENDS:
        found = text.rfind(end, 0, pos)
        if found >= 0 and found + len(end) > start:
            start = found + len(end)
    return start


def _starts_sentence(text: str, pos: int) -> bool:
    """Whether a sentence starts at ``pos``: at a line start, or after . ! ? … and a space
    (opening marks before it, closing marks after the stop)."""
    while pos and text[pos - 1] in OPENING:
        pos -= 1
    before = space_start(text, pos, 0)
    if before == 0 or text[before - 1] == "\n":
        return True
    if before == pos:
        return False  # glued to what comes before it
    while before and text[before - 1] in _CLOSING:
        before -= 1
    return before > 0 and text[before - 1] in ".!?…"


_SECOND_DETERMINER = r"(its|his|their|our|my|your|this|that|these|those|the)\b"
_DOUBLED_DETERMINER = re.compile(r"(the|an?) " + _SECOND_DETERMINER)
# Where a match of it may start: each article before a space and one of those words, found
# by one search per article. A regex opening with a word gets the regex engine's fast
# search for that word; one opening with an alternation is tried at every "t" and "a".
_ARTICLE_BEFORE_DETERMINER = [re.compile(f"{article} (?={_SECOND_DETERMINER})") for article in ("the", "an", "a")]
# "a his and hers set", "a that" are not damage; "the the" is drop-doubled-word's.
_NOT_AFTER = {"the": {"the"}, "a": {"his", "that"}, "an": {"his", "that"}}
_JOINERS = frozenset("’'-.")


@rule("drop-doubled-determiner", stage=STAGE, risk="safe", scope=PARAGRAPH)
def drop_doubled_determiner(text: str) -> Iterator[Fix]:
    """An article before a possessive or demonstrative (``the its``, ``a the``): drop the article.

    Leaves alone ``the her`` (her may be an object pronoun), capitalised articles
    and words with punctuation between them.
    """
    for match in _doubled_determiners(text):
        start, end = match.span()
        if (
            match.group(2) not in _NOT_AFTER[match.group(1)]
            and not (start and (text[start - 1].isalnum() or text[start - 1] in _JOINERS))
            and text[end : end + 1] not in _JOINERS
        ):
            yield Fix(start, match.start(2), "", "article before a possessive or demonstrative")


def _doubled_determiners(text: str) -> Iterator[re.Match]:
    """The matches of ``_DOUBLED_DETERMINER.finditer(text)``, the regex tried only where an
    article and a space come before one of its second words (places that may overlap)."""
    places = sorted(m.start() for pattern in _ARTICLE_BEFORE_DETERMINER for m in pattern.finditer(text))
    end = 0
    for place in places:
        if place >= end and (match := _DOUBLED_DETERMINER.match(text, place)) is not None:
            yield match
            end = match.end()  # finditer resumes at a match's end
