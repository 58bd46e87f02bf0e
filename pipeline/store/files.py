"""The OUT folder: one proposal per article, decisions, and atomic writes.

For a raw article ``RAW/<rel>`` the store keeps::

    OUT/<rel>.edits.json   the edit list with each edit's status, and the signature
    OUT/<rel>.diff         unified diff from the raw file to the text with every
                           edit not rejected (what accepting the rest would give)
    OUT/<rel>              the accepted text, once a decision has been made

Every write goes to a temporary file first and is renamed into place, so a crash
leaves either the old file or the new one.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, Callable, Iterable, Iterator

from pipeline.inputs.article import Article, decode
from pipeline.store.diffs import encoded_diff
from pipeline.core.edits import Edit, Status, apply

STATE_DIR = ".mtclean"  # the store's own files: the lock, and later its indexes
EDITS_SUFFIX = ".edits.json"
_UMASK = os.umask(0)
os.umask(_UMASK)
FILE_MODE = 0o666 & ~_UMASK  # what open() would give; mkstemp alone gives 0600
DIFF_SUFFIX = ".diff"
FORMAT = 1


class StoreError(Exception):
    """OUT holds something we cannot use (a broken file, a raw article that changed)."""


def signature_hash(signature: dict) -> str:
    """A short stable hash of a signature, to compare runs."""
    import hashlib

    return hashlib.sha256(json.dumps(signature, sort_keys=True).encode()).hexdigest()[:16]


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, FILE_MODE)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@dataclass(frozen=True)
class Proposal:
    """One article's edits, where its raw text lives, and what produced them."""

    rel: str
    raw_path: str
    sha256: str
    encoding: str
    signature: dict
    edits: tuple[Edit, ...]
    flags: tuple[dict, ...] = ()  # sentences the rewrite stage's detector flagged

    def counts(self) -> dict[str, int]:
        out = {s: 0 for s in ("pending", "accepted", "rejected")}
        for e in self.edits:
            out[e.status] += 1
        return out

    def to_json(self, raw: str) -> dict:
        lines = line_numbers(raw, [e.start for e in self.edits] + [f["start"] for f in self.flags])
        return {
            "format": FORMAT,
            "article": self.rel,
            "raw": {"path": self.raw_path, "sha256": self.sha256, "encoding": self.encoding},
            "signature": self.signature,
            "edits": [
                {
                    "id": i,
                    "line": lines[e.start],
                    "original": raw[e.start : e.end],
                    **e.to_json(),
                    "key": edit_key(raw, e),
                }
                for i, e in enumerate(self.edits, 1)
            ],
            "flags": [
                {"line": lines[f["start"]], "text": raw[f["start"] : f["end"]], **f}
                for f in self.flags
            ],
        }

    @classmethod
    def from_json(cls, data: dict) -> "Proposal":
        return cls(
            rel=data["article"],
            raw_path=data["raw"]["path"],
            sha256=data["raw"]["sha256"],
            encoding=data["raw"]["encoding"],
            signature=data.get("signature", {}),
            edits=tuple(Edit.from_json(e) for e in data["edits"]),
            flags=tuple(
                {k: v for k, v in f.items() if k not in ("line", "text")} for f in data.get("flags", ())
            ),
        )


def line_numbers(raw: str, offsets: Iterable[int]) -> dict[int, int]:
    """The 1-based line of each offset, counting line breaks once over the text (counting
    from the start for every edit is quadratic on a large article with many edits)."""
    lines: dict[int, int] = {}
    line, pos = 1, 0
    for offset in sorted(set(offsets)):
        line += raw.count("\n", pos, offset)
        lines[offset] = line
        pos = offset
    return lines


CONTEXT_CHARS = 30


def edit_key(raw: str, edit: Edit) -> str:
    """Identifies "the same edit of the same text in the same context" across runs: rule,
    original text, proposed replacement and the characters around it on its own line,
    not its offsets (so lines added elsewhere do not change it)."""
    import hashlib

    # Search only the context window for the line breaks that bound it: searching the whole
    # line is quadratic on a long one-line article.
    before = max(0, edit.start - CONTEXT_CHARS)
    line_break = raw.rfind("\n", before, edit.start)
    before = before if line_break == -1 else line_break + 1
    after = min(len(raw), edit.end + CONTEXT_CHARS)
    line_break = raw.find("\n", edit.end, after)
    after = after if line_break == -1 else line_break
    parts = (
        edit.rule,
        raw[edit.start : edit.end],
        edit.proposed if edit.proposed is not None else edit.replacement,
        raw[before : edit.start],
        raw[edit.end : after],
    )
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def carry_decisions(out: Path, rel: str, raw: str, edits: list[Edit]) -> list[Edit]:
    """New edits inherit the decision made on the same edit in the article's last proposal:
    a decided edit is never asked again, and a rejected one never proposed again."""
    edits_path = paths(out, rel)[2]
    try:
        old = json.loads(edits_path.read_text(encoding="utf-8"))["edits"]
    except (OSError, ValueError, KeyError, TypeError):
        return edits
    decided = {e["key"]: e for e in old if e.get("status", "pending") != "pending" and "key" in e}
    if not decided:
        return edits
    carried = []
    for edit in edits:
        before = decided.get(edit_key(raw, edit))
        if before is not None:
            edit = replace(
                edit,
                status=before["status"],
                replacement=before["replacement"],
                proposed=before.get("proposed"),
            )
        carried.append(edit)
    return carried


def paths(out: Path, rel: str) -> tuple[Path, Path, Path]:
    """(accepted text, diff, edit list) of article ``rel`` under ``out``."""
    text = out / rel
    return text, text.with_name(text.name + DIFF_SUFFIX), text.with_name(text.name + EDITS_SUFFIX)


def save(out: Path, proposal: Proposal, raw: str, write_text: bool) -> None:
    """Write the edit list and the diff; the accepted text too when ``write_text``.

    The files are written to temporary names, a journal naming them is written, and
    only then are they renamed into place: a run killed half-way is rolled forward
    by ``recover``, so an article's files always agree with each other.
    """
    text_path, diff_path, edits_path = paths(out, proposal.rel)
    live = [e for e in proposal.edits if e.status != "rejected"]
    files = {diff_path: encoded_diff(raw, live, proposal.rel, proposal.encoding)}
    if write_text:
        accepted = [e for e in proposal.edits if e.status == "accepted"]
        files[text_path] = apply(raw, accepted).encode(proposal.encoding)
    body = json.dumps(proposal.to_json(raw), ensure_ascii=False, indent=1) + "\n"
    files[edits_path] = _encode_json(body)
    write_together(out, files)


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


@dataclass
class Index:
    """What OUT already holds: for each article, the raw file it was proposed from
    (size, mtime, hash) and the signature it was proposed with. Lets a re-run skip
    unchanged articles without reading them, as git's index does."""

    articles: dict[str, dict]
    path: Path

    @classmethod
    def load(cls, out: Path) -> "Index":
        path = out / STATE_DIR / "index.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            articles = data["articles"] if data.get("format") == FORMAT else {}
        except (OSError, ValueError, KeyError, TypeError):
            articles = {}
        return cls(articles, path)

    def save(self) -> None:
        body = json.dumps({"format": FORMAT, "articles": self.articles}, ensure_ascii=False, separators=(",", ":"))
        write_atomic(self.path, _encode_json(body))

    def is_current(self, rel: str, stat: os.stat_result, signature_hash: str) -> bool:
        """True when the raw file looks unchanged (size, mtime) and the pipeline signature
        (all but the tables) is the same."""
        entry = self.articles.get(rel)
        return (
            entry is not None
            and entry["size"] == stat.st_size
            and entry["mtime_ns"] == stat.st_mtime_ns
            and entry["signature"] == signature_hash
        )

    def record(self, rel: str, stat: os.stat_result, sha256: str, signature_hash: str, table_hash: str) -> None:
        self.articles[rel] = {
            "size": stat.st_size,
            "mtime_ns": stat.st_mtime_ns,
            "sha256": sha256,
            "signature": signature_hash,
            "table": table_hash,
        }


def _encode_json(body: str) -> bytes:
    """JSON as UTF-8; a file name that is not UTF-8 (surrogates) as ``\\udcXX`` escapes,
    which JSON reads back as the same name."""
    return body.encode("utf-8", "backslashreplace")


def load(out: Path, rel: str) -> Proposal:
    edits_path = paths(out, rel)[2]
    try:
        return Proposal.from_json(json.loads(edits_path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise StoreError(f"{edits_path}: cannot read the edit list ({exc})") from None


def load_each(
    out: Path, rels: Iterable[str], on_error: Callable[[str, StoreError], None]
) -> Iterator[tuple[str, Proposal, str]]:
    """(rel, proposal, raw text) of each article; one that cannot be loaded (its edit list
    unreadable, its raw file changed or gone) goes to ``on_error`` and is left out."""
    for rel in rels:
        try:
            proposal = load(out, rel)
            raw = load_raw(proposal)
        except StoreError as exc:
            on_error(rel, exc)
            continue
        yield rel, proposal, raw


def load_raw(proposal: Proposal) -> str:
    """The raw text the proposal was made from; an error if it changed or went away."""
    import hashlib

    try:
        data = Path(proposal.raw_path).read_bytes()
    except OSError as exc:
        raise StoreError(f"{proposal.rel}: raw article unreadable ({exc.strerror}): {proposal.raw_path}") from None
    if hashlib.sha256(data).hexdigest() != proposal.sha256:
        raise StoreError(f"{proposal.rel}: the raw article changed since it was proposed; run `clean RAW OUT` again")
    return decode(data)[0]


def articles_in(out: Path) -> list[str]:
    """The rel path of every article with a proposal under ``out``, sorted."""
    found = []
    for path in out.rglob("*" + EDITS_SUFFIX):
        if not any(part.startswith(".") for part in path.relative_to(out).parts):
            found.append(path.relative_to(out).as_posix()[: -len(EDITS_SUFFIX)])
    return sorted(found)


def new_proposal(
    article: Article, raw_path: Path, edits: Iterable[Edit], signature: dict, flags: Iterable[dict] = ()
) -> Proposal:
    return Proposal(
        rel=article.rel,
        raw_path=str(raw_path.resolve()),
        sha256=article.sha256,
        encoding=article.encoding,
        signature=signature,
        edits=tuple(edits),
        flags=tuple(flags),
    )


def decide(proposal: Proposal, chosen: Callable[[Edit], bool], status: Status) -> tuple[Proposal, int]:
    """Set ``status`` on the pending edits ``chosen`` selects; returns the new proposal and the count."""
    changed = 0
    edits = []
    for edit in proposal.edits:
        if edit.status == "pending" and chosen(edit):
            edit = replace(edit, status=status)
            changed += 1
        edits.append(edit)
    return replace(proposal, edits=tuple(edits)), changed


def select(out: Path, articles: Iterable[str]) -> list[str]:
    """The articles named (or all); StoreError when one is unknown or OUT holds no proposal."""
    selected = list(iter_selected(out, articles))
    if not selected:
        raise StoreError(f"no proposals in {out}; run `clean RAW {out}` first")
    return selected


def iter_selected(out: Path, articles: Iterable[str]) -> Iterator[str]:
    """The rel paths named (as rel paths or as OUT/<rel> paths), or all of them."""
    known = articles_in(out)
    names = list(articles)
    if not names:
        yield from known
        return
    for name in names:
        rel = _as_rel(out, name)
        if rel not in known:
            raise StoreError(f"no proposal for {name!r} in {out}")
        yield rel


def _as_rel(out: Path, name: str) -> str:
    for suffix in (EDITS_SUFFIX, DIFF_SUFFIX):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    path = Path(name)
    try:
        return path.resolve().relative_to(out.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


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
