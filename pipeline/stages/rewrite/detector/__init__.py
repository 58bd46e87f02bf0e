"""Garble detection: score each sentence with small, explainable signals.

Each signal is a function ``(sentence: Sentence) -> str | None`` that returns the
reason it fired, quoting the words that set it off, or ``None``. A sentence's
score is the sum of the weights of the signals that fired; only sentences that
score *over* the threshold are flagged. Signals are deliberately narrow: the
detector must stay quiet on correct news English (under 2% of its sentences,
measured in ``tests/test_rewrite_detector.py``), because every flag costs a
reviewer's attention and, with a model, a rewrite.

The package's modules (the word lists the signals look words up in are the lexicon's,
``pipeline.core.lexicon``):

- ``sentence``: what a signal looks at (``Sentence``, its words);
- ``hints``: where in a document a signal may fire, found before any sentence is scored;
- ``registry``: the ``@signal`` decorator that gives each signal its weight and hint;
- ``punctuation_signals``, ``phrasing_signals``, ``capital_signals``, ``name_signals``,
  ``boundary_signals``: the signals, grouped by what they look at, in the order asked;
- ``scoring``: the score of a sentence, and ``flag_sentences``.
"""

from __future__ import annotations

from pipeline.core.lexicon.content_words import common_nouns
from pipeline.core.lexicon.function_words import FUNCTION_WORDS
from pipeline.core.lexicon.names import TITLES
from pipeline.stages.rewrite.detector.boundary_signals import bare_weekday_start, dangling_end, misplaced_break
from pipeline.stages.rewrite.detector.capital_signals import (
    capitalised_common_noun,
    capitalised_word_lower_elsewhere,
    written_in_lower_case,
)
from pipeline.stages.rewrite.detector.name_signals import (
    acronym_before_country,
    country_as_she,
    name_run_across_possessive,
    stray_second_person,
)
from pipeline.stages.rewrite.detector.phrasing_signals import (
    broken_agreement,
    broken_tense,
    dangling_prefix,
    double_negation,
    garbled_comparison,
    repeated_phrase,
)
from pipeline.stages.rewrite.detector.punctuation_signals import (
    doubled_full_stop,
    doubled_word,
    mixed_quote_marks,
    opening_quote_closing,
    space_before_closing_mark,
    stray_full_stop,
    unknown_token,
)
from pipeline.stages.rewrite.detector.registry import Signal, signal
from pipeline.stages.rewrite.detector.scoring import (
    DEFAULT_THRESHOLD,
    SIGNALS,
    Flag,
    Score,
    flag_sentences,
    score_sentence,
)
from pipeline.stages.rewrite.detector.sentence import WORD, Sentence

# The names tests/test_speedups.py checks the fast word look-up by.
_WORD = WORD
_written_in_lower_case = written_in_lower_case

__all__ = [
    "DEFAULT_THRESHOLD",
    "FUNCTION_WORDS",
    "SIGNALS",
    "TITLES",
    "WORD",
    "Flag",
    "Score",
    "Sentence",
    "Signal",
    "acronym_before_country",
    "bare_weekday_start",
    "broken_agreement",
    "broken_tense",
    "capitalised_common_noun",
    "capitalised_word_lower_elsewhere",
    "common_nouns",
    "country_as_she",
    "dangling_end",
    "dangling_prefix",
    "double_negation",
    "doubled_full_stop",
    "doubled_word",
    "flag_sentences",
    "garbled_comparison",
    "misplaced_break",
    "mixed_quote_marks",
    "name_run_across_possessive",
    "opening_quote_closing",
    "repeated_phrase",
    "score_sentence",
    "signal",
    "space_before_closing_mark",
    "stray_full_stop",
    "stray_second_person",
    "unknown_token",
    "written_in_lower_case",
]
