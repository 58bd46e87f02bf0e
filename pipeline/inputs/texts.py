"""The text of every article a list of files holds, in memory: what a command that only
reads a corpus (`clean suggest`) needs, without writing the records or pages anywhere."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable, Iterator

from pipeline.inputs.article import ARTICLE_SUFFIXES, UnreadableArticle, read_article
from pipeline.inputs.html import HTML_SUFFIXES, extract
from pipeline.inputs.jsonl import chunks


def article_texts(found: Iterable[tuple[str, Path]]) -> Iterator[str]:
    """Each article's text, in order: a text file's, each record's of a JSON Lines or JSON
    file, an HTML page's extracted text. What cannot be read is left out."""
    for rel, path in found:
        suffix = os.path.splitext(rel)[1].lower()
        try:
            if suffix in ARTICLE_SUFFIXES:
                yield read_article(path, rel).text
            elif suffix in HTML_SUFFIXES:
                page = extract(path.read_bytes())
                if page is not None:
                    yield page.text
            else:
                yield from (chunk.record.text for chunk in chunks(path, rel) if chunk.record is not None)
        except (UnreadableArticle, OSError):
            continue
