"""Where things are written in a TOML file, for error messages that name the line.

``tomllib`` parses a table but keeps no positions, so the table's text is scanned once
for its section headers, the keys of each section and the quoted values under a key;
a table error can then say ``clean.toml:12: duplicate entry …`` instead of only what.
"""

from __future__ import annotations

import json
import re

_HEADER = re.compile(r"^\s*\[(\[)?\s*([^\]]*?)\s*\]")
_KEY = re.compile(r"""^\s*(?:"([^"]*)"|'([^']*)'|([A-Za-z0-9_-]+))\s*=""")


class TomlLines:
    """Where things are in a TOML file, found by scanning its text (tomllib gives no
    positions): table headers, the keys of each section, quoted values."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.headers: list[tuple[str, int]] = []  # (name, line) in file order
        self.keys: dict[tuple[int, str], int] = {}  # (section number, key) → line; -1 is top level
        self.sections: dict[str, list[int]] = {}  # name → its section numbers, in file order
        section = -1
        for number, line in enumerate(self.lines, 1):
            header = _HEADER.match(line)
            if header and not _KEY.match(line):
                self.headers.append((header.group(2), number))
                section = len(self.headers) - 1
                self.sections.setdefault(header.group(2), []).append(section)
                continue
            key = _KEY.match(line)
            if key:
                self.keys.setdefault((section, next(g for g in key.groups() if g is not None)), number)

    def section(self, kind: str | None, n: int = 0) -> int:
        """The section number of the n-th ``[[kind]]`` (-1: the top level or not found)."""
        if kind is None:
            return -1
        found = self.sections.get(kind, [])  # looked up, not searched: a table of 1,000 entries asks 1,000 times
        return found[n] if n < len(found) else -1

    def header_line(self, section: int) -> int:
        """The line of a section's header (1 for the top level)."""
        return self.headers[section][1] if section >= 0 else 1

    def key_line(self, kind: str | None, n: int, key: str) -> int:
        """The line ``key`` is written on in the n-th ``[[kind]]`` (the top level for None);
        the section's header when the key is not written there."""
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


def toml_error_line(exc: Exception, text: str) -> tuple[int, str]:
    """(line, message) of a ``tomllib`` error, the position taken out of the message."""
    message = str(exc)
    m = re.search(r"\s*\(at line (\d+), column \d+\)\s*$", message)
    if m:
        return int(m.group(1)), message[: m.start()]
    m = re.search(r"\s*\(at end of document\)\s*$", message)
    if m:
        return max(len(text.splitlines()), 1), message[: m.start()] + " at the end of the file"
    return getattr(exc, "lineno", None) or 1, message
