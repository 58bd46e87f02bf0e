"""An edit seen in its context: the sentence around it, and a word-level diff.

Shared by the terminal review (``clean review``) and the HTML report (``clean report``),
so that both show an edit the same way.
"""

from __future__ import annotations

import difflib
import re
from typing import Iterable, Literal

from pipeline.core.edits import Edit, apply, moved
from pipeline.core.sentences import sentence_spans
from pipeline.core.settings import CONTEXT_WINDOW
from pipeline.core.strings import common_ends

Op = Literal["equal", "delete", "insert"]


# Words (with their apostrophes and hyphens), runs of white space, and every other character on
# its own, so that a changed quote mark or full stop shows as just that mark.
_TOKEN = re.compile(r"\w+(?:['’\-]\w+)*|\s+|[^\w\s]", re.UNICODE)


def sentence_around(raw: str, edit: Edit) -> tuple[int, int]:
    """The span of ``raw`` holding the sentence(s) that ``edit`` touches, as the pipeline's one
    sentence splitter (``pipeline.core.sentences``) finds them: ``U.S.`` or ``Mr.`` end none.

    A sentence that starts just after the edit, past spaces, counts as touched, so that an
    edit removing a doubled full stop shows both halves of what it joins. The search looks
    at most ``CONTEXT_WINDOW`` characters each way within the edit's line, then stops at a space.
    """
    lo, hi = _line_window(raw, edit)
    touched_end = edit.end + len(raw[edit.end : hi]) - len(raw[edit.end : hi].lstrip(" "))
    spans = [(lo + a, lo + b) for a, b in sentence_spans(raw[lo:hi])]
    touched = [(a, b) for a, b in spans if b >= edit.start and a <= touched_end]
    if not touched:
        return lo, hi
    return min(touched[0][0], edit.start), max(touched[-1][1], edit.end)


def _line_window(raw: str, edit: Edit) -> tuple[int, int]:
    """The edit's line, cut ``CONTEXT_WINDOW`` characters either side of the edit, at a space."""
    lo = max(0, edit.start - CONTEXT_WINDOW)
    newline = raw.rfind("\n", lo, edit.start)
    if newline >= 0:
        start = newline + 1
    elif lo == 0:
        start = 0
    else:  # begin at a word
        space = raw.find(" ", lo, edit.start)
        start = space + 1 if space >= 0 else lo
    hi = min(len(raw), edit.end + CONTEXT_WINDOW)
    newline = raw.find("\n", edit.end, hi)
    if newline >= 0:
        end = newline
    elif hi == len(raw):
        end = hi
    else:  # stop at a word
        space = raw.rfind(" ", edit.end, hi)
        end = space if space >= 0 else hi
    return start, end


def tokens(text: str) -> list[str]:
    """``text`` cut into words, white-space runs and single other characters (joins back to it)."""
    return _TOKEN.findall(text)


def word_diff(before: str, after: str) -> list[tuple[Op, str]]:
    """A word-level diff of ``before`` → ``after`` as ``(op, text)`` pairs.

    ``op`` is ``equal``, ``delete`` or ``insert``. Joining the ``equal`` and ``delete`` texts
    gives ``before``; joining the ``equal`` and ``insert`` texts gives ``after``. Within one
    change the deletion comes first; adjacent pieces never share an op, and a lone space
    between two changed words is folded into the change so that "the cat" → "a dog" reads
    as one replacement rather than two.
    """
    a, b = tokens(before), tokens(after)
    # The common head and tail are most of a sentence: keep difflib to the middle.
    head, tail = common_ends(a, b)
    mid_a, mid_b = a[head : len(a) - tail], b[head : len(b) - tail]

    out: list[tuple[Op, str]] = []
    if head:
        out.append(("equal", "".join(a[:head])))
    deleted: list[str] = []
    inserted: list[str] = []

    def flush() -> None:
        if deleted:
            out.append(("delete", "".join(deleted)))
        if inserted:
            out.append(("insert", "".join(inserted)))
        deleted.clear()
        inserted.clear()

    opcodes = difflib.SequenceMatcher(None, mid_a, mid_b, autojunk=False).get_opcodes()
    for n, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            text = "".join(mid_a[i1:i2])
            between_changes = (deleted or inserted) and n + 1 < len(opcodes)
            if between_changes and text.isspace():
                deleted.append(text)
                inserted.append(text)
                continue
            flush()
            out.append(("equal", text))
        else:
            deleted.extend(mid_a[i1:i2])
            inserted.extend(mid_b[j1:j2])
    flush()
    if tail:
        text = "".join(a[len(a) - tail :])
        if out and out[-1][0] == "equal":
            out[-1] = ("equal", out[-1][1] + text)
        else:
            out.append(("equal", text))
    return out


def edit_diff(raw: str, edit: Edit) -> list[tuple[Op, str]]:
    """The word-level diff of the sentence around ``edit``, before and after it applies.

    The diff is anchored at the edit itself (widened to whole words), so that where the
    same change could be drawn in two places, as in ``go on. . The``, it is drawn where
    the edit is.
    """
    start, end = sentence_around(raw, edit)
    bounds = [m.start() for m in _TOKEN.finditer(raw, start, end)] + [end]
    lo = max(b for b in bounds if b <= edit.start)
    hi = min(b for b in bounds if b >= edit.end)
    pieces: list[tuple[Op, str]] = [("equal", raw[start:lo])] if lo > start else []
    for op, text in word_diff(raw[lo:hi], raw[lo : edit.start] + edit.replacement + raw[edit.end : hi]):
        if pieces and pieces[-1][0] == op == "equal":
            pieces[-1] = ("equal", pieces[-1][1] + text)
        else:
            pieces.append((op, text))
    if hi < end:
        if pieces and pieces[-1][0] == "equal":
            pieces[-1] = ("equal", pieces[-1][1] + raw[hi:end])
        else:
            pieces.append(("equal", raw[hi:end]))
    return pieces


def in_context(raw: str, edits: Iterable[Edit], edit: Edit) -> tuple[str, Edit]:
    """The text as the article's accepted edits (other than ``edit``) leave it, and ``edit``
    moved onto it: what a reviewer sees around an edit is the text as it now reads."""
    accepted = [e for e in edits if e.status == "accepted" and e is not edit]
    shift = sum(len(e.replacement) - (e.end - e.start) for e in accepted if e.end <= edit.start)
    return apply(raw, accepted), moved(edit, edit.start + shift, edit.end + shift)
