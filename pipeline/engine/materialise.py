"""Files that hold articles, turned into articles the workflow already knows: plain UTF-8
text files under OUT (RAW is never written).

- A JSON Lines or JSON file's records: ``OUT/.mtclean/records/<file rel>/<safe key>.txt``,
  each the article ``<file rel>#<safe key>`` (``scrape.jsonl#a1``), with a note of where
  the file is and how it was read, for ``reassemble``. Each other field asked for
  (``--field title``) of a record: ``<safe key>#<safe field>.txt``, the article
  ``<file rel>#<safe key>#<safe field>`` (``scrape.jsonl#a1#title``); ``#`` is in no safe
  name, so the two never clash.
- An HTML page's extracted text: ``OUT/<rel>.extracted.txt``, the article ``<rel>.txt``
  (its cleaned text is ``OUT/page.html.txt``; its diff applies to the extracted text).

A file is written only when its content changed, so that the index's size and mtime
check re-proposes only new and changed records. A record gone from its file on a later
run takes its files with it (its text, edit list, diff and accepted text), unless the
file could not be read whole this time.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from pipeline.inputs.article import ARTICLE_SUFFIXES
from pipeline.inputs.html import HTML_SUFFIXES, extract
from pipeline.inputs.jsonl import chunks
from pipeline.inputs.records import safe_name
from pipeline.store.layout import STATE_DIR, paths
from pipeline.store.writes import write_if_changed

RECORDS_DIR = "records"  # under OUT/.mtclean
SOURCE_NOTE = ".source.json"  # in a file's records folder: a safe name never starts with "."
EXTRACTED_SUFFIX = ".extracted.txt"


@dataclass(frozen=True)
class Fields:
    """Which field of a record is its text, which its key (None: the defaults), and which
    other string fields are cleaned too."""

    text: str | None = None
    key: str | None = None
    more: tuple[str, ...] = ()


def field_name(record_name: str, field: str) -> str:
    """The name of a record's other field, after the record's: ``a1#title``."""
    return f"{record_name}#{safe_name(field)}"


def records_dir(out: Path, source: str) -> Path:
    return out / STATE_DIR / RECORDS_DIR / source


def materialise(
    found: Iterable[tuple[str, Path]],
    out: Path,
    fields: Fields,
    on_error: Callable[[str], None],
    on_warning: Callable[[str], None],
    metadata: dict[str, dict],
    on_removed: Callable[[str], None],
) -> list[tuple[str, Path]]:
    """``found`` with each file that holds articles replaced by its articles' (rel, path).
    A record that cannot be read goes to ``on_error``, a page with no text to ``on_warning``;
    a page's metadata (title, date, url…) to ``metadata``, by article; each record no longer
    in its file, its files removed, to ``on_removed``."""
    articles: list[tuple[str, Path]] = []
    for rel, path in found:
        suffix = os.path.splitext(rel)[1].lower()
        try:
            if suffix in ARTICLE_SUFFIXES:
                articles.append((rel, path))
            elif suffix in HTML_SUFFIXES:
                page = extract(path.read_bytes())
                if page is None:
                    on_warning(f"skipped {rel}: no article text found in the page")
                    continue
                target = out / (rel + EXTRACTED_SUFFIX)
                write_if_changed(target, page.text.encode("utf-8"))
                articles.append((rel + ".txt", target))
                if page.meta:
                    metadata[rel + ".txt"] = page.meta
            else:
                articles.extend(_records(rel, path, out, fields, on_error, on_removed))
        except OSError as exc:
            on_error(f"failed to read {rel}: {exc.strerror or exc}")
    return articles


def _records(
    rel: str, path: Path, out: Path, fields: Fields, on_error: Callable[[str], None], on_removed: Callable[[str], None]
) -> list[tuple[str, Path]]:
    folder = records_dir(out, rel)
    note = {"raw": str(path.resolve()), "text_field": fields.text, "key_field": fields.key, "fields": list(fields.more)}
    write_if_changed(folder / SOURCE_NOTE, json.dumps(note).encode("ascii"))
    found = []
    whole = True  # every record of the file was read: those not seen are gone
    for chunk in chunks(path, rel, fields.text, fields.key, fields.more):
        if chunk.problem:
            on_error(chunk.problem)
            whole = whole and chunk.warning
        elif chunk.record is not None:
            target = folder / (chunk.record.name + ".txt")
            _write_derived(target, chunk.record.text.encode("utf-8", "surrogatepass"))
            found.append((chunk.record.rel, target))
            for field, value, _ in chunk.extra:
                name = field_name(chunk.record.name, field)
                target = folder / (name + ".txt")
                _write_derived(target, value.encode("utf-8", "surrogatepass"))
                found.append((f"{rel}#{name}", target))
    if whole:
        _remove_gone(out, rel, {target.name for _, target in found}, on_removed)
    return found


def _write_derived(path: Path, data: bytes) -> None:
    """``write_if_changed`` without the temporary file and rename, a third of a record's cost:
    a write cut short leaves a file that differs from its record, so the next run writes it
    again and proposes it anew (and accepting refuses it, its hash changed)."""
    try:
        with open(path, "rb") as handle:
            if handle.read() == data:
                return
    except FileNotFoundError:
        pass
    with open(path, "wb") as handle:
        handle.write(data)


def _remove_gone(out: Path, source: str, kept: set[str], on_removed: Callable[[str], None]) -> None:
    """Remove the files of each record of ``source`` materialised before whose file name is not ``kept``."""
    folder = records_dir(out, source)
    with os.scandir(folder) as entries:
        gone = [e.name for e in entries if e.name.endswith(".txt") and not e.name.startswith(".") and e.name not in kept]
    for name in gone:
        article = f"{source}#{name[: -len('.txt')]}"
        for file in (*paths(out, article), folder / name):
            file.unlink(missing_ok=True)
        on_removed(article)
