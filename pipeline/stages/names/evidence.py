"""Names across the corpus, and the evidence that one spelling of a name is the right one.

``NameIndex`` counts, over every article of a corpus, the multi-word names (runs of
capitalised words: ``Temur Umarov``, ``Le Monde``), and the articles each appears in. It
is built once, before any article is cleaned, with one compiled-regex pass per article,
and handed to the names stage, so that a spelling seen in other articles can count as
evidence in this one.

``weigh`` decides whether one token should become another (``Tmur`` → ``Temur``) from
these kinds of evidence, never from counts alone:

- the table: a word of a name the user listed is right;
- the word list: a token found in wordfreq's English list (which holds first names and
  surnames of people in the news, and ordinary words) is a known name; a token absent
  from it is not;
- the shape: a token with no vowel, or one starting with a consonant cluster no
  English or transliterated name starts with (``Tm``), is implausible;
- the article's counts, where it writes the name both ways: the spelling it writes
  more often is the strongest evidence there is, but a misspelling the article repeats
  (3× ``Tmur``, 1× ``Temur``) still loses to the form the word list and the shape support,
  and a tie decides nothing;
- other articles, where only they write the other spelling: they count only when their
  evidence is strong (``strong_elsewhere``), never against a spelling the article keeps
  to, and never to choose between transliterations of one name (``Zelenskyy``).

Two tokens that are both known names (``Hillary`` and ``Bill``, ``Mark`` and ``Mary``,
``Sergey`` and ``Sergei``) are never merged: they may be two people, or two accepted
spellings. Nor are two forms of one word (``different_forms``: ``Russia`` and
``Russian``, ``Oblast`` and ``Oblastis``, ``Zelenska`` and ``Zelensky``).
"""

from __future__ import annotations

import bisect
import functools
import math
import re
import unicodedata
from collections import Counter, OrderedDict
from dataclasses import dataclass, field
from typing import Iterable, Iterator, Mapping, NamedTuple, Sequence

from pipeline.core.edits import Edit, replacement_spans, sort_key


def _char_class(predicate) -> str:
    """A regex character class body for the BMP characters satisfying ``predicate``."""
    ranges: list[tuple[int, int]] = []
    for code in range(0x10000):
        if predicate(chr(code)):
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1] = (ranges[-1][0], code)
            else:
                ranges.append((code, code))
    return "".join(
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges
    )


UPPER = _char_class(lambda c: c.isupper() or c.istitle())
# A capitalised word: letters, with inner hyphens or apostrophes only before another
# capital (Xi-Putin, Baden-Baden, O’Brien); a possessive ’s or -led is not part of it.
_WORD_TAIL = rf"(?:[^\W\d_]|['’-](?=[{UPPER}]))*"
WORD = rf"[{UPPER}]{_WORD_TAIL}"
# The same tail, matched possessively (letters, then each joiner with the letters after it):
# it takes what the tail above takes, without the regex engine trying one letter at a time.
# Letters are matched as ASCII lower-case ones where possible ([a-z], a range the regex
# engine tests far faster than the Unicode categories of [^\W\d_]), each other letter on its
# own: the same letters, taken the same way.
_LETTERS = r"[a-z]*+(?:[^\W\d_][a-z]*+)*+"
_FAST_TAIL = rf"{_LETTERS}(?:['’-](?=[{UPPER}]){_LETTERS})*+"
# Capitalised words joined by single spaces, not starting inside a word. The capital comes
# first (with the boundary as a lookbehind after it) so that the regex engine can skip
# ahead to the next capital letter.
_FIRST_WORD = rf"[{UPPER}](?<![\w'’-].){_FAST_TAIL}"
_RUN = re.compile(rf"{_FIRST_WORD}(?: [{UPPER}]{_FAST_TAIL})*")
# The matches of ``_RUN`` of two words or more: a one-word match fails where ``_RUN``
# matches, and the search goes on past the word (no match starts inside a word).
_MULTI_WORD_RUN = re.compile(rf"{_FIRST_WORD}(?: [{UPPER}]{_FAST_TAIL})+")

# Capitalised function words and titles: not names, not evidence of one's context.
STOP = frozenset(
    """A An And As At But By For From He Her His How I If In Is It Its Mr Mrs Ms Dr Prof Of On Or
    She So That The Their There These They This Those To We What When Where Which While Who Why
    With You Yet After Before Since Although Though However Moreover Meanwhile Also Then Thus
    Today Yesterday Tomorrow Now Here Many Some Several Most All No Not Our My Your Every Each
    President Prime Minister Chancellor King Queen Prince Princess Pope Premier Secretary Senator
    Governor Mayor Judge Sir Lord Lady Monday Tuesday Wednesday Thursday Friday Saturday Sunday
    January February April June July August September October November December""".split()
)


class Token(NamedTuple):
    text: str
    start: int


Run = tuple[Token, ...]


# What a match is kept as (an "item"): None where it makes no run (function words and titles
# only), its text where it is one word, else the words of its run (``_words_of``). Most runs
# are one word: Tokens are built only when ``name_runs`` is asked for. An item holds no
# position (the scan's ``starts`` do), so a scan shifted through an edit keeps its items as
# they are; the words of a match of several words are worked out once per distinct match,
# as the same names recur in every article.

Words = tuple[tuple[str, ...], tuple[int, ...], int]  # words, the offset of each in the match, its length


@functools.lru_cache(maxsize=1 << 16)
def _words_of(group: str) -> Words | None:
    """The words of the run a match of several words makes, leading function words and
    titles dropped, with the offset of each in the match; None where all are dropped."""
    words = group.split(" ")
    offsets = []
    offset = 0
    for word in words:
        offsets.append(offset)
        offset += len(word) + 1
    first = 0
    while first < len(words) and words[first] in STOP:
        first += 1
    return (tuple(words[first:]), tuple(offsets[first:]), len(group)) if first < len(words) else None


def _items(groups: Iterable[str]) -> list[str | Words | None]:
    """The item of each match (a match of several words is never a function word)."""
    return [None if group in STOP else group if " " not in group else _words_of(group) for group in groups]


class _Scan:
    """One ``_RUN`` pass over a text: each match's span and its item."""

    __slots__ = ("starts", "ends", "items", "_runs", "_multi_word")

    def __init__(self, starts: list[int], ends: list[int], items: list[str | Words | None]) -> None:
        self.starts, self.ends, self.items = starts, ends, items
        self._runs: tuple[Run, ...] | None = None
        self._multi_word: list[tuple[tuple[str, ...], tuple[int, ...], int]] | None = None

    @property
    def runs(self) -> list[Run | None]:
        """Each match's run (None where it makes none)."""
        new = tuple.__new__  # Token(...) without the Python-level __new__
        return [
            (new(Token, (item, start)),) if type(item) is str
            else tuple([new(Token, (word, start + offset)) for word, offset in zip(item[0], item[1])]) if item
            else None
            for item, start in zip(self.items, self.starts)
        ]

    @property
    def result(self) -> tuple[Run, ...]:
        """The runs ``name_runs`` returns."""
        if self._runs is None:
            self._runs = tuple(r for r in self.runs if r is not None)
        return self._runs

    def spans(self) -> list[tuple[int, int]]:
        """The span of each run: from its first word's start to its last word's end."""
        return [
            (start, start + len(item)) if type(item) is str else (start + item[1][0], start + item[2])
            for item, start in zip(self.items, self.starts)
            if item is not None
        ]

    def one_word(self) -> list[tuple[str, int]]:
        """(word, start) of each run of one word, in order, without making its Token."""
        return [
            (item, start) if type(item) is str else (item[0][0], start + item[1][0])
            for item, start in zip(self.items, self.starts)
            if type(item) is str or (item is not None and len(item[0]) == 1)
        ]

    def word_counts(self) -> dict[str, int]:
        """How often each word of the runs appears (one-word runs and the words of longer ones)."""
        counts: dict[str, int] = {}
        get = counts.get
        for item in self.items:
            if type(item) is str:
                counts[item] = get(item, 0) + 1
            elif item is not None:
                for word in item[0]:
                    counts[word] = get(word, 0) + 1
        return counts

    def words(self) -> list[tuple[str, int]]:
        """(word, start) of every word of every run, in order, without making Tokens."""
        found: list[tuple[str, int]] = []
        for item, start in zip(self.items, self.starts):
            if type(item) is str:
                found.append((item, start))
            elif item is not None:
                found.extend([(word, start + offset) for word, offset in zip(item[0], item[1])])
        return found

    def multi_word(self) -> list[tuple[tuple[str, ...], tuple[int, ...], int]]:
        """(words, their offsets, match start) of each run of two words or more, in order:
        a word's start is the match start plus its offset. Kept: two rules ask for it."""
        if self._multi_word is None:
            self._multi_word = [
                (item[0], item[1], start)
                for item, start in zip(self.items, self.starts)
                if type(item) is tuple and len(item[0]) > 1
            ]
        return self._multi_word


def _scan(text: str) -> _Scan:
    # List comprehensions rather than one loop appending to three lists: this runs once
    # for each match of every text, and most matches are one word.
    matches = list(_RUN.finditer(text))
    return _Scan([m.start() for m in matches], [m.end() for m in matches], _items([m[0] for m in matches]))


_SCANS: OrderedDict[str, _Scan] = OrderedDict()  # the last few texts' scans, newest last
_SCANS_KEPT = 16


def _remember(text: str, scan: _Scan) -> None:
    _SCANS[text] = scan
    if len(_SCANS) > _SCANS_KEPT:
        _SCANS.popitem(last=False)


def name_runs(text: str) -> tuple[Run, ...]:
    """Each run of capitalised words in ``text`` (one regex pass), leading function words
    and titles dropped (``The United States`` → ``United States``).

    Kept for the last few texts, so that the rules of both stages share one pass over an
    article: each rule sees the text as left by the rules before, and where those rules
    changed it, ``derive_name_runs`` (called by ``run_steps``) has already worked out the
    runs of the new text from those of the old one, scanning only around the edits.
    """
    return _scan_of(text).result


def name_run_spans(text: str) -> list[tuple[int, int]]:
    """The span of each of ``name_runs(text)``, from its first word to the end of its last."""
    return _scan_of(text).spans()


def multi_word_runs(text: str) -> list[tuple[tuple[str, ...], tuple[int, ...], int]]:
    """The runs of ``name_runs(text)`` of two words or more, as (words, the offset of each
    word from ``start``, ``start``), without making their Tokens."""
    return _scan_of(text).multi_word()


def name_run_bounds(text: str) -> tuple[list[int], list[int]]:
    """The starts and the ends of every match of the runs' regex in ``text``, in order: the
    spans of ``name_runs(text)`` before function words are dropped, and the spans of the
    capitalised function words and titles that make no run (``The``, ``President Of``).
    Not to be modified."""
    scan = _scan_of(text)
    return scan.starts, scan.ends


def name_words(text: str) -> list[tuple[str, int]]:
    """(word, start) of every word of ``name_runs(text)``, one-word runs and the words of
    longer ones alike, in order."""
    return _scan_of(text).words()


def name_word_counts(text: str) -> dict[str, int]:
    """How often each word of ``name_words(text)`` appears."""
    return _scan_of(text).word_counts()


def one_word_runs(text: str) -> list[tuple[str, int]]:
    """(word, start) of each of ``name_runs(text)`` of one word."""
    return _scan_of(text).one_word()


def _scan_of(text: str) -> _Scan:
    scan = _SCANS.get(text)
    if scan is not None:
        _SCANS.move_to_end(text)
        return scan
    pending = _PENDING.pop(text, None)
    if pending is not None:
        old, edits = pending
        scan = _derived(text, _scan_of(old), edits)
    else:
        scan = _scan(text)
    _remember(text, scan)
    return scan


def _clear_name_runs() -> None:
    _SCANS.clear()
    _PENDING.clear()


name_runs.cache_clear = _clear_name_runs  # type: ignore[attr-defined]  # as functools caches have

# Characters a ``_RUN`` match depends on lie within it, one before it and two after it: a
# match kept from the old text needs this much unchanged text around it.
_MARGIN = 3


# Texts whose runs can be derived from another's, if asked for: new text -> (old text, edits).
_PENDING: OrderedDict[str, tuple[str, Sequence[Edit]]] = OrderedDict()


def derive_name_runs(old: str, edits: Sequence[Edit], new: str) -> None:
    """Given ``new == apply(old, edits)``, note that the runs of ``new`` can be worked out
    from those of ``old`` when those are known (or can be worked out in turn): done when
    ``name_runs(new)`` is first asked for, by ``_derived``."""
    if new in _SCANS or new in _PENDING or (old not in _SCANS and old not in _PENDING):
        return
    _PENDING[new] = (old, edits)
    if len(_PENDING) > _SCANS_KEPT:
        _PENDING.popitem(last=False)


def _derived(new: str, scan: _Scan, edits: Sequence[Edit]) -> _Scan:
    """The scan of ``new == apply(old, edits)`` from ``scan``, that of ``old``: matches far
    from every edit are shifted, and the text is scanned again only from before each edit
    until the scan meets an old match again."""
    edits = sorted(edits, key=sort_key)
    # Each edit's old span, the end of its replacement in the new text, and the shift after it.
    spans_old = [(e.start, e.end) for e in edits]
    new_end = [end for _, end in replacement_spans(edits)]
    shift_after = [end - e.end for end, e in zip(new_end, edits)]
    starts, ends, items = scan.starts, scan.ends, scan.items
    out_starts: list[int] = []
    out_ends: list[int] = []
    out_items: list = []
    i = 0  # next old match
    j = 0  # next edit not yet passed
    shift = 0  # new - old, for the text between edit j-1 and edit j
    position = 0  # where the scan stands, in old offsets (aligned: the new scan is at position + shift)
    count = len(starts)
    while True:
        next_edit = spans_old[j][0] if j < len(edits) else None
        # Aligned: copy old matches that end well before the next edit (all, after the last).
        stop = count if next_edit is None else max(i, bisect.bisect_right(ends, next_edit - _MARGIN))
        if stop > i:
            if shift:
                out_starts.extend([x + shift for x in starts[i:stop]])
                out_ends.extend([x + shift for x in ends[i:stop]])
            else:
                out_starts.extend(starts[i:stop])
                out_ends.extend(ends[i:stop])
            out_items.extend(items[i:stop])  # an item holds no position
            position = ends[stop - 1]
            i = stop
        if next_edit is None:
            break
        # Scan the new text from where the old scan stood, until a match that is an old
        # match, unchanged and far from every edit, puts both scans in step again.
        aligned = False
        for m in _RUN.finditer(new, position + shift):
            start, end = m.span()
            out_starts.append(start)
            out_ends.append(end)
            group = m[0]
            out_items.extend(_items((group,)))
            while j < len(edits) and new_end[j] + _MARGIN <= start:
                shift = shift_after[j]
                j += 1
            old_start = start - shift
            k = bisect.bisect_left(starts, old_start)
            if (
                k < count
                and starts[k] == old_start
                and ends[k] + shift == end
                and (j == 0 or spans_old[j - 1][1] + _MARGIN <= old_start)
                and (j == len(edits) or ends[k] + _MARGIN <= spans_old[j][0])
            ):
                position, i, aligned = ends[k], k + 1, True
                break
        if not aligned:
            break
    return _Scan(out_starts, out_ends, out_items)


Context = tuple[str, str]  # ("*", right neighbour) or (left neighbour, "*")
BUCKET_LIMIT = 200  # a context holding more distinct tokens than this says nothing about a name


def contexts_of(run: Sequence[str], i: int) -> Iterator[Context]:
    """The name contexts of the token at ``i``: its neighbours inside the name, unless they
    are function words or titles (which say nothing about who is named)."""
    if i + 1 < len(run) and run[i + 1] not in STOP:
        yield ("*", run[i + 1])
    if i > 0 and run[i - 1] not in STOP:
        yield (run[i - 1], "*")


def count_contexts(names: Iterable[tuple[Sequence[str], int]]) -> dict[Context, Counter]:
    """For (multi-word name, count) pairs: each context's tokens with their counts
    (``("*", "Umarov")`` → ``{"Temur": 1, "Tmur": 3}``), as ``contexts_of`` defines contexts."""
    contexts: dict[Context, Counter] = {}
    for words, n in names:
        for left, right in zip(words, words[1:]):
            if right not in STOP:
                contexts.setdefault(("*", right), Counter())[left] += n
            if left not in STOP:
                contexts.setdefault((left, "*"), Counter())[right] += n
    return contexts


def with_context(token: str, context: Context) -> str:
    """The two-word name a token makes in a context: ``Temur`` in ``("*", "Umarov")``."""
    left, right = context
    return f"{token} {right}" if left == "*" else f"{left} {token}"


@dataclass(eq=False)
class NameIndex:
    """Counts of multi-word names across a corpus. Picklable.

    ``names[("Temur", "Umarov")]`` counts every run of two or more capitalised words
    (leading function words and titles dropped, as ``name_runs`` drops them);
    ``documents`` counts the articles each name appears in (once an article), so that
    evidence from other articles can be told from one article repeating a name.
    ``contexts`` (derived, built on first use and not pickled) maps a name context such
    as ``("*", "Umarov")`` to the tokens seen in it, with counts: the buckets in which
    spelling variants are sought; ``document_contexts`` the same with article counts.
    """

    names: Counter = field(default_factory=Counter)
    articles: int = 0
    documents: Counter = field(default_factory=Counter)
    _contexts: dict | None = field(default=None, init=False, repr=False, compare=False)
    _document_contexts: dict | None = field(default=None, init=False, repr=False, compare=False)
    _candidates: dict = field(default_factory=dict, init=False, repr=False, compare=False)
    _spelling_lists: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> "NameIndex":
        """Index every text (one compiled-regex pass each)."""
        index = cls()
        for text in texts:
            index.add(text)
        return index

    def add(self, text: str) -> None:
        """Count the multi-word names of one more article: the runs of two words or more of
        ``name_runs(text)``, from one search for those alone (nothing cached: each article is
        counted once)."""
        items = [_words_of(group) for group in _MULTI_WORD_RUN.findall(text)]
        names = [item[0] for item in items if item is not None and len(item[0]) > 1]
        self.names.update(names)
        self.documents.update(set(names))
        self.articles += 1
        self._contexts = None
        self._document_contexts = None
        self._candidates = {}
        self._spelling_lists = {}

    def merge(self, other: "NameIndex") -> "NameIndex":
        """A new index counting both corpora (for articles indexed in separate workers)."""
        return NameIndex(self.names + other.names, self.articles + other.articles, self.documents + other.documents)

    @property
    def contexts(self) -> dict[Context, Counter]:
        if self._contexts is None:
            self._contexts = count_contexts(self.names.items())
        return self._contexts

    @property
    def document_contexts(self) -> dict[Context, Counter]:
        if self._document_contexts is None:
            self._document_contexts = count_contexts(self.documents.items())
        return self._document_contexts

    def count_in(self, token: str, context: Context) -> int:
        """How often ``token`` appears in ``context`` (``Temur`` before ``Umarov``)."""
        return count_in(self.contexts, token, context)

    def articles_with(self, token: str, context: Context) -> int:
        """In how many articles ``token`` appears in ``context`` (an article holding it in
        two names, ``Temur Umarov`` and ``Temur Umarov Jr``, counts once for each)."""
        return count_in(self.document_contexts, token, context)

    def candidates(self, token: str, context: Context) -> list[tuple[str, int]]:
        """``spelling_candidates`` of ``token`` in the corpus bucket of ``context`` (none where
        the bucket holds more than ``BUCKET_LIMIT`` tokens); remembered, as every article that
        names the same person asks again."""
        key = (token, context)
        found = self._candidates.get(key)
        if found is None:
            bucket = self.contexts.get(context)
            if bucket and len(bucket) <= BUCKET_LIMIT:
                found = list(_candidates_among(token, self._spellings(context, bucket)))
            else:
                found = []
            self._candidates[key] = found
        return found

    def _spellings(self, context: Context, bucket: Mapping[str, int]) -> list[tuple[str, int, frozenset]]:
        """``_spellings_of(bucket)``, remembered for the context."""
        found = self._spelling_lists.get(context)
        if found is None:
            found = self._spelling_lists[context] = _spellings_of(bucket)
        return found

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state["_contexts"] = None
        state["_document_contexts"] = None
        state["_candidates"] = {}
        state["_spelling_lists"] = {}
        return state


# --- spelling distance ---------------------------------------------------------


def distance(a: str, b: str, limit: int = 2) -> int:
    """Optimal-string-alignment (Damerau-Levenshtein) distance, or ``limit + 1`` when larger."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    # Each edit adds or removes at most two letters to the set of letters used (a transposition
    # none), so strings whose letter sets differ in more than 2 * limit are too far apart:
    # most names of a bucket are, and this test is far cheaper than the table below.
    if len(set(a).symmetric_difference(b)) > 2 * limit:
        return limit + 1
    # What the two share at either end costs nothing (an optimal alignment matches it): the
    # table is worked out for the middles only, which are short for names a letter apart.
    size = min(len(a), len(b))
    head = 0
    while head < size and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < size - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    a, b = a[head : len(a) - tail], b[head : len(b) - tail]
    if not a or not b:
        return min(len(a) + len(b), limit + 1)
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        best = i
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            value = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                value = min(value, prev2[j - 2] + 1)
            cur[j] = value
            best = min(best, value)
        if best > limit:
            return limit + 1
        prev2, prev = prev, cur
    return min(prev[-1], limit + 1)


def max_edits(a: str, b: str) -> int:
    """Edits allowed between two name tokens: one for short names, two from six letters."""
    return 1 if min(len(a), len(b)) <= 5 else 2


def eligible(token: str) -> bool:
    """Tokens worth checking for variants: three letters or more, not an acronym or a
    hyphenated compound, not a function word or title."""
    return len(token) >= 3 and not token.isupper() and "-" not in token and token not in STOP


# --- two forms of a word, not two spellings of it ------------------------------

# Endings that transliterations of one name vary in: Zelensky, Zelenskyy, Zelenskyi, Zelenskiy, Zelenskij.
_Y_ENDING = re.compile(r"(?:[iy]{1,2}|[iy]j)$")


def _without_diacritics(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def endings_of_one_name(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ only in an ending that transliterations of one name
    vary in: ``Zelensky``, ``Zelenskyy``, ``Zelenskyi``, ``Zelenskiy``."""
    stem_a, stem_b = _Y_ENDING.sub("", a), _Y_ENDING.sub("", b)
    return stem_a == stem_b and stem_a != a and stem_b != b


@functools.lru_cache(maxsize=1 << 14)
def different_forms(a: str, b: str) -> str | None:
    """Why ``a`` and ``b`` are two words, or two right forms of one, rather than two
    spellings of one name (in words for an edit's reason); None where they may be spellings.

    - one is the other with an ending, an inflection or a derivation: ``Oblast`` and
      ``Oblastis``, ``Russia`` and ``Russian``, ``Transylvania`` and ``Transilvanian`` (the
      longer, cut to the length of the shorter, is closer to it than the whole is);
    - they differ in the last letter alone: ``Zelenska`` and ``Zelensky`` (a woman and a
      man), ``Oblasti`` and ``Oblasts``;
    - they differ in diacritics alone: ``Lemaître`` and ``Lemaitre`` (both are written);
    - one has more capitals inside than the other: ``MinisterIn`` (two words run
      together) and ``Ministers``;
    but the endings transliterations of one name vary in (``Zelensky``, ``Zelenskyy``,
    ``Zelenskyi``, ``Zelenskiy``) make spellings of one name.
    """
    if _without_diacritics(a) == _without_diacritics(b):
        return f"“{a}” and “{b}” differ in diacritics alone"
    if [c.isupper() for c in a[1:]].count(True) != [c.isupper() for c in b[1:]].count(True):
        return f"“{a}” and “{b}” have capitals inside in different numbers (words run together)"
    if endings_of_one_name(a, b):
        return None
    if len(a) == len(b):
        return f"“{a}” and “{b}” differ in their ending" if a[:-1] == b[:-1] else None
    short, long = (a, b) if len(a) < len(b) else (b, a)
    apart = distance(long, short, 3)
    if apart <= 3 and distance(long[: len(short)], short, 3) < apart:
        return f"“{long}” is “{short}” with an ending (another form of the word)"
    return None


# --- the word list -------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _frequencies() -> Mapping[str, float] | None:
    """wordfreq's large English list (321,000 words, ~30 MB), loaded once per process on
    first use; None where wordfreq is not installed (the word list then gives no evidence)."""
    try:
        from wordfreq import get_frequency_dict
    except ImportError:  # pragma: no cover - wordfreq is a dependency
        return None
    return get_frequency_dict("en", "large")


def zipf(word: str) -> float | None:
    """The word's Zipf frequency in English (0 when unlisted), or None without a word list."""
    frequencies = _frequencies()
    if frequencies is None:
        return None
    freq = frequencies.get(unicodedata.normalize("NFC", word.casefold()), 0.0)
    return round(math.log10(freq) + 9, 2) if freq else 0.0


# --- the shape of a name -------------------------------------------------------

_VOWELS = frozenset("aeiouy")
# Initial consonant clusters that names (English, and the usual transliterations) start with.
_ONSETS = frozenset(
    """bh bl br bj by ch chl chr cl cr cz dh dj dl dm dr dw dz dzh fj fl fr gb gd gh gl gn gr gw gy
    hj hl hr hv hw jh kh khl khr khv kj kl km kn kr ks kv kw ky lh lj ll lv mb mc mh mk ml mn mr ms
    mst mt mw my nd ng nh nj nk nt ny nz ph phl phr pl pn pr ps psh pskh pt pf py rh sb sc sch schl
    schm schn schr schw scr sd sf sg sh shch shl shm shn shr shv sk skr sl sm sn sp sph spl spr sr
    st str sv sw sz szcz tb th thr tk tl tr ts tsch tsh tskh tv tw ty tz vl vr vs vz wh wl wr x zb
    zd zg zh zl zm zn zr zv zw""".split()
)


def _letters(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word.casefold())
    return "".join(c for c in decomposed if c.isalpha())


@functools.lru_cache(maxsize=1 << 14)
def shape_problem(word: str) -> str | None:
    """Why ``word`` is an implausible name ("has no vowel", "starts with 'tm'"), or None."""
    letters = _letters(word)
    first_vowel = next((i for i, c in enumerate(letters) if c in _VOWELS), None)
    if first_vowel is None:
        return "has no vowel"
    onset = letters[:first_vowel]
    if len(onset) > 1 and onset not in _ONSETS:
        return f"starts with “{onset}”, which names do not"
    return None


# --- weighing two spellings ----------------------------------------------------


@dataclass(frozen=True)
class Verdict:
    """Whether ``wrong`` should become ``right``, and why, in words for the edit's reason."""

    wrong: str
    right: str
    score: int
    veto: str | None
    notes: tuple[str, ...]

    @property
    def proposed(self) -> bool:
        return self.veto is None and self.score >= PROPOSE_AT

    def explain(self) -> str:
        return "; ".join(self.notes)


PROPOSE_AT = 2

# Evidence from other articles counts only when it is strong: the other spelling seen in
# the same name in at least STRONG_ARTICLES other articles, and in STRONG_RATIO times as
# many articles as the spelling weighed. One other article, or a few against as many, is
# what a rare right spelling (a Belarusian transliteration beside the commoner Russian one)
# meets as often as a misspelling does.
STRONG_ARTICLES = 3
STRONG_RATIO = 3

# A word the word list barely knows (``Toyko``, zipf 1.4) beside one it knows far better
# (``Tokyo``, 4.6) is a misspelling that made it into the list, where the article writes the
# commoner one more often: the two are not "both known names".
RARE_ZIPF = 1.5
COMMONER_BY = 2.5


def strong_elsewhere(right_articles: int, wrong_articles: int) -> bool:
    """Whether other articles strongly support a spelling: in ``right_articles`` other
    articles against ``wrong_articles`` (this one included) for the spelling weighed."""
    return right_articles >= STRONG_ARTICLES and right_articles >= STRONG_RATIO * max(wrong_articles, 1)


def _known(word: str, table_words: frozenset[str]) -> tuple[bool, str]:
    if word in table_words:
        return True, f"“{word}” is in the table"
    z = zipf(word)
    if z is None:
        return False, f"“{word}”: no word list installed"
    if z > 0:
        return True, f"“{word}” is a known name (word list, zipf {z:.1f})"
    return False, f"“{word}” is not a known name"


def weigh(
    wrong: str,
    right: str,
    *,
    wrong_count: int,
    right_count: int,
    table_words: frozenset[str] = frozenset(),
    wrong_here: int | None = None,
    right_here: int = 0,
    right_articles: int = 0,
    wrong_articles: int = 1,
) -> Verdict:
    """Weigh the evidence that token ``wrong`` is a misspelling of ``right``.

    Points for ``right``: +3 when the table names it; +2 when the word list knows it and not
    ``wrong`` (-2 the other way round); +1 when ``wrong`` has an implausible shape and
    ``right`` has not (-1 the other way round). Then the counts:

    - weighed for no article (``wrong_here`` None: ``clean suggest`` weighs a corpus), +1
      when ``right`` is the more frequent in the corpus (``*_count``), -1 when rarer;
    - where the article spells the name both ways (``right_here`` > 0): +2 when it uses
      ``right`` more often, nothing when as often (the word list alone then decides:
      ``Kentucky`` and ``Ketucky`` once each), -1 when less (so the table, or the word list
      and the shape together, still fix a misspelling the article repeats: 3× ``Tmur``, 1×
      ``Temur``),
      and +1 when other articles strongly support ``right`` (``strong_elsewhere``, from
      ``right_articles`` other articles and ``wrong_articles``);
    - where only other articles spell it ``right``: +1 when their evidence is strong, else
      a veto; a veto also where the article spells it ``wrong`` twice or more (consistently:
      it holds no other spelling), or where the two are transliterations of one name
      (``endings_of_one_name``: ``Zelenskyy`` stays) — unless the table names ``right``.

    Proposed at 2 points, unless vetoed: both are known names (two people, two accepted
    spellings, two words), or they are two forms of a word (``different_forms``).
    """
    score = 0
    notes: list[str] = []
    known_wrong, why_wrong = _known(wrong, table_words)
    known_right, why_right = _known(right, table_words)
    if known_wrong and known_right and wrong_here is not None and right_here > wrong_here:
        # A misspelling common enough to be in the word list (``Toyko``, ``Rusian``), where
        # the article writes the right one more often: known for a misspelling only.
        rare, common = zipf(wrong) or 0.0, zipf(right) or 0.0
        if wrong not in table_words and rare <= RARE_ZIPF and (right in table_words or common >= rare + COMMONER_BY):
            known_wrong = False
            why_wrong = f"“{wrong}” is rare in the word list (zipf {rare:.1f}), a misspelling of a far commoner word"
    veto = different_forms(wrong, right)
    in_table = right in table_words
    if in_table:
        score += 3
    if known_wrong and known_right:
        veto = veto or "both are known names"
    elif known_right:
        score += 2
    elif known_wrong:
        score -= 2
    notes.append(why_wrong)
    shape_wrong, shape_right = shape_problem(wrong), shape_problem(right)
    if shape_wrong:
        notes[-1] += f" and {shape_wrong}"
    notes.append(why_right if not shape_right else f"{why_right} and {shape_right}")
    if shape_wrong and not shape_right:
        score += 1
    elif shape_right and not shape_wrong:
        score -= 1
    strong = strong_elsewhere(right_articles, wrong_articles)
    if wrong_here is None:
        if right_count > wrong_count:
            score += 1
        elif right_count < wrong_count:
            score -= 1
    elif right_here:
        if right_here > wrong_here:
            score += 2
            notes.append(f"the article writes “{right}” more often")
        elif right_here == wrong_here:  # the counts say nothing: the word list and the shape decide
            notes.append(f"the article writes “{wrong}” as often")
        else:
            score -= 1
            notes.append(f"the article writes “{wrong}” more often")
        if strong:
            score += 1
            notes.append(f"“{right}” is in {right_articles} other articles")
    elif not in_table:
        if wrong_here >= 2:
            veto = veto or f"the article writes “{wrong}” {wrong_here}× and never “{right}”"
        elif endings_of_one_name(wrong, right):
            veto = veto or "two transliterations of one name: other articles' choice is not this one's"
        elif not strong:
            veto = veto or f"“{right}” is in too few other articles ({right_articles}) to count"
        else:
            score += 1
            notes.append(f"“{right}” is in {right_articles} other articles, “{wrong}” in {wrong_articles}")
    return Verdict(wrong, right, score, veto, tuple(notes))


def _candidates_among(token: str, spellings: Sequence[tuple[str, int, frozenset]]) -> Iterator[tuple[str, int]]:
    """``spelling_candidates`` over a bucket's tokens as ``_spellings_of`` lists them: the
    cheap tests of ``distance`` first, on lengths and letter sets known ahead."""
    size, letters = len(token), frozenset(token)
    for other, other_size, other_letters in spellings:
        if other == token or abs(other_size - size) > 2:
            continue
        limit = max_edits(token, other)
        if len(letters ^ other_letters) > 2 * limit:
            continue  # as distance() finds
        d = distance(token, other, limit)
        if d <= limit:
            yield other, d


def spelling_candidates(token: str, bucket: Mapping[str, int]) -> Iterator[tuple[str, int]]:
    """Tokens of ``bucket`` within the allowed edits of ``token`` (``max_edits``), with their distance."""
    return _candidates_among(token, _spellings_of(bucket))


def spelling_list(words: Iterable[str]) -> list[tuple[str, int, frozenset]]:
    """``words`` as ``candidates_among`` takes them: each with its length and set of letters."""
    return [_spelling(t) for t in words]


@functools.lru_cache(maxsize=1 << 16)
def _spelling(word: str) -> tuple[str, int, frozenset]:
    return word, len(word), frozenset(word)  # names recur from article to article


def candidates_among(token: str, spellings: Sequence[tuple[str, int, frozenset]]) -> Iterator[tuple[str, int]]:
    """The words of ``spellings`` (a ``spelling_list``) within the allowed edits of
    ``token`` (``max_edits``), with their distance."""
    return _candidates_among(token, spellings)


def _spellings_of(bucket: Iterable[str]) -> list[tuple[str, int, frozenset]]:
    """The eligible tokens of a bucket, in order, with their length and set of letters."""
    return [(t, len(t), frozenset(t)) for t in bucket if eligible(t)]


def count_in(contexts: Mapping[Context, Mapping[str, int]], token: str, context: Context) -> int:
    """How often ``token`` appears in ``context``, by the counts of ``contexts``."""
    bucket = contexts.get(context)
    return bucket.get(token, 0) if bucket else 0


def corpus_count(article: int, corpus: int) -> int:
    """The corpus count, given the index is meant to include the article; where it evidently
    does not (fewer corpus hits than in the article alone), the article's hits are added."""
    return corpus if corpus >= article else corpus + article
