"""The stages, in the order they run. Each is a step: ``text -> edits over that text``."""

from __future__ import annotations

from dataclasses import dataclass

from ..edits import Edit
from ..names import derive_name_runs
from ..rules import ON_APPLY, rules_of, run_to_fixpoint

ON_APPLY.append(derive_name_runs)  # the names and referents stages read name runs of each text


@dataclass(frozen=True)
class RuleStage:
    """A stage made only of registered rules, run in registration order until they settle."""

    name: str

    def __post_init__(self) -> None:
        if not rules_of(self.name):
            raise ValueError(f"no rules registered for stage {self.name!r}")

    def __call__(self, text: str) -> list[Edit]:
        return run_to_fixpoint(text, rules_of(self.name))


from . import encoding, punctuation  # noqa: E402,F401  (register their rules)
