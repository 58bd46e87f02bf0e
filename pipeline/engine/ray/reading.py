"""RAW on Ray Data: the files of a folder, file or URL (``s3://``, ``gs://``, a local path),
turned into one row per article, or per record that cannot be read.

Files are listed once, in the driver, in the order a local run walks them (a folder's files
sorted, then its subfolders), so that each file gets its number in that order, and a re-run
can tell the new files from those already processed. The files themselves are read by Ray
(``ray.data.read_binary_files``), whole: a record's position and line, which a malformed
record is reported by, and a record's key where the file gives none, need the file in order.
Records are cut as the local reader cuts them (``pipeline.inputs.jsonl.chunks``), so the
text and key fields are found the same way (``--text-field``, ``--key-field``).
"""

from __future__ import annotations

import hashlib
import io
import os
from dataclasses import dataclass
from typing import Any, Iterator

from pipeline.inputs.article import ARTICLE_SUFFIXES, UnreadableArticle, decode
from pipeline.inputs.jsonl import JSON_SUFFIXES, KEY_FIELDS, LINES_SUFFIXES, TEXT_FIELDS, chunks
from pipeline.inputs.records import Namer
from pipeline.tables.merge import CORPUS_TABLE

PARQUET_SUFFIXES = (".parquet",)
RAY_SUFFIXES = ARTICLE_SUFFIXES + LINES_SUFFIXES + JSON_SUFFIXES + PARQUET_SUFFIXES


@dataclass(frozen=True)
class RawFile:
    """One file of RAW: where the file system has it, its name below RAW, its place in the
    walk, and what a re-run compares (size, modification time)."""

    path: str
    rel: str
    order: int
    size: int
    mtime_ns: int


def _walk_key(rel: str) -> tuple:
    """The order ``os.walk`` with sorted names visits ``rel``: a folder's files before its subfolders."""
    parts = rel.split("/")
    return tuple((1, p) for p in parts[:-1]) + ((0, parts[-1]),)


def filesystem(raw: str):
    """(pyarrow file system, path on it) for a local path or a URL."""
    from pyarrow import fs

    if "://" not in raw:
        return fs.LocalFileSystem(), os.path.abspath(raw)
    return fs.FileSystem.from_uri(raw)


def list_raw(raw: str) -> tuple[Any, str, list[RawFile], list[str]]:
    """(file system, RAW's path on it, the files read in walk order, the files skipped).
    Hidden files and folders are skipped, as a local run skips them."""
    from pyarrow import fs as pafs

    system, root = filesystem(raw)
    info = system.get_file_info(root)
    if info.type == pafs.FileType.File:
        infos, base = [info], os.path.dirname(root)
    elif info.type == pafs.FileType.Directory:
        infos, base = system.get_file_info(pafs.FileSelector(root, recursive=True)), root
    else:
        raise FileNotFoundError(raw)
    kept, skipped = [], []
    for item in infos:
        if item.type != pafs.FileType.File:
            continue
        rel = item.path[len(base) :].lstrip("/")
        if any(part.startswith(".") for part in rel.split("/")) or rel == CORPUS_TABLE:
            continue
        if os.path.splitext(rel)[1].lower() not in RAY_SUFFIXES:
            skipped.append(rel)
            continue
        kept.append((rel, item))
    kept.sort(key=lambda pair: _walk_key(pair[0]))
    files = [
        RawFile(item.path, rel, n, item.size or 0, item.mtime_ns or 0) for n, (rel, item) in enumerate(kept)
    ]
    return system, base, files, skipped


class _InMemory:
    """The bytes of a file, as ``chunks`` reads a path: its suffix, its bytes, its lines."""

    def __init__(self, name: str, data: bytes) -> None:
        self.suffix = os.path.splitext(name)[1]
        self._data = data

    def read_bytes(self) -> bytes:
        return self._data

    def open(self, mode: str = "rb") -> io.BytesIO:
        return io.BytesIO(self._data)


def _row(file: RawFile, position: int, **fields: Any) -> dict:
    row = {
        "article": file.rel,
        "key": file.rel,
        "source": file.path,
        "order": file.order,
        "position": position,
        "text": "",
        "encoding": "utf-8",
        "raw_sha256": "",
        "problem": "",
        "severity": "",
    }
    row.update(fields)
    row["proposable"] = not row["problem"] and bool(row["text"].lstrip("\ufeff").strip())  # an empty one is skipped
    return row


def _decoded(file: RawFile, position: int, data: bytes, **fields: Any) -> dict:
    """The row of an article of ``data`` bytes, decoded as a local run decodes a file."""
    try:
        text, encoding = decode(data)
    except UnreadableArticle as exc:
        return _row(file, position, problem=f"skipped {fields.get('article', file.rel)}: {exc}", severity="warning")
    return _row(file, position, text=text, encoding=encoding, raw_sha256=hashlib.sha256(data).hexdigest(), **fields)


def articles_of(data: bytes, file: RawFile, text_field: str | None, key_field: str | None) -> Iterator[dict]:
    """The rows of one file: an article each, or a problem (``severity`` "error" or "warning")."""
    suffix = os.path.splitext(file.rel)[1].lower()
    if suffix in ARTICLE_SUFFIXES:
        yield _decoded(file, 0, data)
    elif suffix in PARQUET_SUFFIXES:
        yield from _parquet_rows(data, file, text_field, key_field)
    else:
        for chunk in chunks(_InMemory(file.rel, data), file.rel, text_field, key_field):  # type: ignore[arg-type]
            if chunk.problem:
                yield _row(file, chunk.line, problem=chunk.problem, severity="warning" if chunk.warning else "error")
            elif chunk.record is not None:
                record = chunk.record
                encoded = record.text.encode("utf-8", "surrogatepass")  # as a local run materialises it
                yield _decoded(file, record.position, encoded, article=record.rel, key=record.key)


def _parquet_rows(data: bytes, file: RawFile, text_field: str | None, key_field: str | None) -> Iterator[dict]:
    """A Parquet file's rows as records: the text column found as a JSON record's text field is."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pq.read_table(io.BytesIO(data))
    strings = [f.name for f in table.schema if pa.types.is_string(f.type) or pa.types.is_large_string(f.type)]
    text = next((n for n in ((text_field,) if text_field else TEXT_FIELDS) if n in strings), None)
    if text is None:
        wanted = " or ".join((text_field,) if text_field else TEXT_FIELDS)
        yield _row(file, 0, problem=f"{file.rel}: no text column ({wanted}); its columns: {', '.join(table.column_names)}", severity="error")
        return
    key = next((n for n in ((key_field,) if key_field else KEY_FIELDS) if n in table.column_names), None)
    if key is None and key_field:
        yield _row(file, 0, problem=f"{file.rel}: no key column {key_field!r}", severity="error")
        return
    namer, seen = Namer(), set()
    texts = table.column(text).to_pylist()
    keys = table.column(key).to_pylist() if key else [None] * len(texts)
    for position, (value, name) in enumerate(zip(texts, keys), 1):
        name = str(position) if name is None else str(name)
        if value is None:
            yield _row(file, position, problem=f"{file.rel}:{position}: no text in row", severity="error")
        elif name in seen:
            yield _row(file, position, problem=f"{file.rel}:{position}: duplicate key {name!r}; skipped", severity="warning")
        else:
            seen.add(name)
            yield _decoded(file, position, value.encode("utf-8", "surrogatepass"), article=f"{file.rel}#{namer.name(name)}", key=name)


class ArticleRows:
    """``flat_map`` of ``read_binary_files(include_paths=True)`` rows into article rows."""

    def __init__(self, files: list[RawFile], text_field: str | None, key_field: str | None) -> None:
        self.files = {f.path: f for f in files}
        self.text_field, self.key_field = text_field, key_field

    def __call__(self, row: dict) -> list[dict]:
        path = row["path"]
        file = self.files.get(path) or self.files.get(path.lstrip("/")) or self.files["/" + path.lstrip("/")]
        return list(articles_of(row["bytes"], file, self.text_field, self.key_field))


def read_articles(system: Any, files: list[RawFile], text_field: str | None = None, key_field: str | None = None):
    """The article rows of ``files`` (a Ray dataset, lazy): one row per article or problem."""
    import ray.data

    if not files:
        return ray.data.from_items([])
    raw = ray.data.read_binary_files([f.path for f in files], include_paths=True, filesystem=system)
    return raw.flat_map(ArticleRows(files, text_field, key_field))
