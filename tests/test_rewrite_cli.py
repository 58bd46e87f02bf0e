"""The rewrite stage through `clean`: flags in the edit file, the model run end to end, acceptance."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.ui.selection import ACCEPT_CHOICES
from pipeline.ui.selection import selector as _selector
from pipeline.core.edits import Edit

from .conftest import raw_with
from .tiny_model import tiny_model_folder

GARBLED = "The article noted that these two Countries have made progress. Markets were calm.\n"


@pytest.fixture
def raw(tmp_path: Path) -> Path:
    return raw_with(tmp_path, GARBLED)


def edit_file(out: Path) -> dict:
    return json.loads((out / "a.txt.edits.json").read_text(encoding="utf-8"))


def test_flagged_sentences_are_listed_even_when_no_model_runs(run_cli, raw, tmp_path):
    run_cli(raw, tmp_path / "out")
    flags = edit_file(tmp_path / "out")["flags"]
    assert [f["text"] for f in flags] == ["The article noted that these two Countries have made progress."]
    assert flags[0]["reasons"]


def test_a_missing_model_folder_stops_the_run_before_any_article_is_proposed(run_cli, raw, tmp_path):
    result = run_cli(raw, tmp_path / "out", "--model", str(tmp_path / "no-such-model"))
    assert result.exit_code == 2
    assert f"no model folder at {tmp_path / 'no-such-model'}" in result.output
    assert "models/README.md" in result.output
    assert not (tmp_path / "out" / "a.txt.edits.json").exists()


def test_a_model_name_is_looked_for_under_models(run_cli, raw, tmp_path):
    result = run_cli(raw, tmp_path / "out", "--model", "nosuchmodel")
    assert result.exit_code == 2
    assert "no model folder at models/nosuchmodel" in result.output


def test_the_tiny_model_runs_end_to_end_and_its_noise_is_dropped_by_the_guards(run_cli, raw, tmp_path, tmp_path_factory):
    model = tiny_model_folder(tmp_path_factory)
    result = run_cli(raw, tmp_path / "out", "--model", str(model))
    assert result.exit_code == 0, result.output
    data = edit_file(tmp_path / "out")
    assert data["signature"]["model"]
    (flag,) = data["flags"]
    assert "rewrite" in flag and flag["dropped"]
    assert not [e for e in data["edits"] if "rewrite-garbled-sentence" in e["rule"]]


def rewrite_edit(risk: str = "review") -> Edit:
    return Edit(0, 5, "x", "rewrite-garbled-sentence", "rewrite", "flagged", risk)  # type: ignore[arg-type]


def test_accept_all_does_not_accept_model_rewrites():
    assert not ACCEPT_CHOICES["all"](rewrite_edit())
    assert not ACCEPT_CHOICES["safe"](rewrite_edit("safe"))


def test_accept_rewrites_accepts_model_rewrites():
    assert ACCEPT_CHOICES["rewrites"](rewrite_edit())


def test_accept_command_takes_model_rewrites_only_when_the_rule_is_named():
    assert not _selector((), None)(rewrite_edit())
    assert _selector(("rewrite-garbled-sentence",), None)(rewrite_edit())
