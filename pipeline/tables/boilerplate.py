"""Lines a scraper took from the page, not the article: the built-in list, its syntax, and
where such lines are in a text (``drop-boilerplate-line`` deletes them).

An entry is a whole line (``Advertisement``) or, ending in ``…``, a prefix (``Read also:…``)
that the rest of the line follows: a headline or a credit, not a sentence. The built-in
entries live in ``pipeline/data/boilerplate.txt``; a table adds its own (``boilerplate =
[...]``, ``pipeline/tables/loading.py``), in the same syntax.

A line matches in any case but with its first word capitalised or in capitals
(``Advertisement``, ``ADVERTISEMENT``, ``Share This Article``; ``advertisement`` may be the
end of a wrapped sentence), with a trailing full stop, colon or ellipsis, and with decoration
on both sides (``- Advertisement -``, ``[Advertisement]``, ``(Photo: AFP)``): decoration on
one side only is a list item.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Iterator

from pipeline.core.lexicon import word_list
from pipeline.core.lexicon.names import abbreviations
from pipeline.core.regex import trie_regex
from pipeline.core.settings import MAX_TAIL_WORDS

PREFIX_MARK = "…"
DATA = "boilerplate.txt"


# Decoration around a line: dashes, bullets, bars, stars (markdown bold), brackets, and the
# spaces between them (white space but the line break).
_SPACES = "".join(c for c in map(chr, range(0x3001)) if c.isspace() and c != "\n")
_LEFT = "-–—•·|*_[(" + _SPACES
_RIGHT = "-–—•·|*_])" + _SPACES
_SPACE_BEFORE_COLON = re.compile(r"\s+:")
_TRAILING = " .:…!"
# A sentence ends inside a tail: a full stop, question or exclamation mark (maybe behind a
# closing quote or bracket) with more text after it.
_SENTENCE_END = re.compile(r"(\S*?)[.?!]+[\"”’)\]]*\s+(?=\S)")
# A second credit after a comma ("Photos: A, text: B"): a line of credits for the article, a byline.
_ANOTHER_CREDIT = re.compile(r"[,;]\s*[^\W\d_][\w ]{0,20}:")
# A markdown heading's underline (setext): the line above it is a heading.
_UNDERLINE = re.compile(r"[^\S\n]*(?:=+|-+)[^\S\n]*(?:\n|\Z)")


def normalise(text: str) -> str:
    """How entries and lines are compared: spaces collapsed, none before a colon, curly
    apostrophes straight, case folded, ``e-mail`` spelt ``email``."""
    return _SPACE_BEFORE_COLON.sub(":", " ".join(text.split())).replace("’", "'").casefold().replace("e-mail", "email")


@dataclass(frozen=True)
class Entry:
    """One entry as written (``Read also:…``), and the key a line is compared with."""

    text: str
    key: str
    prefix: bool


def parse(entry: str) -> Entry:
    """An entry of the list or a table: a trailing ``…`` makes a prefix."""
    prefix = entry.endswith(PREFIX_MARK)
    body = normalise(entry[: -len(PREFIX_MARK)] if prefix else entry)
    return Entry(entry, body.rstrip() if prefix else body.rstrip(_TRAILING), prefix)


def term(entry: str) -> str:
    """What an article must contain for the entry to match one of its lines (case aside):
    the entry without the prefix mark and a trailing colon, spaces collapsed."""
    body = entry[: -len(PREFIX_MARK)] if entry.endswith(PREFIX_MARK) else entry
    return " ".join(body.split()).rstrip(_TRAILING)


def builtin() -> tuple[str, ...]:
    """The entries of ``pipeline/data/boilerplate.txt``, in order."""
    return word_list(DATA)


def _capital(word: str) -> str:
    return word[:1].upper() + word[1:]


_WORD = re.compile(r"[^\W\d_]+|\S")


def _first_word(key: str) -> str:
    """The leading letters of ``key`` (its first character, if that is not a letter)."""
    word = _WORD.match(key)
    return word.group() if word else key


class Matcher:
    """Finds the lines of a text that entries match."""

    def __init__(self, entries: tuple[str, ...]) -> None:
        self.whole: dict[str, Entry] = {}
        self.prefixes: dict[str, list[Entry]] = {}  # first word → prefix entries, longest first
        for entry in map(parse, entries):
            if not entry.key:
                continue
            if entry.prefix:
                self.prefixes.setdefault(_first_word(entry.key), []).append(entry)
            else:
                self.whole.setdefault(entry.key, entry)
        for found in self.prefixes.values():
            found.sort(key=lambda e: len(e.key), reverse=True)
        words = {_first_word(k) for k in (*self.whole, *(e.key for es in self.prefixes.values() for e in es))}
        # A line break, decoration, then the first word of an entry, capitalised or in capitals
        # (a whole word: "Follow", not "Following"). The literal first character lets the
        # regex engine skip from one line break to the next, and the words, factored as a
        # trie, are tried at once.
        start = rf"[{re.escape(_LEFT)}]*{trie_regex({f(w) for w in words for f in (_capital, str.upper)})}(?![^\W\d_])"
        self._at_start = re.compile(start)
        self._after_break = re.compile("\n" + start)
        # Cheap tests before the others: more spaces than this and a line is a paragraph; a
        # line longer than this (spaces doubled) is no whole-line entry.
        longest = max((len(k.split()) for k in (*self.whole, *(e.key for es in self.prefixes.values() for e in es))), default=0)
        self._max_spaces = 2 * (longest + MAX_TAIL_WORDS) + 4
        self._max_whole = 2 * max(map(len, self.whole), default=0) + 8

    def entry_of(self, line: str) -> Entry | None:
        """The entry that matches ``line`` (a whole line, without its line break), if any."""
        if line.count(" ") > self._max_spaces:
            return None
        inner = line.strip()
        left, right = len(inner) - len(inner.lstrip(_LEFT)), len(inner) - len(inner.rstrip(_RIGHT))
        core = inner[left : len(inner) - right] if bool(left) == bool(right) else inner  # "- Print": a list item
        word = _first_word(core)
        if word not in (_capital(word.lower()), word.upper()):
            return None
        prefixes = self.prefixes.get(normalise(word), ())
        if not prefixes and len(core) > self._max_whole:
            return None
        key = normalise(core)
        entry = self.whole.get(key.rstrip(_TRAILING))
        if entry is not None:
            return entry
        for entry in prefixes:
            if not key.startswith(entry.key):
                continue
            rest = key[len(entry.key) :]
            if (entry.key.endswith(":") or not rest or rest[0] == " ") and _is_headline(rest, entry.key.endswith(":")):
                return entry
        return None

    def lines(self, text: str) -> Iterator[tuple[int, int, Entry]]:
        """(start, end, entry) of each line the entries match, line break excluded.

        Leaves alone a markdown heading (a line over ``===`` or ``---``) and a line that a
        sentence runs through (``_continues``)."""
        first = self._at_start.match(text)
        starts = ([0] if first else []) + [m.start() + 1 for m in self._after_break.finditer(text)]
        for start in starts:
            end = text.find("\n", start)
            end = len(text) if end == -1 else end
            entry = self.entry_of(text[start:end])
            if entry is None or _UNDERLINE.match(text, end + 1) or _continues(text, end):
                continue
            yield start, end, entry


def _continues(text: str, end: int) -> bool:
    """Whether a sentence runs on from the line ending at ``end`` into the next one, which
    goes on in lower case (a hard-wrapped paragraph). The line before is not read: a sentence
    running into this line would not go on with a capital, which every line matched starts
    with, and in scraped text a headline without a full stop often comes before a boilerplate
    line. So deleting a matched line changes no decision on the others."""
    return text[end + 1 : end + 80].lstrip(" \t")[:1].islower()


def _is_headline(tail: str, labelled: bool = True) -> bool:
    """Whether the text after a prefix (case folded) is a headline or a credit, not a sentence
    or a byline: at most ``MAX_TAIL_WORDS`` words, no sentence ending inside it, no full stop
    at its end, no second credit (``Photos: A, text: B`` credits the article's writer too).
    Empty (the line is the prefix alone) counts. After a prefix without a colon (``Click
    here…``, ``Follow us on…``: not ``labelled``) the rest of a call to action may end in a
    full stop."""
    tail = tail.lstrip(" :").strip()
    if not tail:
        return True
    if len(tail.split()) > MAX_TAIL_WORDS:
        return False
    if labelled and tail.endswith(".") and not tail.endswith(("...", "…")) or _ANOTHER_CREDIT.search(tail):
        return False
    for m in _SENTENCE_END.finditer(tail):
        word = m.group(1).lstrip("(\"“‘'")
        if tail[m.end(1)] != "." or not (len(word) == 1 or "." in word or word in abbreviations()):
            return False  # not an initial, "U.S." or "Mr."
    return True


@functools.lru_cache(maxsize=16)
def matcher(extra: tuple[str, ...] = ()) -> Matcher:
    """The matcher of the built-in entries and ``extra`` ones (a table's)."""
    return Matcher(builtin() + extra)
