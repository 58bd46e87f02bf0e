"""Inject known damage into clean English news, so that the cleaner can be scored on undoing it.

    python benchmarks/damage.py DIR [--seed N] [--show CLASS]

The quality benchmark (benchmarks/quality.py) needs text whose correct form is known: it takes
clean, professionally written articles, makes one damaged copy per article and damage class with
``copies()``, runs the cleaner on each copy and checks that the original comes back byte for byte.
Hand-made test sentences only show that a rule fires where its author expected; damage placed by
the *shape* of real text (where a quote closes, where a sentence ends, which capitalised words the
article repeats) shows whether it fires, and only fires, where such damage really happens.

Every class is one small function registered in ``DAMAGE`` (as ftfy registers its fixers). Each
finds every place in the text where its damage can occur naturally and whose repair is
unambiguous from the text around it, lets the caller's ``random.Random`` pick one place uniformly
(and a variant, where the class has several forms), and returns the damaged copy with the offsets
of the changed stretch. Places inside URLs and e-mail addresses are never chosen; numbers are
never split or touched. Quote classes use the text's own quote style: curly classes need curly
marks already there, straight classes straight ones. A line (one sentence a line) and a paragraph
(several sentences, paragraphs set apart by a blank line) are both a "unit": a run of text
between line breaks.

Classes that cannot occur in most texts (``inject`` returns None for them there):

- ``bracketed-ellipsis-glued``: needs an existing ``[…]`` or ``(...)``; few articles have one.
- ``space-inside-brackets``: needs round brackets holding words or figures.
- ``repeated-subject``: needs ``<asks/expects/urges…> <Name> to <verb> him|her|them``; rare.
- ``pronoun-for-country``: needs a country as a sentence's subject and ``it``/``its``/``itself``
  after it in the same sentence with no other capitalised word in between.
- ``truncated-mojibake-quote``, ``quote-opening-as-closing``, ``straight-closing-curly``,
  ``space-before-closing-quote``, ``reversed-quote-mid-sentence``: curly-quoted texts only;
  ``space-before-straight-closing-quote``, ``doubled-straight-quotes``: straight-quoted texts
  only; every quote class needs a quotation (most need one that opens and closes in one unit).
- ``missing-space-after-stop``: needs two sentences in one unit, so mostly the paragraph layout.
- ``mojibake``: needs a non-ASCII letter, punctuation mark or symbol.
- ``scraper-line``: needs at least two units.
- the three name classes need a name the article repeats (``name-two-spellings``: three times),
  and never make a word of the word list (``Tokyo`` → ``Toyo`` is a real-word error, which no
  spelling evidence can show: another kind of damage).
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import unicodedata
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import NamedTuple, TypeVar

from wordfreq import zipf_frequency

T = TypeVar("T")

CLASSES: tuple[str, ...] = (
    "quote-opening-as-closing",
    "straight-closing-curly",
    "space-before-closing-quote",
    "space-before-straight-closing-quote",
    "doubled-straight-quotes",
    "reversed-quote-mid-sentence",
    "mismatched-quote-pair",
    "orphan-quote-at-paragraph-end",
    "quote-left-open",
    "stray-stop",
    "doubled-stop",
    "doubled-determiner",
    "bracketed-ellipsis-glued",
    "space-inside-brackets",
    "junk-line",
    "missing-space-after-comma",
    "missing-space-after-stop",
    "doubled-word-sentence-start",
    "doubled-word",
    "doubled-comma",
    "space-before-comma-glued",
    "mojibake",
    "truncated-mojibake-quote",
    "scraper-line",
    "duplicated-name",
    "misspelt-name",
    "misspelt-one-word-name",
    "name-two-spellings",
    "pronoun-for-country",
    "repeated-subject",
)


class Injection(NamedTuple):
    text: str  # the damaged copy of the whole text
    start: int  # where the damage is in `text` (offset of the changed stretch)
    end: int
    note: str  # short human description, e.g. 'Indo-Pacific”. → Indo-Pacific “.'


# --- word lists (English grammar and scraper habits, not taken from any corpus) ---------------

# Words that end with a full stop without ending a sentence (compared in lower case).
ABBREVIATIONS = frozenset(
    """mr mrs ms dr st jr sr prof gen col lt capt sgt gov sen rep rev hon pres no nos vol fig
    inc ltd co corp vs etc al approx est dept univ jan feb mar apr jun jul aug sep sept oct nov
    dec mon tue wed thu fri sat sun mt ft ave blvd rd cf ca op pp eg ie""".split()
)

# Common words that start sentences; their capitalised form is no name.
FUNCTION_WORDS = frozenset(
    """the a an in on at of to for with from by as and but or so if when while after before
    since until during this that these those there here it its he she they we you i his her
    their our my your what which who how why where some many most all both each every no not
    according however meanwhile also then now later still yet although though because despite
    under over between among against about into through without within""".split()
)

# Words after which a stray full stop would not look like a sentence's end (MT leaves them after
# a clause's last content word: `catastrophes. to`, `is not. never`).
NO_STOP_AFTER = (FUNCTION_WORDS - {"not"}) | frozenset(
    """is are was were be been being has have had will would can could should may might must do
    does did such very more most than several few any other another own""".split()
)
# Words before which MT leaves a stray full stop: those that can start a clause.
STOP_BEFORE = FUNCTION_WORDS | frozenset("never which whose whom".split())

# Capitalised words that are not names (calendar words).
CALENDAR = frozenset(
    """January February March April May June July August September October November December
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday""".split()
)

# Function words and verbs that English never writes twice in a row (unlike had had, that that).
DOUBLABLE = (
    "the a an of to in on at for with from by and or as is are was were be been will would can "
    "could should has have not said says also about after into its their which who but than "
    "more it they we this there may must made make take told called announced"
).split()

DETERMINERS = ("its", "his", "their", "our", "this", "these", "those")

# Words after which `this/these/those` is a pronoun, not a determiner.
_PRONOUN_NEXT = frozenset(
    "is was are were has have had will would could can may might does did means".split()
)

# Countries and capitals standing for their governments, for `pronoun-for-country`.
COUNTRIES = (
    "Russia Ukraine China Japan Iran Iraq Turkey India Germany France Britain Italy Spain Poland "
    "Belarus Israel Syria Georgia Moldova Hungary Kazakhstan Canada Australia Brazil Mexico "
    "Egypt Pakistan Taiwan America Moscow Beijing Kyiv Kiev Tokyo Washington Tehran Ankara "
    "Berlin Paris London Warsaw Minsk Seoul Pyongyang"
).split() + ["North Korea", "South Korea", "The United States", "The US", "The UK",
             "The United Kingdom", "The Kremlin"]

# English names of places that are spelt one way (with words starting like them: `Russian`).
EXONYMS = tuple(w for c in COUNTRIES for w in c.split() if w != "The") + ("Europe", "Asia", "Africa")

# After `it` as a country's pronoun: an auxiliary or a verb (not `it` as an object).
_IT_VERBS = frozenset(
    """is was has had will would could can should must may might did does wants wanted needs
    needed intends intended plans planned hopes hoped continues continued remains remained
    considers considered believes believed said says sees saw seeks sought cannot called calls
    claimed claims described describes announced stated insisted promised agreed refused tried
    tries""".split()
)
# Words after which a country starts a clause and is its subject.
_CLAUSE = frozenset(
    "that and but while because since when if although though after before where so as".split()
)
# `it is necessary to …`: the `it` of a construction, not the country.
_EXPLETIVE = frozenset(
    """necessary important possible impossible clear unclear difficult likely unlikely easy hard
    true time worth better best enough too""".split()
)

# Verbs of asking, for `repeated-subject`: `expects Xi Jinping to support him`.
ASKING_VERBS = tuple(
    """expects expected expect asks asked ask urges urged urge wants wanted want tells told tell
    invites invited invite requires required require encourages encouraged encourage persuades
    persuaded persuade needs needed need pushes pushed presses pressed""".split()
) + ("calls on", "called on", "call on")

# Boilerplate lines that scrapers leave in news text; `{}` takes a headline.
SCRAPER_LINES = (
    "Advertisement",
    "ADVERTISEMENT",
    "Advertisement.",
    "- Advertisement -",
    "Share this article",
    "Share this article:",
    "SHARE THIS ARTICLE",
    "Share on Facebook",
    "Share on Twitter",
    "Share via e-mail",
    "Click here to subscribe",
    "Click here to subscribe.",
    "Subscribe to our newsletter",
    "Subscribe to our newsletter!",
    "Sign up for our newsletter",
    "Sign up for our daily newsletter.",
    "Continue reading below",
    "Continue reading below.",
    "CONTINUE READING BELOW",
    "Follow us on Twitter",
    "Follow us on Telegram",
    "Follow us on Facebook and Twitter.",
    "Skip to content",
    "Photo: Reuters",
    "Photo: AFP",
    "(Photo: AFP)",
    "(Photo: Reuters)",
    "Photo: EPA",
    "Read also: {}",
    "Read more: {}",
    "READ ALSO: {}",
    "Also read: {}",
    "Related: {}",
    "RELATED: {}",
    "See also: {}",
)

# Headlines written for this list (for `Read also: …` when the article offers no short line).
MADE_UP_HEADLINES = (
    "Prices of basic goods rise for the third month in a row",
    "Talks on grain exports to resume next week",
    "Storm warning issued for coastal regions",
    "Parliament to debate the new budget in autumn",
    "Rail services restored after power outage",
    "Central bank keeps its key rate unchanged",
    "Local elections postponed until spring",
    "New bridge opens to traffic after two years of work",
    "Farmers expect a smaller harvest this year",
    "City council approves plan for new bus lanes",
)

# Transliteration variants for `name-two-spellings`: (pattern, replacement) on the name.
_DOUBLE_CONSONANT = re.compile(r"(?<=.)([bcdfgklmnprstz])\1")
_SINGLE_CONSONANT = re.compile(r"(?<=[^aeiouy][aeiouy])([bdfgklmnprstz])(?=[aeiouy])(?!e\Z)")
_TRANSLITERATIONS = (
    (re.compile(r"y$"), "i"),
    (re.compile(r"y$"), "iy"),
    (re.compile(r"iy$"), "y"),
    (re.compile(r"(?<=[^aeiou])i$"), "y"),
    (re.compile(r"(?<=.)ks"), "x"),
    (re.compile(r"(?<=.)x"), "ks"),
    (re.compile(r"(?<=[^aeiou])e(?=[^aeiou])"), "ie"),
    (re.compile(r"(?<=.)ie"), "e"),
    (re.compile(r"(?<=.)ou"), "u"),
    (re.compile(r"(?<=[^aeiouq])u(?=[^aeiou])"), "ou"),
    (re.compile(r"kh"), "h"),
    (re.compile(r"^Kh"), "H"),
)

VOWELS = "aeiou"


# --- shared helpers ---------------------------------------------------------------------------

_UNIT = re.compile(r"[^\r\n]+")
_PROTECTED = re.compile(
    r"https?://\S+|www\.\S+|\S+@\S+\.\S+|\S+\.(?:com|org|net|gov|edu|info|ua|jp|ru|uk|de|fr)\b\S*"
)
_WORD = re.compile(r"[^\W\d_]+")
_SENTENCE_GAP = re.compile(r"[.?!…:;\]]\S*\s|\s[–—-]\s")


def _units(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line of text (a sentence or a paragraph), blank lines left out."""
    return [m.span() for m in _UNIT.finditer(text) if m.group().strip()]


def _heading(text: str, pos: int) -> bool:
    """True when the unit holding `pos` reads as a title (most of its words capitalised), where
    capitals say nothing about names."""
    start = text.rfind("\n", 0, pos) + 1
    words = _WORD.findall(text, start, _unit_end(text, start))
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


def _clear(text: str, start: int, end: int) -> bool:
    """True when [start, end) and its neighbours touch no URL or e-mail address."""
    for m in _PROTECTED.finditer(text, max(0, start - 200), min(len(text), end + 200)):
        if m.start() <= end and start <= m.end():
            return False
    return True


def _initial(text: str, pos: int) -> bool:
    """True when the word at `pos` starts a sentence, a line, a quotation or a list item: only
    marks and spaces before it on its line, or a sentence's final stop (not an abbreviation's),
    a colon or a dash between spaces just before it."""
    i = pos
    while i > 0 and text[i - 1] != "\n" and not text[i - 1].isalnum():
        i -= 1
    if i == 0 or text[i - 1] == "\n":
        return True
    gap = text[i:pos]
    if gap.startswith(".") and _word_before(text, i).lower() in ABBREVIATIONS:
        return False
    return _SENTENCE_GAP.search(gap) is not None


def _word_before(text: str, pos: int) -> str:
    """The letters just before `pos` (empty when `pos` does not follow a letter)."""
    m = re.search(r"[^\W\d_]*\Z", text[max(0, pos - 40):pos])
    return m.group() if m else ""


def _ends_sentence(text: str, pos: int) -> bool:
    """True when the stop at `pos` ends a sentence: it follows a word of two or more letters
    ending in lower case that is neither an abbreviation nor part of a dotted one (p.m, U.S)."""
    word = _word_before(text, pos)
    if len(word) < 2 or not word[-1].islower() or word.lower() in ABBREVIATIONS:
        return False
    before = pos - len(word) - 1
    return before < 0 or text[before] in " \t\n\r(“‘\"'"


def _lower_words(text: str) -> frozenset[str]:
    """Every word the text writes in lower case (for membership tests only)."""
    return frozenset(w for w in _WORD.findall(text) if w.islower())


def _edit(text: str, start: int, end: int, new: str, note: str | None = None) -> Injection:
    """Replace text[start:end] by `new`; the note shows the change with a word either side."""
    if note is None:
        left = re.search(r"\S{0,25}[ \t]*\Z", text[max(0, start - 40):start]).group()
        right = re.match(r"[ \t]*\S{0,25}", text[end:end + 40]).group()
        note = _visible(f"{left}{text[start:end]}{right} → {left}{new}{right}")
    return Injection(text[:start] + new + text[end:], start, start + len(new), note)


def _visible(note: str) -> str:
    """`note` with line breaks and control characters written as escapes."""
    return "".join(repr(ch)[1:-1] if unicodedata.category(ch) == "Cc" else ch for ch in note)


def _choose(rng: random.Random, places: list[T]) -> T | None:
    """One of `places`, uniformly; None when there is none."""
    return rng.choice(places) if places else None


# --- quotations -------------------------------------------------------------------------------

def _curly_pairs(text: str) -> list[tuple[int, int]]:
    """(opener, closer) offsets of every “…” quotation that opens and closes in one unit.

    A closer before any opener closes a quotation from an earlier line and is left out; a
    second opener before the first closes (a nested or unclosed quotation) ends the unit's
    pairs, since its closers could belong to either."""
    pairs = []
    for u0, u1 in _units(text):
        opener = None
        for m in re.finditer("[“”]", text[u0:u1]):
            pos = u0 + m.start()
            if m.group() == "“":
                if opener is not None:
                    break
                opener = pos
            elif opener is not None:
                pairs.append((opener, pos))
                opener = None
    return pairs


def _single_pairs(text: str) -> list[tuple[int, int]]:
    """(opener, closer) offsets of every ‘…’ quotation in one unit: the closer is the first ’
    after the opener that follows a non-space and is not followed by a letter (an apostrophe)."""
    pairs = []
    for u0, u1 in _units(text):
        for m in re.finditer("‘", text[u0:u1]):
            opener = u0 + m.start()
            for c in re.finditer("’", text[opener:u1]):
                close = opener + c.start()
                after = text[close + 1:close + 2]
                if not text[close - 1].isspace() and not (after.isalpha()):
                    pairs.append((opener, close))
                    break
    return pairs


def _opens_straight(text: str, pos: int, u0: int) -> bool:
    """True when the " at `pos` sits where an opener does: after a space or a bracket, before a
    non-space."""
    return (pos == u0 or text[pos - 1] in " \t([—–-‘“") and not text[pos + 1:pos + 2].isspace()


def _closes_straight(text: str, pos: int, u1: int) -> bool:
    """True when the " at `pos` sits where a closer does: after a non-space, before a space,
    punctuation or the end of its unit `u1`."""
    after = text[pos + 1:pos + 2]
    return not text[pos - 1].isspace() and (pos + 1 == u1 or after in list(" .,;:!?)]…—–-"))


def _straight_pairs(text: str) -> list[tuple[int, int]]:
    """(opener, closer) offsets of the "…" quotations of units whose straight marks pair up
    clearly: no quotation runs in from an earlier unit, an even number of marks, and every
    mark placed as an opener or a closer should be."""
    pairs = []
    seen = 0
    for u0, u1 in _units(text):
        marks = [u0 + m.start() for m in re.finditer('"', text[u0:u1])]
        if seen % 2 == 0 and len(marks) % 2 == 0:
            unit_pairs = list(zip(marks[0::2], marks[1::2]))
            if all(_opens_straight(text, o, u0) and _closes_straight(text, c, u1)
                   for o, c in unit_pairs):
                pairs.extend(unit_pairs)
        seen += len(marks)
    return pairs


def _unit_end(text: str, pos: int) -> int:
    """End of the unit holding `pos`."""
    m = _UNIT.match(text, pos)
    return m.end() if m else pos


def _quote_style(text: str) -> str | None:
    """'curly' or 'straight', whichever marks the text uses more; None without any."""
    curly = sum(text.count(ch) for ch in "“”‘’")
    straight = text.count('"') + text.count("'")
    if curly == straight == 0:
        return None
    return "curly" if curly >= straight else "straight"


def _balanced_units(text: str) -> list[tuple[int, int]]:
    """Units outside any quotation: every quotation before them has closed, and each quotation
    they open closes in them."""
    balanced = []
    depth = 0
    straight = 0
    for u0, u1 in _units(text):
        unit = text[u0:u1]
        ok = depth == 0 and straight % 2 == 0 and unit.count('"') % 2 == 0
        level = 0
        for ch in re.findall("[“”]", unit):
            level += 1 if ch == "“" else -1
            if level < 0:
                ok = False
        if ok and level == 0:
            balanced.append((u0, u1))
        depth = max(0, depth + level)
        straight += unit.count('"')
    return balanced


# --- the damage classes -----------------------------------------------------------------------

def quote_opening_as_closing(text: str, rng: random.Random) -> Injection | None:
    """A closing ” written as an opening “ after a space: `Indo-Pacific”.` → `Indo-Pacific “.`
    (before a full stop or comma) or `any country.”` → `any country. “` (at the end of a unit).
    Only quotations that open in the same unit, so that the “ can only be their closer."""
    places = []
    for _, close in _curly_pairs(text):
        after = text[close + 1:close + 2]
        at_end = _unit_end(text, close) == close + 1
        if after in (".", ",") or (at_end and text[close - 1] in ".?!,…"):
            places.append(close)
    close = _choose(rng, [p for p in places if _clear(text, p, p + 1)])
    return None if close is None else _edit(text, close, close + 1, " “")


def straight_closing_curly(text: str, rng: random.Random) -> Injection | None:
    """The closing mark of a curly-opened quotation written straight: `synthesis”` →
    `synthesis"`, `each other’”` → `each other'”`."""
    places = [(c, '"') for _, c in _curly_pairs(text)] + [(c, "'") for _, c in _single_pairs(text)]
    place = _choose(rng, sorted(p for p in places if _clear(text, p[0], p[0] + 1)))
    return None if place is None else _edit(text, place[0], place[0] + 1, place[1])


def space_before_closing_quote(text: str, rng: random.Random) -> Injection | None:
    """A space before the closing ” (or ’) of a curly quotation: `Russia”.` → `Russia ”.`"""
    places = [c for _, c in _curly_pairs(text) + _single_pairs(text)]
    close = _choose(rng, sorted(p for p in places if _clear(text, p, p + 1)))
    return None if close is None else _edit(text, close, close, " ")


def space_before_straight_closing_quote(text: str, rng: random.Random) -> Injection | None:
    """A space before a straight closing " that clearly closes: opened earlier in the unit and
    followed by punctuation or the end of the unit: `equality".` → `equality ".`"""
    places = []
    for _, close in _straight_pairs(text):
        after = text[close + 1:close + 2]
        if _unit_end(text, close) == close + 1 or after in list(".,;:!?"):
            places.append(close)
    close = _choose(rng, [p for p in places if _clear(text, p, p + 1)])
    return None if close is None else _edit(text, close, close, " ")


def doubled_straight_quotes(text: str, rng: random.Random) -> Injection | None:
    """Both straight marks of a quotation written twice, as some translation systems and CSV
    exports (where ``""`` stands for one mark) leave them: `"a deal"` → `""a deal""`."""
    pair = _choose(rng, [p for p in _straight_pairs(text) if _clear(text, p[0], p[1] + 1)])
    if pair is None:
        return None
    opener, closer = pair
    quoted = text[opener : closer + 1]
    shown = quoted if len(quoted) <= 40 else quoted[:18] + "…" + quoted[-18:]
    return _edit(text, opener, closer + 1, f'"{quoted}"', _visible(f'{shown} → "{shown}"'))


def reversed_quote_mid_sentence(text: str, rng: random.Random) -> Injection | None:
    """Mid-sentence, an opening “ written as ” (`said “we` → `said ”we`) or a closing ” as “
    (`the “tiger” brand` → `the “tiger“ brand`), spacing unchanged."""
    places = []
    for opener, close in _curly_pairs(text):
        before = text[max(0, opener - 2):opener]
        if re.fullmatch(r"[^\W\d_,:] ", before) and text[opener + 1:opener + 2].isalpha():
            places.append((opener, "”"))
        if text[close - 1].isalpha() and re.match(r" [a-z]", text[close + 1:close + 3]):
            places.append((close, "“"))
    place = _choose(rng, sorted(p for p in places if _clear(text, p[0], p[0] + 1)))
    return None if place is None else _edit(text, place[0], place[0] + 1, place[1])


def mismatched_quote_pair(text: str, rng: random.Random) -> Injection | None:
    """A double quotation closed with a single mark of the same kind: `"will vote yes".` →
    `"will vote yes'.`, `“will vote yes”.` → `“will vote yes’.` Not after an s (`students'` is a
    possessive) nor a digit, nor before a letter."""
    places = [(c, "’") for _, c in _curly_pairs(text)] + [(c, "'") for _, c in _straight_pairs(text)]
    good = []
    for close, mark in places:
        before = text[close - 1]
        after = text[close + 1:close + 2]
        if (before.isalpha() and before not in "sS" or before in ".,?!") and not after.isalnum():
            good.append((close, mark))
    place = _choose(rng, sorted(p for p in good if _clear(text, p[0], p[0] + 1)))
    return None if place is None else _edit(text, place[0], place[0] + 1, place[1])


def orphan_quote_at_paragraph_end(text: str, rng: random.Random) -> Injection | None:
    """` “` (` "` in straight-quoted texts) after the final full stop of a unit that is outside
    any quotation: `technology.` → `technology. “`"""
    style = _quote_style(text)
    if style is None:
        return None
    mark = " “" if style == "curly" else ' "'
    places = [u1 for u0, u1 in _balanced_units(text)
              if u1 - u0 >= 2 and text[u1 - 1] == "." and text[u1 - 2] not in ". \t"]
    end = _choose(rng, [p for p in places if _clear(text, p - 1, p)])
    return None if end is None else _edit(text, end, end, mark)


def quote_left_open(text: str, rng: random.Random) -> Injection | None:
    """The closing mark at the end of a unit dropped, its opener being in the same unit:
    `hegemony.”` → `hegemony.` Only where the next unit opens no quotation of its own first (it
    could be read as a quotation running on)."""
    places = []
    for pairs, next_mark in ((_curly_pairs(text), "“”"), (_straight_pairs(text), '"')):
        for _, close in pairs:
            if _unit_end(text, close) != close + 1 or text[close - 1] not in ".?!…":
                continue
            following = re.search(f"[{next_mark}]", text[close + 1:])
            if following is not None:
                pos = close + 1 + following.start()
                unit_start = text.rfind("\n", 0, pos) + 1
                if following.group() == "”" or (following.group() == '"'
                                                and not _opens_straight(text, pos, unit_start)):
                    continue
            places.append(close)
    close = _choose(rng, sorted(p for p in places if _clear(text, p, p + 1)))
    return None if close is None else _edit(text, close, close + 1, "")


def stray_stop(text: str, rng: random.Random) -> Injection | None:
    """A full stop inside a clause, before a lower-case word: `catastrophes to` →
    `catastrophes. to`. Both words alphabetic, two letters or more, not at the start of a unit;
    the stop follows a content word and comes before a function word, where a sentence could
    have ended (`the. total` or `red. overalls` is no damage MT makes)."""
    places = []
    for u0, u1 in _units(text):
        tokens = list(re.finditer(r"\S+", text[u0:u1]))
        for first, second in zip(tokens[1:], tokens[2:]):
            gap = text[u0 + first.end():u0 + second.start()]
            word = re.match(r"[a-z]{2,}(?=[,;:]?\Z)", second.group())
            if word is not None and word.group() not in STOP_BEFORE:
                continue
            if (gap == " " and re.fullmatch(r"[^\W\d_]{2,}", first.group()) and word
                    and first.group().lower() not in ABBREVIATIONS | NO_STOP_AFTER):
                places.append(u0 + first.end())
    pos = _choose(rng, [p for p in places if _clear(text, p, p)])
    return None if pos is None else _edit(text, pos, pos, ".")


def doubled_stop(text: str, rng: random.Random) -> Injection | None:
    """A sentence's full stop doubled: `Moscow. China` → `Moscow. . China` or `Moscow.. China`;
    at the end of a unit `word.` → `word..`, `word. .` or `word ..`."""
    places = []
    for m in re.finditer(r"\.(?= [A-Z])", text):
        if _ends_sentence(text, m.start()):
            places.append((m.start(), False))
    for u0, u1 in _units(text):
        if text[u1 - 1] == "." and _ends_sentence(text, u1 - 1):
            places.append((u1 - 1, True))
    place = _choose(rng, sorted(p for p in places if _clear(text, p[0], p[0] + 1)))
    if place is None:
        return None
    stop, at_end = place
    if at_end:
        return _edit(text, stop, stop + 1, rng.choice(["..", ". .", " .."]))
    if rng.random() < 0.5:
        return _edit(text, stop + 2, stop + 2, ". ")
    return _edit(text, stop, stop, ".")


def doubled_determiner(text: str, rng: random.Random) -> Injection | None:
    """`the` before a possessive or demonstrative mid-sentence: `safeguard its` →
    `safeguard the its`."""
    places = []
    pattern = r"(?<=[a-z] )(?:" + "|".join(DETERMINERS) + r") (?=[a-z])"
    for m in re.finditer(pattern, text):
        before = _word_before(text, m.start() - 1)
        following = re.match(r"[a-z]+", text[m.end():m.end() + 20]).group()
        if (not before.islower() or before in ("the", "a", "an")
                or m.start() - 1 - len(before) <= 0 or text[m.start() - 2 - len(before)] != " "):
            continue
        if m.group().strip() in ("this", "these", "those") and following in _PRONOUN_NEXT:
            continue
        places.append(m.start())
    pos = _choose(rng, [p for p in places if _clear(text, p, p)])
    return None if pos is None else _edit(text, pos, pos, "the ")


def bracketed_ellipsis_glued(text: str, rng: random.Random) -> Injection | None:
    """The space before a bracketed ellipsis removed: `West […]` → `West[…]`."""
    places = [m.start() for m in re.finditer(r"(?<=\S) (?:\[…\]|\[\.\.\.\]|\(…\)|\(\.\.\.\))", text)]
    pos = _choose(rng, [p for p in places if _clear(text, p, p + 1)])
    return None if pos is None else _edit(text, pos, pos + 1, "")


def space_inside_brackets(text: str, rng: random.Random) -> Injection | None:
    """A space just inside round brackets that hold words, as tokenising translation systems
    write them: `(Reuters)` → `( Reuters )`, `(Reuters )` or `( Reuters)`."""
    places = [m.span() for m in re.finditer(r"\((?=[^\W_])[^()\n]*(?<=[^\W_])\)", text)]
    place = _choose(rng, [p for p in places if _clear(text, *p)])
    if place is None:
        return None
    start, end = place
    inside = text[start + 1 : end - 1]
    spaced = rng.choice([f"( {inside} )", f"({inside} )", f"( {inside})"])
    return _edit(text, start, end, spaced)


def junk_line(text: str, rng: random.Random) -> Injection | None:
    """A line holding only a dash or a bullet after a unit: `00:26` → `00:26\\n–`."""
    ends = [u1 for _, u1 in _units(text)]
    end = _choose(rng, ends)
    if end is None:
        return None
    return _edit(text, end, end, "\n" + rng.choice(["–", "—", "•", "|"]))


def _comma_places(text: str) -> list[int]:
    """Offsets of the commas followed by one space between two words (not between figures)."""
    places = [m.start() for m in re.finditer(r"(?<=[^\W\d_]), (?=[^\W\d_])", text)]
    return [p for p in places if _clear(text, p, p + 2)]


def missing_space_after_comma(text: str, rng: random.Random) -> Injection | None:
    """The space after a comma between two words dropped: `minister, the` → `minister,the`."""
    pos = _choose(rng, _comma_places(text))
    return None if pos is None else _edit(text, pos + 1, pos + 2, "")


def missing_space_after_stop(text: str, rng: random.Random) -> Injection | None:
    """The space after a sentence's final . ? or ! dropped before a capitalised word in the same
    unit: `days. It` → `days.It`. Not after abbreviations or initials; after ? and ! only
    following a lower-case word (`Yahoo! News` is a name)."""
    places = []
    for m in re.finditer(r"(?<=[a-z])[.?!] (?=[A-Z][^\W\d_]*\b)", text):
        stop = m.start()
        if text[stop] != "." and not _word_before(text, stop).islower():
            continue
        if _ends_sentence(text, stop):
            places.append(stop + 1)
    pos = _choose(rng, [p for p in places if _clear(text, p - 1, p + 1)])
    return None if pos is None else _edit(text, pos, pos + 1, "")


def _sentence_starts(text: str) -> list[int]:
    """Offsets of the first word of every sentence: a unit's start, or after a sentence's final
    stop and one space."""
    starts = [u0 for u0, _ in _units(text)]
    for m in re.finditer(r"(?<=[a-z])[.?!] (?=\S)", text):
        if _ends_sentence(text, m.start()):
            starts.append(m.end())
    return sorted(starts)


def doubled_word_sentence_start(text: str, rng: random.Random) -> Injection | None:
    """A sentence's first word written again in lower case: `The government` →
    `The the government`, `In May` → `In in May`. Only function words, and not in titles."""
    places = []
    for start in _sentence_starts(text):
        m = re.match(r"([A-Z][a-z]+) ([^\W\d_]+)", text[start:start + 60])
        if m is None:
            continue
        word = m.group(1).lower()
        if word in FUNCTION_WORDS and m.group(2).lower() != word and not _heading(text, start):
            places.append((start + len(word), word))
    place = _choose(rng, [p for p in places if _clear(text, p[0], p[0])])
    return None if place is None else _edit(text, place[0], place[0], " " + place[1])


def doubled_word(text: str, rng: random.Random) -> Injection | None:
    """A common lower-case word mid-sentence written twice: `is` → `is is`, `in` → `in in`.
    Only function words and verbs English never repeats (not had, that, very, no)."""
    pattern = r"(?<=[^\W\d_,] )(?:" + "|".join(DOUBLABLE) + r")(?= [^\W\d_])"
    places = []
    for m in re.finditer(pattern, text):
        word = m.group()
        before = _word_before(text, m.start() - 1)
        after = re.match(r"[^\W\d_]+", text[m.end() + 1:m.end() + 40]).group()
        if before.lower() != word and after.lower() != word:
            places.append((m.start(), word))
    place = _choose(rng, [p for p in places if _clear(text, p[0], p[0])])
    return None if place is None else _edit(text, place[0], place[0], place[1] + " ")


def doubled_comma(text: str, rng: random.Random) -> Injection | None:
    """A comma doubled: `Ukraine, adding` → `Ukraine, ,adding`, `Ukraine,, adding` or
    `Ukraine, , adding`."""
    pos = _choose(rng, _comma_places(text))
    if pos is None:
        return None
    return _edit(text, pos, pos + 2, rng.choice([", ,", ",, ", ", , "]))


def space_before_comma_glued(text: str, rng: random.Random) -> Injection | None:
    """The space after a comma moved before it: `decree, calling` → `decree ,calling`."""
    pos = _choose(rng, _comma_places(text))
    return None if pos is None else _edit(text, pos, pos + 2, " ,")


def _mojibake(ch: str) -> str:
    """`ch` as its UTF-8 bytes read as Windows-1252; the five bytes cp1252 leaves undefined
    become the C1 control of the same code, as real mojibake shows them."""
    out = []
    for byte in ch.encode("utf-8"):
        try:
            out.append(bytes([byte]).decode("cp1252"))
        except UnicodeDecodeError:
            out.append(chr(byte))
    return "".join(out)


def mojibake(text: str, rng: random.Random) -> Injection | None:
    """One non-ASCII letter, punctuation mark or symbol as UTF-8 read as Windows-1252:
    `’` → `â€™`, `é` → `Ã©`."""
    places = [i for i, ch in enumerate(text)
              if ord(ch) > 127 and unicodedata.category(ch)[0] in "LPS"]
    pos = _choose(rng, [p for p in places if _clear(text, p, p + 1)])
    return None if pos is None else _edit(text, pos, pos + 1, _mojibake(text[pos]))


def truncated_mojibake_quote(text: str, rng: random.Random) -> Injection | None:
    """A closing ” at the end of a quotation as its mojibake with the third byte lost:
    `thought”.` → `thoughtâ€.` Only where the mark is plainly a closer (after a non-space, not
    before a letter), since `â€` is also what is left of an opening “."""
    places = [m.start() for m in re.finditer("”", text)
              if m.start() > 0 and not text[m.start() - 1].isspace()
              and not text[m.end():m.end() + 1].isalnum()]
    pos = _choose(rng, [p for p in places if _clear(text, p, p + 1)])
    return None if pos is None else _edit(text, pos, pos + 1, _mojibake("”")[:2])


def scraper_line(text: str, rng: random.Random) -> Injection | None:
    """A line of scraper boilerplate (`Advertisement`, `Read also: <headline>`…) as its own
    unit between two units, with the text's own separator (a paragraph in the paragraph
    layout). The headline is a short line of the article with no quotation or brackets in it,
    or one of MADE_UP_HEADLINES."""
    units = _units(text)
    gaps = [(a[1], b[0]) for a, b in zip(units, units[1:])]
    gap = _choose(rng, gaps)
    if gap is None:
        return None
    line = rng.choice(SCRAPER_LINES)
    if "{}" in line:
        headlines = [text[u0:u1].rstrip(".") for u0, u1 in units
                     if 3 <= len(text[u0:u1].split()) <= 12 and u1 - u0 <= 80
                     and text[u0].isupper() and not re.search(r"[“”\"()\[\]]", text[u0:u1])
                     and _clear(text, u0, u1)]
        if headlines and rng.random() < 0.5:
            line = line.format(rng.choice(headlines))
        else:
            line = line.format(rng.choice(MADE_UP_HEADLINES))
    separator = text[gap[0]:gap[1]]
    return _edit(text, gap[1], gap[1], line + separator,
                 note=f"+ {line!r} before {text[gap[1]:gap[1] + 30]!r}…")


# --- names ------------------------------------------------------------------------------------

class _Names(NamedTuple):
    mentions: dict[str, list[int]]  # capitalised word → offsets of all its mentions
    in_run: dict[str, bool]  # capitalised word → ever part of a multi-word name
    runs: list[list[tuple[int, int]]]  # runs of capitalised words, as (start, end) spans
    lower: frozenset[str]


def _capitalised_words(text: str) -> list[tuple[int, int]]:
    """Spans of whole capitalised words of two letters or more: not glued to a mark before it
    (`Yahoo!News`), not part of a hyphenated word, a URL, a number or a contraction (a
    following ’s is allowed)."""
    spans = []
    for m in _WORD.finditer(text):
        s, e = m.span()
        if not text[s].isupper() or len(m.group()) < 2 or m.group().lower() in ABBREVIATIONS:
            continue
        before = text[s - 1] if s else " "
        after = text[e:e + 1]
        if before in "-.@/_’!?&+#=:%" or before.isdigit():
            continue
        if before == "'" and s >= 2 and text[s - 2].isalnum():
            continue
        if after in ("-", "@", "/", "_") or after.isdigit():
            continue
        if after == "." and text[e + 1:e + 2].isalnum():
            continue
        if after in ("’", "'") and text[e + 1:e + 2].isalpha() and (
                text[e + 1] != "s" or text[e + 2:e + 3].isalpha()):
            continue
        spans.append((s, e))
    return spans


def _names(text: str) -> _Names:
    """The capitalised words of `text`, their mentions, and whether each was ever part of a
    multi-word name (a sentence's first word counts only when the text never writes it in
    lower case and it is no common function word)."""
    lower = _lower_words(text)
    spans = _capitalised_words(text)
    runs: list[list[tuple[int, int]]] = []
    for span in spans:
        if runs and text[runs[-1][-1][1]:span[0]] == " ":
            runs[-1].append(span)
        else:
            runs.append([span])
    mentions: dict[str, list[int]] = {}
    in_run: dict[str, bool] = {}
    for run in runs:
        members = run
        first = text[run[0][0]:run[0][1]]
        if _initial(text, run[0][0]) and (first.lower() in lower or first.lower() in FUNCTION_WORDS):
            members = run[1:]
        for s, e in run:
            mentions.setdefault(text[s:e], []).append(s)
            in_run.setdefault(text[s:e], False)
        if len(members) >= 2:
            for s, e in members:
                in_run[text[s:e]] = True
    return _Names(mentions, in_run, runs, lower)


def _is_name(word: str, names: _Names, text: str) -> bool:
    """A capitalised word that is a name: no acronym, no calendar word, never written in lower
    case, and mentioned at least once where it does not start a sentence, outside a title."""
    return (not word.isupper() and word not in CALENDAR and word.lower() not in names.lower
            and word.lower() not in FUNCTION_WORDS
            and any(not _initial(text, p) and not _heading(text, p) for p in names.mentions[word]))


def duplicated_name(text: str, rng: random.Random) -> Injection | None:
    """A name of one or two capitalised words that does not start a sentence written twice:
    `Lemaître and` → `Lemaître Lemaître and`, `Le Monde` → `Le Monde Le Monde`."""
    names = _names(text)
    places = []
    for run in names.runs:
        words = [text[s:e] for s, e in run]
        if (len(run) > 2 or _initial(text, run[0][0]) or len(set(words)) < len(words)
                or _heading(text, run[0][0])):
            continue
        if any(w in CALENDAR or w.lower() in names.lower or w.lower() in FUNCTION_WORDS
               for w in words):
            continue
        places.append((run[0][0], run[-1][1]))
    place = _choose(rng, [p for p in places if _clear(text, p[0], p[1])])
    if place is None:
        return None
    start, end = place
    return _edit(text, start, end, f"{text[start:end]} {text[start:end]}")


def _misspellings(word: str) -> dict[str, list[str]]:
    """Misspellings of `word` by kind: a letter dropped, a vowel swapped, two inner letters
    transposed. The first and the last letter always stay."""
    drop = [word[:i] + word[i + 1:] for i in range(1, len(word) - 1) if word[i] != word[i - 1]]
    vowel = [word[:i] + v + word[i + 1:] for i in range(1, len(word) - 1) if word[i] in VOWELS
             for v in VOWELS if v != word[i]]
    swap = [word[:i] + word[i + 1] + word[i] + word[i + 2:] for i in range(1, len(word) - 2)
            if word[i] != word[i + 1]]
    return {"drop": drop, "vowel": vowel, "swap": swap}


def _a_word(word: str) -> bool:
    """Whether the word list knows ``word`` (``Tokyo`` → ``Toyo``): such a misspelling is a
    real-word error, another kind of damage, which no spelling evidence can show."""
    return zipf_frequency(word, "en") > 0


def _misspell(text: str, rng: random.Random, multi_word: bool) -> Injection | None:
    names = _names(text)
    known = set(names.mentions) | {w.lower() for w in names.lower}
    places = []
    forms: dict[str, dict[str, list[str]]] = {}
    for word, positions in names.mentions.items():
        if (len(word) >= 4 and len(positions) >= 2 and names.in_run[word] == multi_word
                and _is_name(word, names, text)):
            kinds = {kind: [w for w in wrong if w not in known and w.lower() not in known and not _a_word(w)]
                     for kind, wrong in _misspellings(word).items()}
            forms[word] = {kind: wrong for kind, wrong in kinds.items() if wrong}
            if forms[word]:
                places.extend((p, word) for p in positions)
    place = _choose(rng, sorted(p for p in places if _clear(text, p[0], p[0] + len(p[1]))))
    if place is None:
        return None
    pos, word = place
    kinds = forms[word]
    wrong = rng.choice(kinds[rng.choice(sorted(kinds))])
    return _edit(text, pos, pos + len(word), wrong)


def misspelt_name(text: str, rng: random.Random) -> Injection | None:
    """One mention of a name the article gives at least twice, once in a multi-word name, misspelt
    (a letter dropped, a vowel swapped, two inner letters transposed): `Temur` → `Tmur`."""
    return _misspell(text, rng, multi_word=True)


def misspelt_one_word_name(text: str, rng: random.Random) -> Injection | None:
    """The same for a one-word name (a place, an organisation) the article gives at least twice
    and never beside another capitalised word: `Mariupol` → `Mariupl`."""
    return _misspell(text, rng, multi_word=False)


def _transliterations(word: str) -> list[str]:
    """Other transliterations of `word`: a doubled consonant single or a single one doubled,
    final y/i/iy, ks/x, e/ie, ou/u, kh/h."""
    variants = [word[:m.start()] + word[m.start() + 1:] for m in _DOUBLE_CONSONANT.finditer(word)]
    variants += [word[:m.end()] + m.group() + word[m.end():]
                 for m in _SINGLE_CONSONANT.finditer(word) if m.start() > 0]
    for pattern, replacement in _TRANSLITERATIONS:
        variants += [word[:m.start()] + replacement + word[m.end():]
                     for m in pattern.finditer(word)]
    return list(dict.fromkeys(v for v in variants if v != word))


def name_two_spellings(text: str, rng: random.Random) -> Injection | None:
    """A name given at least three times spelt another way, as transliterations differ, in one
    mention after the first: `Abdollahian` → `Abdolahian`, `Zelensky` → `Zelenskiy`. Not the
    English names of countries, capitals and continents, nor words made from them (`Russian`):
    English spells those one way."""
    names = _names(text)
    known = set(names.mentions) | {w.lower() for w in names.lower}
    places = []
    for word, positions in names.mentions.items():
        if len(word) >= 5 and len(positions) >= 3 and _is_name(word, names, text):
            variants = [v for v in _transliterations(word) if v not in known and v.lower() not in known and not _a_word(v)]
            if variants and not any(word[:4] == e[:4] for e in EXONYMS):
                places.extend((p, word) for p in positions[1:])
    place = _choose(rng, sorted(p for p in places if _clear(text, p[0], p[0] + len(p[1]))))
    if place is None:
        return None
    pos, word = place
    variants = [v for v in _transliterations(word) if v not in known and v.lower() not in known and not _a_word(v)]
    return _edit(text, pos, pos + len(word), rng.choice(variants))


def pronoun_for_country(text: str, rng: random.Random) -> Injection | None:
    """`it`/`its`/`itself` for a country that is the subject of a sentence (or of a clause after
    `that`, `and`, `but`…) written `she`/`her`/`herself`, where nothing capitalised and no
    clause-ending mark comes between, outside quotations: `Russia did what it had to do` →
    `Russia did what she had to do`. `it` only before a verb, and not in `it is necessary to`."""
    names = "|".join(re.escape(c) for c in sorted(COUNTRIES, key=len, reverse=True))
    pronoun = re.compile(r"\b(it|its|itself)\b")
    places = []
    for m in re.finditer(rf"\b(?:{names})(?= [a-z])", text):
        if not _initial(text, m.start()) and _word_before(text, m.start() - 1) not in _CLAUSE:
            continue
        stretch = re.match(r"[^.?!;:\n“”\"A-Z]*", text[m.end():]).group()
        found = pronoun.search(stretch)
        if found is None:
            continue
        word = found.group()
        if word == "it":
            following = re.match(r" ([a-z]+)(?: ([a-z]+))?", stretch[found.end():])
            if (following is None or following.group(1) not in _IT_VERBS
                    or following.group(2) in _EXPLETIVE):
                continue
        places.append((m.end() + found.start(), word))
    place = _choose(rng, [p for p in places if _clear(text, p[0], p[0] + len(p[1])) and not _quoted(text, p[0])])
    if place is None:
        return None
    pos, word = place
    return _edit(text, pos, pos + len(word), {"it": "she", "its": "her", "itself": "herself"}[word])


def _quoted(text: str, pos: int) -> bool:
    """Whether ``pos`` is inside a quotation of its line: a speaker's pronoun is theirs to
    choose, so the cleaner leaves pronouns in quotations alone."""
    before = text[text.rfind("\n", 0, pos) + 1 : pos]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def repeated_subject(text: str, rng: random.Random) -> Injection | None:
    """In `<asks/expects/urges…> <Name> to <verb> him|her|them` the pronoun written as the
    name, as the article calls it on its own (else its last word): `expects Xi Jinping to
    support him` → `expects Xi Jinping to support Xi`."""
    verbs = "|".join(re.escape(v) for v in sorted(ASKING_VERBS, key=len, reverse=True))
    pattern = (rf"\b(?:{verbs}) ((?:[A-Z][^\W\d_]+ ){{0,2}}[A-Z][^\W\d_]+) to [a-z]+ "
               r"(him|her|them)\b")
    alone: dict[str, int] = {}
    for run in _names(text).runs:
        if len(run) == 1:
            word = text[run[0][0]:run[0][1]]
            alone[word] = alone.get(word, 0) + 1
    places = []
    for m in re.finditer(pattern, text):
        words = m.group(1).split()
        short = max(reversed(words), key=lambda w: alone.get(w, 0))
        places.append((m.start(2), m.group(2), short))
    place = _choose(rng, [p for p in places if _clear(text, p[0], p[0] + len(p[1]))])
    if place is None:
        return None
    pos, pronoun, name = place
    return _edit(text, pos, pos + len(pronoun), name)


# --- registry and API -------------------------------------------------------------------------

DAMAGE: dict[str, Callable[[str, random.Random], Injection | None]] = {
    "quote-opening-as-closing": quote_opening_as_closing,
    "straight-closing-curly": straight_closing_curly,
    "space-before-closing-quote": space_before_closing_quote,
    "space-before-straight-closing-quote": space_before_straight_closing_quote,
    "doubled-straight-quotes": doubled_straight_quotes,
    "reversed-quote-mid-sentence": reversed_quote_mid_sentence,
    "mismatched-quote-pair": mismatched_quote_pair,
    "orphan-quote-at-paragraph-end": orphan_quote_at_paragraph_end,
    "quote-left-open": quote_left_open,
    "stray-stop": stray_stop,
    "doubled-stop": doubled_stop,
    "doubled-determiner": doubled_determiner,
    "bracketed-ellipsis-glued": bracketed_ellipsis_glued,
    "space-inside-brackets": space_inside_brackets,
    "junk-line": junk_line,
    "missing-space-after-comma": missing_space_after_comma,
    "missing-space-after-stop": missing_space_after_stop,
    "doubled-word-sentence-start": doubled_word_sentence_start,
    "doubled-word": doubled_word,
    "doubled-comma": doubled_comma,
    "space-before-comma-glued": space_before_comma_glued,
    "mojibake": mojibake,
    "truncated-mojibake-quote": truncated_mojibake_quote,
    "scraper-line": scraper_line,
    "duplicated-name": duplicated_name,
    "misspelt-name": misspelt_name,
    "misspelt-one-word-name": misspelt_one_word_name,
    "name-two-spellings": name_two_spellings,
    "pronoun-for-country": pronoun_for_country,
    "repeated-subject": repeated_subject,
}
assert tuple(DAMAGE) == CLASSES


def inject(text: str, cls: str, rng: random.Random) -> Injection | None:
    """One damaged copy of `text` with one instance of damage class `cls`, at a place chosen by
    `rng` among all places where that damage can occur naturally; None when the text has no such
    place."""
    if cls not in DAMAGE:
        raise ValueError(f"unknown damage class {cls!r}; known: {', '.join(CLASSES)}")
    return DAMAGE[cls](text, rng)


def copies(texts: Mapping[str, str], seed: int = 0,
           classes: Sequence[str] = CLASSES) -> Iterator[tuple[str, str, Injection]]:
    """(name, cls, injection) for every text (sorted by name) and class: one damaged copy each
    (texts that offer no place for a class are skipped). Deterministic: each copy's rng is
    random.Random(f"{seed}:{name}:{cls}") (string seeds are stable across runs; never use
    hash())."""
    for name in sorted(texts):
        for cls in classes:
            injection = inject(texts[name], cls, random.Random(f"{seed}:{name}:{cls}"))
            if injection is not None:
                yield name, cls, injection


# --- command line -----------------------------------------------------------------------------

def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Count and show the damage each class makes.")
    parser.add_argument("dir", type=Path, help="a folder of clean .txt articles")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--show", metavar="CLASS", choices=CLASSES,
                        help="print every copy's note for this class")
    args = parser.parse_args(argv)
    texts = {p.name: p.read_bytes().decode("utf-8") for p in sorted(args.dir.glob("*.txt"))}
    if not texts:
        parser.error(f"no .txt files in {args.dir}")
    classes = [args.show] if args.show else list(CLASSES)
    found: dict[str, list[tuple[str, Injection]]] = {cls: [] for cls in classes}
    for name, cls, injection in copies(texts, args.seed, classes):
        found[cls].append((name, injection))
    width = max(len(cls) for cls in classes)
    for cls in classes:
        print(f"{cls:<{width}}  {len(found[cls]):>4}/{len(texts)}")
        shown = found[cls] if args.show else found[cls][:: max(1, len(found[cls]) // 3)][:3]
        for name, injection in shown:
            print(f"    {name}: {injection.note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
