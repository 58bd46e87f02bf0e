"""Punctuation repair: quote marks, stray and doubled full stops, doubled words, spacing.

Each rule is a small pure function over the text left by the rules before it
(``RuleStage("punctuation")`` runs them in the order they are defined here).
Every rule scans the whole text with compiled regexes or the quote scanner, so
that a clean text costs one failed search per rule.
"""

from __future__ import annotations

import re
from importlib import resources
from itertools import chain
from typing import Iterator

from ..edits import Fix
from ..quotes import CLOSING_OF, OPENING_MARKS, STRAIGHT_MARKS, Paragraph, Role, gap_follows, marks_of, scan
from ..rules import PARAGRAPH, rule

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
        if end < len(text):  # take the lines' own break, not the one before them
            start, end = start + (text[start] == "\n"), end + 1
        yield Fix(start, end, "", "line holding only a dash or bullet left by the scraper")


# --- 2: spaces before punctuation -------------------------------------------

# This runs early: a space it drops can make a stray full stop or a doubled word out of
# "the . the", for the rules after it, and it is the most frequent fix. Once it has run, the
# rules after it read each paragraph's final spacing, so a later round (run_to_fixpoint) has
# only the rules up to it to run again where nothing else changed. For the same reason the
# quote rules, which read a paragraph's every quote mark again, run last: a paragraph that
# only the rules before them changed is not scanned for quote marks again.

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


# --- 3-4: full stops -------------------------------------------------------

# Two full stops ("Moscow. . China", "word.. Next", "etc.."), but not "...", a spaced
# ". . ." or "../x". The first must follow a word: checked on the (rare) matches.
_DOUBLED_STOP = re.compile(r"\.( ?\.)(?=\s|\Z)(?! \.)")


@rule("drop-doubled-full-stop", stage=STAGE, risk="safe", scope=PARAGRAPH)
def drop_doubled_full_stop(text: str) -> Iterator[Fix]:
    """A full stop doubled after a word (``Moscow. . China``, ``word.. Next``, ``etc..``): keep one.

    Leaves alone ellipses (``...``, ``. . .``) and dots in paths (``../x``). An
    abbreviation ending a sentence takes one full stop, so ``etc..`` becomes ``etc.``.
    """
    for match in _DOUBLED_STOP.finditer(text):
        if _ends_word(text, match.start()):
            yield Fix(match.start(1), match.end(1), "", "doubled full stop")


# Where a stray stop may be: a full stop, one space, a lower-case letter.
_STOP_BEFORE_LOWER = re.compile(r"\.(?= [a-z])")
_TOKEN_BEFORE = re.compile(r"[(\[“‘\"'«]*(?P<word>[^\W\d_]+(?:[’'-][^\W\d_]+)*)\Z")
_TOKEN_AFTER = re.compile(r"(?P<word>[a-z]+)(?:[’'-][a-z]+)*[,;:.!?)\]”’\"']*(?=\s|\Z)")
_NEXT_WORD = re.compile(r"[^\S\n]+(\S)")


@rule("drop-stray-full-stop", stage=STAGE, risk="review", scope=PARAGRAPH)
def drop_stray_full_stop(text: str) -> Iterator[Fix]:
    """A full stop splitting one clause, between a word and a lower-case word (``interests. through``).

    Leaves alone abbreviations (``No.``, ``etc.``, ``U.S.``), initials, numbers,
    and words lower-case by nature (``iPhone``, ``eBay``, ``de Gaulle``).
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
        if len(before["word"]) < 2 or before["word"].lower() in ABBREVIATIONS:
            continue
        after = _TOKEN_AFTER.match(text, stop + 2)
        if not after or _starts_name(text, after):
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

# The first word starts the text or follows a space, a line break or an opening mark
# (a leading character class keeps the search fast).
# (``[a-z]++``: the word is every letter up to the space; the regex engine need not try fewer.)
_REPEATED_WORD = r"([a-z]++)( \1)(?![\w’'-])"
_DOUBLED_WORD = re.compile(rf"[{WHITE_SPACE}“‘(\[\"]" + _REPEATED_WORD)
_DOUBLED_WORD_AT_START = re.compile(_REPEATED_WORD)


@rule("drop-doubled-word", stage=STAGE, risk="safe", scope=PARAGRAPH)
def drop_doubled_word(text: str) -> Iterator[Fix]:
    """A lower-case word written twice in a row (``will will``): keep one.

    Leaves alone repetitions English makes on purpose (``had had``, ``very very``;
    data/reduplications.txt) and capitalised words (``Bora Bora``: names are not ours).
    """
    first = _DOUBLED_WORD_AT_START.match(text)
    for match in chain([first] if first else [], _DOUBLED_WORD.finditer(text)):
        if match.group(1) not in REDUPLICATIONS:
            yield Fix(match.start(2), match.end(2), "", "word written twice")


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


# --- 8-12: quote marks ------------------------------------------------------


@rule("fix-quote-direction", stage=STAGE, risk="safe", scope=PARAGRAPH)
def fix_quote_direction(text: str) -> Iterator[Fix]:
    """An opening mark “ ‘ where an open quote ends (before .,;:!? or the paragraph end): make it ” ’.

    Leaves alone “ before a word (a nested or new quotation), ‘ before a digit
    (’90s mistyped) and quotes already right. Spaces before the mark go with it.
    """
    for paragraph, mark in marks_of(text, Role.MISDIRECTED_CLOSE):  # only “ and ‘ can be
        reason = "opening quote mark where the quote closes"
        yield _drop_mark(text, paragraph, paragraph.at(mark), reason, CLOSING_OF[mark.char])


@rule("curl-straight-closing-quote", stage=STAGE, risk="safe", scope=PARAGRAPH)
def curl_straight_closing_quote(text: str) -> Iterator[Fix]:
    """A straight ' or " closing a quote that a curly mark opened: make it the curly closing mark.

    Leaves alone straight quotes closing straight quotes and apostrophes: the
    stage never curls or straightens quotes wholesale.
    """
    for paragraph, mark in marks_of(text, Role.CLOSE):
        if mark.char in STRAIGHT_MARKS and mark.opener not in STRAIGHT_MARKS:
            at = paragraph.at(mark)
            yield Fix(at, at + 1, CLOSING_OF[mark.char], "straight mark closing a curly quote")


@rule("drop-space-before-closing-quote", stage=STAGE, risk="safe", scope=PARAGRAPH)
def drop_space_before_closing_quote(text: str) -> Iterator[Fix]:
    """Spaces before a curly closing mark ” ’ that ends an open quote (``Russia ”.``).

    Leaves alone straight marks (``a " b`` may open or close), closing marks
    followed by a word and marks at the start of a line.
    """
    for paragraph, mark in marks_of(text, Role.CLOSE):
        at = paragraph.start + mark.pos
        # The space before is checked first: nearly every closing mark has none.
        if mark.pos and text[at - 1] in _HSPACE and mark.char in "”’" and gap_follows(text, at, paragraph.end):
            start = _space_start(text, at, paragraph.start)
            if paragraph.start < start:
                yield Fix(start, at, "", "space before a closing quote mark")


@rule("drop-orphan-quote", stage=STAGE, risk="review")
def drop_orphan_quote(text: str) -> Iterator[Fix]:
    """A quote mark that pairs with nothing: an opener with no word after it, or a lone closing double mark.

    Leaves alone marks the paragraphs around may pair: a quotation running on from
    the previous paragraph or into the next, and inch marks after figures (12”).
    """
    paragraphs = scan(text)
    orphan_open, orphan_close = Role.ORPHAN_OPEN, Role.ORPHAN_CLOSE
    for i, paragraph in enumerate(paragraphs):
        for mark in paragraph.marks:
            if mark.role is not orphan_open and mark.role is not orphan_close:
                continue  # nearly every mark: passed over before anything is worked out
            following = paragraphs[i + 1] if i + 1 < len(paragraphs) else None
            at = paragraph.at(mark)
            if mark.role is orphan_open:
                if not (mark.double and _quotation_goes_on(following)):
                    yield _drop_mark(text, paragraph, at, "opening quote mark with nothing after it")
            elif (
                mark.double
                and mark.pos > 0
                and not text[at - 1].isdigit()
                and gap_follows(text, at, paragraph.end)
                and not (i and _leaves_quote_open(paragraphs[i - 1]))
                and not _quotation_goes_on(following)
            ):
                yield _drop_mark(text, paragraph, at, "closing quote mark with no quote open")


_FIRST_CHAR = re.compile(r"\s*(\S)")


@rule("close-quote-at-paragraph-end", stage=STAGE, risk="review")
def close_quote_at_paragraph_end(text: str) -> Iterator[Fix]:
    """A double quote left open at the end of a paragraph: close it after the last character.

    Leaves alone a quotation running over several paragraphs (the next one opens
    with a quote mark, or closes with a mark it never opened) and nested quotes.
    """
    paragraphs = scan(text)
    for i, paragraph in enumerate(paragraphs):
        if len(paragraph.unclosed) != 1:
            continue
        if i + 1 < len(paragraphs):
            following = paragraphs[i + 1]
            reopened = _FIRST_CHAR.match(text, following.start).group(1) in OPENING_MARKS
            if reopened or _quotation_goes_on(following):
                continue
        end = paragraph.start + len(text[paragraph.start : paragraph.end].rstrip())
        mark = '"' if paragraph.unclosed[0].char == '"' else "”"
        yield Fix(end, end, mark, "quote still open at the end of the paragraph")
