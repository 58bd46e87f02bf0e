"""Writing OUT so that a crash never leaves it half written, and one writer at a time.

A single file is written to a temporary name and renamed into place (``write_atomic``).
An article's files, which must agree with each other, are written together: each to a
temporary file, then a journal naming them all, then the renames (``write_together``);
a run killed after the journal is rolled forward by ``recover``, one killed before it
leaves only temporary files, which ``recover`` removes. A `clean` that writes holds
OUT's lock (``locked``) while it does.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import tempfile
from pathlib import Path
from typing import IO, Callable, Iterator

from pipeline.store.layout import STATE_DIR

_UMASK = os.umask(0)
os.umask(_UMASK)
FILE_MODE = 0o666 & ~_UMASK  # what open() would give; mkstemp alone gives 0600


@contextlib.contextmanager
def atomic_writer(path: Path) -> Iterator[IO[bytes]]:
    """A file to write ``path`` through (streamed, if need be): a temporary file, renamed into
    place when the block ends and removed if it fails, so a reader sees the old file or the new."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, FILE_MODE)
        with os.fdopen(fd, "wb") as handle:
            yield handle
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file and a rename."""
    with atomic_writer(path) as handle:
        handle.write(data)


def json_bytes(body: str) -> bytes:
    """JSON as UTF-8; a file name that is not UTF-8 (surrogates) as ``\\udcXX`` escapes,
    which JSON reads back as the same name."""
    return body.encode("utf-8", "backslashreplace")


def write_if_changed(path: Path, data: bytes) -> None:
    """``write_atomic``, skipped when ``path`` already holds ``data``: its modification time then
    stays, so a re-run's size-and-time check sees the file unchanged."""
    try:
        if path.read_bytes() == data:
            return
    except OSError:
        pass
    write_atomic(path, data)


def write_together(out: Path, files: dict[Path, bytes]) -> None:
    """Write several files so that after a crash and ``recover`` either all or none are new."""
    tmp_dir = out / STATE_DIR / "tmp"
    journal_dir = out / STATE_DIR / "journal"
    tmp_dir.mkdir(parents=True, exist_ok=True)
    journal_dir.mkdir(parents=True, exist_ok=True)
    moves = []
    for target, data in files.items():
        fd, tmp = tempfile.mkstemp(dir=tmp_dir, suffix=".tmp")
        os.fchmod(fd, FILE_MODE)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        moves.append((tmp, str(target)))
    fd, journal = tempfile.mkstemp(dir=journal_dir, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(moves, handle)
    final = journal[: -len(".tmp")] + ".json"
    os.replace(journal, final)  # from here on the write counts as made
    _roll_forward(moves)
    os.unlink(final)


def _roll_forward(moves: list[tuple[str, str]]) -> None:
    for tmp, target in moves:
        if os.path.exists(tmp):
            Path(target).parent.mkdir(parents=True, exist_ok=True)
            os.replace(tmp, target)


def recover(out: Path) -> int:
    """Finish writes a killed run had committed to, and drop the ones it had not; returns how many."""
    finished = 0
    journal_dir = out / STATE_DIR / "journal"
    for journal in sorted(journal_dir.glob("*.json")) if journal_dir.is_dir() else []:
        try:
            moves = json.loads(journal.read_text(encoding="utf-8"))
        except ValueError:
            moves = []
        _roll_forward([(str(tmp), str(target)) for tmp, target in moves])
        journal.unlink()
        finished += 1
    for folder in (journal_dir, out / STATE_DIR / "tmp", out / STATE_DIR):
        for leftover in folder.glob("*.tmp") if folder.is_dir() else []:
            leftover.unlink()
    for leftover in out.glob(".*.tmp"):  # ``write_atomic``'s, killed: a report page half written
        leftover.unlink()
    return finished


def recover_if_idle(out: Path) -> None:
    """``recover`` for commands that only read OUT: run it unless a run holds OUT now.

    A running `clean` is mid-write by design and recovers itself when it ends or is next
    started; without a journal there is nothing to do and the lock is not touched.
    """
    journal_dir = out / STATE_DIR / "journal"
    if not (journal_dir.is_dir() and any(journal_dir.glob("*.json"))) and not any(out.glob(".*.tmp")):
        return
    with _lock_file(out) as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return
        recover(out)


def _lock_file(out: Path) -> IO[str]:
    """OUT's lock file, opened (created with OUT's state folder when missing)."""
    state = out / STATE_DIR
    state.mkdir(parents=True, exist_ok=True)
    return os.fdopen(os.open(state / "lock", os.O_RDWR | os.O_CREAT, 0o644), "r+")


@contextlib.contextmanager
def locked(out: Path, on_wait: Callable[[str], None]) -> Iterator[None]:
    """Hold OUT's lock for the duration; a second `clean` on the same OUT waits for it.

    The lock is an flock on ``OUT/.mtclean/lock``, released by the kernel when the
    process ends, however it ends, so a killed run never leaves OUT locked.
    """
    with _lock_file(out) as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            on_wait(f"another `clean` ({holder}) is working on {out}; waiting for it to finish…")
            fcntl.flock(handle, fcntl.LOCK_EX)
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}")
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()
