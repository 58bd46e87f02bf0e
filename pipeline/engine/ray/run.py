"""A whole `clean RAW OUT --engine ray` run: join or start Ray, list RAW, count the names of
the corpus (``evidence``), broadcast them, propose with ``Cleaner`` and write OUT's dataset.

A worker killed mid-run costs its batch, not the run: Ray Data restarts a Cleaner actor whose
process dies and gives its batch again (``max_restarts`` and ``max_task_retries`` default to
-1 for map actors), and retries a reading task whose worker dies (``max_retries``). The manifest is written
last: a run that fails before it is redone in full by the next.
"""

from __future__ import annotations

import logging
import os
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable

from pipeline.engine.ray.cleaner import Cleaner
from pipeline.engine.ray.evidence import NameCounts, name_evidence
from pipeline.engine.ray.output import Manifest, clear, data_files, edit_counts, load_manifest, save_manifest, write_rows
from pipeline.engine.ray.reading import list_raw, read_articles
from pipeline.tables.table import Table

@dataclass
class RayRun:
    """What a run did, for the command to report."""

    files: int = 0
    new_files: int = 0
    articles: int = 0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    rules: Counter = field(default_factory=Counter)  # edits proposed per rule, as a local run counts them
    risks: Counter = field(default_factory=Counter)


def start_ray(address: str | None, jobs: int) -> None:
    """Join the cluster at ``address`` (or ``RAY_ADDRESS``); else start a local Ray of ``jobs`` CPUs."""
    import ray
    import ray.data

    address = address or os.environ.get("RAY_ADDRESS")
    if not ray.is_initialized():
        if address:
            ray.init(address=address, log_to_driver=False, logging_level=logging.ERROR)
        else:
            # One logical CPU more than the workers: the Cleaner pool takes ``jobs`` of them
            # (cleaner_pool_size), and the tasks reading their input always find the last one.
            ray.init(num_cpus=jobs + 1, include_dashboard=False, log_to_driver=False, logging_level=logging.ERROR)
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False
    context.print_on_execution_start = False
    for name in ("ray", "ray.data"):  # Ray's own notices (progress bars off, execution finished): not the user's concern
        logging.getLogger(name).setLevel(logging.ERROR)


def cleaner_pool_size(jobs: int) -> int:
    """The most ``Cleaner`` actors (one CPU each) a run starts: ``jobs``, but one CPU fewer than
    the cluster has, so that the reading tasks that feed them always find a CPU. An actor pool
    holding every CPU while its input's read tasks wait for one is a deadlock Ray Data does not
    always break (seen on a loaded 2-CPU machine: the run hung)."""
    import ray

    cpus = int(ray.cluster_resources().get("CPU", 0))
    return max(1, min(jobs, cpus - 1) if cpus > 1 else 1)


def release_actors() -> None:
    """Free the CPUs of a finished dataset's ``Cleaner`` actors now. Ray Data lets them go by
    dropping its handles, so they live on while a reference cycle still holds one: until
    Python's garbage collector runs, and the next dataset (the next run in this process)
    would wait for their CPUs."""
    import gc

    gc.collect()


def run(
    raw: str,
    out: str,
    table: Table,
    *,
    jobs: int,
    address: str | None = None,
    accept: str | None = None,
    text_field: str | None = None,
    key_field: str | None = None,
    on_progress: Callable[[str], None] = lambda line: None,
) -> RayRun:
    """Propose every new article of RAW into OUT's dataset, starting Ray (``start_ray``) only
    when there is something to do."""
    import ray
    import ray.data
    from ray.data.expressions import col

    done = RayRun()
    system, _, files, done.skipped = list_raw(raw)
    done.files = len(files)
    cleaner = Cleaner(table=table)  # only for the signature: the workers build their own
    manifest, counted = load_manifest(out)
    todo = manifest.new_files(files, cleaner.signature, cleaner.table)
    if todo is None:  # made again from scratch
        clear(out)
        manifest, counted, todo = Manifest(cleaner.signature, cleaner.table), NameCounts(), files
    done.new_files = len(todo)
    if not todo:
        return done
    start_ray(address, jobs)
    on_progress(f"counting names in {len(todo)} new file{'' if len(todo) == 1 else 's'}")
    fresh = name_evidence(read_articles(system, todo, text_field, key_field))
    for _, _, message, severity in fresh.problems:
        (done.errors if severity == "error" else done.warnings).append(message)
    counted.merge(fresh)
    done.articles = fresh.articles
    names = ray.put(counted.index())  # the broadcast: every Cleaner gets the same object
    on_progress(f"proposing {fresh.articles} article{'' if fresh.articles == 1 else 's'}")
    articles = read_articles(system, todo, text_field, key_field).filter(expr=col("proposable"))
    proposed = articles.map_batches(
        Cleaner,
        fn_constructor_kwargs={"names": names, "table": table, "accept": accept},
        compute=ray.data.ActorPoolStrategy(min_size=1, max_size=cleaner_pool_size(jobs)),
        num_cpus=1,
        batch_format="pyarrow",
        batch_size=64,
    )
    before = data_files(out)
    try:
        write_rows(proposed, out)
    finally:
        del proposed, articles
        release_actors()
    done.rules, done.risks = edit_counts(out, data_files(out) - before)
    manifest.add(todo)
    save_manifest(out, manifest, counted)
    return done
