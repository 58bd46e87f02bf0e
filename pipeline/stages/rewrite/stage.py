"""The optional rewrite stage: garbled sentences, rewritten by a local model, guarded.

The stage runs last, on the text the rule stages left. The detector flags sentences whose score is over the threshold; the flagged ones
of an article go to the model in one batch; a rewrite that passes every guard
becomes an edit with risk ``review`` (``--accept all`` never accepts it). Without a
model (``rewriter=None``) the stage proposes nothing, but ``flags`` still lists the
flagged sentences, so that a reviewer sees them in the edit file.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from pipeline.core.edits import Edit
from pipeline.stages.rewrite.detector import DEFAULT_THRESHOLD, Flag, flag_sentences
from pipeline.stages.rewrite.guards import check_rewrite
from pipeline.stages.rewrite.model import SentenceRewriter

RULE = "rewrite-garbled-sentence"


@dataclass(frozen=True)
class RewriteStage:
    """A step ``text -> edits``; ``flags(text)`` reports every flagged sentence and its fate."""

    rewriter: SentenceRewriter | None = None
    threshold: float = DEFAULT_THRESHOLD
    name: ClassVar[str] = "rewrite"

    def __call__(self, text: str) -> list[Edit]:
        edits, _ = self.review(text)
        return edits

    def flags(self, text: str) -> list[dict]:
        """Each flagged sentence: ``start``, ``end``, ``score``, ``reasons``, and when a model
        ran, its ``rewrite`` and why it was ``dropped`` (``None`` when it became an edit)."""
        _, flags = self.review(text)
        return flags

    def review(self, text: str) -> tuple[list[Edit], list[dict]]:
        """(edits, flags) for ``text``; the model is asked once, for every flagged sentence."""
        flagged = flag_sentences(text, self.threshold)
        records = [_record(flag) for flag in flagged]
        if self.rewriter is None or not flagged:
            return [], records
        originals = [text[f.start : f.end] for f in flagged]
        rewrites = self.rewriter.rewrite(originals)
        if len(rewrites) != len(originals):
            raise ValueError(f"model {self.rewriter.name} gave {len(rewrites)} rewrites for {len(originals)} sentences")
        edits: list[Edit] = []
        for flag, original, rewritten, record in zip(flagged, originals, rewrites, records, strict=True):
            dropped = check_rewrite(original, rewritten)
            record["rewrite"] = rewritten
            record["dropped"] = dropped
            if dropped is None:
                edits.append(
                    Edit(
                        start=flag.start,
                        end=flag.end,
                        replacement=rewritten,
                        rule=RULE,
                        stage=self.name,
                        reason=f"flagged: {'; '.join(flag.reasons)}; model {self.rewriter.name}",
                        risk="review",
                    )
                )
        return edits, records


def _record(flag: Flag) -> dict:
    return {"start": flag.start, "end": flag.end, "score": flag.score, "reasons": list(flag.reasons)}
