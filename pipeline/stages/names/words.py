"""What a name looks like in running text: a capitalised word, a run of them, and the
capitalised function words and titles that are neither names nor a name's context.

``RUN`` finds the runs (``Temur Umarov``, ``The United States``) in one compiled-regex pass;
``items_of`` turns its matches into what a scan keeps of each (``pipeline.stages.names.runs``),
and the corpus index counts the same runs (``pipeline.stages.names.index``).
"""

from __future__ import annotations

import functools
import re
import struct
from typing import Callable, Iterable

from pipeline.core.lexicon.names import STOP


def _char_class(test: Callable[[str], bool]) -> str:
    """A regex character class body for the BMP characters that pass ``test`` (a ``str``
    method, mapped over the whole BMP at C speed: part of the command's start-up)."""
    bmp = struct.pack(f"<{0x10000}I", *range(0x10000)).decode("utf-32-le", "surrogatepass")
    passes = bytes(map(test, bmp))
    return "".join(
        re.escape(chr(a)) if a == b - 1 else f"{re.escape(chr(a))}-{re.escape(chr(b - 1))}"
        for a, b in (m.span() for m in re.finditer(b"\x01+", passes))
    )


# Capitals: the characters that are upper case or title case (``Ǆ``): for one character,
# ``str.istitle`` is true of both.
UPPER = _char_class(str.istitle)
# A capitalised word: letters, with inner hyphens or apostrophes only before another
# capital (Xi-Putin, Baden-Baden, O’Brien); a possessive ’s or -led is not part of it.
_WORD_TAIL = rf"(?:[^\W\d_]|['’-](?=[{UPPER}]))*"
WORD = rf"[{UPPER}]{_WORD_TAIL}"
# The same tail, matched possessively (letters, then each joiner with the letters after it):
# it takes what the tail above takes, without the regex engine trying one letter at a time.
# Letters are matched as ASCII lower-case ones where possible ([a-z], a range the regex
# engine tests far faster than the Unicode categories of [^\W\d_]), each other letter on its
# own: the same letters, taken the same way.
_LETTERS = r"[a-z]*+(?:[^\W\d_][a-z]*+)*+"
_FAST_TAIL = rf"{_LETTERS}(?:['’-](?=[{UPPER}]){_LETTERS})*+"
# Capitalised words joined by single spaces, not starting inside a word. The capital comes
# first (with the boundary as a lookbehind after it) so that the regex engine can skip
# ahead to the next capital letter.
_FIRST_WORD = rf"[{UPPER}](?<![\w'’-].){_FAST_TAIL}"
RUN = re.compile(rf"{_FIRST_WORD}(?: [{UPPER}]{_FAST_TAIL})*")
# The matches of ``RUN`` of two words or more: a one-word match fails where ``RUN``
# matches, and the search goes on past the word (no match starts inside a word).
MULTI_WORD_RUN = re.compile(rf"{_FIRST_WORD}(?: [{UPPER}]{_FAST_TAIL})+")

# What a match is kept as (an "item"): None where it makes no run (function words and titles
# only), its text where it is one word, else the words of its run (``words_of``). Most runs
# are one word: Tokens are built only when ``name_runs`` is asked for. An item holds no
# position (the scan's ``starts`` do), so a scan shifted through an edit keeps its items as
# they are; the words of a match of several words are worked out once per distinct match,
# as the same names recur in every article.

Words = tuple[tuple[str, ...], tuple[int, ...], int]  # words, the offset of each in the match, its length


@functools.lru_cache(maxsize=1 << 16)
def words_of(group: str) -> Words | None:
    """The words of the run a match of several words makes, leading function words and
    titles dropped, with the offset of each in the match; None where all are dropped."""
    words = group.split(" ")
    offsets = []
    offset = 0
    for word in words:
        offsets.append(offset)
        offset += len(word) + 1
    first = 0
    while first < len(words) and words[first] in STOP:
        first += 1
    return (tuple(words[first:]), tuple(offsets[first:]), len(group)) if first < len(words) else None


def items_of(groups: Iterable[str]) -> list[str | Words | None]:
    """The item of each match (a match of several words is never a function word)."""
    return [None if group in STOP else group if " " not in group else words_of(group) for group in groups]

