"""Unified diffs derived from the edit list, in the form `patch` and `git apply` take.

Hunks are built from the lines the edits touch, so a 50 MB article with three
edits costs three small hunks, not a diff of the whole file. Line endings are
kept as they are in the raw text, and a last line without a line break gets
the ``\\ No newline at end of file`` marker that difflib leaves out.

`patch` works on bytes and ends a line at each 0x0A byte. In UTF-16 and UTF-32 that
byte is only half of a line break (its NUL bytes fall on the next "line") and can sit
inside other characters, so ``encoded_diff`` builds those diffs over the encoded bytes.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace
from typing import Sequence

from pipeline.core.edits import Edit, apply, sort_key
from pipeline.core.settings import DIFF_CONTEXT
from pipeline.core.text import line_starts

NO_NEWLINE = "\\ No newline at end of file\n"
_LINE = re.compile(r"[^\n]*\n|[^\n]+\Z")


def _line_bounds(text: str) -> list[int]:
    """Offsets where each line starts, and the end of the text: line i is bounds[i:i+2]."""
    bounds = line_starts(text)
    if bounds[-1] != len(text):
        bounds.append(len(text))
    return bounds


def _touched_lines(bounds: list[int], raw: str, edit: Edit) -> tuple[int, int]:
    """The [first, last) raw lines an edit changes; an append after a final break changes none."""
    count = len(bounds) - 1
    if edit.start == len(raw) and (not raw or raw.endswith("\n")):
        return count, count
    first = min(bisect.bisect_right(bounds, edit.start) - 1, count - 1)
    last = min(bisect.bisect_right(bounds, max(edit.start, edit.end - 1)), count)
    return first, last


class _Block:
    """Consecutive raw lines replaced as a whole: ``-`` old lines, then ``+`` new ones."""

    def __init__(self, first: int, last: int, edit: Edit) -> None:
        self.first, self.last, self.edits = first, last, [edit]
        self._complete_at: tuple[int, int] | None = None  # (last, edits) when last found complete

    def texts(self, raw: str, bounds: list[int]) -> tuple[str, str]:
        offset = bounds[self.first]
        old = raw[offset : bounds[self.last]]
        return old, apply(old, self.edits, offset)

    def complete(self, raw: str, bounds: list[int]) -> bool:
        """Take in following lines until the new text ends a line, so later lines stay intact.

        False when the new text ends without a line break at the end of the file."""
        if self._complete_at == (self.last, len(self.edits)):
            return True  # nothing changed since: still complete (edits are only ever added)
        while True:
            new = self.texts(raw, bounds)[1]
            if not new or new.endswith("\n"):
                self._complete_at = (self.last, len(self.edits))
                return True
            if self.last == len(bounds) - 1:
                return False
            self.last += 1


def _blocks(raw: str, bounds: list[int], edits: Sequence[Edit]) -> list[_Block]:
    blocks: list[_Block] = []
    for edit in edits:
        first, last = _touched_lines(bounds, raw, edit)
        if blocks and (not blocks[-1].complete(raw, bounds) or first < blocks[-1].last):
            blocks[-1].last = max(blocks[-1].last, last)
            blocks[-1].edits.append(edit)
        else:
            blocks.append(_Block(first, last, edit))
    blocks[-1].complete(raw, bounds)
    return blocks


def unified_diff(raw: str, edits: Sequence[Edit], path: str, context: int = DIFF_CONTEXT) -> str:
    """A unified diff from ``raw`` to ``apply(raw, edits)``; empty when nothing changes."""
    hunks = _hunks(raw, edits, context)
    return _header(path) + hunks if hunks else ""


def encoded_diff(raw: str, edits: Sequence[Edit], path: str, encoding: str) -> bytes:
    """The diff as `patch` must read it to turn the raw file into the proposed one: each
    line in the article's own bytes, the file names as the file system spells them.

    Encodings that write ``\\n`` as the byte 0x0A alone (UTF-8, Windows-1252…) have the
    same lines as their text; others (UTF-16, UTF-32) get hunks over their bytes."""
    if "\n".encode(encoding) == b"\n":
        hunks = _hunks(raw, edits).encode(encoding)
    else:
        hunks = _hunks(*_as_bytes(raw, edits, encoding)).encode("latin-1")
    return _header(path).encode("utf-8", "surrogateescape") + hunks if hunks else b""


def _as_bytes(raw: str, edits: Sequence[Edit], encoding: str) -> tuple[str, list[Edit]]:
    """``raw`` and ``edits`` over the bytes of ``raw`` in ``encoding``, one Latin-1 character
    a byte: the text diff then splits lines where `patch` does, at each 0x0A byte.

    Only for codecs without state (UTF-16/32 with an explicit byte order), where the bytes of
    a text are the bytes of its pieces put together."""
    points = sorted({p for e in edits for p in (e.start, e.end)})
    offsets, pos, size = {}, 0, 0
    for point in points:  # one pass over the text, however many edits
        size += len(raw[pos:point].encode(encoding))
        offsets[point], pos = size, point
    wide = [
        replace(e, start=offsets[e.start], end=offsets[e.end], replacement=_latin1(e.replacement, encoding))
        for e in edits
    ]
    return _latin1(raw, encoding), wide


def _latin1(text: str, encoding: str) -> str:
    """The bytes of ``text`` in ``encoding``, one character each."""
    return text.encode(encoding).decode("latin-1")


def _header(path: str) -> str:
    """The file-name lines: ``a/`` and ``b/`` prefixes, as `git diff` writes them (`patch -p1`)."""
    return f"--- a/{path}\n+++ b/{path}\n"


def _hunks(raw: str, edits: Sequence[Edit], context: int = DIFF_CONTEXT) -> str:
    """The hunks of the diff from ``raw`` to ``apply(raw, edits)``, without the file names."""
    edits = sorted((e for e in edits if raw[e.start : e.end] != e.replacement), key=sort_key)
    if not edits:
        return ""
    bounds = _line_bounds(raw)
    count = len(bounds) - 1
    lines = _split_lines(raw)

    # Blocks close enough to share their context lines share a hunk.
    hunks: list[list[_Block]] = []
    for block in _blocks(raw, bounds, edits):
        if hunks and block.first - hunks[-1][-1].last <= 2 * context:
            hunks[-1].append(block)
        else:
            hunks.append([block])

    out: list[str] = []
    line_shift = 0
    for blocks in hunks:
        lo, hi = max(0, blocks[0].first - context), min(count, blocks[-1].last + context)
        body: list[str] = []
        pos = lo
        old_len = new_len = hi - lo
        for block in blocks:
            body.extend(_lines(" ", lines[pos : block.first]))
            old, new = block.texts(raw, bounds)
            old_lines, new_lines = _split_lines(old), _split_lines(new)
            body.extend(_lines("-", old_lines))
            body.extend(_lines("+", new_lines))
            new_len += len(new_lines) - len(old_lines)
            pos = block.last
        body.extend(_lines(" ", lines[pos:hi]))
        out.append(_hunk_header(lo, old_len, lo + line_shift, new_len))
        out.extend(body)
        line_shift += new_len - old_len
    return "".join(out)


def _split_lines(text: str) -> list[str]:
    """Lines ending at ``\n`` only, as patch sees them (str.splitlines also breaks at \r, \u2028…)."""
    return _LINE.findall(text)


def _hunk_header(old_start: int, old_len: int, new_start: int, new_len: int) -> str:
    """``@@ -a,b +c,d @@`` with 1-based starts; an empty range names the line before it."""

    def part(start: int, length: int) -> str:
        first = start + 1 if length else start
        return f"{first}" if length == 1 else f"{first},{length}"

    return f"@@ -{part(old_start, old_len)} +{part(new_start, new_len)} @@\n"


def _lines(prefix: str, lines: list[str]) -> list[str]:
    out = []
    for line in lines:
        out.append(prefix + line)
        if not line.endswith("\n"):
            out.append("\n" + NO_NEWLINE)
    return out
