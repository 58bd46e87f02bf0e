"""Flagged sentences as part of `clean review`: shown after their article's edits, marked seen,
or rewritten as an accepted manual edit that survives re-runs of `clean RAW OUT`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.ui.cli import main
from pipeline.ui.status import status_command

from .reviewing import edits_of, make_out
from .test_review import PROMPT, Review, pexpect

FLAG_PROMPT = re.compile(r"\((\d+)/(\d+)\) Flagged sentence: mark it seen \[y,e,s,u,q,\?\]\? ")
SENTENCE = "The article noted that these two Countries have made progress."
GARBLED = f"{SENTENCE} Markets were calm.\n"
DOUBLED = "The article noted that these two Countries have have made progress. Markets were calm.\n"


class FlagReview(Review):
    """`clean review` in a pty, telling an edit's prompt from a flagged sentence's."""

    def _next(self):
        found = self.child.expect([PROMPT, FLAG_PROMPT, "new replacement: ", pexpect.EOF])
        self.transcript += self.child.before + (self.child.after if found < 3 else "")
        if found in (0, 1):
            where = int(self.child.match.group(1)), int(self.child.match.group(2))
            return ("flag", *where) if found == 1 else where
        if found == 2:
            return "replacement?"
        self.rest = self.child.before
        self.ended = True
        return None


def flags_of(out: Path, rel: str) -> list[dict]:
    import json

    return json.loads((out / f"{rel}.edits.json").read_text(encoding="utf-8"))["flags"]


@pytest.fixture
def out(tmp_path: Path) -> Path:
    return make_out(tmp_path, {"g.txt": GARBLED})


def rerun(out: Path, text: str | None = None) -> str:
    """`clean RAW OUT` again, after writing ``text`` to RAW/g.txt when given."""
    raw = out.parent / "raw"
    if text is not None:
        (raw / "g.txt").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, [str(raw), str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_the_run_summary_counts_flagged_sentences(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "g.txt").write_text(GARBLED, encoding="utf-8")
    result = CliRunner().invoke(main, [str(raw), str(tmp_path / "out")], catch_exceptions=False)
    assert "1 sentence flagged for a person (see clean review" in result.output


def test_status_counts_flagged_sentences_still_open(out):
    result = CliRunner().invoke(status_command, [str(out)])
    assert "1 sentence flagged for a person (see clean review" in result.output


def test_a_flagged_sentence_is_shown_with_its_reasons(out):
    review = FlagReview(out, env={"NO_COLOR": "1"})
    assert review.start() == ("flag", 1, 1)
    assert "g.txt  flagged sentence 1/1  (line 1)" in review.transcript
    assert f"  {SENTENCE}" in review.transcript
    assert "capitalised common noun mid-sentence (`Countries`)" in review.transcript
    review.press("q")
    review.finish()


def test_y_marks_a_flagged_sentence_seen_and_it_is_not_shown_again(out):
    review = FlagReview(out)
    review.start()
    assert review.press("y") is None
    rest, status = review.finish()
    assert status == 0
    assert "1 flagged seen" in rest
    assert flags_of(out, "g.txt")[0]["seen"] is True
    again = FlagReview(out)
    assert again.start() is None
    assert "nothing to review" in again.finish()[0]
    assert "flagged" not in CliRunner().invoke(status_command, [str(out)]).output


def test_e_writes_the_sentence_as_an_accepted_manual_edit(out):
    review = FlagReview(out)
    review.start()
    assert review.press("e") == "replacement?"
    assert review.type("These two countries have made progress.") is None
    review.finish()
    (manual,) = edits_of(out, "g.txt")
    assert (manual["rule"], manual["stage"], manual["risk"], manual["status"]) == ("manual", "review", "review", "accepted")
    assert (manual["start"], manual["end"], manual["original"]) == (0, len(SENTENCE), SENTENCE)
    assert (out / "g.txt").read_text(encoding="utf-8") == "These two countries have made progress. Markets were calm.\n"
    assert "+These two countries have made progress. Markets were calm." in (out / "g.txt.diff").read_text(encoding="utf-8")


def test_a_manual_edit_drops_the_proposals_it_overlaps(tmp_path):
    out = make_out(tmp_path, {"g.txt": DOUBLED})
    review = FlagReview(out)
    assert review.start() == (1, 2)  # the doubled word first, then the flagged sentence
    assert review.press("s") == ("flag", 2, 2)
    review.press("e")
    review.type("These two countries have made progress.")
    rest, _ = review.finish()
    assert [e["rule"] for e in edits_of(out, "g.txt")] == ["manual"]
    assert "; 0 pending" in rest


def test_undo_puts_a_rewritten_sentence_and_the_proposals_it_dropped_back(tmp_path):
    out = make_out(tmp_path, {"g.txt": DOUBLED, "h.txt": "Later, the envoy said: “talks go on “.\n"})
    review = FlagReview(out)
    assert review.start() == (1, 3)
    assert review.press("s") == ("flag", 2, 3)
    review.press("e")
    assert review.type("Two countries made progress.") == (3, 3)
    assert [e["rule"] for e in edits_of(out, "g.txt")] == ["manual"]
    assert review.press("u") == ("flag", 2, 3)
    assert [(e["rule"], e["status"]) for e in edits_of(out, "g.txt")] == [("drop-doubled-word", "pending")]
    assert not flags_of(out, "g.txt")[0].get("seen")
    assert not (out / "g.txt").read_text(encoding="utf-8").startswith("Two countries")
    review.press("q")
    review.finish()


def test_a_manual_edit_survives_a_re_run_where_its_sentence_is_still_there(out):
    review = FlagReview(out)
    review.start()
    review.press("e")
    review.type("These two countries have made progress.")
    review.finish()
    rerun(out, "A new first line.\n" + GARBLED)
    manual = [e for e in edits_of(out, "g.txt") if e["rule"] == "manual"]
    assert [(m["original"], m["replacement"], m["status"]) for m in manual] == [
        (SENTENCE, "These two countries have made progress.", "accepted")
    ]
    assert (out / "g.txt").read_text(encoding="utf-8").endswith("These two countries have made progress. Markets were calm.\n")
    assert FlagReview(out).start() is None  # the flag is seen: not asked again


def test_a_manual_edit_wins_over_proposals_a_re_run_makes_over_its_sentence(tmp_path):
    out = make_out(tmp_path, {"g.txt": DOUBLED})
    review = FlagReview(out)
    review.start()
    review.press("s")
    review.press("e")
    review.type("These two countries have made progress.")
    review.finish()
    rerun(out, "A new first line.\n" + DOUBLED)  # the doubled word is proposed again, inside it
    assert [(e["rule"], e["status"]) for e in edits_of(out, "g.txt")] == [("manual", "accepted")]
    assert (out / "g.txt").read_text(encoding="utf-8") == (
        "A new first line.\nThese two countries have made progress. Markets were calm.\n"
    )


def test_a_manual_edit_is_dropped_without_a_crash_when_its_sentence_is_gone(out):
    review = FlagReview(out)
    review.start()
    review.press("e")
    review.type("These two countries have made progress.")
    review.finish()
    rerun(out, "Markets were calm on Monday.\n")
    assert [e for e in edits_of(out, "g.txt") if e["rule"] == "manual"] == []
    assert (out / "g.txt").read_text(encoding="utf-8") == "Markets were calm on Monday.\n"
