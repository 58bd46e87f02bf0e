"""A long article is proposed in pieces cut at paragraph breaks (engine.pieces): its cost in
time and memory then grows with it and no faster, and each piece's edits land where they belong."""

from __future__ import annotations

from pipeline.core.edits import apply
from pipeline.engine.assembly import propose
from pipeline.engine.pieces import pieces

from .test_linear import long_article


def test_an_article_up_to_twice_the_piece_length_is_one_piece():
    text = "One paragraph.\n\nAnother one.\n" * 10
    assert list(pieces(text, size=len(text) // 2)) == [(0, text)]


def test_pieces_cover_the_text_in_order_without_a_gap():
    text = long_article(30_000)
    found = list(pieces(text, size=2_000))
    assert len(found) > 5
    assert "".join(piece for _, piece in found) == text
    assert all(text[offset : offset + len(piece)] == piece for offset, piece in found)


def test_a_piece_ends_after_a_blank_line_where_there_is_one():
    text = long_article(30_000)
    assert all(piece.endswith("\n\n") for _, piece in list(pieces(text, size=5_000))[:-1])


def test_a_text_of_one_line_is_cut_after_a_space_and_one_without_spaces_is_not_cut():
    line = "word " * 2_000
    assert all(piece.endswith(" ") for _, piece in list(pieces(line, size=1_000))[:-1])
    assert list(pieces("x" * 10_000, size=1_000)) == [(0, "x" * 10_000)]


def test_a_long_articles_edits_are_its_pieces_edits_moved_to_where_each_piece_starts(monkeypatch):
    import pipeline.engine.assembly as assembly

    text = long_article(40_000)
    monkeypatch.setattr(assembly, "pieces", lambda view: pieces(view, size=5_000))
    edits, flags = propose(text)
    expected, expected_flags = [], []
    for offset, piece in pieces(text, size=5_000):
        piece_edits, piece_flags = propose(piece)
        expected += [(e.start + offset, e.end + offset, e.replacement, e.rule) for e in piece_edits]
        expected_flags += [(f["start"] + offset, f["end"] + offset) for f in piece_flags]
    assert [(e.start, e.end, e.replacement, e.rule) for e in edits] == expected and expected
    assert [(f["start"], f["end"]) for f in flags] == expected_flags and expected_flags
    assert apply(text, edits) == "".join(apply(piece, propose(piece)[0]) for _, piece in pieces(text, size=5_000))
