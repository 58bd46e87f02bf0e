"""The names stage's rule for a name written twice in a row (``Lemaître Lemaître``), told
from names that repeat (``Bora Bora``, or a name the article only ever writes twice over),
from a stutter of the translation model (three copies or more) and from text written in
capitals.
"""

from __future__ import annotations

import re
from typing import Iterator

from pipeline.core.edits import Fix
from pipeline.core.rules import rule
from pipeline.stages.names.index import NameIndex
from pipeline.stages.names.runs import multi_word_runs, name_word_counts
from pipeline.tables.table import Table


@rule("drop-duplicated-name", stage="names", risk="review")
def drop_duplicated_name(text: str, *, table: Table, index: NameIndex) -> Iterator[Fix]:
    """Drop the second of two adjacent identical names (``Lemaître Lemaître`` → ``Lemaître``).

    Names of up to three capitalised words (``Le Monde Le Monde``). Leaves alone: names
    the table allows to repeat (``Cao Cao``, ``Bora Bora``, ``Baden-Baden``), also inside a
    longer allowed name, a name the article writes twice over at least twice and never
    once alone (``Bafana Bafana``: its own name, not a slip), names repeated across
    punctuation (``New York, New York``), lower-case words (another stage's business), a
    name written three times or more in a row, across punctuation or in lower case too
    (``Tagore Tagore Tagore``: a stutter of the translation model, for the garble detector),
    and repeats in text written in capitals (``WE ARE HERE WE ARE HERE``: shouting, not a
    name).
    """
    allowed: list[tuple[int, int]] | None = None
    twice_over: _TwiceOver | None = None
    runs = multi_word_runs(text)
    for words, offsets, at in runs:
        if len(set(words)) == len(words):
            continue  # no word comes twice: nothing is repeated
        i = 0
        while i < len(words) - 1:
            size = next((n for n in (3, 2, 1) if words[i : i + n] == words[i + n : i + 2 * n]), 0)
            if not size:
                i += 1
                continue
            unit = words[i : i + size]
            copies = 2
            while words[i + copies * size : i + (copies + 1) * size] == unit:
                copies += 1
            last = i + copies * size - 1
            start, end = at + offsets[i], at + offsets[last] + len(words[last])
            i += copies * size
            if _stutter(words, unit, copies) or _repeated_around(text, start, end, unit):
                continue  # three copies or more: a stutter of the model, not a doubled name
            if _in_capitals(text, words, size, start, end):
                continue
            if twice_over is None:
                twice_over = _TwiceOver(text, runs)
            if twice_over.always(tuple(unit)):
                continue
            if _allowed_near(table, text, start, end):
                if allowed is None:
                    allowed = [a.span() for a in table.reduplication_pattern.finditer(text)]
                if any(s < end and start < e for s, e in allowed):
                    continue
            name = " ".join(unit)
            cut = start + len(name)
            yield Fix(cut, end, "", f"“{name}” written twice in a row, and not a name that repeats")


def _allowed_near(table: Table, text: str, start: int, end: int) -> bool:
    """Whether a name the table allows to repeat may overlap ``text[start:end]``: whether one
    is written no further away than the longest such name is long. Only that stretch is
    searched (most texts hold none); where one is there, the matches of the whole text
    decide. A match there would be found in the stretch too: the pattern is the names
    themselves, its lookbehind reads the text before the stretch, and its lookahead at the
    stretch's end only lets more through."""
    pattern = table.reduplication_pattern
    if pattern is None:
        return False
    reach = max(map(len, table.reduplications))
    return pattern.search(text, max(0, start - reach), end + reach) is not None


class _TwiceOver:
    """The names a text writes twice over (``Bafana Bafana``), and how often it writes each,
    counted once for the whole text when a repeat first needs them (linear in its runs)."""

    def __init__(self, text: str, runs: list[tuple[tuple[str, ...], tuple[int, ...], int]]) -> None:
        self.doubled: dict[tuple[str, ...], int] = {}
        for words, _, _ in runs:
            if len(set(words)) < len(words):
                for size in (1, 2, 3):
                    for i in range(len(words) - 2 * size + 1):
                        unit = words[i : i + size]
                        if unit == words[i + size : i + 2 * size]:
                            self.doubled[unit] = self.doubled.get(unit, 0) + 1
        self.mentions = {(word,): count for word, count in name_word_counts(text).items() if (word,) in self.doubled}
        sizes = {len(unit) for unit in self.doubled if len(unit) > 1}
        for words, _, _ in runs if sizes else ():
            for size in sizes:
                for i in range(len(words) - size + 1):
                    unit = words[i : i + size]
                    if unit in self.doubled:
                        self.mentions[unit] = self.mentions.get(unit, 0) + 1

    def always(self, unit: tuple[str, ...]) -> bool:
        """Whether the text writes ``unit`` twice over at least twice, and never once alone: a
        name that repeats (``Bafana Bafana``, ``Duran Duran``) that no table lists. A
        translation that doubles a name does so once, where the article elsewhere writes it once."""
        doubled = self.doubled.get(unit, 0)
        return doubled >= 2 and 2 * doubled == self.mentions.get(unit, 0)


def _stutter(words: tuple[str, ...], unit: list[str], copies: int) -> bool:
    """Whether a repeat is a stutter within its run: more than two copies of the repeated
    name (``Tagore Tagore Tagore``; ``Varga Varga Varga Varga``, as two copies of a
    two-word name), or a word of it written three times or more in the run."""
    if copies > 2 or len(set(unit)) < len(unit):
        return True
    return any(words.count(word) > 2 for word in set(unit))


# What may stand between two copies of a stuttered word: spaces, punctuation, quote marks
# and brackets.
_STUTTER_GAP = r"[\s,;:.!?…–—\-()\[\]\"'“”‘’«»]*"
# The gap after a repeat (matched where it ends), and the gap before one (the longest that
# ends where the text searched does).
_GAP_AFTER = re.compile(_STUTTER_GAP)
_GAP_BEFORE = re.compile(rf"{_STUTTER_GAP}\Z")


def _repeated_around(text: str, start: int, end: int, unit: list[str]) -> bool:
    """Whether another copy of ``unit`` (in any case) comes right before ``start`` or right
    after ``end``, across spaces and punctuation: ``Morel Morel, Morel``.

    The pattern for ``unit`` is compiled only where the text either side could hold a copy
    (``_may_be_copy``): a compile per repeated name costs more than the rest of the stage.
    """
    name = " ".join(unit)
    escaped = " ".join(map(re.escape, unit))
    reach = len(escaped) + 8  # as far back as the pattern was always searched
    after_gap = _GAP_AFTER.match(text, end).end()
    may_follow = _may_be_copy(text[after_gap : after_gap + len(name)], name)
    before = text[max(0, start - reach) : start]
    before_gap = _GAP_BEFORE.search(before).start()
    may_precede = name[-1] in "'’-" or (  # a word ends in a joiner only before a capital no letter (Ⓐ)
        before_gap >= len(name) and _may_be_copy(before[before_gap - len(name) : before_gap], name)
    )
    if not (may_follow or may_precede):
        return False
    after_pattern = re.compile(rf"{_STUTTER_GAP}{escaped}(?![\w'’-])", re.IGNORECASE)
    before_pattern = re.compile(rf"(?<![\w'’-]){escaped}{_STUTTER_GAP}$", re.IGNORECASE)
    return bool(after_pattern.match(text, end) or before_pattern.search(before))


def _may_be_copy(window: str, name: str) -> bool:
    """Whether ``window`` may be ``name`` in another case, as a case-insensitive pattern
    matches it: False only where it cannot be (another length, or two ASCII characters at
    the same place that differ other than in case). A name starts and ends with a letter,
    which no character of ``_STUTTER_GAP`` matches in any case: the gap before or after a
    copy, as long as it goes, ends where the copy does, the one place it can stand."""
    if len(window) != len(name):
        return False
    if window.isascii() and name.isascii():
        return window.lower() == name.lower()
    return all(a == b or not (a.isascii() and b.isascii()) or a.lower() == b.lower() for a, b in zip(window, name))


_LAST_WORD = re.compile(r"(\w+)\W*$")
_FIRST_WORD = re.compile(r"\W*(\w+)")


def _in_capitals(text: str, words: list[str], size: int, start: int, end: int) -> bool:
    """Whether a repeat is part of text written in capitals: the run is, and it holds more
    than the two copies of one word, or the words either side of it are in capitals too."""
    if not all(word.isupper() for word in words):
        return False
    if len(words) > 2 or size > 1:
        return True
    before = _LAST_WORD.search(text[max(0, start - 40) : start])
    after = _FIRST_WORD.match(text[end : end + 40])
    return any(m is not None and m.group(1).isupper() for m in (before, after))
