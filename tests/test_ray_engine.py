"""`clean RAW OUT --engine ray` and ``Cleaner``: the local run's answers, on Ray Data.

Starting Ray costs seconds, so the module shares one local Ray of 2 CPUs, and the tests are few.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from .conftest import ROOT

ray = pytest.importorskip("ray", reason="--engine ray needs Ray Data: pip install -e '.[ray]'")
pq = pytest.importorskip("pyarrow.parquet")

EDIT_FIELDS = ("start", "end", "original", "replacement", "rule", "stage", "reason", "risk", "status")

# A Ray run that hangs (a resource deadlock) must fail CI, not stall it: with pytest-timeout
# (the `test` extra), a test past 600 s has every thread's stack dumped and the session ends.
pytestmark = pytest.mark.timeout(600, method="thread")


@pytest.fixture(scope="module", autouse=True)
def local_ray():
    """One local Ray of 2 CPUs for the module; the command joins it (``ray.is_initialized``)."""
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield
    ray.shutdown()


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """The seeds of raw/ (and their table), and a JSON Lines scrape of records built from them:
    each seed three times, with a name misspelt in some, so that the name evidence matters."""
    folder = tmp_path / "raw"
    shutil.copytree(ROOT / "raw", folder)
    records = []
    for n, seed in enumerate(sorted((ROOT / "raw").glob("*.txt"))):
        text = seed.read_text(encoding="utf-8")
        for k in range(3):
            records.append({"id": f"s{n}-{k}", "url": f"https://example.com/{n}/{k}", "text": text.replace("Umarov", "Umarof") if k == 1 else text})
    (folder / "scrape.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return folder


def rows(out: Path) -> dict[str, dict]:
    """OUT's dataset, one row per article, by article name."""
    return {row["article"]: row for row in pq.read_table(out).to_pylist()}


def local_edits(out: Path, rel: str) -> list[dict]:
    data = json.loads((out / f"{rel}.edits.json").read_text(encoding="utf-8"))
    return [{f: e[f] for f in EDIT_FIELDS} for e in data["edits"]]


def test_ray_engine_proposes_for_every_article_the_edits_the_local_run_proposes(run_cli, corpus, tmp_path):
    assert run_cli(corpus, tmp_path / "local", "--jobs", "2").exit_code == 0
    result = run_cli(corpus, tmp_path / "ray", "--engine", "ray", "--jobs", "2")
    assert result.exit_code == 0, result.output
    found = rows(tmp_path / "ray")
    assert len(found) == 8
    for rel, row in found.items():
        assert row["edits"] == local_edits(tmp_path / "local", rel), rel
    assert any(row["edits"] for row in found.values())


def test_each_row_holds_its_source_raw_hash_and_the_signature_of_the_local_index(run_cli, corpus, tmp_path):
    assert run_cli(corpus, tmp_path / "local").exit_code == 0
    result = run_cli(corpus, tmp_path / "ray", "--engine", "ray")
    assert result.exit_code == 0, result.output
    index = json.loads((tmp_path / "local" / ".mtclean" / "index.json").read_text())["articles"]
    for rel, row in rows(tmp_path / "ray").items():
        assert (row["signature"], row["table"], row["raw_sha256"]) == (
            index[rel]["signature"], index[rel]["table"], index[rel]["sha256"]
        )
        assert row["source"].endswith(rel.split("#")[0])


def test_accept_safe_writes_the_text_with_only_the_safe_edits_applied(run_cli, corpus, tmp_path):
    run_cli(corpus, tmp_path / "ray", "--engine", "ray", "--accept", "safe")
    row = rows(tmp_path / "ray")["000_f84799e936662b2e.txt"]
    raw = (corpus / "000_f84799e936662b2e.txt").read_text(encoding="utf-8")
    accepted = [e for e in row["edits"] if e["status"] == "accepted"]
    assert accepted and all(e["risk"] == "safe" for e in accepted)
    assert all(e["status"] == "pending" for e in row["edits"] if e["risk"] != "safe")
    for edit in sorted(accepted, key=lambda e: e["start"], reverse=True):
        raw = raw[: edit["start"]] + edit["replacement"] + raw[edit["end"] :]
    assert row["text"] == raw


def test_a_malformed_record_is_reported_by_file_and_line_and_the_others_written(run_cli, corpus, tmp_path):
    scrape = corpus / "scrape.jsonl"
    lines = scrape.read_text(encoding="utf-8").splitlines(keepends=True)
    scrape.write_text("".join(lines[:2]) + '{"id": "broken", "text": "cut\n' + "".join(lines[2:]), encoding="utf-8")
    result = run_cli(corpus, tmp_path / "ray", "--engine", "ray")
    assert result.exit_code == 1
    assert "scrape.jsonl:3: malformed JSON" in result.output
    assert len(rows(tmp_path / "ray")) == 8


def test_a_rerun_after_files_were_added_processes_only_the_new_files(run_cli, corpus, tmp_path):
    out = tmp_path / "ray"
    run_cli(corpus, out, "--engine", "ray")
    (corpus / "more.jsonl").write_text(json.dumps({"id": "m1", "text": "Temur Umarov said so ."}) + "\n", encoding="utf-8")
    again = run_cli(corpus, out, "--engine", "ray")
    assert "1 article from 1 new file" in again.output
    assert len(pq.read_table(out)) == len(rows(out)) == 9  # the first 8 rows once each, and the new one
    assert "nothing new" in run_cli(corpus, out, "--engine", "ray").output


def test_cleaner_in_a_users_pipeline_adds_the_proposal_columns():
    from pipeline.engine.ray import Cleaner

    text = (ROOT / "raw" / "000_f84799e936662b2e.txt").read_text(encoding="utf-8")
    ds = ray.data.from_items([{"id": 1, "body": text}])
    out = ds.map_batches(Cleaner, fn_constructor_kwargs={"accept": "all", "output_column": "clean"}, concurrency=1, batch_format="pandas")
    [row] = out.take_all()
    assert {"edits", "flags", "signature", "raw_sha256", "clean"} <= set(row)
    assert row["body"] == text and row["clean"] != text
    assert all(e["status"] == "accepted" for e in row["edits"])


class DiesOnce:
    """A Cleaner whose first process exits at its first batch, as a killed worker would."""

    def __init__(self, marker: str, **kwargs) -> None:
        from pipeline.engine.ray import Cleaner

        self.marker, self.cleaner = marker, Cleaner(**kwargs)

    def __call__(self, batch):
        if not os.path.exists(self.marker):
            open(self.marker, "w").close()
            os._exit(1)
        return self.cleaner(batch)


def test_a_worker_killed_mid_run_is_replaced_and_every_row_still_cleaned(tmp_path):
    from ray import cloudpickle  # Ray's own copy: the cloudpickle package is not among its dependencies
    import sys

    cloudpickle.register_pickle_by_value(sys.modules[__name__])  # workers need not import the tests
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "raw").glob("*.txt"))]
    ds = ray.data.from_items([{"text": t} for t in texts])
    out = ds.map_batches(
        DiesOnce, fn_constructor_kwargs={"marker": str(tmp_path / "died")}, concurrency=1, batch_size=1, batch_format="pyarrow"
    )
    assert len(out.take_all()) == len(texts)
    assert (tmp_path / "died").exists()
