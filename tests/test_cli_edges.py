"""The command line's rough edges: a mistyped command, the default command's usage, a
missing model, RAW paths as article names, a reader that stops early, `clean rules`,
and what to run next."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from .conftest import raw_with
from .reviewing import CLEAN

ARTICLE = "Officials said the talks would go on. . He wanted to protect the interests. through dialogue.\n"


@pytest.fixture
def raw(tmp_path: Path) -> Path:
    return raw_with(tmp_path, ARTICLE)


def test_a_mistyped_command_is_named_with_the_command_meant(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run_cli("stauts", "out")
    assert result.exit_code == 2
    assert "No such command 'stauts'. Did you mean 'status'?" in result.output


def test_an_existing_path_close_to_a_command_name_is_still_raw(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "status").mkdir()
    (tmp_path / "status" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    result = run_cli("statu", "out")
    assert "Did you mean" in result.output  # "statu" is no path
    result = run_cli("status", "out")
    assert "Did you mean" not in result.output


def test_usage_of_the_default_command_never_names_run(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for args in (["nosuchfolder", "out"], ["--help"], ["run", "--help"], ["raw"]):
        result = run_cli(*args, prog_name="clean")
        assert "clean run" not in result.output, args
    assert "Usage: clean RAW OUT [OPTIONS]" in run_cli("run", "--help", prog_name="clean").output


def test_a_model_that_is_not_there_stops_the_run_naming_the_folder(run_cli, raw, tmp_path):
    result = run_cli(raw, tmp_path / "out", "--model", "nosuchmodel")
    assert result.exit_code == 2
    assert "models/nosuchmodel" in result.output and "models/README.md" in result.output
    assert not (tmp_path / "out" / "a.txt.edits.json").exists()


def test_a_raw_path_names_its_article(run_cli, raw, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    run_cli("raw", "out")
    result = run_cli("status", "out", "raw/a.txt")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[1].startswith("a.txt ")
    assert run_cli("accept", "out", str(raw / "a.txt")).exit_code == 0
    assert (tmp_path / "out" / "a.txt").exists()


def test_an_out_path_still_names_its_article(run_cli, raw, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    run_cli("raw", "out")
    assert run_cli("status", "out", "out/a.txt.diff").exit_code == 0


@pytest.mark.parametrize("command", [["status", "{out}"], ["rules"], ["report", "{out}"], ["{raw}", "{out}2"]])
def test_a_reader_that_stops_early_ends_the_command_quietly(run_cli, raw, tmp_path, command):
    out = tmp_path / "out"
    run_cli(raw, out)
    read, write = os.pipe()
    os.close(read)  # the reader is gone before the first line is written: `| head -0`
    args = [a.format(out=out, raw=raw) for a in command]
    try:
        done = subprocess.run([*CLEAN, *args], stdout=write, stderr=subprocess.PIPE, text=True, timeout=120)
    finally:
        os.close(write)
    assert done.returncode == 0
    assert "Error" not in done.stderr and "Traceback" not in done.stderr


def test_rules_lists_the_rewrite_rule_too(run_cli):
    lines = run_cli("rules").output.splitlines()
    assert lines[-1].split()[:3] == ["rewrite-garbled-sentence", "rewrite", "review"]


def test_rules_show_code_in_single_backticks(run_cli):
    output = run_cli("rules").output
    assert "``" not in output
    assert "`Kyiv,, adding`" in output


def test_pending_review_edits_end_the_summary_with_review_and_report(run_cli, raw, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run_cli("raw", "my out")
    assert result.exit_code == 0, result.output
    last = result.output.splitlines()[-1]
    assert "`clean review 'my out'`" in last and "`clean report 'my out'`" in last


def test_no_review_hint_when_nothing_is_left_to_review(run_cli, raw, tmp_path):
    result = run_cli(raw, tmp_path / "out", "--accept", "all")
    assert "clean review" not in result.output
