"""Sentence splitting for news text: abbreviations, initials, decimals and quotes.

A sentence ends at ``.``, ``!``, ``?`` or ``…`` followed by space and a word that
can start a sentence (a capital letter or an opening quote or bracket), and always
at a line break. Closing quote marks and brackets right after the full stop stay
with the sentence they close: ``he said “No.” Then`` ends after ``”``.

No sentence ends:

- after a title or a reference abbreviation (``Mr.``, ``Dr.``, ``No. 3``, ``e.g.``);
- after another abbreviation (``U.S.``, ``Inc.``, ``a.m.``) unless the next word is
  one that usually starts a sentence (``The``, ``He``, ``But`` …);
- after an initial (``John F. Kennedy``, ``J. R. R. Tolkien``);
- inside a number (``3.5``) or before a lower-case word (``not. never`` is damage
  inside one sentence, for the detector to see, not a sentence break); a name
  written in lower case first (``eBay``, ``iPhone``) counts as capitalised;
- before a numeral (news style never starts a sentence with one).

A piece holding no letter or digit (an orphan quote mark after the full stop) is
kept with the sentence before it. Spans never include the surrounding white space.
"""

from __future__ import annotations

import re

from pipeline.core.lexicon.function_words import SENTENCE_STARTERS
from pipeline.core.lexicon.names import NEVER_FINAL, sentence_abbreviations

_OPENERS = "“‘\"'«(["
_CLOSERS = "”’\"'»)]"
# A candidate end: terminal punctuation, closing marks, then white space other than a line
# break (a line is split at its own breaks), and the word after it, past white space and
# opening marks (``opener``, ``word``; in the lookahead, so that the next end is looked for
# from right after this one). A text with no ``!``, ``?`` or ``…`` is searched with the
# pattern that starts with a full stop: the regex engine skips ahead to a literal first
# character, and tries a set at every position, four times slower.
_AFTER_END = (
    r"[" + re.escape(_CLOSERS) + r"]*(?=[^\S\n]\s*(?P<opener>[" + re.escape(_OPENERS) + r"]*)(?P<word>\S*))"
)
_END = re.compile(r"[.!?…]+" + _AFTER_END)
_FULL_STOP_END = re.compile(r"\.\.*" + _AFTER_END)  # not "\.+": a repeat hides the literal
_OTHER_MARKS = ("!", "?", "…")
_HAS_WORD = re.compile(r"\w")
_LINE = re.compile(r"[^\n]+")  # compiled once: ``re.finditer`` looks the pattern up on every call
_STARTER_STRIP = _CLOSERS + ",;:"  # what surrounds a word that usually starts a sentence


def _ends_sentence(text: str, line_start: int, end: re.Match) -> bool:
    """Whether the terminal mark(s) ``end`` (a match of ``_END`` in the line from
    ``line_start``) end a sentence."""
    word = end.group("word")
    if not word:
        return True  # the end of the text, or an orphan mark: kept with this sentence later
    first = word[0]
    if first.islower() and any(c.isupper() for c in word[1:]):
        first = first.upper()  # "eBay", "iPhone": a name that starts in lower case
    if first.islower() or first.isdigit():
        return False
    if not (first.isupper() or end.group("opener")):
        return False
    stop = end.start()
    if text[stop] != ".":
        return True
    token = _token_before(text, line_start, stop).lstrip(_OPENERS)
    key = token.lower()
    if len(token) == 1 and token.isupper():
        return False  # an initial: "John F. Kennedy"
    if key in NEVER_FINAL:
        return False
    dotted = "." in token  # "U.S", "e.g", "a.m"
    if key in sentence_abbreviations() or dotted:
        return word.strip(_STARTER_STRIP).lower() in SENTENCE_STARTERS
    return True


def _token_before(text: str, line_start: int, stop: int) -> str:
    """The run of characters other than white space that ends at ``stop``, within its line."""
    start = text.rfind(" ", line_start, stop) + 1 or line_start  # the usual white space: one search
    token = text[start:stop]
    if token.isprintable():  # holds no other white space (each is unprintable, bar the space)
        return token
    start = stop
    while start > line_start and not text[start - 1].isspace():
        start -= 1
    return text[start:stop]


def sentence_spans(text: str, pos: int = 0, endpos: int | None = None) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence of ``text``, in order, without surrounding space.

    ``pos``, ``endpos``: those of ``text[pos:endpos]``, as offsets of ``text`` (no copy). A
    sentence never runs over a line break, so the lines between a line start and a line end
    split as they do in the whole text."""
    endpos = len(text) if endpos is None else endpos
    spans: list[tuple[int, int]] = []
    other_marks = any(text.find(mark, pos, endpos) >= 0 for mark in _OTHER_MARKS)
    ends = (_END if other_marks else _FULL_STOP_END).finditer(text, pos, endpos)  # one search: none spans lines
    end = next(ends, None)
    for line in _LINE.finditer(text, pos, endpos):
        line_start, line_end = line.span()
        start = line_start
        while end is not None and end.start() < line_end:
            if _ends_sentence(text, line_start, end):
                _add(text, spans, start, end.end(), line_start)
                # Past the white space: where the next one starts (the word after the end may
                # lie on a later line, when only white space follows it on its own).
                start = min(end.start("opener"), line_end)
            end = next(ends, None)
        _add(text, spans, start, line_end, line_start)
    return spans


def _add(text: str, spans: list[tuple[int, int]], start: int, end: int, line_start: int) -> None:
    """Append the stripped span, or glue a piece with no word to the sentence before it."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:
        return
    if not _HAS_WORD.search(text, start, end) and spans and spans[-1][1] >= line_start:
        spans[-1] = (spans[-1][0], end)
        return
    spans.append((start, end))


def sentences(text: str) -> list[str]:
    """The sentences of ``text`` as strings (see ``sentence_spans``)."""
    return [text[s:e] for s, e in sentence_spans(text)]
