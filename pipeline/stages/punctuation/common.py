"""What several punctuation rule modules share: the stage's name, the spaces and marks
they test for, the abbreviations list, and the helpers that walk over spaces.

What one module alone uses stays in that module.
"""

from __future__ import annotations

from pipeline.core.lexicon.names import abbreviations

STAGE = "punctuation"
# ``\s``, spelt out: a class of explicit ranges is checked far faster than the category.
WHITE_SPACE = "\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
# Spaces within a line: what the helpers below walk over.
HSPACE = frozenset(" \t\u00a0\u2009\u202f")
_WORD_END = frozenset(")]”’%")
# Opening quote marks and brackets: what may stand right before a word.
OPENING = frozenset("“‘\"'(«[")


ABBREVIATIONS = abbreviations()


def space_start(text: str, pos: int, floor: int) -> int:
    """Start of the run of spaces (not line breaks) that ends at ``pos``, not before ``floor``."""
    while pos > floor and text[pos - 1] in HSPACE:
        pos -= 1
    return pos


def ends_word(text: str, pos: int) -> bool:
    """Whether a word, figure or closing bracket or quote ends right before ``pos``."""
    return pos > 0 and (text[pos - 1].isalnum() or text[pos - 1] in _WORD_END)


def space_end(text: str, pos: int) -> int:
    """End of the run of spaces (not line breaks) that starts at ``pos``."""
    while pos < len(text) and text[pos] in HSPACE:
        pos += 1
    return pos
