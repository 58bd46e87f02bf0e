"""An article's proposal: its edits with their statuses, and how it is saved and read back.

``save`` writes the edit list (``OUT/<rel>.edits.json``), the diff of every edit not
rejected, and, once something was decided, the accepted text, all three together. Each
edit is stored with a ``key`` (``edit_key``) that names it across runs, so a decision
survives the article being proposed again.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

from pipeline.core.edits import Edit, apply
from pipeline.core.settings import KEY_CONTEXT_CHARS
from pipeline.inputs.article import Article, decode
from pipeline.store.diffs import encoded_diff_chunks
from pipeline.store.layout import FORMAT, StoreError, paths
from pipeline.store.json_text import indented_json_chunks, json_bytes
from pipeline.store.writes import write_together


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
    metadata: dict | None = None  # what the source says of the article (a page's title, date, url)

    def counts(self) -> dict[str, int]:
        """How many edits are pending, accepted and rejected."""
        out = {s: 0 for s in ("pending", "accepted", "rejected")}
        for e in self.edits:
            out[e.status] += 1
        return out

    def to_json(self, raw: str) -> dict:
        """The edit list file's content: each edit with its id, line, original text and key."""
        return {key: list(value) if isinstance(value, Iterator) else value for key, value in self._fields(raw).items()}

    def json_chunks(self, raw: str) -> Iterator[bytes]:
        """The edit list file, as ``indented_json(self.to_json(raw))`` and a line break writes it,
        in pieces: its edits and flags are made and written a few thousand at a time."""
        return (json_bytes(piece) for piece in indented_json_chunks(self._fields(raw)))

    def _fields(self, raw: str) -> dict:
        """``to_json``'s content, its edits and flags as iterators."""
        lines = line_numbers(raw, [e.start for e in self.edits] + [f["start"] for f in self.flags])
        return {
            "format": FORMAT,
            "article": self.rel,
            "raw": {"path": self.raw_path, "sha256": self.sha256, "encoding": self.encoding},
            "signature": self.signature,
            "edits": (
                {
                    "id": i,
                    "line": lines[e.start],
                    "original": raw[e.start : e.end],
                    **e.to_json(),
                    "key": edit_key(raw, e),
                }
                for i, e in enumerate(self.edits, 1)
            ),
            "flags": (
                {"line": lines[f["start"]], "text": raw[f["start"] : f["end"]], **f}
                for f in self.flags
            ),
            **({"metadata": self.metadata} if self.metadata else {}),
        }

    @classmethod
    def from_json(cls, data: dict) -> "Proposal":
        """The proposal an edit list file holds (what ``to_json`` adds for readers is dropped)."""
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
            metadata=data.get("metadata"),
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


def edit_key(raw: str, edit: Edit) -> str:
    """Identifies "the same edit of the same text in the same context" across runs: rule,
    original text, proposed replacement and the characters around it on its own line,
    not its offsets (so lines added elsewhere do not change it)."""
    # Search only the context window for the line breaks that bound it: searching the whole
    # line is quadratic on a long one-line article.
    before = max(0, edit.start - KEY_CONTEXT_CHARS)
    line_break = raw.rfind("\n", before, edit.start)
    before = before if line_break == -1 else line_break + 1
    after = min(len(raw), edit.end + KEY_CONTEXT_CHARS)
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


def new_proposal(
    article: Article,
    raw_path: Path,
    edits: Iterable[Edit],
    signature: dict,
    flags: Iterable[dict] = (),
    metadata: dict | None = None,
) -> Proposal:
    """The proposal of ``edits`` (and flagged sentences, and the source's ``metadata``) for an
    article just read from ``raw_path``."""
    return Proposal(
        rel=article.rel,
        raw_path=str(raw_path.resolve()),
        sha256=article.sha256,
        encoding=article.encoding,
        signature=signature,
        edits=tuple(edits),
        flags=tuple(flags),
        metadata=metadata or None,
    )


def save(out: Path, proposal: Proposal, raw: str, write_text: bool) -> None:
    """Write the edit list and the diff; the accepted text too when ``write_text``.

    The files are written to temporary names, a journal naming them is written, and
    only then are they renamed into place: a run killed half-way is rolled forward
    by ``recover``, so an article's files always agree with each other.
    """
    article_files = paths(out, proposal.rel)
    live = [e for e in proposal.edits if e.status != "rejected"]
    files: dict[Path, bytes | Iterable[bytes]] = {
        article_files.diff: encoded_diff_chunks(raw, live, proposal.rel, proposal.encoding)
    }
    if write_text:
        accepted = [e for e in proposal.edits if e.status == "accepted"]
        files[article_files.text] = apply(raw, accepted).encode(proposal.encoding)
    files[article_files.edits] = proposal.json_chunks(raw)  # as json.dumps(..., ensure_ascii=False, indent=1)
    write_together(out, files)


def load(out: Path, rel: str) -> Proposal:
    """Article ``rel``'s proposal as OUT holds it; StoreError when its edit list is unreadable."""
    edits_path = paths(out, rel).edits
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
    try:
        data = Path(proposal.raw_path).read_bytes()
    except OSError as exc:
        raise StoreError(f"{proposal.rel}: raw article unreadable ({exc.strerror}): {proposal.raw_path}") from None
    if hashlib.sha256(data).hexdigest() != proposal.sha256:
        raise StoreError(f"{proposal.rel}: the raw article changed since it was proposed; run `clean RAW OUT` again")
    return decode(data)[0]
