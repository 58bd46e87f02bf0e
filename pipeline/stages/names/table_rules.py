"""The names stage's first rules: what the table says outright, a phrase to replace and a
known wrong spelling of a name (``[[replace]]``, TSV lines, ``variants`` of an entity).

They run first, so that the rules after them read names the table has already put right.
"""

from __future__ import annotations

from typing import Iterator

from pipeline.core.edits import Fix
from pipeline.core.rules import rule
from pipeline.stages.names.index import NameIndex
from pipeline.tables.table import Table


@rule("replace-table-phrase", stage="names", risk="safe")
def replace_table_phrase(text: str, *, table: Table, index: NameIndex) -> Iterator[Fix]:
    """Replace a phrase the table lists (``[[replace]]`` or a TSV line) by its right form.

    Whole words only, case-aware (``wrong`` also matches ``Wrong`` and ``WRONG``).
    Leaves alone: the phrase inside a longer word, and text the table does not list.
    """
    for m, right, entry in table.replacement_matcher.finditer(text):
        why = entry.reason or f"“{m.group()}” → “{right}”"
        yield Fix(m.start(), m.end(), right, f"{why} (table {entry.source})")


@rule("replace-table-variant", stage="names", risk="safe")
def replace_table_variant(text: str, *, table: Table, index: NameIndex) -> Iterator[Fix]:
    """Turn a wrong spelling the table lists for a name into the canonical form.

    Whole words, case-aware; a one-word variant becomes the word of the name it stands
    for (``Tmur`` → ``Temur``). Leaves alone: variants inside longer words, and names
    the table does not list a variant for.
    """
    for m, right, entity in table.variant_matcher.finditer(text):
        yield Fix(
            m.start(), m.end(), right,
            f"the table ({entity.source}) lists “{m.group()}” as a wrong spelling of “{entity.name}”",
        )
