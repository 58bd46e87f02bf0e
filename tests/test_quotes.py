"""The quote-mark scanner: what each quote mark of a paragraph is."""

import pytest

from pipeline.core.text import paragraph_spans
from pipeline.stages.punctuation.quotes import Role, quoted_spans, scan, scan_paragraph

OPEN, CLOSE, APOSTROPHE = Role.OPEN, Role.CLOSE, Role.APOSTROPHE


def roles(text: str) -> list[tuple[str, Role]]:
    """(mark, role) of each quote mark the scanner reports in a one-paragraph text."""
    return [(m.char, m.role) for m in scan_paragraph(text).marks]


def quote_roles(text: str) -> list[Role]:
    """The roles of the marks that are not apostrophes."""
    return [role for _, role in roles(text) if role is not APOSTROPHE]


@pytest.mark.parametrize(
    "text",
    [
        "Russia’s move",
        "we don't know",
        "Russia‘s move",  # mistyped, still inside a word
        "the ’90s",
        "the '90s",
        "the ‘90s",
        "rock ’n’ roll",
        "rock 'n' roll",
        "the countries’ leaders",
        "the boys' toys",
        "’tis the season",
        "let 'em go",
        "at 10 o’clock",
        "he is 5'11 tall",
    ],
)
def test_apostrophe_is_never_a_quote(text):
    assert quote_roles(text) == []


def test_apostrophes_inside_a_single_quote_leave_it_open_until_its_closing_mark():
    assert roles("‘I love rock ’n’ roll in the ’90s’") == [
        ("‘", OPEN),
        ("’", APOSTROPHE),
        ("’", APOSTROPHE),
        ("’", APOSTROPHE),
        ("’", CLOSE),
    ]


def test_plural_possessive_after_an_open_single_quote_closes_it():
    assert roles("He called it ‘tout court’, twice") == [("‘", OPEN), ("’", CLOSE)]


def test_curly_quotes_open_and_close():
    assert roles("Russia and China have “found a synthesis” on fears") == [("“", OPEN), ("”", CLOSE)]


def test_single_quotes_nest_inside_double_quotes():
    assert roles("“It is a ‘synthesis’, he says”") == [("“", OPEN), ("‘", OPEN), ("’", CLOSE), ("”", CLOSE)]


def test_nested_same_mark_quotes_pair_by_depth():
    paragraph = scan_paragraph("He said “a “b” c” twice.")
    pairs = [(m.role, m.opener) for m in paragraph.marks]
    assert pairs == [(OPEN, ""), (OPEN, ""), (CLOSE, "“"), (CLOSE, "“")]
    assert paragraph.unclosed == ()


def test_straight_and_curly_double_marks_share_one_depth_counter():
    assert roles('“He said "no" twice”') == [("“", OPEN), ('"', OPEN), ('"', CLOSE), ("”", CLOSE)]


def test_straight_quote_opens_before_a_word_and_closes_after_one():
    assert roles('He said "yes", then "no".') == [('"', OPEN), ('"', CLOSE), ('"', OPEN), ('"', CLOSE)]


def test_straight_quote_with_spaces_on_both_sides_closes_an_open_quote():
    assert roles('"Hello " she said') == [('"', OPEN), ('"', CLOSE)]


def test_plural_possessive_inside_double_quotes_does_not_close_a_single_quote_opened_outside():
    assert roles("‘He said “the boys’ toys” twice’") == [
        ("‘", OPEN),
        ("“", OPEN),
        ("’", APOSTROPHE),
        ("”", CLOSE),
        ("’", CLOSE),
    ]


def test_straight_mark_closing_a_curly_quote_knows_its_opener():
    marks = scan_paragraph("‘never against each other'”").marks
    assert (marks[1].role, marks[1].opener) == (CLOSE, "‘")


@pytest.mark.parametrize(
    "text",
    [
        "the Indo-Pacific “. This was",
        "any country. “",
        "any country. “  ",
        "the region “, he said",
        "is it over “?",
    ],
)
def test_opening_mark_in_closing_position_while_quote_is_open_is_misdirected_close(text):
    assert quote_roles("“" + text)[-1] is Role.MISDIRECTED_CLOSE


def test_opening_single_mark_in_closing_position_is_misdirected_close():
    assert roles("NATO ‘tout court ‘, but") == [("‘", OPEN), ("‘", Role.MISDIRECTED_CLOSE)]


def test_opening_mark_before_a_word_opens_a_nested_quote():
    assert quote_roles("“He called it “war") == [OPEN, OPEN]


def test_closing_mark_in_opening_position_is_misdirected_open():
    assert quote_roles("”Hello,” he said") == [Role.MISDIRECTED_OPEN, CLOSE]


@pytest.mark.parametrize("text", ["by exporting technology. “", "“Hi,” he said. “", '"Hi," he said. "'])
def test_opening_mark_with_no_word_after_it_and_no_quote_open_is_orphan(text):
    paragraph = scan_paragraph(text)
    assert paragraph.marks[-1].role is Role.ORPHAN_OPEN
    assert paragraph.unclosed == ()


@pytest.mark.parametrize("text", ["He left the room.” Then", "It was 6\" long"])
def test_closing_mark_with_no_quote_open_is_orphan(text):
    assert quote_roles(text) == [Role.ORPHAN_CLOSE]


def test_quote_left_open_at_paragraph_end_is_unclosed():
    paragraph = scan_paragraph("He said: “Russia is trying to get China to speak out.")
    assert [m.char for m in paragraph.unclosed] == ["“"]


def test_single_quote_left_open_ends_with_the_double_quote_around_it():
    assert quote_roles("“He said ‘no.” Then") == [OPEN, OPEN, CLOSE]


def test_each_paragraph_is_scanned_on_its_own():
    text = "He said: “We will win.\n“The war is long,” he added.\nNo quotes here."
    paragraphs = scan(text)
    assert [(p.start, p.end) for p in paragraphs] == list(paragraph_spans(text))
    assert [len(p.unclosed) for p in paragraphs] == [1, 0, 0]
    assert [m.role for m in paragraphs[1].marks] == [OPEN, CLOSE]


def test_quote_running_over_line_breaks_of_a_hard_wrapped_paragraph_is_closed():
    text = (
        "The mayor said the bridge would reopen soon: “We will rebuild\n"
        "it before the winter, and we will not stop until the work\n"
        "is done.” The council agreed with her and voted for it.\n"
        "\n"
        "The vote was unanimous, and the work starts next week.\n"
    )
    assert [len(p.unclosed) for p in scan(text)] == [0, 0]


def test_mark_positions_are_offsets_in_their_paragraph_and_at_gives_the_offset_in_the_text():
    text = "First line.\nShe said “yes”."
    second = scan(text)[1]
    assert [m.pos for m in second.marks] == [9, 13]
    assert [text[second.at(m)] for m in second.marks] == ["“", "”"]


def test_scan_of_an_edited_text_reflects_the_edit():
    before = "One.\nHe said “yes “.\nTwo."
    after = "One.\nHe said “yes”.\nTwo."
    assert [m.role for p in scan(before) for m in p.marks][-1] is Role.MISDIRECTED_CLOSE
    assert [m.role for p in scan(after) for m in p.marks] == [OPEN, CLOSE]


# --- quotations over several lines ---------------------------------------------------


def test_a_quote_an_earlier_line_leaves_open_is_closed_by_a_later_lines_lone_closing_mark():
    first, middle, last = scan("He said: “We will win.\nThe war is long.\nWe will rebuild,” he added.")
    assert first.continues and not middle.marks
    assert last.carried == "“" and [(m.char, m.role, m.opener) for m in last.marks] == [("”", CLOSE, "“")]


def test_a_straight_mark_that_may_go_either_way_closes_a_quote_an_earlier_line_left_open():
    first, second = scan('"It used to be a sea, you know.\nYou can see it... " Tours are offered.')
    assert first.continues
    assert [m.role for m in second.marks] == [CLOSE]


def test_a_quote_is_not_carried_past_a_line_that_opens_another():
    first, second = scan("He said: “We will win.\nLater she said “no”.")
    assert not first.continues and second.carried == ""
    assert [m.role for m in second.marks] == [OPEN, CLOSE]


def test_a_mark_after_a_word_and_before_a_space_closes_an_open_quote_facing_the_wrong_way():
    assert quote_roles("He said “the tiger“ brand sells.") == [OPEN, Role.MISDIRECTED_CLOSE]


def test_quoted_spans_cover_each_quotation_and_a_quotation_running_over_lines():
    text = "He said “yes” twice.\nShe wrote: “We will win.\nWe will,” she added."
    spans = quoted_spans(text)
    assert [text[s:e] for s, e in spans] == ["“yes”", "“We will win.", "We will,”"]
