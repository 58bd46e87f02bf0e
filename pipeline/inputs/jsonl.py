"""JSON Lines (``.jsonl``, ``.ndjson``) and JSON (``.json``: one object, or an array of
objects) files of records, read as chunks of the file.

``chunks`` cuts a file into the bytes it holds, in order: for JSON Lines one chunk a
line, read one at a time; for a JSON array one chunk an element and one for the bytes
between and around them, read an element at a time (``json_array``): memory grows with
a record, not with the file. A JSON file of one object is one chunk. A chunk that holds a record carries it, with the
span of its text field's value, so a writer can put a cleaned text in its place and
keep every other byte (``spliced``). A chunk that cannot be read carries the problem.

The text field is the first of ``TEXT_FIELDS`` with a string value (or ``text_field``);
the key is ``id``, else ``url``, else the record's position (or ``key_field``). Other
string fields asked for (``more_fields``: a title, a description) ride along as
``Chunk.extra``, cleaned as articles of their own and spliced back the same way.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from json.decoder import scanstring
from pathlib import Path
from typing import BinaryIO, Iterator

from pipeline.inputs.json_array import BETWEEN, BLOCK, WHOLE, pieces
from pipeline.inputs.records import Namer, Record

LINES_SUFFIXES = (".jsonl", ".ndjson")
JSON_SUFFIXES = (".json",)
TEXT_FIELDS = ("text", "maintext", "content", "body", "article")
KEY_FIELDS = ("id", "url")
BOM = "\ufeff"
_WHITESPACE = " \t\r\n"
_DECODER = json.JSONDecoder()


@dataclass(frozen=True)
class Chunk:
    """Some bytes of the file, in order; the record they hold, or why they hold none."""

    data: bytes
    line: int  # the file's line the chunk starts on, 1-based
    record: Record | None = None
    span: tuple[int, int] = (0, 0)  # of the text field's value, in ``data.decode()``
    problem: str = ""  # an error: the chunk should have held a record
    warning: bool = False  # the problem is a duplicate, not a broken record
    extra: tuple[tuple[str, str, tuple[int, int]], ...] = ()  # (field, its string value, its span)


class Malformed(ValueError):
    pass


def _skip(s: str, i: int) -> int:
    while i < len(s) and s[i] in _WHITESPACE:
        i += 1
    return i


def scan_object(s: str, i: int) -> tuple[dict[str, tuple[object, int, int]], int]:
    """The top-level fields of the JSON object at ``s[i]``: name -> (value, start, end of
    the value in ``s``), and the index after the object. A repeated name: the last wins."""
    if i >= len(s) or s[i] != "{":
        raise Malformed("not a JSON object")
    fields: dict[str, tuple[object, int, int]] = {}
    i = _skip(s, i + 1)
    if i < len(s) and s[i] == "}":
        return fields, i + 1
    while True:
        if i >= len(s) or s[i] != '"':
            raise Malformed(f"expected a field name at column {i + 1}")
        try:
            name, i = scanstring(s, i + 1)
        except ValueError as exc:
            raise Malformed(str(exc)) from None
        i = _skip(s, i)
        if i >= len(s) or s[i] != ":":
            raise Malformed(f"expected ':' at column {i + 1}")
        start = _skip(s, i + 1)
        try:
            value, end = _DECODER.raw_decode(s, start)
        except ValueError as exc:
            raise Malformed(str(exc).split(":")[0]) from None
        fields[name] = (value, start, end)
        i = _skip(s, end)
        if i < len(s) and s[i] == ",":
            i = _skip(s, i + 1)
        elif i < len(s) and s[i] == "}":
            return fields, i + 1
        else:
            raise Malformed(f"expected ',' or '}}' at column {i + 1}")


class _Reader:
    """Turns each object of one file into a record, or a problem."""

    def __init__(self, rel: str, text_field: str | None, key_field: str | None, more_fields: tuple[str, ...] = ()) -> None:
        self.rel, self.text_field, self.key_field = rel, text_field, key_field
        self.more_fields = more_fields
        self.namer = Namer()
        self.seen: dict[str, int] = {}  # key -> its line
        self.position = 0

    def chunk(self, data: bytes, s: str, start: int, line: int, exact: bool = False) -> Chunk:
        """The chunk of ``data`` (decoded: ``s``) whose object begins at ``s[start]`` (and,
        ``exact``, ends it: an array's element holds nothing else)."""
        self.position += 1
        try:
            fields, end = scan_object(s, start)
            if exact and end != len(s):
                raise Malformed("extra data after the object")
        except Malformed as exc:
            return Chunk(data, line, problem=f"{self.rel}:{line}: malformed JSON ({exc})")
        names = (self.text_field,) if self.text_field else TEXT_FIELDS
        found = next((n for n in names if n in fields and isinstance(fields[n][0], str)), None)
        if found is None:
            has = ", ".join(fields) or "none"
            wanted = " or ".join(names)
            return Chunk(data, line, problem=f"{self.rel}:{line}: no text field ({wanted}); its fields: {has}")
        key = self._key(fields)
        if key is None:
            return Chunk(data, line, problem=f"{self.rel}:{line}: no key field {self.key_field!r}")
        if key in self.seen:
            message = f"{self.rel}:{line}: duplicate key {key!r} (first on line {self.seen[key]}); skipped"
            return Chunk(data, line, problem=message, warning=True)
        self.seen[key] = line
        value, vstart, vend = fields[found]
        record = Record(self.rel, key, self.namer.name(key), value, self.position, line)  # type: ignore[arg-type]
        extra = tuple(
            (name, fields[name][0], fields[name][1:])
            for name in self.more_fields
            if name != found and name in fields and isinstance(fields[name][0], str)
        )
        return Chunk(data, line, record, (vstart, vend), extra=extra)  # type: ignore[arg-type]

    def _key(self, fields: dict) -> str | None:
        names = (self.key_field,) if self.key_field else KEY_FIELDS
        for name in names:
            value = fields.get(name, (None,))[0]
            if isinstance(value, str) or (isinstance(value, (int, float)) and not isinstance(value, bool)):
                return str(value)
        return None if self.key_field else str(self.position)


def chunks(
    path: Path,
    rel: str,
    text_field: str | None = None,
    key_field: str | None = None,
    more_fields: tuple[str, ...] = (),
    block: int = BLOCK,
) -> Iterator[Chunk]:
    """The file's chunks, in order (their bytes make up the whole file); a JSON file is
    read ``block`` bytes at a time."""
    reader = _Reader(rel, text_field, key_field, tuple(dict.fromkeys(more_fields)))
    if path.suffix.lower() in JSON_SUFFIXES:
        with path.open("rb") as handle:
            yield from _json_chunks(handle, reader, block)
        return
    with path.open("rb") as handle:
        for number, data in enumerate(handle, 1):
            try:
                s = data.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield Chunk(data, number, problem=f"{rel}:{number}: not UTF-8 ({exc.reason})")
                continue
            start = _skip(s, 1 if number == 1 and s.startswith(BOM) else 0)
            if start == len(s):
                yield Chunk(data, number)  # a blank line
            else:
                yield reader.chunk(data, s, start, number)


def _json_chunks(handle: BinaryIO, reader: _Reader, block: int) -> Iterator[Chunk]:
    """One object, or an array of objects: the objects, and the bytes around them. An
    element that cannot be read is a problem of its own; the others are read on."""
    for kind, data, line in pieces(handle, block):
        if kind == BETWEEN:
            yield Chunk(data, line)
            continue
        try:
            s = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield Chunk(data, line, problem=f"{reader.rel}:{line}: not UTF-8 ({exc.reason})")
            continue
        if kind == WHOLE:
            i = _skip(s, 1 if s.startswith(BOM) else 0)
            yield reader.chunk(data, s, i, s.count("\n", 0, i) + 1)
        else:
            yield reader.chunk(data, s, 0, line, exact=True)


def spliced(chunk: Chunk, text: str, extra: dict[str, str] | None = None) -> bytes:
    """The chunk's bytes with its record's text field holding ``text`` (and each field of
    ``chunk.extra`` the value ``extra`` gives it): every other byte kept, and non-ASCII
    characters written raw where the chunk has any, else escaped."""
    if chunk.record is None:
        return chunk.data
    extra = extra or {}
    changes = [(chunk.span, text)] if text != chunk.record.text else []
    changes += [(span, extra[name]) for name, value, span in chunk.extra if extra.get(name, value) != value]
    if not changes:
        return chunk.data
    s = chunk.data.decode("utf-8")
    ensure_ascii = not any(ord(c) > 127 for c in s.lstrip(BOM))
    for (start, end), value in sorted(changes, reverse=True):  # from the end: earlier spans stay put
        s = s[:start] + json.dumps(value, ensure_ascii=ensure_ascii) + s[end:]
    return s.encode("utf-8")
