"""What the pipeline proposes for one article: the stages in order, and the signature.

Stages see the text without BOM or CR (``StageView``); their edits come back as
edits over the raw text, which is all that is stored.
"""

from __future__ import annotations

import hashlib
from typing import Sequence

from . import __version__
from .article import StageView
from .edits import Edit
from .rules import RULES, Step, run_steps
from .stages import RuleStage

DEFAULT_STAGES: tuple[Step, ...] = (RuleStage("punctuation"),)


def propose(text: str, stages: Sequence[Step] = DEFAULT_STAGES) -> list[Edit]:
    """Edits over ``text`` (the decoded raw article) proposed by every stage in turn."""
    view, mapping = StageView.of(text)
    return mapping.restore(run_steps(view, stages))


def signature(stages: Sequence[Step] = DEFAULT_STAGES) -> dict:
    """What produced a proposal, as sacrebleu stamps its scores: a re-run compares it."""
    names = [getattr(s, "name", type(s).__name__) for s in stages]
    rule_ids = sorted(r.id for r in RULES.values() if r.stage in names)
    return {
        "pipeline": f"mtclean {__version__}",
        "stages": names,
        "rules": hashlib.sha256("\n".join(rule_ids).encode()).hexdigest()[:16],
        "tables": {},
        "model": None,
    }
