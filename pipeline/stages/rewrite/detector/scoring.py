"""Scoring: a sentence's score is the sum of the weights of the signals that fire on it, and
the sentences that score over the threshold are flagged.

Most sentences are never scored: each signal's hint says, for the whole document at once,
where it may fire, and a sentence no hint points at cannot score over the threshold. A
sentence that is scored stops being asked as soon as the signals left could not lift it over.
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass
from functools import lru_cache

from pipeline.core.sentences import sentence_spans
from pipeline.core.settings import DEFAULT_THRESHOLD
from pipeline.stages.rewrite.detector import (
    boundary_signals,
    capital_signals,
    name_signals,
    phrasing_signals,
    punctuation_signals,
)
from pipeline.stages.rewrite.detector.registry import Signal, signals_of
from pipeline.stages.rewrite.detector.sentence import Sentence

# The modules whose signals are asked, in the order their reasons are given.
SIGNAL_MODULES = (punctuation_signals, phrasing_signals, capital_signals, name_signals, boundary_signals)
SIGNALS: tuple[Signal, ...] = signals_of(SIGNAL_MODULES)

# (score, reasons, joins_next): the weights of the signals that fired, added up; their reasons,
# in the signals' order; whether one of them joins the sentence to the next.
Score = tuple[float, tuple[str, ...], bool]


@dataclass(frozen=True)
class Flag:
    """A flagged stretch of text (one sentence, or two around a broken full stop)."""

    start: int
    end: int
    score: float
    reasons: tuple[str, ...]


def score_sentence(sentence: Sentence, signals: tuple[Signal, ...] = SIGNALS) -> Score:
    """(score, reasons, joins_next) of one sentence, every signal asked."""
    scored = _score_if_over(sentence, signals, -math.inf)
    assert scored is not None  # every score is over minus infinity
    return scored


@lru_cache(maxsize=256)
def _asking_order(signals: tuple[Signal, ...]) -> tuple[tuple[Signal, float], ...]:
    """``signals`` with the ones asked everywhere (no hint: weak, and the costliest) last, each
    with the total weight of the signals after it."""
    order = sorted(signals, key=lambda signal: signal.hint is None)  # stable: otherwise in order
    return tuple((signal, sum(later.weight for later in order[k + 1 :])) for k, signal in enumerate(order))


def _score_if_over(sentence: Sentence, signals: tuple[Signal, ...], threshold: float) -> Score | None:
    """The score of ``sentence`` by ``signals`` when it is over ``threshold``, else None.

    Stops asking as soon as the signals not yet asked could not lift the score over the
    threshold, so the weak signal asked everywhere (``capitalised-lower-elsewhere``, which
    scans the whole article) is asked only where a stronger one fired.
    """
    fired: dict[str, str] = {}
    so_far = 0.0
    for signal, left in _asking_order(signals):
        reason = signal.function(sentence)
        if reason:
            fired[signal.name] = reason
            so_far += signal.weight
        if so_far + left <= threshold:
            return None
    # added up in the signals' order, not the asking order: the same sum, the same reasons
    score = 0.0
    reasons: list[str] = []
    joins = False
    for signal in signals:
        if signal.name in fired:
            score += signal.weight
            reasons.append(fired[signal.name])
            joins = joins or signal.joins_next
    return (score, tuple(reasons), joins) if score > threshold else None


def _signals_to_ask(
    text: str, spans: list[tuple[int, int]], signals: tuple[Signal, ...], threshold: float
) -> list[tuple[Signal, ...] | None]:
    """For each sentence, the signals (in order) whose hint points into it; None where their
    weights together could not score over ``threshold``."""
    starts = [a for a, _ in spans]
    masks = [0] * len(spans)
    for k, signal in enumerate(signals):
        bit = 1 << k
        if signal.hint is None:
            masks = [m | bit for m in masks]
            continue
        for a, b in signal.hint(text, spans):
            i = bisect.bisect_right(starts, a) - 1
            if i < 0 or spans[i][1] <= a:
                i += 1  # between sentences: the hint may overlap the next one
            b = max(b, a + 1)
            while i < len(spans) and spans[i][0] < b:
                masks[i] |= bit
                i += 1
    chosen: dict[int, tuple[Signal, ...] | None] = {}
    out = []
    for mask in masks:
        if mask not in chosen:
            asked = tuple(signal for k, signal in enumerate(signals) if mask >> k & 1)
            chosen[mask] = asked if sum(signal.weight for signal in asked) > threshold else None
        out.append(chosen[mask])
    return out


def flag_sentences(text: str, threshold: float = DEFAULT_THRESHOLD) -> list[Flag]:
    """The sentences of ``text`` that score over ``threshold``, with why, in text order.

    A sentence whose damage is the full stop after it is flagged together with the
    next sentence of the same paragraph; two flags that would overlap are merged.
    """
    spans = sentence_spans(text)
    asked = _signals_to_ask(text, spans, SIGNALS, threshold)
    flags: list[Flag] = []
    for i, (start, end) in enumerate(spans):
        signals = asked[i]
        if signals is None:
            continue  # no signal can fire: the score is 0, not over the threshold
        nxt = spans[i + 1] if i + 1 < len(spans) else None
        same_paragraph = nxt is not None and "\n" not in text[end : nxt[0]]
        sentence = Sentence(text[start:end], start, end, text, text[nxt[0] : nxt[1]] if same_paragraph else "")
        scored = _score_if_over(sentence, signals, threshold)
        if scored is None:
            continue
        score, reasons, joins = scored
        if joins and same_paragraph:
            end = nxt[1]
        if flags and flags[-1].end > start:
            last = flags[-1]
            flags[-1] = Flag(last.start, max(last.end, end), last.score + score, last.reasons + reasons)
        else:
            flags.append(Flag(start, end, score, reasons))
    capital_signals.forget_document()  # let go of the article and its word counts
    return flags
