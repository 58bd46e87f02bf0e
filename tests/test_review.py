"""`clean review`: a whole review driven through a real pseudo-terminal, key by key.

Each test spawns `clean review OUT` in a pty (pexpect), answers the prompts, and checks
what OUT holds: every decision is in OUT/<rel>.edits.json and OUT/<rel> the moment it is made.
"""

from __future__ import annotations

import fcntl
import os
import re
import signal
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.ui.keyboard import escape, unescape
from pipeline.ui.review import review_command

from .reviewing import ARTICLES, CLEAN, edits_of, make_out, statuses

pexpect = pytest.importorskip("pexpect", reason="pexpect drives the review through a pty: pip install -e '.[test]'")

PROMPT = re.compile(r"\((\d+)/(\d+)\) Accept this edit \[y,n,e,s,a,u,q,\?\]\? ")
ANSI = "\x1b["
RAW_A, RAW_B = ARTICLES["a.txt"], ARTICLES["b.txt"]


@pytest.fixture
def out(tmp_path: Path) -> Path:
    return make_out(tmp_path)


class Review:
    """`clean review` running in a pty.

    ``press`` sends one key and waits for what follows it (the next prompt, the replacement
    prompt, or the end), so that the decision has been written when it returns.
    """

    def __init__(
        self, out: Path, *args: str, env: dict | None = None, pipe_stdout: bool = False, sigint_ignored: bool = False
    ) -> None:
        environment = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
        environment["TERM"] = "xterm"
        environment.update(env or {})
        argv = [*CLEAN, "review", str(out), *args]
        if pipe_stdout:  # stdout a pipe, stdin still the terminal
            argv = ["bash", "-c", 'exec "$@" | cat', "bash", *argv]
        if sigint_ignored:  # started as a script's background job is: SIGINT ignored
            argv = ["bash", "-c", 'trap "" INT; exec "$@"', "bash", *argv]
        self.child = pexpect.spawn(
            argv[0], argv[1:], env=environment, encoding="utf-8", timeout=30, dimensions=(60, 240)
        )
        self.child.delaybeforesend = None  # each key waits for its prompt: no need to pause
        self.transcript = ""
        self.rest = ""  # what came after the last prompt, once it ended
        self.ended = False

    def _next(self):
        found = self.child.expect([PROMPT, "new replacement: ", pexpect.EOF])
        self.transcript += self.child.before + (self.child.after if found < 2 else "")
        if found == 0:
            return int(self.child.match.group(1)), int(self.child.match.group(2))
        if found == 1:
            return "replacement?"
        self.rest = self.child.before
        self.ended = True
        return None

    def start(self) -> tuple[int, int] | None:
        """Wait for the first prompt; returns its (position, total), None if it ended at once."""
        return self._next()

    def press(self, key: str):
        """Press ``key``; returns the next prompt's (position, total), or None when it ended."""
        self.child.send(key)
        return self._next()

    def type(self, replacement: str):
        """At the replacement prompt: wipe the current one (Ctrl-U), type ``replacement``, Enter."""
        self.child.send("\x15" + replacement + "\r")
        return self._next()

    def finish(self) -> tuple[str, int]:
        """Wait for the end; returns what came after the last prompt and the exit status."""
        if not self.ended:
            self.child.expect(pexpect.EOF)
            self.transcript += self.child.before
            self.rest = self.child.before
            self.ended = True
        self.child.close()
        return self.rest, self.child.exitstatus


def text_of(out: Path, rel: str) -> str:
    return (out / rel).read_text(encoding="utf-8")


def test_a_whole_review_accept_reject_edit_quit_then_resume_and_finish(out):
    review = Review(out)
    assert review.start() == (1, 5)
    assert review.press("y") == (2, 5)  # a.txt #1: drop the doubled full stop
    assert statuses(out, "a.txt") == ["accepted", "pending", "pending"]
    assert text_of(out, "a.txt") == RAW_A.replace("go on. . The", "go on. The")

    assert review.press("n") == (3, 5)  # a.txt #2: the quote mark stays as it is
    assert statuses(out, "a.txt") == ["accepted", "rejected", "pending"]
    assert text_of(out, "a.txt") == RAW_A.replace("go on. . The", "go on. The")

    assert review.press("e") == "replacement?"  # a.txt #3: the reviewer writes their own
    assert review.type(",") == (4, 5)
    third = edits_of(out, "a.txt")[2]
    assert (third["status"], third["replacement"], third["proposed"]) == ("accepted", ",", "")
    assert text_of(out, "a.txt") == RAW_A.replace("go on. . The", "go on. The").replace(
        "interests. through", "interests, through"
    )

    assert review.press("q") is None
    rest, status = review.finish()
    assert status == 0
    assert "reviewed 3: 1 accepted, 1 rejected, 1 edited; 2 pending" in rest
    assert statuses(out, "b.txt") == ["pending", "pending"]
    assert not (out / "b.txt").exists()

    again = Review(out)
    assert again.start() == (1, 2)  # resumes with the edits still pending: b.txt's
    assert "b.txt  edit 1/2  (#1, line 1)" in again.transcript
    assert again.press("y") == (2, 2)
    assert again.press("y") is None
    rest, status = again.finish()
    assert status == 0
    assert "reviewed 2: 2 accepted, 0 rejected, 0 edited; 0 pending" in rest
    assert statuses(out, "a.txt") == ["accepted", "rejected", "accepted"]
    assert statuses(out, "b.txt") == ["accepted", "accepted"]
    assert text_of(out, "b.txt") == RAW_B.replace("on “.", "on”.").replace("Moscow. . Then", "Moscow. Then")


def test_each_edit_shows_its_article_progress_sentence_rule_reason_and_risk(out):
    review = Review(out, env={"NO_COLOR": "1"})
    review.start()
    review.press("q")
    review.finish()
    screen = review.transcript
    assert "a.txt  edit 1/5  (#1, line 1)" in screen
    assert "  Officials said the talks would go on.[- .-] The minister added: “we are close “." in screen
    assert "  rule    drop-doubled-full-stop  (punctuation)" in screen
    assert "  reason  " in screen
    assert "  risk    safe" in screen


def test_skip_leaves_the_edit_pending_and_shows_the_next(out):
    review = Review(out)
    review.start()
    assert review.press("s") == (2, 5)
    assert statuses(out, "a.txt") == ["pending", "pending", "pending"]
    review.press("q")
    review.finish()


def test_undo_puts_the_last_decision_back_to_pending_and_shows_that_edit_again(out):
    review = Review(out)
    review.start()
    review.press("y")
    assert review.press("u") == (1, 5)
    assert statuses(out, "a.txt")[0] == "pending"
    assert text_of(out, "a.txt") == RAW_A
    review.press("q")
    rest, _ = review.finish()
    assert "reviewed 0: 0 accepted, 0 rejected, 0 edited; 5 pending" in rest


def test_undo_of_an_edited_replacement_restores_the_stage_replacement(out):
    review = Review(out)
    review.start()
    review.press("s")
    review.press("s")
    review.press("e")
    review.type(";")
    assert edits_of(out, "a.txt")[2]["replacement"] == ";"
    assert review.press("u") == (3, 5)
    third = edits_of(out, "a.txt")[2]
    assert (third["status"], third["replacement"], "proposed" in third) == ("pending", "", False)
    assert text_of(out, "a.txt") == RAW_A
    review.press("q")
    review.finish()


def test_undo_with_nothing_decided_says_so_and_stays(out):
    review = Review(out)
    review.start()
    assert review.press("u") == (1, 5)
    assert "nothing to undo" in review.transcript
    review.press("q")
    review.finish()


def test_undo_in_a_new_review_returns_the_last_decision_in_out_to_pending_and_shows_it(out, run_cli):
    run_cli("reject", out, "--edit", "a.txt:2")
    run_cli("accept", out, "--edit", "b.txt:1")  # the most recent decision
    review = Review(out, env={"NO_COLOR": "1"})
    assert review.start() == (1, 3)
    assert review.press("u") == (1, 4)
    assert "undid accepted b.txt #1 (decided before this review); back to pending" in review.transcript
    assert "b.txt  edit 1/4  (#1, line 1)" in review.transcript
    assert statuses(out, "b.txt") == ["pending", "pending"]
    assert text_of(out, "b.txt") == RAW_B
    assert review.press("u") == (1, 5)  # and the one before it
    assert "undid rejected a.txt #2 (decided before this review)" in review.transcript
    assert statuses(out, "a.txt") == ["pending", "pending", "pending"]
    review.press("q")
    review.finish()


def test_undo_past_this_reviews_decisions_reaches_the_ones_made_before_it(out, run_cli):
    run_cli("reject", out, "--edit", "a.txt:2")
    review = Review(out, env={"NO_COLOR": "1"})
    assert review.start() == (1, 4)
    assert review.press("y") == (2, 4)
    assert review.press("u") == (1, 4)  # this review's own decision first
    assert statuses(out, "a.txt") == ["pending", "rejected", "pending"]
    assert review.press("u") == (1, 5)  # at the first item: the decision made before
    assert "a.txt  edit 1/5  (#2, line 1)" in review.transcript
    assert statuses(out, "a.txt") == ["pending", "pending", "pending"]
    assert review.press("y") == (2, 5)
    assert statuses(out, "a.txt") == ["pending", "accepted", "pending"]
    review.press("q")
    review.finish()
    assert [h["status"] for h in edits_of(out, "a.txt")[1]["history"]] == ["rejected", "pending", "accepted"]


def test_editing_to_the_proposed_replacement_is_a_plain_accept(out):
    review = Review(out)
    review.start()
    review.press("e")
    review.type("")  # a.txt #1 proposes to drop " ." : the empty replacement
    review.press("q")
    rest, _ = review.finish()
    first = edits_of(out, "a.txt")[0]
    assert (first["status"], first["replacement"], "proposed" in first) == ("accepted", "", False)
    assert "reviewed 1: 1 accepted, 0 rejected, 0 edited" in rest


def test_a_accepts_the_remaining_edits_of_that_rule_in_this_article_only(out):
    review = Review(out)
    review.start()
    review.press("s")  # a.txt #1
    assert review.press("a") == (3, 5)  # a.txt #2, fix-quote-direction: b.txt #1 is not touched
    assert "accepted 1 edit of rule fix-quote-direction in a.txt" in review.transcript
    assert statuses(out, "a.txt") == ["pending", "accepted", "pending"]
    assert statuses(out, "b.txt") == ["pending", "pending"]
    assert review.press("s") == (4, 5)  # b.txt #1, of the same rule, is still asked
    review.press("q")
    rest, _ = review.finish()
    assert "reviewed 1: 1 accepted, 0 rejected, 0 edited; 4 pending" in rest


def test_undo_after_a_puts_every_edit_it_accepted_back_to_pending(out):
    review = Review(out)
    review.start()
    review.press("s")
    review.press("a")
    assert review.press("u") == (2, 5)
    assert statuses(out, "a.txt") == ["pending", "pending", "pending"]
    assert statuses(out, "b.txt") == ["pending", "pending"]
    review.press("q")
    review.finish()


def test_keys_typed_ahead_while_an_edit_is_saved_are_not_lost(out):
    review = Review(out)
    review.start()
    review.child.send("yyn")  # all at once, before the next edits are shown
    while (where := review._next()) != (4, 5):
        assert where is not None
    assert statuses(out, "a.txt") == ["accepted", "accepted", "rejected"]
    review.press("q")
    review.finish()


def test_ctrl_c_mid_review_keeps_every_decision_made_before_it(out):
    review = Review(out)
    review.start()
    review.press("y")
    review.press("n")
    assert review.press("\x03") is None
    rest, status = review.finish()
    assert status == 130
    assert "reviewed 2: 1 accepted, 1 rejected, 0 edited; 3 pending" in rest
    assert statuses(out, "a.txt") == ["accepted", "rejected", "pending"]
    assert text_of(out, "a.txt") == RAW_A.replace("go on. . The", "go on. The")
    again = Review(out)
    assert again.start() == (1, 3)  # the next review starts at the next edit
    again.press("q")
    again.finish()


def test_ctrl_c_stops_a_review_started_with_interrupts_ignored(out):
    review = Review(out, sigint_ignored=True)
    review.start()
    review.press("y")
    assert review.press("\x03") is None
    rest, status = review.finish()
    assert status == 130
    assert statuses(out, "a.txt") == ["accepted", "pending", "pending"]


def test_an_interrupt_signal_mid_review_keeps_every_decision_made_before_it(out):
    review = Review(out)
    review.start()
    review.press("y")
    review.child.kill(signal.SIGINT)
    _, status = review.finish()
    assert status == 130
    assert statuses(out, "a.txt") == ["accepted", "pending", "pending"]


def test_other_keys_print_the_help_and_ask_again(out):
    review = Review(out)
    review.start()
    assert review.press("?") == (1, 5)
    assert review.press("x") == (1, 5)
    review.press("q")
    review.finish()
    assert review.transcript.count("u - undo the last decision") == 2


def test_rule_option_reviews_only_that_rule(out):
    review = Review(out, "--rule", "fix-quote-direction")
    assert review.start() == (1, 2)
    review.press("y")
    assert review.press("y") is None
    review.finish()
    assert statuses(out, "a.txt") == ["pending", "accepted", "pending"]
    assert statuses(out, "b.txt") == ["accepted", "pending"]


def test_risk_option_and_article_names_narrow_the_review(out):
    review = Review(out, "a.txt", "--risk", "review")
    assert review.start() == (1, 1)
    assert review.press("n") is None
    rest, _ = review.finish()
    assert statuses(out, "a.txt") == ["pending", "pending", "rejected"]
    assert "reviewed 1: 0 accepted, 1 rejected, 0 edited; 0 pending" in rest


def test_with_nothing_pending_it_says_so_and_ends(out, run_cli):
    run_cli("accept", out)
    review = Review(out)
    assert review.start() is None
    rest, status = review.finish()
    assert status == 0
    assert "nothing to review" in rest
    assert "reviewed 0: 0 accepted, 0 rejected, 0 edited; 0 pending" in rest


def test_out_is_locked_for_the_whole_session(out):
    review = Review(out)
    review.start()
    with open(out / ".mtclean" / "lock", "r+") as handle:
        with pytest.raises(BlockingIOError):
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    review.press("q")
    review.finish()
    with open(out / ".mtclean" / "lock", "r+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)


def test_in_a_terminal_the_diff_is_coloured(out):
    review = Review(out)
    review.start()
    review.press("q")
    review.finish()
    assert "go on.\x1b[31m\x1b[9m .\x1b[0m The" in review.transcript  # red, struck through
    assert "[- .-]" not in review.transcript


def test_no_color_gives_plain_text_without_escape_codes(out):
    review = Review(out, env={"NO_COLOR": "1"})
    review.start()
    review.press("y")
    review.press("s")
    review.press("q")
    review.finish()
    assert ANSI not in review.transcript
    assert "we are close[- “-]{+”+}." in review.transcript


def test_stdout_not_a_terminal_gives_plain_text_without_escape_codes(out):
    review = Review(out, pipe_stdout=True)
    review.start()
    review.press("n")
    review.press("q")
    _, status = review.finish()
    assert status == 0
    assert ANSI not in review.transcript
    assert "go on.[- .-] The" in review.transcript
    assert statuses(out, "a.txt")[0] == "rejected"


def test_without_a_terminal_it_says_it_needs_one_and_changes_nothing(out):
    result = subprocess.run(
        [*CLEAN, "review", str(out)],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        start_new_session=True,  # no controlling terminal either
        timeout=60,
    )
    assert result.returncode == 2
    assert "reads keys from a terminal" in result.stderr
    assert statuses(out, "a.txt") == ["pending", "pending", "pending"]


def test_help_shows_an_example():
    result = CliRunner().invoke(review_command, ["--help"])
    assert result.exit_code == 0
    assert "Example:\n    clean review cleaned/" in result.output


def test_missing_out_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(review_command, [str(tmp_path / "nowhere")])
    assert result.exit_code == 2


def test_an_article_without_a_proposal_is_a_usage_error(out):
    result = CliRunner().invoke(review_command, [str(out), "nope.txt"])
    assert result.exit_code == 2
    assert "no proposal for 'nope.txt'" in result.output


@pytest.mark.parametrize("text", ["", "plain", "a\\b", "line\nbreak", "tab\there", "\\n literal", "cr\r\n"])
def test_a_replacement_survives_being_escaped_onto_one_line_and_back(text):
    line = escape(text)
    assert "\n" not in line and "\r" not in line and "\t" not in line
    assert unescape(line) == text
