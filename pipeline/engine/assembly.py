"""What the pipeline proposes for one article: the stages in order, and the signature.

Stages see the text without BOM or CR (``StageView``); their edits come back as
edits over the raw text, which is all that is stored. The rewrite stage runs
last: its detector flags garbled sentences (listed even when no model runs),
and with a model its guarded rewrites become edits.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from pipeline import __version__
from pipeline.core.edits import Edit, apply, changed, compose, locate_all
from pipeline.core.rules import RULES, Step, run_steps
from pipeline.core.text import StageView
from pipeline.engine.pieces import pieces, shifted
from pipeline.stages import RuleStage
from pipeline.stages.names.index import NameIndex
from pipeline.stages.rewrite.stage import RewriteStage
from pipeline.tables.loading import default_table
from pipeline.tables.table import Table


def rule_stages(table: Table, index: NameIndex | None = None) -> tuple[Step, ...]:
    """The rule stages `clean` runs, in their order, bound to the merged table and the corpus
    name index: the one place that order is written."""
    return (
        RuleStage("encoding", table),
        RuleStage("punctuation", table),
        RuleStage("names", table, index if index is not None else NameIndex()),
        RuleStage("referents", table),
    )


def default_stages() -> tuple[Step, ...]:
    """The rule stages with the shipped table and no corpus evidence: what ``Pipeline()`` runs
    (tests, benchmarks, the signature's stage list). Built when asked for, not on import."""
    return rule_stages(default_table())


@dataclass(frozen=True)
class Pipeline:
    """The stages of a run: rule stages in order, then the rewrite stage (or none)."""

    stages: tuple[Step, ...] = field(default_factory=default_stages)
    rewrite: RewriteStage | None = field(default_factory=RewriteStage)
    tables: dict[str, str] = field(default_factory=dict)  # table name -> hash, for the signature

    def signature(self) -> dict:
        """What produced a proposal, as sacrebleu stamps its scores: a re-run compares it."""
        names = [getattr(s, "name", type(s).__name__) for s in self.stages]
        rule_ids = sorted(r.id for r in RULES.values() if r.stage in names)
        rewriter = self.rewrite.rewriter if self.rewrite else None
        return {
            "pipeline": f"mtclean {__version__}",
            "stages": names + (["rewrite"] if self.rewrite else []),
            "rules": hashlib.sha256("\n".join(rule_ids).encode()).hexdigest()[:16],
            "tables": dict(self.tables),
            "flags": self.rewrite.threshold if self.rewrite else None,
            "model": getattr(rewriter, "cache_key", None) if rewriter else None,
        }


def propose(text: str, pipeline: Pipeline | None = None) -> tuple[list[Edit], list[dict]]:
    """(edits, flagged sentences) over ``text``, the decoded raw article (by ``pipeline``, or
    the default one); a long article piece by piece (``engine.pieces``)."""
    pipeline = pipeline if pipeline is not None else Pipeline()
    view, mapping = StageView.of(text)
    edits: list[Edit] = []
    flags: list[dict] = []
    for offset, piece in pieces(view):
        piece_edits, piece_flags = _propose_view(piece, pipeline)
        edits.extend(shifted(piece_edits, offset))
        for flag in piece_flags:
            flag["start"], flag["end"] = mapping.to_raw(flag["start"] + offset), mapping.to_raw(flag["end"] + offset)
        flags.extend(piece_flags)
    return mapping.restore(edits), flags


def _propose_view(view: str, pipeline: Pipeline) -> tuple[list[Edit], list[dict]]:
    """(edits, flagged sentences) over ``view``, the text the stages see."""
    edits = run_steps(view, pipeline.stages)
    if pipeline.rewrite is None:
        return edits, []
    current = apply(view, edits)
    rewrites, flags = pipeline.rewrite.review(current)
    rewrites = changed(current, rewrites)
    if rewrites:
        edits_after = compose(view, edits, rewrites)
    else:
        edits_after = edits
    located = locate_all(view, edits, [(f["start"], f["end"]) for f in flags])  # one pass, not one per flag
    for flag, (start, end) in zip(flags, located):
        flag["start"], flag["end"] = start, end
    return edits_after, flags
