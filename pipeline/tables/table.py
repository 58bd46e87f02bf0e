"""The lookup table as the rules see it: people and organisations, their wrong variants and
pronouns, "it" entities, reduplications, replacements and boilerplate lines.

A ``Table`` is one file's entries or several files' merged; how a file is read and
checked is ``loading``, how tables combine is ``merge``. The lookups the rules use
(by name, the phrase matchers) are built from the entries on first use.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field, fields
from typing import Literal, Mapping

from pipeline.core.regex import PhraseMatcher, starting_word
from pipeline.core.strings import distance

Pronoun = Literal["he", "she", "they", "it"]
PERSON_PRONOUNS = ("he", "she", "they")
ORGANISATION_PRONOUNS = ("it", "they")


@dataclass(frozen=True)
class Entity:
    """A person or an organisation the table knows."""

    name: str
    kind: Literal["person", "organisation"] = "person"
    variants: tuple[str, ...] = ()
    short: str | None = None
    pronoun: Pronoun | None = None
    source: str = field(default="", compare=False)  # "file:line", for reasons


@dataclass(frozen=True)
class Replacement:
    """A plain replacement, phrase → phrase, matched as whole words."""

    wrong: str
    right: str
    reason: str = ""
    source: str = field(default="", compare=False)


def strip_the(name: str) -> str:
    """``name`` without a leading "the" (``the United States`` → ``United States``)."""
    return name[4:] if name[:4] in ("the ", "The ") else name


@dataclass(frozen=True)
class Table:
    """One table, or several merged. Immutable, hashable and picklable.

    ``it_entities`` holds the names written in ``it = [...]`` lists (the default table's
    countries among them); ``it_names`` adds every organisation whose pronoun is "it".
    The derived lookups below are built on first use and not pickled.
    """

    entities: tuple[Entity, ...] = ()
    it_entities: tuple[str, ...] = ()
    replacements: tuple[Replacement, ...] = ()
    reduplications: tuple[str, ...] = ()
    sources: tuple[str, ...] = field(default=(), compare=False)
    boilerplate: tuple[str, ...] = ()  # entries added to the built-in list (pipeline/tables/boilerplate.py)

    def __getstate__(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    # --- lookups used by the rules ---

    @functools.cached_property
    def it_names(self) -> frozenset[str]:
        """Names referred to as "it", without a leading "the" (``United States``, ``NATO``)."""
        names = {strip_the(n) for n in self.it_entities}
        for entity in self.entities:
            if entity.kind == "organisation" and (entity.pronoun or "it") == "it":
                names.update(strip_the(n) for n in (entity.name, entity.short, *entity.variants) if n)
        return frozenset(names)

    @functools.cached_property
    def by_name(self) -> Mapping[str, Entity]:
        """Entity by canonical name, short form, variant (without a leading "the"), or, for
        people, any word of the name that no other entity's name has (``Umarov``)."""
        exact: dict[str, Entity] = {}
        owners: dict[str, list[Entity]] = {}
        for entity in self.entities:
            for n in (entity.name, entity.short, *entity.variants):
                if n:
                    exact.setdefault(strip_the(n), entity)
            for word in entity.name.split():
                owners.setdefault(word, []).append(entity)
        for word, entities in owners.items():
            if len(entities) == 1 and entities[0].kind == "person":
                exact.setdefault(word, entities[0])
        return exact

    @functools.cached_property
    def name_words(self) -> frozenset[str]:
        """Every word of a canonical name or short form: known right spellings."""
        return frozenset(w for e in self.entities for n in (e.name, e.short) if n for w in n.split())

    @functools.cached_property
    def replacement_matcher(self) -> PhraseMatcher:
        return PhraseMatcher.build((r.wrong, r.right, r) for r in self.replacements)

    @functools.cached_property
    def variant_matcher(self) -> PhraseMatcher:
        return PhraseMatcher.build((v, canonical_words(v, e.name), e) for e in self.entities for v in e.variants)

    @functools.cached_property
    def reduplication_pattern(self) -> re.Pattern | None:
        if not self.reduplications:
            return None
        return re.compile(starting_word(self.reduplications) + r"(?!\w)")


def canonical_words(variant: str, name: str) -> str:
    """What a variant stands for: the whole name, or, for a variant of fewer words, the
    words of the name it is closest to in spelling (``Tmur`` of ``Temur Umarov`` → ``Temur``)."""
    v, n = variant.split(), name.split()
    if len(v) >= len(n):
        return name
    best = min(
        range(len(n) - len(v) + 1),
        key=lambda s: sum(distance(a, b, 99) for a, b in zip(v, n[s : s + len(v)])),
    )
    return " ".join(n[best : best + len(v)])
