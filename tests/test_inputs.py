"""What `clean RAW OUT` reads: .txt and .md files in any case, a folder or a single article,
and one warning line counting every file it does not read, by reason."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from .reviewing import CLEAN

DAMAGED = "He said: “we are close “. Talks go on. . Next week.\n"
FIXED = "He said: “we are close”. Talks go on. Next week.\n"
READ = "only .txt, .md, .jsonl, .ndjson, .json, .html and .htm files (.TXT too) are read"


def proposed(out: Path) -> list[str]:
    """The articles OUT holds a proposal for."""
    return sorted(p.relative_to(out).as_posix()[: -len(".edits.json")] for p in out.rglob("*.edits.json"))


def skip_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if "files skipped" in line or "file skipped" in line]


# --- what is read ---------------------------------------------------------------------------------


def test_extensions_are_matched_without_regard_to_case(run_cli, raw, tmp_path):
    (raw / "Kyiv.TXT").write_text(DAMAGED, encoding="utf-8")
    (raw / "notes.Md").write_text(DAMAGED, encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli(raw, out)
    assert result.exit_code == 0, result.output
    assert proposed(out) == ["Kyiv.TXT", "notes.Md"]
    assert skip_lines(result.stderr) == []


def test_names_that_differ_only_in_case_are_two_articles_with_their_own_out_files(run_cli, raw, tmp_path):
    (raw / "a.txt").write_text(DAMAGED, encoding="utf-8")
    (raw / "A.TXT").write_text(DAMAGED.replace("Next", "Kyiv next"), encoding="utf-8")
    assert sorted(p.name for p in raw.iterdir()) == ["A.TXT", "a.txt"]  # two files on this file system
    out = tmp_path / "out"
    assert run_cli(raw, out, "--accept", "all").exit_code == 0
    assert proposed(out) == ["A.TXT", "a.txt"]
    assert (out / "a.txt").read_text(encoding="utf-8") == FIXED
    assert (out / "A.TXT").read_text(encoding="utf-8") == FIXED.replace("Next", "Kyiv next")


# --- the files not read, counted -----------------------------------------------------------------


def test_files_not_read_are_counted_in_one_warning_line_by_reason(run_cli, raw, tmp_path):
    (raw / "a.txt").write_text(DAMAGED, encoding="utf-8")
    (raw / "report.pdf").write_bytes(b"%PDF-1.4")
    (raw / "sub").mkdir()
    (raw / "sub" / "scan.PDF").write_bytes(b"%PDF-1.4")
    (raw / "sub" / "LICENSE").write_text("MIT\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli(raw, out)
    assert result.exit_code == 0, result.output
    assert skip_lines(result.stderr) == ["3 files skipped: 2 .pdf, 1 without an extension"]
    assert proposed(out) == ["a.txt"]


def test_hidden_files_and_symlinks_are_counted_and_symlinks_stay_unfollowed(run_cli, raw, tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "secret.txt").write_text(DAMAGED, encoding="utf-8")
    (raw / "link.txt").symlink_to(outside / "secret.txt")
    (raw / "linked").symlink_to(outside, target_is_directory=True)
    (raw / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (raw / "a.txt").write_text(DAMAGED, encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli(raw, out)
    assert skip_lines(result.stderr) == ["3 files skipped: 2 symlinks, 1 hidden"]
    assert proposed(out) == ["a.txt"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_is_skipped_and_counted_not_read(raw, tmp_path):
    os.mkfifo(raw / "x.txt")  # reading it would wait for a writer for ever
    (raw / "a.txt").write_text(DAMAGED, encoding="utf-8")
    out = tmp_path / "out"
    result = subprocess.run([*CLEAN, str(raw), str(out)], check=False, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert skip_lines(result.stderr) == ["1 file skipped: 1 not a regular file"]
    assert proposed(out) == ["a.txt"]


def test_hidden_folders_are_not_counted_file_by_file(run_cli, raw, tmp_path):
    (raw / ".git" / "objects").mkdir(parents=True)
    (raw / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    (raw / ".git" / "objects" / "ab12").write_bytes(b"x")
    (raw / "a.txt").write_text(DAMAGED, encoding="utf-8")
    result = run_cli(raw, tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert skip_lines(result.stderr) == []


def test_the_tables_a_run_reads_are_not_counted_as_skipped(run_cli, raw, tmp_path):
    (raw / "clean.toml").write_text('[[person]]\nname = "Jon Smith"\nvariants = ["Jon Smiht"]\n', encoding="utf-8")
    (raw / "fixes.tsv").write_text("Global Times\tthe Global Times\tthe paper's name\n", encoding="utf-8")
    (raw / "a.txt").write_text("Jon Smiht met the press.\n", encoding="utf-8")
    result = run_cli(raw, tmp_path / "out", "--table", raw / "fixes.tsv")
    assert result.exit_code == 0, result.output
    assert skip_lines(result.stderr) == []


def test_a_table_in_raw_that_the_run_does_not_read_is_counted(run_cli, raw, tmp_path):
    (raw / "fixes.tsv").write_text("Global Times\tthe Global Times\tthe paper's name\n", encoding="utf-8")
    (raw / "sub").mkdir()
    (raw / "sub" / "clean.toml").write_text("", encoding="utf-8")  # only RAW/clean.toml is the corpus table
    (raw / "a.txt").write_text(DAMAGED, encoding="utf-8")
    result = run_cli(raw, tmp_path / "out")
    assert skip_lines(result.stderr) == ["2 files skipped: 1 .toml, 1 .tsv"]


def test_a_folder_of_articles_only_gives_no_skip_line(run_cli, raw, tmp_path):
    (raw / "a.txt").write_text(DAMAGED, encoding="utf-8")
    (raw / "sub").mkdir()
    (raw / "sub" / "b.md").write_text(DAMAGED, encoding="utf-8")
    result = run_cli(raw, tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""


def test_binary_and_empty_articles_keep_their_own_warnings_and_are_not_counted_as_skipped(run_cli, raw, tmp_path):
    (raw / "nul.txt").write_bytes(b"PK\x03\x04\x00\x00binary\x00data")
    (raw / "empty.txt").write_bytes(b"")
    (raw / "good.txt").write_text(DAMAGED, encoding="utf-8")
    result = run_cli(raw, tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert sorted(result.stderr.splitlines()) == ["skipped empty.txt: empty", "skipped nul.txt: binary file (NUL bytes)"]


def test_the_skip_line_is_repeated_on_a_rerun_with_nothing_new(run_cli, raw, tmp_path):
    (raw / "a.txt").write_text(DAMAGED, encoding="utf-8")
    (raw / "feed.xml").write_text("<rss/>\n", encoding="utf-8")
    out = tmp_path / "out"
    run_cli(raw, out)
    result = run_cli(raw, out)
    assert skip_lines(result.stderr) == ["1 file skipped: 1 .xml"]
    assert result.stdout.startswith("nothing new: 1 article")


# --- no articles ------------------------------------------------------------------------------


def test_scraper_output_without_articles_says_so_and_names_what_was_skipped(run_cli, raw, tmp_path):
    (raw / "feed.xml").write_text("<rss/>\n", encoding="utf-8")
    (raw / "feed.csv").write_text("title\nTalks\n", encoding="utf-8")
    (raw / "scan.pdf").write_bytes(b"%PDF-1.4")
    result = run_cli(raw, tmp_path / "out")
    assert result.exit_code == 0
    assert "nothing new" not in result.output
    assert result.stderr.splitlines() == [f"no articles in {raw}: 3 files skipped (1 .csv, 1 .pdf, 1 .xml); {READ}"]


def test_an_empty_raw_says_it_holds_no_articles_and_exits_0(run_cli, raw, tmp_path):
    result = run_cli(raw, tmp_path / "out")
    assert result.exit_code == 0
    assert "nothing new" not in result.output
    assert result.stderr.splitlines() == [f"no articles in {raw}: no files found; {READ}"]


# --- a single article -----------------------------------------------------------------------------


def test_a_single_file_is_proposed_under_its_file_name(run_cli, raw, tmp_path):
    (raw / "sub").mkdir()
    (raw / "sub" / "a.txt").write_text(DAMAGED, encoding="utf-8")
    (raw / "sub" / "b.txt").write_text(DAMAGED, encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli(raw / "sub" / "a.txt", out)
    assert result.exit_code == 0, result.output
    assert proposed(out) == ["a.txt"]  # not sub/a.txt


def test_status_and_accept_work_on_the_out_of_a_single_file(run_cli, raw, tmp_path):
    (raw / "a.txt").write_text(DAMAGED, encoding="utf-8")
    out = tmp_path / "out"
    run_cli(raw / "a.txt", out)
    assert "a.txt" in run_cli("status", out).output
    assert run_cli("accept", out).exit_code == 0
    assert (out / "a.txt").read_text(encoding="utf-8") == FIXED
    assert (raw / "a.txt").read_text(encoding="utf-8") == DAMAGED


def test_a_single_file_reads_the_clean_toml_beside_it(run_cli, raw, tmp_path):
    (raw / "clean.toml").write_text('[[person]]\nname = "Jon Smith"\nvariants = ["Jon Smiht"]\n', encoding="utf-8")
    (raw / "a.txt").write_text("Jon Smiht met the press.\n", encoding="utf-8")
    out = tmp_path / "out"
    run_cli(raw / "a.txt", out)
    edits = json.loads((out / "a.txt.edits.json").read_text(encoding="utf-8"))["edits"]
    assert [e["replacement"] for e in edits] == ["Jon Smith"]


@pytest.mark.parametrize("where", ["the file", "its folder"])
def test_out_must_not_be_the_single_file_or_the_folder_it_is_in(run_cli, raw, where):
    (raw / "a.txt").write_text(DAMAGED, encoding="utf-8")
    out = raw / "a.txt" if where == "the file" else raw
    result = run_cli(raw / "a.txt", out)
    assert result.exit_code == 2
    assert sorted(p.name for p in raw.iterdir()) == ["a.txt"]
    assert (raw / "a.txt").read_text(encoding="utf-8") == DAMAGED


def test_a_single_file_that_is_not_an_article_is_a_usage_error(run_cli, raw, tmp_path):
    (raw / "feed.csv").write_text("title\nTalks\n", encoding="utf-8")
    result = run_cli(raw / "feed.csv", tmp_path / "out")
    assert result.exit_code == 2
    assert f"RAW ({raw / 'feed.csv'}) is not a folder or an article: {READ}" in result.output
    assert not (tmp_path / "out").exists()


def test_run_help_says_what_is_read_and_that_raw_may_be_a_file(run_cli):
    text = " ".join(run_cli("run", "--help").output.split())
    assert "RAW is a folder or a single article" in text
    assert ".txt and .md files" in text
    assert "the clean.toml beside it" in text
