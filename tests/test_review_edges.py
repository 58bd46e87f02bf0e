"""`clean review`'s rough edges, each through a real pty: editing a replacement, the context an
edit is shown in, the summary of a narrowed review, and `a` within one article."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .reviewing import ARTICLES, CLEAN, edits_of, make_out, statuses
from .test_review import Review, pexpect

US = "The U.S. envoy said: “we are are close “. Markets were calm.\n"
TWO_QUOTES = "He said: “we are close “. She said: “not yet “.\n"


@pytest.fixture
def out(tmp_path: Path) -> Path:
    return make_out(tmp_path)


def test_e_shows_the_span_and_the_proposal_before_asking(out):
    review = Review(out, env={"NO_COLOR": "1"})
    review.start()
    review.press("s")
    assert review.press("e") == "replacement?"  # a.txt #2: ' “' → '”'
    assert '  span      " “"' in review.transcript
    assert '  proposal  "”"' in review.transcript
    assert "an empty answer replaces the span with nothing; Ctrl-C cancels this edit" in review.transcript
    assert review.press("\x03") == (2, 5)
    review.press("q")
    review.finish()


class RedirectedReview(Review):
    """`clean review` with stdin from /dev/null: keys, and the replacement, come from /dev/tty,
    where there is no line editing and so nothing is typed in already."""

    def __init__(self, out: Path) -> None:
        environment = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
        environment["TERM"] = "xterm"
        argv = ["bash", "-c", 'exec "$@" < /dev/null', "bash", *CLEAN, "review", str(out)]
        self.child = pexpect.spawn(argv[0], argv[1:], env=environment, encoding="utf-8", timeout=30, dimensions=(60, 240))
        self.child.delaybeforesend = None
        self.transcript, self.rest, self.ended = "", "", False


def test_an_empty_answer_replaces_the_span_with_nothing(out):
    review = RedirectedReview(out)
    review.start()
    review.press("s")
    review.press("e")  # a.txt #2: ' “' → '”'
    review.child.send("\r")
    assert review._next() == (3, 5)
    second = edits_of(out, "a.txt")[1]
    assert (second["status"], second["replacement"], second["proposed"]) == ("accepted", "", "”")
    review.press("q")
    review.finish()


def test_ctrl_c_at_the_replacement_prompt_cancels_that_edit_only(out):
    review = Review(out)
    review.start()
    assert review.press("e") == "replacement?"
    assert review.press("\x03") == (1, 5)  # the same edit, asked again
    assert "cancelled: nothing changed" in review.transcript
    assert statuses(out, "a.txt") == ["pending", "pending", "pending"]
    assert review.press("y") == (2, 5)
    review.press("q")
    rest, status = review.finish()
    assert status == 0
    assert "reviewed 1: 1 accepted" in rest


def test_the_context_shows_the_edits_already_accepted_in_the_article(tmp_path):
    out = make_out(tmp_path, {"us.txt": US})
    review = Review(out, env={"NO_COLOR": "1"})
    review.start()
    review.press("y")  # drop the doubled "are"
    review.press("q")
    review.finish()
    assert "  The U.S. envoy said: “we are close[- “-]{+”+}." in review.transcript


def test_the_context_sentence_does_not_end_at_u_s(tmp_path):
    out = make_out(tmp_path, {"us.txt": "Officials in the U.S. said the talks would go on. . The minister agreed.\n"})
    review = Review(out, env={"NO_COLOR": "1"})
    review.start()
    review.press("q")
    review.finish()
    assert "  Officials in the U.S. said the talks would go on.[- .-] The minister agreed." in review.transcript


def test_a_narrowed_review_ends_with_the_pending_in_and_outside_its_selection(out):
    review = Review(out, "--risk", "review")
    assert review.start() == (1, 1)
    assert review.press("n") is None
    rest, _ = review.finish()
    assert "reviewed 1: 0 accepted, 1 rejected, 0 edited; 0 pending in this selection, 4 others pending" in rest


def test_a_accepts_every_remaining_edit_of_the_rule_in_this_article_and_says_so_in_its_help(tmp_path):
    out = make_out(tmp_path, {"q.txt": TWO_QUOTES, "r.txt": ARTICLES["b.txt"]})
    review = Review(out)
    assert review.start() == (1, 4)
    review.press("?")
    assert "every remaining pending edit of rule fix-quote-direction in this article" in review.transcript
    assert review.press("a") == (3, 4)  # r.txt #1: the same rule, another article
    assert statuses(out, "q.txt") == ["accepted", "accepted"]
    assert statuses(out, "r.txt") == ["pending", "pending"]
    assert "accepted 2 edits of rule fix-quote-direction in q.txt" in review.transcript
    review.press("q")
    review.finish()
