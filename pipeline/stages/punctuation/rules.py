"""Punctuation repair: quote marks, stray and doubled full stops, doubled words, spacing.

Each rule is a small pure function over the text left by the rules before it
(``RuleStage("punctuation")`` runs them in the order they are defined here).
Every rule scans the whole text with compiled regexes or the quote scanner, so
that a clean text costs one failed search per rule.
"""

from __future__ import annotations

import functools
import re
from importlib import resources
from typing import Iterator, Sequence

from pipeline.tables import boilerplate
from pipeline.core.edits import Fix
from pipeline.stages.names.evidence import zipf
from pipeline.stages.punctuation.quotes import CLOSING_OF, DOUBLE_MARKS, OPENING_MARKS, STRAIGHT_MARKS, Mark, Paragraph, Role, closing_position, gap_follows, marks_of, mismatched_close, scan, speech_tag_follows
from pipeline.core.rules import PARAGRAPH, QUOTES, rule
from pipeline.tables.table import Table

STAGE = "punctuation"
# ``\s``, spelt out: a class of explicit ranges is checked far faster than the category.
WHITE_SPACE = "\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_HSPACE = frozenset(" \t\u00a0\u2009\u202f")
_WORD_END = frozenset(")]”’%")


def _load_list(name: str) -> frozenset[str]:
    """Lower-cased entries of ``pipeline/data/<name>``, without ``#`` comments or a final full stop."""
    lines = resources.files("pipeline").joinpath("data", name).read_text(encoding="utf-8").splitlines()
    entries = (line.split("#", 1)[0].strip().lower().rstrip(".") for line in lines)
    return frozenset(e for e in entries if e)


ABBREVIATIONS = _load_list("abbreviations.txt")
REDUPLICATIONS = _load_list("reduplications.txt")
# Lower-case words that start a name: "de Gaulle", "van der Bellen", "al-Assad".
NAME_PARTICLES = frozenset(
    "al bin bint ibn da das de del della der di do dos du la le van von ter ten zu y".split()
)


def _space_start(text: str, pos: int, floor: int) -> int:
    """Start of the run of spaces (not line breaks) that ends at ``pos``, not before ``floor``."""
    while pos > floor and text[pos - 1] in _HSPACE:
        pos -= 1
    return pos


def _ends_word(text: str, pos: int) -> bool:
    """Whether a word, figure or closing bracket or quote ends right before ``pos``."""
    return pos > 0 and (text[pos - 1].isalnum() or text[pos - 1] in _WORD_END)


def _drop_mark(text: str, paragraph: Paragraph, pos: int, reason: str, replacement: str = "") -> Fix:
    """Replace the mark at ``pos`` together with the spaces before it."""
    return Fix(_space_start(text, pos, paragraph.start), pos + 1, replacement, reason)


def _quotation_goes_on(paragraph: Paragraph | None) -> bool:
    """Whether ``paragraph`` closes a quote it never opened: one running on from before."""
    first = paragraph.first_double() if paragraph else None
    return first is not None and first.role is Role.ORPHAN_CLOSE


def _leaves_quote_open(paragraph: Paragraph) -> bool:
    """Whether a double quote opened in ``paragraph`` may run on into the next one."""
    return bool(paragraph.unclosed) or any(m.double and m.role is Role.ORPHAN_OPEN for m in paragraph.marks)


# --- 1 ---------------------------------------------------------------------

# A line holding one dash, bullet or pipe. A lone ASCII "-" counts only below a blank line:
# right under a text line it underlines a markdown heading. Runs of such lines are matched
# from the line break before them (a literal first character keeps the search fast).
_JUNK_MARKS = "–—‐―•·|¦‖│▪■●◦"
_JUNK_LINE = rf"[^\S\n]*(?:[{_JUNK_MARKS}]|(?<=\n\n)-)[^\S\n]*"
_JUNK_AFTER_BREAK = re.compile(rf"\n{_JUNK_LINE}(?:\n{_JUNK_LINE})*(?=\n|\Z)")
_JUNK_AT_START = re.compile(rf"[^\S\n]*[-{_JUNK_MARKS}][^\S\n]*(?:\n{_JUNK_LINE})*(?=\n|\Z)")


@rule("drop-junk-line", stage=STAGE, risk="review")
def drop_junk_line(text: str) -> Iterator[Fix]:
    """A line holding only a dash, bullet or pipe left by the scraper: delete it with its line break.

    Leaves alone markdown rules and breaks (---, ***, * * *), dashes within text
    (``09/16/2022 – 00:26``) and any line with a letter or digit.
    """
    first = _JUNK_AT_START.match(text)
    runs = [first] if first else []
    runs += _JUNK_AFTER_BREAK.finditer(text, first.end() if first else 0)
    for run in runs:
        start, end = run.span()
        start += text[start] == "\n"
        yield Fix(*_lines_to_drop(text, start, end), "", "line holding only a dash or bullet left by the scraper")


def _lines_to_drop(text: str, start: int, end: int) -> tuple[int, int]:
    """What deleting the whole lines ``text[start:end]`` (line break excluded) deletes: their own
    line break (the one before them at the end of the text), and where they stand between two
    blank lines, one of those too, so that paragraphs stay one blank line apart."""
    if end == len(text):
        return start - (start > 0), end
    if text[start - 2 : start] == "\n\n" and text[end + 1 : end + 2] == "\n":
        start -= 1  # the blank line before goes: what follows may be deleted in its turn
    return start, end + 1


# Lines from the page around the article: the list and its matching are in pipeline/tables/boilerplate.py.


@rule("drop-boilerplate-line", stage=STAGE, risk="review")
def drop_boilerplate_line(text: str, *, table: Table | None = None) -> Iterator[Fix]:
    """A line the scraper took from the page (``Advertisement``, ``Read also: <headline>``): delete it with its line break.

    Leaves alone the same words inside a line (``Share prices fell.``), a sentence that
    starts with them (``Advertisement revenue fell 10% in May.``, ``Photo: Rescuers search
    the rubble.``), datelines, bylines (``Photos: A, text: B``), ``Source:`` lines, captions,
    list items (``- Print``), markdown headings, quoted lines, and a line whose sentence
    goes on in lower case on the next (hard-wrapped text). The list is
    ``pipeline/data/boilerplate.txt`` plus the table's ``boilerplate`` entries.
    """
    found = boilerplate.matcher(table.boilerplate if table is not None else ()).lines(text)
    runs: list[list[tuple[int, int, boilerplate.Entry]]] = []
    for line in found:  # consecutive lines go in one edit, as drop-junk-line's runs do
        if runs and runs[-1][-1][1] + 1 == line[0]:
            runs[-1].append(line)
        else:
            runs.append([line])
    for run in runs:
        start, end = _lines_to_drop(text, run[0][0], run[-1][1])
        shown = ", ".join(f"“{text[s:e].strip()}”" for s, e, _ in run)
        yield Fix(start, end, "", f"{shown}: from the web page around the article, not part of it")


# --- 2: commas, and spaces around punctuation ----------------------------------

# The comma rules run first: each repairs in one edit what drop-space-before-punctuation and
# add-space-after-punctuation would otherwise take in two ("Kyiv ,adding" would lose its space
# in one edit and take one after the comma in another, a round later). move-space-after-comma
# is a rule of its own, not a case of drop-space-before-punctuation: its edit moves the space
# (one edit, one reason for the reviewer) where that rule's only drops one, and that rule's
# search stays as it is.

# Two commas with only spaces between them (",,", ", ,"), found from the first comma: a
# comma is common, but nearly every one fails at once, on the character after it.
_DOUBLED_COMMA = re.compile(r",[^\S\n]*+,")
_GLUED_COMMA = re.compile(r",[^\s,]")
_OPENING = frozenset("“‘\"'(«[")


def _space_end(text: str, pos: int) -> int:
    """End of the run of spaces (not line breaks) that starts at ``pos``."""
    while pos < len(text) and text[pos] in _HSPACE:
        pos += 1
    return pos


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
        start, end = _space_start(text, first, 0), _space_end(text, second + 1)
        after = text[end : end + 1]
        if after == "," or not _ends_word(text, start) or (text[start - 1].isdigit() and after.isdigit()):
            continue
        if start == first and end == second + 1:  # glued on both sides: data, where other commas are glued too
            line_start, line_end = text.rfind("\n", 0, first) + 1, _line_end(text, second)
            if _GLUED_COMMA.search(text, line_start, first) or _GLUED_COMMA.search(text, second + 1, line_end):
                continue
        if after.isalnum() or after in _OPENING:
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
        start = _space_start(text, comma, 0)
        if start < comma and _ends_word(text, start):
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
# alternation gets no first-character skip from the regex engine, and was 3x slower.)
_PUNCTUATION_AFTER_SPACE = re.compile(r"[,;:.](?<=[^\S\n].)(?=\s|\Z)(?:(?<=[,;:])|(?! \.))")
_SPACE_NOT_BREAK = frozenset(re.findall(f"[{WHITE_SPACE}]", "".join(map(chr, range(0x3001))))) - {"\n"}


@rule("drop-space-before-punctuation", stage=STAGE, risk="safe", scope=PARAGRAPH)
def drop_space_before_punctuation(text: str) -> Iterator[Fix]:
    """A space between a word and the , ; : or . after it (``word ,``).

    Leaves alone ``.5``, ``.NET``, ellipses, ``:)``, figures on both sides
    (``10 : 30``, ``1 , 2``) and anything at the start of a line (list markers).
    """
    for match in _PUNCTUATION_AFTER_SPACE.finditer(text):
        start = end = match.start()
        while start and text[start - 1] in _SPACE_NOT_BREAK:
            start -= 1
        between_figures = text[start - 1].isdigit() and text[end + 1 : end + 3].strip()[:1].isdigit()
        if _ends_word(text, start) and not between_figures:
            yield Fix(start, end, "", "space before punctuation")


# A mark between a word and a letter (``minister,the``, ``Komaki,causing``, ``days.It``),
# found from the mark: nearly every mark in prose has a space after it, and fails there at
# once. The mark must follow a letter after a word character or an apostrophe: an initial
# (``U.S.``, ``J.K.Rowling``), a figure (``1,000``) or an ellipsis fails in the search itself.
# The token around it and the words either side are checked on the (rare) matches.
_MARK_BEFORE_LETTER = re.compile(r"[,;:.?!](?=[A-Za-z])(?<=(?:[^\W_]|[’'])[^\W\d_].)")
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
_LONGEST_TOKEN = 100  # a longer run without a space is not prose


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
    for match in _MARK_BEFORE_LETTER.finditer(text):
        mark = match.start()
        start, end = _token_around(text, mark)
        token = text[start:end]
        if end - start > _LONGEST_TOKEN or any(c in _IN_ADDRESS for c in token) or "www." in token.lower():
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
    further than ``_LONGEST_TOKEN`` characters either side."""
    start, floor = pos, max(pos - _LONGEST_TOKEN, 0)
    while start > floor and not text[start - 1].isspace():
        start -= 1
    end, ceiling = pos + 1, min(pos + _LONGEST_TOKEN, len(text))
    while end < ceiling and not text[end].isspace():
        end += 1
    return start, end


# --- 3-4: full stops -------------------------------------------------------

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
        if _ends_word(text, start):
            if not (glued and _two_dot_pause(text, start, match.end())):
                yield Fix(match.start(1), match.end(1), "", "doubled full stop")
        elif glued and start and text[start - 1] in _HSPACE:
            spaces = _space_start(text, start, 0)
            if _ends_word(text, spaces) and not _two_dot_pause(text, spaces, match.end()):
                yield Fix(spaces, match.end(1), ".", "doubled full stop after a space")


_BEFORE_INTERJECTION = frozenset(" \t\u00a0-–—'\"“‘«(")


def _two_dot_pause(text: str, word_end: int, end: int) -> bool:
    """Whether ``..`` (ending at ``end``, after a word ending at ``word_end``) is a pause, not a
    doubled stop: a lower-case word goes on after it (``ah.. well``), or it follows the only
    word of its line, after a dash or quote mark of dialogue (``-Oh.. I see``)."""
    after = _space_end(text, end)
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


# --- 5-6: doubled words ---------------------------------------------------

# A word, spaces (a non-breaking one too, not a line break), then the same word in any case.
# The first word starts the text or follows white space, an opening quote mark or bracket,
# a dash or an ellipsis (a leading character class of explicit characters keeps the search
# fast: a negated one, ``[^\w]``, made the rule 1.7x slower). Whether the repeat is damage
# is decided on the (rare) matches.
# (``[a-z]*+``: the word is every letter up to the space; the regex engine need not try
# fewer. A word in capitals fails at its second letter: such repeats are not ours.)
_REPEATED_WORD = r"([A-Za-z][a-z]*+)([ \t\u00a0\u2009\u202f]++)((?i:\1))(?![\w-]|[’'][^\W\d_])"
_DOUBLED_WORD = re.compile(rf"[{WHITE_SPACE}“‘(\[\"'«—–\-…]" + _REPEATED_WORD)
_DOUBLED_WORD_AT_START = re.compile(_REPEATED_WORD)
# Words no name spells, which no sentence starts with twice on purpose: "The the
# government" is damage where "Will will" (a name, then a verb) or "That that" is not.
# English's closed classes, but for words that are names or months too (Will, May, Mark,
# June), "that", and "no", "so" and "now", doubled on purpose in speech ("No no I didn't",
# "So so much", "Now now"). "Many, many" and "There, there" take a comma.
_CLOSED_CLASS = frozenset(
    # articles, determiners, quantifiers
    "a an the this these those all any both each every few many most much none some several "
    "such other another either neither "
    # pronouns
    "it its he she we they i you me him her us them his our their my your who whom whose which what "
    # conjunctions, wh-words and subordinators
    "and but or nor yet if when where why how whether while because although though unless whereas "
    "once since until "
    # prepositions
    "in on at of to for from with by as about into after before under over above according among "
    "across against along amid around behind below beneath beside besides between beyond despite "
    "during except inside near onto outside past through throughout toward towards upon via within without "
    # adverbs that open sentences, and the negation
    "there here then thus also however meanwhile moreover still not "
    # forms of be and have
    "is are was were has have".split()
)
# Of those, the words doubled on their own in speech ("There there, don't cry", "Here here!",
# "What what?"): a slip only where a word follows the pair ("There there are ten").
_SAID_TWICE = frozenset("there here what who why how".split())
_WORD_FOLLOWS = re.compile(r"[ \t\u00a0]+[^\W_]")
# Forms of "be" and "do", doubled on purpose only where a clause opening with "what",
# "all", "how"... ends ("What it is is a mess", "What he did did matter"): the clause opens
# the sentence, or follows a comma, a semicolon, a colon or a dash (a conjunction may come
# first: "and what it is is"), and has no verb of its own before the repeat.
_BE_AND_DO = frozenset("is are was were does did".split())
_CLAUSE_ENDS = (". ", "! ", "? ", "\n", ", ", "; ", ": ", " – ", " — ")
_BE = re.compile(r"\b(?:is|are|was|were)\b")  # the relative clause's own verb comes before the repeat
_FUSED_RELATIVE = re.compile(
    r"[\s“‘\"'(«]*(?:(?:and|but|or|so|yet|that|because)\s+)?(?:what(?:ever)?|who(?:ever)?|where|when|why|how|whether|all)\b",
    re.IGNORECASE,
)
# Particles, doubled on purpose after a verb that makes a phrase ending in them ("gave in
# in the end", "going on on the ground", "voted on on Monday"; data/phrasal_verbs.txt), or
# after another particle ("came back on on Monday", "cracked down on on"). After any other
# word the repeat is a slip ("based on on", "fields in in").
_PARTICLES = frozenset("on in out up off over down".split())
_AFTER_PARTICLE = _PARTICLES | {"back"}
# Between the verb and its particle: an object pronoun ("let her in"), or a determiner and a
# word or two ("let the dog in", "brought the new troops in").
_OBJECT_PRONOUNS = frozenset("it him her them me us you this that these those everything something anything".split())
_DETERMINERS = frozenset("the a an this that these those his her its our their my your".split())
# A verb contracted after an apostrophe: "The meeting's on on Tuesday", "They're in in force".
_CONTRACTED = {"s": "is", "re": "are", "m": "am", "ve": "have", "d": "had", "ll": "will"}
_IN_WORD = frozenset("'-")  # after a letter, these join a word to it (o'clock, well-known)
_CLOSING = frozenset("”’\")»]")


def _verb_forms(verb: str, irregular: dict[str, tuple[str, ...]]) -> set[str]:
    """``verb`` (a base form) and its inflections: -s, -es, -ies, -ed, -d, -ied, -ing, -ying,
    each with the last consonant doubled or not (a form no verb has never turns up), and its
    irregular forms."""
    forms = {verb, verb + "s", verb + "es", verb + "ed", verb + "d", verb + "ing"}
    forms |= {verb + verb[-1] + "ed", verb + verb[-1] + "ing"}  # stopped, logging
    if verb.endswith("e"):
        forms.add(verb[:-1] + "ing")  # moving
    if verb.endswith("ie"):
        forms.add(verb[:-2] + "ying")  # lying
    if verb.endswith("y"):
        forms |= {verb[:-1] + "ies", verb[:-1] + "ied"}  # carries, carried
    return forms | set(irregular.get(verb, ()))


def _phrasal_verb_forms() -> dict[str, frozenset[str]]:
    """For each particle, the forms of the verbs that make a phrase ending in it
    (``data/phrasal_verbs.txt``, with ``data/irregular_verbs.txt``)."""
    irregular = {line.split()[0]: tuple(line.split()[1:]) for line in _load_list("irregular_verbs.txt")}
    forms: dict[str, set[str]] = {particle: set() for particle in _PARTICLES}
    for line in _load_list("phrasal_verbs.txt"):
        verb, particle = line.split()
        forms[particle] |= _verb_forms(verb, irregular)
    return {particle: frozenset(found) for particle, found in forms.items()}


PHRASAL_VERB_FORMS = _phrasal_verb_forms()


@rule("drop-doubled-word", stage=STAGE, risk="safe", scope=PARAGRAPH)
def drop_doubled_word(text: str, *, table: Table | None = None) -> Iterator[Fix]:
    """A word written twice in a row (``will will``, ``The the government``, ``According according to``, ``in  in May``, ``based on on``): keep the first.

    Leaves alone repetitions English makes on purpose (``had had``, ``very very``;
    data/reduplications.txt), ``is is`` closing a clause that opens with ``what``,
    ``all``, ``how``... (``What it is is``), ``in in`` and the like after a verb that
    makes a phrase ending in the particle (``going on on the ground``, ``let her in
    in``; data/phrasal_verbs.txt), words in capitals, and capitalised repeats
    (``Bora Bora``, ``Will will``: names are not ours) but for closed-class words no
    name spells (``the``, ``in``, ``according``, ``there``...) at the start of a
    sentence (not ``That that``, ``No no``, nor ``There there,``, ``Here here!``), and
    in any case the table's reduplications (``Ylang Ylang``: ``ylang ylang``).
    """
    named = _reduplicated_words(table.reduplications if table is not None else ())
    first = _DOUBLED_WORD_AT_START.match(text)
    if first and first.group(1).lower() not in named and _unintended_repeat(text, first):
        yield Fix(first.start(2), first.end(3), "", "word written twice")
    pos = 0
    while match := _DOUBLED_WORD.search(text, pos):
        lead = match.start()
        in_word = lead and text[lead] in _IN_WORD and text[lead - 1].isalnum()  # "o'clock clock"
        if not in_word and match.group(1).lower() not in named and _unintended_repeat(text, match):
            yield Fix(match.start(2), match.end(3), "", "word written twice")
        pos = match.end(2) - 1  # the second word may start a repeat too: "well-known known known"


# A word this common, doubled, is a slip even where a name repeats it ("The The", "Talk Talk").
_COMMON_ZIPF = 3.0


@functools.lru_cache(maxsize=8)
def _reduplicated_words(reduplications: tuple[str, ...]) -> frozenset[str]:
    """The rare words the table's reduplications repeat, lower-cased: ``ylang ylang``,
    ``mahi mahi`` are those names in lower case, where a doubled ``the`` (``The The``, a
    band) is still a slip."""
    if not reduplications:
        return frozenset()
    words = {name.split()[0].lower() for name in reduplications if len(set(name.lower().split())) == 1 and " " in name}
    return frozenset(w for w in words if (zipf(w) or 0.0) < _COMMON_ZIPF)


def _unintended_repeat(text: str, match: re.Match) -> bool:
    """Whether the word of ``match`` (a word, spaces, the word again) is written twice by mistake."""
    word, again = match.group(1), match.group(3)
    if word == again and word.islower():
        if word in _BE_AND_DO:
            opened = _FUSED_RELATIVE.match(text, _clause_start(text, match.start()), match.start(1))
            if opened and not _BE.search(text, opened.end(), match.start(1)):
                return False  # "What it is is", not "What's new is they are are"
            return not text.startswith(" that", match.end())  # "the thing is is that"
        if word in _PARTICLES:
            return not _ends_phrasal_verb(text, match.start(1), word)
        return word not in REDUPLICATIONS
    capitalised = word == again.capitalize() and (again.islower() or again == word)
    return (
        capitalised
        and again.lower() in _CLOSED_CLASS
        and _starts_sentence(text, match.start(1))
        and (again not in _SAID_TWICE or _WORD_FOLLOWS.match(text, match.end()) is not None)
    )


def _clause_start(text: str, pos: int) -> int:
    """Where the clause holding ``pos`` starts: after the last sentence end, line break, comma,
    semicolon, colon or spaced dash before it (0 where there is none)."""
    start = 0
    for end in _CLAUSE_ENDS:
        found = text.rfind(end, 0, pos)
        if found >= 0 and found + len(end) > start:
            start = found + len(end)
    return start


def _ends_phrasal_verb(text: str, pos: int, particle: str) -> bool:
    """Whether ``particle``, starting at ``pos``, ends a phrasal verb: right after a form of a
    verb that makes one with it (``gave in``), after another particle (``back on``), or after
    such a verb and its object (``let her in``, ``let the dog in``, ``brought the new troops in``)."""
    verbs = PHRASAL_VERB_FORMS[particle]
    words = _words_before(text, pos, 4)
    if not words:
        return False
    if words[0] in verbs or words[0] in _AFTER_PARTICLE:
        return True
    if words[0] in _OBJECT_PRONOUNS:
        return len(words) > 1 and words[1] in verbs
    return any(words[i] in _DETERMINERS and words[i + 1] in verbs for i in (1, 2) if i + 1 < len(words))


def _words_before(text: str, pos: int, most: int) -> list[str]:
    """Up to ``most`` lower-cased words ending before ``pos``, nearest first, each followed by
    spaces only: they stop at a mark, a figure or a line start (no verb reaches past those)."""
    words: list[str] = []
    while len(words) < most:
        end = _space_start(text, pos, 0)
        start = end
        while start and text[start - 1].isalpha():
            start -= 1
        if end == pos or start == end:
            break
        if start > 1 and text[start - 1] in "’'" and text[start - 2].isalpha():
            words.append(_CONTRACTED.get(text[start:end].lower(), ""))
            break  # "meeting's": the verb is all that counts
        if start and not text[start - 1].isspace() and text[start - 1] not in _OPENING:
            break
        words.append(text[start:end].lower())
        pos = start
    return words


def _starts_sentence(text: str, pos: int) -> bool:
    """Whether a sentence starts at ``pos``: at a line start, or after . ! ? … and a space
    (opening marks before it, closing marks after the stop)."""
    while pos and text[pos - 1] in _OPENING:
        pos -= 1
    before = _space_start(text, pos, 0)
    if before == 0 or text[before - 1] == "\n":
        return True
    if before == pos:
        return False  # glued to what comes before it
    while before and text[before - 1] in _CLOSING:
        before -= 1
    return before > 0 and text[before - 1] in ".!?…"


_SECOND_DETERMINER = r"(its|his|their|our|my|your|this|that|these|those|the)\b"
_DOUBLED_DETERMINER = re.compile(r"(the|an?) " + _SECOND_DETERMINER)
# Where a match of it may start: each article before a space and one of those words, found
# by one search per article. A regex opening with a word gets the regex engine's fast
# search for that word; one opening with an alternation is tried at every "t" and "a".
_ARTICLE_BEFORE_DETERMINER = [re.compile(f"{article} (?={_SECOND_DETERMINER})") for article in ("the", "an", "a")]
# "a his and hers set", "a that" are not damage; "the the" is drop-doubled-word's.
_NOT_AFTER = {"the": {"the"}, "a": {"his", "that"}, "an": {"his", "that"}}
_JOINERS = frozenset("’'-.")


@rule("drop-doubled-determiner", stage=STAGE, risk="safe", scope=PARAGRAPH)
def drop_doubled_determiner(text: str) -> Iterator[Fix]:
    """An article before a possessive or demonstrative (``the its``, ``a the``): drop the article.

    Leaves alone ``the her`` (her may be an object pronoun), capitalised articles
    and words with punctuation between them.
    """
    for match in _doubled_determiners(text):
        start, end = match.span()
        if (
            match.group(2) not in _NOT_AFTER[match.group(1)]
            and not (start and (text[start - 1].isalnum() or text[start - 1] in _JOINERS))
            and text[end : end + 1] not in _JOINERS
        ):
            yield Fix(start, match.start(2), "", "article before a possessive or demonstrative")


def _doubled_determiners(text: str) -> Iterator[re.Match]:
    """The matches of ``_DOUBLED_DETERMINER.finditer(text)``, the regex tried only where an
    article and a space come before one of its second words (places that may overlap)."""
    places = sorted(m.start() for pattern in _ARTICLE_BEFORE_DETERMINER for m in pattern.finditer(text))
    end = 0
    for place in places:
        if place >= end and (match := _DOUBLED_DETERMINER.match(text, place)) is not None:
            yield match
            end = match.end()  # finditer resumes at a match's end


# --- 7: bracketed ellipsis -------------------------------------------------

_BRACKETED_ELLIPSIS = re.compile(r"[\[(](?:…|\.\.\.)[\])]")
_ELLIPSES = ("…", "...")  # one of these, then ) or ], ends every match


@rule("add-space-before-bracketed-ellipsis", stage=STAGE, risk="safe", scope=PARAGRAPH)
def add_space_before_bracketed_ellipsis(text: str) -> Iterator[Fix]:
    """A bracketed ellipsis glued to the word before it (``West[…]``): add a space.

    Leaves alone other brackets (``f(x)``, ``country(s)``, ``[1]``) and an ellipsis
    already spaced or at the start of a line.
    """
    # Rare, and a search for a leading character class tests every character: a text
    # without a closing bracket after an ellipsis (quick substring searches, most texts
    # failing the first two) has none.
    if not any(ellipsis in text and (ellipsis + ")" in text or ellipsis + "]" in text) for ellipsis in _ELLIPSES):
        return
    for match in _BRACKETED_ELLIPSIS.finditer(text):
        at = match.start()
        if at and text[at - 1].isalnum():
            yield Fix(at, at, " ", "no space before a bracketed ellipsis")


# --- 8-13: quote marks ------------------------------------------------------
# The quote scanner reads a quotation over all the lines it spans (``pipeline.stages.punctuation.quotes.scan``),
# so these rules read the whole text again where a change may move a quotation (scope
# QUOTES), and run last: a paragraph that only the rules before them changed is not scanned
# for quote marks again.


@rule("fix-quote-direction", stage=STAGE, risk="safe", scope=QUOTES)
def fix_quote_direction(text: str) -> Iterator[Fix]:
    """A quote mark facing the wrong way: “ ‘ where an open quote ends (``action “.``, ``the “tiger“ brand``), ” where one opens (``said ”we``).

    Leaves alone “ before a word (a nested or new quotation), ‘ before a digit
    (’90s mistyped), ’ before a word (an apostrophe: ’tis) and quotes already
    right. Spaces before a closing mark go with it.
    """
    for paragraph, mark in marks_of(text, Role.MISDIRECTED_CLOSE, Role.MISDIRECTED_OPEN):
        at = paragraph.at(mark)
        if mark.role is Role.MISDIRECTED_OPEN:  # only ” can be: ’ before a word is an apostrophe
            yield Fix(at, at + 1, "“", "closing quote mark where a quote opens")
        else:  # “ or ‘
            yield _drop_mark(text, paragraph, at, "opening quote mark where the quote closes", CLOSING_OF[mark.char])


@rule("curl-straight-closing-quote", stage=STAGE, risk="safe", scope=QUOTES)
def curl_straight_closing_quote(text: str) -> Iterator[Fix]:
    """A straight ' or " closing a quote that a curly mark opened: make it the curly closing mark.

    Leaves alone straight quotes closing straight quotes and apostrophes: the
    stage never curls or straightens quotes wholesale.
    """
    for paragraph, mark in marks_of(text, Role.CLOSE):
        if mark.char in STRAIGHT_MARKS and mark.opener not in STRAIGHT_MARKS:
            at = paragraph.at(mark)
            yield Fix(at, at + 1, CLOSING_OF[mark.char], "straight mark closing a curly quote")


@rule("drop-space-before-closing-quote", stage=STAGE, risk="safe", scope=QUOTES)
def drop_space_before_closing_quote(text: str) -> Iterator[Fix]:
    """Spaces before a closing mark that ends an open quote (``Russia ”.``, ``equality ".``, ``costs, "the mayor said`` → ``costs," the mayor said``).

    Leaves alone a straight mark unless only punctuation or the paragraph end follows
    it (``a " b`` may open or close), closing marks followed by a word and marks at
    the start of a line.
    """
    for paragraph, mark in marks_of(text, Role.CLOSE):
        at = paragraph.start + mark.pos
        # The space before is checked first: nearly every closing mark has none.
        if not (mark.pos and text[at - 1] in _HSPACE):
            continue
        if mark.char == '"' and speech_tag_follows(text, at):  # `costs, "the mayor said`
            yield Fix(at - 1, at + 1, '" ', "closing quote mark on the wrong side of its space")
            continue
        if mark.char in "”’":
            placed = gap_follows(text, at, paragraph.end)
        else:  # straight: where nothing but punctuation follows, and the opener is tight
            placed = mark.char == '"' and closing_position(text, at, paragraph.end) and _opened_tight(text, paragraph, mark)
        if placed:
            start = _space_start(text, at, paragraph.start)
            if paragraph.start < start:
                yield Fix(start, at, "", "space before a closing quote mark")


def _opened_tight(text: str, paragraph: Paragraph, mark: Mark) -> bool:
    """Whether the quote ``mark`` closes opened without a space after its mark (``"a b "``
    spaces both marks, as tokenised text does: a style, not a slip)."""
    openers = [m for m in paragraph.marks if m.pos < mark.pos and m.double and m.role is Role.OPEN]
    return not openers or not text[paragraph.at(openers[-1]) + 1 : paragraph.at(openers[-1]) + 2].isspace()


@rule("fix-mismatched-closing-quote", stage=STAGE, risk="review", scope=QUOTES)
def fix_mismatched_closing_quote(text: str) -> Iterator[Fix]:
    """A double quote closed by a single mark (``"will vote yes'.``, ``"Harvest' are``): make it the closing mark of its kind.

    Only where that mark, read as the double closing mark, leaves every quote of the
    paragraph paired, and no other does. Leaves alone a quote a later paragraph
    closes, plural possessives before their noun (``the workers' union``),
    apostrophes inside a word, and a single mark closing a single quote.
    """
    paragraphs = scan(text)
    for i, paragraph in enumerate(paragraphs):
        if paragraph.carried and paragraph.first_double() is None:  # a quote from earlier lines ends here
            opener, after = paragraph.carried, -1
        elif len(paragraph.unclosed) == 1 and not paragraph.continues:
            opener, after = paragraph.unclosed[0].char, paragraph.unclosed[0].pos
        else:
            continue
        mark = mismatched_close(text[paragraph.start : paragraph.end], paragraph.marks, opener, after)
        if mark is not None:
            at = paragraph.at(mark)
            closer = '"' if opener == '"' else "”"
            yield Fix(at, at + 1, closer, f"single mark closing a quote opened with {opener}")


@rule("drop-orphan-quote", stage=STAGE, risk="review", scope=QUOTES)
def drop_orphan_quote(text: str) -> Iterator[Fix]:
    """A quote mark that pairs with nothing: an opener with no word after it, or a lone closing double mark apart from any word.

    Leaves alone marks the paragraphs around may pair: a quotation running on from
    earlier lines or into the next paragraph, a closing mark right after a word or
    punctuation (``head,” he said``: the quotation's opener is what is missing, and
    a person must place it), inch marks after figures (12”), and in
    a text of one paragraph (a fragment of a longer text) a straight mark at its end
    where no quote in it is paired: it may close a quotation opened before it.
    """
    paragraphs = scan(text)
    fragment = len(paragraphs) == 1
    orphan_open, orphan_close = Role.ORPHAN_OPEN, Role.ORPHAN_CLOSE
    for i, paragraph in enumerate(paragraphs):
        for mark in paragraph.marks:
            if mark.role is not orphan_open and mark.role is not orphan_close:
                continue  # nearly every mark: passed over before anything is worked out
            following = paragraphs[i + 1] if i + 1 < len(paragraphs) else None
            at = paragraph.at(mark)
            if mark.role is orphan_open:
                if not (mark.double and _quotation_goes_on(following)) and not (fragment and _may_close(text, paragraph, mark)):
                    yield _drop_mark(text, paragraph, at, "opening quote mark with nothing after it")
            elif (
                mark.double
                and mark.pos > 0
                and text[at - 1] in _HSPACE  # detached; one after a word closes a quotation whose opener is lost
                and gap_follows(text, at, paragraph.end)  # not before a speech tag: `, "he said` closes one too
                and not (i and _leaves_quote_open(paragraphs[i - 1]))
                and not _quotation_goes_on(following)
            ):
                yield _drop_mark(text, paragraph, at, "closing quote mark with no quote open")


def _may_close(text: str, paragraph: Paragraph, mark: Mark) -> bool:
    """Whether an orphan ``mark`` may close a quotation opened before the paragraph: a straight
    mark in a paragraph whose double marks pair with none of each other (``"Hi," he said. "``
    has a pair before it: it opens, and nothing follows; an empty pair ``""``, CSV's escape of a
    mark, pairs nothing)."""
    closes = [m for m in paragraph.marks if m.double and m.role is Role.CLOSE]
    return mark.char in STRAIGHT_MARKS and all(text[paragraph.at(m) - 1] in DOUBLE_MARKS for m in closes)


_FIRST_CHAR = re.compile(r"\s*(\S)")


def _reopened(text: str, paragraphs: Sequence[Paragraph], i: int) -> bool:
    """Whether the paragraph after ``i`` goes on with a quotation: it opens with a quote mark
    (English writes a quotation over several paragraphs so) or closes a quote it never opened."""
    if i + 1 == len(paragraphs):
        return False
    following = paragraphs[i + 1]
    return _FIRST_CHAR.match(text, following.start).group(1) in OPENING_MARKS or _quotation_goes_on(following)


def _quote_goes_on(text: str, paragraphs: Sequence[Paragraph], i: int) -> bool:
    """Whether the quote paragraph ``i`` leaves open may run on past it: a later paragraph
    closes it, the next one continues it, or the text is one paragraph (a fragment of a
    longer one)."""
    return paragraphs[i].continues or len(paragraphs) == 1 or _reopened(text, paragraphs, i)


@rule("close-quote-at-paragraph-end", stage=STAGE, risk="review", scope=QUOTES)
def close_quote_at_paragraph_end(text: str) -> Iterator[Fix]:
    """A double quote left open at the end of a paragraph: close it after the last character.

    Leaves alone a quotation running on over later lines or paragraphs (a later one
    closes it, or the next one opens with a quote mark), a text of one paragraph
    (a fragment: its quotation may go on past it) and nested quotes.
    """
    paragraphs = scan(text)
    for i, paragraph in enumerate(paragraphs):
        if len(paragraph.unclosed) != 1 or _quote_goes_on(text, paragraphs, i):
            continue
        end = paragraph.start + len(text[paragraph.start : paragraph.end].rstrip())
        mark = '"' if paragraph.unclosed[0].char == '"' else "”"
        yield Fix(end, end, mark, "quote still open at the end of the paragraph")
