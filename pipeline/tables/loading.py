"""Reading a table file and checking every entry, so that a mistake is reported at its line.

A table is a TOML file (or, for bulk replacement lists, a TSV file). The default table
ships in the package (``pipeline/data/default_table.toml``: countries, international
organisations, legitimate reduplications, nothing about any article); users add theirs,
and later tables override earlier ones (``pipeline.tables.merge``).

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

import dataclasses
import functools
import sys
from pathlib import Path
from typing import Mapping

from pipeline.core.lexicon.names import country_names
from pipeline.tables import boilerplate as boilerplate_lines
from pipeline.tables.table import ORGANISATION_PRONOUNS, PERSON_PRONOUNS, Entity, Replacement, Table, strip_the
from pipeline.tables.toml_lines import TomlLines, toml_error_line

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

DEFAULT_TABLE = Path(__file__).parents[1] / "data" / "default_table.toml"


class TableError(Exception):
    """A table that cannot be used; the message is ``file:line: what is wrong``."""


_TOP_KEYS = ("it", "reduplications", "boilerplate", "person", "organisation", "replace")
_ENTRY_KEYS = {
    "person": ("name", "short", "variants", "pronoun"),
    "organisation": ("name", "short", "variants", "pronoun"),
    "replace": ("wrong", "right", "reason"),
}


class _Checker:
    """Validates parsed table data, raising ``TableError`` at the right line."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.lines = TomlLines(text)
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
        line, message = toml_error_line(exc, text)
        raise TableError(f"{path}:{line}: bad TOML: {message}") from None
    checker = _Checker(path, text)
    for key in data:
        if key not in _TOP_KEYS:
            checker.fail(checker.lines.key_line(None, 0, key), f"unknown key “{key}” (expected: {', '.join(_TOP_KEYS)})")
    it = _name_list(checker, data, "it", strip_the)
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
            found = f"{len(cells)} field{'s' if len(cells) != 1 else ''}"
            checker.fail(number, f"expected wrong<TAB>right, with an optional <TAB>reason; found {found}")
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


@functools.lru_cache(maxsize=1)
def default_table() -> Table:
    """The table shipped in the package: general knowledge only (countries, international
    organisations, legitimate reduplications). Loaded once per process. Its "it" names are
    every name of every country (``pipeline/data/countries.txt``, through the lexicon), then
    those ``default_table.toml`` writes (capitals, other spellings of organisations)."""
    table = load_table(DEFAULT_TABLE)
    return dataclasses.replace(table, it_entities=(*country_names(), *table.it_entities))
