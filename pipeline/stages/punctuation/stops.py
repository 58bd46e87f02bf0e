"""Full stops: one doubled after a word (``Moscow. . China``, ``etc..``) and a stray one
splitting a clause (``interests. through``).
"""

from __future__ import annotations

import re
from typing import Iterator

from pipeline.core.edits import Fix
from pipeline.core.lexicon.names import NAME_PARTICLES
from pipeline.core.rules import PARAGRAPH, rule
from pipeline.stages.punctuation.common import ABBREVIATIONS, HSPACE, STAGE, ends_word, space_end, space_start

# Two full stops ("Moscow. . China", "word.. Next", "etc..", "the future .."), but not
# "...", a spaced ". . ." or "../x". The first must follow a word, or spaces after a word
# where the two are glued (".."): checked on the (rare) matches.
_DOUBLED_STOP = re.compile(r"\.( ?\.)(?=\s|\Z)(?! \.)")


@rule("drop-doubled-full-stop", stage=STAGE, risk="safe", scope=PARAGRAPH)
def drop_doubled_full_stop(text: str) -> Iterator[Fix]:
    """A full stop doubled after a word (``Moscow. . China``, ``word.. Next``, ``etc..``, ``the future ..``): keep one.

    Leaves alone ellipses (``...``, ``. . .``, ``Wait . . then``), dots in paths
    (``../x``) and a glued pair that is a pause: before a lower-case word (``ah..
    well``) or after the only word of its line (``-Oh.. I see``). An abbreviation
    ending a sentence takes one full stop, so ``etc..`` becomes ``etc.``; spaces
    before a glued pair go with it (``the future ..``).
    """
    for match in _DOUBLED_STOP.finditer(text):
        start = match.start()
        glued = match.group(1) == "."
        if ends_word(text, start):
            if not (glued and _two_dot_pause(text, start, match.end())):
                yield Fix(match.start(1), match.end(1), "", "doubled full stop")
        elif glued and start and text[start - 1] in HSPACE:
            spaces = space_start(text, start, 0)
            if ends_word(text, spaces) and not _two_dot_pause(text, spaces, match.end()):
                yield Fix(spaces, match.end(1), ".", "doubled full stop after a space")


_BEFORE_INTERJECTION = frozenset(" \t\u00a0-–—'\"“‘«(")


def _two_dot_pause(text: str, word_end: int, end: int) -> bool:
    """Whether ``..`` (ending at ``end``, after a word ending at ``word_end``) is a pause, not a
    doubled stop: a lower-case word goes on after it (``ah.. well``), or it follows the only
    word of its line, after a dash or quote mark of dialogue (``-Oh.. I see``)."""
    after = space_end(text, end)
    if after > end and text[after : after + 1].islower():
        return True
    pos = word_end
    while pos and text[pos - 1].isalpha():
        pos -= 1
    while pos and text[pos - 1] in _BEFORE_INTERJECTION:
        pos -= 1
    return pos < word_end and (pos == 0 or text[pos - 1] == "\n")


# Where a stray stop may be: a full stop, one space, a lower-case letter.
_STOP_BEFORE_LOWER = re.compile(r"\.(?= [a-z])")
_TOKEN_BEFORE = re.compile(r"[(\[“‘\"'«]*(?P<word>[^\W\d_]+(?:[’'-][^\W\d_]+)*)\Z")
_TOKEN_AFTER = re.compile(r"(?P<word>[a-z]+)(?:[’'-][a-z]+)*[,;:.!?)\]”’\"']*(?=\s|\Z)")
_NEXT_WORD = re.compile(r"[^\S\n]+(\S)")
# A web address starts with these (``removed. http: / / example.by``, ``see. www.x``): the
# stop before one ends a sentence, or belongs to the address.
_ADDRESS_STARTS = frozenset("http https ftp www".split())


@rule("drop-stray-full-stop", stage=STAGE, risk="review", scope=PARAGRAPH)
def drop_stray_full_stop(text: str) -> Iterator[Fix]:
    """A full stop splitting one clause, between a word and a lower-case word (``interests. through``).

    Leaves alone abbreviations (``No.``, ``etc.``, ``U.S.``), initials, numbers,
    words lower-case by nature (``iPhone``, ``eBay``, ``de Gaulle``) and a web
    address after the stop (``removed. http: / / example.by``, ``www``).
    """
    for match in _STOP_BEFORE_LOWER.finditer(text):
        stop = match.start()
        line_start = text.rfind("\n", 0, stop) + 1
        # A token holds no space: searching from the last one gives the same (leftmost)
        # match as searching the whole 60 characters, which tries every position there.
        token_floor = text.rfind(" ", line_start, stop) + 1
        before = _TOKEN_BEFORE.search(text, max(line_start, stop - 60, token_floor), stop)
        if not before or (before.start() > line_start and not text[before.start() - 1].isspace()):
            continue  # part of a longer token: "U.S", "e.g", "3.5cm"
        if len(before["word"]) < 2 or before["word"].lower() in ABBREVIATIONS or before["word"] in _ADDRESS_STARTS:
            continue
        after = _TOKEN_AFTER.match(text, stop + 2)
        if not after or after["word"] in _ADDRESS_STARTS or _starts_name(text, after):
            continue
        yield Fix(stop, stop + 1, "", "full stop inside a clause, before a lower-case word")


def _starts_name(text: str, token: re.Match) -> bool:
    """Whether ``token`` is a name particle before a capitalised word (``de Gaulle``, ``van der Bellen``)."""
    while token and token.group() in NAME_PARTICLES:
        follower = _NEXT_WORD.match(text, token.end())
        if not follower or follower.group(1).isupper():
            return bool(follower)
        token = _TOKEN_AFTER.match(text, follower.start(1))
    return False
