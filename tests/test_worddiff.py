"""An edit in its context: the sentence around it, and the word-level diff the review and report show."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.core.edits import Edit
from pipeline.core.settings import CONTEXT_WINDOW as WINDOW
from pipeline.ui.worddiff import edit_diff, sentence_around, word_diff


def edit(text: str, part: str, replacement: str) -> Edit:
    """The edit replacing the first ``part`` of ``text``."""
    start = text.index(part)
    return Edit(start, start + len(part), replacement, "r", "test", "because")


def around(text: str, e: Edit) -> str:
    start, end = sentence_around(text, e)
    return text[start:end]


# sentence_around ---------------------------------------------------------------------------


def test_sentence_around_stops_at_the_full_stops_either_side():
    text = "First one. The talks went on. Last one."
    assert around(text, edit(text, "talks", "meetings")) == "The talks went on."


def test_sentence_around_keeps_the_closing_mark_and_leaves_out_the_space_after_it():
    text = "First one. Second one. Third."
    start, end = sentence_around(text, edit(text, "Second", "2nd"))
    assert text[end - 1] == "." and text[end] == " "
    assert text[start - 1] == " "


def test_sentence_around_does_not_end_a_sentence_at_an_abbreviation():
    text = "First one. Officials in the U.S. and Mr. Li said the talks went on. Last one."
    assert around(text, edit(text, "talks", "meetings")) == "Officials in the U.S. and Mr. Li said the talks went on."


def test_sentence_around_stops_at_question_and_exclamation_marks():
    text = "Why now? Because the talks stalled! Then what."
    assert around(text, edit(text, "talks", "meetings")) == "Because the talks stalled!"


def test_sentence_around_stops_at_line_breaks():
    text = "Headline without a stop\nThe talks went on\nNext paragraph"
    assert around(text, edit(text, "talks", "meetings")) == "The talks went on"


def test_sentence_around_at_the_very_start_and_end_of_the_text():
    text = "The talks went on"
    assert sentence_around(text, edit(text, "The", "A")) == (0, len(text))
    assert sentence_around(text, edit(text, "on", "off")) == (0, len(text))


def test_sentence_around_covers_every_sentence_a_long_edit_touches():
    text = "Before. One ends here. Two starts here. After."
    e = edit(text, "here. Two", "here; two")
    assert around(text, e) == "One ends here. Two starts here."


def test_a_sentence_break_inside_the_edit_does_not_cut_the_context():
    text = "It was said. They went to Moscow. . China is cautious. Later."
    e = edit(text, " .", "")
    assert around(text, e) == "They went to Moscow. . China is cautious."


def test_an_insertion_at_the_end_of_a_paragraph_shows_that_paragraph():
    text = "He said: “we are close.\nNext paragraph."
    e = Edit(text.index("\n"), text.index("\n"), "”", "r", "test", "because")
    assert around(text, e) == "He said: “we are close."


def test_a_deleted_junk_line_shows_with_the_line_after_it():
    text = "Reading time: 2 min\n–\nThe article begins here. More."
    e = edit(text, "–\n", "")
    assert around(text, e) == "–\nThe article begins here."


def test_a_sentence_longer_than_the_window_is_cut_at_a_space():
    words = " ".join(["word"] * (WINDOW // 2))
    text = f"{words} target {words}"
    start, end = sentence_around(text, edit(text, "target", "goal"))
    assert 0 < start and end < len(text)
    assert text[start - 1] == " " and text[end] == " "
    assert end - start <= 2 * WINDOW + len("target")


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(alphabet=st.sampled_from(list("ab .?!\n”“")), max_size=60),
    data=st.data(),
)
def test_sentence_around_always_contains_the_edit(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    lo, hi = sentence_around(text, Edit(start, end, "x", "r", "test", "because"))
    assert 0 <= lo <= start <= end <= hi <= len(text)


# word_diff ---------------------------------------------------------------------------------


def test_word_diff_of_equal_texts_is_one_equal_piece():
    assert word_diff("The talks went on.", "The talks went on.") == [("equal", "The talks went on.")]


def test_word_diff_of_nothing_is_empty():
    assert word_diff("", "") == []


def test_word_diff_from_nothing_is_one_insertion_and_to_nothing_one_deletion():
    assert word_diff("", "new words") == [("insert", "new words")]
    assert word_diff("old words", "") == [("delete", "old words")]


def test_a_changed_quote_mark_is_a_change_of_just_that_mark():
    assert word_diff("we are close “.", "we are close”.") == [
        ("equal", "we are close"),
        ("delete", " “"),
        ("insert", "”"),
        ("equal", "."),
    ]


def test_a_changed_word_is_replaced_whole():
    assert word_diff("the talks went on", "the meetings went on") == [
        ("equal", "the "),
        ("delete", "talks"),
        ("insert", "meetings"),
        ("equal", " went on"),
    ]


def test_words_changed_on_both_sides_of_one_space_read_as_one_replacement():
    assert word_diff("the cat sat", "a dog sat") == [("delete", "the cat"), ("insert", "a dog"), ("equal", " sat")]


def test_a_dropped_doubled_word_is_one_deletion():
    assert word_diff("safeguard the the interests", "safeguard the interests") == [
        ("equal", "safeguard the "),
        ("delete", "the "),
        ("equal", "interests"),
    ]


def test_words_with_apostrophes_and_hyphens_are_single_words():
    assert word_diff("Putin’s Xi-Putin meeting", "Putin’s Xi-Putin talks") == [
        ("equal", "Putin’s Xi-Putin "),
        ("delete", "meeting"),
        ("insert", "talks"),
    ]


SENTENCES = st.text(alphabet=st.sampled_from(list("ab c.“”\n")), max_size=40)


@settings(max_examples=300, deadline=None)
@given(before=SENTENCES, after=SENTENCES)
def test_equal_and_deleted_pieces_join_back_into_the_text_before(before, after):
    assert "".join(text for op, text in word_diff(before, after) if op != "insert") == before


@settings(max_examples=300, deadline=None)
@given(before=SENTENCES, after=SENTENCES)
def test_equal_and_inserted_pieces_join_back_into_the_text_after(before, after):
    assert "".join(text for op, text in word_diff(before, after) if op != "delete") == after


@settings(max_examples=300, deadline=None)
@given(before=SENTENCES, after=SENTENCES)
def test_pieces_are_never_empty_and_neighbours_never_share_an_op(before, after):
    pieces = word_diff(before, after)
    assert all(text for _, text in pieces)
    assert all(a[0] != b[0] for a, b in zip(pieces, pieces[1:]))


@settings(max_examples=300, deadline=None)
@given(before=SENTENCES, after=SENTENCES)
def test_within_a_change_the_deletion_comes_before_the_insertion(before, after):
    ops = [op for op, _ in word_diff(before, after)]
    assert all((a, b) != ("insert", "delete") for a, b in zip(ops, ops[1:]))


# edit_diff ---------------------------------------------------------------------------------


def test_edit_diff_shows_the_edit_inside_its_sentence_only():
    text = "Earlier. He wanted to protect the interests. through dialogue. Later."
    e = edit(text, ". through", " through")
    assert edit_diff(text, e) == [
        ("equal", "He wanted to protect the interests"),
        ("delete", "."),
        ("equal", " through dialogue."),
    ]


def test_edit_diff_draws_a_change_that_could_sit_in_two_places_where_the_edit_is():
    text = "The talks would go on. . The minister spoke."
    e = Edit(text.index(" ."), text.index(" .") + 2, "", "r", "test", "because")
    assert edit_diff(text, e) == [
        ("equal", "The talks would go on."),
        ("delete", " ."),
        ("equal", " The minister spoke."),
    ]


def test_edit_diff_of_a_change_inside_a_word_shows_the_whole_word():
    text = "They protect the interets of all."
    at = text.index("ets")
    e = Edit(at + 1, at + 1, "s", "r", "test", "because")
    assert edit_diff(text, e) == [
        ("equal", "They protect the "),
        ("delete", "interets"),
        ("insert", "interests"),
        ("equal", " of all."),
    ]


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(alphabet=st.sampled_from(list("ab .?!\n”“")), max_size=60),
    replacement=st.text(alphabet=st.sampled_from(list("ab .”")), max_size=5),
    data=st.data(),
)
def test_edit_diff_joins_back_into_the_sentence_before_and_after_the_edit(text, replacement, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    e = Edit(start, end, replacement, "r", "test", "because")
    lo, hi = sentence_around(text, e)
    pieces = edit_diff(text, e)
    assert "".join(t for op, t in pieces if op != "insert") == text[lo:hi]
    assert "".join(t for op, t in pieces if op != "delete") == text[lo:start] + replacement + text[end:hi]
    assert all(a[0] != b[0] for a, b in zip(pieces, pieces[1:]))
