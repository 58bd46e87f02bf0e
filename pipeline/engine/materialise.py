"""Files that hold articles, turned into articles the workflow already knows: plain UTF-8
text files under OUT (RAW is never written).

- A JSON Lines or JSON file's records: ``OUT/.mtclean/records/<file rel>/<safe key>.txt``,
  each the article ``<file rel>#<safe key>`` (``scrape.jsonl#a1``), with a note of where
  the file is and how it was read, for ``reassemble``.
- An HTML page's extracted text: ``OUT/<rel>.extracted.txt``, the article ``<rel>.txt``
  (its cleaned text is ``OUT/page.html.txt``; its diff applies to the extracted text).

A file is written only when its content changed, so that the index's size and mtime
check re-proposes only new and changed records.
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
from pipeline.store.layout import STATE_DIR
from pipeline.store.writes import write_if_changed

RECORDS_DIR = "records"  # under OUT/.mtclean
SOURCE_NOTE = ".source.json"  # in a file's records folder: a safe name never starts with "."
EXTRACTED_SUFFIX = ".extracted.txt"


@dataclass(frozen=True)
class Fields:
    """Which field of a record is its text, and which its key (None: the defaults)."""

    text: str | None = None
    key: str | None = None


def records_dir(out: Path, source: str) -> Path:
    return out / STATE_DIR / RECORDS_DIR / source


def materialise(
    found: Iterable[tuple[str, Path]],
    out: Path,
    fields: Fields,
    on_error: Callable[[str], None],
    on_warning: Callable[[str], None],
) -> list[tuple[str, Path]]:
    """``found`` with each file that holds articles replaced by its articles' (rel, path).
    A record that cannot be read goes to ``on_error``, a page with no text to ``on_warning``."""
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
            else:
                articles.extend(_records(rel, path, out, fields, on_error))
        except OSError as exc:
            on_error(f"failed to read {rel}: {exc.strerror or exc}")
    return articles


def _records(rel: str, path: Path, out: Path, fields: Fields, on_error: Callable[[str], None]):
    folder = records_dir(out, rel)
    note = {"raw": str(path.resolve()), "text_field": fields.text, "key_field": fields.key}
    write_if_changed(folder / SOURCE_NOTE, json.dumps(note).encode("ascii"))
    found = []
    for chunk in chunks(path, rel, fields.text, fields.key):
        if chunk.problem:
            on_error(chunk.problem)
        elif chunk.record is not None:
            target = folder / (chunk.record.name + ".txt")
            write_if_changed(target, chunk.record.text.encode("utf-8", "surrogatepass"))
            found.append((chunk.record.rel, target))
    return found
