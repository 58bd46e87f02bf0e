"""Edit files as ``json.dumps(value, ensure_ascii=False, indent=1)`` writes them, faster, and
in pieces: with an indent ``json`` falls back to its pure-Python encoder, a generator per
level, where edit lists are flat lists of small flat objects that a plain recursion writes
in a fraction of the time; and a long article's edit list is written a few thousand edits at
a time rather than held whole.
"""

from __future__ import annotations

import functools
import json
import math
from typing import Callable, Iterator


def json_bytes(body: str) -> bytes:
    """JSON as UTF-8; a file name that is not UTF-8 (surrogates) as ``\\udcXX`` escapes,
    which JSON reads back as the same name."""
    return body.encode("utf-8", "backslashreplace")


_encode_string = json.encoder.encode_basestring  # C-accelerated where the C module is there


class _Unusual(Exception):
    """A value ``indented_json`` leaves to ``json.dumps`` (a key not a string, another type)."""


def indented_json_chunks(value: dict, every: int = 4096) -> Iterator[str]:
    """``indented_json(value) + "\n"`` in pieces, for an object whose values may be iterators
    (an edit list made one edit at a time): those are written as lists, item by item, about
    ``every`` parts a piece, so that a long one is held neither whole nor as text."""
    if not value:
        yield "{}\n"
        return
    separator = "{\n "
    for key, item in value.items():
        parts = [separator, _encode_string(key), ": "]
        separator = ",\n "
        if isinstance(item, Iterator):
            opening = "[\n  "
            for element in item:
                parts.append(opening)
                opening = ",\n  "
                _emit_or_dump(element, parts, "\n  ")
                if len(parts) >= every:
                    yield "".join(parts)
                    parts = []
            parts.append("[]" if opening == "[\n  " else "\n ]")
        else:
            _emit_or_dump(item, parts, "\n ")
        yield "".join(parts)
    yield "\n}\n"


def _emit_or_dump(value: object, parts: list[str], newline: str) -> None:
    """``_emit``, or for a value it leaves to ``json`` the text ``json.dumps`` gives it at that
    depth (with an indent of one, each line one space further in per level)."""
    mark = len(parts)
    try:
        _emit(value, parts, newline)
    except _Unusual:
        del parts[mark:]
        parts.append(json.dumps(value, ensure_ascii=False, indent=1).replace("\n", newline))


def indented_json(value: object) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=1)``, the same characters: with an indent
    ``json`` falls back to its pure-Python encoder, a generator per level, where edit lists
    are flat lists of small flat objects that a plain recursion writes in a fraction of the
    time. Values other than dicts with string keys, lists, tuples, strings, numbers,
    booleans and None go to ``json.dumps``."""
    parts: list[str] = []
    _emit_or_dump(value, parts, "\n")
    return "".join(parts)


_SCALARS = frozenset((str, int, float, bool, type(None)))


@functools.lru_cache(maxsize=64)
def _flat_encoder(inner: str) -> Callable[[object], str]:
    """The C encoder for a flat object whose items stand on lines of their own, ``inner`` before
    each: made once per indent, as ``JSONEncoder.encode`` would make it at every call."""
    make = json.encoder.c_make_encoder
    if make is None:  # pragma: no cover - CPython has the C module
        return json.JSONEncoder(ensure_ascii=False, separators=("," + inner, ": ")).encode
    encoder = make(None, None, _encode_string, None, ": ", "," + inner, False, False, True)
    return lambda value: "".join(encoder(value, 0))


def _float(value: float) -> str:
    if math.isnan(value):
        return "NaN"
    if value == float("inf"):
        return "Infinity"
    if value == -float("inf"):
        return "-Infinity"
    return float.__repr__(value)


def _emit(value: object, parts: list[str], newline: str) -> None:
    if isinstance(value, str):
        parts.append(_encode_string(value))
    elif value is None:
        parts.append("null")
    elif value is True:
        parts.append("true")
    elif value is False:
        parts.append("false")
    elif isinstance(value, int):
        parts.append(int.__repr__(value))
    elif isinstance(value, float):
        parts.append(_float(value))
    elif isinstance(value, (list, tuple)):
        if not value:
            parts.append("[]")
            return
        inner = newline + " "
        separator = "[" + inner
        for item in value:
            parts.append(separator)
            separator = "," + inner
            _emit(item, parts, inner)
        parts.append(newline + "]")
    elif isinstance(value, dict):
        if not value:
            parts.append("{}")
            return
        inner = newline + " "
        if all(type(item) in _SCALARS for item in value.values()) and all(type(key) is str for key in value):
            # flat (an edit, a flag): the C encoder, its items separated as the indent does
            flat = _flat_encoder(inner)(value)
            parts.append("{" + inner + flat[1:-1] + newline + "}")
            return
        separator = "{" + inner
        for key, item in value.items():
            if not isinstance(key, str):
                raise _Unusual
            parts.append(separator)
            separator = "," + inner
            parts.append(_encode_string(key))
            parts.append(": ")
            _emit(item, parts, inner)
        parts.append(newline + "}")
    else:
        raise _Unusual
