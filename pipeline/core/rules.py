"""The rule registry, and the one loop that runs steps one after another.

A rule is a small pure function ``text -> Iterable[Fix]``, registered with an id,
a stage and a risk, as ftfy's ``FIXERS`` maps names to fixers. Each rule sees the
text as left by the rules before it; ``run_steps`` folds every step's edits back
onto the original text, so the result is one edit list over that text.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from itertools import accumulate
from typing import Callable, Iterable, Sequence

from pipeline.core.edits import Edit, Fix, Risk, apply, changed, compose, moved, replacement_spans, sort_key
from pipeline.core.settings import MAX_ROUNDS
from pipeline.core.text import QUOTE_MARKS, is_hard_wrapped, paragraph_spans

RuleFunction = Callable[..., Iterable[Fix]]  # (text, **context) -> fixes
Step = Callable[[str], list[Edit]]

# What a rule reads to decide a fix, which is what a later round must read again where the
# text changed (``run_to_fixpoint``): the fix's own paragraph alone, that paragraph and the
# one either side, or the quote marks of the whole text (a quotation may run on over many
# paragraphs: what a mark is depends on marks paragraphs away).
PARAGRAPH = "paragraph"
NEIGHBOURS = "neighbours"
QUOTES = "quotes"
# What a QUOTES rule reads: quote marks, what stands around them in their paragraph, and the
# paragraphs' bounds. A change elsewhere (in a paragraph without a mark, adding or removing
# neither a mark nor a line break) changes nothing it decides.
_QUOTING = re.compile(f"[{''.join(sorted(QUOTE_MARKS))}\n]")


@dataclass(frozen=True)
class Rule:
    id: str
    stage: str
    risk: Risk
    function: RuleFunction
    scope: str = NEIGHBOURS  # PARAGRAPH, NEIGHBOURS or QUOTES

    @property
    def doc(self) -> str:
        function = getattr(self.function, "func", self.function)
        return (function.__doc__ or "").strip().split("\n\n")[0]

    def bind(self, **context: object) -> "Rule":
        """This rule with context (a table, a corpus index) fixed, so that it maps text to fixes."""
        return Rule(self.id, self.stage, self.risk, functools.partial(self.function, **context), self.scope)

    def __call__(self, text: str) -> list[Edit]:
        return [
            Edit(f.start, f.end, f.replacement, self.id, self.stage, f.reason, self.risk)
            for f in self.function(text)
        ]


RULES: dict[str, Rule] = {}


def rule(rule_id: str, *, stage: str, risk: Risk, scope: str = NEIGHBOURS) -> Callable[[RuleFunction], RuleFunction]:
    """Register a rule function under ``rule_id``; the function itself is returned unchanged.

    ``scope=PARAGRAPH`` declares that the rule finds in a paragraph the fixes it finds there
    read alone (tests/test_speedups.py checks every such rule on damaged texts)."""
    if scope not in (PARAGRAPH, NEIGHBOURS, QUOTES):
        raise ValueError(f"unknown scope {scope!r} for rule {rule_id}")

    def register(function: RuleFunction) -> RuleFunction:
        if rule_id in RULES:
            raise ValueError(f"rule id registered twice: {rule_id}")
        RULES[rule_id] = Rule(rule_id, stage, risk, function, scope)
        return function

    return register


def rules_of(stage: str) -> list[Rule]:
    """The rules of one stage, in the order they were registered (their run order)."""
    return [r for r in RULES.values() if r.stage == stage]


# Called as ``hook(old, edits, new)`` whenever a step's edits are applied, so that what is
# cached about a text can follow it: a stage whose rules read the name runs of each text passes
# ``pipeline.stages.names.runs.derive_name_runs`` as ``on_apply``.
Hook = Callable[[str, Sequence[Edit], str], None]


def run_steps(text: str, steps: Sequence[Step], on_apply: Sequence[Hook] = ()) -> list[Edit]:
    """Run steps in order, each over the text left by the ones before; edits over ``text``.
    Each hook of ``on_apply`` is told of every step's edits as they are applied."""
    edits: list[Edit] = []
    current = text
    for step in steps:
        new = changed(current, step(current))
        if new:
            edits, current = _take(text, edits, current, new, on_apply)
    return edits


def _take(
    text: str, edits: list[Edit], current: str, new: list[Edit], on_apply: Sequence[Hook] = ()
) -> tuple[list[Edit], str]:
    """Fold a step's edits over ``current`` (``apply(text, edits)``) into ``edits``; the new
    edits over ``text`` and the text they leave, which the hooks are told of."""
    after = apply(current, new)  # the same text as apply(text, edits), from fewer edits
    for hook in on_apply:
        hook(current, new, after)
    return compose(text, edits, new, current), after


def run_to_fixpoint(text: str, steps: Sequence[Step], on_apply: Sequence[Hook] = ()) -> list[Edit]:
    """The steps in order over the whole text, then again where they changed it, until nothing changes.

    A later round reads only the paragraphs the round before changed, and runs on each only
    the steps up to the last one that changed it: the steps after that one have already read
    its final text. A rule of ``PARAGRAPH`` scope reads again each changed paragraph alone;
    one of ``NEIGHBOURS`` scope decides a fix from its paragraph and the one either side (a
    quotation may run on from one paragraph into the next), so it reads each changed paragraph
    and its neighbours, each with a neighbour either side for context (``_Rereading``); one of
    ``QUOTES`` scope (the quote rules: a quotation may run over many lines) reads the whole
    text again where a changed paragraph holds a quote mark, or a change added or removed one
    or a line break (``_QUOTING``); its paragraph scans are cached. The cost of a later round
    follows the damage, not the text. Each hook of ``on_apply`` is told of every step's edits
    as they are applied (``run_steps``).
    """
    edits: list[Edit] = []
    current = text
    final_step = len(steps) - 1
    # (start, end, index of the last step that changed it) in ``current``; None in round 1,
    # where every step reads the whole text.
    to_read: list[tuple[int, int, int]] | None = None
    quoting_before = False  # whether the round before added or removed a quote mark or a line break
    for _ in range(MAX_ROUNDS):
        changed_here: list[tuple[int, int, int]] = []
        rereading: _Rereading | None = None
        quoting = False
        for index, step in enumerate(steps):
            if to_read is None:
                new = sorted(changed(current, step(current)), key=sort_key)
            else:
                if rereading is None or rereading.text is not current:
                    rereading = _Rereading(current, to_read, quoting_before or quoting)
                new = sorted(rereading.rerun(step, index), key=sort_key)
            if not new:
                continue
            quoting = quoting or any(_QUOTING.search(current, e.start, e.end) or _QUOTING.search(e.replacement) for e in new)
            made = replacement_spans(new)
            if to_read is not None:  # what this step changed, every step after it reads this round
                to_read = _follow(to_read, new, made) + [(start, end, final_step) for start, end in made]
            changed_here = _follow(changed_here, new, made) + [(start, end, index) for start, end in made]
            edits, current = _take(text, edits, current, new, on_apply)
        if not changed_here:
            break
        to_read, quoting_before = changed_here, quoting
    return edits


def _follow(spans: list[tuple[int, int, int]], edits: list[Edit], made: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """``spans`` of a text moved to where they lie once ``edits`` (sorted; ``made``: where each
    put its replacement) are applied. A span end inside an edit moves to that edit's edge."""
    if not spans:
        return spans
    starts = [edit.start for edit in edits]

    def to_new(pos: int, is_end: bool) -> int:
        k = bisect.bisect_right(starts, pos) - 1  # the last edit starting at or before pos
        if k < 0:
            return pos
        if pos < edits[k].end:  # inside it
            return made[k][1] if is_end else made[k][0]
        return made[k][1] + pos - edits[k].end

    return [(to_new(start, False), to_new(end, True), last) for start, end, last in spans]


class _Rereading:
    """A later round's reading of one text: its paragraphs, and for each the last step that
    changed it, so that each step reads again the paragraphs it has not read as they are."""

    def __init__(self, text: str, changed_spans: list[tuple[int, int, int]], quoting: bool = True) -> None:
        self.text = text
        self.quoting = quoting  # a change since the steps read added or removed a quote mark or a line break
        self.paragraphs = paragraph_spans(text)
        self.changed_spans = changed_spans
        # Split into windows, a short or hard-wrapped text could be read otherwise: it is read whole.
        self.whole = len(self.paragraphs) < 4 or is_hard_wrapped(text)
        self.last_step = [] if self.whole else _last_step_of_each(self.paragraphs, changed_spans)
        self._joined: tuple[list[int], str, list[int]] | None = None  # the last paragraphs joined

    def rerun(self, step: Step, index: int) -> list[Edit]:
        """The edits ``step``, the ``index``-th, makes where the text changed since it read it."""
        if self.whole:
            return run_steps(self.text, [step]) if any(last >= index for *_, last in self.changed_spans) else []
        touched = [i for i, last in enumerate(self.last_step) if last >= index]
        if not touched:
            return []
        scope = getattr(step, "scope", NEIGHBOURS)
        if scope == QUOTES:
            paragraphs = self.paragraphs
            if self.quoting or any(_QUOTING.search(self.text, *paragraphs[i]) for i in touched):
                return run_steps(self.text, [step])
            return []
        if scope == PARAGRAPH:
            return self._on_paragraphs(touched, step)
        return self._in_windows(touched, step)

    def _on_paragraphs(self, touched: list[int], step: Step) -> list[Edit]:
        """A ``PARAGRAPH``-scope step over the touched paragraphs alone, in one call: over the
        paragraphs joined by blank lines, each still a paragraph (and a line) of its own."""
        if self._joined is None or self._joined[0] != touched:  # the steps before read the same
            pieces = [self.text[start:end] for start, end in (self.paragraphs[i] for i in touched)]
            at = list(accumulate([len(piece) + 2 for piece in pieces[:-1]], initial=0))  # each one's start
            self._joined = touched, "\n\n".join(pieces), at
        _, joined, at = self._joined
        edits: list[Edit] = []
        for edit in run_steps(joined, [step]):
            k = bisect.bisect_right(at, edit.start) - 1
            start, end = self.paragraphs[touched[k]]
            if edit.end - at[k] > end - start:  # reaches past its paragraph: not the scope declared
                return run_steps(self.text, [step])
            shift = start - at[k]
            edits.append(moved(edit, edit.start + shift, edit.end + shift))
        return edits

    def _in_windows(self, touched: list[int], step: Step) -> list[Edit]:
        """A ``NEIGHBOURS``-scope step over the touched paragraphs and their neighbours: a
        changed paragraph may change what they need (a quote it closes was one they saw open).
        Each is read with a neighbour either side for context."""
        text, paragraphs = self.text, self.paragraphs
        last_paragraph = len(paragraphs) - 1
        edits: list[Edit] = []
        for first, last in _runs(touched):
            first, last = max(first - 1, 0), min(last + 1, last_paragraph)
            window_from = paragraphs[first - 1][0] if first else 0
            window_to = paragraphs[last + 1][1] if last < last_paragraph else len(text)
            # Kept: edits from past the line break after the paragraph before to the start of
            # the paragraph after (to the very end, at the end of the text).
            keep_from = paragraphs[first - 1][1] + 1 if first else 0
            keep_to = paragraphs[last + 1][0] if last < last_paragraph else len(text) + 1
            window = text[window_from:window_to]
            if is_hard_wrapped(window):  # its lines would be read as one block, not as paragraphs
                return run_steps(text, [step])
            for edit in run_steps(window, [step]):
                start, end = edit.start + window_from, edit.end + window_from
                if keep_from <= start < keep_to and end <= keep_to:
                    edits.append(moved(edit, start, end))
        return edits


def _last_step_of_each(paragraphs: Sequence[tuple[int, int]], spans: list[tuple[int, int, int]]) -> list[int]:
    """For each paragraph, the last step that changed it (-1: none): the greatest of the
    spans that touch it, ends included."""
    starts = [start for start, _ in paragraphs]
    last_step = [-1] * len(paragraphs)
    for start, end, step in spans:
        first = max(bisect.bisect_right(starts, start) - 1, 0)
        if paragraphs[first][1] < start and first + 1 < len(paragraphs):
            first += 1  # the span lies between two paragraphs: the next one is touched too
        last = max(bisect.bisect_right(starts, end) - 1, first)
        for i in range(first, last + 1):
            if last_step[i] < step:
                last_step[i] = step
    return last_step


def _runs(indices: list[int]) -> Iterable[tuple[int, int]]:
    """(first, last) of each run of indices whose windows would overlap (at most four apart)."""
    first = last = indices[0]
    for index in indices[1:]:
        if index > last + 4:
            yield first, last
            first = index
        last = index
    yield first, last
