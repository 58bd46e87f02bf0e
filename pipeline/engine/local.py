"""A run over a corpus: which articles need proposing, proposing each one, and the tally.

Per-article work is independent, so articles run in worker processes when asked
(``jobs > 1``); each worker writes its own articles' files and returns a small
``Outcome``, and the parent keeps the index and the counts. Output does not
depend on the number of workers.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

from pipeline.core.rules import Step
from pipeline.engine.assembly import Pipeline, propose
from pipeline.inputs.article import UnreadableArticle, read_article
from pipeline.stages.rewrite.detector import flag_sentences
from pipeline.store.decisions import carry_decisions
from pipeline.store.flagged import carry_flags, open_flags
from pipeline.store.layout import last_edit_list
from pipeline.store.proposals import new_proposal, save


@dataclass(frozen=True)
class Job:
    """Everything a worker needs to propose articles; pickled once per worker."""

    out: Path
    pipeline: Pipeline
    signature: dict
    metadata: dict[str, dict] = field(default_factory=dict)  # by article: what its source says of it


@dataclass
class Outcome:
    """What became of one article."""

    rel: str
    state: str  # "proposed", "skipped" (not an article we can clean) or "failed"
    message: str = ""
    sha256: str = ""
    rules: Counter = field(default_factory=Counter)
    risks: Counter = field(default_factory=Counter)
    flagged: int = 0  # flagged sentences still waiting for a person
    review: int = 0  # edits of risk "review" left pending (counted here, not read back by the parent)


def propose_article(job: Job, rel: str, path: Path) -> Outcome:
    """Read, propose, keep earlier decisions, and save one article."""
    try:
        article = read_article(path, rel)
    except UnreadableArticle as exc:
        return Outcome(rel, "skipped", str(exc))
    except OSError as exc:
        return Outcome(rel, "failed", exc.strerror or str(exc))
    if not article.text.lstrip("\ufeff").strip():
        return Outcome(rel, "skipped", "empty")
    try:
        edits, flags = propose(article.text, job.pipeline)
        old = last_edit_list(job.out, rel)  # read once, for both carries
        edits = carry_decisions(article.text, edits, old)
        flags = carry_flags(article.text, flags, old)
        # An edit the raw file's encoding cannot write (a curly quote in Latin-1) is dropped:
        # the cleaned text is written back in that encoding.
        edits = [e for e in edits if article.can_encode(e.replacement)]
        proposal = new_proposal(article, path, edits, job.signature, flags, job.metadata.get(rel))
        save(job.out, proposal, article.text, write_text=(job.out / rel).exists())
    except Exception as exc:  # one bad article must not stop the others
        return Outcome(rel, "failed", f"{type(exc).__name__}: {exc}")
    outcome = Outcome(rel, "proposed", sha256=article.sha256, flagged=open_flags(proposal))
    for edit in proposal.edits:
        outcome.risks[edit.risk] += 1
        outcome.rules.update(edit.rules)
        if edit.risk == "review" and edit.status == "pending":
            outcome.review += 1
    return outcome


_JOB: Job | None = None


def _start_worker(job: Job) -> None:
    global _JOB
    _JOB = job


def _work(item: tuple[str, Path]) -> Outcome:
    assert _JOB is not None
    return propose_article(_JOB, *item)


def propose_all(job: Job, todo: Sequence[tuple[str, Path]], jobs: int) -> Iterator[Outcome]:
    """Outcomes in the order of ``todo``, computed by ``jobs`` processes."""
    with fewer_collections():
        yield from _propose_all(job, todo, jobs)


@contextlib.contextmanager
def fewer_collections() -> Iterator[None]:
    """The cyclic garbage collector run less often while articles are proposed: proposing
    allocates many short-lived containers and makes few cycles, and at Python's default
    threshold (a collection every 700 allocations) the collector took about 6% of a run.
    What is alive before (modules, patterns, the word list) is frozen out of collections, as
    the ``gc`` documentation advises before forking workers."""
    before = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(10_000, 10, 10)
    try:
        yield
    finally:
        gc.set_threshold(*before)
        gc.unfreeze()


def _propose_all(job: Job, todo: Sequence[tuple[str, Path]], jobs: int) -> Iterator[Outcome]:
    if jobs <= 1 or len(todo) < 2:
        for rel, path in todo:
            yield propose_article(job, rel, path)
        return
    context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    if context.get_start_method() == "fork":
        warm_up(job.pipeline.stages)  # once here, not once in every worker (cheap when done before)
        gc.freeze()  # and what it made is shared, its pages not copied by a collection's visit
    with context.Pool(min(jobs, len(todo)), initializer=_start_worker, initargs=(job,)) as pool:
        # Small chunks: the last one a worker takes is what the others may wait on at the end.
        yield from pool.imap(_work, todo, chunksize=max(1, min(16, len(todo) // (jobs * 32))))


# A short text that takes every stage through its first use (its patterns compiled, the word
# list loaded): what a forked worker would otherwise do first, each on its own.
_WARM_UP = (
    "Aleksei Petrov and Alexei Petrov met in Geneva. . France did what she had to do , said “the\n"
    "Minister\" ‘today’. The the Countries agreed; Itlay and Italy 's talks.\n"
)


def warm_up(stages: Sequence[Step]) -> None:
    """Load the word list and propose the warm-up text (the result unused; never with a model),
    so that forked workers share what that made rather than each making it again. Stages bound
    to an empty name index warm up as well: this can run while the corpus index is counted."""
    from pipeline.stages.names.spelling import zipf

    zipf("warm")
    propose(_WARM_UP, Pipeline(tuple(stages), None))
    flag_sentences(_WARM_UP)


def default_jobs() -> int:
    """All the cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def tally(outcomes: Iterable[Outcome], each: Callable[[Outcome], None]) -> tuple[Counter, Counter, Counter]:
    """Count (states, rules, risks) over outcomes, calling ``each`` on every one."""
    states: Counter = Counter()
    rules: Counter = Counter()
    risks: Counter = Counter()
    for outcome in outcomes:
        each(outcome)
        states[outcome.state] += 1
        rules.update(outcome.rules)
        risks.update(outcome.risks)
    return states, rules, risks
