"""The stages, in the order they run. Each is a step: ``text -> edits over that text``."""

from __future__ import annotations

import functools
import inspect
from dataclasses import dataclass

from pipeline.core.edits import Edit
from pipeline.stages.names.evidence import derive_name_runs
from pipeline.core.rules import ON_APPLY, Rule, RuleFunction, rules_of, run_to_fixpoint
from pipeline.tables.table import Table

ON_APPLY.append(derive_name_runs)  # the names and referents stages read name runs of each text


@dataclass(frozen=True)
class RuleStage:
    """A stage made only of registered rules, run in registration order until they settle.

    Given the merged table, it binds it to each rule whose function takes a ``table``
    keyword (``Rule.bind``, as the names stage binds its rules); without one, such a rule
    reads only its built-in data. Picklable: it holds only the name and the table.
    """

    name: str
    table: Table | None = None

    def __post_init__(self) -> None:
        if not rules_of(self.name):
            raise ValueError(f"no rules registered for stage {self.name!r}")

    def rules(self) -> list[Rule]:
        """The stage's rules in their order, the table bound to those that take it."""
        rules = rules_of(self.name)
        if self.table is None:
            return rules
        return [r.bind(table=self.table) if _takes_table(r.function) else r for r in rules]

    def __call__(self, text: str) -> list[Edit]:
        return run_to_fixpoint(text, self.rules())


@functools.lru_cache(maxsize=None)
def _takes_table(function: RuleFunction) -> bool:
    return "table" in inspect.signature(function).parameters


from pipeline.stages import encoding, punctuation  # noqa: E402,F401  (register their rules)
