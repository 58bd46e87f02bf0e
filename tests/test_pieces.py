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


def test_memory_for_a_long_article_grows_slower_than_the_article(tmp_path, monkeypatch):
    """Peak memory (Python's allocations, traced) of reading, proposing and saving an article,
    pieces of 50,000 characters: 8x the text takes at most 4x the memory. Proposed whole, the
    stages' caches and scans held copies of all of it (7.7x here; a 50 MB article peaked at
    53x its size, now 6.6x)."""
    import gc
    import tracemalloc

    import pipeline.engine.assembly as assembly
    from pipeline.inputs.article import read_article
    from pipeline.store.proposals import new_proposal, save

    monkeypatch.setattr(assembly, "pieces", lambda view: pieces(view, size=50_000))

    def peak(size: int) -> int:
        path = tmp_path / f"{size}.txt"
        path.write_text(long_article(size), encoding="utf-8")
        gc.collect()
        tracemalloc.start()
        try:
            article = read_article(path, path.name)
            edits, flags = propose(article.text)
            save(tmp_path / "out", new_proposal(article, path, edits, {}, flags), article.text, write_text=False)
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    peak(100_000)  # first use: patterns compiled, the word list loaded
    small, large = peak(200_000), peak(1_600_000)
    assert large <= 4 * small, f"{small / 1e6:.1f} MB at 200 KB, {large / 1e6:.1f} MB at 1.6 MB"
