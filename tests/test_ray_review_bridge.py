"""`clean export DATASET DIR` and `clean import DIR DATASET`: part of a Ray run's dataset
reviewed as a normal OUT folder, and the decisions written back as a new version.

The dataset is made as `clean RAW OUT --engine ray` makes it, without starting Ray: the
rows of each file go through ``Cleaner`` (which works on pyarrow tables) and are written
with pyarrow, one Parquet file for the seeds as proposed, one for records with the safe
edits accepted (so that their ``text`` is not their raw text).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from .conftest import ROOT

pa = pytest.importorskip("pyarrow", reason="datasets need pyarrow: pip install -e '.[ray]'")
pq = pytest.importorskip("pyarrow.parquet")

SEED_0, SEED_1 = sorted(p.name for p in (ROOT / "raw").glob("*.txt"))
RECORD_0, RECORD_1, PLAIN = "scrape.jsonl#s0", "scrape.jsonl#s1", "scrape.jsonl#plain"
RUN_FIELDS = ("start", "end", "original", "replacement", "rule", "stage", "reason", "risk", "status")


def _rows(names_and_texts: list[tuple[str, str]]) -> list[dict]:
    return [
        {
            "article": name,
            "key": name.rpartition("#")[2],
            "source": f"/raw/{name.partition('#')[0]}",
            "position": n,
            "encoding": "utf-8",
            "raw_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
            "text": text,
        }
        for n, (name, text) in enumerate(names_and_texts)
    ]


@pytest.fixture(scope="module")
def parts() -> dict[str, object]:
    """The dataset's two files, as pyarrow tables (proposing takes a second: done once)."""
    from pipeline.engine.ray.cleaner import Cleaner
    from pipeline.engine.ray.output import COLUMNS

    seeds = [(p.name, p.read_text(encoding="utf-8")) for p in sorted((ROOT / "raw").glob("*.txt"))]
    records = [(RECORD_0, seeds[0][1]), (RECORD_1, seeds[1][1]), (PLAIN, "The council met on Tuesday.\n")]
    return {
        "part-0.parquet": Cleaner().clean(pa.Table.from_pylist(_rows(seeds))).select(COLUMNS),
        "part-1.parquet": Cleaner(accept="safe").clean(pa.Table.from_pylist(_rows(records))).select(COLUMNS),
    }


@pytest.fixture
def dataset(tmp_path: Path, parts) -> Path:
    folder = tmp_path / "cleaned"
    folder.mkdir()
    for name, table in parts.items():
        pq.write_table(table, folder / name)
    (folder / "_mtclean.json").write_text("{}", encoding="utf-8")  # a run's manifest: not rows
    return folder


def rows(folder: Path) -> dict[str, dict]:
    """A dataset's rows by article."""
    return {row["article"]: row for row in pq.read_table(folder).to_pylist()}


def exported(folder: Path) -> list[str]:
    manifest = json.loads((folder / ".mtclean" / "dataset" / "export.json").read_text(encoding="utf-8"))
    return [row["article"] for row in manifest["rows"]]


def edit_list(folder: Path, rel: str) -> list[dict]:
    return json.loads((folder / f"{rel}.edits.json").read_text(encoding="utf-8"))["edits"]


def fingerprint(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_export_writes_a_sample_as_an_out_folder_that_status_and_report_read_without_raw(run_cli, dataset, tmp_path):
    result = run_cli("export", dataset, tmp_path / "sample", "--sample", "2", "--seed", "3")
    assert result.exit_code == 0, result.output
    assert "exported 2 rows" in result.output
    assert len(exported(tmp_path / "sample")) == 2
    assert run_cli("status", tmp_path / "sample").exit_code == 0
    report = run_cli("report", tmp_path / "sample")
    assert report.exit_code == 0, report.output
    assert "2 articles" in report.output


def test_a_sample_is_the_same_for_the_same_seed_and_holds_only_rows_with_edits(run_cli, dataset, tmp_path):
    for name in ("a", "b"):
        run_cli("export", dataset, tmp_path / name, "--sample", "4", "--seed", "7")
    assert exported(tmp_path / "a") == exported(tmp_path / "b")
    assert PLAIN not in exported(tmp_path / "a")
    assert len(exported(tmp_path / "a")) == 4


def test_rule_export_picks_only_the_rows_with_an_edit_of_that_rule(run_cli, dataset, tmp_path):
    result = run_cli("export", dataset, tmp_path / "names", "--rule", "fix-name-variant")
    assert result.exit_code == 0, result.output
    having = {a for a, row in rows(dataset).items() if any("fix-name-variant" in e["rule"].split("+") for e in row["edits"])}
    assert having and set(exported(tmp_path / "names")) == having


def test_a_row_with_accepted_edits_is_exported_with_its_raw_text_and_its_accepted_text(run_cli, dataset, tmp_path):
    run_cli("export", dataset, tmp_path / "one", "--article", RECORD_0)
    row = rows(dataset)[RECORD_0]
    assert any(e["status"] == "accepted" for e in edit_list(tmp_path / "one", RECORD_0))
    assert (tmp_path / "one" / RECORD_0).read_text(encoding="utf-8") == row["text"]
    raw = json.loads((tmp_path / "one" / f"{RECORD_0}.edits.json").read_text(encoding="utf-8"))["raw"]
    assert Path(raw["path"]).is_relative_to((tmp_path / "one").resolve())
    assert hashlib.sha256(Path(raw["path"]).read_bytes()).hexdigest() == row["raw_sha256"]


def test_an_unknown_article_is_a_usage_error(run_cli, dataset, tmp_path):
    result = run_cli("export", dataset, tmp_path / "none", "--article", "nope.txt")
    assert result.exit_code == 2
    assert "'nope.txt'" in result.output


def test_import_writes_the_decisions_to_a_new_version_and_leaves_the_rest_and_the_dataset_alone(run_cli, dataset, tmp_path):
    before, original = fingerprint(dataset), rows(dataset)
    run_cli("export", dataset, tmp_path / "review", "--article", SEED_0, "--article", RECORD_1)
    assert run_cli("accept", tmp_path / "review", "--edit", f"{SEED_0}:1").exit_code == 0
    assert run_cli("reject", tmp_path / "review", "--edit", f"{SEED_0}:2").exit_code == 0
    accepted = next(i for i, e in enumerate(edit_list(tmp_path / "review", RECORD_1), 1) if e["status"] == "accepted")
    assert run_cli("reject", tmp_path / "review", "--edit", f"{RECORD_1}:{accepted}").exit_code == 0
    result = run_cli("import", tmp_path / "review", dataset)
    assert result.exit_code == 0, result.output
    version = tmp_path / "cleaned.v2"
    assert f"wrote {version}" in result.output
    new = rows(version)
    statuses = [e["status"] for e in new[SEED_0]["edits"]]
    assert statuses[:2] == ["accepted", "rejected"] and set(statuses[2:]) == {"pending"}
    assert [h["status"] for h in new[SEED_0]["edits"][0]["history"]] == ["accepted"]
    assert new[RECORD_1]["edits"][accepted - 1]["status"] == "rejected"
    for rel in (SEED_0, RECORD_1):
        assert new[rel]["text"] == (tmp_path / "review" / rel).read_text(encoding="utf-8")
    assert new[RECORD_1]["text"] != original[RECORD_1]["text"]
    for rel in set(original) - {SEED_0, RECORD_1}:
        row = dict(new[rel])
        row["edits"] = [{f: e[f] for f in RUN_FIELDS} for e in row["edits"]]
        row["flags"] = [{k: v for k, v in f.items() if k != "seen"} for f in row["flags"]]
        assert row == original[rel], rel
    assert fingerprint(dataset) == before


def test_a_second_import_writes_the_next_version_and_never_the_dataset_itself(run_cli, dataset, tmp_path):
    run_cli("export", dataset, tmp_path / "review", "--article", SEED_1)
    assert run_cli("import", tmp_path / "review", dataset).exit_code == 0
    assert run_cli("import", tmp_path / "review", dataset).exit_code == 0
    assert (tmp_path / "cleaned.v3").is_dir()
    refused = run_cli("import", tmp_path / "review", dataset, "--to", dataset)
    assert refused.exit_code == 2
    assert "never overwritten" in refused.output


def test_import_refuses_a_row_whose_raw_hash_changed_since_the_export(run_cli, dataset, tmp_path):
    run_cli("export", dataset, tmp_path / "review", "--article", SEED_0)
    table = pq.read_table(dataset / "part-0.parquet")
    hashes = ["0" * 64 if a == SEED_0 else h for a, h in zip(table.column("article").to_pylist(), table.column("raw_sha256").to_pylist())]
    pq.write_table(table.set_column(table.column_names.index("raw_sha256"), "raw_sha256", pa.array(hashes)), dataset / "part-0.parquet")
    result = run_cli("import", tmp_path / "review", dataset)
    assert result.exit_code == 2
    assert f"{SEED_0}: its raw text changed since it was exported" in result.output
    assert not (tmp_path / "cleaned.v2").exists()


def test_a_version_can_be_exported_again_with_its_decisions(run_cli, dataset, tmp_path):
    run_cli("export", dataset, tmp_path / "first", "--article", SEED_0)
    run_cli("accept", tmp_path / "first", "--edit", f"{SEED_0}:1")
    run_cli("import", tmp_path / "first", dataset)
    result = run_cli("export", tmp_path / "cleaned.v2", tmp_path / "again", "--article", SEED_0)
    assert result.exit_code == 0, result.output
    again = edit_list(tmp_path / "again", SEED_0)[0]
    assert again["status"] == "accepted" and [h["status"] for h in again["history"]] == ["accepted"]


@pytest.fixture(scope="module")
def local_ray():
    """One local Ray of 2 CPUs for the tests that run `clean --engine ray` (it joins this one)."""
    ray = pytest.importorskip("ray", reason="--engine ray needs Ray Data: pip install -e '.[ray]'")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield
    ray.shutdown()


def test_a_ray_run_says_its_edits_per_risk_and_per_rule_as_the_local_run_does(run_cli, local_ray, tmp_path):
    import re
    import shutil

    shutil.copytree(ROOT / "raw", tmp_path / "raw")
    local = run_cli(tmp_path / "raw", tmp_path / "local")
    result = run_cli(tmp_path / "raw", tmp_path / "ray", "--engine", "ray", "--jobs", "2")
    assert result.exit_code == 0, result.output
    summary = re.compile(r"\d+ edits? \(\d+ safe, \d+ to review\)")
    assert summary.findall(result.output) == summary.findall(local.output) != []
    per_rule = [line for line in result.output.splitlines() if line.startswith("  ")]
    assert per_rule and per_rule == [line for line in local.output.splitlines() if line.startswith("  ")]


def test_the_dataset_of_a_ray_run_exports_and_imports(run_cli, local_ray, tmp_path):
    import shutil

    shutil.copytree(ROOT / "raw", tmp_path / "raw")
    assert run_cli(tmp_path / "raw", tmp_path / "ray", "--engine", "ray", "--accept", "safe").exit_code == 0
    assert run_cli("export", tmp_path / "ray", tmp_path / "review", "--article", SEED_1).exit_code == 0
    assert run_cli("reject", tmp_path / "review", "--edit", f"{SEED_1}:1").exit_code == 0
    result = run_cli("import", tmp_path / "review", tmp_path / "ray")
    assert result.exit_code == 0, result.output
    new, old = rows(tmp_path / "ray.v2"), rows(tmp_path / "ray")
    assert new[SEED_1]["edits"][0]["status"] == "rejected"
    assert new[SEED_1]["text"] == (tmp_path / "review" / SEED_1).read_text(encoding="utf-8")
    assert new[SEED_0]["text"] == old[SEED_0]["text"]
