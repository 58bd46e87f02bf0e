"""Encoding repair: mojibake, text that was UTF-8 but was decoded with another encoding on
its way to the scraper (``donâ€™t``, ``cafÃ©``, ``â€œquotedâ€\\x9d``).

ftfy makes the repair, through ``ftfy.fix_encoding``: only its encoding steps (undo a
wrong decoding, restore a lost non-breaking space, Windows-1252 for C1 controls). It does
not uncurl quotes, change line breaks, unescape HTML or normalise anything else.

A clean text costs one failed search of a compiled regex and nothing else (ftfy is not
even imported). Where the regex finds a suspicious place, ftfy sees only that line (on a
very long line, the stretch around the place), and each change it makes becomes its own
edit over the smallest span that differs. Correct non-ASCII text (``Lemaître``,
``Zürich``, ``“quotes”``, other scripts) is left alone: ftfy changes a line only where its
heuristic is sure.
"""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher
from itertools import chain
from typing import Iterator

from pipeline.core.edits import Fix
from pipeline.core.rules import rule
from pipeline.core.settings import MAX_LINE, REACH

STAGE = "encoding"

# What Windows-1252 shows for the bytes 0x80-0x9F (Latin-1 shows C1 controls there).
_CP1252_HIGH = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
# Where mojibake can be: the character of a UTF-8 lead byte (Â-ô) followed by that of a
# continuation byte (0x80-0xBF) as Windows-1252 or Latin-1 shows them; a C1 control
# (Windows-1252 read as Latin-1); "Ã" before a space (an "à" whose 0xA0 became a space);
# UTF-8 punctuation read as Windows-1251 ("вЂ™") or Mac Roman ("‚Äô").
SUSPICIOUS_PLAIN = f"[\u00c2-\u00f4][\u0080-\u00bf{_CP1252_HIGH}]|[\u0080-\u009f]|Ã(?= )|вЂ|‚Ä"
# The same alternatives, written to start with one character class (the first character of
# every alternative, each alternative then checking its own with a lookbehind): the regex
# engine skips ahead to a character of that class, where it would otherwise try the whole
# alternation at every position of a clean text (ten times slower).
SUSPICIOUS = re.compile(
    "[\u00c2-\u00f4\u0080-\u009fв‚]"
    f"(?:(?<=[\u00c2-\u00f4])[\u0080-\u00bf{_CP1252_HIGH}]|(?<=[\u0080-\u009f])|(?<=Ã)(?= )|(?<=в)Ђ|(?<=‚)Ä)"
)

# Characters a repair must not bring in: a dagger is what ftfy makes of "â€ " (a closing
# quote whose third byte was lost), a C1 control or U+FFFD is no repair.
_DOUBTFUL = re.compile("[\u2020\u2021\ufffd\u0080-\u009f]")
_TOKEN = re.compile(r"[^\x00-\x7f]+|[\x00-\x7f]")


@rule("fix-mojibake", stage=STAGE, risk="safe")
def fix_mojibake(text: str) -> Iterator[Fix]:
    """Mojibake, UTF-8 read in the wrong encoding (``donâ€™t``, ``cafÃ©``): the characters meant.

    Repaired by ftfy (its encoding fixes only). Leaves alone: correct accented letters
    (``Lemaître``, ``Zürich``), curly quotes, other scripts, and mojibake that lost a
    byte (``â€`` for ”: fix-truncated-mojibake-quote's business).
    """
    segments = _segments(text)
    first = next(segments, None)  # the one regex search a clean text costs
    if first is None:
        return
    from ftfy import fix_encoding

    for start, end in chain([first], segments):
        segment = text[start:end]
        fixed = fix_encoding(segment)
        if "\ufeff" not in segment:
            fixed = fixed.replace("\ufeff", "")  # "ï»¿" was a byte-order mark: drop it
        changes = list(_changes(segment, fixed)) if fixed != segment else []
        if not changes:  # ftfy declines a line that mixes mojibake with right characters
            changes = list(_sequences(segment))
        for s, e, replacement, was, meant in changes:
            if _DOUBTFUL.search(replacement):
                continue
            yield Fix(start + s, start + e, replacement, f"mojibake: “{was}” is {_named(meant)} decoded in the wrong encoding")


def _byte(char: str) -> int | None:
    """The byte Windows-1252 (or, for a C1 control, Latin-1) writes ``char`` as, if one."""
    try:
        return char.encode("cp1252")[0]
    except UnicodeEncodeError:
        return ord(char) if "\x80" <= char <= "\x9f" else None


def _sequences(segment: str) -> Iterator[tuple[int, int, str, str, str]]:
    """Each whole UTF-8 sequence shown as Windows-1252 in ``segment`` (a lead byte's character,
    then as many continuation bytes' as it announces), decoded on its own: ftfy judges a line
    as a whole, and leaves one alone where right characters (``Odesa\xa0â€“ the``, a no-break
    space) cannot be re-encoded with the mojibake. (start, end, meant, was, meant)."""
    for match in SUSPICIOUS.finditer(segment):
        start = match.start()
        lead = _byte(segment[start])
        if lead is None or not 0xC2 <= lead <= 0xF4:
            continue
        size = 2 if lead < 0xE0 else 3 if lead < 0xF0 else 4
        data = [lead]
        for char in segment[start + 1 : start + size]:
            byte = _byte(char)
            if byte is None or not 0x80 <= byte <= 0xBF:
                break
            data.append(byte)
        if len(data) < size:
            continue
        try:
            meant = bytes(data).decode("utf-8")
        except UnicodeDecodeError:
            continue
        if meant.isprintable() or meant.isspace():
            yield start, start + size, meant, segment[start : start + size], meant


# "â€" (the bytes E2 80 of a curly quote or a dash) with its third byte gone: a closing ” (E2 80
# 9D) loses it, as 0x9D is the one such byte Windows-1252 has no character for, so a decoder
# drops it. After a word or punctuation, before what may follow a closing mark.
_TRUNCATED_QUOTE = re.compile(f"(?<=[^\\s])â€(?![\u0080-\u00bf{_CP1252_HIGH}])(?=[\\s.,;:!?)\\]]|\\Z)")


@rule("fix-truncated-mojibake-quote", stage=STAGE, risk="review")
def fix_truncated_mojibake_quote(text: str) -> Iterator[Fix]:
    """A closing ” shown as ``â€`` with its last byte lost (``thoughtâ€.``): the ” it was.

    Leaves alone ``â€`` before a character that completes it (``â€™``, which
    fix-mojibake repairs), at the start of a word (an opening mark lost no byte:
    ``â€œ``), and correct text.
    """
    if "â€" not in text:
        return
    for match in _TRUNCATED_QUOTE.finditer(text):
        yield Fix(
            match.start(), match.end(), "”",
            "mojibake: â€ is a closing quote ” (bytes E2 80 9D) whose last byte was lost: Windows-1252 has no character for 0x9D",
        )


def _named(text: str) -> str:
    """``text`` quoted for a reason; invisible characters by name."""
    if not text:
        return "a byte-order mark"  # the only character dropped outright
    if text.isspace():
        return " + ".join("a " + unicodedata.name(c, f"U+{ord(c):04X}").lower() for c in text)
    return f"“{text}”"


def _segments(text: str) -> Iterator[tuple[int, int]]:
    """The stretches ftfy should see, in order and apart: the line of each suspicious place,
    or on a line longer than ``MAX_LINE`` the stretch of about ``REACH`` characters around it."""
    last_end = 0
    for match in SUSPICIOUS.finditer(text):
        if match.start() < last_end:
            continue
        back, ahead = max(0, match.start() - MAX_LINE), min(len(text), match.end() + MAX_LINE)
        line_break = text.rfind("\n", back, match.start())
        line_start = line_break + 1 if line_break != -1 else back
        line_break = text.find("\n", match.end(), ahead)
        line_end = line_break if line_break != -1 else ahead
        whole_line = (line_start > back or back == 0) and (line_end < ahead or ahead == len(text))
        if whole_line and line_end - line_start <= MAX_LINE:
            start, end = line_start, line_end
        else:
            start = _boundary(text, max(line_start, match.start() - REACH), line_start, -1)
            end = _boundary(text, min(line_end, match.end() + REACH), line_end, 1)
        yield max(start, last_end), end
        last_end = end


def _boundary(text: str, pos: int, limit: int, step: int) -> int:
    """The nearest white space from ``pos`` towards ``limit`` (within ``REACH``): mojibake
    never holds an ASCII space, so a cut there splits none."""
    for _ in range(REACH):
        if pos == limit or text[pos - 1 if step < 0 else pos] in " \t":
            return pos
        pos += step
    return pos


def _changes(old: str, new: str) -> Iterator[tuple[int, int, str, str, str]]:
    """(start, end, replacement, was, meant) over ``old`` for each change that makes it
    ``new``: runs of non-ASCII characters are compared whole, as one mojibake sequence
    (``was`` becomes ``meant``), and the span is then trimmed to the characters that differ."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    offsets = [0]
    for token in a:
        offsets.append(offsets[-1] + len(token))
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        start, end, replacement = offsets[i1], offsets[i2], "".join(b[j1:j2])
        was, meant = old[start:end], replacement
        while start < end and replacement and old[start] == replacement[0]:
            start, replacement = start + 1, replacement[1:]
        while start < end and replacement and old[end - 1] == replacement[-1]:
            end, replacement = end - 1, replacement[:-1]
        yield start, end, replacement, was, meant
