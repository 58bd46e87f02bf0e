"""The rules about quote marks: a mark facing the wrong way, a straight mark closing a curly
quote, a space before a closing mark, a double quote closed by a single mark, a mark that
pairs with nothing, and a quote left open at the end of its paragraph.

What each mark is (opening, closing, apostrophe, orphan) is the scanner's work
(``pipeline.stages.punctuation.quotes``); these rules only read its roles. The scanner reads
a quotation over all the lines it spans (``quotes.scan``), so these rules read the whole
text again where a change may move a quotation (scope QUOTES), and run last: a paragraph
that only the rules before them changed is not scanned for quote marks again.
"""

from __future__ import annotations

import re
from typing import Iterator, Sequence

from pipeline.core.edits import Fix
from pipeline.core.rules import PARAGRAPH, QUOTES, rule
from pipeline.core.text import paragraph_spans
from pipeline.stages.punctuation.common import HSPACE, STAGE, space_start
from pipeline.stages.punctuation.quotes import (
    CLOSING_OF,
    DOUBLE_MARKS,
    OPENING_MARKS,
    STRAIGHT_MARKS,
    Mark,
    Paragraph,
    Role,
    closing_position,
    gap_follows,
    marks_of,
    mismatched_close,
    scan,
    speech_tag_follows,
)


def _drop_mark(text: str, paragraph: Paragraph, pos: int, reason: str, replacement: str = "") -> Fix:
    """Replace the mark at ``pos`` together with the spaces before it."""
    return Fix(space_start(text, pos, paragraph.start), pos + 1, replacement, reason)


def _quotation_goes_on(paragraph: Paragraph | None) -> bool:
    """Whether ``paragraph`` closes a quote it never opened: one running on from before."""
    first = paragraph.first_double() if paragraph else None
    return first is not None and first.role is Role.ORPHAN_CLOSE


def _leaves_quote_open(paragraph: Paragraph) -> bool:
    """Whether a double quote opened in ``paragraph`` may run on into the next one."""
    return bool(paragraph.unclosed) or any(m.double and m.role is Role.ORPHAN_OPEN for m in paragraph.marks)


# Two straight double marks, and no third beside them; and any two, found from the first mark
# (a pattern opening on a look-behind gets no skip ahead from the regex engine).
_DOUBLED_MARK = re.compile(r'(?<!")""(?!")')
_TWO_MARKS = re.compile(r'"(?=")')
_OPENS_BEFORE = frozenset("([{")  # besides white space and the paragraph start
_CLOSES_AFTER = frozenset(".,;:!?…)]}")  # besides white space and the paragraph end


@rule("drop-doubled-quote-mark", stage=STAGE, risk="safe", scope=PARAGRAPH)
def drop_doubled_quote_mark(text: str) -> Iterator[Fix]:
    """A straight double mark written twice where quotations open and close: ``said ""we will win""`` → ``said "we will win"``.

    Leaves alone a paragraph where any such pair is not plainly opening (after a space, a
    bracket or the start, before a character) or closing (after a character, before a space,
    a mark that ends a clause or the end), or where pairs do not take turns opening and
    closing, or one opens a quotation it does not close: an empty quotation (``set to "" by
    default``), marks a person must place (``"" Nothing ""``), a pair inside a word, a
    quotation that goes on into the next paragraph. Also three marks or more in a row.
    Translation systems and CSV exports (where ``""`` stands for one mark) leave such pairs;
    English never writes them.
    """
    if not _TWO_MARKS.search(text):
        return
    for start, end in paragraph_spans(text):
        pairs = list(_DOUBLED_MARK.finditer(text, start, end))
        if pairs and _take_turns(text, [m.start() for m in pairs], start, end):
            for match in pairs:
                yield Fix(match.start(), match.start() + 1, "", "quote mark written twice")


def _take_turns(text: str, positions: list[int], start: int, end: int) -> bool:
    """Whether the pairs of marks at ``positions`` (in the paragraph ``start``..``end``) open,
    close, open… in turn, each where a quotation opens or closes, the last closing."""
    if len(positions) % 2:
        return False  # one opens a quotation going on past the paragraph, or closes one from before
    for k, pos in enumerate(positions):
        before = text[pos - 1] if pos > start else " "
        after = text[pos + 2] if pos + 2 < end else " "
        opening = (before.isspace() or before in _OPENS_BEFORE) and not (after.isspace() or after in _CLOSES_AFTER)
        closing = not (before.isspace() or before in _OPENS_BEFORE) and (after.isspace() or after in _CLOSES_AFTER)
        if not (opening if k % 2 == 0 else closing):
            return False
    return True


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
        if not (mark.pos and text[at - 1] in HSPACE):
            continue
        if mark.char == '"' and speech_tag_follows(text, at):  # `costs, "the mayor said`
            yield Fix(at - 1, at + 1, '" ', "closing quote mark on the wrong side of its space")
            continue
        if mark.char in "”’":
            placed = gap_follows(text, at, paragraph.end)
        else:  # straight: where nothing but punctuation follows, and the opener is tight
            placed = mark.char == '"' and closing_position(text, at, paragraph.end) and _opened_tight(text, paragraph, mark)
        if placed:
            start = space_start(text, at, paragraph.start)
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
    paragraph paired, and no other does; a quotation opening after it that a later
    paragraph closes may stay open (``an “investigation’ for … She said: “It goes on``).
    Leaves alone a quote a later paragraph closes, plural possessives before their
    noun (``the workers' union``), apostrophes inside a word, and a single mark closing
    a single quote.
    """
    paragraphs = scan(text)
    for i, paragraph in enumerate(paragraphs):
        unclosed, goes_on = paragraph.unclosed, -1
        if paragraph.carried and paragraph.first_double() is None:  # a quote from earlier lines ends here
            opener, after = paragraph.carried, -1
        elif len(unclosed) == 1 and not paragraph.continues:
            opener, after = unclosed[0].char, unclosed[0].pos
        elif len(unclosed) == 2 and paragraph.continues:  # the inner one runs on: the outer is the slip
            opener, after, goes_on = unclosed[0].char, unclosed[0].pos, unclosed[1].pos
        else:
            continue
        mark = mismatched_close(
            text[paragraph.start : paragraph.end], paragraph.marks, opener, after, paragraph.carried, goes_on
        )
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
                and text[at - 1] in HSPACE  # detached; one after a word closes a quotation whose opener is lost
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
    (a fragment: its quotation may go on past it), nested quotes, and a quotation opened
    again at a sentence start inside the paragraph (``goes on. "The next…``): there a
    paragraph break was lost, where English opens a quotation's next paragraph without
    closing the one before, so the quote left open ends at that break, not here.
    """
    paragraphs = scan(text)
    for i, paragraph in enumerate(paragraphs):
        if len(paragraph.unclosed) != 1 or _quote_goes_on(text, paragraphs, i):
            continue
        if _reopened_inside(text, paragraph):
            continue
        end = paragraph.start + len(text[paragraph.start : paragraph.end].rstrip())
        mark = '"' if paragraph.unclosed[0].char == '"' else "”"
        yield Fix(end, end, mark, "quote still open at the end of the paragraph")


_SENTENCE_END_BEFORE = re.compile(r"[.!?…][^\S\n]+\Z")


def _reopened_inside(text: str, paragraph: Paragraph) -> bool:
    """Whether, after the quote the paragraph leaves open, a double mark opens a quotation at a
    sentence start (after a full stop, a question or exclamation mark and a space) and before
    a capital: the opening mark of a quotation's next paragraph, joined to the one before."""
    left_open = paragraph.unclosed[0]
    for mark in paragraph.marks:
        if mark.pos <= left_open.pos or not mark.double or mark.role is not Role.OPEN:
            continue
        at = paragraph.at(mark)
        if text[at + 1 : at + 2].isupper() and _SENTENCE_END_BEFORE.search(text, max(paragraph.start, at - 8), at):
            return True
    return False
