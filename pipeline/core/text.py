"""The text stages see, and its parts: the view without byte-order mark or carriage returns
(``StageView``) whose edits map back onto the raw text, line starts and paragraphs."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from pipeline.core.edits import Edit

QUOTE_MARKS = frozenset("“”\"‘’'«»„")  # every character the quote rules read as a mark


# --- the text stages see ------------------------------------------------------


@dataclass(frozen=True)
class StageView:
    """Stages see the text without a byte-order mark and with ``\n`` line breaks only;
    this maps their edits back onto the raw text."""

    skip: int = 0  # 1 when the raw text starts with a byte-order mark
    crlf_at: tuple[int, ...] = ()  # offsets, in the view, of each \n that was \r\n
    newline: str = "\n"

    @classmethod
    def of(cls, text: str) -> tuple[str, "StageView"]:
        skip = 1 if text.startswith("\ufeff") else 0
        view = text[skip:]
        if "\r\n" not in view:
            return view, cls(skip)
        crlf_at = tuple(m.start() - i for i, m in enumerate(re.finditer("\r\n", view)))
        lone = view.count("\n") - len(crlf_at)
        return view.replace("\r\n", "\n"), cls(skip, crlf_at, "\r\n" if len(crlf_at) >= lone else "\n")

    def to_raw(self, pos: int) -> int:
        return self.skip + pos + bisect.bisect_left(self.crlf_at, pos)

    def restore(self, edits: list[Edit]) -> list[Edit]:
        if not self.skip and not self.crlf_at:
            return edits
        return [
            replace(
                e,
                start=self.to_raw(e.start),
                end=self.to_raw(e.end),
                replacement=e.replacement.replace("\n", self.newline),
            )
            for e in edits
        ]


# --- paragraphs -------------------------------------------------------------

_BLOCK = re.compile(r"[^\n]+(?:\n[^\n]+)*")


def line_starts(text: str) -> list[int]:
    """0 and the offset after each line break of ``text``, in order."""
    starts = [0]
    at = text.find("\n")
    while at != -1:
        starts.append(at + 1)
        at = text.find("\n", at + 1)
    return starts


@lru_cache(maxsize=8)
def paragraph_spans(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each paragraph of ``\\n``-only text, line breaks excluded.

    Scraped articles put one paragraph on each line; hard-wrapped text (short lines
    grouped in blocks between blank lines) puts one paragraph in each block.
    """
    if is_hard_wrapped(text):
        return tuple((m.start(), m.end()) for m in _BLOCK.finditer(text) if m.group().strip())
    spans = []  # each line not blank (a split is faster than a regex search for each line)
    start = 0
    for line in text.split("\n"):
        if line and not line.isspace():
            spans.append((start, start + len(line)))
        start += len(line) + 1
    return tuple(spans)


@lru_cache(maxsize=8)
def is_hard_wrapped(text: str) -> bool:
    """Whether ``text`` is wrapped at a fixed width: blocks of lines of 40 to 100 characters."""
    lines = text.split("\n")
    if max(map(len, lines)) > 100:  # the usual answer, and the quickest to find
        return False
    inner = [a for a, b in zip(lines, lines[1:]) if a.strip() and b.strip()]
    if len(inner) < 2:
        return False
    inner.sort(key=len)
    return len(inner[len(inner) // 2]) >= 40
