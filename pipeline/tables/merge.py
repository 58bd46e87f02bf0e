"""How tables combine: later tables override earlier ones, and the tables a corpus uses.

A run reads the default table, then ``RAW/clean.toml`` when there is one, then each
``--table``; merged in that order, so what a user writes wins over what ships.
"""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

from pipeline.tables.loading import default_table, load_table
from pipeline.tables.table import Entity, Replacement, Table, strip_the

CORPUS_TABLE = "clean.toml"


def merge_tables(tables: Sequence[Table]) -> Table:
    """One table from several; later tables override earlier ones.

    An entity (by canonical name) or a replacement (by wrong phrase) in a later table
    replaces the earlier one; "it" names, reduplications and boilerplate entries are added together.
    """
    entities: dict[str, Entity] = {}
    replacements: dict[str, Replacement] = {}
    it: dict[str, str] = {}
    redup: dict[str, None] = {}
    boilerplate: dict[str, None] = {}
    sources: list[str] = []
    for table in tables:
        for entity in table.entities:
            entities.pop(entity.name, None)
            entities[entity.name] = entity
        for replacement in table.replacements:
            replacements.pop(replacement.wrong, None)
            replacements[replacement.wrong] = replacement
        for name in table.it_entities:
            it.setdefault(strip_the(name), name)
        redup.update(dict.fromkeys(table.reduplications))
        boilerplate.update(dict.fromkeys(table.boilerplate))
        sources.extend(table.sources)
    return Table(
        tuple(entities.values()), tuple(it.values()), tuple(replacements.values()), tuple(redup), tuple(sources),
        boilerplate=tuple(boilerplate),
    )


def corpus_table(raw: Path, extra: Sequence[Path] = ()) -> tuple[Table, list[Path]]:
    """The default table, then ``RAW/clean.toml`` if present, then each ``--table``; later wins.

    Raises ``TableError`` (``file:line: what is wrong``) for a malformed table."""
    files = ([raw / CORPUS_TABLE] if (raw / CORPUS_TABLE).is_file() else []) + list(extra)
    return merge_tables([default_table(), *(load_table(p) for p in files)]), files
