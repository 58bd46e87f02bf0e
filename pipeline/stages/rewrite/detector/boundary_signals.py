"""Signals of broken sentence boundaries: a sentence that opens on a bare weekday, one that
ends before its object (``without having to support.``), a full stop in the wrong place.

``dangling_end`` and ``misplaced_break`` point at the full stop between two sentences; their
flag covers the next sentence too, so that the model sees both halves of the broken sentence
and can join them.
"""

from __future__ import annotations

import bisect
import re
from typing import Iterator, Sequence

from pipeline.core.lexicon.content_words import DAY_VERBS, TRANSITIVE_VERBS, irregular_past_forms
from pipeline.core.lexicon.function_words import DANGLING_WORDS, FUNCTION_WORDS, MODALS, PREPOSITIONS, WH_WORDS
from pipeline.core.lexicon.names import WEEKDAYS
from pipeline.core.regex import trie_regex
from pipeline.stages.rewrite.detector.hints import backwards_hint, pattern_hint, reversed_hint
from pipeline.stages.rewrite.detector.registry import signal
from pipeline.stages.rewrite.detector.sentence import WORD, Sentence, quote

# --- a sentence that opens on a bare weekday -----------------------------------------------

_WEEKDAY_AND_PREPOSITION = r"(?:" + "|".join(WEEKDAYS) + r")\s+(?:in|at|during|after|before)"
_BARE_WEEKDAY = re.compile(r"^" + _WEEKDAY_AND_PREPOSITION + r"\b")
_CLAUSE_END_MARK = re.compile(r"[,;:.!?]")
# The hint starts on the ``day`` every weekday ends in, a literal the regex engine skips ahead
# to, and looks behind it for the weekday: the weekdays' first letters are a class, ten times
# as slow to skip to.
_WEEKDAY_HINT = r"day(?:" + "|".join(f"(?<={day})" for day in WEEKDAYS) + r")\s+(?:in|at|during|after|before)"


@signal(weight=1.0, hint=pattern_hint(_WEEKDAY_HINT))
def bare_weekday_start(s: Sentence) -> str | None:
    """A sentence that opens on a bare weekday and a preposition (``Thursday in Le Monde
    highlighted``): it has lost its ``On`` and a comma.

    A weekday may be the subject itself (``Monday in Paris was quiet``, ``Friday at noon
    is the deadline``): a verb a day can take, within a few words, shows it is one.
    """
    match = _BARE_WEEKDAY.match(s.text)
    if not match:
        return None
    clause = _CLAUSE_END_MARK.split(s.text[match.end() :], 1)[0]
    if any(word.lower() in DAY_VERBS for word in WORD.findall(clause)[:6]):
        return None
    return f"sentence opens on a bare weekday ({quote(s.text, *match.span())})"


# --- a sentence that ends before its object ------------------------------------------------

_ENDING = re.compile(r"([\w’'-]+)\s+([\w’'-]+)\s*[.!?][”’\"')]*\s*$")


# The hint reads back from the stop: one of the words, reversed, after white space. It is
# written backwards, to be a trie of the reversed words, which the regex engine walks once;
# the reversal of the words' own trie would try its branches one by one.
_DANGLING_WORD_BACKWARDS = r"[.!?]\s*(?i:" + trie_regex(w[::-1] for w in DANGLING_WORDS | TRANSITIVE_VERBS) + r")(?=\s)"


@signal(weight=1.0, joins_next=True, hint=backwards_hint(_DANGLING_WORD_BACKWARDS))
def dangling_end(s: Sentence) -> str | None:
    """A sentence that ends on a transitive verb, a preposition or an article
    (``without having to support.``): its object has gone, often past a stray full stop.

    A preposition may end a question (``Where are you from?``), a clause that opens on a
    wh-word (``…, which it has kept away from.``), or follow its verb (``was never dealt
    with.``, ``hard to argue with.``): its object is that word, or the verb's subject. A
    capital is a letter, not an article (``hepatitis A.``)."""
    tail = s.text[-80:]
    match = _ENDING.search(tail)
    if not match:
        return None
    before, last = match.group(1).lower(), match.group(2).lower()
    if last in DANGLING_WORDS and match.group(2).islower():
        at = len(s.text) - len(tail) + match.start(2)
        if last in PREPOSITIONS and _stranded(s.text[at:], s.text[:at]):
            return None
        return f"sentence ends on `{match.group(2)}`"
    if before == "to" and last in TRANSITIVE_VERBS:
        return f"sentence ends on a verb without its object (`to {match.group(2)}.`)"
    return None


_CLAUSE_MARK = re.compile(r"[,;:–—()“”\"]")


def _stranded(end: str, before: str) -> bool:
    """Whether a preposition left at the end (``end``: it and the marks after it) has its
    object earlier: the sentence is a question, the clause before it (``before``, up to
    the last clause mark) holds a wh-word, or the preposition follows its verb."""
    if "?" in end:
        return True
    clause = _CLAUSE_MARK.split(before)[-1]
    words = [w.lower() for w in WORD.findall(clause)]
    return any(w in WH_WORDS for w in words) or _after_a_verb(words)


def _after_a_verb(words: list[str]) -> bool:
    """Whether ``words`` (those before a preposition) end on a participle (``dealt``,
    ``lived``) or a verb after ``to`` or a modal (``to argue``, ``must live``): a verb whose
    preposition a passive or a relative clause strands, not a noun (``the population of``)."""
    if not words:
        return False
    verb = words[-1]
    if verb in irregular_past_forms() or (len(verb) >= 5 and verb.endswith("ed") and not verb.endswith("eed")):
        return True
    return len(words) >= 2 and words[-2] in MODALS and verb not in FUNCTION_WORDS


# --- a full stop in the wrong place --------------------------------------------------------

# The hint is the part before ``\s*$``: in the document, the next sentence follows.
_NAME_AT_STOP = r"\b(?:with|and|to|from|as|by|like)\s+([A-Z][\w’'-]*)\."
_ENDS_WITH_NAME = re.compile(_NAME_AT_STOP + r"\s*$")
# A list opening on a determiner ("The US and Britain are") starts a sentence of its own.
_STARTS_WITH_NAME_LIST = re.compile(
    r"^(?!(?:The|A|An|This|These|Those|Both|All)\b)"
    r"([A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*\s+(?:and|or)\s+[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)\s+"
    r"(?:are|were|is|was|have|has)\b"
)
_NAME_AT_STOP_HINT = reversed_hint(_NAME_AT_STOP)


def _misplaced_break_hint(text: str, spans: Sequence[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """Sentences ending ``with Russia.`` (roughly) whose next sentence opens on a list of names."""
    starts = [a for a, _ in spans]
    for a, b in _NAME_AT_STOP_HINT(text, spans):
        i = bisect.bisect_right(starts, b - 1)  # the sentence after the one of the full stop
        if i < len(spans) and _STARTS_WITH_NAME_LIST.match(text[spans[i][0] : spans[i][1]]):
            yield a, b


@signal(weight=1.0, joins_next=True, hint=_misplaced_break_hint)
def misplaced_break(s: Sentence) -> str | None:
    """A sentence ending ``… with Russia.`` and a next one opening on a list of names and a
    verb (``Iran and North Korea are trying``): the list most likely belonged to the first
    sentence, and the full stop is misplaced. A list that opens on a determiner (``The US
    and Britain are``) was written to start a sentence."""
    end = _ENDS_WITH_NAME.search(s.text)
    start = _STARTS_WITH_NAME_LIST.match(s.next) if s.next else None
    if not (end and start):
        return None
    return f"misplaced sentence break (`{s.text[end.start() :].strip()} {start.group(1)}`)"
