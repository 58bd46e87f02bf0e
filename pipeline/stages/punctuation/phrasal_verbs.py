"""Whether a particle (``in``, ``on``, ``up``...) ends a phrasal verb: ``gave in in the end``
and ``let the dog in in`` double the particle on purpose, ``based on on`` by mistake.

drop-doubled-word asks this of a doubled particle; the verbs are ``data/phrasal_verbs.txt``,
with their irregular forms from ``data/irregular_verbs.txt``.
"""

from __future__ import annotations

import functools

from pipeline.core.lexicon.content_words import irregular_verbs, phrasal_verbs
from pipeline.core.lexicon.function_words import DETERMINERS, OBJECT_PRONOUNS, PARTICLES
from pipeline.stages.punctuation.common import OPENING, space_start

# Particles (PARTICLES) are doubled on purpose after a verb that makes a phrase ending in them
# ("gave in in the end", "going on on the ground", "voted on on Monday"; data/phrasal_verbs.txt),
# or after another particle ("came back on on Monday", "cracked down on on"). After any other
# word the repeat is a slip ("based on on", "fields in in").
_AFTER_PARTICLE = PARTICLES | {"back"}
# Between the verb and its particle: an object pronoun ("let her in": OBJECT_PRONOUNS), or a
# determiner (DETERMINERS) and a word or two ("let the dog in", "brought the new troops in").
# A verb contracted after an apostrophe: "The meeting's on on Tuesday", "They're in in force".
_CONTRACTED = {"s": "is", "re": "are", "m": "am", "ve": "have", "d": "had", "ll": "will"}


def _verb_forms(verb: str, irregular: dict[str, tuple[str, ...]]) -> set[str]:
    """``verb`` (a base form) and its inflections: -s, -es, -ies, -ed, -d, -ied, -ing, -ying,
    each with the last consonant doubled or not (a form no verb has never turns up), and its
    irregular forms."""
    forms = {verb, verb + "s", verb + "es", verb + "ed", verb + "d", verb + "ing"}
    forms |= {verb + verb[-1] + "ed", verb + verb[-1] + "ing"}  # stopped, logging
    if verb.endswith("e"):
        forms.add(verb[:-1] + "ing")  # moving
    if verb.endswith("ie"):
        forms.add(verb[:-2] + "ying")  # lying
    if verb.endswith("y"):
        forms |= {verb[:-1] + "ies", verb[:-1] + "ied"}  # carries, carried
    return forms | set(irregular.get(verb, ()))


@functools.lru_cache(maxsize=1)
def phrasal_verb_forms() -> dict[str, frozenset[str]]:
    """For each particle, the forms of the verbs that make a phrase ending in it
    (``data/phrasal_verbs.txt``, with ``data/irregular_verbs.txt``). Made on first use, not
    at import: only a doubled particle needs them, and making them costs start-up time."""
    irregular = irregular_verbs()
    forms: dict[str, set[str]] = {particle: set() for particle in PARTICLES}
    for verb, particle in phrasal_verbs():
        forms[particle] |= _verb_forms(verb, irregular)
    return {particle: frozenset(found) for particle, found in forms.items()}



def ends_phrasal_verb(text: str, pos: int, particle: str) -> bool:
    """Whether ``particle``, starting at ``pos``, ends a phrasal verb: right after a form of a
    verb that makes one with it (``gave in``), after another particle (``back on``), or after
    such a verb and its object (``let her in``, ``let the dog in``, ``brought the new troops in``)."""
    verbs = phrasal_verb_forms()[particle]
    words = _words_before(text, pos, 4)
    if not words:
        return False
    if words[0] in verbs or words[0] in _AFTER_PARTICLE:
        return True
    if words[0] in OBJECT_PRONOUNS:
        return len(words) > 1 and words[1] in verbs
    return any(words[i] in DETERMINERS and words[i + 1] in verbs for i in (1, 2) if i + 1 < len(words))


def _words_before(text: str, pos: int, most: int) -> list[str]:
    """Up to ``most`` lower-cased words ending before ``pos``, nearest first, each followed by
    spaces only: they stop at a mark, a figure or a line start (no verb reaches past those)."""
    words: list[str] = []
    while len(words) < most:
        end = space_start(text, pos, 0)
        start = end
        while start and text[start - 1].isalpha():
            start -= 1
        if end == pos or start == end:
            break
        if start > 1 and text[start - 1] in "’'" and text[start - 2].isalpha():
            words.append(_CONTRACTED.get(text[start:end].lower(), ""))
            break  # "meeting's": the verb is all that counts
        if start and not text[start - 1].isspace() and text[start - 1] not in OPENING:
            break
        words.append(text[start:end].lower())
        pos = start
    return words
