"""Terminal output: messages on stdout/stderr, colour only where it helps, and a progress bar.

Colour follows click (none when not a terminal) and the NO_COLOR convention.
The progress line appears on stderr only for runs longer than a second, and
never when stderr is not a terminal.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import threading
import time
from collections.abc import Mapping, Sequence

import click

from pipeline.core.settings import PROGRESS_DELAY_S


def color() -> bool | None:
    return False if os.environ.get("NO_COLOR") else None


def plural(count: int, noun: str) -> str:
    """``1 edit``, ``2 edits``: a count with its noun."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def say(message: str = "", **style) -> None:
    click.secho(message, color=color(), **style)


def edits_by_risk(per_risk: Mapping[str, int]) -> str:
    """``28 edits (13 safe, 15 to review)``: a run's edits, as every summary counts them."""
    return f"{plural(sum(per_risk.values()), 'edit')} ({per_risk.get('safe', 0)} safe, {per_risk.get('review', 0)} to review)"


def say_per_rule(per_rule: Mapping[str, int]) -> None:
    """A run's edits per rule, most first, a line each: the end of its summary."""
    width = max((len(r) for r in per_rule), default=0)
    for rule_id, count in sorted(per_rule.items(), key=lambda kv: (-kv[1], kv[0])):
        say(f"  {rule_id:<{width}}  {count:>5}")


def warn(message: str) -> None:
    _clear_progress()
    click.secho(message, fg="yellow", err=True, color=color())


def fail(message: str) -> None:
    _clear_progress()
    click.secho(message, fg="red", err=True, color=color())


_current: list[Progress] = []  # the progress line on screen, which a message first clears


def _clear_progress() -> None:
    for progress in _current:
        progress.clear()


class Progress:
    """``with Progress(n, label, names) as p: p.advance()`` — a status line on stderr.

    Once a run has taken a second, and only where stderr is a terminal, one line is
    redrawn in place twice a second: items done of the total, the rate, the time left,
    and the item being waited for (``names[done]``: outcomes come in order) with how long
    it has taken so far, so that a single long article shows that it is still running.
    The line is cleared at the end, before the summary.
    """

    TICK_S = 0.5

    def __init__(self, total: int, label: str, names: Sequence[str] = ()) -> None:
        self.total, self.label, self.names, self.done = total, label, names, 0
        self.started = self.since = time.monotonic()
        self.shown = False
        self.enabled = sys.stderr.isatty() and total > 0
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._ticker: threading.Thread | None = None

    def __enter__(self) -> "Progress":
        if self.enabled:
            _current.append(self)
            self._ticker = threading.Thread(target=self._tick, daemon=True)
            self._ticker.start()
        return self

    def clear(self) -> None:
        """Wipe the line (it is drawn again on the next tick)."""
        with self._lock:
            if self.shown:
                with contextlib.suppress(OSError, ValueError):
                    sys.stderr.write("\r\x1b[K")
                    sys.stderr.flush()

    def advance(self, n: int = 1) -> None:
        with self._lock:
            self.done += n
            self.since = time.monotonic()
        self._draw()

    def _tick(self) -> None:
        while not self._stop.wait(self.TICK_S):
            self._draw()

    def _draw(self) -> None:
        if not self.enabled:
            return
        with self._lock:
            now = time.monotonic()
            if now - self.started < PROGRESS_DELAY_S:
                return
            width = shutil.get_terminal_size((80, 24)).columns - 1
            sys.stderr.write("\r" + self.line(now)[:width] + "\x1b[K")
            sys.stderr.flush()
            self.shown = True

    def line(self, now: float) -> str:
        """``proposing 3/10 · 1.5/s · about 5s left · big.txt for 2s``"""
        elapsed = now - self.started
        parts = [f"{self.label} {self.done}/{self.total}"]
        if self.done:
            rate = self.done / elapsed if elapsed > 0 else 0.0
            parts.append(f"{rate:.1f}/s")
            if rate > 0 and self.done < self.total:
                parts.append(f"about {_duration((self.total - self.done) / rate)} left")
        if self.done < len(self.names):
            parts.append(f"{self.names[self.done]} for {_duration(now - self.since)}")
        else:
            parts.append(_duration(elapsed))
        return " · ".join(parts)

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._ticker is not None:
            self._ticker.join()
            _current.remove(self)
        self.clear()


def _duration(seconds: float) -> str:
    """``4s``, ``2m05s``, ``1h02m``."""
    s = int(seconds)
    if s < 60:
        return f"{s}s"
    if s < 3600:
        return f"{s // 60}m{s % 60:02d}s"
    return f"{s // 3600}h{s % 3600 // 60:02d}m"
