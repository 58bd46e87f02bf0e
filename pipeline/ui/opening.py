"""How the commands that work on OUT's proposals begin and end, written once.

Each names its articles (all by default; an unknown one is a usage error), makes sure a
killed run's writes are finished before it reads, and exits with status 1 when an
article could not be read (its edit list broken, its raw file changed or gone) after
doing what it could with the others. A command that writes holds OUT's lock for its
whole body; one that only reads (``status``, ``report``) does not wait for it.
"""

from __future__ import annotations

import contextlib
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

import click

from pipeline.store.layout import StoreError, select
from pipeline.store.proposals import Proposal, load_each
from pipeline.store.writes import locked, recover, recover_if_idle, run_journal
from pipeline.ui.terminal import fail, warn


@dataclass
class Opening:
    """The articles a command works on, and those it could not read."""

    out: Path
    rels: list[str]
    failed: list[str] = field(default_factory=list)

    def unreadable(self, rel: str, exc: StoreError) -> None:
        """Say why ``rel`` cannot be read, and count it as failed."""
        fail(str(exc))
        self.failed.append(rel)

    def proposals(
        self, also: Callable[[str, StoreError], None] | None = None
    ) -> Iterator[tuple[str, Proposal, str]]:
        """(rel, proposal, raw text) of each article; one that cannot be read goes to
        ``unreadable`` (and to ``also``, when given) and is left out."""

        def unreadable(rel: str, exc: StoreError) -> None:
            self.unreadable(rel, exc)
            if also is not None:
                also(rel, exc)

        return load_each(self.out, self.rels, unreadable)


@contextlib.contextmanager
def held(out: Path) -> Iterator[None]:
    """OUT's lock held (waiting, and saying so, while another `clean` has it), the writes a
    killed run left behind finished first, and this command's own journalled as a run's."""
    with locked(out, warn):
        recover(out)
        with run_journal(out):
            yield


@contextlib.contextmanager
def opened(
    out: Path, articles: Iterable[str] = (), *, lock: bool, rels: list[str] | None = None
) -> Iterator[Opening]:
    """The articles named (``rels`` when already chosen), with OUT held (``lock``) or, for
    a command that only reads, a killed run's writes finished unless a run holds OUT now;
    exits with status 1 after the body when an article could not be read."""
    if not lock:
        recover_if_idle(out)  # a killed run's writes, finished before they are read
    opening = Opening(out, rels if rels is not None else selected(out, articles))
    if lock:
        with held(out):
            yield opening
    else:
        yield opening
    if opening.failed:
        sys.exit(1)


def selected(out: Path, articles: Iterable[str]) -> list[str]:
    """The articles named (or all), as ``select`` gives them; a usage error when it cannot."""
    try:
        return select(out, articles)
    except StoreError as exc:
        raise click.UsageError(str(exc)) from None
