"""The quote-mark scanner shared by the quote rules.

Each paragraph is read on its own, and each quote mark in it (“ ” " ‘ ’ ') gets a
role. Open quotes are counted by depth, so nested same-mark quotes (“a “b” c”)
pair correctly: LanguageTool's unpaired-quote rule was switched off partly for
missing that. Double marks, straight and curly, share one depth; single quotes
have their own, nested inside the innermost open double quote, so
``“the boys’ toys”`` never closes a single quote opened outside it.

Apostrophes are never quotes: ``Russia’s``, ``don't``, ``’90s``, ``rock ’n’ roll``,
and ``countries’`` when no single quote is open.

A quotation may run over several paragraphs, or over several lines where a scraper writes
one sentence a line: a paragraph that leaves a double quote open is linked to the first
later paragraph whose first double mark can close it (a closing mark with nothing open, or
a straight mark that may go either way), with only paragraphs without double marks in
between. That paragraph is then read with the quote still open, so its marks take their
roles from the whole quotation (``scan``).
"""

from __future__ import annotations

import re
from enum import Enum
from functools import lru_cache
from typing import Iterator, NamedTuple

from pipeline.core.lexicon.content_words import REPORTING_VERBS
from pipeline.core.settings import QUOTE_SCANS_KEPT
from pipeline.core.text import paragraph_spans

DOUBLE_MARKS = frozenset("“”\"")
STRAIGHT_MARKS = frozenset("\"'")
OPENING_MARKS = frozenset("“‘\"«„")  # what a paragraph continuing a quotation starts with
CLOSING_OF = {"“": "”", "‘": "’", '"': "”", "'": "’"}  # the curly closing mark for each opener


class Role(str, Enum):
    """What a quote mark does where it stands."""

    OPEN = "open"
    CLOSE = "close"
    APOSTROPHE = "apostrophe"
    MISDIRECTED_CLOSE = "misdirected-close"  # an opening mark in closing position while a quote is open
    MISDIRECTED_OPEN = "misdirected-open"  # a closing mark in opening position
    ORPHAN_OPEN = "orphan-open"  # opens nothing: no quote was open and no word follows it
    ORPHAN_CLOSE = "orphan-close"  # closes nothing: no quote of its kind is open


class Mark(NamedTuple):
    """One quote mark and its role."""

    pos: int  # offset in its paragraph: ``Paragraph.at`` gives the offset in the text
    char: str
    role: Role
    opener: str = ""  # for CLOSE and MISDIRECTED_CLOSE: the mark it pairs with

    @property
    def double(self) -> bool:
        return self.char in DOUBLE_MARKS


class Paragraph(NamedTuple):
    """A paragraph's span in the text, and its quote marks."""

    start: int
    end: int
    marks: tuple[Mark, ...]
    unclosed: tuple[Mark, ...]  # double quotes still open at the end, outermost first; orphans excluded
    carried: str = ""  # the opening mark of a double quote still open from an earlier paragraph
    continues: bool = False  # its innermost unclosed quote is closed in a later paragraph

    def at(self, mark: Mark) -> int:
        """Where ``mark`` is in the whole text."""
        return self.start + mark.pos

    def first_double(self) -> Mark | None:
        return next((m for m in self.marks if m.double), None)


# Every quote mark except a ’ or ' between two letters or digits: always an apostrophe,
# and by far the most common mark, so the regex skips it. (One leading character class
# lets the regex engine jump from mark to mark.)
_MARK = re.compile(r"[“”\"‘’'](?:(?<=[“”\"‘])|(?<![^\W_][’'])|(?![^\W_]))")
_GAP_BEFORE = frozenset("([{<«“‘\"'")  # besides whitespace and the paragraph start
_GAP_AFTER = frozenset(".,;:!?)]}>»…”’\"'-–—")  # besides whitespace and the paragraph end
_CLOSING_PUNCTUATION = frozenset(".,;:!?)]")
_SPACE = re.compile(r"\s*")
_WORD_CHAR = re.compile(r"[^\W_]")
_N_APOSTROPHE = re.compile(r"[’'](?!\S)")  # the closing ’ of ’n’
_ELISION = re.compile(r"(?:em|tis|twas|til)\b", re.IGNORECASE)  # 'em, 'tis: a straight ' that opens no quote


# A verb that reports speech, as a speech tag after a quotation has it ("…,” he said"), a whole word.
REPORTING_VERB = r"(?:" + "|".join(REPORTING_VERBS) + r")\b"
# A speech tag right after a mark: a name (up to three capitalised words), a pronoun, or "the"
# and a noun or two, then a reporting verb ("the mayor said", "he added", "the statement reads").
_SPEECH_TAG = re.compile(
    rf"(?:[A-Z][\w’'-]*(?: [A-Z][\w’'-]*){{0,2}}|he|she|they|we|I|it|the(?: [\w-]+){{1,2}})"
    rf" (?:also |then )?{REPORTING_VERB}"
)


def speech_tag_follows(text: str, pos: int) -> bool:
    """Whether a straight mark at ``pos``, after punctuation and a space and glued to the next
    word, is a closing mark written on the wrong side of its space: ``costs, "the mayor said``
    (a speech tag follows it)."""
    return text[pos - 2 : pos - 1] in (",", ".", "?", "!") and text[pos - 1 : pos] == " " and _SPEECH_TAG.match(text, pos + 1) is not None


def gap_follows(text: str, pos: int, end: int) -> bool:
    """Whether the character after ``pos`` is the paragraph end, a space or punctuation."""
    if pos + 1 >= end:
        return True
    nxt = text[pos + 1]
    return nxt.isspace() or nxt in _GAP_AFTER


def _after_word_before_space(text: str, pos: int, end: int) -> bool:
    """Whether the mark at ``pos`` ends a word: a letter, figure or full stop before it, a space after."""
    return 0 < pos < end - 1 and (text[pos - 1].isalnum() or text[pos - 1] in ".!?") and text[pos + 1].isspace()


def closing_position(text: str, pos: int, end: int) -> bool:
    """Whether only punctuation [.,;:!?)] or spaces up to the paragraph end follow ``pos``."""
    if pos + 1 >= end or text[pos + 1] in _CLOSING_PUNCTUATION:
        return True
    return _SPACE.match(text, pos + 1, end).end() == end


CARRIED = -1  # the index, among open quotes, of one carried in from an earlier paragraph

# Each quote rule scans the text left by the one before, where most paragraphs are
# unchanged though moved: their marks (offsets within the paragraph) are kept by text.
# A few articles' worth: kept across a whole corpus, the paragraphs would be most of the
# memory of a run (and the memory would grow with the corpus).
_SEEN: dict[str, Paragraph] = {}


@lru_cache(maxsize=8)
def scan(text: str) -> tuple[Paragraph, ...]:
    """Every paragraph of ``text`` (see ``paragraph_spans``), with its quote marks classified
    over the quotations they belong to: a paragraph that a quotation opened earlier runs into
    is read with that quote open (see the module's docstring)."""
    if len(_SEEN) > QUOTE_SCANS_KEPT:
        _SEEN.clear()
    spans = paragraph_spans(text)
    keys = [text[start:end] for start, end in spans]
    carried = [""] * len(spans)
    paragraphs = []
    new = tuple.__new__  # Paragraph(...) without the Python-level __new__ of a NamedTuple
    for i, ((start, end), key) in enumerate(zip(spans, keys)):
        seen = _scanned(key, carried[i])
        continues = False
        if seen.unclosed:
            opener = seen.unclosed[-1].char  # the innermost: what a mark closes first
            closer = _closer_ahead(keys, i, opener)
            if closer is not None:
                carried[closer] = opener
                continues = True
        paragraphs.append(new(Paragraph, (start, end, seen.marks, seen.unclosed, carried[i], continues)))
    return tuple(paragraphs)


def _scanned(key: str, carried: str) -> Paragraph:
    """``scan_paragraph(key, carried)``, remembered by paragraph text (and carried quote)."""
    cache_key = (key, carried) if carried else key
    seen = _SEEN.get(cache_key)
    if seen is None:
        seen = _SEEN[cache_key] = scan_paragraph(key, carried)
    return seen


def _closer_ahead(keys: list[str], i: int, opener: str) -> int | None:
    """The later paragraph whose first double mark closes the quote (opened with ``opener``)
    that paragraph ``i`` leaves open, or a single mark does in its stead (``mismatched_close``),
    with only paragraphs without double marks in between; None where a paragraph first
    opens a quotation (a new one, or the same one continued by an opening mark at its start,
    as English writes a quotation over several paragraphs) or the text ends."""
    for k in range(i + 1, len(keys)):
        key = keys[k]
        alone = _scanned(key, "")
        first = alone.first_double()
        if first is None:
            if mismatched_close(key, alone.marks, opener, -1) is not None:
                return k  # closed there by a single mark: fix-mismatched-closing-quote's business
            continue
        if first.role is Role.ORPHAN_CLOSE or (
            first.char == '"' and (_either_way(key, first.pos) or speech_tag_follows(key, first.pos))
        ):
            return k
        return None
    return None


def mismatched_close(
    text: str, marks: tuple[Mark, ...], opener: str, after: int, carried: str = "", goes_on: int = -1
) -> Mark | None:
    """The single mark that closes the double quote ``opener`` opened at ``after`` in the
    paragraph ``text`` (-1: open when it starts), if exactly one does (``"will vote yes'.``,
    ``"Harvest' are on sale``): a mark read as an apostrophe, after a letter, a comma or a full stop and
    before a space, punctuation or the end, that leaves every quote of the paragraph paired
    once read as the double closing mark. Not an ``s'`` before a word (``the workers' union``).

    ``carried``: the opening mark of a quote open when the paragraph starts, when ``after``
    is not -1. ``goes_on``: where a quotation opens that runs on into a later paragraph (-1:
    none); the mark must come before it, and it alone is left open."""
    closer = '"' if opener == '"' else "”"
    carried = opener if after < 0 else carried
    left_open = [goes_on] if goes_on >= 0 else []
    found = None
    for mark in marks:
        if goes_on >= 0 and mark.pos > goes_on:
            break
        if mark.pos <= after or mark.role is not Role.APOSTROPHE or mark.char not in "'’":
            continue
        pos = mark.pos
        prev = text[pos - 1 : pos]
        if not (prev.isalpha() or prev in (".", ",", "!", "?")) or not gap_follows(text, pos, len(text)):
            continue
        if prev == "s" and _WORD_CHAR.match(text, _SPACE.match(text, pos + 1).end()):
            continue  # a plural possessive before its noun
        read = scan_paragraph(text[:pos] + closer + text[pos + 1 :], carried)
        if [m.pos for m in read.unclosed] != left_open or any(
            m.double and m.role is not Role.OPEN and m.role is not Role.CLOSE for m in read.marks
        ):
            continue
        if found is not None:
            return None  # two would do: no way to choose
        found = mark
    return found


def _either_way(text: str, pos: int) -> bool:
    """Whether the straight mark at ``pos`` may open or close: it has space or punctuation on
    both sides (``a lake... " Guides``), or on neither."""
    prev = text[pos - 1 : pos]
    gap_before = not prev or prev.isspace() or prev in _GAP_BEFORE
    return gap_before == gap_follows(text, pos, len(text))


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each stretch of ``text`` inside a double quotation, outermost ones only,
    in order: from an opening mark to its closing one, or to the end of the paragraph where
    the quotation goes on (or is never closed)."""
    spans: list[tuple[int, int]] = []
    for paragraph in scan(text):
        depth, start = (1, paragraph.start) if paragraph.carried else (0, 0)
        for mark in paragraph.marks:
            if not mark.double:
                continue
            if mark.role in (Role.OPEN, Role.MISDIRECTED_OPEN):
                if depth == 0:
                    start = paragraph.at(mark)
                depth += 1
            elif mark.role in (Role.CLOSE, Role.MISDIRECTED_CLOSE) and depth:
                depth -= 1
                if depth == 0:
                    spans.append((start, paragraph.at(mark) + 1))
        if depth:
            spans.append((start, paragraph.end))
    return spans


def marks_of(text: str, *roles: Role) -> Iterator[tuple[Paragraph, Mark]]:
    """Each mark of ``text`` with one of ``roles``, with its paragraph."""
    for paragraph in scan(text):
        for mark in paragraph.marks:
            if mark.role in roles:
                yield paragraph, mark


def scan_paragraph(text: str, carried: str = "") -> Paragraph:
    """The quote marks of ``text``, one paragraph, classified in one pass over them.

    Each mark's role follows from the characters on either side of it and from
    what is open: a stack of open double quotes and one of open single quotes.
    ``carried``: the opening mark of a double quote open when the paragraph starts.
    """
    end = len(text)
    marks: list[Mark] = []
    # Open double quotes: (index in marks, len(singles) when opened); a quote carried in from
    # an earlier paragraph has the index CARRIED.
    doubles: list[tuple[int, int]] = [(CARRIED, 0)] if carried else []
    singles: list[int] = []  # open single quotes: index in marks
    alone: set[int] = set()  # marks that opened a quote while none of their kind was open
    apostrophes: set[int] = set()  # positions already known to be apostrophes (the second ’ of ’n’)

    new = tuple.__new__  # Mark(...) without the Python-level __new__: this loop is hot
    OPEN, CLOSE, APOSTROPHE = Role.OPEN, Role.CLOSE, Role.APOSTROPHE
    for match in _MARK.finditer(text):
        pos = match.start()
        char = text[pos]
        # The two most common cases first, decided as the general branches below decide them:
        # a “ that opens, and a ” closing an open quote after a word or punctuation.
        if char == "“" and not (doubles and (closing_position(text, pos, end) or _after_word_before_space(text, pos, end))):
            if not doubles:
                alone.add(len(marks))
            doubles.append((len(marks), len(singles)))
            marks.append(new(Mark, (pos, char, OPEN, "")))
            continue
        prev = text[pos - 1 : pos]
        if char == "”" and doubles and prev and not (prev.isspace() or prev in _GAP_BEFORE):
            index, floor = doubles.pop()
            del singles[floor:]  # single quotes left open inside it end with it
            marks.append(new(Mark, (pos, char, CLOSE, carried if index == CARRIED else marks[index].char)))
            continue
        nxt = text[pos + 1 : pos + 2]
        gap_before = not prev or prev.isspace() or prev in _GAP_BEFORE
        gap_after = not nxt or nxt.isspace() or nxt in _GAP_AFTER  # gap_follows(text, pos, end)
        opener = ""
        if char in DOUBLE_MARKS:
            if char == "“":
                opening = False  # closing: an opening “ was taken above
            elif char == "”":
                opening = gap_before and not gap_after
            elif gap_before != gap_after:  # straight: its flanking decides,
                # but for a closing mark written on the wrong side of its space: `, "he said`
                opening = gap_before and not speech_tag_follows(text, pos)
            else:  # and when it has none, what is open does (after a figure it is an inch mark: 5"x7)
                opening = not (doubles or prev.isdigit())
            if opening:
                role = Role.MISDIRECTED_OPEN if char == "”" else OPEN
                if not doubles:
                    alone.add(len(marks))
                doubles.append((len(marks), len(singles)))
            elif doubles:
                role = Role.MISDIRECTED_CLOSE if char == "“" else CLOSE
                index, floor = doubles.pop()
                del singles[floor:]  # single quotes left open inside it end with it
                opener = carried if index == CARRIED else marks[index].char
            else:
                role = Role.ORPHAN_CLOSE
        else:
            single_open = len(singles) > (doubles[-1][1] if doubles else 0)
            opens = False
            if pos in apostrophes or (prev.isalnum() and nxt.isalnum()):
                role = APOSTROPHE
            elif gap_before and nxt == "n" and _N_APOSTROPHE.match(text, pos + 2, end):
                role = APOSTROPHE  # rock ’n’ roll
                apostrophes.add(pos + 2)
            elif char == "‘":
                if nxt.isdigit():
                    role = APOSTROPHE  # ‘90s, mistyped ’90s
                elif single_open and closing_position(text, pos, end):
                    role = Role.MISDIRECTED_CLOSE
                    opener = marks[singles.pop()].char
                else:
                    opens = True
            elif gap_before and not gap_after:  # ’ or ' in opening position
                if char == "’" or nxt.isdigit() or _ELISION.match(text, pos + 1, end):
                    role = APOSTROPHE  # ’tis, ’90s, 'em
                else:
                    opens = True
            elif not gap_before and not gap_after:
                role = APOSTROPHE  # inside a word or a figure: o’-, 5'11
            elif single_open:
                role = CLOSE
                opener = marks[singles.pop()].char
            else:
                role = Role.ORPHAN_CLOSE if gap_before else APOSTROPHE  # countries’, goin’
            if opens:
                role = OPEN
                if not single_open:
                    alone.add(len(marks))
                singles.append(len(marks))
        marks.append(new(Mark, (pos, char, role, opener)))

    if not doubles and not singles:  # every quote closed: most paragraphs
        return new(Paragraph, (0, end, tuple(marks), ()))
    for index in [i for i, _ in doubles if i != CARRIED] + singles:  # still open at the paragraph end
        if index in alone and not _WORD_CHAR.search(text, marks[index].pos + 1, end):
            marks[index] = marks[index]._replace(role=Role.ORPHAN_OPEN)
    unclosed = tuple(marks[i] for i, _ in doubles if i != CARRIED and marks[i].role is not Role.ORPHAN_OPEN)
    return new(Paragraph, (0, end, tuple(marks), unclosed))
