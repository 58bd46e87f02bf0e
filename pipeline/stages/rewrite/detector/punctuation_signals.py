"""Signals of leftover punctuation: stray and doubled full stops, quote marks the wrong way
round or out of place, a translation system's mark for what it could not translate, and
doubled words.

Machine translation and the text's earlier handling leave these marks where a writer would
not; each signal quotes the marks it found.
"""

from __future__ import annotations

import re
from itertools import chain
from typing import Iterable, Sequence

from pipeline.core.lexicon.content_words import reduplications
from pipeline.core.lexicon.names import sentence_abbreviations
from pipeline.stages.rewrite.detector.hints import lowered, pattern_hint, word_hint
from pipeline.stages.rewrite.detector.registry import signal
from pipeline.stages.rewrite.detector.sentence import Sentence, quote

_STOP_BEFORE_LOWER = re.compile(r"(\S+)\.\s+([a-z][\w’']*)")


@signal(weight=1.0, hint=pattern_hint(r"\.\s+[a-z]"))
def stray_full_stop(s: Sentence) -> str | None:
    """A full stop between a word and a lower-case word (``not. never``): the sentence goes on.

    Leaves abbreviations alone (``e.g. the``, ``vs. the``, ``5 p.m. local time``), names
    that start in lower case (``cuts. eBay sellers``), and initials, which a lower-case
    particle or species name follows (``Ana M. de Souza``, ``E. coli``).
    """
    for match in _STOP_BEFORE_LOWER.finditer(s.text):
        written = match.group(1).lstrip("“‘\"'([")
        word = written.lower()
        if word in sentence_abbreviations() or "." in word or not word[-1:].isalpha() or _is_initial(written):
            continue
        if any(c.isupper() for c in match.group(2)):
            continue  # a name written in lower case first: "eBay", "iPhone"
        return f"stray full stop before a lower-case word ({quote(s.text, *match.span())})"
    return None


def _is_initial(word: str) -> bool:
    """Whether ``word`` (before a full stop) is one capital letter: an initial, not a word."""
    return len(word) == 1 and word.isupper()


# The second stop may not start an ellipsis, spaced (``over. . . . Then``) or not.
_DOUBLED_STOP = re.compile(r"\w[.!?]\s+\.(?!\.|\s+\.)")


@signal(weight=1.0, hint=pattern_hint(r"\.(?<=\s\.)"))
def doubled_full_stop(s: Sentence) -> str | None:
    """Two full stops with space between (``Moscow. .``); an ellipsis (``...``, ``…``, or the
    spaced ``. . .`` after a full stop) is fine."""
    match = _DOUBLED_STOP.search(s.text)
    return f"doubled full stop ({quote(s.text, *match.span(), pad=8)})" if match else None


_OPEN_AS_CLOSE = re.compile(r"(?<=[\w.,!?])\s*[“‘](?=\s*(?:[,;:!?]|\.(?!\.))|\s*$)")


@signal(weight=1.0, hint=pattern_hint(r"[“‘](?=[\s.,;:!?]|\Z)"))
def opening_quote_closing(s: Sentence) -> str | None:
    """An opening quote mark where a closing one belongs (``territory “.``, ``country. “``).

    A quotation may open on an ellipsis (``called it “... a disaster”``): what follows the
    mark is then three stops, not one.
    """
    match = _OPEN_AS_CLOSE.search(s.text)
    return f"opening quote mark in closing position ({quote(s.text, *match.span(), pad=10)})" if match else None


_SPACE_BEFORE_CLOSE = re.compile(r"\w\s+(?:”(?=[\s.,;:!?]|$)|[,;](?=\s)|\.(?=\s*$))")


@signal(weight=1.0, hint=pattern_hint(r"[”,;.](?<=\s[”,;.])"))
def space_before_closing_mark(s: Sentence) -> str | None:
    """A space before a closing quote, comma or final full stop (``Russia ”.``, ``said ,``)."""
    match = _SPACE_BEFORE_CLOSE.search(s.text)
    return f"space before a closing mark ({quote(s.text, *match.span(), pad=6)})" if match else None


_MIXED_QUOTES = re.compile(r"\w'[”’]|[“‘]'|\w’'|\w\"[”’]")


@signal(weight=1.0, hint=pattern_hint(r"[‘“'’\"]['”’]"))
def mixed_quote_marks(s: Sentence) -> str | None:
    """A straight quote mark beside a curly one (``each other'”``): half-repaired quoting."""
    match = _MIXED_QUOTES.search(s.text)
    return f"straight and curly quote marks together ({quote(s.text, *match.span(), pad=8)})" if match else None


# A translation system's mark for what it could not translate: sentencepiece's ``⁇`` (U+2047),
# and the unknown-word token ``<unk>`` (spaced by a tokeniser, or escaped for HTML).
_UNKNOWN_TOKEN = re.compile(r"⁇|<\s*unk\s*>|&lt;\s*unk\s*&gt;", re.IGNORECASE)


def _unknown_token_hint(text: str, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Where such a mark is, searched for only in a document holding ``⁇`` or ``unk`` in any
    case: a pattern matched ignoring case gets no first-character skip from the regex engine,
    and two substring tests cost a tenth of its scan."""
    low = lowered(text)
    if "⁇" not in text and "unk" not in (text.lower() if low is None else low):
        return []
    return [m.span() for m in _UNKNOWN_TOKEN.finditer(text)]


@signal(weight=1.0, hint=_unknown_token_hint)
def unknown_token(s: Sentence) -> str | None:
    """A translation system's mark for a character or word it could not translate (``EF4 ⁇ 5``,
    ``mila < unk >:``): something of the source is missing there. English never writes one."""
    match = _UNKNOWN_TOKEN.search(s.text)
    return f"untranslated character or word marked ({quote(s.text, *match.span(), pad=8)})" if match else None


# The word is all the letters before the white space: ``++`` gives none back, so a failed
# try fails at once. Its group is named, as the word hints' bodies are scanned for together.
_DOUBLED_WORD_BODY = r"(?P<doubled>[a-z]++)\s+(?P=doubled)\b"
_DOUBLED_DETERMINER_BODY = r"(?:the|a|an)\s+(its|their|his|our|my|your|the|a|an|this|these|those)\b"
_DOUBLED_WORD = re.compile(r"\b" + _DOUBLED_WORD_BODY)
_DOUBLED_DETERMINER = re.compile(r"\b" + _DOUBLED_DETERMINER_BODY, re.IGNORECASE)
# Found ignoring case, as the other word hints are: wherever a lower-case word comes twice,
# a word comes twice ignoring case.
_DOUBLED_WORDS = word_hint(_DOUBLED_WORD_BODY)
_DOUBLED_DETERMINERS = word_hint(_DOUBLED_DETERMINER_BODY)


def _doubled_word_hint(text: str, spans: Sequence[tuple[int, int]]) -> Iterable[tuple[int, int]]:
    """Where a word comes twice (in any case), or two determiners in a row."""
    return chain(_DOUBLED_WORDS(text, spans), _DOUBLED_DETERMINERS(text, spans))


@signal(weight=1.0, hint=_doubled_word_hint)
def doubled_word(s: Sentence) -> str | None:
    """A lower-case word twice in a row (``the the``) or two determiners (``the its``).

    Names are left alone (``Cao Cao``, ``Bora Bora``), and so are repeats English
    makes on purpose (``had had``, ``that that``) or three times (``na na na``). A
    second determiner with a capital is a letter or a name (``an A grade``, ``the An-26``):
    the damage leaves both in lower case.
    """
    for match in _DOUBLED_WORD.finditer(s.text):
        tripled = re.match(r"\s+" + match.group(1) + r"\b", s.text[match.end() :])
        if match.group(1) not in reduplications() and not tripled:
            return f"doubled word ({quote(s.text, *match.span())})"
    for match in _DOUBLED_DETERMINER.finditer(s.text):
        if not match.group(1)[0].isupper():
            return f"two determiners in a row ({quote(s.text, *match.span())})"
    return None
