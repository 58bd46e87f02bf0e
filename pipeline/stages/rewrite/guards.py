"""Guards: the reasons a model's rewrite of a sentence is dropped.

A rewrite may repair grammar and word order; it may not touch facts. Each guard
is a small function ``(original, rewritten) -> reason | None``; ``check_rewrite``
runs them in order and returns the first reason, or ``None`` when the rewrite may
be proposed (as a ``review`` edit, never accepted without a person).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Callable

from pipeline.core.lexicon.content_words import common_nouns
from pipeline.core.lexicon.function_words import FUNCTION_WORDS, SENTENCE_STARTERS
from pipeline.core.lexicon.names import MONTH_ABBREVIATIONS, MONTHS, NOT_NAMES, RELATIVE_DAYS, WEEKDAYS
from pipeline.core.settings import MAX_LENGTH_CHANGE

Guard = Callable[[str, str], "str | None"]

_NUMBER = re.compile(r"\d+(?:[.,:/]\d+)*")
_DATE_WORDS = re.compile(r"\b(?:" + "|".join((*MONTHS, *MONTH_ABBREVIATIONS, *WEEKDAYS, *RELATIVE_DAYS)) + r")\b")
_WORD = re.compile(r"[^\W\d_]+(?:[’'-][^\W\d_]+)*")
_QUOTED = re.compile(r"“([^“”]+)”|(?<![\w’'])‘([^‘’]+)’(?![\w])|(?<!\w)\"([^\"]+)\"")
_POSSESSIVE = re.compile(r"[’']s?$")


def _squash(text: str) -> str:
    return " ".join(text.split())


def unchanged(original: str, rewritten: str) -> str | None:
    """The rewrite is the sentence again (white space aside): nothing to propose."""
    return "rewrite changes nothing" if _squash(original) == _squash(rewritten) else None


def empty(original: str, rewritten: str) -> str | None:
    """The model gave nothing back."""
    return "rewrite is empty" if not rewritten.strip() else None


def length_changed(original: str, rewritten: str) -> str | None:
    """The rewrite is more than 40% shorter or longer: it dropped or invented content."""
    a, b = len(_squash(original)), len(_squash(rewritten))
    change = abs(b - a) / max(a, 1)
    if change > MAX_LENGTH_CHANGE:
        return f"length changes by {change:.0%} ({a} → {b} characters; at most {MAX_LENGTH_CHANGE:.0%})"
    return None


def numbers_changed(original: str, rewritten: str) -> str | None:
    """A number (figure, year, time, score) is lost, changed or added."""
    return _counted_change("number", Counter(_NUMBER.findall(original)), Counter(_NUMBER.findall(rewritten)))


def dates_changed(original: str, rewritten: str) -> str | None:
    """A month, weekday or relative day (``today``) is lost, changed or added."""
    before = Counter(w.lower() for w in _DATE_WORDS.findall(original))
    after = Counter(w.lower() for w in _DATE_WORDS.findall(rewritten))
    return _counted_change("date", before, after)


def _counted_change(what: str, before: Counter, after: Counter) -> str | None:
    """What a rewrite lost and added of the things counted, or None when the counts agree."""
    if before == after:
        return None
    lost = sorted((before - after).elements())
    added = sorted((after - before).elements())
    parts = ([f"loses {', '.join(lost)}"] if lost else []) + ([f"adds {', '.join(added)}"] if added else [])
    return f"{what} changed: " + "; ".join(parts)


def quotes_changed(original: str, rewritten: str) -> str | None:
    """A quoted span (``“…”``, ``‘…’``, ``"…"``) is not in the rewrite word for word:
    a rewrite must not put words in anyone's mouth. Unpaired marks quote nothing."""
    flat = _squash(rewritten)
    for match in _QUOTED.finditer(original):
        quoted = _squash(next(g for g in match.groups() if g is not None)).strip(" ,.;:")
        if quoted and quoted not in flat:
            return f"quotation changed: `{quoted}`"
    return None


def _names(text: str) -> set[str]:
    """Capitalised words that are not function words or common nouns, possessive ``’s`` cut.

    Sentence-initial ``The`` or ``However`` is not a name; sentence-initial ``Russia`` is.
    """
    nouns = common_nouns()
    names: set[str] = set()
    for match in _WORD.finditer(text):
        word = _POSSESSIVE.sub("", match.group())
        if not word[:1].isupper() or word.isupper() and len(word) == 1:
            continue
        lower = word.lower()
        if lower in NOT_NAMES or lower in FUNCTION_WORDS or lower in SENTENCE_STARTERS or lower in nouns:
            continue
        names.add(word)
    return names


def names_changed(original: str, rewritten: str) -> str | None:
    """A name is lost or changed, or a new one appears. A name is a capitalised word other
    than a function word (sentence-initial ``The``) or a common noun: ``Countries`` capitalised
    by mistake is not a name, so lower-casing it is allowed."""
    before, after = _names(original), _names(rewritten)
    lost = sorted(before - after)
    if lost:
        return f"name lost or changed: {', '.join(lost)}"
    added = sorted(after - before)
    if added:
        return f"name added: {', '.join(added)}"
    return None


GUARDS: tuple[Guard, ...] = (
    empty,
    unchanged,
    length_changed,
    numbers_changed,
    dates_changed,
    quotes_changed,
    names_changed,
)


def check_rewrite(original: str, rewritten: str) -> str | None:
    """Why ``rewritten`` may not replace ``original``, or ``None`` when it may."""
    for guard in GUARDS:
        reason = guard(original, rewritten)
        if reason:
            return reason
    return None
