"""Regexes for many literal phrases at once: one trie-shaped alternation instead of a list.

Tables, word lists and detectors match hundreds of phrases in every article; an
alternation tried phrase by phrase is slow, so each set is factored into a trie that
the regex engine walks once (``trie_regex``), and matched as whole words, case-aware
(``PhraseMatcher``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Mapping


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
