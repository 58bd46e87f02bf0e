"""The stages, in the order they run. Each is a step: ``text -> edits over that text``.

Every rule stage is a ``RuleStage``: the rules registered for it, bound to what they read
(the merged table, the corpus name index), run in registration order. Importing this package
registers every rule, stage by stage, in the order the stages run.
"""

# ruff: noqa: I001  (the rule modules' import order is the order their rules run in)

from __future__ import annotations

import functools
import inspect
from dataclasses import dataclass

from pipeline.core.edits import Edit
from pipeline.core.rules import Hook, Rule, RuleFunction, rules_of, run_steps, run_to_fixpoint
from pipeline.stages.names.index import NameIndex
from pipeline.stages.names.runs import derive_name_runs
from pipeline.tables.table import Table

# The stages whose rules run once each, in order (``run_steps``), rather than again where they
# changed the text until nothing changes (``run_to_fixpoint``): they weigh what the whole
# article says (how often it writes each spelling, who it named before), which a later round,
# reading only the paragraphs that changed, would not see.
RUN_ONCE = frozenset({"names", "referents"})
# The stages whose rules read the name runs of each text (``pipeline.stages.names.runs``): as
# each rule's edits are applied, the runs of the new text are worked out from those of the old.
READS_NAME_RUNS = frozenset({"names", "referents"})


@dataclass(frozen=True)
class RuleStage:
    """A stage made only of registered rules, run in registration order: again where they
    changed the text until they settle, or once each for the stages of ``RUN_ONCE``.

    Each rule gets what its function takes of ``table`` (the merged table) and ``index``
    (the corpus name index), as keywords (``Rule.bind``); a rule that takes the table reads
    only its built-in data without one. Picklable (it is sent to worker processes): it holds
    only the name, the table and the index.
    """

    name: str
    table: Table | None = None
    index: NameIndex | None = None

    def __post_init__(self) -> None:
        if not rules_of(self.name):
            raise ValueError(f"no rules registered for stage {self.name!r}")

    def rules(self) -> list[Rule]:
        """The stage's rules in their order, each bound to the context it takes: bound once per
        stage and kept (a stage runs on every article; binding each time cost 3% of proposing),
        bound again where the registry's rules of the stage changed (a test may register one)."""
        registered = tuple(rules_of(self.name))  # compared item by item, by identity first: cheap
        kept = self.__dict__.get("_bound")
        if kept is None or kept[0] != registered:
            kept = (registered, self._bind())
            object.__setattr__(self, "_bound", kept)  # a cache, not a field: frozen all the same
        return list(kept[1])

    def _bind(self) -> tuple[Rule, ...]:
        """The stage's rules in their order, each bound to the context it takes (uncached)."""
        context = {key: value for key, value in (("table", self.table), ("index", self.index)) if value is not None}
        if not context:
            return tuple(rules_of(self.name))
        bound = []
        for r in rules_of(self.name):
            takes = {key: value for key, value in context.items() if key in _keywords(r.function)}
            bound.append(r.bind(**takes) if takes else r)
        return tuple(bound)

    def __getstate__(self) -> dict:
        """What a worker process gets: the fields, not the bound rules (it binds its own)."""
        return {key: value for key, value in self.__dict__.items() if key != "_bound"}

    def __call__(self, text: str) -> list[Edit]:
        hooks: tuple[Hook, ...] = (derive_name_runs,) if self.name in READS_NAME_RUNS else ()
        run = run_steps if self.name in RUN_ONCE else run_to_fixpoint
        return run(text, self.rules(), hooks)


@functools.lru_cache(maxsize=None)
def _keywords(function: RuleFunction) -> frozenset[str]:
    """The names of the parameters ``function`` takes."""
    return frozenset(inspect.signature(function).parameters)


# The rule modules, imported for their rules, which register in the order the stages run them.
from pipeline.stages import encoding, punctuation  # noqa: E402,F401
from pipeline.stages.names import table_rules, duplicates, variants  # noqa: E402,F401
from pipeline.stages import referents  # noqa: E402,F401
