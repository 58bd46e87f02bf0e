"""A bracketed ellipsis glued to the word before it (``West[…]``): a rule of its own, run
after the doubled-word rules and before the quote rules.
"""

from __future__ import annotations

import re
from typing import Iterator

from pipeline.core.edits import Fix
from pipeline.core.rules import PARAGRAPH, rule
from pipeline.stages.punctuation.common import STAGE

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
