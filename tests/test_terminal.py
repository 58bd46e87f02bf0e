"""Terminal output: the progress bar shows itself only on a terminal, after a second."""

from __future__ import annotations

import io

import pytest

from pipeline.ui import terminal


class FakeTty(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def clock(monkeypatch):
    now = [100.0]
    monkeypatch.setattr(terminal.time, "monotonic", lambda: now[0])
    return now


def test_no_progress_bar_when_stderr_is_not_a_terminal(monkeypatch, clock):
    err = io.StringIO()
    monkeypatch.setattr(terminal.sys, "stderr", err)
    with terminal.Progress(10, "proposing") as progress:
        clock[0] += 5
        progress.advance()
    assert err.getvalue() == ""


def test_no_progress_bar_for_a_run_shorter_than_a_second(monkeypatch, clock):
    err = FakeTty()
    monkeypatch.setattr(terminal.sys, "stderr", err)
    with terminal.Progress(10, "proposing") as progress:
        clock[0] += 0.5
        progress.advance()
    assert err.getvalue() == ""


def test_progress_bar_appears_on_stderr_once_a_run_passes_a_second(monkeypatch, clock):
    err = FakeTty()
    monkeypatch.setattr(terminal.sys, "stderr", err)
    with terminal.Progress(10, "proposing") as progress:
        clock[0] += 1.5
        progress.advance()
    assert "proposing" in err.getvalue()


def test_no_colour_when_no_color_is_set(monkeypatch, capsys):
    monkeypatch.setenv("NO_COLOR", "1")
    terminal.say("plain", bold=True)
    assert capsys.readouterr().out == "plain\n"


def test_progress_line_shows_done_of_total_rate_time_left_and_the_article_waited_for(monkeypatch, clock):
    err = FakeTty()
    monkeypatch.setattr(terminal.sys, "stderr", err)
    with terminal.Progress(4, "proposing", ["a.txt", "b.txt", "c.txt", "d.txt"]) as progress:
        clock[0] += 2
        progress.advance(2)
        clock[0] += 1
        assert progress.line(clock[0]) == "proposing 2/4 · 0.7/s · about 3s left · c.txt for 1s"
    assert err.getvalue().endswith("\r\x1b[K")  # the line is cleared before the summary
