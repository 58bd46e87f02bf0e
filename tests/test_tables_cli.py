"""Tables through `clean`: RAW/clean.toml and --table, errors, and re-runs after a table change."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from .conftest import ROOT

SEED = "001_e9bec2b34587e159.txt"


def edits_of(out: Path, rel: str) -> list[dict]:
    return json.loads((out / f"{rel}.edits.json").read_text(encoding="utf-8"))["edits"]


@pytest.fixture
def seed_only(tmp_path: Path) -> Path:
    """Seed 001 alone, without the sample table."""
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(ROOT / "raw" / SEED, raw / SEED)
    return raw


def test_without_the_sample_table_tmur_is_still_proposed_as_temur_for_review(run_cli, seed_only, tmp_path):
    run_cli(seed_only, tmp_path / "out")
    fixes = [e for e in edits_of(tmp_path / "out", SEED) if e["original"] == "Tmur"]
    assert [(e["replacement"], e["risk"]) for e in fixes] == [("Temur", "review")] * 3


def test_a_table_given_with_table_is_used(run_cli, seed_only, tmp_path):
    extra = tmp_path / "extra.tsv"
    extra.write_text("Global Times\tthe Global Times\tthe paper's name takes an article\n", encoding="utf-8")
    run_cli(seed_only, tmp_path / "out", "--table", extra)
    assert any(e["rule"] == "replace-table-phrase" for e in edits_of(tmp_path / "out", SEED))


def test_a_malformed_table_stops_the_run_with_file_and_line(run_cli, seed_only, tmp_path):
    (seed_only / "clean.toml").write_text('[[person]]\nname = "X Y"\ncolour = "red"\n', encoding="utf-8")
    result = run_cli(seed_only, tmp_path / "out")
    assert result.exit_code == 2
    assert f"{seed_only / 'clean.toml'}:3:" in result.output
    assert not (tmp_path / "out" / f"{SEED}.edits.json").exists()


def test_a_table_change_reproposes_only_articles_that_mention_a_changed_term(run_cli, tmp_path):
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    (raw / "a.txt").write_text("Jon Smiht met the press.\n", encoding="utf-8")
    (raw / "b.txt").write_text("Nothing about him here.\n", encoding="utf-8")
    run_cli(raw, out)
    before = (out / "b.txt.edits.json").stat().st_mtime_ns
    (raw / "clean.toml").write_text('[[person]]\nname = "Jon Smith"\nvariants = ["Jon Smiht"]\n', encoding="utf-8")
    result = run_cli(raw, out)
    assert result.output.startswith("1 article proposed (1 unchanged)")
    assert [e["replacement"] for e in edits_of(out, "a.txt")] == ["Jon Smith"]
    assert (out / "b.txt.edits.json").stat().st_mtime_ns == before
    assert run_cli(raw, out).output.startswith("nothing new")


def test_suggest_prints_entries_for_names_spelt_two_ways(run_cli, seed_only):
    result = run_cli("suggest", seed_only)
    assert result.exit_code == 0
    assert "Temur Umarov" in result.output and "Tmur" in result.output
