"""Hints: where in a whole document a signal may fire, found before any sentence is scored.

A hint is a necessary condition: wherever a signal fires on a sentence, its hint matches
inside that sentence (or a span overlapping it). Hints look only at the sentence's own
characters, whatever stands around it (a sentence starts after white space and ends before
it), and most start with a rare character that the regex engine skips to. A sentence that
no hint points at, or only hints whose weights cannot add up to a flag, is never scored.

A hint that ends on punctuation is searched for in the reversed document, so that the regex
engine can start on that punctuation; its pattern is written forwards, as the signal's own
is, and reversed here (``reversed_pattern``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable, Iterable, Iterator, Sequence

# A hint: (document, its sentence spans) -> spans, one of which lies in (or overlaps) every
# sentence the signal fires on.
Hint = Callable[[str, Sequence[tuple[int, int]]], Iterable[tuple[int, int]]]


def pattern_hint(pattern: str, flags: int = 0) -> Hint:
    """Where ``pattern`` matches in the document."""
    compiled = re.compile(pattern, flags)

    def hint(text: str, spans: Sequence[tuple[int, int]]) -> Iterator[tuple[int, int]]:
        return (m.span() for m in compiled.finditer(text))

    return hint


def at_word_start(body: str, flags: int = 0) -> Callable[[str], Iterator[tuple[int, int]]]:
    """Where ``\\b(?:body)`` matches, ``body`` starting with a word character: found as
    ``body`` after a space, after any other character but an ASCII letter, digit or ``_``,
    or at the very start: three patterns that each start with a character (class) the regex
    engine skips ahead to, where a leading ``\\b`` makes it try every position."""
    after_space = re.compile(rf" (?:{body})", flags)
    first = re.compile(rf"(?:{body})", flags)

    def spans(text: str) -> Iterator[tuple[int, int]]:
        at_start = first.match(text)
        if at_start:
            yield at_start.span()
        for m in after_space.finditer(text):
            yield m.start() + 1, m.end()
        for at in after_mark(text):
            m = first.match(text, at)
            if m:
                yield m.span()

    return spans


# A character other than a space, an ASCII letter, a digit or ``_``, and the letter after it.
_MARK_BEFORE_LETTER = re.compile(r"[^0-9A-Za-z_ ](?=[^\W\d_])")


@lru_cache(maxsize=4)
def after_mark(text: str) -> list[int]:
    """Where a letter follows a mark (a character other than a space, an ASCII letter, digit
    or ``_``): found once per text and shared by every ``at_word_start`` body, as scanning
    for that class costs about as much as a body's own scan after spaces. Every body starts
    with a letter, so these are the only places after a mark it can match (the last four
    texts kept: a document and its lower-cased copy)."""
    return [m.end() for m in _MARK_BEFORE_LETTER.finditer(text)]


@lru_cache(maxsize=2)
def lowered(text: str) -> str | None:
    """``text.lower()`` when it keeps every offset (no character lower-cases to two)."""
    low = text.lower()
    return low if len(low) == len(text) else None


def _folded(pattern: str) -> str:
    """``pattern`` (lower-case letters, and regex syntax other than ``\\s``/``\\S``) made
    to match, in lower-cased text, whatever ``re.IGNORECASE`` matches in the original: ``ı``
    and ``ſ`` are i and s to it, and lower-casing leaves them as they are."""
    return re.sub(r"(?<!\\)([is])", lambda m: "[iı]" if m.group(1) == "i" else "[sſ]", pattern)


def word_hint(body: str) -> Hint:
    """Where ``\\b(?:body)`` matches ignoring case (``body`` in lower case, starting with a
    letter): in the lower-cased document, or, where lower-casing would move offsets, in the
    document itself."""
    lower = at_word_start(_folded(body))
    original = at_word_start(body, re.IGNORECASE)

    def hint(text: str, spans: Sequence[tuple[int, int]]) -> Iterator[tuple[int, int]]:
        low = lowered(text)
        return lower(low) if low is not None else original(text)

    return hint


@lru_cache(maxsize=2)
def reversed_text(text: str) -> str:
    """``text`` back to front (the last two kept: every reversed hint reverses one document)."""
    return text[::-1]


def reversed_hint(pattern: str) -> Hint:
    """Where ``pattern`` matches, found by its reversal (``reversed_pattern``) in the
    reversed document."""
    return backwards_hint(reversed_pattern(pattern))


def backwards_hint(backwards: str) -> Hint:
    """Where the pattern ``backwards`` (written back to front) matches in the reversed
    document, as spans of the document."""
    compiled = re.compile(backwards)

    def hint(text: str, spans: Sequence[tuple[int, int]]) -> Iterator[tuple[int, int]]:
        n = len(text)
        return ((n - m.end(), n - m.start()) for m in compiled.finditer(reversed_text(text)))

    return hint


# --- reversing a regex -------------------------------------------------------------------

_GROUP = re.compile(r"\((?:\?(?:[aiLmsu-]*:|<?[=!]))?")  # what opens a group
_CLASS = re.compile(r"\[\^?\]?(?:\\.|[^\]\\])*\]")
_ESCAPE = re.compile(r"\\(?:x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|N\{[^}]*\}|.)", re.DOTALL)
_QUANTIFIER = re.compile(r"[*+?]|\{\d+(?:,\d*)?\}")
# Look-aheads and look-behinds trade places; ``\A`` and ``\Z`` too.
_MIRRORED = {"(?=": "(?<=", "(?!": "(?<!", "(?<=": "(?=", "(?<!": "(?!", "\\A": "\\Z", "\\Z": "\\A"}

# A parsed pattern: alternatives, each a sequence of (atom, quantifier); an atom is a piece
# of pattern text or a group (what opens it, its alternatives).
_Parsed = list[list[tuple["str | tuple[str, _Parsed]", str]]]


def reversed_pattern(pattern: str) -> str:
    """``pattern`` written back to front: it matches the reversal of every string ``pattern``
    matches (``\\bwith\\s+([A-Z]\\w*)\\.`` becomes ``\\.(\\w*[A-Z])\\s+htiw\\b``).

    It knows characters, escapes, classes, groups, look-arounds (a look-ahead becomes a
    look-behind, and back), alternation and greedy quantifiers; a pattern with anything else
    (``^``, ``$``, a back-reference, a lazy or possessive quantifier) raises ValueError, as
    its reversal would not match what it matches.
    """
    parsed, at = _parse(pattern, 0)
    if at != len(pattern):
        raise ValueError(f"unbalanced `)` in {pattern!r}")
    return _written_backwards(parsed)


def _parse(pattern: str, at: int) -> tuple[_Parsed, int]:
    """The alternatives of ``pattern`` from ``at`` up to the ``)`` that closes them, or the
    end, and where they stop."""
    alternatives: _Parsed = [[]]
    while at < len(pattern) and pattern[at] != ")":
        char = pattern[at]
        atom: str | tuple[str, _Parsed]
        if char == "|":
            alternatives.append([])
            at += 1
            continue
        if char == "(":
            opener = _GROUP.match(pattern, at).group()
            if pattern.startswith("?", at + len(opener)):
                raise ValueError(f"a group reversed_pattern does not know in {pattern!r}")
            inner, at = _parse(pattern, at + len(opener))
            if at == len(pattern):
                raise ValueError(f"unclosed group in {pattern!r}")
            atom, at = (opener, inner), at + 1
        elif char in "[\\":
            match = (_CLASS if char == "[" else _ESCAPE).match(pattern, at)
            if match is None or match.group()[1:2].isdigit():
                raise ValueError(f"a back-reference or an unclosed class in {pattern!r}")
            atom, at = match.group(), match.end()
        elif char in "^$":
            raise ValueError(f"an anchor other than \\A, \\Z or \\b in {pattern!r}")
        else:
            atom, at = char, at + 1
        quantifier = _QUANTIFIER.match(pattern, at)
        if quantifier is not None:
            at = quantifier.end()
            if pattern.startswith(("?", "+"), at):
                raise ValueError(f"a lazy or possessive quantifier in {pattern!r}")
        alternatives[-1].append((atom, quantifier.group() if quantifier else ""))
    return alternatives, at


def _written_backwards(parsed: _Parsed) -> str:
    """The pattern text of ``parsed``, each sequence in it back to front."""
    out = []
    for sequence in parsed:
        pieces = []
        for atom, quantifier in reversed(sequence):
            if isinstance(atom, tuple):
                opener, inner = atom
                text = _MIRRORED.get(opener, opener) + _written_backwards(inner) + ")"
            else:
                text = _MIRRORED.get(atom, atom)
            pieces.append(text + quantifier)
        out.append("".join(pieces))
    return "|".join(out)
