"""Commas and the spaces around punctuation: a doubled comma, a space before a comma
instead of after it, a space before , ; : . and spaces inside round brackets, and none
after a mark glued to the next word.

Every rule finds its candidates with one compiled regex over the whole text, so that a clean
text costs one failed search per rule; the (rare) matches are then checked in Python.
"""

from __future__ import annotations

import re
from typing import Iterator

from pipeline.core.edits import Fix
from pipeline.core.rules import PARAGRAPH, rule
from pipeline.core.settings import LONGEST_TOKEN
from pipeline.stages.punctuation.common import (
    ABBREVIATIONS,
    HSPACE,
    OPENING,
    STAGE,
    WHITE_SPACE,
    ends_word,
    space_end,
    space_start,
)

# The comma rules run first: each repairs in one edit what drop-space-before-punctuation and
# add-space-after-punctuation would otherwise take in two ("Kyiv ,adding" would lose its space
# in one edit and take one after the comma in another, a round later). move-space-after-comma
# is a rule of its own, not a case of drop-space-before-punctuation: its edit moves the space
# (one edit, one reason for the reviewer) where that rule's only drops one, and that rule's
# search stays as it is.

# Two commas with only spaces between them (",,", ", ,"), found from the first comma: a
# comma is common, but nearly every one fails at once, on the character after it.
_DOUBLED_COMMA = re.compile(r",[^\S\n]*+,")
# A comma glued to the next letter or figure (data: "a,b"), but not one before a quote mark
# (English) nor one between figures (a thousands separator: "400,000").
_GLUED_COMMA = re.compile(r"(?<!\d),[^\W_]|(?<=\d),[^\W\d_]")


def _line_end(text: str, pos: int) -> int:
    """Where the line holding ``pos`` ends (its line break, or the end of the text)."""
    end = text.find("\n", pos)
    return len(text) if end == -1 else end


@rule("drop-doubled-comma", stage=STAGE, risk="safe", scope=PARAGRAPH)
def drop_doubled_comma(text: str) -> Iterator[Fix]:
    """A comma doubled after a word (``Kyiv,, adding``, ``Kyiv, ,adding``): one comma, then one space.

    Leaves alone figures on both sides (``1,,2``), runs of three commas or more,
    the empty field of comma-separated data (``a,,b`` on a line with ``x,y``) and
    commas at the start of a line.
    """
    for match in _DOUBLED_COMMA.finditer(text):
        first, second = match.start(), match.end() - 1
        start, end = space_start(text, first, 0), space_end(text, second + 1)
        after = text[end : end + 1]
        if after == "," or not ends_word(text, start) or (text[start - 1].isdigit() and after.isdigit()):
            continue
        if start == first and end == second + 1:  # glued on both sides: data, where other commas are glued too
            line_start, line_end = text.rfind("\n", 0, first) + 1, _line_end(text, second)
            if _GLUED_COMMA.search(text, line_start, first) or _GLUED_COMMA.search(text, second + 1, line_end):
                continue
        if after.isalnum() or after in OPENING:
            yield Fix(start, end, ", ", "doubled comma")
        else:
            yield Fix(start, second + 1, ",", "doubled comma")


# A comma with a space before it and a letter right after it, found from the comma; the
# word before the spaces is checked on the matches.
_COMMA_BEFORE_LETTER = re.compile(r",(?=[^\W\d_])(?<=[^\S\n],)")


@rule("move-space-after-comma", stage=STAGE, risk="safe", scope=PARAGRAPH)
def move_space_after_comma(text: str) -> Iterator[Fix]:
    """A space before a comma and none after it (``decree ,calling``): move the space after the comma.

    Leaves alone figures (``1 ,2``), a comma at the start of a line (a list
    marker) and a comma with spaces on both sides (drop-space-before-punctuation's).
    """
    for match in _COMMA_BEFORE_LETTER.finditer(text):
        comma = match.start()
        start = space_start(text, comma, 0)
        if start < comma and ends_word(text, start):
            yield Fix(start, comma + 1, ", ", "space before a comma instead of after it")


# drop-space-before-punctuation runs early: a space it drops can make a stray full stop or a
# doubled word out of "the . the", for the rules after it, and it is the most frequent fix.
# Once it and add-space-after-punctuation have run, the rules after them read each
# paragraph's final spacing, so a later round (run_to_fixpoint) has only the rules up to them
# to run again where nothing else changed (the quote rules run last for the same reason).

# Spaces before , ; : or a full stop that ends something (a space or the end follows it),
# found from the mark (far rarer than a space): a mark with a space before it; the run of
# spaces is then walked back from the mark. That a word comes before the spaces is checked
# on the matches.
# (One leading character class, the ". ." test after it: a pattern opening with an
# alternation gets no first-character skip from the regex engine, and was 3x slower. The
# rule searches with one such regex for each mark: see ``_starts``.)
_AFTER_SPACE = r"(?<=[^\S\n].)(?=\s|\Z)(?:(?<=[,;:])|(?! \.))"
_PUNCTUATION_AFTER_SPACE = re.compile(r"[,;:.]" + _AFTER_SPACE)
_EACH_PUNCTUATION_AFTER_SPACE = [re.compile(re.escape(mark) + _AFTER_SPACE) for mark in ",;:."]
_SPACE_NOT_BREAK = frozenset(re.findall(f"[{WHITE_SPACE}]", "".join(map(chr, range(0x3001))))) - {"\n"}


@rule("drop-space-before-punctuation", stage=STAGE, risk="safe", scope=PARAGRAPH)
def drop_space_before_punctuation(text: str) -> Iterator[Fix]:
    """A space between a word and the , ; : or . after it (``word ,``).

    Leaves alone ``.5``, ``.NET``, ellipses, ``:)``, figures on both sides
    (``10 : 30``, ``1 , 2``) and anything at the start of a line (list markers).
    """
    for start in _starts(_EACH_PUNCTUATION_AFTER_SPACE, text):
        end = start
        while start and text[start - 1] in _SPACE_NOT_BREAK:
            start -= 1
        between_figures = text[start - 1].isdigit() and text[end + 1 : end + 3].strip()[:1].isdigit()
        if ends_word(text, start) and not between_figures:
            yield Fix(start, end, "", "space before punctuation")


# Round brackets, each found with its line break: brackets pair within a line.
_BRACKET_OR_BREAK = re.compile(r"[()\n]")


def _space_inside_a_bracket(text: str) -> bool:
    """Whether a space stands right after a ``(`` or right before a ``)``: each bracket found
    with ``str.find``, which skips to one character far faster than a regex or a search for
    two characters scans (most texts hold none, and a few brackets)."""
    for bracket, side in (("(", 1), (")", -1)):
        pos = text.find(bracket)
        while pos >= 0:
            if 0 <= pos + side < len(text) and text[pos + side] in HSPACE:
                return True
            pos = text.find(bracket, pos + 1)
    return False


@rule("drop-space-inside-brackets", stage=STAGE, risk="safe", scope=PARAGRAPH)
def drop_space_inside_brackets(text: str) -> Iterator[Fix]:
    """Spaces just inside round brackets (``( Joint News )``, ``a student (18 )``): the brackets against the words they hold.

    Leaves alone a bracket that pairs with none on its line (a list marker ``a )``, an
    emoticon ``: )``), empty brackets ``( )``, a space after an opening bracket before
    anything but a letter or figure, and a space before a closing bracket after anything but
    a word, a figure, ``%`` or a closing bracket or quote mark (``Ae Fond Kiss... )``).
    """
    if not _space_inside_a_bracket(text):
        return
    opened: list[int] = []
    fixes: list[Fix] = []  # an outer pair closes after the pairs inside it: put in order at the end
    for match in _BRACKET_OR_BREAK.finditer(text):
        pos, mark = match.start(), match.group()
        if mark == "\n":
            opened.clear()
        elif mark == "(":
            opened.append(pos)
        elif opened:
            start = opened.pop()
            inside_start, inside_end = space_end(text, start + 1), space_start(text, pos, start + 1)
            if inside_start >= inside_end:
                continue  # empty brackets
            if inside_start > start + 1 and text[inside_start].isalnum():
                fixes.append(Fix(start + 1, inside_start, "", "space after an opening bracket"))
            if inside_end < pos and ends_word(text, inside_end):
                fixes.append(Fix(inside_end, pos, "", "space before a closing bracket"))
    yield from sorted(fixes)


# A mark between a word and a letter (``minister,the``, ``Komaki,causing``, ``days.It``),
# found from the mark: nearly every mark in prose has a space after it, and fails there at
# once. The mark must follow a letter after a word character or an apostrophe: an initial
# (``U.S.``, ``J.K.Rowling``), a figure (``1,000``) or an ellipsis fails in the search itself.
# The token around it and the words either side are checked on the (rare) matches.
_BEFORE_LETTER = r"(?=[A-Za-z])(?<=(?:[^\W_]|[’'])[^\W\d_].)"
_EACH_MARK_BEFORE_LETTER = [re.compile(re.escape(mark) + _BEFORE_LETTER) for mark in ",;:.?!"]
# After a full stop, ? or !: a capitalised word going on in lower case only (``It``,
# ``Moscow``), not the start of a longer name (``McDonald``, ``Win32``, ``Mureș``, ``Anti-X``),
# a call (``Math.Max(``) or the next part of an address (``example.Co.uk``); or ``A`` or
# ``I`` standing alone (``A man``, ``I’ll``).
_SENTENCE_START_AFTER = re.compile(
    r"(?:[A-Z][a-z]+(?![\w(\[-])(?![.:][A-Za-z])|[AI](?= )|I(?=[’'](?:ll|m|d|ve)\b))"
)
# After , ; : a word, not one of a list glued together (``a,b,c``, ``x:y:z``) or part of a
# longer token (``a1``).
_WORD_AFTER = re.compile(r"[A-Za-z]++(?!\w)(?![,;:.][^\W_])")
# A token holding one of these is an address, a path, an entity or code (``a/b,c``, ``&amp;``,
# ``{a,b}``, ``<b>``); so is one with a bracket glued after a letter (``max(a,b)``).
_IN_ADDRESS = frozenset("/\\@&=#_~%+{}<>|`$^*")
_CALL = re.compile(r"[^\W_][(\[]")
# A glued comma (a token holding two is a list or data: ``red,green,blue``).
_COMMA_BEFORE_CHARACTER = re.compile(r",[^\W_]")
# After a full stop, these are the end of an address or a file name, not a sentence
# (``Booking.Com``, ``Lenta.Ru``, ``Last.Fm``, ``Setup.Exe``): none starts an English sentence.
_TOP_LEVEL_DOMAINS = frozenset(
    "com org net gov edu int info biz io ru ua uk eu fm tv ly jp cn kr "
    "html htm php asp aspx pdf txt exe jpg jpeg png gif zip xml csv mp3 mp4".split()
)
_VOWELS = frozenset("aeiouyAEIOUY")


@rule("add-space-after-punctuation", stage=STAGE, risk="review", scope=PARAGRAPH)
def add_space_after_punctuation(text: str) -> Iterator[Fix]:
    """A , ; : or . ? ! glued to the word after it (``minister,the``, ``Tokyo,Kawamura``, ``said:the``, ``days.It``, ``Thailand.The``): add a space.

    Leaves alone figures (``3.5``, ``1,000``, ``10:30``, ``3:1``, ``No.1``, ``v2.0``),
    addresses, code and names written like them (``www.bbc.co.uk``, ``Amazon.com``,
    ``Booking.Com``, ``Node.js``, ``ASP.NET``, ``Console.WriteLine``, ``max(a,b)``,
    ``report.pdf``, e-mail), dotted abbreviations and initials (``U.S.``, ``e.g.``,
    ``Ph.D.``, ``J.K.Rowling``, ``Dm.Bykov``), ellipses, lists glued together (``a,b``,
    ``red,green,blue``), a . ? ! before a lower-case or all-capital word (``Vol.II``),
    a ; : ? ! after a capitalised, mixed-case or one-letter word (``Yahoo!News``,
    ``WoW!Korea``), a full stop after a mixed-case word (``iPhone.It``) and a quote
    mark after the mark (``said."The``: the quote rules' place). A comma takes the
    space after any word of two characters or more ending in a letter (``12th,a``,
    ``Now,it``); a full stop after a capitalised word too (``Mr.Smith``).
    """
    for mark in _starts(_EACH_MARK_BEFORE_LETTER, text):
        start, end = _token_around(text, mark)
        token = text[start:end]
        if end - start > LONGEST_TOKEN or any(c in _IN_ADDRESS for c in token) or "www." in token.lower():
            continue
        if _CALL.search(token):
            continue  # code: ``max(a,b)``
        kind = text[mark]
        word = mark - 1  # the word before: letters and apostrophes (letters and figures before a comma)
        while word > start and (text[word - 1].isalpha() or text[word - 1] in "’'" or (kind == "," and text[word - 1].isdigit())):
            word -= 1
        before = text[word:mark].strip("’'")
        if len(before) < 2 or not _trusted_before(before, kind):
            continue
        if word > start and (text[word - 1].isdigit() or text[word - 1] in ".,;:?!"):
            continue  # part of a figure, a dotted name or a list glued together (``e.g``, ``a,bc,d``)
        if kind in ",;:":
            after = _WORD_AFTER.match(text, mark + 1)
            if not after or len(after.group()) < (1 if kind == "," else 2):
                continue
            if len(after.group()) == 1 and after.group() not in "aI":
                continue  # not an English word of one letter: a name (``RTS,S``) or an initial (``Smith,J.``)
            if kind == "," and len(_COMMA_BEFORE_CHARACTER.findall(token)) > 1:
                continue  # a list or data: ``red,green,blue``
        else:
            after = _SENTENCE_START_AFTER.match(text, mark + 1)
            if not after or after.group().lower() in _TOP_LEVEL_DOMAINS:
                continue
            if len(after.group()) == 1 and before.lower() in ABBREVIATIONS:
                continue  # a reference: ``Vol.I``, ``Fig.A``
            if not before.islower() and text.startswith(".", after.end()):
                continue  # a dotted abbreviation: ``Chem.Eng.``
        yield Fix(mark + 1, mark + 1, " ", "no space after punctuation")


def _starts(patterns: list[re.Pattern], text: str) -> list[int]:
    """Where the matches of ``patterns`` start in ``text``, in order: for patterns of one mark
    each (and lookarounds), the matches of the one regex for a class of those marks. A regex
    that starts with one character skips ahead to it, where one starting with a class tests
    every character: a search for each mark is several times faster than one for the class."""
    return sorted(match.start() for pattern in patterns for match in pattern.finditer(text))


def _trusted_before(word: str, mark: str) -> bool:
    """Whether a ``mark`` glued to the next word after ``word`` (two characters or more) is a
    lost space: after a comma, any word (``Komaki,causing``, ``12th,a``); after a full stop,
    a lower-case, capitalised or all-capital word (``Thailand.The``, ``NATO.The``), but not a
    capitalised one without a vowel that is no known abbreviation (``Dm.Bykov``: an initial
    of a name; ``Mr.Smith`` takes the space); after ; : ? ! only a lower-case word."""
    if mark == ",":
        return True
    if word.islower():
        return True
    if mark != ".":
        return False
    if word.isupper():
        return True
    if not (word[0].isupper() and word[1:].islower()):
        return False  # mixed case: ``iPhone.It``, ``DateTime.Now``
    return any(c in _VOWELS for c in word) or word.lower() in ABBREVIATIONS


def _token_around(text: str, pos: int) -> tuple[int, int]:
    """(start, end) of the run of characters other than white space around ``pos``, taken no
    further than ``LONGEST_TOKEN`` characters either side."""
    start, floor = pos, max(pos - LONGEST_TOKEN, 0)
    while start > floor and not text[start - 1].isspace():
        start -= 1
    end, ceiling = pos + 1, min(pos + LONGEST_TOKEN, len(text))
    while end < ceiling and not text[end].isspace():
        end += 1
    return start, end
