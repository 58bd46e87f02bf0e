"""What a table says, summarised so that a re-run can tell whether it changed, and where.

``table_hash`` goes into each proposal's signature: same hash, same table. When the hash
differs, ``table_terms`` (a digest per phrase the table matches on) and ``changed_terms``
say which phrases changed, so a run re-proposes only the articles that mention one.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Iterable

from pipeline.tables import boilerplate
from pipeline.tables.table import Table


def table_hash(table: Table) -> str:
    """A short hash of what the table says (not where it came from), for the signature
    that decides whether a re-run must redo an article."""
    content = {
        "entities": sorted([e.name, e.kind, list(e.variants), e.short or "", e.pronoun or ""] for e in table.entities),
        "it": sorted(table.it_entities),
        "replacements": sorted([r.wrong, r.right, r.reason] for r in table.replacements),
        "reduplications": sorted(table.reduplications),
    }
    if table.boilerplate:  # only then: a table without the key keeps the hash it had before it existed
        content["boilerplate"] = sorted(table.boilerplate)
    blob = json.dumps(content, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]


def table_terms(table: Table) -> dict[str, str]:
    """Every phrase the table matches on, lower-cased, with a digest of the entry it belongs to."""
    terms: dict[str, str] = {}

    def add(phrases: Iterable[str | None], entry: object) -> None:
        digest = json.dumps(entry, sort_keys=True, default=str, ensure_ascii=False)
        for phrase in phrases:
            if phrase:
                terms[phrase.lower()] = terms.get(phrase.lower(), "") + digest

    for e in table.entities:
        add((e.name, e.short, *e.variants), [e.name, e.kind, list(e.variants), e.short, e.pronoun])
    for r in table.replacements:
        add((r.wrong,), [r.wrong, r.right, r.reason])
    for name in table.it_entities:
        add((name,), ["it", name])
    for name in table.reduplications:
        add((name,), ["reduplication", name])
    for entry in table.boilerplate:  # a line it matches contains the entry's text (a prefix's, before the headline)
        add((boilerplate.term(entry),), ["boilerplate", entry])
    return terms


def changed_terms(old: dict[str, str] | None, table: Table) -> re.Pattern | None:
    """A pattern for the terms whose entries differ between ``old`` (the ``table_terms`` of
    the table OUT was last proposed with) and ``table``; None when every term differs (no
    earlier table known)."""
    if old is None:
        return None
    new = table_terms(table)
    changed = sorted({t for t in old.keys() | new.keys() if old.get(t) != new.get(t)}, key=len, reverse=True)
    if not changed:
        return re.compile(r"(?!)")  # matches nothing
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(t) for t in changed) + r")(?!\w)", re.IGNORECASE)
