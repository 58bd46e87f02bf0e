"""JSON Lines (``.jsonl``, ``.ndjson``) and JSON (``.json``: one object, or an array of
objects) files of records, read as chunks of the file.

``chunks`` cuts a file into the bytes it holds, in order: for JSON Lines one chunk a
line, read one at a time (memory does not grow with the file); for JSON the parts
between and around its objects too. A chunk that holds a record carries it, with the
span of its text field's value, so a writer can put a cleaned text in its place and
keep every other byte (``spliced``). A chunk that cannot be read carries the problem.

The text field is the first of ``TEXT_FIELDS`` with a string value (or ``text_field``);
the key is ``id``, else ``url``, else the record's position (or ``key_field``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from json.decoder import scanstring
from pathlib import Path
from typing import Iterator

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

    def __init__(self, rel: str, text_field: str | None, key_field: str | None) -> None:
        self.rel, self.text_field, self.key_field = rel, text_field, key_field
        self.namer = Namer()
        self.seen: dict[str, int] = {}  # key -> its line
        self.position = 0

    def chunk(self, data: bytes, s: str, start: int, line: int) -> Chunk:
        """The chunk of ``data`` (decoded: ``s``) whose object begins at ``s[start]``."""
        self.position += 1
        try:
            fields, _ = scan_object(s, start)
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
        return Chunk(data, line, record, (vstart, vend))

    def _key(self, fields: dict) -> str | None:
        names = (self.key_field,) if self.key_field else KEY_FIELDS
        for name in names:
            value = fields.get(name, (None,))[0]
            if isinstance(value, str) or (isinstance(value, (int, float)) and not isinstance(value, bool)):
                return str(value)
        return None if self.key_field else str(self.position)


def chunks(path: Path, rel: str, text_field: str | None = None, key_field: str | None = None) -> Iterator[Chunk]:
    """The file's chunks, in order (their bytes make up the whole file)."""
    reader = _Reader(rel, text_field, key_field)
    if path.suffix.lower() in JSON_SUFFIXES:
        yield from _json_chunks(path.read_bytes(), reader)
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


def _json_chunks(data: bytes, reader: _Reader) -> Iterator[Chunk]:
    """One object, or an array of objects: the objects, and the bytes around them."""
    try:
        s = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        yield Chunk(data, 1, problem=f"{reader.rel}:1: not UTF-8 ({exc.reason})")
        return
    i = _skip(s, 1 if s.startswith(BOM) else 0)
    if not s.startswith("[", i):
        yield reader.chunk(data, s, i, s.count("\n", 0, i) + 1)
        return
    done = 0  # s[:done] is yielded
    done_line = 1  # the line s[done] is on: counted on from the last piece, not from the start
    i = _skip(s, i + 1)
    while i < len(s) and s[i] != "]":
        line = done_line + s.count("\n", done, i)
        try:
            end = _DECODER.raw_decode(s, i)[1]
        except ValueError:
            yield Chunk(s[done:].encode("utf-8"), line, problem=f"{reader.rel}:{line}: malformed JSON")
            return
        if done < i:
            yield Chunk(s[done:i].encode("utf-8"), done_line)
        piece = s[i:end]
        yield reader.chunk(piece.encode("utf-8"), piece, 0, line)
        done, done_line = end, line + piece.count("\n")
        i = _skip(s, end)
        if i < len(s) and s[i] == ",":
            i = _skip(s, i + 1)
    if done < len(s):
        yield Chunk(s[done:].encode("utf-8"), done_line)


def spliced(chunk: Chunk, text: str) -> bytes:
    """The chunk's bytes with its record's text field holding ``text``: every other byte
    kept, and non-ASCII characters written raw where the chunk has any, else escaped."""
    if chunk.record is None or text == chunk.record.text:
        return chunk.data
    s = chunk.data.decode("utf-8")
    raw_non_ascii = any(ord(c) > 127 for c in s.lstrip(BOM))
    start, end = chunk.span
    return (s[:start] + json.dumps(text, ensure_ascii=not raw_non_ascii) + s[end:]).encode("utf-8")
