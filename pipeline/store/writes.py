"""Writing OUT so that a crash never leaves it half written, and one writer at a time.

A single file is written to a temporary name and renamed into place (``write_atomic``).
An article's files, which must agree with each other, are written together: each to a
temporary file, then a journal entry naming them all, then the renames (``write_together``);
a run killed after the entry is rolled forward by ``recover``, one killed before it
leaves only temporary files, which ``recover`` removes. An entry is a file of its own, or,
within ``run_journal``, a line appended to the one journal file of the process (a file
created costs more than the rest of an article's bookkeeping). A `clean` that writes
holds OUT's lock (``locked``) while it does.
"""

from __future__ import annotations

import contextlib
import fcntl
import itertools
import json
import os
import re
import tempfile
from pathlib import Path
from typing import IO, Callable, Iterable, Iterator

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


def write_if_changed(path: Path, data: bytes) -> None:
    """``write_atomic``, skipped when ``path`` already holds ``data``: its modification time then
    stays, so a re-run's size-and-time check sees the file unchanged."""
    try:
        if path.read_bytes() == data:
            return
    except OSError:
        pass
    write_atomic(path, data)


def write_together(out: Path, files: dict[Path, bytes | Iterable[bytes]]) -> None:
    """Write several files so that after a crash and ``recover`` either all or none are new;
    each file's content is bytes, or pieces of it written one after another."""
    tmp_dir = _temporaries_of_this_process(out)  # made when first missing (``_new_temporary``)
    moves = []
    for target, data in files.items():
        fd, tmp = _new_temporary(tmp_dir)
        _write_and_close(fd, data)
        moves.append((tmp, str(target)))
    if _RUN is not None and _RUN.out == out:
        _RUN.commit(moves)
        return
    fd, journal = _new_temporary(out / STATE_DIR / "journal")
    _write_and_close(fd, _journal_entry(moves))
    final = journal[: -len(".tmp")] + ".json"
    os.replace(journal, final)  # from here on the write counts as made
    _roll_forward(moves)
    os.unlink(final)


class _RunJournal:
    """The journal file of each process of a run, opened on its first write: one line per
    ``write_together``, appended in one ``write`` (a killed process leaves whole lines). A
    worker forked from the run has another process id, so it opens a file of its own."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.pid = 0
        self.fd = -1
        self.path = ""
        self.unfinished = False  # a write failed between its entry and its last rename

    def commit(self, moves: list[tuple[str, str]]) -> None:
        """Journal ``moves``, from then on the write counts as made, and make them."""
        self._append(moves)
        try:
            _roll_forward(moves)
        except BaseException:
            self.unfinished = True
            raise

    def _append(self, moves: list[tuple[str, str]]) -> None:
        if self.pid != os.getpid():  # this process's first write (or a forked worker's)
            folder = self.out / STATE_DIR / "journal"
            folder.mkdir(parents=True, exist_ok=True)
            self.path = f"{os.fspath(folder)}/{os.getpid()}-{next(_TEMPORARIES)}.jsonl"
            self.fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_APPEND, 0o666)
            self.pid = os.getpid()
        _write_all(self.fd, _journal_entry(moves) + b"\n")

    def close(self) -> None:
        """Close this process's journal, and remove it when every write it names is done
        (else ``recover`` finishes them; a worker's is left to ``recover`` too)."""
        if self.pid == os.getpid():
            fd, self.pid, self.fd = self.fd, 0, -1
            os.close(fd)
            if not self.unfinished:
                os.unlink(self.path)


_RUN: _RunJournal | None = None


@contextlib.contextmanager
def run_journal(out: Path) -> Iterator[None]:
    """Within this block, ``write_together`` on ``out`` journals its writes as lines of one file
    per process rather than a file each. The block ends with the journal files removed, every
    write they name being done; one left by an exception is finished by the next command."""
    global _RUN
    previous = _RUN
    journal = _RUN = _RunJournal(out)
    try:
        yield
    except BaseException:
        journal.unfinished = True  # as if killed: the next command's ``recover`` finishes the writes
        raise
    finally:
        _RUN = previous
        journal.close()
    recover(out)  # the workers' journals


_TEMPORARIES = itertools.count()


def _journal_entry(moves: list[tuple[str, str]]) -> bytes:
    return json.dumps(moves).encode("ascii")  # json.dumps escapes every other character


def _write_all(fd: int, data: bytes) -> None:
    """``data`` written to ``fd`` with plain ``write`` calls: a file object would cost three
    more system calls per file (the size, a terminal check, the position)."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _write_and_close(fd: int, data: bytes | Iterable[bytes]) -> None:
    try:
        for piece in [data] if isinstance(data, bytes) else data:
            _write_all(fd, piece)
    finally:
        os.close(fd)


def _temporaries_of_this_process(out: Path) -> Path:
    """``OUT/.mtclean/tmp/PID``: a folder of temporary files per process. Creating a file holds
    its folder's lock in the kernel, and with one folder for all, the workers of a run created
    their files one at a time (two processes took as long as one for twice the files, on
    ext4); renaming them into OUT after holds OUT's lock far more briefly."""
    return out / STATE_DIR / "tmp" / str(os.getpid())


def _new_temporary(folder: Path) -> tuple[int, str]:
    """A new file in ``folder`` named ``PID-N.tmp`` (open for writing, with open()'s mode): no
    random name to draw and no chmod, as ``tempfile.mkstemp`` needs; a name left by a killed
    process with the same id goes to ``mkstemp``."""
    path = f"{os.fspath(folder)}/{os.getpid()}-{next(_TEMPORARIES)}.tmp"
    try:
        return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666), path  # umask applies: FILE_MODE
    except FileNotFoundError:  # the folder is not there yet: made once, not checked at every write
        folder.mkdir(parents=True, exist_ok=True)
        return _new_temporary(folder)
    except FileExistsError:
        fd, path = tempfile.mkstemp(dir=folder, suffix=".tmp")
        os.fchmod(fd, FILE_MODE)
        return fd, path


def _entries(journal: Path) -> Iterator[list[tuple[str, str]]]:
    """The writes a journal file names, a list of moves a line: one in a write's ``.json`` file,
    one per write in a run's ``.jsonl`` file; an entry cut short (a crash while it was written)
    names none."""
    try:
        text = journal.read_text(encoding="utf-8")
    except OSError:
        return
    for entry in text.splitlines():
        try:
            yield json.loads(entry)
        except ValueError:
            continue


def _roll_forward(moves: list[tuple[str, str]]) -> int:
    """Rename into place each temporary file still there; 1 when any was (a write finished)."""
    moved = 0
    for tmp, target in moves:
        try:
            os.replace(tmp, target)
        except FileNotFoundError:
            if not os.path.exists(tmp):
                continue  # renamed before a crash
            Path(target).parent.mkdir(parents=True, exist_ok=True)  # missing: made, not checked every time
            os.replace(tmp, target)
        moved = 1
    return moved


def recover(out: Path) -> int:
    """Finish writes a killed run had committed to, and drop the ones it had not; returns how many."""
    finished = 0
    journal_dir = out / STATE_DIR / "journal"
    tmp_dir = out / STATE_DIR / "tmp"
    loose = _holds_temporaries(tmp_dir)  # straight in tmp/, as an older version left them
    for journal in sorted(journal_dir.glob("*.json*")) if journal_dir.is_dir() else []:
        if not loose and not _may_have_moves_left(tmp_dir, journal.name):
            journal.unlink()  # every temporary file it names is in place already
            continue
        for moves in _entries(journal):
            finished += _roll_forward([(str(tmp), str(target)) for tmp, target in moves])
        journal.unlink()
    for folder in (journal_dir, tmp_dir, out / STATE_DIR):
        for leftover in folder.glob("*.tmp") if folder.is_dir() else []:
            leftover.unlink()
    _drop_temporary_folders(tmp_dir)
    for leftover in out.glob(".*.tmp"):  # ``write_atomic``'s, killed: a report page half written
        leftover.unlink()
    return finished


_JOURNAL_OF_A_PROCESS = re.compile(r"(\d+)-\d+\.jsonl?")


def _may_have_moves_left(tmp_dir: Path, journal: str) -> bool:
    """False when no temporary file of the process that wrote ``journal`` (``PID-N.json[l]``)
    is left in its folder: its writes put them all in place. A run's end then drops its
    workers' journals without reading them (about 0.1 s over 4,000 articles, on the run's
    serial path). True, and the journal is replayed, for a name of another form."""
    own = _JOURNAL_OF_A_PROCESS.fullmatch(journal)
    return own is None or _holds_temporaries(tmp_dir / own.group(1))


def _holds_temporaries(folder: Path) -> bool:
    try:
        with os.scandir(folder) as entries:
            return any(entry.name.endswith(".tmp") for entry in entries)
    except FileNotFoundError:
        return False


def _drop_temporary_folders(tmp: Path) -> None:
    """Each process's folder of temporary files (``_temporaries_of_this_process``) removed with
    what a killed write left in it; by then no process of the run writes there."""
    for folder in tmp.iterdir() if tmp.is_dir() else []:
        if folder.is_dir():
            for leftover in folder.glob("*.tmp"):
                leftover.unlink()
            with contextlib.suppress(OSError):  # not empty: not ours to remove
                folder.rmdir()


def recover_if_idle(out: Path) -> None:
    """``recover`` for commands that only read OUT: run it unless a run holds OUT now.

    A running `clean` is mid-write by design and recovers itself when it ends or is next
    started; without a journal there is nothing to do and the lock is not touched.
    """
    journal_dir = out / STATE_DIR / "journal"
    if not (journal_dir.is_dir() and any(journal_dir.glob("*.json*"))) and not any(out.glob(".*.tmp")):
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
