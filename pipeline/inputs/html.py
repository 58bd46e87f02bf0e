"""HTML pages (``.html``, ``.htm``): the article's text, extracted from the page's
navigation, adverts and footer by trafilatura, one paragraph a line, with the page's
title, date, URL, author and site name as its metadata says them."""

from __future__ import annotations

from dataclasses import dataclass, field

HTML_SUFFIXES = (".html", ".htm")
META_FIELDS = ("title", "date", "url", "author", "sitename")


@dataclass(frozen=True)
class Page:
    text: str  # ends with a line break
    meta: dict = field(default_factory=dict)  # title, date, url, author, sitename: those the page gives


def extract(data: bytes) -> Page | None:
    """The page's main text and metadata; None when it has no text to extract."""
    import trafilatura  # imported on first use: it takes a while

    document = trafilatura.bare_extraction(
        data, with_metadata=True, include_comments=False, include_tables=False, output_format="python"
    )
    text = getattr(document, "text", None) if document is not None else None
    if not text or not text.strip():
        return None
    meta = {name: getattr(document, name, None) for name in META_FIELDS}
    return Page(text.strip("\n") + "\n", {k: v for k, v in meta.items() if v})
