"""Records: the articles a file of many holds (a JSON Lines scrape, a JSON array).

Each record becomes an article of its own, named ``<file rel>#<safe key>``. Its key
comes from the file (an ``id``, a URL) and is not trusted: ``safe_name`` turns it into
a file name that stays inside its folder, fits the file system's limits and names no
other record of the same file.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

# A safe name longer than this (in UTF-8 bytes) is cut, and a hash of the whole key added.
MAX_NAME_BYTES = 100
_CUT_BYTES = 80
# Percent-encoded anywhere: path separators, NUL and control characters, the escape
# character itself, and "#", which separates the file from the record in an article's name.
_ENCODED = frozenset("/\\%#") | frozenset(chr(c) for c in (*range(32), 127))


@dataclass(frozen=True)
class Record:
    """One record of a file: where it is, its key (as the file gives it, and as a file name)
    and its text."""

    source: str  # the rel of the file that holds it
    key: str
    name: str  # ``safe_name(key)``, made distinct within the file
    text: str
    position: int  # 1-based, in the file's order
    line: int  # where it starts in the file, 1-based

    @property
    def rel(self) -> str:
        """The article's name: ``scrape.jsonl#a1``."""
        return f"{self.source}#{self.name}"


def key_hash(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:10]


def _encode(char: str) -> str:
    try:
        data = char.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate, which JSON may hold and no file name can
        return f"%u{ord(char):04X}"
    return "".join(f"%{b:02X}" for b in data)


def safe_name(key: str) -> str:
    """A file-name-safe form of an untrusted key: separators, NUL, control characters, ``%``,
    ``#`` and a leading ``.`` percent-encoded; over ``MAX_NAME_BYTES``, cut and a hash of the
    full key added (``~`` and ten hex digits). Distinct keys get distinct names."""
    parts = []
    for i, char in enumerate(key):
        if char in _ENCODED or (i == 0 and char == ".") or "\ud800" <= char <= "\udfff":
            parts.append(_encode(char))
        else:
            parts.append(char)
    name = "".join(parts)
    if not name:
        return "~" + key_hash(key)
    if len(name.encode("utf-8")) <= MAX_NAME_BYTES:
        return name
    kept, size = [], 0
    for part in parts:  # cut between characters, never inside an escape
        size += len(part.encode("utf-8"))
        if size > _CUT_BYTES:
            break
        kept.append(part)
    return "".join(kept) + "~" + key_hash(key)


class Namer:
    """Safe names for the keys of one file, distinct even where the file system ignores
    case: a name whose case-folded form is taken gets a hash of its key added."""

    def __init__(self) -> None:
        self._taken: set[str] = set()

    def name(self, key: str) -> str:
        name = safe_name(key)
        if name.casefold() in self._taken:
            name = f"{name}~{key_hash(key)}"
        self._taken.add(name.casefold())
        return name
