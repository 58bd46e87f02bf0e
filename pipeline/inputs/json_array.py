"""A JSON array file cut into its elements and the bytes between them, read a block at a
time: memory grows with the largest element, never with the file.

The scanner finds where each top-level element ends without parsing it: outside strings
a ``,`` or ``]`` at depth 0 ends it (depth counts ``[`` ``{`` against ``]`` ``}``);
inside strings only an unescaped ``"`` matters. It works on bytes, which is safe for UTF-8:
no byte of a multi-byte character is ASCII, so a block may end anywhere. Whether an
element is valid JSON is left to whoever parses it, one element at a time.

The pieces, in order, make up the whole file, each with the 1-based line it starts on:
``BETWEEN`` (a BOM, ``[``, whitespace, commas, ``]`` and whatever follows it),
``ELEMENT`` (one element, from its first to its last non-whitespace byte), or ``WHOLE``
(the file is no array: all of it, for the caller to read as one value).
"""

from __future__ import annotations

import re
from typing import BinaryIO, Iterator

BLOCK = 1 << 20  # bytes read at a time
BETWEEN, ELEMENT, WHOLE = "between", "element", "whole"
UTF8_BOM = b"\xef\xbb\xbf"
_SPACE = b" \t\r\n"
_NOT_SPACE = re.compile(rb"[^ \t\r\n]")
_QUOTE = re.compile(rb'"')
_STRUCTURE = re.compile(rb'[][{},"]')  # what matters outside strings


class _Buffer:
    """The bytes read and not yet handed out, more read on demand. Every index is an offset
    in the file, so that dropping what was handed out moves nothing a caller holds."""

    def __init__(self, handle: BinaryIO, block: int) -> None:
        self.handle, self.block = handle, block
        self.data = bytearray()
        self.base = 0  # the file offset of data[0]
        self.start = 0  # where the next piece begins
        self.line = 1  # the line it begins on
        self.eof = False

    @property
    def end(self) -> int:
        return self.base + len(self.data)

    def byte(self, at: int) -> int:
        return self.data[at - self.base]

    def more(self) -> bool:
        """Read one more block, dropping what was handed out; False at the end of the file."""
        got = b"" if self.eof else self.handle.read(self.block)
        if not got:
            self.eof = True
            return False
        del self.data[: self.start - self.base]
        self.base = self.start
        self.data += got
        return True

    def search(self, pattern: re.Pattern[bytes], at: int) -> int:
        """Where ``pattern`` first matches at or after ``at``, reading on as needed; ``end``
        if nowhere before the end of the file."""
        while True:
            found = pattern.search(self.data, at - self.base)
            if found:
                return self.base + found.start()
            at = self.end
            if not self.more():
                return self.end

    def take(self, end: int) -> tuple[bytes, int]:
        """The piece from ``start`` to ``end``, and the line it starts on."""
        piece, line = bytes(self.data[self.start - self.base : end - self.base]), self.line
        self.line += piece.count(b"\n")
        self.start = end
        return piece, line


def pieces(handle: BinaryIO, block: int = BLOCK) -> Iterator[tuple[str, bytes, int]]:
    """The file's pieces, in order: (kind, bytes, line)."""
    buf = _Buffer(handle, block)
    while len(buf.data) < len(UTF8_BOM) and buf.more():
        pass
    at = buf.search(_NOT_SPACE, len(UTF8_BOM) if buf.data.startswith(UTF8_BOM) else 0)
    if at == buf.end or buf.byte(at) != ord("["):
        while buf.more():
            pass
        yield WHOLE, *buf.take(buf.end)
        return
    at = buf.search(_NOT_SPACE, at + 1)
    while at < buf.end and buf.byte(at) != ord("]"):
        stop, last = _element_end(buf, at)
        if buf.start < at:
            yield BETWEEN, *buf.take(at)
        yield ELEMENT, *buf.take(last)
        if stop == buf.end or buf.byte(stop) == ord("]"):
            break
        at = buf.search(_NOT_SPACE, stop + 1)
    while True:  # the array's end and whatever follows it, a block at a time
        if buf.start < buf.end:
            yield BETWEEN, *buf.take(buf.end)
        if not buf.more():
            return


def _element_end(buf: _Buffer, first: int) -> tuple[int, int]:
    """Where the element that starts at ``first`` stops (its ``,`` or ``]``, or the end of
    the file), and the offset after its last non-whitespace byte."""
    depth, last, at = 0, first, first
    while True:
        j = buf.search(_STRUCTURE, at)
        if j == buf.end:
            return j, max(last, _trimmed(buf, j, first))
        char, at = buf.byte(j), j + 1
        if char == ord('"'):
            at = last = _string_end(buf, j + 1)
        elif char in b"[{":
            depth, last = depth + 1, at
        elif char in b"]}" and depth:
            depth, last = depth - 1, at
        elif depth == 0 and char in b",]":
            return j, _trimmed(buf, j, first)
        elif char != ord(","):  # a stray "}" at depth 0: the element is broken, its parser says so
            last = at


def _string_end(buf: _Buffer, at: int) -> int:
    """The offset after the closing quote of the string whose body starts at ``at`` (or
    the end of the file): the first quote after an even run of backslashes."""
    while True:
        j = buf.search(_QUOTE, at)
        if j == buf.end:
            return j
        slashes = 0
        while buf.byte(j - 1 - slashes) == ord("\\"):
            slashes += 1
        if slashes % 2 == 0:
            return j + 1
        at = j + 1


def _trimmed(buf: _Buffer, end: int, floor: int) -> int:
    """``end`` moved back over whitespace, never before ``floor``."""
    while end > floor and buf.byte(end - 1) in _SPACE:
        end -= 1
    return end
