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
    """Where ``pattern`` matches in the document (``by_first_character``)."""
    scans = [re.compile(each, flags) for each in by_first_character(pattern, flags)]

    def hint(text: str, spans: Sequence[tuple[int, int]]) -> Iterator[tuple[int, int]]:
        return (m.span() for compiled in scans for m in compiled.finditer(text))

    return hint


# A pattern that opens on a class of a few plain characters (no range, no negation).
_FIRST_CLASS = re.compile(r"\[((?:\\.|[^\]\\^-])(?:\\.|[^\]\\-]){0,5})\]")
_CLASS_CHARACTER = re.compile(r"\\.|.", re.DOTALL)


def by_first_character(pattern: str, flags: int = 0) -> list[str]:
    """``pattern`` as one pattern per character of the class it opens on (``[“‘]x``: ``“x``,
    ``‘x``), or as it is when it opens on anything else (or is matched ignoring case).

    The regex engine skips ahead to a literal first character about ten times as fast as
    to a class, so a few scans cost less than one. Each scan finds what the class finds
    starting with its character, but for a match inside another of its own: that one then
    covers the place, as the hint needs.
    """
    first = _FIRST_CLASS.match(pattern)
    rest = pattern[first.end() :] if first else ""
    if first is None or rest.startswith(("*", "+", "?", "{")) or flags & re.IGNORECASE:
        return [pattern]
    characters = _CLASS_CHARACTER.findall(first.group(1))
    return [(c if c.startswith("\\") else re.escape(c)) + rest for c in characters]


def at_word_starts(bodies: Sequence[str], flags: int = 0) -> Callable[[str], list[list[tuple[int, int]]]]:
    """For each of ``bodies`` (each starting with a letter), the spans where ``\\b(?:body)``
    matches, found in one scan for all of them after a space, one after any other character
    but an ASCII letter, digit or ``_``, and a look at the very start: the first two start
    with a character (class) that the regex engine skips ahead to, where a leading ``\\b``
    makes it try every position. The bodies are looked ahead at, so that one body's match
    never hides another's (a body's groups are its own: it refers to them by name)."""
    either = "|".join(f"(?:{body})" for body in bodies)
    after_space = re.compile(f" (?={either})", flags)
    after_mark = re.compile(f"[^0-9A-Za-z_ ](?={either})", flags)
    first = re.compile(f"(?={either})", flags)
    each = [re.compile(f"(?:{body})", flags) for body in bodies]

    def spans(text: str) -> list[list[tuple[int, int]]]:
        found: list[list[tuple[int, int]]] = [[] for _ in bodies]
        starts = [m.end() for m in after_space.finditer(text)] + [m.end() for m in after_mark.finditer(text)]
        if first.match(text):
            starts.append(0)
        for at in starts:
            for spans_of_body, body in zip(found, each):
                m = body.match(text, at)
                if m:
                    spans_of_body.append(m.span())
        return found

    return spans


@lru_cache(maxsize=2)
def lowered(text: str) -> str | None:
    """``text.lower()`` when it keeps every offset (no character lower-cases to two)."""
    low = text.lower()
    return low if len(low) == len(text) else None


# An ``i`` or ``s`` that is a letter matched, not part of ``\\s`` or of a group's name.
_FOLDED_LETTER = re.compile(r"\(\?P[<=]\w+[>)]|(?<!\\)([is])")


def _folded(pattern: str) -> str:
    """``pattern`` (lower-case letters, and regex syntax other than ``\\s``/``\\S``) made
    to match, in lower-cased text, whatever ``re.IGNORECASE`` matches in the original: ``ı``
    and ``ſ`` are i and s to it, and lower-casing leaves them as they are."""
    return _FOLDED_LETTER.sub(lambda m: {"i": "[iı]", "s": "[sſ]"}.get(m.group(1), m.group()), pattern)


# The body of every ``word_hint`` made, in order: one scan of a document finds them all.
_WORD_BODIES: list[str] = []


def word_hint(body: str) -> Hint:
    """Where ``\\b(?:body)`` matches ignoring case (``body`` in lower case, starting with a
    letter, its groups named): in the lower-cased document, or, where lower-casing would
    move offsets, in the document itself; found with every other word hint's body."""
    index = len(_WORD_BODIES)
    _WORD_BODIES.append(body)

    def hint(text: str, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
        return _word_hint_spans(text, len(_WORD_BODIES))[index]

    return hint


@lru_cache(maxsize=2)
def _word_hint_spans(text: str, bodies: int) -> list[list[tuple[int, int]]]:
    """The spans of the first ``bodies`` word hints' bodies in ``text``, one list each (the
    last two texts kept: every word hint reads one document)."""
    low = lowered(text)
    if low is None:
        return _word_scan(bodies, "ignoring case")(text)
    # ``ı`` and ``ſ`` are rare: without them, the bodies' own letters find what the folded
    # classes (``[iı]``) would, and the regex engine matches letters faster than classes.
    folded = "ı" in low or "ſ" in low
    return _word_scan(bodies, "folded" if folded else "lower-cased")(low)


@lru_cache(maxsize=6)
def _word_scan(bodies: int, how: str) -> Callable[[str], list[list[tuple[int, int]]]]:
    """The scan for the first ``bodies`` word hints' bodies: ``how`` is ``"lower-cased"`` (in
    lower-cased text without ``ı`` or ``ſ``), ``"folded"`` (in lower-cased text) or
    ``"ignoring case"`` (in the text itself)."""
    if how == "ignoring case":
        return at_word_starts(_WORD_BODIES[:bodies], re.IGNORECASE)
    return at_word_starts([_folded(body) if how == "folded" else body for body in _WORD_BODIES[:bodies]])


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
    scans = [re.compile(each) for each in by_first_character(backwards)]

    def hint(text: str, spans: Sequence[tuple[int, int]]) -> Iterator[tuple[int, int]]:
        n, back = len(text), reversed_text(text)
        return ((n - m.end(), n - m.start()) for compiled in scans for m in compiled.finditer(back))

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
