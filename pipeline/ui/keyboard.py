"""The keyboard for `clean review`: one key at a time, and a line when editing a replacement.

A replacement is edited as one line, so its line breaks, carriage returns, tabs and
backslashes are written as escapes (``escape``) and read back (``unescape``).
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import sys
import termios
import threading
import tty
from typing import Iterator

import click

_ESCAPES = {"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_UNESCAPES = {"\\": "\\", "n": "\n", "r": "\r", "t": "\t"}


def escape(text: str) -> str:
    """A replacement as one editable line: backslash, line break, carriage return, tab escaped."""
    return re.sub(r"[\\\n\r\t]", lambda m: _ESCAPES[m.group()], text)


def unescape(line: str) -> str:
    """The inverse of :func:`escape`; an unknown escape such as ``\\q`` is kept as typed."""
    return re.sub(r"\\(.)", lambda m: _UNESCAPES.get(m.group(1), m.group()), line)


class Keyboard:
    """The keyboard for a review: single key presses, and a line when editing a replacement.

    The terminal stays in cbreak mode (no line buffering, no echo; Ctrl-C and Ctrl-Z still
    work) for the whole session, not only around each key as with ``click.getchar()``: that
    switches modes with TCSAFLUSH, which throws away keys typed while the previous decision
    was being saved. Keys come from stdin, or from /dev/tty when stdin is redirected.
    """

    def __init__(self) -> None:
        self.file = None
        try:
            if sys.stdin.isatty():
                self.fd = sys.stdin.fileno()
            else:
                self.file = open("/dev/tty", "rb", buffering=0)
                self.fd = self.file.fileno()
            self.saved = termios.tcgetattr(self.fd)
        except (OSError, termios.error) as exc:
            reason = exc.strerror if isinstance(exc, OSError) else str(exc)
            raise click.UsageError(
                f"`clean review` reads keys from a terminal, and there is none ({reason});"
                " use `clean accept` / `clean reject` instead."
            ) from None
        self.ahead = ""
        self.handlers: dict[int, object] = {}

    def __enter__(self) -> "Keyboard":
        if threading.current_thread() is threading.main_thread():
            self.handlers[signal.SIGCONT] = signal.signal(signal.SIGCONT, lambda *_: self.keys_mode())
            self.handlers[signal.SIGTERM] = signal.signal(signal.SIGTERM, lambda *_: sys.exit(128 + signal.SIGTERM))
            # Ctrl-C stops the session (as KeyboardInterrupt) even in a process started with
            # SIGINT ignored, as a script's background job is: the keys are a person's.
            self.handlers[signal.SIGINT] = signal.signal(signal.SIGINT, signal.default_int_handler)
        self.keys_mode()
        return self

    def __exit__(self, *exc: object) -> None:
        termios.tcsetattr(self.fd, termios.TCSADRAIN, self.saved)
        for signum, handler in self.handlers.items():
            signal.signal(signum, handler)  # type: ignore[arg-type]
        if self.file is not None:
            self.file.close()

    def keys_mode(self) -> None:
        with contextlib.suppress(termios.error):  # SIGCONT while in the background
            tty.setcbreak(self.fd, termios.TCSANOW)

    @contextlib.contextmanager
    def line_mode(self) -> Iterator[None]:
        termios.tcsetattr(self.fd, termios.TCSANOW, self.saved)
        try:
            yield
        finally:
            self.keys_mode()

    def key(self) -> str:
        """The next key pressed (keys typed ahead are kept); Ctrl-C and Ctrl-D raise."""
        if not self.ahead:
            chunk = os.read(self.fd, 64).decode("utf-8", "replace")
            if not chunk:
                raise EOFError
            if chunk.startswith("\x1b"):  # an arrow or function key: not one of ours
                return chunk
            self.ahead = chunk
        key, self.ahead = self.ahead[0], self.ahead[1:]
        if key == "\x03":
            raise KeyboardInterrupt
        if key == "\x04":
            raise EOFError
        return key

    def replacement(self, current: str) -> str:
        """Read a new replacement, the current one typed in already for editing where possible.
        An empty answer is the empty replacement; Ctrl-C raises KeyboardInterrupt."""
        shown = escape(current)
        with self.line_mode():
            if self.file is not None:  # keys come from /dev/tty: no line editing there
                click.echo("  new replacement: ", nl=False)
                line = self.file.readline()
                if not line:
                    raise EOFError
                return unescape(line.decode("utf-8", "replace").rstrip("\r\n"))
            try:
                import readline
            except ImportError:  # no line editing: the current one was shown above
                return unescape(input("  new replacement: "))
            readline.set_startup_hook(lambda: readline.insert_text(shown))
            try:
                return unescape(input("  new replacement: "))
            finally:
                readline.set_startup_hook(None)
