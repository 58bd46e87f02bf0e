"""The rule registry, and the one loop that runs steps one after another.

A rule is a small pure function ``text -> Iterable[Fix]``, registered with an id,
a stage and a risk, as ftfy's ``FIXERS`` maps names to fixers. Each rule sees the
text as left by the rules before it; ``run_steps`` folds every step's edits back
onto the original text, so the result is one edit list over that text.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Callable, Iterable, Sequence

from .edits import Edit, Fix, Risk, apply, changed, compose

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
            edits = compose(text, edits, new, current)
            after = apply(current, new)  # the same text as apply(text, edits), from fewer edits
            for hook in ON_APPLY:
                hook(current, new, after)
            current = after
    return edits
