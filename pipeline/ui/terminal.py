"""Terminal output: messages on stdout/stderr, colour only where it helps, and a progress bar.

Colour follows click (none when not a terminal) and the NO_COLOR convention.
The progress bar appears on stderr only for runs longer than a second, and
never when stderr is not a terminal.
"""

from __future__ import annotations

import os
import sys
import time

import click

from pipeline.core.settings import PROGRESS_DELAY_S


def color() -> bool | None:
    return False if os.environ.get("NO_COLOR") else None


def plural(count: int, noun: str) -> str:
    """``1 edit``, ``2 edits``: a count with its noun."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def say(message: str = "", **style) -> None:
    click.secho(message, color=color(), **style)


def warn(message: str) -> None:
    click.secho(message, fg="yellow", err=True, color=color())


def fail(message: str) -> None:
    click.secho(message, fg="red", err=True, color=color())


class Progress:
    """``with Progress(n, label) as p: p.advance()`` — a bar that shows itself after a second."""

    def __init__(self, total: int, label: str) -> None:
        self.total, self.label, self.done = total, label, 0
        self.started = time.monotonic()
        self.bar = None
        self.enabled = sys.stderr.isatty() and total > 1

    def __enter__(self) -> "Progress":
        return self

    def advance(self, n: int = 1) -> None:
        self.done += n
        if not self.enabled:
            return
        if self.bar is None and time.monotonic() - self.started >= PROGRESS_DELAY_S:
            self.bar = click.progressbar(length=self.total, label=self.label, file=sys.stderr, color=color())
            self.bar.__enter__()
            self.bar.update(self.done)
        elif self.bar is not None:
            self.bar.update(n)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
