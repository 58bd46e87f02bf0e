"""Reading articles: finding them and decoding their bytes.

The raw file is only ever read. Its encoding, byte-order mark and line endings
are recorded so that the cleaned text is written back the same way.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Collection, Iterator

from pipeline.core.settings import WESTERN_SHARE
from pipeline.inputs.html import HTML_SUFFIXES
from pipeline.inputs.jsonl import JSON_SUFFIXES, LINES_SUFFIXES

ARTICLE_SUFFIXES = (".txt", ".md")
# Files that hold articles to extract (records, a web page): `clean RAW OUT` reads them too.
CONTAINER_SUFFIXES = (*LINES_SUFFIXES, *JSON_SUFFIXES, *HTML_SUFFIXES)
READ_SUFFIXES = ARTICLE_SUFFIXES + CONTAINER_SUFFIXES
# Codecs that keep the mark as U+FEFF, so that encoding gives the same bytes back.
BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


class UnreadableArticle(Exception):
    """The file is not text we can clean (binary, or no encoding fits)."""


@dataclass(frozen=True)
class Article:
    """A decoded raw article. A byte-order mark stays in ``text`` as U+FEFF, so that
    encoding the text gives back the raw bytes and diffs of line 1 match the file."""

    rel: str  # path below RAW, with forward slashes
    text: str
    encoding: str = "utf-8"
    sha256: str = ""

    def encode(self, text: str) -> bytes:
        """The bytes of ``text`` written the way the raw file was."""
        return text.encode(self.encoding)

    def can_encode(self, text: str) -> bool:
        """Whether the raw file's encoding can write ``text`` (Latin-1 has no curly quotes)."""
        return can_encode(text, self.encoding)


def can_encode(text: str, encoding: str) -> bool:
    """Whether ``encoding`` can write ``text``."""
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


# C0 control bytes that text files do not hold (tab, line breaks, form feed and ESC aside).
_CONTROL_BYTES = bytes(sorted(set(range(32)) - {9, 10, 11, 12, 13, 27}))
_ASCII = bytes(range(128))
_HIGH_RUN = re.compile(rb"[\x80-\xff]{2,}")


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding): a byte-order mark first, then UTF-8, then Windows-1252 (or
    Latin-1) for mostly-ASCII text, then a detector."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise UnreadableArticle(f"{encoding} byte-order mark, but {exc.reason}") from None
    if b"\x00" in data:
        wide = _bomless_utf16(data)
        if wide is None:
            raise UnreadableArticle("binary file (NUL bytes)")
        return data.decode(wide), wide
    if 100 * (len(data) - len(data.translate(None, _CONTROL_BYTES))) > len(data):
        raise UnreadableArticle("binary file (control bytes)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    western = _western(data)
    if western is not None:
        return data.decode(western), western
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise UnreadableArticle("no text encoding fits")
    encoding = codecs.lookup(best.encoding).name
    return data.decode(encoding), encoding


def _bomless_utf16(data: bytes) -> str | None:
    """"utf-16-le" or "utf-16-be" for UTF-16 text written without a byte-order mark, else None.

    Text in a Latin script puts a NUL in nearly every high byte of UTF-16 (the high byte of
    ASCII letters, spaces and line breaks), where binary files scatter them; the bytes
    must also decode, and hold no control characters once decoded.
    """
    if len(data) % 2:
        return None
    half = len(data) // 2
    for encoding, high in (("utf-16-le", data[1::2]), ("utf-16-be", data[0::2])):
        if high.count(0) >= 0.9 * half:
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                return None
            if not any(ord(c) < 32 and c not in "\t\n\r\x0b\x0c\x1b" for c in text):
                return encoding
    return None


def _western(data: bytes) -> str | None:
    """English news in a single-byte Windows code page: mostly ASCII, with curly quotes
    (0x91-0x94), dashes and accented letters standing alone between ASCII characters.

    Detectors guess a random sibling (cp1250, cp1257, cp775…) for such short texts, so
    this comes first: Windows-1252 where it decodes the bytes, else Latin-1 (the only one
    with all of 0x80-0x9F). None for text that is mostly not ASCII, or whose non-ASCII
    bytes come in runs as a multi-byte encoding writes them: the detector judges those.
    """
    high = data.translate(None, _ASCII)
    if len(high) > WESTERN_SHARE * len(data):
        return None
    in_runs = sum(len(run) for run in _HIGH_RUN.findall(data))
    if in_runs > len(high) / 2:
        return None
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return codecs.lookup("latin-1").name
    return "cp1252"


def read_article(path: Path, rel: str) -> Article:
    data = path.read_bytes()
    text, encoding = decode(data)
    return Article(rel=rel, text=text, encoding=encoding, sha256=hashlib.sha256(data).hexdigest())


# Why a file below RAW is not read (besides its lower-cased extension, such as ".pdf").
HIDDEN = "hidden"
SYMLINK = "symlink"
NO_EXTENSION = "without an extension"
NOT_REGULAR = "not a regular file"  # a named pipe, a socket, a device: reading one can hang


def is_article_name(name: str, suffixes: Collection[str] = ARTICLE_SUFFIXES) -> bool:
    """Whether a file of this name is an article: ``.txt`` or ``.md`` (or one of ``suffixes``),
    in any case (``Kyiv.TXT``)."""
    return os.path.splitext(name)[1].lower() in suffixes


def extension_reason(name: str) -> str:
    """Why a file of this name is not an article: its extension lower-cased, or ``NO_EXTENSION``."""
    suffix = os.path.splitext(name)[1].lower()
    return suffix if suffix not in ("", ".") else NO_EXTENSION


def find_articles(
    root: Path,
    exclude: Path | None = None,
    on_error: Callable[[OSError], None] | None = None,
    on_skip: Callable[[Path, str], None] | None = None,
    also_read: Collection[Path] = (),
    suffixes: Collection[str] = ARTICLE_SUFFIXES,
) -> Iterator[tuple[str, Path]]:
    """Every ``.txt``/``.md`` file below ``root`` (any case), sorted, as (rel, path); ``root``
    itself, named by its file name, when it is a file.

    Symlinks are not followed, hidden folders and ``exclude`` (OUT) are not entered. Each
    other file that is not read goes to ``on_skip`` with its reason: ``HIDDEN`` (a dot-file),
    ``SYMLINK`` (a symlinked file or folder), ``NOT_REGULAR`` (a named pipe…) or
    ``extension_reason``; the files in
    ``also_read`` (the tables a run reads) are not. A folder that cannot be listed is passed
    to ``on_error``: its articles are missing. ``suffixes``: the extensions read
    (``READ_SUFFIXES`` adds the files that hold articles).
    """
    if not root.is_dir():
        if is_article_name(root.name, suffixes):
            yield root.name, root
        elif on_skip is not None:
            on_skip(root, extension_reason(root.name))
        return
    excluded = exclude.resolve() if exclude else None
    read_too = {p.resolve() for p in also_read}
    skip = on_skip or (lambda path, reason: None)
    for folder, dirs, files in os.walk(root, onerror=on_error):
        here = Path(folder)
        kept = []
        for d in dirs:
            if d.startswith(".") or (here / d).resolve() == excluded:
                continue  # not entered, and its files not counted one by one
            if (here / d).is_symlink():
                skip(here / d, SYMLINK)
            else:
                kept.append(d)
        dirs[:] = sorted(kept)
        for name in sorted(files):
            path = here / name
            if name.startswith("."):
                skip(path, HIDDEN)
            elif path.is_symlink():
                skip(path, SYMLINK)
            elif not path.is_file():
                skip(path, NOT_REGULAR)
            elif is_article_name(name, suffixes):
                yield path.relative_to(root).as_posix(), path
            elif not read_too or path.resolve() not in read_too:
                skip(path, extension_reason(name))
