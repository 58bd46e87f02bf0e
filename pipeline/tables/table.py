"""The lookup table: names, their wrong variants, pronouns, "it" entities, replacements.

A table is a TOML file (or, for bulk replacement lists, a TSV file). The default table
ships in the package (``pipeline/data/default_table.toml``: countries, international
organisations, legitimate reduplications, nothing about any article); users add theirs,
and later tables override earlier ones (``merge_tables``).

TOML format (top-level keys first, as TOML requires, then the entries)::

    it = ["Gazprom", "the Kremlin"]          # referred to as "it" (countries are built in)
    reduplications = ["Cao Cao"]             # repeated words that are a real name
    boilerplate = ["Lire aussi:…", "Werbung"]  # lines from the web page around the article:
                                             # a whole line, or (a trailing …) a prefix that a
                                             # headline follows; added to pipeline/data/boilerplate.txt

    [[person]]
    name = "Xi Jinping"                      # the canonical form (required, not empty)
    short = "Xi"                             # optional short form used on later mentions
    variants = ["Xi Jingping", "Jinpin"]     # known wrong spellings → the canonical form
    pronoun = "he"                           # he | she | they (optional)

    [[organisation]]
    name = "Carnegie Endowment for International Peace"
    short = "Carnegie Endowment"
    pronoun = "it"                           # it (the default) | they

    [[replace]]
    wrong = "anti-West"                      # a word or a phrase, matched as whole words
    right = "anti-Western"
    reason = "adjective needed"              # optional; shown with the edit

A variant of fewer words than the name stands for the words it is closest to:
``variants = ["Tmur"]`` on ``Temur Umarov`` turns ``Tmur`` into ``Temur``.
Organisations whose pronoun is "it" join the "it" entities.

TSV format: one replacement a line, ``wrong<TAB>right<TAB>reason`` (reason optional);
blank lines and lines starting with ``#`` are skipped.

A malformed table raises ``TableError("file:line: what is wrong")``.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
import sys
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Iterable, Literal, Mapping, Sequence

from pipeline.tables import boilerplate as boilerplate_lines

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

Pronoun = Literal["he", "she", "they", "it"]
PERSON_PRONOUNS = ("he", "she", "they")
ORGANISATION_PRONOUNS = ("it", "they")
DEFAULT_TABLE = Path(__file__).parents[1] / "data" / "default_table.toml"


class TableError(Exception):
    """A table that cannot be used; the message is ``file:line: what is wrong``."""


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


def _strip_the(name: str) -> str:
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
        names = {_strip_the(n) for n in self.it_entities}
        for entity in self.entities:
            if entity.kind == "organisation" and (entity.pronoun or "it") == "it":
                names.update(_strip_the(n) for n in (entity.name, entity.short, *entity.variants) if n)
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
                    exact.setdefault(_strip_the(n), entity)
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
    def replacement_matcher(self) -> "PhraseMatcher":
        return PhraseMatcher.build((r.wrong, r.right, r) for r in self.replacements)

    @functools.cached_property
    def variant_matcher(self) -> "PhraseMatcher":
        return PhraseMatcher.build((v, canonical_words(v, e.name), e) for e in self.entities for v in e.variants)

    @functools.cached_property
    def reduplication_pattern(self) -> re.Pattern | None:
        if not self.reduplications:
            return None
        return re.compile(starting_word(self.reduplications) + r"(?!\w)")


# --- matching phrases: whole words, case-aware --------------------------------


def trie_regex(phrases: Iterable[str]) -> str:
    """One regex alternation for many literal phrases, factored as a trie so that the
    regex engine never tries them one by one; longer phrases win."""
    trie: dict = {}
    for phrase in phrases:
        node = trie
        for ch in phrase:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alternatives = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not alternatives:
            return ""
        if "" in node:
            return "(?:" + "|".join(alternatives) + ")?"
        return alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"

    return emit(trie) if trie else "(?!)"


def starting_word(phrases: Iterable[str], not_after: str = r"\w") -> str:
    """A regex for any of ``phrases`` where the character before it is not in the class
    ``not_after`` (``(?<!\\w)(?:…)`` for ``\\w``), written so that the regex engine skips
    ahead to the phrases' first letters: the character before is checked once the first
    letter has matched (``a(?<!\\w.)…``), which a leading lookbehind would prevent. Each
    branch is a trie (``trie_regex``), so the longest phrase wins, as in that alternation."""
    by_first: dict[str, list[str]] = {}
    for phrase in phrases:
        by_first.setdefault(phrase[0], []).append(phrase[1:])
    if not by_first:
        return "(?!)"
    return "(?:" + "|".join(
        re.escape(first) + rf"(?<![{not_after}].)" + trie_regex(rests) for first, rests in sorted(by_first.items())
    ) + ")"


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


@dataclass(frozen=True)
class PhraseMatcher:
    """Finds table phrases in a text as whole words, case-aware: an entry ``wrong → right``
    also matches ``Wrong`` (→ ``Right``) and ``WRONG`` (→ ``RIGHT``); an entry written
    with that case explicitly wins."""

    pattern: re.Pattern
    targets: Mapping[str, tuple[str, object]]  # surface form → (replacement, entry)

    @classmethod
    def build(cls, entries: Iterable[tuple[str, str, object]]) -> "PhraseMatcher":
        entries = list(entries)
        targets: dict[str, tuple[str, object]] = {wrong: (right, entry) for wrong, right, entry in entries}
        for wrong, right, entry in entries:
            if wrong[:1].islower():
                targets.setdefault(_cap(wrong), (_cap(right), entry))
            if wrong.upper() != wrong:
                targets.setdefault(wrong.upper(), (right.upper(), entry))
        # No lookbehind in front: the regex engine then skips to the phrases' first letters;
        # the start of a word is checked in ``finditer``.
        return cls(re.compile(rf"{trie_regex(targets)}(?!\w)"), targets)

    def finditer(self, text: str) -> Iterable[tuple[re.Match, str, object]]:
        """Each whole-word match, with its replacement and the table entry behind it."""
        if not self.targets:
            return
        pos = 0
        while (m := self.pattern.search(text, pos)) is not None:
            start = m.start()
            if start and (text[start - 1].isalnum() or text[start - 1] == "_"):
                pos = start + 1  # inside a word: look again from the next character
                continue
            right, entry = self.targets[m.group()]
            yield m, right, entry
            pos = max(m.end(), start + 1)


def canonical_words(variant: str, name: str) -> str:
    """What a variant stands for: the whole name, or, for a variant of fewer words, the
    words of the name it is closest to in spelling (``Tmur`` of ``Temur Umarov`` → ``Temur``)."""
    from pipeline.stages.names.evidence import distance

    v, n = variant.split(), name.split()
    if len(v) >= len(n):
        return name
    best = min(
        range(len(n) - len(v) + 1),
        key=lambda s: sum(distance(a, b, 99) for a, b in zip(v, n[s : s + len(v)])),
    )
    return " ".join(n[best : best + len(v)])


# --- loading -------------------------------------------------------------------

_TOP_KEYS = ("it", "reduplications", "boilerplate", "person", "organisation", "replace")
_ENTRY_KEYS = {
    "person": ("name", "short", "variants", "pronoun"),
    "organisation": ("name", "short", "variants", "pronoun"),
    "replace": ("wrong", "right", "reason"),
}
_HEADER = re.compile(r"^\s*\[(\[)?\s*([^\]]*?)\s*\]")
_KEY = re.compile(r"""^\s*(?:"([^"]*)"|'([^']*)'|([A-Za-z0-9_-]+))\s*=""")


class _Lines:
    """Where things are in a TOML file, found by scanning its text (tomllib gives no
    positions): table headers, the keys of each section, quoted values."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.headers: list[tuple[str, int]] = []  # (name, line) in file order
        self.keys: dict[tuple[int, str], int] = {}  # (section number, key) → line; -1 is top level
        section = -1
        for number, line in enumerate(self.lines, 1):
            header = _HEADER.match(line)
            if header and not _KEY.match(line):
                self.headers.append((header.group(2), number))
                section = len(self.headers) - 1
                continue
            key = _KEY.match(line)
            if key:
                self.keys.setdefault((section, next(g for g in key.groups() if g is not None)), number)

    def section(self, kind: str | None, n: int = 0) -> int:
        """The section number of the n-th ``[[kind]]`` (-1: the top level or not found)."""
        if kind is None:
            return -1
        found = [i for i, (name, _) in enumerate(self.headers) if name == kind]
        return found[n] if n < len(found) else -1

    def header_line(self, section: int) -> int:
        return self.headers[section][1] if section >= 0 else 1

    def key_line(self, kind: str | None, n: int, key: str) -> int:
        section = self.section(kind, n)
        if (section, key) in self.keys:
            return self.keys[(section, key)]
        if kind is None:  # a top-level table written as [key] or [[key]]
            for name, line in self.headers:
                if name == key or name.startswith(key + "."):
                    return line
        return self.header_line(section)

    def value_line(self, kind: str | None, n: int, key: str, value: str, occurrence: int = 0) -> int:
        """The line of the ``occurrence``-th time ``value`` is written as a string under ``key``."""
        start = self.key_line(kind, n, key)
        quoted = (json.dumps(value, ensure_ascii=False), f"'{value}'")
        seen = 0
        for number in range(start, len(self.lines) + 1):
            text = self.lines[number - 1]
            if number > start and (_KEY.match(text) or _HEADER.match(text)):
                break
            count = sum(text.count(q) for q in quoted)
            if seen + count > occurrence:
                return number
            seen += count
        return start


def _toml_error_line(exc: Exception, text: str) -> tuple[int, str]:
    message = str(exc)
    m = re.search(r"\s*\(at line (\d+), column \d+\)\s*$", message)
    if m:
        return int(m.group(1)), message[: m.start()]
    m = re.search(r"\s*\(at end of document\)\s*$", message)
    if m:
        return max(len(text.splitlines()), 1), message[: m.start()] + " at the end of the file"
    return getattr(exc, "lineno", None) or 1, message


class _Checker:
    """Validates parsed table data, raising ``TableError`` at the right line."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.lines = _Lines(text)
        self.seen: dict[str, tuple[str, int]] = {}  # entry key → (what, line)

    def fail(self, line: int, what: str) -> None:
        raise TableError(f"{self.path}:{line}: {what}")

    def source(self, line: int) -> str:
        return f"{self.path.name}:{line}"

    def once(self, key: str, what: str, line: int) -> None:
        if key in self.seen:
            first_what, first_line = self.seen[key]
            self.fail(line, f"duplicate entry: {what} (already {first_what} at line {first_line})")
        self.seen[key] = (what, line)

    def text(self, value: object, line: int, what: str, *, optional: bool = False) -> str | None:
        if value is None and optional:
            return None
        if not isinstance(value, str):
            self.fail(line, f"{what} must be a string")
        if not value.strip():
            self.fail(line, f"empty {what}")
        if value != value.strip():
            self.fail(line, f"{what} {value!r} can never match: it starts or ends with a space")
        return value

    def texts(self, value: object, kind: str | None, n: int, key: str, what: str) -> list[tuple[str, int]]:
        """A list of non-empty strings under ``key``, each with the line it is written on."""
        if not isinstance(value, list):
            self.fail(self.lines.key_line(kind, n, key), f"“{key}” must be a list of strings")
        result: list[tuple[str, int]] = []
        for item in value:
            if not isinstance(item, str):
                self.fail(self.lines.key_line(kind, n, key), f"“{key}” must be a list of strings")
            before = sum(1 for earlier, _ in result if earlier == item)
            line = self.lines.value_line(kind, n, key, item, before)
            result.append((self.text(item, line, what), line))  # type: ignore[arg-type]
        return result

    def keys(self, entry: Mapping, kind: str, n: int) -> None:
        allowed = _ENTRY_KEYS[kind]
        for key in entry:
            if key not in allowed:
                hint = (
                    f"; top-level keys ({key}) must come before the first [[...]] entry"
                    if key in _TOP_KEYS
                    else f" (expected: {', '.join(allowed)})"
                )
                self.fail(self.lines.key_line(kind, n, key), f"unknown key “{key}” in [[{kind}]]{hint}")

    def entries(self, data: Mapping, kind: str) -> list[tuple[int, Mapping]]:
        value = data.get(kind, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.fail(self.lines.key_line(None, 0, kind), f"“{kind}” must be entries written [[{kind}]]")
        return list(enumerate(value))

    def entity(self, entry: Mapping, kind: str, n: int) -> Entity:
        self.keys(entry, kind, n)
        line = lambda key: self.lines.key_line(kind, n, key)  # noqa: E731
        if "name" not in entry:
            self.fail(self.lines.header_line(self.lines.section(kind, n)), f"[[{kind}]] without a name")
        name = self.text(entry["name"], line("name"), "name")
        self.once(f"name:{name}", f"“{name}”", line("name"))
        short = self.text(entry.get("short"), line("short"), "short form", optional=True)
        if short is not None:
            self.once(f"name:{short}", f"short form “{short}”", line("short"))
        variants = self.texts(entry.get("variants", []), kind, n, "variants", "variant")
        for variant, where in variants:
            if variant in (name, short):
                self.fail(where, f"variant “{variant}” is the name itself")
            self.once(f"name:{variant}", f"variant “{variant}”", where)
        allowed = PERSON_PRONOUNS if kind == "person" else ORGANISATION_PRONOUNS
        pronoun = entry.get("pronoun")
        if pronoun is not None and pronoun not in allowed:
            self.fail(line("pronoun"), f"pronoun must be one of {', '.join(allowed)} (got {pronoun!r})")
        if kind == "organisation" and pronoun is None:
            pronoun = "it"
        return Entity(name, kind, tuple(v for v, _ in variants), short, pronoun, self.source(line("name")))  # type: ignore[arg-type]

    def replacement(self, wrong: object, right: object, reason: object, line: int) -> Replacement:
        wrong = self.text(wrong, line, "phrase")
        right = self.text(right, line, "replacement")
        if reason is not None and not isinstance(reason, str):
            self.fail(line, "reason must be a string")
        if wrong == right:
            self.fail(line, f"replacement of “{wrong}” changes nothing")
        self.once(f"replace:{wrong}", f"“{wrong}”", line)
        return Replacement(wrong, right, (reason or "").strip(), self.source(line))


def _name_list(checker: _Checker, data: Mapping, key: str, normalise=lambda name: name) -> list[str]:
    """A top-level list of names (``it``, ``reduplications``), each once."""
    names = checker.texts(data.get(key, []), None, 0, key, "name")
    for name, line in names:
        checker.once(f"{key}:{normalise(name)}", f"“{name}”", line)
    return [name for name, _ in names]


def _boilerplate(checker: _Checker, data: Mapping) -> list[str]:
    """The ``boilerplate`` list: each entry a line of text or a prefix, each once (case aside)."""
    entries = checker.texts(data.get("boilerplate", []), None, 0, "boilerplate", "boilerplate entry")
    for entry, line in entries:
        if "\n" in entry or "\r" in entry:
            checker.fail(line, f"boilerplate entry {entry!r} holds a line break: it matches one whole line")
        parsed = boilerplate_lines.parse(entry)
        if not parsed.key:
            checker.fail(line, f"boilerplate entry {entry!r} has no text to match")
        checker.once(f"boilerplate:{parsed.key}:{parsed.prefix}", f"“{entry}”", line)
    return [entry for entry, _ in entries]


def _parse_toml(path: Path, text: str) -> Table:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line, message = _toml_error_line(exc, text)
        raise TableError(f"{path}:{line}: bad TOML: {message}") from None
    checker = _Checker(path, text)
    for key in data:
        if key not in _TOP_KEYS:
            checker.fail(checker.lines.key_line(None, 0, key), f"unknown key “{key}” (expected: {', '.join(_TOP_KEYS)})")
    it = _name_list(checker, data, "it", _strip_the)
    redup = _name_list(checker, data, "reduplications")
    boilerplate = _boilerplate(checker, data)
    entities = [checker.entity(e, kind, n) for kind in ("person", "organisation") for n, e in checker.entries(data, kind)]
    replacements = []
    for n, entry in checker.entries(data, "replace"):
        checker.keys(entry, "replace", n)
        line = checker.lines.key_line("replace", n, "wrong")
        if "wrong" not in entry or "right" not in entry:
            checker.fail(checker.lines.header_line(checker.lines.section("replace", n)), "[[replace]] needs wrong and right")
        replacements.append(checker.replacement(entry["wrong"], entry["right"], entry.get("reason"), line))
    return Table(tuple(entities), tuple(it), tuple(replacements), tuple(redup), (str(path),), boilerplate=tuple(boilerplate))


def _parse_tsv(path: Path, text: str) -> Table:
    checker = _Checker(path, "")
    replacements = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) not in (2, 3):
            checker.fail(number, f"expected wrong<TAB>right<TAB>reason, found {len(cells)} field{'s' if len(cells) != 1 else ''}")
        replacements.append(checker.replacement(cells[0], cells[1], cells[2] if len(cells) == 3 else None, number))
    return Table(replacements=tuple(replacements), sources=(str(path),))


@functools.lru_cache(maxsize=64)
def _load(path: Path, mtime_ns: int, size: int) -> Table:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TableError(f"{path}:1: not UTF-8 text ({exc.reason})") from None
    return _parse_tsv(path, text) if path.suffix.lower() == ".tsv" else _parse_toml(path, text)


def load_table(path: Path) -> Table:
    """Read one table: TOML, or TSV replacements when the suffix is ``.tsv``.

    Each file is parsed once per process (cached on its path, size and modification
    time). Raises ``TableError`` with ``file:line: what is wrong`` for bad TOML, an
    unknown key, a duplicate entry, an empty name, a wrong value type or pronoun, a
    phrase that can never match, or a ``boilerplate`` entry holding a line break.
    """
    path = Path(path)
    try:
        stat = path.stat()
    except OSError as exc:
        raise TableError(f"{path}:1: cannot read table: {exc.strerror}") from None
    return _load(path, stat.st_mtime_ns, stat.st_size)


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
            it.setdefault(_strip_the(name), name)
        redup.update(dict.fromkeys(table.reduplications))
        boilerplate.update(dict.fromkeys(table.boilerplate))
        sources.extend(table.sources)
    return Table(
        tuple(entities.values()), tuple(it.values()), tuple(replacements.values()), tuple(redup), tuple(sources),
        boilerplate=tuple(boilerplate),
    )


@functools.lru_cache(maxsize=1)
def default_table() -> Table:
    """The table shipped in the package: general knowledge only (countries, international
    organisations, legitimate reduplications). Loaded once per process."""
    return load_table(DEFAULT_TABLE)


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
