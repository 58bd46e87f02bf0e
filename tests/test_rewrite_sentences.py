"""Sentence splitting for the rewrite stage: abbreviations, initials, decimals, quotes."""

from __future__ import annotations

from pipeline.core.sentences import sentence_spans, sentences


def test_splits_at_a_full_stop_before_a_capital():
    assert sentences("Prices rose. Markets fell.") == ["Prices rose.", "Markets fell."]


def test_spans_point_at_the_sentences_without_surrounding_space():
    text = "  Prices rose.   Markets fell.  "
    assert [text[s:e] for s, e in sentence_spans(text)] == ["Prices rose.", "Markets fell."]


def test_a_line_break_always_ends_a_sentence():
    assert sentences("Headline without a stop\nBody text here.") == ["Headline without a stop", "Body text here."]


def test_a_title_abbreviation_does_not_end_a_sentence():
    assert sentences("Mr. Tusk and Dr. Schnabel met Gen. Smith.") == ["Mr. Tusk and Dr. Schnabel met Gen. Smith."]


def test_no_followed_by_a_number_does_not_end_a_sentence():
    assert sentences("Li Zhanshu, China’s No. 3, said so.") == ["Li Zhanshu, China’s No. 3, said so."]


def test_a_dotted_abbreviation_before_a_name_does_not_end_a_sentence():
    assert len(sentences("The U.S. Federal Reserve cut rates, e.g. Japan did not.")) == 1


def test_a_dotted_abbreviation_before_a_sentence_starter_ends_the_sentence():
    assert sentences("Sanctions were imposed by the U.S. The move angered Moscow.") == [
        "Sanctions were imposed by the U.S.",
        "The move angered Moscow.",
    ]


def test_initials_do_not_end_a_sentence():
    assert len(sentences("Fed Chair Jerome H. Powell spoke, and J. R. R. Tolkien was quoted.")) == 1


def test_decimals_do_not_end_a_sentence():
    assert sentences("Inflation fell to 2.2% in August. It was 2.6% in July.") == [
        "Inflation fell to 2.2% in August.",
        "It was 2.6% in July.",
    ]


def test_a_full_stop_before_a_lower_case_word_does_not_end_a_sentence():
    assert len(sentences("Crimea too is not. never been accepted.")) == 1


def test_a_full_stop_inside_a_quote_ends_the_sentence_after_the_closing_mark():
    assert sentences("He said: “We did it.” Then he left.") == ["He said: “We did it.”", "Then he left."]


def test_a_full_stop_inside_a_quote_before_a_new_sentence_ends_it():
    assert sentences("“We are not declaring victory.” Lagarde left.") == [
        "“We are not declaring victory.”",
        "Lagarde left.",
    ]


def test_a_sentence_may_start_with_an_opening_quote():
    assert sentences("He paused. “Democracy has won,” he said.") == ["He paused.", "“Democracy has won,” he said."]


def test_an_orphan_quote_mark_stays_with_the_sentence_before_it():
    assert sentences("based on the support of any country. “\nToday, Putin") == [
        "based on the support of any country. “",
        "Today, Putin",
    ]


def test_a_lower_case_brand_name_can_start_a_sentence():
    assert sentences("Steel makers warned of job cuts. eBay sellers complained.") == [
        "Steel makers warned of job cuts.",
        "eBay sellers complained.",
    ]


def test_a_question_mark_ends_a_sentence():
    assert sentences("Will rates fall? Nobody knows.") == ["Will rates fall?", "Nobody knows."]
