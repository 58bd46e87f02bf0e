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
from typing import Iterator, Sequence

from pipeline.core.edits import Edit, apply, sort_key
from pipeline.core.settings import DIFF_CONTEXT
from pipeline.core.text import line_starts

NO_NEWLINE = "\\ No newline at end of file\n"
# A hunk spanning more characters of the article than this is written in pieces, its lines
# made twice (once to count them for its header): held whole, the hunk of an article edited
# all through would be a copy of it, twice over.
_LONG_HUNK = 1_000_000
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
    hunks = "".join(_hunks(raw, edits, context))
    return _header(path) + hunks if hunks else ""


def encoded_diff(raw: str, edits: Sequence[Edit], path: str, encoding: str) -> bytes:
    """The diff as `patch` must read it to turn the raw file into the proposed one: each
    line in the article's own bytes, the file names as the file system spells them."""
    return b"".join(encoded_diff_chunks(raw, edits, path, encoding))


def encoded_diff_chunks(raw: str, edits: Sequence[Edit], path: str, encoding: str) -> Iterator[bytes]:
    """``encoded_diff`` hunk by hunk, so that the diff of a long article with edits all
    through it is never held whole; nothing when nothing changes.

    Encodings that write ``\\n`` as the byte 0x0A alone (UTF-8, Windows-1252…) have the
    same lines as their text; others (UTF-16, UTF-32) get hunks over their bytes."""
    if "\n".encode(encoding) == b"\n":
        hunks = (hunk.encode(encoding) for hunk in _hunks(raw, edits))
    else:
        hunks = (hunk.encode("latin-1") for hunk in _hunks(*_as_bytes(raw, edits, encoding)))
    header = _header(path).encode("utf-8", "surrogateescape")
    for hunk in hunks:
        yield header + hunk
        header = b""


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


def _hunks(raw: str, edits: Sequence[Edit], context: int = DIFF_CONTEXT) -> Iterator[str]:
    """The hunks of the diff from ``raw`` to ``apply(raw, edits)``, one by one, without the
    file names."""
    edits = sorted((e for e in edits if raw[e.start : e.end] != e.replacement), key=sort_key)
    if not edits:
        return
    bounds = _line_bounds(raw)
    count = len(bounds) - 1

    def lines(first: int, last: int) -> list[str]:  # raw lines [first, last), cut when needed
        return [raw[bounds[i] : bounds[i + 1]] for i in range(first, last)]

    # Blocks close enough to share their context lines share a hunk.
    hunks: list[list[_Block]] = []
    for block in _blocks(raw, bounds, edits):
        if hunks and block.first - hunks[-1][-1].last <= 2 * context:
            hunks[-1].append(block)
        else:
            hunks.append([block])

    line_shift = 0
    for blocks in hunks:
        lo, hi = max(0, blocks[0].first - context), min(count, blocks[-1].last + context)

        def body() -> Iterator[tuple[list[str], int]]:  # lines of the hunk, and how many it adds
            pos = lo
            for block in blocks:
                yield _lines(" ", lines(pos, block.first)), 0
                old, new = block.texts(raw, bounds)
                old_lines, new_lines = _split_lines(old), _split_lines(new)
                yield _lines("-", old_lines) + _lines("+", new_lines), len(new_lines) - len(old_lines)
                pos = block.last
            yield _lines(" ", lines(pos, hi)), 0

        old_len = hi - lo
        if bounds[hi] - bounds[lo] < _LONG_HUNK:
            parts = list(body())
            new_len = old_len + sum(added for _, added in parts)
            yield _hunk_header(lo, old_len, lo + line_shift, new_len) + "".join(line for piece, _ in parts for line in piece)
        else:  # edits all through a long article: its lines counted first, then written a block at a time
            new_len = old_len + sum(added for _, added in body())
            yield _hunk_header(lo, old_len, lo + line_shift, new_len)
            yield from ("".join(piece) for piece, _ in body())
        line_shift += new_len - old_len


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
