"""Signals about names and who a pronoun stands for: names piled up across a possessive, an
acronym run into a list of countries, a country called ``she``, a ``you`` no one is spoken to.

Translation loses word order around names and maps pronouns one for one; these signals look
for what that leaves, and leave alone the many ways English itself writes names.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline.core.lexicon.content_words import SPEECH_VERBS
from pipeline.core.lexicon.function_words import FEMININE_PRONOUNS, FIRST_AND_SECOND_PERSON, THIRD_PERSON
from pipeline.core.lexicon.names import TITLES, detector_country_names
from pipeline.core.regex import trie_regex
from pipeline.core.settings import NAME_PILE
from pipeline.stages.rewrite.detector.capital_signals import title_case
from pipeline.stages.rewrite.detector.hints import pattern_hint, word_hint
from pipeline.stages.rewrite.detector.registry import signal
from pipeline.stages.rewrite.detector.sentence import Sentence, quote


@lru_cache(maxsize=1)
def _country_pattern() -> re.Pattern[str]:
    # One trie-shaped alternation: the longest name that ends a word wins, as it would in a
    # plain alternation sorted longest first, but the regex engine never tries names one by one.
    return re.compile(r"\b" + trie_regex(detector_country_names()) + r"\b")


_TITLE_WORDS = frozenset(t.capitalize() for t in TITLES)
_ARTICLES = frozenset(("The", "A", "An"))
_POSSESSIVE_RUN = re.compile(
    r"\b((?:[A-Z][\w-]*\s+)+[A-Z][\w-]*)[’']s\s+((?:[A-Z][\w’'-]*\s+){2,}[A-Z][\w’'-]*)"
)


@signal(weight=1.0, hint=pattern_hint(r"[’']s\s+[A-Z][\w’'-]*\s+[A-Z][\w’'-]*\s+[A-Z]"))
def name_run_across_possessive(s: Sentence) -> str | None:
    """Names piled up across a possessive (``the Carnegie Moscow Center’s Adnkronos Temur
    Umarov``): word order lost in translation. A title after the possessive is fine
    (``China’s Foreign Minister Wang Yi``), so is the title of a work, which opens with an
    article no name opens with (``Philip Roth’s The Plot Against America``), and so is a
    headline in title case."""
    for match in _POSSESSIVE_RUN.finditer(s.text):
        owner, after = match.group(1).removeprefix("The ").split(), match.group(2).split()
        if len(owner) + len(after) < NAME_PILE or any(w in _TITLE_WORDS for w in after):
            continue
        if after[0] in _ARTICLES:
            continue  # a work's title: "Jeunet's A Very Long Engagement"
        if title_case(s):
            return None  # "South Africa’s Mining Giants Face New Power Cuts"
        return f"run of names across a possessive ({quote(s.text, *match.span())})"
    return None


_ACRONYM_BEFORE = re.compile(r"\b([A-Z]{2,5})\s+$")
_LIST_GOES_ON = re.compile(r"\s*,\s*|\s+(?:and|or)\s+")


# [A-Z][A-Z], not [A-Z]{2}: a repeat at the start keeps the regex engine from skipping
# ahead to capitals, and the scan costs twice as much.
@signal(weight=1.0, hint=pattern_hint(r"[A-Z][A-Z]\s+[A-Z]"))
def acronym_before_country(s: Sentence) -> str | None:
    """An acronym run straight into a list of countries (``‘NATO Russia and China``): a
    word moved from its place (``fears of NATO expansion``).

    Before a country alone, an acronym names a part of something (``BBC Scotland``,
    ``the EU Ukraine summit``, ``HMS Ireland``); only a list that goes on with another
    country shows that the acronym stands outside it.
    """
    for match in _country_pattern().finditer(s.text):
        acronym = _ACRONYM_BEFORE.search(s.text, max(0, match.start() - 12), match.start())
        if not acronym or re.match(r"\s*[-–]", s.text[match.end() :]):
            continue
        if _another_country_follows(s.text, match.end()):
            return f"acronym run into a country name ({quote(s.text, acronym.start(1), match.end())})"
    return None


def _another_country_follows(text: str, at: int) -> bool:
    """Whether ``text`` goes on at ``at`` with a comma, ``and`` or ``or``, and a country."""
    link = _LIST_GOES_ON.match(text, at)
    return link is not None and _country_pattern().match(text, link.end()) is not None


_FEMININE_BODY = r"(?:" + "|".join(FEMININE_PRONOUNS) + r")\b"
_FEMININE = re.compile(r"\b" + _FEMININE_BODY, re.IGNORECASE)
_CAPITALISED = re.compile(r"\b[A-Z][\w’'-]*")


@signal(weight=1.0, hint=word_hint(_FEMININE_BODY))
def country_as_she(s: Sentence) -> str | None:
    """``she``/``her`` whose nearest name is a country (``Russia did what she had to do``):
    English refers to a country as ``it``. ``she said`` is left alone, and so is a country
    that is not a subject: after a preposition (``Angela Merkel of Germany said she``,
    ``flew to Japan, where she``) or a verb's object (``After leaving Peru, she``), and a
    pronoun nearer to one of these than to any name (``“Italy is ready,” she said, adding
    that her``)."""
    countries = list(_country_pattern().finditer(s.text))
    if not countries:
        return None
    previous = -1  # where the last pronoun left alone ends
    for pronoun in _FEMININE.finditer(s.text):
        following = s.text[pronoun.end() :].split()
        if following and following[0].strip(",.;:") in SPEECH_VERBS:
            previous = pronoun.end()
            continue
        names = [m for m in _CAPITALISED.finditer(s.text, 0, pronoun.start()) if m.start() > 0]
        names = [m for m in names if m.group() not in ("I",)]
        if not names:
            # the pronoun's nearest name is the sentence's first word
            names = list(_CAPITALISED.finditer(s.text, 0, pronoun.start()))[:1]
        if not names or names[-1].start() < previous:
            previous = pronoun.end()
            continue  # no name, or an earlier pronoun is nearer: the same person
        last = names[-1]
        country = next((c for c in countries if c.start() <= last.start() < c.end()), None)
        if country is None or _not_a_subject(s.text[: country.start()]):
            previous = pronoun.end()
            continue
        return f"`{pronoun.group()}` refers to a country ({quote(s.text, country.start(), pronoun.end())})"
    return None


# Before a country that is not the subject of its clause: a preposition, or a verb in -ed
# or -ing whose object it is ("visited Japan", "After leaving Peru").
_BEFORE_AN_OBJECT = re.compile(
    r"(?:\b(?:of|from|in|to|at|into|for|across|through|via|near)|[a-z]{3,}(?:ed|ing))\s+(?:the\s+)?$"
)


def _not_a_subject(before: str) -> bool:
    """Whether a country after the text ``before`` is a preposition's or a verb's object."""
    return _BEFORE_AN_OBJECT.search(before) is not None


_PERSONAL = re.compile(r"\b(?:" + "|".join(FIRST_AND_SECOND_PERSON) + r")\b")
_YOU_AT_END = re.compile(r"\byou\s*[.!?]?[”’\"')]*\s*[.!?]?\s*$")
# Someone reported on: a third-person pronoun, but the speaker of a quote ("he said").
_THIRD_PERSON = re.compile(
    r"\b(?:" + "|".join(THIRD_PERSON) + r")\b(?!\s+(?:said|says|added|told)\b)", re.IGNORECASE
)


@signal(weight=1.0, hint=pattern_hint("you"))
def stray_second_person(s: Sentence) -> str | None:
    """A sentence that ends on ``you`` with no other first- or second-person word in it,
    in a report about someone else (``… Russia says it is ready … to negotiate with
    you”.``): no one in the sentence is spoken to, so ``you`` most likely stands for a
    mistranslated ``it`` or ``them``. A ``you`` in a sentence that names no third person
    is the reader, addressed in general (``The findings will surprise you.``), and a
    question (``who will stand up for you?``) is itself spoken to someone."""
    match = _YOU_AT_END.search(s.text)
    if not match or "?" in match.group() or len(_PERSONAL.findall(s.text)) > 1:
        return None
    if not _THIRD_PERSON.search(s.text, 0, match.start()):
        return None
    words = s.text[: match.end()].split()
    return f"`you` with no one spoken to (`{' '.join(words[-3:])}`)"
