"""Where things are in OUT, and which articles it holds.

For a raw article ``RAW/<rel>`` the store keeps::

    OUT/<rel>.edits.json   the edit list with each edit's status, and the signature
    OUT/<rel>.diff         unified diff from the raw file to the text with every
                           edit not rejected (what accepting the rest would give)
    OUT/<rel>              the accepted text, once a decision has been made

and its own files (the lock, the journal of writes in progress, the index) under
``OUT/.mtclean``. Every command names articles by ``rel``; ``select`` turns what a
person typed (a rel path, an OUT path, or a RAW path) into those names.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable, Iterator, NamedTuple

STATE_DIR = ".mtclean"  # the store's own files: the lock, the journal, the index
EDITS_SUFFIX = ".edits.json"
DIFF_SUFFIX = ".diff"
FORMAT = 1  # of the edit lists and the index


class StoreError(Exception):
    """OUT holds something we cannot use (a broken file, a raw article that changed)."""


class ArticleFiles(NamedTuple):
    """The three files OUT keeps for one article."""

    text: Path  # the accepted text
    diff: Path
    edits: Path  # the edit list


def paths(out: Path, rel: str) -> ArticleFiles:
    """The accepted text, diff and edit list of article ``rel`` under ``out``."""
    text = out / rel
    return ArticleFiles(text, text.with_name(text.name + DIFF_SUFFIX), text.with_name(text.name + EDITS_SUFFIX))


def last_edit_list(out: Path, rel: str) -> object | None:
    """Article ``rel``'s last edit list as parsed JSON; None when there is none or it is
    unreadable. Read once for both carries (decisions and flags) when proposing anew."""
    try:
        with open(paths(out, rel).edits, "rb") as handle:
            data = handle.read()
        return json.loads(data.decode("utf-8"))
    except (OSError, ValueError):
        return None


def articles_in(out: Path) -> list[str]:
    """The rel path of every article with a proposal under ``out``, sorted."""
    found = []
    for path in out.rglob("*" + EDITS_SUFFIX):
        if not any(part.startswith(".") for part in path.relative_to(out).parts):
            found.append(path.relative_to(out).as_posix()[: -len(EDITS_SUFFIX)])
    return sorted(found)


def select(out: Path, articles: Iterable[str]) -> list[str]:
    """The articles named (or all); StoreError when one is unknown or OUT holds no proposal."""
    selected = list(iter_selected(out, articles))
    if not selected:
        raise StoreError(f"no proposals in {out}; run `clean RAW {out}` first")
    return selected


def iter_selected(out: Path, articles: Iterable[str]) -> Iterator[str]:
    """The rel paths named (as rel paths, OUT/<rel> paths or RAW/<rel> paths), or all of them."""
    known = articles_in(out)
    names = list(articles)
    if not names:
        yield from known
        return
    known_set = set(known)
    for name in names:
        rel = _as_rel(out, name)
        if rel not in known_set:
            rel = _as_raw_rel(name, known_set)
        if rel is None:
            raise StoreError(f"no proposal for {name!r} in {out}")
        yield rel


def _as_raw_rel(name: str, known: set[str]) -> str | None:
    """The article a RAW path names (``raw/sub/a.txt``, as tab completion gives it): the
    longest tail of the path that is an article's rel path; None when there is none."""
    parts = Path(name).parts
    for start in range(1, len(parts)):
        tail = Path(*parts[start:]).as_posix()
        if tail in known:
            return tail
    return None


def _as_rel(out: Path, name: str) -> str:
    """The rel path of a name typed as a rel path or as a path of one of OUT's files."""
    for suffix in (EDITS_SUFFIX, DIFF_SUFFIX):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    path = Path(name)
    try:
        return path.resolve().relative_to(out.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
