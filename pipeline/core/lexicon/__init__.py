"""The lexicon: every English word list the rules, the guards and the detector look words up
in, and the one loader of the lists kept in ``pipeline/data``.

Its modules, by word class:

- ``function_words``: determiners, pronouns, prepositions, conjunctions, auxiliaries,
  particles, the words that start a sentence;
- ``content_words``: verbs (speech and reporting verbs, irregular and phrasal verbs), nouns,
  adjectives, and the words English doubles on purpose;
- ``names``: what names are made of and what stands beside them: titles, the capitalised
  words that are no name, name particles, countries and their peoples, weekdays and months,
  abbreviations.

Each list is written once, with a line saying what it is and who reads it. Where two rules
keep overlapping lists that differ (two sets of titles, speech verbs and reporting verbs),
both stand side by side, and the comment says how and why. Lists that are one rule's own
exceptions stay with the rule (``_SAID_TWICE`` and ``_BE_AND_DO`` of drop-doubled-word,
``_NOT_AFTER`` of drop-doubled-determiner), and so do tokens that are not English words (the
address and file endings of add-space-after-punctuation, the address starts of
drop-stray-full-stop) and words written into a rule's regex with its own lookarounds and
endings (the referents stage's person nouns, asking verbs, clause starts and connectors).

Lower case unless said; a frozenset where a rule looks a word up, a tuple where the order
counts (a regex tries the words in that order). The lists in ``pipeline/data`` are read on
first use (``word_list``) and kept.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=None)
def word_list(name: str) -> tuple[str, ...]:
    """The entries of ``pipeline/data/<name>``, in file order and as written (case kept): one
    a line, stripped; ``#`` starts a comment, and blank lines are dropped."""
    text = resources.files("pipeline").joinpath("data", name).read_text(encoding="utf-8")
    return tuple(e for e in (line.split("#", 1)[0].strip() for line in text.splitlines()) if e)


def lower_case_list(name: str) -> frozenset[str]:
    """The entries of ``pipeline/data/<name>`` as the rules compare words with them: lower
    case, without a final full stop (``Mr.`` → ``mr``)."""
    return frozenset(e for e in (entry.lower().rstrip(".") for entry in word_list(name)) if e)
