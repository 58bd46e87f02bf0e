"""The detector's signals, each registered where it is written, as ftfy registers its fixes.

A signal is a function ``(sentence) -> reason | None``; the ``@signal`` decorator above it
gives its weight and its hint (where in a document it may fire, see ``hints``), so that
what a signal does and what it counts for are read in one place. The signals' order (the
order of the reasons in a flag) is that of their modules in ``scoring.SIGNAL_MODULES``,
then of their definitions in each module.
"""

from __future__ import annotations

from types import ModuleType
from typing import Callable, NamedTuple, TypeVar

from pipeline.stages.rewrite.detector.hints import Hint
from pipeline.stages.rewrite.detector.sentence import Sentence

SignalFunction = Callable[[Sentence], "str | None"]
_F = TypeVar("_F", bound=SignalFunction)


class Signal(NamedTuple):
    """A signal and how it counts."""

    name: str
    weight: float
    function: Callable[[Sentence], str | None]
    joins_next: bool = False  # the damage is the break after the sentence
    # Where in a whole document the signal may fire: spans, one of which lies in (or overlaps)
    # every sentence the signal fires on. ``flag_sentences`` asks the signal only there.
    hint: Hint | None = None


_REGISTERED: list[Signal] = []


def signal(*, weight: float, hint: Hint | None = None, joins_next: bool = False, name: str = "") -> Callable[[_F], _F]:
    """Register the function below as a signal of ``weight``, asked only where ``hint``
    points (everywhere without one); ``joins_next``: its flag covers the next sentence too.
    Its name is the function's, with hyphens (``doubled_word``: ``doubled-word``), unless
    ``name`` is given."""

    def register(function: _F) -> _F:
        _REGISTERED.append(Signal(name or function.__name__.replace("_", "-"), weight, function, joins_next, hint))
        return function

    return register


def signals_of(modules: tuple[ModuleType, ...]) -> tuple[Signal, ...]:
    """The signals registered in ``modules``: module by module, each in the order written."""
    return tuple(s for module in modules for s in _REGISTERED if s.function.__module__ == module.__name__)
