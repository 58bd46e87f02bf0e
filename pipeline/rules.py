"""The rule registry, and the one loop that runs steps one after another.

A rule is a small pure function ``text -> Iterable[Fix]``, registered with an id,
a stage and a risk, as ftfy's ``FIXERS`` maps names to fixers. Each rule sees the
text as left by the rules before it; ``run_steps`` folds every step's edits back
onto the original text, so the result is one edit list over that text.
"""

from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass
from typing import Callable, Iterable, Sequence

from .article import is_hard_wrapped, paragraph_spans
from .edits import Edit, Fix, Risk, apply, changed, compose, moved, replacement_spans, sort_key

RuleFunction = Callable[..., Iterable[Fix]]  # (text, **context) -> fixes
Step = Callable[[str], list[Edit]]


@dataclass(frozen=True)
class Rule:
    id: str
    stage: str
    risk: Risk
    function: RuleFunction

    @property
    def doc(self) -> str:
        function = getattr(self.function, "func", self.function)
        return (function.__doc__ or "").strip().split("\n\n")[0]

    def bind(self, **context: object) -> "Rule":
        """This rule with context (a table, a corpus index) fixed, so that it maps text to fixes."""
        return Rule(self.id, self.stage, self.risk, functools.partial(self.function, **context))

    def __call__(self, text: str) -> list[Edit]:
        return [
            Edit(f.start, f.end, f.replacement, self.id, self.stage, f.reason, self.risk)
            for f in self.function(text)
        ]


RULES: dict[str, Rule] = {}


def rule(rule_id: str, *, stage: str, risk: Risk) -> Callable[[RuleFunction], RuleFunction]:
    """Register a rule function under ``rule_id``; the function itself is returned unchanged."""

    def register(function: RuleFunction) -> RuleFunction:
        if rule_id in RULES:
            raise ValueError(f"rule id registered twice: {rule_id}")
        RULES[rule_id] = Rule(rule_id, stage, risk, function)
        return function

    return register


def rules_of(stage: str) -> list[Rule]:
    """The rules of one stage, in the order they were registered (their run order)."""
    return [r for r in RULES.values() if r.stage == stage]


# Called as ``hook(old, edits, new)`` whenever ``run_steps`` applies a step's edits, so that
# what is cached about a text can follow it (``pipeline.names.derive_name_runs``).
ON_APPLY: list[Callable[[str, Sequence[Edit], str], None]] = []


def run_steps(text: str, steps: Sequence[Step]) -> list[Edit]:
    """Run steps in order, each over the text left by the ones before; edits over ``text``."""
    edits: list[Edit] = []
    current = text
    for step in steps:
        new = changed(current, step(current))
        if new:
            edits, current = _take(text, edits, current, new)
    return edits


def _take(text: str, edits: list[Edit], current: str, new: list[Edit]) -> tuple[list[Edit], str]:
    """Fold a step's edits over ``current`` (``apply(text, edits)``) into ``edits``; the new
    edits over ``text`` and the text they leave, which the hooks are told of."""
    after = apply(current, new)  # the same text as apply(text, edits), from fewer edits
    for hook in ON_APPLY:
        hook(current, new, after)
    return compose(text, edits, new, current), after


# One rule's edit can make work for a rule that ran before it (dropping "a" from "the a the"
# leaves "the the"), so the rules run again over what they left until a round finds nothing:
# cleaning the cleaned text then finds nothing either. Rules that undid each other would never
# settle, so the rounds are capped.
MAX_ROUNDS = 4


def run_to_fixpoint(text: str, steps: Sequence[Step]) -> list[Edit]:
    """The steps in order over the whole text, then again where they changed it, until nothing changes.

    A later round reads only the paragraphs the round before changed, and runs on each only
    the steps up to the last one that changed it: the steps after that one have already read
    its final text. A rule decides a fix in a paragraph from that paragraph and its neighbours
    (a quotation may run on from one paragraph into the next), so each changed paragraph is
    read with its neighbours, each with a neighbour either side for context
    (``_rerun_where_changed``). The cost of a later round follows the damage, not the text.
    """
    edits: list[Edit] = []
    current = text
    final_step = len(steps) - 1
    # (start, end, index of the last step that changed it) in ``current``; None in round 1,
    # where every step reads the whole text.
    to_read: list[tuple[int, int, int]] | None = None
    for _ in range(MAX_ROUNDS):
        changed_here: list[tuple[int, int, int]] = []
        for index, step in enumerate(steps):
            if to_read is None:
                new = sorted(changed(current, step(current)), key=sort_key)
            else:
                spans = [(start, end) for start, end, last in to_read if last >= index]
                new = sorted(_rerun_where_changed(current, spans, [step]), key=sort_key) if spans else []
            if not new:
                continue
            made = replacement_spans(new)
            if to_read is not None:  # what this step changed, every step after it reads this round
                to_read = _follow(to_read, new, made) + [(start, end, final_step) for start, end in made]
            changed_here = _follow(changed_here, new, made) + [(start, end, index) for start, end in made]
            edits, current = _take(text, edits, current, new)
        if not changed_here:
            break
        to_read = changed_here
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


def _rerun_where_changed(text: str, changed_spans: list[tuple[int, int]], steps: Sequence[Step]) -> list[Edit]:
    """``run_steps`` over the paragraphs of ``text`` that hold a changed span, read in context."""
    paragraphs = paragraph_spans(text)
    if len(paragraphs) < 4 or is_hard_wrapped(text):  # a window could be split otherwise
        return run_steps(text, steps)
    starts = [start for start, _ in paragraphs]
    touched: set[int] = set()
    for start, end in changed_spans:  # each paragraph the span touches, ends included
        first = max(bisect.bisect_right(starts, start) - 1, 0)
        if paragraphs[first][1] < start and first + 1 < len(paragraphs):
            first += 1  # the span lies between two paragraphs: the next one is touched too
        last = max(bisect.bisect_right(starts, end) - 1, first)
        touched.update(range(first, last + 1))
    # A changed paragraph may change what its neighbours need (a quote it closes was one
    # they saw open): each is read again too, and read itself with a neighbour either side.
    last_paragraph = len(paragraphs) - 1
    edits: list[Edit] = []
    for first, last in _runs(sorted(touched)):
        first, last = max(first - 1, 0), min(last + 1, last_paragraph)
        window_from = paragraphs[first - 1][0] if first else 0
        window_to = paragraphs[last + 1][1] if last < last_paragraph else len(text)
        # Kept: edits from past the line break after the paragraph before to the start of
        # the paragraph after (to the very end, at the end of the text).
        keep_from = paragraphs[first - 1][1] + 1 if first else 0
        keep_to = paragraphs[last + 1][0] if last < last_paragraph else len(text) + 1
        window = text[window_from:window_to]
        if is_hard_wrapped(window):  # its lines would be read as one block, not as paragraphs
            return run_steps(text, steps)
        for edit in run_steps(window, steps):
            start, end = edit.start + window_from, edit.end + window_from
            if keep_from <= start < keep_to and end <= keep_to:
                edits.append(moved(edit, start, end))
    return edits


def _runs(indices: list[int]) -> Iterable[tuple[int, int]]:
    """(first, last) of each run of indices whose windows would overlap (at most four apart)."""
    first = last = indices[0]
    for index in indices[1:]:
        if index > last + 4:
            yield first, last
            first = index
        last = index
    yield first, last
