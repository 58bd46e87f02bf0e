"""The runs of capitalised words of a text (the names it writes), scanned once and then
followed through the edits made to the text.

Every rule of the names and referents stages reads the runs of the text as the rules before
it left it. One scan per text is kept (``NAME_RUNS``, the last few texts); where the rules
changed the text, the stage tells the cache of the edits (``derive_name_runs``, its
``on_apply`` hook), and the runs of the new text are worked out from those of the old one,
scanning again only around the edits (``_derived``).
"""

from __future__ import annotations

import bisect
from collections import OrderedDict
from typing import NamedTuple, Sequence

from pipeline.core.edits import Edit, replacement_spans, sort_key
from pipeline.stages.names.words import RUN, Words, items_of


class Token(NamedTuple):
    """A word of a name run, and where it starts in the text."""

    text: str
    start: int


Run = tuple[Token, ...]


class _Scan:
    """One ``RUN`` pass over a text: each match's span and its item."""

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
    """A fresh ``RUN`` pass over ``text``."""
    # List comprehensions rather than one loop appending to three lists: this runs once
    # for each match of every text, and most matches are one word.
    matches = list(RUN.finditer(text))
    return _Scan([m.start() for m in matches], [m.end() for m in matches], items_of([m[0] for m in matches]))


class NameRunCache:
    """The scans of the last few texts, newest last, and the texts whose scans can be worked
    out from another's through edits, when first asked for.

    One serves the process (``NAME_RUNS``), so that the rules of both stages share one scan of
    an article. ``clear()`` empties it (a test or a benchmark starting afresh).
    """

    def __init__(self, kept: int = 16) -> None:
        self.kept = kept
        self._scans: OrderedDict[str, _Scan] = OrderedDict()
        # Texts whose runs can be derived from another's, if asked for: new text -> (old text, edits).
        self._pending: OrderedDict[str, tuple[str, Sequence[Edit]]] = OrderedDict()

    def scan(self, text: str) -> _Scan:
        """The scan of ``text``: kept, derived from a text it was edited from, or made."""
        scans = self._scans
        scan = scans.get(text)
        if scan is not None:
            scans.move_to_end(text)
            return scan
        pending = self._pending.pop(text, None)
        if pending is not None:
            old, edits = pending
            scan = _derived(text, self.scan(old), edits)
        else:
            scan = _scan(text)
        scans[text] = scan
        if len(scans) > self.kept:
            scans.popitem(last=False)
        return scan

    def note_edits(self, old: str, edits: Sequence[Edit], new: str) -> None:
        """Given ``new == apply(old, edits)``, note that the runs of ``new`` can be worked out
        from those of ``old`` when those are known (or can be worked out in turn): done when
        ``name_runs(new)`` is first asked for, by ``_derived``."""
        scans, pending = self._scans, self._pending
        if new in scans or new in pending or (old not in scans and old not in pending):
            return
        pending[new] = (old, edits)
        if len(pending) > self.kept:
            pending.popitem(last=False)

    def clear(self) -> None:
        """Forget every scan: the runs of each text are worked out afresh."""
        self._scans.clear()
        self._pending.clear()


NAME_RUNS = NameRunCache()


def derive_name_runs(old: str, edits: Sequence[Edit], new: str) -> None:
    """The hook a stage whose rules read name runs passes to ``run_steps`` (``on_apply``):
    ``NAME_RUNS.note_edits``, a plain function so that it names the one cache of the process."""
    NAME_RUNS.note_edits(old, edits, new)


def name_runs(text: str) -> tuple[Run, ...]:
    """Each run of capitalised words in ``text`` (one regex pass), leading function words
    and titles dropped (``The United States`` → ``United States``).

    Kept for the last few texts (``NAME_RUNS``), so that the rules of both stages share one
    pass over an article: each rule sees the text as left by the rules before, and where
    those rules changed it, ``derive_name_runs`` (the stage's hook, called by ``run_steps``)
    has already noted how to work out the runs of the new text from those of the old one,
    scanning only around the edits.
    """
    return NAME_RUNS.scan(text).result


def name_run_spans(text: str) -> list[tuple[int, int]]:
    """The span of each of ``name_runs(text)``, from its first word to the end of its last."""
    return NAME_RUNS.scan(text).spans()


def multi_word_runs(text: str) -> list[tuple[tuple[str, ...], tuple[int, ...], int]]:
    """The runs of ``name_runs(text)`` of two words or more, as (words, the offset of each
    word from ``start``, ``start``), without making their Tokens."""
    return NAME_RUNS.scan(text).multi_word()


def name_run_bounds(text: str) -> tuple[list[int], list[int]]:
    """The starts and the ends of every match of the runs' regex in ``text``, in order: the
    spans of ``name_runs(text)`` before function words are dropped, and the spans of the
    capitalised function words and titles that make no run (``The``, ``President Of``).
    Not to be modified."""
    scan = NAME_RUNS.scan(text)
    return scan.starts, scan.ends


def name_words(text: str) -> list[tuple[str, int]]:
    """(word, start) of every word of ``name_runs(text)``, one-word runs and the words of
    longer ones alike, in order."""
    return NAME_RUNS.scan(text).words()


def name_word_counts(text: str) -> dict[str, int]:
    """How often each word of ``name_words(text)`` appears."""
    return NAME_RUNS.scan(text).word_counts()


def one_word_runs(text: str) -> list[tuple[str, int]]:
    """(word, start) of each of ``name_runs(text)`` of one word."""
    return NAME_RUNS.scan(text).one_word()


# Characters a ``RUN`` match depends on lie within it, one before it and two after it: a
# match kept from the old text needs this much unchanged text around it.
_MARGIN = 3


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
        for m in RUN.finditer(new, position + shift):
            start, end = m.span()
            out_starts.append(start)
            out_ends.append(end)
            group = m[0]
            out_items.extend(items_of((group,)))
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
