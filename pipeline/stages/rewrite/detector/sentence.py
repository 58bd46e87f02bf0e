"""What a signal looks at: one sentence, the document around it, and its words.

The words, and the capitalised words that stand alone among lower-case ones, are found once
per sentence and shared by the signals that need them; ``quote`` writes the piece of the
sentence a signal's reason points at.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from pipeline.core.lexicon.names import NAME_LINKS


@dataclass(frozen=True)
class Sentence:
    """One sentence and what a signal may look at around it."""

    text: str
    start: int
    end: int
    document: str = ""
    next: str = ""  # the following sentence of the same paragraph, or ""

    @cached_property
    def tokens(self) -> list[re.Match[str]]:
        """The words of the sentence (computed once, shared by the signals)."""
        return list(WORD.finditer(self.text))

    def words(self) -> list[re.Match[str]]:
        """The words of the sentence (``tokens``)."""
        return self.tokens

    @cached_property
    def isolated_capitals(self) -> list[re.Match[str]]:
        """The capitalised words that stand alone among lower-case words (computed once)."""
        return _isolated_capitals(self)


# A word: letters and digits, and the apostrophes and hyphens inside it (``O’Brien``, ``co-op``).
WORD = re.compile(r"[^\W_]+(?:[’'-][^\W_]+)*")


def quote(text: str, start: int, end: int, pad: int = 0) -> str:
    """``text[start:end]`` and about ``pad`` characters either side, in whole words, for a reason."""
    lo = max(0, start - pad)
    hi = min(len(text), end + pad)
    while lo > 0 and not text[lo - 1].isspace() and lo < start:
        lo -= 1
    while hi < len(text) and not text[hi].isspace() and hi > end:
        hi += 1
    return "`" + " ".join(text[lo:hi].split()) + "`"


def _isolated_capitals(s: Sentence) -> list[re.Match[str]]:
    """Capitalised words standing alone between lower-case words, not at a sentence start."""
    words = s.words()
    texts = [m.group() for m in words]
    found = []
    for i in [i for i in range(1, len(texts)) if texts[i][0].isupper()]:  # few words are
        word = texts[i]
        if not word[1:].islower():
            continue
        prev = texts[i - 1]
        between = s.text[words[i - 1].end() : words[i].start()]
        if not prev[0].islower() or between.strip():
            continue  # after a name, or after punctuation (a quote, a colon, a dash)
        if i >= 2 and prev in NAME_LINKS and texts[i - 2][0].isupper():
            continue  # inside a name: "the Organization for Security"
        if i >= 3 and prev == "the" and texts[i - 2] == "of" and texts[i - 3][0].isupper():
            continue  # the end of a name: "the Album of the Year"
        if i + 1 < len(words):
            after = s.text[words[i].end() : words[i + 1].start()]
            if (texts[i + 1][0].isupper() or texts[i + 1].isdigit()) and after.strip() in ("", "&"):
                continue  # part of a name: "the Carnegie Endowment", "under Article 50", "Oil & Gas"
            linked = i + 2 < len(words) and texts[i + 1] in NAME_LINKS
            if linked and texts[i + 2][0].isupper():
                continue  # "Security and Co-operation in Europe"
            if linked and texts[i + 1 : i + 3] == ["of", "the"] and i + 3 < len(words) and texts[i + 3][0].isupper():
                continue  # "named Man of the Match"
        found.append(words[i])
    return found
