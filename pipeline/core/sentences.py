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
# A candidate end: terminal punctuation, closing marks, then space.
_END = re.compile(r"[.!?…]+[" + re.escape(_CLOSERS) + r"]*(?=\s)")
_NEXT_WORD = re.compile(r"\s+([" + re.escape(_OPENERS) + r"]*)(\S*)")
_HAS_WORD = re.compile(r"\w")
_LINE = re.compile(r"[^\n]+")  # compiled once: ``re.finditer`` looks the pattern up on every call


def _ends_sentence(text: str, line_start: int, stop: int, after: int) -> bool:
    """Whether the terminal mark(s) ``text[stop:after]`` end a sentence."""
    nxt = _NEXT_WORD.match(text, after)
    if nxt is None:
        return True
    opener, word = nxt.group(1), nxt.group(2)
    if not word and opener:
        return True  # an orphan mark: kept with this sentence later
    if not word:
        return True
    first = word[0]
    if first.islower() and any(c.isupper() for c in word[1:]):
        first = first.upper()  # "eBay", "iPhone": a name that starts in lower case
    if first.islower() or first.isdigit():
        return False
    if not (first.isupper() or opener):
        return False
    if text[stop] != ".":
        return True
    start = stop  # the run of non-space characters before the mark (what `(\S+)$` finds)
    while start > line_start and not text[start - 1].isspace():
        start -= 1
    token = text[start:stop]
    token = token.lstrip(_OPENERS)
    key = token.lower()
    if len(token) == 1 and token.isupper():
        return False  # an initial: "John F. Kennedy"
    if key in NEVER_FINAL:
        return False
    dotted = "." in token  # "U.S", "e.g", "a.m"
    if key in sentence_abbreviations() or dotted:
        starter = word.strip("".join(_CLOSERS) + ",;:").lower()
        return starter in SENTENCE_STARTERS
    return True


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence of ``text``, in order, without surrounding space."""
    spans: list[tuple[int, int]] = []
    for line in _LINE.finditer(text):
        line_start, line_end = line.span()
        start = line_start
        for match in _END.finditer(text, line_start, line_end):
            if _ends_sentence(text, line_start, match.start(), match.end()):
                _add(text, spans, start, match.end(), line_start)
                start = match.end()
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
