"""What stages see of an article: the text without its byte-order mark or carriage returns,
and edits made over that view mapped back onto the raw text."""

from __future__ import annotations

from pipeline.core.text import StageView
from pipeline.core.edits import Edit, apply

from .oracles import splice


def edit(start: int, end: int, replacement: str) -> Edit:
    return Edit(start, end, replacement, "r", "test", "because", "safe")


def test_view_drops_the_byte_order_mark_and_carriage_returns():
    view, _ = StageView.of("\ufeffOne.\r\nTwo.\r\n")
    assert view == "One.\nTwo.\n"


def test_edit_after_a_byte_order_mark_lands_on_the_same_characters_in_the_raw_text():
    raw = "\ufeffThe the talks."
    view, mapping = StageView.of(raw)
    [restored] = mapping.restore([edit(0, 4, "")])
    assert raw[restored.start : restored.end] == "The "


def test_edit_after_carriage_returns_lands_on_the_same_characters_in_the_raw_text():
    raw = "One.\r\nTwo.\r\nThe the talks.\r\n"
    view, mapping = StageView.of(raw)
    start = view.index("The the")
    [restored] = mapping.restore([edit(start, start + 4, "")])
    assert raw[restored.start : restored.end] == "The "


def test_line_break_an_edit_inserts_in_a_crlf_article_is_crlf():
    raw = "One.\r\nTwo. Three.\r\n"
    view, mapping = StageView.of(raw)
    at = view.index(" Three")
    restored = mapping.restore([edit(at, at + 1, "\n")])
    assert splice(raw, restored) == "One.\r\nTwo.\r\nThree.\r\n"


def test_line_break_an_edit_inserts_in_an_lf_article_stays_lf():
    raw = "One.\nTwo. Three.\n"
    view, mapping = StageView.of(raw)
    at = view.index(" Three")
    assert apply(raw, mapping.restore([edit(at, at + 1, "\n")])) == "One.\nTwo.\nThree.\n"
